"""Issue 12 done-when, with Pilot: a meeting from an EMPTY register to the exported SIP through
the keys a secretary uses (``story_script``: new plan, preparation with seven people and the
guardians' consent, roll call, Lyssna with notes per speaker, nuläge, answers to the questions,
two needs, two delmål with four insatser — one without a responsible —, own action,
huvudansvarig, follow-up, summary, export from the summary, "Är mötet genomfört?" = yes).

Every value typed is then read back from ``sipmote show --json`` and from the DOCX the export
dialog wrote, and the meeting is held. The keys and seconds of the meeting part are printed
(``-s`` shows them); the real-terminal run of the same script is ``test_story_tmux.py``."""

from __future__ import annotations

import json
import time

import pytest
import story_script as story
from conftest import TODAY, FakeClock
from test_life12 import screen_text
from test_meeting_capture import _docx_text
from test_tui_helpers import settle, type_text

from sipmote.cli import main as cli
from sipmote.store import Register
from sipmote.tui.app import SipmoteApp
from sipmote.tui.screens.export_modal import ExportModal
from sipmote.tui.screens.register import RegisterScreen


async def play(pilot, steps: list[story.Step], docs) -> None:
    for step in steps:
        if isinstance(step, story.Keys):
            await pilot.press(*step.keys)
        elif isinstance(step, (story.Type, story.Paste)):
            await type_text(pilot, step.text)  # the first character pressed, the rest pasted
        elif isinstance(step, story.Search):
            await pilot.press(*step.text)
        elif isinstance(step, story.Written):
            end = time.monotonic() + 20
            while not list(docs.glob(f"{step.text}-*.docx")) or isinstance(pilot.app.screen, ExportModal):
                assert time.monotonic() < end, f"no {step.text} document written:\n{shown(pilot.app)}"
                await pilot.pause(0.05)
        else:
            await wait_for(pilot, step.text)


def shown(app) -> str:
    """The screen's text and the notifications (a Pilot screenshot leaves the toasts out)."""
    return "\n".join([screen_text(app), *(n.message for n in app._notifications)])


async def wait_for(pilot, text: str, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while text not in (now := shown(pilot.app)):
        assert time.monotonic() < end, f"{text!r} is not on screen:\n{now}"
        await pilot.pause(0.05)


pytestmark = pytest.mark.slow


async def test_a_meeting_from_an_empty_register_to_the_document(home, tmp_path, capsys):
    docs = tmp_path / "dokument"
    docs.mkdir()
    home.mkdir(parents=True)
    (home / "config.toml").write_text(f'[export]\nfolder = "{docs.as_posix()}"\n', encoding="utf-8")
    reg = Register(home).open()
    assert reg.ids() == []
    app = SipmoteApp(register=reg, today=TODAY, clock=FakeClock())
    meeting = story.meeting(TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)
        await play(pilot, story.preparation(TODAY), docs)
        started = time.perf_counter()
        await play(pilot, meeting, docs)
        seconds = time.perf_counter() - started
        await wait_for(pilot, "Registret")
        assert isinstance(app.screen, RegisterScreen)
        await settle(app, pilot, 0.7)
    reg.close()
    keys, commands = story.count(meeting)
    capsys.readouterr()
    [pid] = Register(home).open().ids()
    assert cli(["show", pid, "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    story.check_plan(plan, TODAY)
    [sip] = docs.glob("SIP-*.docx")
    story.check_document(_docx_text(sip), TODAY)
    [min_plan] = docs.glob("Min-plan-*.docx")
    story.check_min_plan(_docx_text(min_plan), TODAY)
    with capsys.disabled():
        print(f"\nPilot story, the meeting part: {keys} keys ({commands} besides the text typed), "
              f"{seconds:.1f} s")
