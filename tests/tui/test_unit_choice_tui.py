"""Choosing a unit (enhet) from the list while typing, in preparation and in the meeting; free text
stays possible. (Stats helper's test, in tui's folder: the units are data in sipmote/stats.)"""

from __future__ import annotations

from test_lifecycle_support import Host
from test_prepare_screen import PID, prepared_plan
from test_tui_helpers import FakeClock, make_app, open_register, settle
from textual.widgets import Input

from sipmote.model import OrgKind
from sipmote.store import Register
from sipmote.tui.dialogs import FormDialog
from sipmote.tui.screens.participants import ParticipantsModal
from sipmote.tui.screens.prepare import PrepareScreen


async def test_preparation_completes_a_unit_from_the_list_and_the_users_own(home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "units.toml").write_text('[[unit]]\nkey = "strand"\nparty = "school"\nname = "Strandskolan Norr"\n',
                                     encoding="utf-8")
    reg = Register(home).open()
    reg.save(prepared_plan())
    app = Host(reg, lambda: PrepareScreen(PID))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            s = app.screen
            await s.open_section("people")  # built when opened
            s.query_one("#p_org").value = OrgKind.regional_health
            s.query_one("#p_name", Input).value = "Karin Ek"
            unit = s.query_one("#p_unit", Input)
            unit.focus()
            for ch in "habi":
                await pilot.press(ch)
            await pilot.pause()
            await pilot.press("right")  # accept the suggestion
            assert unit.value == "Habiliteringen"
            unit.value = ""
            for ch in "stra":
                await pilot.press(ch)
            await pilot.pause()
            await pilot.press("right")
            assert unit.value == "Strandskolan Norr"  # from the user's own units.toml
            unit.value = "Fritidsgården"  # free text stays possible
            s.query_one("#p_name", Input).focus()
            await pilot.press("enter")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert [p.organisation for p in reg.load(PID).meetings[0].participants][-1] == "Fritidsgården"
    finally:
        reg.close()


async def test_the_meeting_completes_a_unit_when_a_participant_is_added(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, ParticipantsModal)
        await pilot.press("a")
        assert isinstance(app.screen, FormDialog)
        for ch in "Per":
            await pilot.press(ch)
        await pilot.press("tab", "tab")
        for ch in "ungdomsm":
            await pilot.press(ch)
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.query_one("#f-organisation", Input).value == "Ungdomsmottagningen"
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await settle(app, pilot)
    reg.close()
    saved = open_register(home)
    try:
        assert saved.load(demo.id).latest_meeting.participants[-1].organisation == "Ungdomsmottagningen"
    finally:
        saved.close()


async def test_preparation_records_who_convenes_and_the_statistics_count_the_unit(home):
    from textual.widgets import Select

    from sipmote import stats
    from sipmote.model import ConvenedBy, MeetingStatus

    reg = Register(home).open()
    reg.save(prepared_plan())
    app = Host(reg, lambda: PrepareScreen(PID))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            s = app.screen
            await s.open_section("meeting")  # built when opened
            assert s.query_one("#conv_org", Select).is_blank()
            s.query_one("#conv_org", Select).value = OrgKind.regional_health
            unit = s.query_one("#conv_unit", Input)
            unit.focus()
            for ch in "bup":
                await pilot.press(ch)
            await pilot.pause()
            await pilot.press("right")
            s.query_one("#conv_role", Input).value = "Kurator"
            await pilot.press("ctrl+s")
            await pilot.pause()
        plan = reg.load(PID)
        assert plan.meetings[0].convened_by == ConvenedBy(org_kind=OrgKind.regional_health, organisation="BUP",
                                                          role="kurator")
        # shown again when the preparation is reopened
        app = Host(reg, lambda: PrepareScreen(PID))
        async with app.run_test(size=(100, 30)):
            s = app.screen
            await s.open_section("meeting")
            assert (s.query_one("#conv_org", Select).value, s.query_one("#conv_unit", Input).value,
                    s.query_one("#conv_role", Input).value) == (OrgKind.regional_health, "BUP", "Kurator")
        plan.meetings[0].status = MeetingStatus.held
        figures = stats.collect([plan])
        assert figures.convened_unit == {"regional_health": {"bup": 1}}
        assert figures.convened_role == {"regional_health": {"kurator": 1}}
    finally:
        reg.close()


async def test_the_meetings_roles_form_completes_the_convening_unit(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")  # Lyssna: leader, note-taker, who called the meeting
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#f-conv_org", Input).focus()
        app.screen.query_one("#f-conv_org", Input).value = ""
        for ch in "familjehä":
            await pilot.press(ch)
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.query_one("#f-conv_org", Input).value == "Familjehälsan"
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+q")
        await settle(app, pilot)
    reg.close()
    saved = open_register(home)
    try:
        assert saved.load(demo.id).latest_meeting.convened_by.organisation == "Familjehälsan"
    finally:
        saved.close()
