"""The phase clock on screen (fake clock): countdown, overrun in text and colour,
pause, and resuming after a crash at the same phase with the elapsed time kept."""

from __future__ import annotations

from test_tui_helpers import FakeClock, make_app, open_register, settle, text_of

from sipmote.tui.widgets.phase_header import PhaseHeader


def digits(app) -> str:
    return app.screen.query_one("#ph-digits").value


async def test_countdown_pause_and_overrun(home, demo):
    reg = open_register(home)
    reg.save(demo)
    clock = FakeClock()
    app = make_app(reg, demo.id, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        header = app.screen.query_one(PhaseHeader)
        assert digits(app) == "20:00" and "Pausad" in text_of(app, "#ph-state")
        clock.advance(300)  # paused: nothing counts
        app.screen.tick()
        assert digits(app) == "20:00"
        await pilot.press("space")
        clock.advance(5 * 60 + 30)
        app.screen.tick()
        assert digits(app) == "14:30" and "Pågår" in text_of(app, "#ph-state")
        assert "mötet 5 av 60 min" in text_of(app, "#ph-state")
        assert not header.has_class("-overrun")
        clock.advance(16 * 60)  # 21:30 into a 20-minute phase
        app.screen.tick()
        assert digits(app) == "+01:30"
        assert "ÖVERTID 01:30" in text_of(app, "#ph-state")
        assert header.has_class("-overrun")
        await pilot.press("space")  # pause
        clock.advance(600)
        app.screen.tick()
        assert digits(app) == "+01:30" and header.has_class("-paused")
        await pilot.press("space", "n")
        await pilot.pause()
        assert digits(app) == "20:00" and not header.has_class("-overrun")
        assert "PROBLEMATISERA" in text_of(app, "#ph-name")
        clock.advance(60)
        app.screen.tick()
        assert digits(app) == "19:00"
        assert app.screen.query_one("#ph-progress").progress == round((21.5 + 1) / 60 * 100, 1)
        await pilot.press("b")  # back to Lyssna: its time continues
        clock.advance(30)
        app.screen.tick()
        assert digits(app) == "+02:00"
    reg.close()


async def test_crash_resumes_phase_and_elapsed_time(home, demo):
    reg = open_register(home)
    reg.save(demo)
    clock = FakeClock()
    app = make_app(reg, demo.id, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(125)
        await pilot.press("n")
        clock.advance(30)
        await pilot.press("a")  # add a need, then stop without quitting (a crash)
        pilot.app.post_message(__import__("textual").events.Paste("Sömnen"))
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.8)  # the debounced autosave ran in its worker
        for session in app.all_sessions():  # a crash: no save on the way out
            session.before_save.clear()
            assert not session.pending
    reg.close()

    reg2 = open_register(home)
    app2 = make_app(reg2, demo.id, FakeClock(start=50.0))  # a new process: another monotonic origin
    async with app2.run_test(size=(80, 24)) as pilot:
        screen = app2.screen
        assert screen.clock.index == 1 and "PROBLEMATISERA" in text_of(app2, "#ph-name")
        assert screen.clock.elapsed(0) == 125 and screen.clock.elapsed(1) == 30
        assert digits(app2) == "19:30" and not screen.clock.running
        assert "Sömnen" in str(screen.query_one("#needs").get_row_at(0)[0])
        app2.clock.advance(100)  # time while reopened but paused does not count
        await pilot.press("space")
        app2.clock.advance(10)
        screen.tick()
        assert digits(app2) == "19:20"
    reg2.close()
