"""Issue 14, item 9: reading works while the app holds the register (it exited 2 "Registret
används redan"): list, show, export, invitation and stats read without the writer's lock and
never write; commands that write get a message worded for a command, with the pid."""

from __future__ import annotations

import os

import pytest
from conftest import run_cli as run

from sipmote.store import Register
from tests.store.helpers14 import digest, plan, stocked

PID = "read00000001"


@pytest.fixture
def held(home, demo):
    """The register as the app holds it (the lock taken by an open Register in this process)."""
    stocked(home, plan(PID, "Läs Person"), saves=2)
    with Register(home) as reg:
        reg.save(demo)
    reg = Register(home).open()
    yield reg
    reg.close()


def test_reading_commands_work_while_the_app_holds_the_register(home, held, capsys, tmp_path, demo):
    before = digest(home)
    code, out, err = run(capsys, "list")
    assert code == 0 and "Läs Person" in out, err
    code, out, err = run(capsys, "show", PID)
    assert code == 0 and "Läs Person" in out, err
    code, out, err = run(capsys, "stats")
    assert code == 0, err
    code, out, err = run(capsys, "export", demo.id, "--docx", str(tmp_path / "sip.docx"))
    assert code == 0 and (tmp_path / "sip.docx").exists(), err
    code, out, err = run(capsys, "invitation", demo.id, "--docx", str(tmp_path / "kallelse.docx"))
    assert code == 0 and (tmp_path / "kallelse.docx").exists(), err
    assert digest(home) == before


def test_a_damaged_plan_is_shown_from_its_backup_without_writing(home, held, capsys):
    held.plan_path(PID).write_bytes(b"{torn")
    before = digest(home)
    code, out, err = run(capsys, "show", PID, "--json")
    assert code == 0 and '"long_term_goal": "v0"' in out
    assert "lagas nästa gång" in err
    assert digest(home) == before


@pytest.mark.parametrize("argv", [["delete", PID, "--yes"], ["import", "x.json"], ["init", "--encrypt"], ["passwd"]])
def test_writing_commands_get_a_message_for_a_command_with_the_pid(home, held, capsys, argv, tmp_path, monkeypatch):
    if argv[0] == "import":
        src = tmp_path / "x.json"
        src.write_text(plan("new000000001", "Ny Person").model_dump_json(), encoding="utf-8")
        argv = ["import", str(src)]
    pw = tmp_path / "pw"
    pw.write_text("hemlig fras ett\n", encoding="utf-8")
    monkeypatch.setenv("SIPMOTE_PASSPHRASE_FILE", str(pw))
    before = digest(home)
    code, _, err = run(capsys, *argv)
    assert code == 2
    if argv[0] != "passwd":  # passwd first says the register is not encrypted
        assert "Det här kommandot ändrar registret" in err and f"process {os.getpid()}" in err, err
    assert digest(home) == before
