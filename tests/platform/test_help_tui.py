"""F1 help in the running app: every key of each view is listed, and the printed
lathund lists the same (its rows are the static part of what F1 shows)."""

from __future__ import annotations

import pytest
from conftest import TODAY, FakeClock

from sipmote import lifecycle as life
from sipmote.demo import demo_plan
from sipmote.store import Register
from sipmote.tui import keyhelp
from sipmote.tui.app import SipmoteApp
from sipmote.tui.screens.followup import FollowUpScreen
from sipmote.tui.screens.help import HelpScreen
from sipmote.tui.screens.meeting import MeetingScreen
from sipmote.tui.screens.prepare import PrepareScreen
from sipmote.tui.screens.stats import StatsScreen


@pytest.fixture
def reg(home):
    r = Register(home).open()
    yield r
    r.close()


def _ours(screen) -> list:
    """The live bindings sipmote declared, with a description (what F1 must list)."""
    out = []
    for ab in screen.active_bindings.values():
        declared = {(b.action, b.description) for b in keyhelp.declared_bindings(type(ab.node))}
        if ab.binding.description and (ab.binding.action, ab.binding.description) in declared:
            out.append(ab.binding)
    return out


async def _check(app, pilot, view: str) -> list[tuple[str, str]]:
    """Open the help on the current screen; returns the rows F1 shows beyond the lathund."""
    screen = app.screen
    assert keyhelp.view_of(screen) == view
    live = _ours(screen)
    assert live, view
    await open_help(app, pilot)
    help_screen = app.screen
    assert isinstance(help_screen, HelpScreen)
    shown = help_screen.shown_rows()
    for b in live:
        assert any(what == (b.tooltip or b.description) and keyhelp.key_label(b.key) in key.split(" / ")
                   for key, what in shown), (view, b.key, b.description)
    printed = [(r.key, r.description) for r in keyhelp.view_help(view).rows + keyhelp.view_help("global").rows]
    assert [row for row in shown if row in printed] == printed, view  # the lathund's rows, all, in order
    assert str(help_screen.query_one("#help-purpose").content) == keyhelp.view_help(view).purpose
    extra = [row for row in shown if row not in printed]
    # the only keys F1 may add to the printed page: Enter in a table, labelled when the view is built
    assert all(key == "Enter" for key, _ in extra), (view, extra)
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is screen
    return extra


async def open_help(app, pilot, key: str = "f1") -> None:
    await pilot.press(key)
    await pilot.pause()


async def test_help_lists_every_key_of_every_meeting_phase(reg):
    plan = demo_plan(TODAY)
    reg.save(plan)
    app = SipmoteApp(register=reg, plan_id=plan.id, clock=FakeClock(), today=TODAY)
    extras = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        for i, view in enumerate(("meeting.listen", "meeting.problem", "meeting.plan")):
            if i:
                await pilot.press("n")
                await pilot.pause()
            extras[view] = await _check(app, pilot, view)
        await pilot.press("s")
        await pilot.pause()
        extras["meeting.summary"] = await _check(app, pilot, "meeting.summary")
    assert extras["meeting.listen"] == [("Enter", "Talar nu")]


async def test_help_on_the_register_prepare_and_stats(reg):
    plan = demo_plan(TODAY)
    reg.save(plan)
    app = SipmoteApp(register=reg, plan_id=None, clock=FakeClock(), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _check(app, pilot, "register")
        app.push_screen(PrepareScreen(plan.id, register=reg, today=TODAY))
        await pilot.pause()
        await _check(app, pilot, "prepare")
        app.pop_screen()
        app.push_screen(StatsScreen(reg))
        await pilot.pause()
        await _check(app, pilot, "stats")


async def test_help_on_the_follow_up_and_its_review_phase(reg):
    plan = demo_plan(TODAY)
    life.finish_meeting(plan, plan.meetings[-1].id, TODAY)  # held; then its follow-up
    follow = life.start_follow_up(plan, TODAY)
    reg.save(plan)
    app = SipmoteApp(register=reg, plan_id=None, clock=FakeClock(), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(FollowUpScreen(plan.id, follow.id, register=reg, today=TODAY))
        await pilot.pause()
        await _check(app, pilot, "followup")
        app.pop_screen()
        app.push_screen(MeetingScreen(plan.id))
        await pilot.pause()
        await _check(app, pilot, "meeting.rollcall")  # a follow-up starts with the roll call
        await pilot.press("n", "n")  # the roll call done, Lyssna, then the review
        await pilot.pause()
        await _check(app, pilot, "meeting.review")


async def test_a_dialog_gets_its_own_keys(reg):
    plan = demo_plan(TODAY)
    reg.save(plan)
    app = SipmoteApp(register=reg, plan_id=plan.id, clock=FakeClock(), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("d")  # participants
        await pilot.pause()
        dialog = app.screen
        assert keyhelp.view_of(dialog) is None
        await open_help(app, pilot)
        shown = app.screen.shown_rows()
        keys = [k for k, _ in shown]
        assert "Esc / d" in keys and "a" in keys and ("Ctrl+Q", "Avsluta") in shown
        assert "F9" not in keys  # the app's other keys do not work over a dialog: not listed


async def test_question_mark_opens_the_help_but_is_typed_in_a_field(reg):
    plan = demo_plan(TODAY)
    reg.save(plan)
    app = SipmoteApp(register=reg, plan_id=None, clock=FakeClock(), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        register = app.screen
        await open_help(app, pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")  # F1 again closes it
        await pilot.pause()
        assert app.screen is register
        await pilot.press("slash")  # the search field
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is register
        assert register.query_one("#search").value == "?"


async def test_a_key_moved_in_config_toml_is_shown_moved_in_f1_and_on_the_lathund(home, tmp_path):
    import docx

    from sipmote.cli import main

    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[keys]\n"meeting.next_phase" = "right"\n', encoding="utf-8")
    r = Register(home).open()
    plan = demo_plan(TODAY)
    r.save(plan)
    app = SipmoteApp(register=r, plan_id=plan.id, clock=FakeClock(), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_help(app, pilot)
        shown = app.screen.shown_rows()
        assert ("→", "Nästa") in shown and ("n", "Nästa") not in shown
    r.close()
    out = tmp_path / "lathund.docx"
    assert main(["--home", str(home), "lathund", "--docx", str(out)]) == 0
    lines = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "→\tNästa" in lines and "n\tNästa" not in lines
