"""Issue 12 done-when, in a real terminal: the installed ``sipmote`` in tmux plays the same
meeting as the Pilot story (``story_script``), from an empty register to the exported SIP and
Min plan, at full speed — every key sent as soon as the one before is sent, never a sleep in a
form; the long free texts (notes, needs, answers) pasted, the fields typed. It waits only where
a secretary looks up: a view changing, a document being written.

Then every value typed is read back from ``sipmote show --json`` (run while the app is open)
and from the DOCX, and the meeting is held. The keys and seconds of the meeting part are
printed (``-s``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import story_script as story
from test_meeting_capture import _docx_text
from test_tmux_demo import Tmux

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

EXE = Path(sys.executable).with_name("sipmote")
TMUX_KEYS = {"tab": "Tab", "enter": "Enter", "escape": "Escape", "space": "Space", "down": "Down", "up": "Up",
             "end": "End", "pagedown": "NPage", "ctrl+s": "C-s", "ctrl+q": "C-q", "ctrl+j": "C-j",
             **{f"f{i}": f"F{i}" for i in range(1, 13)}}


class Terminal(Tmux):
    def press(self, *keys: str) -> None:
        self.keys(*[TMUX_KEYS.get(k, k) for k in keys])

    def type(self, text: str) -> None:
        self.keys(text, literal=True)

    def paste(self, text: str) -> None:
        buffer = f"story-{self.name}"
        subprocess.run(["tmux", "set-buffer", "-b", buffer, "--", text], check=True)
        subprocess.run(["tmux", "paste-buffer", "-p", "-d", "-b", buffer, "-t", self.name], check=True)


def play(term: Terminal, steps: list[story.Step], docs: Path) -> None:
    for step in steps:
        if isinstance(step, story.Keys):
            term.press(*step.keys)
        elif isinstance(step, story.Paste):
            term.paste(step.text)
        elif isinstance(step, (story.Type, story.Search)):
            term.type(step.text)
        elif isinstance(step, story.Written):
            end = time.monotonic() + 60
            # written, and the dialog closed (its 'Spara som' field gone: the toast that tells
            # where the file went has the dialog's title 'Skriv ut dokument' too)
            while not list(docs.glob(f"{step.text}-*.docx")) or "Spara som" in term.screen():
                assert time.monotonic() < end, (f"no {step.text} document written "
                                                f"({sorted(p.name for p in docs.iterdir())}):\n{term.screen()}")
                time.sleep(0.05)
        else:
            term.wait_for(step.text, timeout=60)


def sipmote(home: Path, *args: str) -> str:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, "SIPMOTE_HOME": str(home)}).stdout


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_a_meeting_from_an_empty_register_to_the_document_in_a_real_terminal(tmp_path, size):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the real-terminal test needs it")
    if not EXE.exists():
        pytest.skip("the sipmote command is not installed next to this Python")
    home, docs = tmp_path / "home", tmp_path / "dokument"
    home.mkdir()
    docs.mkdir()
    (home / "config.toml").write_text(f'[export]\nfolder = "{docs.as_posix()}"\n', encoding="utf-8")
    name = f"sipmote-story-{uuid.uuid4().hex[:8]}"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]),
                    f"env SIPMOTE_HOME={home} TERM=xterm-256color {EXE}"], check=True)
    term = Terminal(name)
    today = dt.date.today()  # the app's today: the meeting is booked for it
    meeting = story.meeting(today)
    try:
        term.wait_for("Registret är tomt")
        term.wait_for("Ny plan")  # the footer is drawn: the app takes keys
        play(term, story.preparation(today), docs)
        started = time.perf_counter()
        play(term, meeting, docs)
        term.wait_for("Ny plan")  # the register's footer (its title may be under the export's toasts)
        seconds = time.perf_counter() - started
        [row] = json.loads(sipmote(home, "list", "--json"))
        end = time.monotonic() + 20
        while (plan := json.loads(sipmote(home, "show", row["id"], "--json")))["meetings"][0]["status"] != "held":
            assert time.monotonic() < end, term.screen()
            time.sleep(0.2)
        story.check_plan(plan, today)
        [sip] = docs.glob("SIP-*.docx")
        story.check_document(_docx_text(sip), today)
        [min_plan] = docs.glob("Min-plan-*.docx")
        story.check_min_plan(_docx_text(min_plan), today)
        term.press("ctrl+q")
        end = time.monotonic() + 20
        while term.alive() and time.monotonic() < end:
            time.sleep(0.1)
        assert not term.alive(), term.screen()  # quit at once: nothing left to ask
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    keys, commands = story.count(meeting)
    print(f"\ntmux story at {size[0]}x{size[1]}, the meeting part: {keys} keys ({commands} besides the text "
          f"typed), {seconds:.1f} s")
