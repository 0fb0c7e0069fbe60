"""An edit to a closed plan is refused from every screen that can make one, with the
lifecycle's message, and nothing is saved (the plan's file is byte for byte the same)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_lifecycle_support import TODAY, Host, plan
from textual.widgets import DataTable

from sipmote import lifecycle as life
from sipmote.i18n import t
from sipmote.model import CloseReason
from sipmote.store import Register
from sipmote.tui.screens.followup import FollowUpScreen
from sipmote.tui.screens.prepare import PrepareScreen
from sipmote.tui.screens.register import RegisterScreen

PID = "plan00000030"


@pytest.fixture
def closed(home):
    """A plan with a follow-up under way, then closed (so every view has something to edit)."""
    reg = Register(home).open()
    p = plan(PID, "Elsa Lindqvist", held=dt.date(2026, 1, 19), follow_up=TODAY)
    follow = life.start_follow_up(p, TODAY)
    life.close_plan(p, CloseReason.goals_met, TODAY, "Elsa, vårdnadshavarna", "Skolkuratorn")
    reg.save(p)
    yield reg, follow.id
    reg.close()


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("key", ["p", "m", "u", "c", "v", "e"])
async def test_register_screen_refuses_every_edit_of_a_closed_plan(closed, key):
    reg, _ = closed
    before = reg.plan_path(PID).read_bytes()
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        screen.query_one("#plans", DataTable).focus()
        await pilot.press(key)
        await settle(app, pilot)
        assert app.screen is screen  # nothing opened
        assert t("life.closed_read_only") in messages(app)
        assert not app.has_unsaved
    assert reg.plan_path(PID).read_bytes() == before


@pytest.mark.parametrize("keys", [("1",), ("2",), ("3",), ("e",), ("r",), ("a",), ("k",), ("x",), ("v",),
                                  ("m",), ("down", "1"), ("down", "e")])
async def test_follow_up_screen_refuses_every_edit_of_a_closed_plan(closed, keys):
    reg, meeting_id = closed
    before = reg.plan_path(PID).read_bytes()
    app = Host(reg, lambda: FollowUpScreen(PID, meeting_id))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await pilot.press(*keys)
        await settle(app, pilot)
        assert app.screen is screen  # no dialog opened to type into
        assert t("life.closed_read_only") in messages(app)
        assert not app.has_unsaved
    assert reg.plan_path(PID).read_bytes() == before


async def test_preparation_screen_refuses_to_save_a_closed_plan(closed):
    reg, _ = closed
    before = reg.plan_path(PID).read_bytes()
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await screen.open_section("meeting")  # its fields are built when it is opened
        screen.query_one("#place").value = "Biblioteket"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        shown = str(screen.query_one("#problems").render()) + " ".join(messages(app))
        assert t("life.closed_read_only") in shown
        assert not screen.session.plan_pending  # what was typed stays a draft, not a change
    assert reg.plan_path(PID).read_bytes() == before


async def test_the_meeting_does_not_open_on_a_closed_plan(closed):
    from sipmote.tui.app import SipmoteApp

    reg, _ = closed
    before = reg.plan_path(PID).read_bytes()
    app = SipmoteApp(register=reg, plan_id=PID, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, RegisterScreen)
        assert any(t("life.closed_read_only") in m or "avslutad" in m.lower() for m in messages(app))
    assert reg.plan_path(PID).read_bytes() == before


@pytest.mark.parametrize(("section", "table", "key"), [("consent", "#consents", "ctrl+o"),
                                                       ("consent", "#consents", "delete"),
                                                       ("people", "#prep-participants", "delete")],
                         ids=["withdraw-consent", "delete-consent", "delete-participant"])
async def test_preparation_screen_refuses_consent_and_people_edits_of_a_closed_plan(closed, section, table, key):
    """No question is asked first (as on every other screen): the refusal comes at the key."""
    reg, _ = closed
    before = reg.plan_path(PID).read_bytes()
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await screen.open_section(section)
        rows = screen.query_one(table, DataTable)
        rows.focus()
        if table == "#prep-participants":
            rows.move_cursor(row=rows.row_count - 1)  # not the person, who always stays
        assert rows.row_count
        await pilot.press(key)
        await settle(app, pilot)
        assert app.screen is screen  # no dialog opened
        assert t("life.closed_read_only") in messages(app)
    assert reg.plan_path(PID).read_bytes() == before
