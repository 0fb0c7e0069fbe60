"""Issue 14, item 8: SIPMOTE_PASSPHRASE_FILE and a single line on stdin work for every command
that needs a passphrase, ``init --encrypt`` included (it said "Ingen lösenfras angavs")."""

from __future__ import annotations

import io
import subprocess
import sys

from sipmote import cli
from sipmote.store import Register
from tests.store.helpers14 import plan, stocked

SECRET = "hemlig fras ett"


def test_init_encrypt_takes_the_passphrase_file(home, tmp_path, monkeypatch, capsys):
    stocked(home, plan("enc000000001", "Krypt Person"))
    pw = tmp_path / "pw"
    pw.write_text(SECRET + "\n", encoding="utf-8")
    monkeypatch.setenv("SIPMOTE_PASSPHRASE_FILE", str(pw))
    assert cli.main(["init", "--encrypt"]) == 0, capsys.readouterr().err
    assert Register(home).encrypted
    assert b"Krypt Person" not in (home / "plans" / "enc000000001.json").read_bytes()
    capsys.readouterr()
    assert cli.main(["list"]) == 0  # the same file unlocks it
    assert "Krypt Person" in capsys.readouterr().out


def test_init_encrypt_takes_one_line_of_stdin_and_so_do_the_other_commands(home, monkeypatch, capsys):
    stocked(home, plan("enc000000001", "Krypt Person"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    assert cli.main(["init", "--encrypt"]) == 0, capsys.readouterr().err
    for argv in (["list"], ["show", "enc000000001"], ["stats"]):
        from sipmote.store import crypto

        crypto.forget_session()
        monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
        code = cli.main(argv)
        _out, err = capsys.readouterr()
        assert code == 0, (argv, err)
    assert "Krypt Person" not in err


def test_a_real_pipe_into_the_installed_command(home):
    stocked(home, plan("enc000000001", "Krypt Person"))
    env = {"SIPMOTE_HOME": str(home), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-m", "sipmote", "init", "--encrypt"], input=SECRET + "\n",
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "sipmote", "list"], input=SECRET + "\n",
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0 and "Krypt Person" in r.stdout, r.stderr


def test_passwd_reads_the_current_and_the_new_passphrase_from_stdin_lines(home, monkeypatch, capsys):
    stocked(home, plan("enc000000001", "Krypt Person"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    assert cli.main(["init", "--encrypt"]) == 0
    from sipmote.store import crypto

    crypto.forget_session()
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\nen helt ny fras\n"))
    assert cli.main(["passwd"]) == 0, capsys.readouterr().err
    crypto.forget_session()
    monkeypatch.setattr(sys, "stdin", io.StringIO("en helt ny fras\n"))
    capsys.readouterr()
    assert cli.main(["list"]) == 0
    assert "Krypt Person" in capsys.readouterr().out
