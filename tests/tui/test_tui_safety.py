"""What the projector shows and what is never lost: literal user text, masked
personnummer, autosave off the UI thread, a failed save, bad dates."""

from __future__ import annotations

import threading

from test_tui_helpers import FakeClock, make_app, open_register, settle, table_text, text_of
from textual import events

import sipmote.tui.screens.meeting as meeting_mod
from sipmote.model import Attendance, Participant
from sipmote.store import StoreError
from sipmote.tui.dialogs import FormDialog


async def test_markup_and_escape_sequences_are_shown_literally(home, demo):
    m = demo.latest_meeting
    m.participants += [
        Participant(name="[bold]x[/bold]", attendance=Attendance.present),
        Participant(name="Evil\x1b[31mRed\x07", attendance=Attendance.present, speaker_notes="[b]y[/]"),
    ]
    demo.long_term_goal = "[red]Mitt mål[/red]"
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = table_text(app, "#speakers")
        assert "[bold]x[/bold]" in rows
        assert "Evil<U+001B>[31mR" in rows and "\x1b" not in rows
        assert "Evil<U+001B>[31mRed<U+0007>" in text_of(app, "#not-spoken")
        assert "[b]y[/]" in rows
        assert "[red]Mitt mål[/red]" in text_of(app, "#listen-goal")
        assert "[bold]x[/bold]" in text_of(app, "#not-spoken")
        svg = app.export_screenshot()
        assert "[bold]x[/bold]" in svg and "U+001B" in svg
    reg.close()


async def test_personnummer_masked_and_revealed_briefly(home, demo, monkeypatch):
    monkeypatch.setattr(meeting_mod, "REVEAL_SECONDS", 1.5)  # room for a loaded machine to draw it
    reg = open_register(home)
    reg.save(demo)
    full = demo.person.personnummer
    masked = full[2:8] + "-****"
    app = make_app(reg, demo.id)
    async with app.run_test(size=(80, 24)) as pilot:
        owner = text_of(app, "#listen-owner")
        assert masked in owner and full not in owner
        assert full[:8] not in app.export_screenshot().replace(masked, "")
        await pilot.press("v")
        await pilot.pause()
        assert full in text_of(app, "#listen-owner")
        await pilot.pause(2.0)
        assert masked in text_of(app, "#listen-owner") and full not in text_of(app, "#listen-owner")
    reg.close()


async def test_autosave_debounced_in_a_worker_thread(home, demo):
    reg = open_register(home)
    reg.save(demo)
    threads: list[str] = []
    real_save = reg.save

    def spy(plan):
        threads.append(threading.current_thread().name)
        real_save(plan)

    reg.save = spy
    app = make_app(reg, demo.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        body = app.screen.current_body()
        for _ in range(5):  # five quick changes (as fast typing makes them) ...
            body.action_toggle_spoken()
        await settle(app, pilot, 1.0)
        assert len(threads) == 1  # ... make one save, within a second
        assert threads[0] != threading.main_thread().name
    reg.save = real_save
    reg.close()
    reg2 = open_register(home)
    assert reg2.load(demo.id).latest_meeting.participants[0].has_spoken is True  # x pressed an odd number of times
    reg2.close()


async def test_failed_save_is_shown_and_nothing_is_lost(home, demo):
    reg = open_register(home)
    reg.save(demo)
    real_save = reg.save
    failing = {"on": True}

    def flaky(plan):
        if failing["on"]:
            raise StoreError("Disken är full – kunde inte spara.")
        real_save(plan)

    reg.save = flaky
    app = make_app(reg, demo.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        pilot.app.post_message(events.Paste("Att få sova"))
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.8)
        messages = [n.message for n in app._notifications]
        assert "Disken är full – kunde inte spara." in messages
        assert app.has_unsaved
        failing["on"] = False
        await pilot.press("ctrl+q")  # quitting saves what is pending
    reg.save = real_save
    reg.close()
    reg2 = open_register(home)
    assert reg2.load(demo.id).long_term_goal == "Att få sova"
    reg2.close()


async def test_bad_date_and_time_get_clear_messages(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "u")
        await pilot.pause()
        await pilot.press(*"31/2")
        await pilot.press("tab", *"25:99", "tab", "S")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert text_of(app, "#form-error") == "Datum: Ogiltigt datum: ”31/2”. Skriv ÅÅÅÅ-MM-DD."
        await pilot.press("ctrl+a", "ctrl+k", *"2026-05-04")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(app, "#form-error") == "Tid: Ogiltig tid: ”25:99”. Skriv TT:MM."
        assert app.screen.query_one("#f-place").value == "S"  # nothing typed is lost
        assert app.screen.focused.id == "f-time"  # the field in error has the focus
        await pilot.press("ctrl+a", "ctrl+k", *"9", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert "2026-05-04 09:00 S" in text_of(app, "#plan-status")
    reg.close()


async def test_participants_with_attendance_and_lang_en(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Paused" in text_of(app, "#ph-state")
        assert "Not spoken yet:" in text_of(app, "#not-spoken")
        await pilot.press("d", "enter", "escape")  # Elsa: present -> remote
        await pilot.pause()
        elsa = next(r for r in table_text(app, "#speakers").splitlines() if "Elsa Lindqvist" in r)
        # "remote" under the name (the notes keep the width), the role cut to its column
        assert "| Elsa Lindqvist (remote) |" in elsa and "| The person the " in elsa
    reg.close()
