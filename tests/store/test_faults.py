"""Fault injection beyond SIGKILL: a failure at each write, fsync and rename of a
save in turn, a full disk, a read-only folder, truncated and garbage files, a
backup that is bad too. Each time: the previous state is intact (or the new
one complete), the user gets a clear Swedish message, the register stays usable."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from sipmote import cli
from sipmote.model import Person, Plan
from sipmote.store import Register, StoreError, atomic, crypto

PID = "plan00000001"
INTACT = "Den tidigare sparade versionen är orörd"


def _setup(home: Path, *, encrypted: bool = False) -> Register:
    reg = Register(home).open()
    p = Plan(id=PID, person=Person(name="Alva Gammal"))
    for i in range(4):
        p.long_term_goal = f"gammal {i}"
        reg.save(p)
    reg.save(Plan(id="other0000001", person=Person(name="Bo Annan")))
    if encrypted:
        crypto.encrypt_register(reg, "hemlig fras ett")
    return reg


def _on_disk(home: Path, codec) -> tuple[str, str]:
    """What a fresh process would read: (name, goal)."""
    reg = Register(home, codec=codec, use_lock=False).open()
    try:
        p = reg.load(PID)
        return p.person.name, p.long_term_goal
    finally:
        reg.close()


def _inject(monkeypatch, op: str, k: int, err: int = errno.EIO) -> list[bool]:
    """Make the k-th call of ``op`` fail with OSError(err)."""
    hit = [False]
    calls = [0]
    target, name = {
        "_write": (atomic, "_write"),
        "_fsync": (atomic, "_fsync"),
        "_replace": (atomic, "_replace"),
        "os.replace": (os, "replace"),  # backup rotation, moving a broken file aside
        "os.link": (os, "link"),  # the hard-linked backup
    }[op]
    real = getattr(target, name)

    def failing(*a, **kw):
        calls[0] += 1
        if calls[0] == k:
            hit[0] = True
            raise OSError(err, os.strerror(err))
        return real(*a, **kw)

    monkeypatch.setattr(target, name, failing)
    return hit


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
@pytest.mark.parametrize("op", ["_write", "_fsync", "_replace", "os.replace", "os.link"])
def test_a_failure_at_each_call_of_a_save_in_turn(home, monkeypatch, op, encrypted):
    tried = 0
    for k in range(1, 50):
        root = home / f"{op}-{k}"
        reg = _setup(root, encrypted=encrypted)
        codec = reg.codec
        plan = reg.load(PID)
        plan.person.name = "Alva Ny"  # the summary changes: the index is rewritten too
        plan.long_term_goal = "ny"
        with monkeypatch.context() as m:
            hit = _inject(m, op, k)
            try:
                reg.save(plan)
                error = None
            except StoreError as exc:
                error = exc.message
        if not hit[0]:
            reg.close()
            break
        tried += 1
        state = _on_disk(root, codec)
        if error is not None:
            assert INTACT in error and "Traceback" not in error
            assert state == ("Alva Gammal", "gammal 3"), (op, k)
        else:  # the failure came after the plan's rename: the save is complete
            assert state == ("Alva Ny", "ny"), (op, k)
        assert not list(root.rglob(".*.tmp")), (op, k)
        # still usable: the same session saves, lists and loads
        plan.long_term_goal = "efteråt"
        reg.save(plan)
        assert {s.name for s in reg.summaries()} == {"Alva Ny", "Bo Annan"}
        reg.close()
        assert _on_disk(root, codec) == ("Alva Ny", "efteråt")
        fresh = Register(root, codec=codec).open()
        assert {s.name for s in fresh.summaries()} == {"Alva Ny", "Bo Annan"}  # the index caught up
        fresh.close()
    assert tried >= (1 if op == "os.link" else 2)


def test_disk_full_during_save(home, monkeypatch):
    reg = _setup(home)
    plan = reg.load(PID)
    plan.long_term_goal = "ny"
    with monkeypatch.context() as m:
        _inject(m, "_write", 1, errno.ENOSPC)
        with pytest.raises(StoreError) as exc:
            reg.save(plan)
    assert exc.value.message.startswith("Disken är full") and INTACT in exc.value.message
    assert _on_disk(home, reg.codec)[1] == "gammal 3"
    reg.save(plan)  # space freed: the same session saves
    assert _on_disk(home, reg.codec)[1] == "ny"
    reg.close()


def test_disk_full_during_save_from_the_cli(home, tmp_path, monkeypatch, capsys):
    _setup(home).close()
    f = tmp_path / "p.json"
    f.write_text(json.dumps({"id": "new000000001", "person": {"name": "Ny Person"}}), encoding="utf-8")
    with monkeypatch.context() as m:
        _inject(m, "_write", 1, errno.ENOSPC)
        assert cli.main(["import", str(f)]) == 2
    err = capsys.readouterr().err
    assert "Disken är full" in err and "Traceback" not in err
    assert cli.main(["list"]) == 0
    assert "Ny Person" not in capsys.readouterr().out
    assert cli.main(["import", str(f)]) == 0


@pytest.mark.parametrize("err", [errno.EROFS, errno.EACCES])
def test_read_only_data_folder_injected(home, monkeypatch, err):
    """Root ignores chmod, so the folder's refusal is injected where files are created."""
    reg = _setup(home)
    plan = reg.load(PID)
    plan.long_term_goal = "ny"
    real_open = os.open

    def ro_open(path, flags, *a, **kw):
        if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR) and str(path).startswith(str(home)):
            raise OSError(err, os.strerror(err))
        return real_open(path, flags, *a, **kw)

    with monkeypatch.context() as m:
        m.setattr(atomic.os, "open", ro_open)
        with pytest.raises(StoreError) as exc:
            reg.save(plan)
        assert exc.value.message.startswith("Datamappen är skrivskyddad") and INTACT in exc.value.message
        assert reg.load(PID).long_term_goal == "gammal 3"  # reading still works
        assert {s.name for s in reg.summaries()} == {"Alva Gammal", "Bo Annan"}
    reg.save(plan)  # writable again: the same session saves
    reg.close()
    assert _on_disk(home, reg.codec)[1] == "ny"


