"""An unexpected error inside the TUI: the projector shows the short Swedish
message, never Textual's traceback with local variables (plan objects, names,
personnummer); the code locations go to sipmote.log without personal data."""

from __future__ import annotations

import os
import select
import sys
import time

import pytest

from sipmote.demo import demo_plan
from sipmote.store import Register
from sipmote.tui.app import SipmoteApp
from sipmote.tui.safe_errors import SafeErrorsMixin

CRASH = r"""
import sipmote.tui.app as a
def boom(self):
    plan = self.register.load(self.plan_id)
    raise ValueError(plan.person.name + " " + plan.person.personnummer)
a.SipmoteApp.on_mount = boom
"""


def _run_in_pty(argv: list[str], env: dict, seconds: float = 40) -> tuple[str, int]:
    import pty

    pid, fd = pty.fork()
    if pid == 0:
        os.environ.clear()
        os.environ.update(env)
        os.execv(sys.executable, [sys.executable, *argv])
    out = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    _, status = os.waitpid(pid, 0)
    return out.decode("utf-8", "replace"), os.waitstatus_to_exitcode(status)


def test_sipmote_app_uses_the_safe_error_handler():
    assert issubclass(SipmoteApp, SafeErrorsMixin)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_a_crash_in_the_tui_shows_no_traceback_and_no_personal_data(home, tmp_path):
    plan = demo_plan()
    with Register(home) as reg:
        reg.save(plan)
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(CRASH, encoding="utf-8")
    env = {"SIPMOTE_HOME": str(home), "PYTHONPATH": str(site), "TERM": "xterm-256color",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "100", "LINES": "30"}
    out, code = _run_in_pty(["-m", "sipmote", "open", plan.id], env)
    assert "oväntat fel" in out, out[-2000:]
    assert code == 70
    for leak in ("Traceback", "locals", plan.person.name, plan.person.personnummer, "ValueError"):
        assert leak not in out, leak
    log = (home / "sipmote.log").read_text(encoding="utf-8")
    assert "unexpected ValueError (tui)" in log and "boom" in log
    assert plan.person.name not in log and plan.person.personnummer not in log
