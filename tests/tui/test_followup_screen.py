"""The follow-up review: status and effect per earlier measure, goals revised,
added, ended; the earlier meeting never changes; snapshots at 100x30."""

from __future__ import annotations

import datetime as dt

import pytest
from test_lifecycle_support import TODAY, Host, plan
from test_tui_helpers import type_text
from textual.widgets import DataTable, Input, Static

from sipmote import lifecycle as life
from sipmote.model import GoalStatus, Measure, MeasureStatus, MeetingKind
from sipmote.store import Register
from sipmote.tui.dialogs import TextDialog
from sipmote.tui.screens.dialogs import DeviationDraftsDialog
from sipmote.tui.screens.followup import FollowUpScreen

PID = "fu0000000001"


@pytest.fixture
def reg(home):
    r = Register(home).open()
    p = plan(PID, "Elsa Lindqvist", held=dt.date(2026, 1, 19), follow_up=dt.date(2026, 3, 9))
    p.meetings[0].third_party_measures = [Measure(id="meas9", what="Fritidsgård två kvällar i veckan",
                                                  third_party=True)]
    fu = life.start_follow_up(p, TODAY)
    fu.id = "fu-meeting-1"
    r.save(p)
    yield r
    r.close()


def cells(screen) -> list[list[str]]:
    table = screen.query_one("#items", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def screen_factory():
    return FollowUpScreen(PID, "fu-meeting-1")


async def test_goals_and_measures_from_the_earlier_meeting_are_listed(reg):
    app = Host(reg, screen_factory)
    async with app.run_test(size=(100, 30)):
        rows = cells(app.screen)
        assert [r[0] for r in rows] == [
            "● Elsa är i skolan varje förmiddag", "   – Anpassad skolstart kl 10", "   – Samtal om oro",
            "● Elsa sover före kl 23", "   – Sömnschema hemma",
            "● Andra aktörers insatser", "   – Fritidsgård två kvällar i veckan"]
        assert rows[1][1:3] == ["Strandskolan, Omar Haddad", "Ej bedömd"]
        head = str(app.screen.query_one("#head", Static).render())
        assert "Uppföljning av SIP (AW010)" in head and "Följer upp mötet 2026-01-19" in head


async def test_status_effect_and_goal_changes_are_saved_and_history_is_untouched(reg):
    before = reg.load(PID).meetings[0].model_dump()
    app = Host(reg, screen_factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "1", "down", "2", "down", "down", "down", "down", "3", "escape")
        await pilot.press("up", "up", "e")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await type_text(pilot, "Sover bättre")
        await pilot.press("enter")
        await pilot.pause()
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "Överenskommet: Sömnschema hemma" in detail and "Effekt: Sover bättre" in detail
        await pilot.press("up", "k")  # goal 2 achieved
        await pilot.press("up", "up", "up", "r")
        await pilot.pause()
        app.screen.query_one("#f-text", Input).value = "Elsa är i skolan hela dagar"
        await pilot.press("enter")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Elsa går på fritidsgården")
        await pilot.press("enter")
        await pilot.pause()
    stored = reg.load(PID)
    assert stored.meetings[0].model_dump() == before
    fu = stored.meetings[1]
    assert fu.kind == MeetingKind.follow_up and fu.previous_meeting_id == stored.meetings[0].id
    statuses = [(m.what, m.status, m.effect) for m in fu.all_measures()]
    assert statuses == [("Anpassad skolstart kl 10", MeasureStatus.done, ""),
                        ("Samtal om oro", MeasureStatus.ongoing, ""),
                        ("Sömnschema hemma", None, "Sover bättre"),
                        ("Fritidsgård två kvällar i veckan", MeasureStatus.not_done, "")]
    assert [(g.text, g.status) for g in fu.goals] == [
        ("Elsa är i skolan hela dagar", GoalStatus.active), ("Elsa sover före kl 23", GoalStatus.achieved),
        ("Elsa går på fritidsgården", GoalStatus.active)]


async def test_status_keys_on_a_goal_row_change_nothing(reg):
    app = Host(reg, screen_factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "3")
        await pilot.pause()
    assert all(m.status is None for m in reg.load(PID).meetings[1].all_measures())


async def test_ending_a_goal_twice_takes_it_up_again(reg):
    app = Host(reg, screen_factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert reg.load(PID).meetings[1].goals[0].status == GoalStatus.ended
        assert "Avslutat" in cells(app.screen)[0][2]
        await pilot.press("x")
        await pilot.pause()
    assert reg.load(PID).meetings[1].goals[0].status == GoalStatus.active


async def test_without_a_meeting_id_the_screen_opens_the_latest_meeting(reg):
    """FollowUpScreen(plan) alone reviews the plan's latest meeting (the follow-up), it is not
    refused with 'Mötet finns inte längre i planen'."""
    app = Host(reg, lambda: FollowUpScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen), app.notes
        assert app.screen.meeting_id == "fu-meeting-1"
        assert app.notes == []
        await pilot.press("down", "1")
        await pilot.pause()
    assert reg.load(PID).meetings[1].goals[0].measures[0].status == MeasureStatus.done


async def test_the_held_meeting_cannot_be_changed_here(reg):
    first = reg.load(PID).meetings[0]
    app = Host(reg, lambda: FollowUpScreen(PID, first.id))
    async with app.run_test(size=(100, 30)) as pilot:
        assert "ändras inte i efterhand" in str(app.screen.query_one("#head", Static).render())
        await pilot.press("down", "1", "a", "r", "e")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)  # no dialog opens on a held meeting
    assert reg.load(PID).meetings[0].model_dump() == first.model_dump()


async def test_leaving_with_a_measure_not_done_proposes_a_deviation(reg):
    app = Host(reg, screen_factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "3")
        await pilot.pause()
        assert isinstance(app.screen, DeviationDraftsDialog)  # offered at once (tested in test_life12)
        await pilot.press("escape", "escape")  # decide later, then leave: proposed again
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DeviationDraftsDialog)
        assert [(d.kind.value, d.party) for d in dialog.drafts] == [("measure_not_done", "BUP Exempelstad")]
        await pilot.press("ctrl+s")
        await pilot.pause()
    stored = reg.load(PID)
    assert [d.text for d in stored.deviations] == ["Den överenskomna insatsen ”Samtal om oro” har inte genomförts."]


def test_followup_snapshot(reg, snap_compare):
    assert snap_compare(Host(reg, screen_factory), terminal_size=(100, 30), press=["down", "1", "down", "3", "escape"])
