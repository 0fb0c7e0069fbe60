"""Issue 14, items 2-5: the register heals what it can see, on open and under the lock.

Each test here fails on the code before issue 14 (noted per test)."""

from __future__ import annotations

import os
import stat
import sys

import pytest
from conftest import run_cli as run

from sipmote.store import Register
from tests.store.helpers14 import plan, stocked

PID = "miss00000001"


def test_a_missing_plan_file_is_restored_from_its_newest_backup_with_a_notice(home, capsys):
    """Old code: `list` dropped the plan silently and left its backups on disk forever."""
    stocked(home, plan(PID, "Saknad Person"), plan("other0000001", "Bo Annan"), saves=4)
    (home / "plans" / f"{PID}.json").unlink()
    code, out, err = run(capsys, "list")
    assert code == 0 and "Saknad Person" in out and "Bo Annan" in out
    assert f"Filen {PID}.json saknades" in err and "säkerhetskopian har återställts" in err
    code, out, _ = run(capsys, "show", PID, "--json")
    assert code == 0 and '"long_term_goal": "v2"' in out  # the newest backup (the file held v3)
    code, _, err = run(capsys, "list")
    assert "saknades" not in err  # said once


def test_the_notice_reaches_a_window_through_take_notices_once(home):
    stocked(home, plan(PID, "Saknad Person"), saves=3)
    (home / "plans" / f"{PID}.json").unlink()
    with Register(home) as reg:
        assert [s.id for s in reg.summaries()] == [PID]
        notices = reg.take_notices()
        assert len(notices) == 1 and "saknades" in notices[0]
        assert reg.take_notices() == []


def test_a_plan_that_cannot_be_restored_is_listed_as_damaged_with_what_to_do(home, capsys):
    """Old code: the plan vanished from the list (file missing, no good backup), nothing said."""
    stocked(home, plan(PID, "Trasig Person"), plan("other0000001", "Bo Annan"), saves=2)
    (home / "plans" / f"{PID}.json").unlink()
    for b in (home / "backups").glob(f"{PID}.*.json"):
        b.write_bytes(b"\x00garbage")
    code, out, err = run(capsys, "list")
    assert code == 0
    line = next(row for row in out.splitlines() if row.startswith(PID))
    assert "TRASIG" in line and "Trasig Person" in line
    assert "ingen fungerande säkerhetskopia" in err and f"sipmote delete {PID}" in err
    code, _, err = run(capsys, "show", PID)
    assert code == 2 and "ingen fungerande säkerhetskopia" in err
    code, out, _ = run(capsys, "delete", PID, "--yes")  # what the message says to do works
    assert code == 0
    assert not list((home / "backups").glob(f"{PID}.*"))


def test_when_every_backup_is_bad_the_listing_says_so_after_the_first_failed_load(home, capsys):
    """Old code: the TUI/`list` kept listing the plan from the index with no warning."""
    stocked(home, plan(PID, "Trasig Person"), saves=2)
    reg = Register(home).open()
    for p in [reg.plan_path(PID), *reg.backups_dir.glob(f"{PID}.*.json")]:
        p.write_bytes(b"{torn")
    with pytest.raises(Exception, match="ingen fungerande säkerhetskopia"):
        reg.load(PID)
    assert reg.summaries()[0].damaged
    reg.close()
    _code, out, err = run(capsys, "list")
    assert "TRASIG" in out and f"sipmote delete {PID}" in err  # and what to do


def test_orphaned_backups_and_temp_files_are_swept_on_open(home, capsys):
    """Old code: backups of a plan that is gone, and plaintext temp files, stayed through every start."""
    stocked(home, plan(PID, "Kvar Person"), saves=2)
    backups = home / "backups"
    (backups / "gone00000009.1.json").write_text('{"person": {"name": "Borta Person"}}', encoding="utf-8")
    (backups / "gone00000009.2.json").write_text("{}", encoding="utf-8")
    temps = [home / "plans" / f".{PID}.json.1a2b3c4d.tmp", home / ".index.json.5e6f7a8b.tmp",
             backups / f".{PID}.link.tmp"]
    for tmp in temps:
        tmp.write_text('{"person": {"name": "Hemlig Person", "personnummer": "20120314-9826"}}', encoding="utf-8")
    code, out, _ = run(capsys, "list")
    assert code == 0 and "Kvar Person" in out
    assert not any(t.exists() for t in temps)
    assert not list(backups.glob("gone00000009.*"))
    assert len(list(backups.glob(f"{PID}.*.json"))) == 1


def test_an_interrupted_delete_is_finished_on_the_next_open(home, capsys):
    stocked(home, plan(PID, "Borttagen Person"), saves=3)
    reg = Register(home).open()
    (home / f".deleting.{PID}").write_bytes(b"")  # a delete that wrote its marker, then was killed
    reg.plan_path(PID).unlink()
    reg.close()
    code, out, _ = run(capsys, "list")
    assert code == 0 and "Registret är tomt" in out
    assert not list(home.rglob(f"*{PID}*"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_loosened_modes_are_tightened_again(home, capsys, tmp_path):
    """Old code: after `chmod 644` of a plan and index.json, `import --replace` made a 644 backup
    (a hard link shares the mode) and left index.json at 644."""
    p = plan(PID, "Läge Person")
    stocked(home, p)
    os.chmod(home / "plans" / f"{PID}.json", 0o644)
    os.chmod(home / "index.json", 0o644)
    src = tmp_path / "p.json"
    src.write_text(p.model_dump_json(), encoding="utf-8")
    code, _, err = run(capsys, "import", str(src), "--replace")
    assert code == 0, err
    loose = [f for f in home.rglob("*") if f.is_file() and stat.S_IMODE(f.stat().st_mode) != 0o600]
    loose += [d for d in [home, *home.rglob("*")] if d.is_dir() and stat.S_IMODE(d.stat().st_mode) != 0o700]
    assert loose == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_write_is_0600_whatever_the_umask(home):
    old = os.umask(0)
    try:
        stocked(home, plan(PID, "Umask Person"), saves=2)
    finally:
        os.umask(old)
    modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in home.rglob("*") if f.is_file()}
    assert set(modes.values()) == {0o600}, modes


def test_a_write_works_where_the_os_has_no_fchmod(home, monkeypatch):
    """Windows has no os.fchmod: the write path must not depend on it."""
    monkeypatch.delattr(os, "fchmod", raising=False)
    stocked(home, plan(PID, "Utan Fchmod"), saves=2)
    with Register(home) as reg:
        assert reg.load(PID).long_term_goal == "v1"


def test_a_folder_named_like_a_plan_file_is_not_listed_as_a_damaged_plan(home, capsys):
    """Someone made a folder `plans/extra.json` (or a sync tool did): it is not a plan."""
    stocked(home, plan(PID, "Saknad Person"), saves=1)
    (home / "plans" / "extra.json").mkdir()
    (home / ".index.json").unlink(missing_ok=True)
    with Register(home) as reg:
        assert [s.id for s in reg.summaries()] == [PID]
        assert reg.take_notices() == []
    code, out, err = run(capsys, "list")
    assert code == 0 and "Saknad Person" in out and "extra" not in out + err
