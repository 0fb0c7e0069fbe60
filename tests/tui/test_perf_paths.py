"""The shortcuts taken for speed (issue 8) lose nothing a user would notice: keys pressed before
the other views are mounted still switch the view, a long value typed into a form field scrolls
and is saved whole, and `open` by id works without the register index."""

from __future__ import annotations

from contextlib import asynccontextmanager

from test_tui_helpers import make_app, open_register, settle, text_of, type_text

from sipmote import cli
from sipmote.model import Goal
from sipmote.tui.dialogs import FormInput


async def test_keys_pressed_at_once_after_start_reach_planera(home, demo):
    demo.latest_meeting.goals = [Goal(text="Elsa är i skolan varje förmiddag")]
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")  # no pause: the later views may still be mounting
        await settle(app, pilot)
        screen = app.screen
        assert screen.body_kind() == "plan"
        assert screen.query_one("#plan").display and not screen.query_one("#listen").display
        assert "PLANERA" in text_of(app, "#ph-name")
        table = screen.query_one("#plan-table")
        assert table.row_count == 1 and "Elsa är i skolan" in str(table.get_row_at(0)[1])
    reg.close()


async def test_long_value_typed_in_a_form_field_scrolls_and_is_saved_whole(home, demo):
    demo.latest_meeting.goals = [Goal(text="Mål")]
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    what = "Mentorssamtal varje måndag " * 6  # far wider than the field
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n")
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, FormInput)
        head, tail = what[:-27], what[-27:]
        await type_text(pilot, head)  # already wider than the field
        await pilot.press(*tail)  # typed key by key at the end: the cursor must stay in view
        await pilot.pause()
        assert field.value == what
        assert field.scroll_x > 0  # the cursor end stays in view
        assert "varje måndag" in "".join(s.text for s in field.render_lines(field.region.reset_offset))
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.7)
        measures = app.screen.meeting.goals[0].measures
        assert [m.what for m in measures] == [what.strip()]
    reg.close()
    reg2 = open_register(home)
    assert reg2.load(demo.id).latest_meeting.goals[0].measures[0].what == what.strip()
    reg2.close()


def test_show_by_whole_id_prefix_and_name_still_resolve(home, demo, capsys):
    reg = open_register(home)
    reg.save(demo)
    reg.close()
    for ref in (demo.id, demo.id[:6], demo.person.name):
        assert cli.main(["--home", str(home), "show", ref, "--json"]) == 0
        assert demo.id in capsys.readouterr().out
    assert cli.main(["--home", str(home), "show", "nosuchplan"]) == 2
    assert "nosuchplan" in capsys.readouterr().err


async def test_detail_line_follows_the_cursor_in_planera(home, demo):
    from sipmote.model import Measure

    demo.latest_meeting.goals = [Goal(text="Mål ett", measures=[Measure(what="Första insatsen med lång text"),
                                                                 Measure(what="Andra insatsen")])]
    async with planera(home, demo, (80, 24)) as (app, pilot):
        assert "Mål ett" in text_of(app, "#plan-detail")
        await pilot.press("down")
        assert "Första insatsen med lång text" in text_of(app, "#plan-detail")
        await pilot.press("down")
        assert "Andra insatsen" in text_of(app, "#plan-detail")
        await pilot.press("up", "up")
        assert "Mål ett" in text_of(app, "#plan-detail")


async def test_cursor_leaving_the_view_brings_its_row_to_the_middle(home, demo):
    """Down past the last row in sight scrolls the row to the middle of the table (the rows after
    it show, and the next keys move without scrolling: each scroll redraws the whole table)."""
    from sipmote.model import Measure

    demo.latest_meeting.goals = [Goal(text=f"Mål {g}", measures=[Measure(what=f"Insats {g}.{i}") for i in range(4)])
                                 for g in range(6)]
    async with planera(home, demo, (100, 30)) as (app, pilot):
        table = app.screen.query_one("#plan-table")
        view = table.scrollable_content_region.height - table.header_height
        assert table.row_count > view  # one line per row here: more rows than lines in sight
        for _ in range(view):  # the cursor onto the first row below the view
            await pilot.press("down")
        await settle(app, pilot)
        row_top = table.cursor_row - int(table.scroll_y)  # rows of one line: the row's line in the view
        assert view // 3 <= row_top <= view - view // 3, (row_top, view)
        scrolled = table.scroll_y
        await pilot.press("down", "down")
        assert table.scroll_y == scrolled  # the next rows were already in sight


@asynccontextmanager
async def planera(home, plan, size):
    """``plan`` open on Planera at ``size``: (app, pilot)."""
    reg = open_register(home)
    reg.save(plan)
    app = make_app(reg, plan.id)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.press("n", "n")
            await settle(app, pilot)
            yield app, pilot
    finally:
        reg.close()
