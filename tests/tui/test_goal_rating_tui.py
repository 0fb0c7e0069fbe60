"""The follow-up review in the meeting: the person's own rating of each delmål ("b"), saved
through the lifecycle and counted by the statistics. (Stats helper's test, in tui's folder.)"""

from __future__ import annotations

import datetime as dt

from test_lifecycle_support import TODAY, Host
from test_lifecycle_support import plan as make_plan
from test_tui_helpers import FakeClock, make_app, open_register, settle
from textual.widgets import Static

from sipmote import lifecycle as life
from sipmote.model import Goal, GoalRating, MeetingKind
from sipmote.store import Register
from sipmote.tui.dialogs import FormDialog
from sipmote.tui.screens.followup import FollowUpScreen


async def test_rating_each_goal_in_the_follow_up_review(home, demo):
    plan = demo
    m = plan.latest_meeting
    m.kind = MeetingKind.follow_up
    m.agenda_id = "uppfoljning"
    m.phases = []
    m.goals = [Goal(text="Elsa kommer till skolan"), Goal(text="Elsa sover bättre")]
    reg = open_register(home)
    reg.save(plan)
    app = make_app(reg, plan.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "enter")  # to the review of the measures
        await pilot.pause()
        assert "Delmål bedömda av den enskilde: 0 av 2" in str(app.screen.query_one("#review-hint").content)
        await pilot.press("r")
        assert isinstance(app.screen, FormDialog)
        await pilot.press("right")  # first goal: better
        await pilot.press("tab")
        for ch in "Bra":
            await pilot.press(ch)
        await pilot.press("tab", "right", "right", "right")  # second goal: worse
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, FormDialog)
        assert "0 av 2" not in str(app.screen.query_one("#review-hint").content)
        assert "2 av 2" in str(app.screen.query_one("#review-hint").content)
        await pilot.press("ctrl+q")
        await settle(app, pilot)
    reg.close()
    saved = open_register(home)
    try:
        goals = saved.load(plan.id).latest_meeting.goals
        assert [(g.person_rating, g.person_words) for g in goals] == [(GoalRating.better, "Bra"),
                                                                      (GoalRating.worse, "")]
    finally:
        saved.close()


async def test_rating_a_goal_on_the_follow_up_screen(home):
    """The lifecycle's follow-up screen: b on a goal cycles better -> as before -> worse -> none."""
    reg = Register(home).open()
    p = make_plan("rate00000001", "Elsa Lindqvist", held=dt.date(2026, 1, 19), follow_up=dt.date(2026, 3, 9))
    fu = life.start_follow_up(p, TODAY)
    reg.save(p)
    app = Host(reg, lambda: FollowUpScreen(p.id, fu.id))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("b")  # the first row is the first goal
            await pilot.pause()
            detail = str(app.screen.query_one("#detail", Static).render())
            assert "Den enskildes bedömning: Bättre" in detail
            await pilot.press("down", "down", "down", "b", "b", "b")  # the second goal: worse
            await pilot.pause()
        goals = reg.load(p.id).meetings[1].goals
        assert [g.person_rating for g in goals] == [GoalRating.better, GoalRating.worse]
        assert all(g.person_rating is None for g in reg.load(p.id).meetings[0].goals)  # history untouched
    finally:
        reg.close()
