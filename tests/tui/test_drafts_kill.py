"""Text typed into an open dialog survives a crash: a real ``sipmote`` in tmux is killed
with SIGKILL while a form is open with typed text (more than 1 s after the last key);
on reopen the draft is offered back and, accepted, fills the form again.

Covers the meeting's note, goal and measure forms and a lifecycle dialog (closing a
plan, from the register screen)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from test_tmux_demo import Tmux

from sipmote.demo import DEMO_PLAN_ID, demo_plan
from sipmote.store import Register

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

EXE = Path(sys.executable).with_name("sipmote")
AFTER_LAST_KEY = 1.2  # seconds: the promise is "nothing typed more than 1 s ago is lost"


@pytest.fixture
def home(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the real-terminal test needs it")
    if not EXE.exists():
        pytest.skip("the sipmote command is not installed next to this Python")
    home = tmp_path / "home"
    reg = Register(home).open()
    reg.save(demo_plan(dt.date.today()))
    reg.close()
    return home


def start(home: Path, *args: str) -> Tmux:
    name = f"sipmote-kill-{uuid.uuid4().hex[:8]}"
    env = f"SIPMOTE_HOME={home} TERM=xterm-256color"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "110", "-y", "32",
                    f"env {env} {EXE} open {' '.join(args)}"], check=True)
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


def kill(tmux: Tmux) -> None:
    os.kill(sipmote_pid(tmux), signal.SIGKILL)
    end = time.monotonic() + 10
    while tmux.alive() and time.monotonic() < end:
        time.sleep(0.1)
    subprocess.run(["tmux", "kill-session", "-t", tmux.name], capture_output=True)


def type_and_kill(tmux: Tmux, text: str) -> None:
    time.sleep(0.8)  # the form has the focus (slow under load)
    tmux.keys(text, literal=True)
    tmux.wait_for(text)
    time.sleep(AFTER_LAST_KEY)
    kill(tmux)


def offered_back(home: Path, title: str, text: str, reopen: list[str], *args: str) -> None:
    """Restart, see the offer naming the dialog and the text, accept it, open the dialog
    again: the text is in it."""
    tmux = start(home, *args)
    try:
        screen = tmux.wait_for("osparad anteckning")
        assert title in screen and text in screen, screen
        tmux.keys("j")
        tmux.wait_for("Texten står kvar")
        time.sleep(0.5)
        for key in reopen:
            tmux.keys(key)
            time.sleep(0.3)
        screen = tmux.wait_for(text)  # the dialog opened again, filled in
        assert title in screen and "osparad" not in screen, screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", tmux.name], capture_output=True)


def meeting_ready(tmux: Tmux) -> None:
    tmux.wait_for("LYSSNA")
    tmux.wait_for("Talar nu")  # the footer is drawn: the app takes keys


def test_note_form_draft_survives_sigkill(home):
    tmux = start(home, DEMO_PLAN_ID)
    try:
        meeting_ready(tmux)
        tmux.keys("e")
        tmux.wait_for("Anteckningar: Elsa")
        type_and_kill(tmux, "Elsa sover dåligt på söndagar")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", tmux.name], capture_output=True)
    offered_back(home, "Anteckningar: Elsa", "Elsa sover dåligt på söndagar", ["e"], DEMO_PLAN_ID)


def test_goal_and_measure_form_drafts_survive_sigkill(home):
    tmux = start(home, DEMO_PLAN_ID)
    try:
        meeting_ready(tmux)
        tmux.keys("n")
        tmux.wait_for("PROBLEMATISERA")
        tmux.keys("n")
        tmux.wait_for("PLANERA")
        time.sleep(0.5)
        tmux.keys("g")
        tmux.wait_for("Nytt delmål")
        type_and_kill(tmux, "Elsa går till skolan varje dag")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", tmux.name], capture_output=True)

    # reopened: the goal draft is offered; keep it, save the goal, then crash in the measure form
    tmux = start(home, DEMO_PLAN_ID)
    try:
        screen = tmux.wait_for("osparad anteckning")
        assert "Nytt delmål" in screen and "Elsa går till skolan varje dag" in screen
        tmux.keys("j")
        tmux.wait_for("Texten står kvar")
        tmux.wait_for("PLANERA")  # the meeting resumed in its phase
        time.sleep(0.5)
        tmux.keys("g")
        tmux.wait_for("Elsa går till skolan varje dag")
        tmux.keys("C-s")
        tmux.wait_for("Delmål 1")
        time.sleep(0.5)
        tmux.keys("a")
        tmux.wait_for("Ny insats för")
        type_and_kill(tmux, "Anpassad skolstart kl 10")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", tmux.name], capture_output=True)
    offered_back(home, "Ny insats för", "Anpassad skolstart kl 10", ["a"], DEMO_PLAN_ID)


def test_close_plan_dialog_draft_survives_sigkill(home):
    tmux = start(home)
    try:
        tmux.wait_for("Elsa Lindqvi")  # the register row (the name column may end in …)
        time.sleep(0.5)
        tmux.keys("c")
        tmux.wait_for("Avsluta")
        type_and_kill(tmux, "Elsa och vårdnadshavarna")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", tmux.name], capture_output=True)
    offered_back(home, "Elsa Lindqvist", "Elsa och vårdnadshavarna", ["c"])
