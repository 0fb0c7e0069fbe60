"""Issue 12 (Build, 'raising a hand from afar'): one key puts a participant in a speaking
queue the room sees in every phase (q asks whom in every phase, the same keys doing the same;
in Lyssna the highlighted one is chosen already); one key gives the word to the first in the queue (who is
then marked as having spoken in Lyssna when the next one speaks), the queue empties as each
speaks, a person can be taken out; the queue is saved with the plan."""

from __future__ import annotations

import pytest
from test_tui_helpers import FakeClock, make_app, open_register, settle, table_text

from sipmote import lifecycle as life
from sipmote.model import Attendance
from sipmote.tui.dialogs import FormDialog


def _screen(app) -> str:
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def _row_of(app, name: str) -> int:
    rows = table_text(app, "#speakers").splitlines()
    return next(i for i, r in enumerate(rows) if name in r)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_raise_hands_queue_order_word_and_removal(home, demo, size):
    m = demo.latest_meeting
    for p in m.participants:
        p.has_spoken = False
    m.current_speaker_id = None
    johan = next(p for p in m.participants if p.name.startswith("Johan"))
    johan.attendance = Attendance.remote
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "Handuppräckning" not in _screen(app)  # nothing queued: no line taken
        table = app.screen.query_one("#speakers")
        for name in ("Johan", "Anna", "Omar"):
            table.move_cursor(row=_row_of(app, name))
            await pilot.press("q", "enter")  # the picker opens on the highlighted one
        await pilot.pause()
        screen = _screen(app)
        assert "Handuppräckning: 1 Johan Lindqvist (på distans) · 2 Anna Berg · 3 Omar" in screen
        # Anna is taken out of the queue (q again on her)
        table.move_cursor(row=_row_of(app, "Anna"))
        await pilot.press("q", "enter")
        await pilot.pause()
        assert "Anna" not in [p.name.split()[0] for p in app.screen.meeting.participants
                              if p.id in app.screen.meeting.hand_queue]
        # the queue is seen in Planera too
        await pilot.press("n", "n")
        await pilot.pause()
        assert "Handuppräckning: 1 Johan Lindqvist (på distans) · 2 Omar Haddad" in _screen(app)
        await pilot.press("w")  # the word to Johan
        await pilot.pause()
        meeting = app.screen.meeting
        assert meeting.current_speaker_id == johan.id
        assert "Handuppräckning: 1 Omar Haddad" in _screen(app)
        await pilot.press("w")  # the word to Omar: Johan has spoken, the queue is empty
        await pilot.pause()
        omar = next(p for p in meeting.participants if p.name.startswith("Omar"))
        assert meeting.current_speaker_id == omar.id
        assert meeting.participant(johan.id).has_spoken
        assert meeting.hand_queue == [] and "Handuppräckning" not in _screen(app)
        await pilot.press("b", "b")  # back in Lyssna: Johan ticked, Omar speaking
        await pilot.pause()
        rows = table_text(app, "#speakers").splitlines()
        assert rows[_row_of(app, "Johan")].startswith("✓") and rows[_row_of(app, "Omar")].startswith("▶")
        await settle(app, pilot, 1.5)


async def test_the_queue_is_saved_with_the_plan(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#speakers")
        table.move_cursor(row=_row_of(app, "Karin"))
        await pilot.press("q", "enter")
        await settle(app, pilot, 1.5)
        karin = app.screen.meeting.hand_queue[0]
    reg.close()
    reg2 = open_register(home)
    saved = reg2.load(demo.id)
    reg2.close()
    assert saved.latest_meeting.hand_queue == [karin]


@pytest.mark.parametrize("phase_keys", [(), ("n",), ("n", "n")], ids=["lyssna", "problematisera", "planera"])
async def test_q_then_a_name_raises_that_hand_in_every_phase(home, demo, phase_keys):
    """Audit: "q eva" in Lyssna queued the highlighted row at once and wrote "va" into a note;
    elsewhere q opened a picker. Now the same keys do the same in every phase."""
    reg = open_register(home)
    reg.save(demo)
    notes = {p.id: p.speaker_notes for p in demo.latest_meeting.participants}
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*phase_keys, "q", "k", "a", "r")
        assert isinstance(app.screen, FormDialog)  # the picker, whatever the phase
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen.meeting
        assert [meeting.participant(pid).name for pid in meeting.hand_queue] == ["Karin Ek"]
        assert {p.id: p.speaker_notes for p in meeting.participants} == notes  # no letter went astray
        await settle(app, pilot, 0.7)
    reg.close()


async def test_q_enter_in_lyssna_raises_the_highlighted_hand(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#speakers").move_cursor(row=_row_of(app, "Omar"))
        await pilot.press("q")
        assert str(app.screen.query_one("#f-pid").render()).strip("◀▶ ") == "Omar Haddad"
        await pilot.press("enter")
        await pilot.pause()
        assert [app.screen.meeting.participant(pid).name for pid in app.screen.meeting.hand_queue] == ["Omar Haddad"]
        await settle(app, pilot, 0.7)
    reg.close()


async def test_w_puts_the_cursor_on_who_has_the_word_so_e_notes_their_words(home, demo):
    """Final audit: with the cursor on Maria, w gave Johan the word but e then opened Maria's
    notes, and Johan's words were appended to hers."""
    from test_tui_helpers import stored_plan, type_text

    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        meeting = app.screen.meeting
        johan = next(p for p in meeting.participants if p.name == "Johan Lindqvist")
        maria = next(p for p in meeting.participants if p.name == "Maria Lindqvist")
        before = maria.speaker_notes
        meeting.hand_queue = [johan.id]
        app.screen.query_one("#speakers").move_cursor(row=_row_of(app, "Maria"))
        await pilot.press("w", "e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and "Johan" in app.screen.form_title
        await type_text(pilot, "Har kontakt med BUP.")
        await pilot.press("enter")
        await settle(app, pilot, 0.7)
    reg.close()
    stored = stored_plan(home, demo.id).latest_meeting
    assert stored.participant(johan.id).speaker_notes.endswith("Har kontakt med BUP.")
    assert stored.participant(maria.id).speaker_notes == before


def test_a_finished_meeting_keeps_no_raised_hand(demo, today):
    m = demo.latest_meeting
    m.hand_queue = [p.id for p in m.participants[3:5]]
    life.finish_meeting(demo, m.id, today, held_today=True)
    assert m.hand_queue == []
