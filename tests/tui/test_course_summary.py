"""The summary's footer at 80x24 keeps the keys its checklist asks for (black-box audit of
issue 12: `j` was cut although the checklist said "… har inte tillfrågats …")."""

from __future__ import annotations

from test_tui_helpers import FakeClock, make_app, open_register

from sipmote.tui.footer import KeyFooter


async def test_the_key_the_checklist_asks_for_is_in_the_footer_at_80x24(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        checklist = str(app.screen.query_one("#summary-missing").render())
        assert "Den enskilde har inte tillfrågats om hen håller med om planen" in checklist
        footer = str(app.screen.query_one(KeyFooter).render())
        assert "j Håller med?" in footer and "a Avsluta mötet" in footer, footer
    reg.close()
