"""Issue 12, the lifecycle items: follow-up results and deviations offered at once (17),
wording and plurals (18)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_followup_screen import PID, screen_factory
from test_lifecycle_support import TODAY, Host, plan
from textual.widgets import Static

from sipmote import i18n
from sipmote import lifecycle as life
from sipmote.i18n import label, t
from sipmote.model import MeasureStatus
from sipmote.store import Register
from sipmote.tui.screens.dialogs import DeviationDraftsDialog, TextDialog


@pytest.fixture
def reg(home):
    r = Register(home).open()
    p = plan(PID, "Elsa Lindqvist", held=dt.date(2026, 1, 19), follow_up=dt.date(2026, 3, 9))
    fu = life.start_follow_up(p, TODAY)
    fu.id = "fu-meeting-1"
    r.save(p)
    yield r
    r.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_count_messages_agree_with_their_number(lang):
    i18n.set_language(lang)
    try:
        one, two = t("life.dev_saved", n=1, dropped=0), t("life.dev_saved", n=2, dropped=1)
        if lang == "sv":
            assert one == "1 avvikelse sparad, strukna: 0." and two == "2 avvikelser sparade, strukna: 1."
            assert t("mt.warn_no_responsible", n=1) == "⚠ 1 insats saknar ansvarig"
            assert t("life.eval_saved", n=1) == "1 utvärdering sparad."
            assert t("life.eval_count_so_far", n=1) == "1 svar registrerat."
            assert t("export.cli.strict", n=1).startswith("Dokumentet skrevs inte: 1 sak saknas")
            assert t("mt.review_open", n=1).startswith("1 insats saknar status")
        else:
            assert one == "1 deviation saved, dropped: 0." and two == "2 deviations saved, dropped: 1."
            assert t("life.eval_saved", n=1) == "1 evaluation saved."
        # the footer key and the status column say the same words
        assert t("life.key_not_done") == label(MeasureStatus.not_done)
    finally:
        i18n.set_language("sv")


async def test_not_done_offers_the_deviation_naming_the_measure_at_once(reg):
    app = Host(reg, screen_factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DeviationDraftsDialog)
        assert [(d.party, d.text) for d in dialog.drafts] == [
            ("BUP Exempelstad", "Den överenskomna insatsen ”Samtal om oro” har inte genomförts.")]
        hint = " ".join(str(s.render()) for s in dialog.query(Static))
        assert "Ctrl+S sparar" in hint  # how to save is shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, DeviationDraftsDialog)
        # kept once: setting the status again offers nothing new, leaving proposes nothing twice
        await pilot.press("2", "3")
        await pilot.pause()
        assert not isinstance(app.screen, DeviationDraftsDialog)
    stored = reg.load(PID)
    assert [d.text for d in stored.deviations] == ["Den överenskomna insatsen ”Samtal om oro” har inte genomförts."]
    assert stored.meetings[1].all_measures()[1].status == MeasureStatus.not_done


async def test_done_offers_nothing_and_the_effect_dialog_says_how_to_save(reg):
    app = Host(reg, screen_factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "1")
        await pilot.pause()
        assert not isinstance(app.screen, DeviationDraftsDialog)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        assert "Enter sparar" in str(app.screen.query_one("#form-hint", Static).render())
