"""Deletion: afterwards the person's name occurs nowhere under the data folder:
not in the plan, its backups, moved-aside copies, temp files, the index or the log."""

from __future__ import annotations

from pathlib import Path

import pytest

from sipmote import cli
from sipmote.model import Guardian, Person, Plan
from sipmote.store import Register, crypto

NAME = "Ingrid Wästerberg"
PNR = "20120314-9826"
OTHER = "Olle Ekström"


def _occurrences(root: Path, *needles: str) -> list[str]:
    """Every file (hidden ones too) whose bytes contain a needle, in UTF-8 or as JSON escapes."""
    forms = []
    for n in needles:
        forms += [n.encode("utf-8"), n.encode("unicode_escape"), n.encode("utf-16-le")]
    return [
        str(p.relative_to(root))
        for p in sorted(root.rglob("*"))
        if p.is_file() and any(f in p.read_bytes() for f in forms)
    ]


def _populate(home: Path, *, encrypted: bool) -> Register:
    reg = Register(home).open()
    victim = Plan(id="victim000001", person=Person(name=NAME, personnummer=PNR))
    victim.guardians.append(Guardian(name="Ulla Wästerberg"))
    keep = Plan(id="keep00000001", person=Person(name=OTHER))
    for i in range(5):  # backups 1..3
        victim.long_term_goal = f"{NAME} vill {i}"
        reg.save(victim)
        reg.save(keep)
    if encrypted:
        crypto.encrypt_register(reg, "hemlig fras ett")
    # a crash once left a moved-aside copy and temp files behind
    (reg.plans_dir / "victim000001.json").write_bytes(b'{"half a plan for ' + NAME.encode() + b'"')
    reg.load("victim000001")  # -> broken/ and restored from a backup
    assert list(reg.broken_dir.glob("victim000001.*"))
    for tmp in (
        reg.plans_dir / ".victim000001.json.ab12cd34.tmp",
        reg.backups_dir / ".victim000001.link.tmp",
        reg.root / ".index.json.0badf00d.tmp",
    ):
        tmp.write_bytes(f'{{"name": "{NAME}", "pnr": "{PNR}"}}'.encode())
    reg.log("saved victim000001")
    return reg


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_register_delete_leaves_no_trace_of_the_name(home, encrypted):
    reg = _populate(home, encrypted=encrypted)
    if not encrypted:
        assert len(_occurrences(home, NAME)) >= 7  # the test can fail: the name is all over
    reg.delete("victim000001")
    assert _occurrences(home, NAME, "Wästerberg", PNR, "20120314") == []
    assert [s.name for s in reg.summaries()] == [OTHER]
    assert reg.load("keep00000001").person.name == OTHER  # the other plan is untouched
    reg.close()
    if not encrypted:
        assert _occurrences(home, OTHER)  # and its name is still stored
    reg2 = Register(home)
    if encrypted:
        crypto.unlock_register(reg2, passphrase="hemlig fras ett")
    with reg2:
        assert [s.name for s in reg2.summaries()] == [OTHER]


def test_cli_delete_yes_leaves_no_trace_of_the_name(home, capsys):
    _populate(home, encrypted=False).close()
    assert cli.main(["delete", "victim000001", "--yes"]) == 0
    assert "borttagen" in capsys.readouterr().out
    assert _occurrences(home, NAME, "Wästerberg", PNR) == []
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    assert OTHER in out and NAME not in out


def test_delete_by_name_and_the_index_write_failing_still_removes_the_name(home, monkeypatch):
    """Even when the index cannot be rewritten (full disk), the name does not stay in it."""
    import errno

    from sipmote.store import atomic

    reg = _populate(home, encrypted=False)
    pid = reg.resolve(NAME)

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(atomic, "_write", full)
        reg.delete(pid)
    assert _occurrences(home, NAME, PNR) == []
    reg.close()
    with Register(home) as reg2:
        assert [s.name for s in reg2.summaries()] == [OTHER]


def test_a_hostile_plan_id_cannot_reach_outside_the_register_or_other_plans(home, tmp_path, capsys):
    """A plan id becomes a file name and a glob pattern: '*' or '../' must be refused."""
    import json

    reg = Register(home).open()
    reg.save(Plan(id="keep00000001", person=Person(name=OTHER)))
    reg.save(Plan(id="keep00000001", person=Person(name=OTHER)))
    reg.close()
    for bad in ("*", "../../utanfor", "a/b", "", "x" * 65, "keep*"):
        f = tmp_path / "bad.json"
        f.write_text(json.dumps({"id": bad, "person": {"name": "Elak"}}), encoding="utf-8")
        assert cli.main(["import", str(f)]) == 2
        err = capsys.readouterr().err
        assert "id" in err and "Traceback" not in err
        assert cli.main(["delete", bad or "''", "--yes"]) == 2
        capsys.readouterr()
    assert not (tmp_path / "utanfor.json").exists()
    with Register(home) as reg:
        assert reg.load("keep00000001").person.name == OTHER
        assert reg.backup_path("keep00000001", 1).exists()
