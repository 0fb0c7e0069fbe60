"""The app shell: command palette, themes, start screen, leaving a meeting, export
hand-off, and a fast start path (no python-docx or cryptography imported)."""

from __future__ import annotations

import subprocess
import sys

from test_tui_helpers import make_app, open_register, settle, text_of

from sipmote.tui.screens.meeting import MeetingScreen


async def test_palette_lists_meeting_actions_and_runs_them(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for title in ("Nästa", "Sammanf.", "Deltagare", "Visa pnr", "Talat", "Byt tema"):
            assert title in commands, title
        commands["Nästa"].callback()
        await pilot.pause()
        assert "PROBLEMATISERA" in text_of(app, "#ph-name")
        await pilot.press("ctrl+p")  # the palette opens from the keyboard
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"
    reg.close()


async def test_themes_projector_first_then_light_and_dark(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "sipmote-projector"
        await pilot.press("ctrl+t")
        assert app.theme == "sipmote-light"
        await pilot.press("ctrl+t")
        assert app.theme == "sipmote-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "sipmote-projector"
    reg.close()


async def test_without_plan_the_register_opens_and_a_meeting_returns_to_it(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        start = app.screen
        assert not isinstance(start, MeetingScreen)
        returned = []
        app.push_screen(MeetingScreen(demo.id), returned.append)  # as the register screen does
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("x")  # Elsa has spoken: something is recorded, the meeting is under way
        await pilot.press("escape")  # back: asked whether it is held ("Nej, inte än"), saved at once
        await pilot.pause()
        assert "Är mötet genomfört?" in app.screen.question
        await pilot.press("n")
        await settle(app, pilot)
        assert app.screen is start and returned == [demo.id]
        assert reg.load(demo.id).latest_meeting.participants[0].has_spoken
    reg.close()


async def test_export_key_on_summary_opens_the_export(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert "SAMMANFATTNING" in text_of(app, "#ph-name")
        await pilot.press("x")
        await pilot.pause()
        name = type(app.screen).__name__
        assert name == "ExportModal" or "inte tillgänglig" in str([n.message for n in app._notifications])
    reg.close()


def test_start_path_imports_no_heavy_modules():
    code = (
        "import sys, sipmote.cli as c; c.build_parser();"
        "import sipmote.demo, sipmote.store, sipmote.tui.app, sipmote.tui.screens.meeting;"
        "print(sorted(m for m in ('docx', 'cryptography', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


async def test_broken_agenda_file_is_named_and_the_meeting_still_runs(home, demo):
    from sipmote.agenda import user_agenda_dir

    folder = user_agenda_dir()
    folder.mkdir(parents=True)
    (folder / "egen.toml").write_text('name = "Egen"\n[[phase]]\nkey = "a"\nname = "A"\nminutes = "tjugo"\n')
    demo.latest_meeting.agenda_id = "egen"
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "Agendafilen egen.toml, rad 2" in messages
        assert "LYSSNA" in text_of(app, "#ph-name")  # the standard 20-20-20 agenda instead
    reg.close()


async def test_summary_scrolls_by_keyboard_at_80x24(home, demo):
    from sipmote.model import Goal, Measure

    # a read-back longer than the screen (the checklist stands above it, in sight)
    demo.latest_meeting.goals = [Goal(text=f"Delmål {i}", measures=[Measure(what=f"Insats {i}")]) for i in range(6)]
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        scroll = app.screen.query_one("#summary-scroll")
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == 0
        await pilot.press("end")
        await pilot.pause(0.3)
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("j")  # the summary's own keys still work from the scrolled view
        await pilot.pause()
        assert "håller med om planen: Ja" in text_of(app, "#summary-text")
    reg.close()
