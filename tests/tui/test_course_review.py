"""The follow-up meeting's "Insatserna" phase (review.py): "Inte genomförd" offers the
deviation naming the insats at once, as the register's follow-up screen does, and not again
at the meeting's end; the effect dialog names the insats (black-box audit of issue 12, item 17)."""

from __future__ import annotations

from test_tui_helpers import FakeClock, make_app, open_register, settle, stored_plan

from sipmote import lifecycle as life
from sipmote.model import DeviationKind, Goal, Measure, MeasureStatus, MeetingStatus, OrgKind, Responsible
from sipmote.tui.dialogs import ConfirmDialog, FormDialog
from sipmote.tui.screens.dialogs import DeviationDraftsDialog


def _follow_up(home, plan, today):
    """The demo's first meeting held with one delmål and two insatser; its follow-up started."""
    m = plan.meetings[0]
    m.goals = [Goal(text="Elsa är i skolan varje förmiddag", measures=[
        Measure(what="Anpassad skolstart kl 10",
                responsible=Responsible(org_kind=OrgKind.school, organisation="Strandskolan")),
        Measure(what="Samtal om oro varannan vecka",
                responsible=Responsible(org_kind=OrgKind.regional_health, organisation="BUP Exempelstad"))])]
    m.status = MeetingStatus.held
    life.start_follow_up(plan, today)
    reg = open_register(home)
    reg.save(plan)
    return reg, plan


async def _to_review(pilot) -> None:
    await pilot.press("a", "n")  # the roll call: everyone here; Lyssna
    await pilot.pause()
    await pilot.press("n")  # Insatserna
    await pilot.pause()


async def test_not_done_offers_the_deviation_naming_the_insats_at_once_and_not_again(home, demo, today):
    reg, plan = _follow_up(home, demo, today)
    app = make_app(reg, plan.id, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_review(pilot)
        assert app.screen.body_kind() == "review"
        await pilot.press("c", "c", "c")  # Genomförd, Pågår, Inte genomförd
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DeviationDraftsDialog), "nothing offered when the status was set"
        named = "Den överenskomna insatsen ”Anpassad skolstart kl 10” har inte genomförts."
        assert [(d.kind, d.text) for d in dialog.drafts] == [(DeviationKind.measure_not_done, named)]
        await pilot.press("ctrl+s")  # keep it
        await pilot.pause()
        await pilot.press("down", "enter", "enter", "enter")  # the second: Inte genomförd by Enter
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DeviationDraftsDialog)
        assert "Samtal om oro varannan vecka" in dialog.drafts[0].text
        await pilot.press("space", "ctrl+s")  # dropped
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")  # finished: nothing proposed a second time
        await pilot.pause()
        assert not isinstance(app.screen, DeviationDraftsDialog)
        await settle(app, pilot)
    reg.close()
    stored = stored_plan(home, plan.id)
    assert [x.status for x in stored.latest_meeting.all_measures()][:2] == [MeasureStatus.not_done] * 2
    assert [d.text for d in stored.deviations] == [
        "Den överenskomna insatsen ”Anpassad skolstart kl 10” har inte genomförts."]


async def test_the_effect_dialog_names_the_insats(home, demo, today):
    reg, plan = _follow_up(home, demo, today)
    app = make_app(reg, plan.id, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_review(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "Anpassad skolstart kl 10" in app.screen.form_title
        await pilot.press("escape")
    reg.close()


async def test_a_review_without_measures_shows_its_headings_whole(home, demo, today):
    """Seen in tmux: a follow-up with no insatser showed the headings as 'V  A'."""
    from textual.widgets import DataTable

    demo.meetings[0].status = MeetingStatus.held
    life.start_follow_up(demo, today)
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_review(pilot)
        columns = list(app.screen.query_one("#review-table", DataTable).columns.values())
        assert [(str(c.label), c.width >= len(str(c.label))) for c in columns[:2]] == [("Vad", True),
                                                                                       ("Ansvarig", True)]
    reg.close()
