"""Issue 12 item 2: leaving a meeting asks "Är mötet genomfört?" - never a meeting silently left running."""

from __future__ import annotations

import datetime as dt

from test_tui_helpers import FakeClock, make_app, open_register, stored_plan

from sipmote.model import Attendance, DeviationKind, FollowUpBooking, MeetingStatus
from sipmote.tui.dialogs import ConfirmDialog
from sipmote.tui.screens.dialogs import DeviationDraftsDialog

BOOKED = dt.date(2026, 5, 4)


def _meeting_with_a_no_show(demo):
    m = demo.latest_meeting
    johan = next(p for p in m.participants if p.name == "Johan Lindqvist")
    johan.attendance = Attendance.no_show
    m.follow_up = FollowUpBooking(date=BOOKED, time=dt.time(13, 30), place="Strandskolan")
    return demo


async def test_quitting_after_the_summary_finishes_the_meeting_by_default(home, demo):
    reg = open_register(home)
    reg.save(_meeting_with_a_no_show(demo))
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")  # the clock runs: the meeting is under way
        await pilot.press("s")  # the summary
        await pilot.pause()
        assert app.screen.meeting.status == MeetingStatus.running
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Är mötet genomfört?" in app.screen.question
        assert app.screen.focused.id == "yes"  # after the summary: yes is the default
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeviationDraftsDialog)  # Johan did not come
        await pilot.press("ctrl+s")  # keep the checked draft
        await pilot.pause()
    reg.close()
    reg = open_register(home)
    plan = reg.load(demo.id)
    summary = next(s for s in reg.summaries() if s.id == demo.id)
    reg.close()
    assert plan.latest_meeting.status == MeetingStatus.held
    assert plan.next_follow_up == BOOKED  # the register shows the booked follow-up
    assert [d.kind for d in plan.deviations] == [DeviationKind.party_absent]
    assert "Johan Lindqvist" in plan.deviations[0].text
    assert summary.next_meeting == BOOKED.isoformat()


async def test_quitting_mid_meeting_asks_with_no_as_default_and_no_leaves_it_running(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.focused.id == "no"  # the summary was not reached: no surprise finish
        await pilot.press("n")
        await pilot.pause()
    reg.close()
    plan = stored_plan(home, demo.id)
    assert plan.latest_meeting.status == MeetingStatus.running
    assert plan.deviations == []


async def test_finish_from_the_summary_with_a_and_the_j_key(home, demo):
    reg = open_register(home)
    reg.save(_meeting_with_a_no_show(demo))
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "n")  # Lyssna -> Problematisera -> Planera -> the summary
        await pilot.pause()
        assert "a Avsluta mötet" in " ".join(f"{a.binding.key} {a.binding.description}"
                                             for a in app.screen.active_bindings.values())
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.screen.focused.id == "yes"
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, DeviationDraftsDialog)
        await pilot.press("escape")  # decide later: nothing kept
        await pilot.pause()
        screen = app.screen
        assert screen.meeting.status == MeetingStatus.held
        await pilot.press("j")  # the meeting is history now: an edit is refused, never made
        await pilot.pause()
        assert screen.meeting.person_agrees is None
        assert "mötet är genomfört och ändras inte" in " ".join(n.message for n in app._notifications).lower()
    reg.close()


async def _leave_with_escape(home, demo, *keys: str):
    """From the register into the meeting, ``keys``, then Esc: the question and the app."""
    from sipmote.tui.screens.register import RegisterScreen

    reg = open_register(home)
    reg.save(_meeting_with_a_no_show(demo))
    app = make_app(reg, None, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause(0.3)
        await pilot.press("space", *keys, "escape")  # the clock runs: the meeting is under way
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog), "Esc left a meeting under way without asking"
        yes = dialog.query_one("#yes")
        asked = (dialog.question, dialog.focused.id, yes.variant, str(yes.label))
        yield app, pilot, asked
        assert any(isinstance(s, RegisterScreen) for s in app.screen_stack)
    reg.close()


