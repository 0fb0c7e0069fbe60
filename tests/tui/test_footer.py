"""Issue 12 item 7: a footer that never clips what matters.

At 80x24 and 100x30 every view's footer holds its priority keys whole (Textual's
footer cut Esc, Ctrl+Q, d, v and q off in the meeting and left "Kommandonr" in the
corner); no key is ever cut in half; the rest stays in the palette, all Swedish."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from test_tui_helpers import make_app, open_register
from tmux_app import home_with, start

from sipmote.demo import demo_plan
from sipmote.model import Attendance
from sipmote.tui.footer import KeyFooter

SIZES = [(80, 24), (100, 30)]
WAY_OUT = ["Esc Lämna", "^Q Avsluta"]
#: view -> the keys its footer must show whole at 80 columns (and so at 100)
PRIORITY = {
    "rollcall": ["⏎ Här", "a Alla är här", "r Distans", "n Nästa", *WAY_OUT],
    "listen": ["x Talat", "e Anteckn.", "⏎ Talar nu", "n Nästa", *WAY_OUT],
    "problem": ["a Nytt behov", "⏎ Ändra", "f Svar", "n Nästa", *WAY_OUT],
    "plan": ["g Delmål", "a Insats", "⏎ Ändra", "n Nästa", *WAY_OUT],
    # the demo's checklist says the person has not been asked: that key (j) before the others
    "summary": ["j Håller med?", "a Avsluta mötet", "x Exportera", *WAY_OUT],
}
WIDE_TOO = {"listen": ["g Viktigt", "u Nuläge", "q Hand upp"], "problem": ["o Oenighet", "Del Ta bort"],
            "plan": ["h Huvudansv.", "o Egen åtg."], "summary": ["k Kopior", "i Om något akut"]}


def footer_line(app) -> str:
    footer = app.screen.query_one(KeyFooter)
    return str(footer.render())


def whole(line: str, app) -> None:
    """Every word on the footer is a key or a word of a key's text: nothing cut in half."""
    words = {"^P", "Fler", "Kommandon"}
    for active in app.screen.active_bindings.values():
        b = active.binding
        words |= set(b.description.split()) | {b.key_display or ""}
    from sipmote.tui.footer import short_key

    words |= {short_key(k) for k in app.screen.active_bindings}
    for word in line.split():
        assert all(part in words for part in word.split("/")), f"{word!r} is cut or unknown in {line!r}"


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
async def test_every_meeting_view_shows_its_priority_keys_whole(home, demo, size):
    for p in demo.latest_meeting.participants:  # as prepared: the meeting opens on the roll call
        p.attendance = Attendance.invited
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, None)  # from the register, so Esc (back to it) is a key of the meeting
    seen = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert len(line) == size[0] and line.rstrip().endswith("^P Fler")
        for key in ("n Ny plan", "m Starta möte", "^Q Avsluta"):
            assert key in line, line
        await pilot.press("m")
        await pilot.pause(0.3)
        for _ in range(5):
            view = app.screen.body_kind()
            seen.append(view)
            await pilot.pause()
            line = footer_line(app)
            assert len(line) == size[0], line
            wanted = PRIORITY[view] + (WIDE_TOO.get(view, []) if size[0] >= 100 else [])
            missing = [k for k in wanted if k not in line]
            assert not missing, f"{view} at {size}: {missing} not in {line!r}"
            whole(line, app)
            assert line.index("Esc Lämna") > line.index("n Nästa" if view != "summary" else "x Exportera")
            await pilot.press("a" if view == "rollcall" else "n")  # everyone here, then onward
            await pilot.pause(0.2)
            if view == "rollcall":
                await pilot.press("n")
                await pilot.pause(0.2)
    assert seen == ["rollcall", "listen", "problem", "plan", "summary"]
    reg.close()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
async def test_the_dropped_keys_are_in_the_palette_and_no_palette_command_is_english(demo_reg, demo, size):
    app = make_app(demo_reg, demo.id)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        line = footer_line(app)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for active in app.screen.active_bindings.values():
            b = active.binding
            if b.show and b.description and f" {b.description} " not in f" {line} ":
                assert (b.tooltip or b.description) in titles, f"{b.description} is neither shown nor in the palette"
        # Textual's own table keys ("Cursor up", "Page Left" …) are not offered, the key panel is ours
        assert not {"Cursor up", "Page Left", "Top", "Bottom", "Select"} & titles, titles
        helps = {c.help for c in app.get_system_commands(app.screen)}
        assert {"Tangent: F1", "Tangent: Mellanslag", "Tangent: Enter"} <= helps  # named as the F1 help names them
        assert not {"Tangent: f1", "Tangent: space", "Tangent: ␣"} & helps


async def test_no_footer_keys_under_a_dialog(demo_reg, demo):
    """The meeting's keys do not work while a form is open: the footer does not offer them."""
    app = make_app(demo_reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert "x Talat" in str(footer.render())
        await pilot.press("e")
        await pilot.pause()
        assert str(footer.render()) == ""
        await pilot.press("escape")
        await pilot.pause()
        assert "x Talat" in str(footer.render())


@pytest.mark.tmux
@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_the_footer_in_a_real_terminal_ends_with_the_palette_key_and_no_stray_letter(tmp_path, size):
    plan = demo_plan(dt.date.today())
    for p in plan.latest_meeting.participants:
        p.attendance = Attendance.present
    home = home_with(tmp_path, [plan])
    tmux = start(home, "open", size=size)
    try:
        tmux.wait_for("Ny plan")
        tmux.keys("m")
        tmux.wait_for("Talat")
        for view_key in ("x Talat", "a Nytt behov"):  # Lyssna, then Problematisera
            tmux.wait_for(view_key)
            time.sleep(0.5)
            last = tmux.screen().rstrip("\n").split("\n")[-1]
            assert last.endswith("^P Fler") and len(last) == size[0], repr(last)  # not "Kommandonr"
            for key in (view_key, "n Nästa", "Esc Lämna", "^Q Avsluta"):
                assert key in last, repr(last)
            tmux.keys("n")
    finally:
        tmux.quit()


async def test_a_click_on_a_footer_key_presses_it(demo_reg, demo):
    app = make_app(demo_reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert app.screen.body_kind() == "listen"
        await pilot.click(KeyFooter, offset=(line.index("n Nästa") + 2, 0))
        await pilot.pause()
        assert app.screen.body_kind() == "problem"


async def test_the_footer_follows_the_theme_and_a_disabled_key(demo_reg, demo):
    """The footer keeps its drawn line while nothing it shows changes (opening a screen sent three
    signals that changed nothing); a new theme (Ctrl+T) or a key turned off redraws it."""
    app = make_app(demo_reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        before = footer.render()
        assert footer.render() is before  # nothing changed: the same line, not built again
        styles = {str(span.style) for span in before.spans}
        await pilot.press("ctrl+t")
        await pilot.pause()
        after = footer.render()
        assert after.plain == before.plain and {str(span.style) for span in after.spans} != styles
        footer.screen.check_action = lambda action, params: action != "next_phase"
        footer.screen.refresh_bindings()
        await pilot.pause()
        assert "n Nästa" in before.plain and "n Nästa" not in footer.render().plain
