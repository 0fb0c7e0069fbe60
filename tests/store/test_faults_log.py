"""An unexpected error: no traceback on screen, a short Swedish message naming the
log file, and the log in the data folder holds code locations but no personal data."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sipmote import cli
from sipmote.model import Person, Plan
from sipmote.store import Register

NAME = "Viggo Personsson"
PNR = "20120314-9826"


@pytest.fixture
def stored(home):
    with Register(home) as reg:
        p = Plan(id="plan00000001", person=Person(name=NAME, personnummer=PNR))
        p.long_term_goal = "Viggo vill spela fotboll"
        reg.save(p)
    return home


def _boom(plan, **kw):
    # the kind of message a bug could carry: personal data in the exception text
    raise ValueError(f"cannot render {plan.person.name} {plan.person.personnummer} {plan.long_term_goal}")


def test_unexpected_error_is_logged_without_personal_data(stored, monkeypatch, capsys):
    monkeypatch.setattr("sipmote.textview.plan_text", _boom)
    assert cli.main(["show", "plan00000001"]) == 70
    out, err = capsys.readouterr()
    assert "Ett oväntat fel inträffade" in err and "sipmote.log" in err
    assert "Traceback" not in out + err and NAME not in out + err and PNR not in out + err
    log = (stored / "sipmote.log").read_bytes()
    assert b"unexpected ValueError" in log and b"_boom" in log  # where, not what
    for needle in (NAME, "Viggo", PNR, "20120314", "fotboll"):
        assert needle.encode() not in log, needle
    assert (stored / "sipmote.log").stat().st_mode & 0o777 == 0o600


def test_no_traceback_reaches_the_terminal_from_the_installed_command(stored, tmp_path):
    """The real entry point in a real process, with a bug injected through sitecustomize."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import sipmote.textview as tv\n"
        "def boom(plan, **kw):\n"
        "    raise KeyError(plan.person.name)\n"
        "tv.plan_text = boom\n",
        encoding="utf-8",
    )
    env = {"SIPMOTE_HOME": str(stored), "PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-m", "sipmote", "show", "plan00000001"], capture_output=True, text=True,
                       env=env)
    assert r.returncode == 70
    assert "Traceback" not in r.stderr and NAME not in r.stderr + r.stdout
    assert "oväntat fel" in r.stderr
    log = (stored / "sipmote.log").read_text(encoding="utf-8")
    assert "unexpected KeyError" in log and NAME not in log


def test_the_register_log_holds_ids_only(stored):
    reg = Register(stored).open()
    reg.save(reg.load("plan00000001"))  # now there is a backup
    reg.plan_path("plan00000001").write_bytes(b"trasig")
    assert reg.load("plan00000001").person.name == NAME
    reg.close()
    log = (stored / "sipmote.log").read_bytes()
    assert b"restored plan00000001.json" in log
    assert NAME.encode() not in log and PNR.encode() not in log
