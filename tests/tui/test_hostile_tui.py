"""Hostile text typed and pasted into the real meeting screen: shown literally
(markup not interpreted, controls made visible, nothing raw on the screen) and
saved exactly."""

from __future__ import annotations

import pytest

pytest.importorskip("sipmote.tui.dialogs")

from test_tui_helpers import FakeClock, make_app, open_register, settle, text_of
from textual import events
from textual.widgets import TextArea

from sipmote.store import Register
from sipmote.textview import safe_text

PASTED = [
    "[bold]fet[/] [red]röd[/red] [@click=app.quit]klick[/] [link=http://x]länk[/link]",
    "ESC\x1b[2Jrensa\x1b]0;titel\x07 NUL\x00 CSI\x9b2J DEL\x7f",
    "שלום مرحبا \u202eRTL\u202c 👩\u200d👩\u200d👧\u200d👦 🇸🇪 e\u0301",
    ("Långt mål [b]x[/b] " * 1100)[:20000],
]
TYPED = "[bold]Elsa[/] [red]ä[/red] \\[x]"  # emoji are pasted above: Pilot has no key for them


def _screen_text(app) -> str:
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def _saved_goal(home, plan_id) -> str:
    reg = Register(home, use_lock=False).open()  # a reader beside the running app
    try:
        return reg.load(plan_id).long_term_goal
    finally:
        reg.close()


async def test_hostile_text_in_the_meeting_is_shown_literally_and_saved(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for text in PASTED:
            await pilot.press("g")  # the long-term goal, in the person's own words
            area = app.screen.query_one(TextArea)
            area.text = ""
            app.post_message(events.Paste(text))  # as the driver does: the app routes it to the focus
            await pilot.pause()
            await pilot.press("ctrl+s")
            await settle(app, pilot, 0.6)  # past the autosave delay
            shown = text_of(app, "#listen-goal")
            assert safe_text(text.strip()) in shown
            screen = _screen_text(app)
            for raw in ("\x1b", "\x00", "\x9b", "\x07", "\u202e"):
                assert raw not in screen
            assert _saved_goal(home, demo.id) == text.strip()
        # markup typed key by key is shown as typed, never as style
        await pilot.press("g")
        app.screen.query_one(TextArea).text = ""
        await pilot.press(*TYPED)
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.6)
        assert TYPED in _screen_text(app)
        assert _saved_goal(home, demo.id) == TYPED
        assert "[bold]fet[/]" not in _screen_text(app)  # the earlier text was replaced, not styled