def test_opening_a_read_only_data_folder_is_a_message(home, monkeypatch, capsys):
    _setup(home).close()
    (home / "sipmote.lock").unlink()
    real_open = os.open

    def ro_open(path, flags, *a, **kw):
        if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR) and str(path).startswith(str(home)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(path, flags, *a, **kw)

    monkeypatch.setattr(os, "open", ro_open)
    assert cli.main(["list"]) == 2
    err = capsys.readouterr().err
    assert "skrivskyddad" in err and "Traceback" not in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root ignores chmod 0500 (covered by the injected tests)")
def test_read_only_data_folder_chmod(home):
    reg = _setup(home)
    plan = reg.load(PID)
    plan.long_term_goal = "ny"
    for d in (home, home / "plans", home / "backups"):
        d.chmod(0o500)
    try:
        with pytest.raises(StoreError) as exc:
            reg.save(plan)
        assert "skrivskyddad" in exc.value.message
        assert reg.load(PID).long_term_goal == "gammal 3"
    finally:
        for d in (home, home / "plans", home / "backups"):
            d.chmod(0o700)
    reg.save(plan)
    reg.close()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: os.urandom(300), id="garbage"),
        pytest.param(lambda b: b'{"id": "plan00000001", "person": {"name": 5}}', id="valid-json-invalid-plan"),
    ],
)
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_damaged_plan_and_a_bad_backup_too(home, damage, encrypted):
    reg = _setup(home, encrypted=encrypted)
    path = reg.plan_path(PID)
    path.write_bytes(damage(path.read_bytes()))
    b1 = reg.backup_path(PID, 1)
    b1.write_bytes(damage(b1.read_bytes()))  # the newest backup is bad as well
    plan = reg.load(PID)
    assert plan.long_term_goal == "gammal 1"  # backup 2: the newest good version
    notice = reg.notices[-1]
    assert "gick inte att läsa" in notice and "säkerhetskopian har återställts" in notice
    assert len(list(reg.broken_dir.iterdir())) == 1  # the damaged file is kept, never deleted silently
    plan.long_term_goal = "vidare"
    reg.save(plan)  # usable
    reg.close()
    assert _on_disk(home, reg.codec)[1] == "vidare"


