"""The lifecycle screens save through the plan session: a failed save is shown, kept
and retried (it used to be dropped); a plan restored from its backup is announced on
the register screen."""

from __future__ import annotations

from conftest import FakeClock
from test_lifecycle_support import Host, sample_register

from sipmote.model import PlanStatus
from sipmote.store import Register, StoreError
from sipmote.tui.screens.register import RegisterScreen


async def written(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_failed_lifecycle_save_is_kept_and_retried(home):
    reg = Register(home).open()
    sample_register(reg)
    real_save = reg.save
    failing = {"on": True}

    def flaky(plan):
        if failing["on"]:
            raise StoreError("Disken är full – kunde inte spara.")
        real_save(plan)

    reg.save = flaky
    clock = FakeClock(0.0)
    app = Host(reg, lambda: RegisterScreen())
    app.save_clock = clock
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        table = screen.query_one("#plans")
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        table.move_cursor(row=names.index("Åsa Öberg"))
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#f-informed").value = "Åsa, vårdnadshavarna"
        app.screen.query_one("#f-where").value = "Skolkuratorn"
        await pilot.press("ctrl+s")
        await written(app, pilot)
        assert "Disken är full – kunde inte spara." in [str(n.message) for n in app._notifications]
        assert app.has_unsaved  # kept, not dropped
        assert Register(home, use_lock=False).load("plan00000003").status == PlanStatus.active
        assert "Avslutad" in [str(c) for c in table.get_row_at(table.cursor_row)]  # the screen shows it
        failing["on"] = False
        clock.now += 5  # the session's retry is due
        app.autosave_tick()
        await written(app, pilot)
        assert not app.has_unsaved
        assert Register(home, use_lock=False).load("plan00000003").status == PlanStatus.closed
    reg.close()


async def test_a_plan_restored_from_its_backup_is_announced_in_the_app(home):
    reg = Register(home).open()
    sample_register(reg)
    plan = reg.load("plan00000001")
    reg.save(plan)  # a backup exists
    reg.close()
    (home / "plans" / "plan00000001.json").write_bytes(b"{ torn")
    reg = Register(home).open()
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        table = screen.query_one("#plans")
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        table.move_cursor(row=names.index("Elsa Lindqvist"))
        await pilot.press("enter")
        await pilot.pause()
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "plan00000001.json" in messages
    reg.close()


async def test_the_preparation_screen_keeps_what_is_typed_as_a_draft(home):
    from sipmote.store.drafts import DraftStore
    from sipmote.tui.screens.prepare import PrepareScreen

    reg = Register(home).open()
    sample_register(reg)
    app = Host(reg, lambda: PrepareScreen("plan00000001"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.screen.open_section("meeting")  # built when opened
        app.screen.query_one("#place").value = "Biblioteket, rum 2"
        await pilot.pause()
        assert app.save_now()  # what the autosave tick does within a second
        # a crash: the app stops without saving the plan or leaving the screen
    drafts = DraftStore(reg).load("plan00000001")
    assert drafts["prepare:plan00000001"]["values"]["place"] == "Biblioteket, rum 2"
    assert reg.load("plan00000001").meetings[-1].place != "Biblioteket, rum 2"  # not in the plan

    app = Host(reg, lambda: PrepareScreen("plan00000001"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        await app.screen.open_section("meeting")
        assert app.screen.query_one("#place").value == "Biblioteket, rum 2"  # offered back, filled in
        await pilot.press("escape")  # leave without saving ...
        await pilot.pause()
        await pilot.press("j")  # ... on purpose: the draft goes
        await pilot.pause()
        assert app.save_now()
    assert DraftStore(reg).load("plan00000001") == {}
    reg.close()
