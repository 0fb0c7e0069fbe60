"""Keys: the language of the run (not of the first import), a keymap in config.toml, a Swedish palette."""

from __future__ import annotations

from test_tui_helpers import make_app, open_register, text_of

from sipmote import i18n
from sipmote.tui.screens.meeting import MeetingScreen  # imported (and its keys built) in Swedish


def _footer_descriptions(app) -> set[str]:
    return {a.binding.description for a in app.screen.active_bindings.values() if a.binding.description}


async def test_the_keys_speak_the_language_of_the_run_not_of_the_first_import(home, demo):
    assert MeetingScreen  # the module was imported while the language was Swedish
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, lang="en")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            shown = _footer_descriptions(app)
            assert {"Next", "Spoken", "Quit"} <= shown, shown
            assert "Nästa" not in shown
            titles = {c.title for c in app.get_system_commands(app.screen)}
            assert {"Next", "Quit the application", "Keys", "Screenshot"} <= titles, titles
    finally:
        i18n.set_language("sv")
    app = make_app(reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert {"Nästa", "Talat", "Avsluta"} <= _footer_descriptions(app)
    reg.close()


async def test_the_palette_and_textuals_own_texts_are_swedish(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Avsluta programmet", "Tangenter", "Skärmbild", "Byt tema", "Nästa", "Talat"} <= titles, titles
        english = {"Quit", "Keys", "Screenshot", "Theme", "Maximize"}
        assert not titles & english
        from textual.widgets._select import SelectOverlay

        texts = {b.description for bs in SelectOverlay._merged_bindings.key_to_bindings.values() for b in bs}
        assert "Stäng listan" in texts and "Dismiss menu" not in texts
        palette_keys = [a.binding for a in app.screen.active_bindings.values()
                        if a.binding.action == "command_palette"]
        assert palette_keys and palette_keys[0].description == "Kommandon"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"
        assert app.screen._placeholder == "Sök kommando …"
    reg.close()


async def test_a_secretary_moves_a_key_in_config_toml(home, demo):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[keys]\n"meeting.next_phase" = "right"\n"listen.notes" = 5\n',
                                      encoding="utf-8")
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "LYSSNA" in text_of(app, "#ph-name")
        await pilot.press("n")  # no longer next phase
        await pilot.pause()
        assert "LYSSNA" in text_of(app, "#ph-name")
        await pilot.press("right")
        await pilot.pause()
        assert "PROBLEMATISERA" in text_of(app, "#ph-name")
        shown = [n.message for n in app._notifications]
        assert any("listen.notes" in m and "[keys]" in m for m in shown), shown  # the bad entry is named
    reg.close()