def test_every_backup_bad_is_said_plainly_and_the_rest_of_the_register_works(home, capsys):
    reg = _setup(home)
    for p in [reg.plan_path(PID), *(reg.backup_path(PID, n) for n in (1, 2, 3))]:
        p.write_bytes(b"\x00" * 10)
    reg.close()
    assert cli.main(["show", PID]) == 2
    err = capsys.readouterr().err
    assert "ingen fungerande säkerhetskopia" in err and "broken" in err and "Traceback" not in err
    assert cli.main(["list"]) == 0
    assert "Bo Annan" in capsys.readouterr().out
    assert cli.main(["show", "other0000001"]) == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[]", b'{"plans": 5}', b'{"plans": {"1": {"id": 3}}}', os.urandom(64)],
    ids=["empty", "torn", "list", "wrong-shape", "wrong-doc", "garbage"],
)
def test_a_bad_index_is_rebuilt(home, content):
    _setup(home).close()
    (home / "index.json").write_bytes(content)
    with Register(home) as reg:
        assert {s.name for s in reg.summaries()} == {"Alva Gammal", "Bo Annan"}


@pytest.mark.parametrize(
    "content", [b"", b"{", b"[1]", b'{"encryption": 5}', pytest.param(os.urandom(40), id="garbage")]
)
def test_a_bad_register_json_of_a_plain_register_is_rewritten(home, content):
    _setup(home).close()
    (home / "register.json").write_bytes(content)
    with Register(home) as reg:
        assert {s.name for s in reg.summaries()} == {"Alva Gammal", "Bo Annan"}
        assert any("register.json" in n for n in reg.notices)
    assert json.loads((home / "register.json").read_text())["encryption"] is None


def test_a_plan_from_a_newer_sipmote_is_reported_not_moved_aside(home, capsys):
    reg = _setup(home)
    path = reg.plan_path(PID)
    data = json.loads(path.read_bytes())
    data["schema_version"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StoreError) as exc:
        reg.load(PID)
    assert "nyare version" in exc.value.message
    assert path.exists() and not reg.broken_dir.exists()
    reg.close()


def test_a_plan_file_that_cannot_be_read_is_a_message(home, monkeypatch):
    reg = _setup(home)
    from sipmote.store import folder as register

    real = register.read_regular

    def eio(path, limit):
        if str(path).endswith(f"{PID}.json"):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(path, limit)

    with monkeypatch.context() as m:  # (undo() would also drop conftest's SIPMOTE_HOME)
        m.setattr("sipmote.store.folder.read_regular", eio)
        with pytest.raises(StoreError) as exc:
            reg.load(PID)
    # a read failure says so (issue 14: it used to say "Kunde inte spara" though nothing was saved)
    assert "Kunde inte läsa plans/" in exc.value.message and "Ingenting har ändrats" in exc.value.message
    assert reg.load(PID).long_term_goal == "gammal 3"
    reg.close()


def test_the_cli_tells_the_user_a_file_was_restored_from_a_backup(home, capsys):
    reg = _setup(home)
    reg.plan_path(PID).write_bytes(b'{"torn')
    reg.close()
    assert cli.main(["show", PID]) == 0
    out, err = capsys.readouterr()
    assert "Alva Gammal" in out
    assert "gick inte att läsa" in err and "säkerhetskopian har återställts" in err and "broken" in err


def test_a_read_only_data_folder_can_still_be_read(home, tmp_path, monkeypatch, capsys):
    _setup(home).close()  # the lock file exists from earlier sessions
    src = tmp_path / "p.json"
    src.write_text(json.dumps({"id": "new000000001", "person": {"name": "Ny Person"}}), encoding="utf-8")
    real_open = os.open

    def ro_open(path, flags, *a, **kw):
        if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR) and str(path).startswith(str(home)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(path, flags, *a, **kw)

    with monkeypatch.context() as m:  # (undo() would also drop conftest's SIPMOTE_HOME)
        m.setattr(os, "open", ro_open)
        assert cli.main(["list"]) == 0
        assert "Alva Gammal" in capsys.readouterr().out
        assert cli.main(["show", PID]) == 0
        capsys.readouterr()
        assert cli.main(["import", str(src)]) == 2
        err = capsys.readouterr().err
        assert "skrivskyddad" in err and "Traceback" not in err
    assert not (home / "plans" / "new000000001.json").exists()
    assert cli.main(["import", str(src)]) == 0  # writable again: works
