"""The one helper for tests that drive a real ``sipmote`` in tmux (no tests here): a home
with plans saved in it, start the installed command in a detached session, send keys,
read the screen, quit or kill the process (SIGKILL, like a crash).

Used by test_drafts_kill (crash while typing), test_typeahead (keys typed in one burst)
and test_tmux_demo (the installed wheel)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import pytest

from sipmote.model import Plan
from sipmote.store import Register

EXE = Path(sys.executable).with_name("sipmote")


class Tmux:
    def __init__(self, name: str) -> None:
        self.name = name

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = ["tmux", "send-keys", "-t", self.name] + (["-l"] if literal else []) + list(keys)
        subprocess.run(args, check=True)

    def screen(self, *, colours: bool = False) -> str:
        """The pane's text; with ``colours`` the escape sequences too (e.g. a check box's state)."""
        args = ["tmux", "capture-pane", "-p", *(["-e"] if colours else []), "-t", self.name]
        return subprocess.run(args, capture_output=True, text=True, check=False).stdout

    def wait_for(self, text: str, timeout: float = 40.0) -> str:
        end = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear on screen:\n{screen}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def quit(self) -> None:
        """End the session (and the app in it) without asking anything."""
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)

    def kill(self) -> None:
        """SIGKILL the sipmote process (a crash: nothing saved on the way out), then end the session."""
        os.kill(sipmote_pid(self), signal.SIGKILL)
        end = time.monotonic() + 10
        while self.alive() and time.monotonic() < end:
            time.sleep(0.1)
        self.quit()


def needs_sipmote() -> None:
    """Skip when the terminal test cannot run here."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the real-terminal test needs it")
    if not EXE.exists():
        pytest.skip("the sipmote command is not installed next to this Python")


def home_with(tmp_path: Path, plans: Iterable[Plan]) -> Path:
    """A sipmote home (SIPMOTE_HOME) whose register holds ``plans``."""
    needs_sipmote()
    home = tmp_path / "home"
    reg = Register(home).open()
    for plan in plans:
        reg.save(plan)
    reg.close()
    return home


def start(home: Path, *args: str, size: tuple[int, int] = (100, 30), env: str = "") -> Tmux:
    """``sipmote ARGS`` on ``home`` in a new detached tmux session of ``size`` (columns, rows),
    with ``env`` ("NAME=value ...") added to its environment."""
    name = f"sipmote-test-{uuid.uuid4().hex[:8]}"
    env = f"SIPMOTE_HOME={home} TERM=xterm-256color {env}".strip()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]),
                    f"env {env} {EXE} {' '.join(args)}"], check=True)
    return Tmux(name)


def sipmote_pid(tmux: Tmux) -> int:
    """The sipmote process in the pane (the pane's own process or one of its children)."""
    pane = int(subprocess.check_output(["tmux", "display-message", "-p", "-t", tmux.name, "#{pane_pid}"],
                                       text=True).strip())
    todo = [pane]
    while todo:
        pid = todo.pop()
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"sipmote" in cmd and b"python" in cmd.lower():
            return pid
        kids = Path(f"/proc/{pid}/task/{pid}/children")
        if kids.exists():
            todo += [int(k) for k in kids.read_text().split()]
    return pane


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed ``sipmote`` command on ``home`` (e.g. ``show ID --json``)."""
    return subprocess.run([str(EXE), *args], capture_output=True, text=True,
                          env={**os.environ, "SIPMOTE_HOME": str(home)}, check=False)
