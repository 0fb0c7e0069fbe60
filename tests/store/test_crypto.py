"""Encryption at rest: everything under the data folder is ciphertext, the
passphrase is asked once, a wrong one changes nothing, changing it re-encrypts
everything and survives a crash at any step."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

from sipmote import cli
from sipmote.cli import passphrase
from sipmote.model import Person, Plan
from sipmote.store import Register, StoreError, crypto
from sipmote.store.codec import PLAIN

NAME = "Saga Öberg-Qvist"
PNR = "20120314-9826"
OLD = "hemlig fras ett"
NEW = "ny hemlig fras två"


def _plan(pid="plan00000001", name=NAME, pnr=PNR) -> Plan:
    p = Plan(id=pid, person=Person(name=name, personnummer=pnr))
    p.long_term_goal = f"{name} vill gå i skolan hela dagar"
    return p


def _all_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _digest(root: Path, skip=()) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        if rel in skip:
            continue
        h.update(rel.encode() + b"\0" + oct(p.stat().st_mode).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def _pw_file(tmp_path, text, name="pw") -> str:
    f = tmp_path / name
    f.write_text(text + "\n", encoding="utf-8")
    return str(f)


def _encrypted_register(home, *plans: Plan, saves: int = 3) -> None:
    reg = Register(home).open()
    for p in plans:
        for i in range(saves):  # several saves: backups 1..3 exist
            p.long_term_goal = f"{p.person.name}: version {i}"
            reg.save(p)
    crypto.encrypt_register(reg, OLD)
    reg.close()
    crypto.forget_session()


def _open(home, passphrase) -> Register:
    reg = Register(home)
    crypto.unlock_register(reg, passphrase=passphrase)
    return reg.open()


def test_nothing_personal_is_readable_anywhere_under_an_encrypted_data_folder(home):
    _encrypted_register(home, _plan(), _plan("plan00000002", "Ture Åkesson", None))
    reg = _open(home, OLD)
    p = reg.load("plan00000001")
    p.person.name = NAME + " Junior"
    reg.save(p)  # new saves, backups and index are encrypted too
    (reg.plans_dir / "plan00000002.json").write_bytes(b"garbage")  # -> broken/ + restore
    assert reg.load("plan00000002").person.name == "Ture Åkesson"
    reg.close()
    files = _all_bytes(home)
    assert any(k.startswith("backups/") for k in files) and any(k.startswith("broken/") for k in files)
    assert "index.json" in files
    needles = [s.encode() for s in ("Saga", "Öberg", "Ture", "Åkesson", "20120314", "120314", "skolan")]
    for rel, data in files.items():
        for needle in needles:
            assert needle not in data, f"{needle!r} in clear in {rel}"
    for rel in ("index.json", "plans/plan00000001.json", "backups/plan00000001.1.json"):
        assert files[rel].startswith(b"\x00SIPENC")
    meta = json.loads(files["register.json"])["encryption"]
    assert meta["cipher"] == "AES-256-GCM" and meta["kdf"] == "scrypt" and set(meta) >= {"salt", "n", "r", "p", "check"}
    assert (home / "register.json").stat().st_mode & 0o777 == 0o600


def test_the_right_passphrase_reads_everything_back(home):
    _encrypted_register(home, _plan())
    reg = _open(home, OLD)
    assert reg.load("plan00000001").person.name == NAME
    assert [s.name for s in reg.summaries()] == [NAME]
    for n in (1, 2):
        assert json.loads(reg.codec.decode(reg.backup_path("plan00000001", n).read_bytes()))["id"] == "plan00000001"
    reg.close()


def test_a_wrong_passphrase_gets_a_clear_message_and_changes_nothing_on_disk(home, tmp_path, monkeypatch, capsys):
    _encrypted_register(home, _plan())
    before = _digest(home)
    monkeypatch.setenv("SIPMOTE_PASSPHRASE_FILE", _pw_file(tmp_path, "fel fras helt"))
    for argv in (["list"], ["show", "plan00000001"], ["delete", "plan00000001", "--yes"], ["passwd"]):
        assert cli.main(argv) == 2
        out, err = capsys.readouterr()
        assert "Fel lösenfras" in err and "Ingenting har ändrats" in err
        assert "Traceback" not in err and NAME not in out + err
    assert _digest(home) == before
    monkeypatch.setenv("SIPMOTE_PASSPHRASE_FILE", _pw_file(tmp_path, OLD))
    assert cli.main(["list"]) == 0 and NAME in capsys.readouterr().out


def test_opening_without_the_key_is_refused_and_moves_nothing(home):
    """Code that forgets to unlock must not take ciphertext for corrupt files."""
    _encrypted_register(home, _plan())
    before = _digest(home, skip={"sipmote.lock"})
    with pytest.raises(StoreError) as exc:
        Register(home).open()
    assert "krypterat" in exc.value.message
    assert _digest(home, skip={"sipmote.lock"}) == before
    assert not (home / "broken").exists()


def test_the_passphrase_is_asked_once_per_session_never_stored(home, monkeypatch, capsys):
    _encrypted_register(home, _plan())
    asked: list[str] = []
    monkeypatch.setattr(passphrase, "_is_tty", lambda: True)
    monkeypatch.setattr(passphrase, "_getpass", lambda prompt: asked.append(prompt) or OLD)
    assert cli.main(["list"]) == 0
    assert cli.main(["show", "plan00000001"]) == 0
    assert cli.main(["--lang", "en", "list", "--json"]) == 0
    assert asked == ["Lösenfras för registret: "]
    out, err = capsys.readouterr()
    assert OLD not in out + err
    for rel, data in _all_bytes(home).items():
        assert OLD.encode() not in data, rel


def test_three_tries_at_the_terminal_then_a_clear_message(home, monkeypatch, capsys):
    _encrypted_register(home, _plan())
    answers = iter(["fel 1", "fel 2", "fel 3"])
    monkeypatch.setattr(passphrase, "_is_tty", lambda: True)
    monkeypatch.setattr(passphrase, "_getpass", lambda prompt: next(answers))
    before = _digest(home)
    assert cli.main(["list"]) == 2
    err = capsys.readouterr().err
    assert err.count("Försök igen") == 2 and "Fel lösenfras – registret öppnades inte" in err
    assert _digest(home) == before


def test_ctrl_d_at_the_prompt_is_a_message(home, monkeypatch, capsys):
    _encrypted_register(home, _plan())
    monkeypatch.setattr(passphrase, "_is_tty", lambda: True)

    def eof(prompt):
        raise EOFError

    monkeypatch.setattr(passphrase, "_getpass", eof)
    assert cli.main(["list"]) == 2
    assert "Ingen lösenfras angavs" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_the_passphrase_is_not_echoed_on_a_real_terminal(home):
    """A real pseudo-terminal: what the user types at the prompt never shows."""
    import pty
    import select
    import time

    _encrypted_register(home, _plan())
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its controlling terminal
        os.environ["SIPMOTE_HOME"] = str(home)
        os.environ.pop("SIPMOTE_PASSPHRASE_FILE", None)
        os.execv(sys.executable, [sys.executable, "-m", "sipmote", "list"])
    out = b""
    deadline = time.monotonic() + 30
    sent = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        if not sent and "Lösenfras".encode() in out:
            os.write(fd, (OLD + "\n").encode())
            sent = True
    os.waitpid(pid, 0)
    text = out.decode("utf-8", "replace")
    assert sent and NAME in text, text
    assert OLD not in text


def test_change_passphrase_re_encrypts_every_file_and_the_old_one_stops_working(home, tmp_path, monkeypatch, capsys):
    _encrypted_register(home, _plan(), _plan("plan00000002", "Ture Åkesson", None))
    before = _all_bytes(home)
    monkeypatch.setenv("SIPMOTE_PASSPHRASE_FILE", _pw_file(tmp_path, OLD))
    monkeypatch.setenv("SIPMOTE_NEW_PASSPHRASE_FILE", _pw_file(tmp_path, f"{NEW}\n{NEW}", "new"))
    assert cli.main(["passwd"]) == 0
    assert "Lösenfrasen är bytt" in capsys.readouterr().out
    after = _all_bytes(home)
    stored = [k for k in before if k.split("/")[0] in ("plans", "backups", "broken") or k == "index.json"]
    assert len(stored) >= 7  # 2 plans, their backups, the index
    for k in stored:  # same files, every one rewritten under the new key
        assert k in after and after[k] != before[k] and after[k].startswith(b"\x00SIPENC")
    assert not (home / ".rekey").exists()
    crypto.forget_session()
    with pytest.raises(StoreError) as exc:
        crypto.unlock_register(Register(home), passphrase=OLD)
    assert "Fel lösenfras" in exc.value.message
    reg = _open(home, NEW)
    assert {s.name for s in reg.summaries()} == {NAME, "Ture Åkesson"}
    for k in stored:
        reg.codec.decode(after[k])  # every file, backups too, opens with the new key
    reg.close()


@pytest.mark.parametrize(
    "new_file, message",
    [("kort\nkort", "minst 8 tecken"), (f"{NEW}\n{NEW} fel", "inte likadana")],
)
def test_a_bad_new_passphrase_changes_nothing(home, tmp_path, monkeypatch, capsys, new_file, message):
    _encrypted_register(home, _plan())
    monkeypatch.setenv("SIPMOTE_PASSPHRASE_FILE", _pw_file(tmp_path, OLD))
    monkeypatch.setenv("SIPMOTE_NEW_PASSPHRASE_FILE", _pw_file(tmp_path, new_file, "new"))
    before = _digest(home, skip={"sipmote.lock"})
    assert cli.main(["passwd"]) == 2
    assert message in capsys.readouterr().err
    assert _digest(home, skip={"sipmote.lock"}) == before


def test_init_encrypt_encrypts_an_existing_plain_register_including_backups(home, tmp_path, monkeypatch, capsys):
    reg = Register(home).open()
    p = _plan()
    for _ in range(3):
        reg.save(p)
    reg.close()
    monkeypatch.setenv("SIPMOTE_NEW_PASSPHRASE_FILE", _pw_file(tmp_path, OLD, "new"))
    assert cli.main(["init", "--encrypt"]) == 0
    assert "är krypterat" in capsys.readouterr().out
    for rel, data in _all_bytes(home).items():
        assert b"Saga" not in data, rel
    assert cli.main(["init", "--encrypt"]) == 2
    assert "redan krypterat" in capsys.readouterr().err
    monkeypatch.setenv("SIPMOTE_PASSPHRASE_FILE", _pw_file(tmp_path, OLD))
    assert cli.main(["show", "plan00000001"]) == 0 and NAME in capsys.readouterr().out


def test_init_plain_and_passwd_on_a_plain_register(capsys, home):
    assert cli.main(["init"]) == 0
    assert "okrypterat" in capsys.readouterr().out
    assert json.loads((home / "register.json").read_text())["encryption"] is None
    assert cli.main(["passwd"]) == 2
    assert "inte krypterat" in capsys.readouterr().err


def test_tampered_ciphertext_is_detected_and_the_last_good_backup_restored(home):
    _encrypted_register(home, _plan())
    path = home / "plans" / "plan00000001.json"
    data = bytearray(path.read_bytes())
    data[-20] ^= 0x01  # one bit in the ciphertext
    path.write_bytes(bytes(data))
    reg = _open(home, OLD)
    assert reg.load("plan00000001").person.name == NAME
    assert any("säkerhetskopia" in n for n in reg.notices)
    reg.close()


def test_a_lost_register_json_is_rebuilt_from_the_passphrase(home):
    _encrypted_register(home, _plan())
    (home / "register.json").write_text("{trasig", encoding="utf-8")
    with pytest.raises(StoreError):
        Register(home).open()  # no key: refused, not rewritten as a plain register
    with pytest.raises(StoreError):
        crypto.unlock_register(Register(home), passphrase="fel fras helt")
    reg = _open(home, OLD)
    assert reg.load("plan00000001").person.name == NAME
    assert json.loads((home / "register.json").read_text())["encryption"]["kdf"] == "scrypt"
    reg.close()
    crypto.forget_session()
    _open(home, OLD).close()  # the rebuilt register.json works as any other


def test_hostile_kdf_parameters_are_refused_not_run(home):
    _encrypted_register(home, _plan())
    meta = json.loads((home / "register.json").read_text())
    meta["encryption"]["n"] = 2**40  # would need petabytes
    (home / "register.json").write_text(json.dumps(meta))
    with pytest.raises(StoreError) as exc:
        crypto.unlock_register(Register(home), passphrase=OLD)
    assert "register.json" in exc.value.message


def test_unicode_passphrase_is_normalised(home):
    reg = Register(home).open()
    reg.save(_plan())
    crypto.encrypt_register(reg, "s\u00e5 hemligt l\u00f6sen")  # å, ö precomposed
    reg.close()
    crypto.forget_session()
    _open(home, "sa\u030a hemligt lo\u0308sen").close()  # the same letters, decomposed


def test_the_cryptography_package_is_not_imported_for_a_plain_register(tmp_path):
    import subprocess

    code = (
        "import sys; from sipmote.store import Register; from sipmote import cli;"
        f"r = Register({str(tmp_path / 'h')!r}).open(); r.summaries(); r.close();"
        "print('cryptography' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --------------------------------------------------------------------------- crash safety of a re-encryption


class Crash(BaseException):
    """Stands for the process dying: no cleanup handler catches it."""


def _crash_at(monkeypatch, k: int) -> list[int]:
    """Make the k-th write, fsync or rename (atomic path and os.replace) crash."""
    from sipmote.store import atomic

    calls = [0]

    def wrap(fn):
        def inner(*a, **kw):
            calls[0] += 1
            if calls[0] == k:
                raise Crash
            return fn(*a, **kw)

        return inner

    monkeypatch.setattr(atomic, "_write", wrap(atomic._write))
    monkeypatch.setattr(atomic, "_fsync", wrap(atomic._fsync))
    monkeypatch.setattr(atomic, "_replace", wrap(atomic._replace))
    monkeypatch.setattr(crypto.os, "replace", wrap(os.replace))
    return calls


def _expected(home, passphrase) -> dict[str, str]:
    reg = _open(home, passphrase) if passphrase else Register(home).open()
    out = {pid: reg.load(pid).model_dump_json() for pid in reg.ids()}
    reg.close()
    crypto.forget_session()
    return out


@pytest.mark.parametrize("start", ["plain", "encrypted"])
def test_a_crash_at_any_step_of_a_re_encryption_leaves_exactly_one_working_key(home, tmp_path, monkeypatch, start):
    plans = [_plan(), _plan("plan00000002", "Ture Åkesson", None)]
    rounds = 0
    for k in range(1, 400):
        root = tmp_path / f"k{k}"
        if start == "plain":
            reg = Register(root).open()
            for p in plans:
                reg.save(p)
                reg.save(p)
            reg.close()
        else:
            _encrypted_register(root, *plans, saves=2)
        old = None if start == "plain" else OLD
        want = _expected(root, old)
        with monkeypatch.context() as m:
            _crash_at(m, k)
            reg = Register(root)
            if old:
                crypto.unlock_register(reg, passphrase=old)
            reg.open()
            try:
                crypto.rekey(reg, crypto.new_codec(NEW))
                finished = True
            except Crash:
                finished = False
            reg.close()  # the lock dies with the process
        crypto.forget_session()
        works = []
        for pw in (old, NEW):
            if pw is not None and not crypto.is_encrypted(root):
                continue  # unlocking a plain register is a no-op: not 'this key works'
            try:
                got = _expected(root, pw)
            except StoreError:
                continue
            works.append(pw)
            assert got == want, f"crash at call {k}: plans differ under {pw!r}"
        assert len(works) == 1, f"crash at call {k}: keys that open it: {works}"
        assert not (root / ".rekey").exists()
        if works == [NEW]:
            for rel, data in _all_bytes(root).items():
                assert b"Saga" not in data and b"Ture" not in data, (k, rel)
        rounds += 1
        if finished:
            break
    assert finished and rounds > 10  # every write/fsync/rename of the operation was hit once


def test_register_json_is_not_replaced_by_a_plain_one_when_an_encrypted_register_is_opened_without_key(home):
    _encrypted_register(home, _plan())
    reg = Register(home, codec=PLAIN)
    with pytest.raises(StoreError):
        reg.open()
    assert json.loads((home / "register.json").read_text())["encryption"] is not None


REKEY_CHILD = r"""
import sys
from sipmote.store import Register, crypto
crypto.SCRYPT = {"n": 2**10, "r": 8, "p": 1}
home, old, new = sys.argv[1:4]
reg = Register(home)
crypto.unlock_register(reg, passphrase=old)
reg.open()
print("go", flush=True)
crypto.change_passphrase(reg, new)
print("done", flush=True)
"""


@pytest.mark.slow
def test_sigkill_during_a_passphrase_change_leaves_exactly_one_working_key(tmp_path):
    """A real process killed at a random moment of the re-encryption (kernel drops the lock)."""
    import random
    import signal
    import subprocess
    import time

    rng = random.Random(7)
    plans = [_plan(f"plan{k:08d}", f"Barn {k}", None) for k in range(40)]
    outcomes = {OLD: 0, NEW: 0}
    for round_ in range(8):
        root = tmp_path / f"r{round_}"
        _encrypted_register(root, *plans, saves=2)
        want = _expected(root, OLD)
        proc = subprocess.Popen([sys.executable, "-c", REKEY_CHILD, str(root), OLD, NEW],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "go"
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        works = []
        for pw in (OLD, NEW):
            try:
                got = _expected(root, pw)
            except StoreError:
                continue
            works.append(pw)
            assert got == want
        assert len(works) == 1, (round_, works)
        assert not (root / ".rekey").exists()
        outcomes[works[0]] += 1
    print(f"\nSIGKILL rounds: old key holds {outcomes[OLD]}, new key holds {outcomes[NEW]}")


def test_a_passphrase_piped_on_stdin_works_and_a_wrong_one_is_refused(home):
    """Scripts: `echo … | sipmote list` (a real process, stdin not a terminal)."""
    import subprocess

    _encrypted_register(home, _plan())
    env = {**os.environ, "SIPMOTE_HOME": str(home)}
    env.pop("SIPMOTE_PASSPHRASE_FILE", None)
    run = [sys.executable, "-m", "sipmote", "list"]
    ok = subprocess.run(run, input=OLD + "\n", capture_output=True, text=True, env=env)
    assert ok.returncode == 0 and NAME in ok.stdout and OLD not in ok.stdout + ok.stderr
    bad = subprocess.run(run, input="fel fras helt\n", capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "Fel lösenfras" in bad.stderr and "Traceback" not in bad.stderr
    none = subprocess.run(run, input="", capture_output=True, text=True, env=env)
    assert none.returncode == 2 and "Ingen lösenfras angavs" in none.stderr
