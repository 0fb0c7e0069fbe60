"""Issue 12 item 3: a roll call at the start; Lyssna lists everyone present, the person first,
and never says 'alla har talat' when nobody is listed."""

from __future__ import annotations

import pytest
from test_tui_helpers import FakeClock, just_prepared, make_app, open_register, settle, table_text, text_of

from sipmote.model import Attendance


async def test_roll_call_everyone_here_in_one_key_then_lyssna_lists_them_person_first(home, demo):
    reg = open_register(home)
    reg.save(just_prepared(demo))
    people = len(demo.latest_meeting.participants)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.body_kind() == "rollcall"
        assert table_text(app, "#rollcall-table").splitlines()[0].startswith("Elsa Lindqvist")  # the person first
        assert f"0 här, {people} inte avprickade" in text_of(app, "#rollcall-hint")
        # two keys: one absent with notice, then everyone else is here
        await pilot.press("down", "f")
        await pilot.press("a")
        await pilot.pause()
        assert f"{people - 1} här, 0 inte avprickade" in text_of(app, "#rollcall-hint")
        await pilot.press("n")  # done: Lyssna
        await pilot.pause()
        assert app.screen.body_kind() == "listen"
        rows = table_text(app, "#speakers").splitlines()
        assert len(rows) == people - 1 and "Elsa Lindqvist" in rows[0]
        waiting = text_of(app, "#not-spoken")
        assert "alla har talat" not in waiting
        await settle(app, pilot, 0.7)  # the autosave (0.5 s) has written the attendance
    reg.close()
    reg = open_register(home)
    m = reg.load(demo.id).latest_meeting
    reg.close()
    marks = [p.attendance for p in sorted(m.participants, key=lambda p: not p.is_person)]
    assert marks[1] == Attendance.absent_notice
    assert all(a == Attendance.present for i, a in enumerate(marks) if i != 1)


async def test_one_key_per_person_and_lyssna_never_claims_all_have_spoken_when_nobody_is_here(home, demo):
    reg = open_register(home)
    reg.save(just_prepared(demo))
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "r", "k")  # Elsa here, the next remote, the third did not come
        await pilot.pause()
        m = app.screen.meeting
        order = sorted(m.participants, key=lambda p: not p.is_person)
        assert [p.attendance for p in order[:4]] == [Attendance.present, Attendance.remote, Attendance.no_show,
                                                     Attendance.invited]
        await pilot.press("n")
        await pilot.pause()
        assert len(table_text(app, "#speakers").splitlines()) == 2
        await pilot.press("b")  # back to the roll call: the others leave again
        await pilot.pause()
        assert app.screen.body_kind() == "rollcall"
        await pilot.press("up", "up", "up")  # the cursor is on the fourth person: back to Elsa
        await pilot.press("k", "k")  # Elsa and the remote one did not come after all
        await pilot.press("n")
        await pilot.pause()
        assert table_text(app, "#speakers").strip() == ""
        line = text_of(app, "#not-spoken")
        assert "alla har talat" not in line and "Ingen är markerad som närvarande" in line
    reg.close()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_roll_call_snapshot(snap_compare, home, demo, size):
    """The roll call: names, roles and the attendance column whole, the keys in the footer."""
    reg = open_register(home)
    reg.save(just_prepared(demo))

    async def two_marked(pilot) -> None:  # Elsa here, the next one remote
        await pilot.pause()
        await pilot.press("enter", "r")
        await pilot.pause()

    try:
        assert snap_compare(make_app(reg, demo.id, FakeClock()), terminal_size=size, run_before=two_marked)
    finally:
        reg.close()


@pytest.mark.parametrize(("size", "agenda"), [
    ((100, 30), "✓Lyssna 20 › ●Problematisera 20 › Planera 20 min"),
    ((80, 24), "✓Lyssna 20›●Problematisera 20›Planera 20"),  # tight, every name whole
])
async def test_the_agenda_with_every_phase_and_its_minutes_is_in_the_header(home, demo, size, agenda):
    """Issue 12 item 14: where the meeting stands in 20-20-20, whole at 100x30, compact at 80x24
    (every name whole when it fits; test_agenda_header.py has the follow-up and any agenda)."""
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")
        await pilot.pause()
        line = text_of(app, "#ph-name")
        assert agenda in line, line
        assert len(line) <= size[0] - 17  # beside the big clock, never cut
    reg.close()