async def test_leaving_with_escape_after_the_summary_asks_with_yes_as_the_default(home, demo):
    """Issue 12 item 2: Esc to the register asks "Är mötet genomfört?" there, yes focused and
    not red once the summary was reached; Enter finishes it and the register proposes the
    deviation (Johan did not come)."""
    async for app, pilot, (question, focused, variant, label) in _leave_with_escape(home, demo, "s"):
        assert question.startswith("Är mötet genomfört?")
        assert (focused, variant) == ("yes", "primary")  # before: focus on "Nej", a red yes button
        assert label.endswith("(j)") and "J/Y = ja" in str(app.screen.query_one("#form-hint").render())
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, DeviationDraftsDialog)  # proposed by the register
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen_stack[-1].__class__.__name__ == "RegisterScreen"
    assert stored_plan(home, demo.id).latest_meeting.status == MeetingStatus.held


async def test_leaving_with_escape_mid_meeting_asks_once_with_no_as_the_default(home, demo):
    async for app, pilot, (_question, focused, _variant, _label) in _leave_with_escape(home, demo):
        assert focused == "no"  # the summary was not reached: no surprise finish
        await pilot.press("n")
        await pilot.pause(0.3)
        assert app.screen.__class__.__name__ == "RegisterScreen"  # not asked a second time there
        assert not isinstance(app.screen, ConfirmDialog)
    assert stored_plan(home, demo.id).latest_meeting.status == MeetingStatus.running


async def test_escape_on_the_question_goes_back_to_the_meeting_neither_leaving_nor_quitting(home, demo):
    """Esc twice (Esc to leave, Esc on the question) or Ctrl+Q then Esc: the meeting stays on
    screen, under way, its clock running as before - "Esc avbryter" as the hint says."""
    from sipmote.tui.screens.meeting import MeetingScreen

    async for app, pilot, _asked in _leave_with_escape(home, demo, "s"):
        await pilot.press("escape")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and meeting.clock.running
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is meeting and app.is_running
        assert meeting.meeting.status == MeetingStatus.running


def _from_the_register(home, plan):
    reg = open_register(home)
    reg.save(plan)
    return reg, make_app(reg, None, FakeClock())


def _planned_untouched(demo):
    """The demo's meeting as just prepared: planned, everyone only invited (the roll call first)."""
    m = demo.latest_meeting
    m.status = MeetingStatus.planned
    for p in m.participants:
        p.attendance = Attendance.invited
    return demo


async def test_a_meeting_with_a_note_recorded_asks_on_escape_though_its_clock_never_ran(home, demo):
    """Audit: `m`, `a` (alla är här), `n`, `e` a note, Enter, Esc left for the register with no
    question, the meeting still "Planerat" with the note in it. Recording anything begins the
    meeting: Esc asks, and "Nej" leaves it running - flagged on the register."""
    from sipmote.tui.screens.register import RegisterScreen

    reg, app = _from_the_register(home, _planned_untouched(demo))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause(0.3)
        await pilot.press("a", "n")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"En anteckning", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "Esc left a meeting with a note in it without asking"
        assert app.screen.question.startswith("Är mötet genomfört?")
        await pilot.press("n")
        await pilot.pause(0.3)
        assert isinstance(app.screen, RegisterScreen)
        row = " ".join(str(c) for c in app.screen.query_one("#plans").get_row_at(0))
        assert "Möte ej avslutat – u" in row
    reg.close()
    m = stored_plan(home, demo.id).latest_meeting
    assert m.status == MeetingStatus.running
    assert any(p.speaker_notes == "En anteckning" for p in m.participants)


async def test_an_untouched_meeting_leaves_quietly_and_stays_planned(home, demo):
    from sipmote.tui.screens.register import RegisterScreen

    reg, app = _from_the_register(home, _planned_untouched(demo))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause(0.3)
        await pilot.press("n", "escape")  # looked at Lyssna, recorded nothing
        await pilot.pause(0.3)
        assert isinstance(app.screen, RegisterScreen)
    reg.close()
    assert stored_plan(home, demo.id).latest_meeting.status == MeetingStatus.planned


async def test_finishing_back_in_lyssna_gives_every_phase_run_its_end_time(home, demo):
    """Audit: back in Lyssna with b, then the meeting finished: Lyssna had no end time."""
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "n", "b")  # Lyssna, Problematisera, back to Lyssna
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
    reg.close()
    lyssna, problem, planera = stored_plan(home, demo.id).latest_meeting.phases
    assert lyssna.started_at and lyssna.ended_at and lyssna.ended_at >= lyssna.started_at
    assert problem.started_at and problem.ended_at
    assert (planera.started_at, planera.ended_at) == (None, None)
