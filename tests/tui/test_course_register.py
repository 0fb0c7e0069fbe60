"""The register tells the coordinator what a plan waits for (black-box audit of issue 12):
a meeting left unfinished (a crash, "not yet" on leaving it) and a withdrawn consent show in
the next-meeting column instead of a date the plan cannot meet on."""

from __future__ import annotations

from test_tui_helpers import FakeClock, make_app, open_register, table_text

from sipmote import lifecycle as life
from sipmote.model import MeetingStatus


async def test_a_plan_whose_consent_is_withdrawn_shows_it_cannot_meet(home, demo, today):
    demo.latest_meeting.status = MeetingStatus.planned
    demo.latest_meeting.date = today  # before: "2026-03-02 ● i dag"
    life.withdraw_consent(demo, demo.consents[0].id, today)
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, None, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = table_text(app, "#plans")
        assert "Samtycke återkallat" in rows
        assert "● i dag" not in rows
        assert str(app.screen.query_one("#due").render()).startswith("Inget möte")  # not counted as due
    reg.close()


async def test_a_meeting_killed_mid_way_is_flagged_and_u_finishes_it(home, demo, today):
    from sipmote.tui.dialogs import ConfirmDialog

    demo.latest_meeting.status = MeetingStatus.running  # the app was killed during the meeting
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, None, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Möte ej avslutat – u" in table_text(app, "#plans")  # before: "Aktiv  Elsa …  —  —"
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "Är mötet avslutat?" in app.screen.question
    reg.close()
