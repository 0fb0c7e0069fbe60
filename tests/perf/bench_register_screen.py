"""Benchmark of the lifecycle screens (prints figures, asserts nothing):

    .venv/bin/python tests/perf/bench_register_screen.py

First frame of each lifecycle screen beside a bare one-Static screen, and the
register screen with 10 / 500 / 5,000 plan summaries: first frame, the cost of
one refresh (filter + redraw of at most MAX_ROWS rows) and one search key press
as Pilot sees it (including its own pause)."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


class FakeRegister:
    """Only the index (summaries) is read by the register screen."""

    def __init__(self, n: int) -> None:
        from sipmote.store.register import PlanSummary

        rnd = random.Random(1)
        first = ["Elsa", "Omar", "Åsa", "Liam", "Nora", "Kim", "Alva", "Noah", "Saga", "Ali"]
        last = ["Lindqvist", "Said", "Öberg", "Berg", "Ek", "Holm", "Nilsson", "Haddad"]
        self.rows = [
            PlanSummary(f"p{i:011d}", f"{rnd.choice(first)} {rnd.choice(last)} {i}", None,
                        rnd.choice(["draft", "active", "active", "closed"]), "2026-01-01",
                        (dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randint(0, 200))).isoformat(),
                        "2026-01-01T00:00:00")
            for i in range(n)
        ]

    def take_notices(self) -> list[str]:
        return []

    def summaries(self):
        return list(self.rows)


async def first_frame(factory, register) -> float:
    from test_lifecycle_support import Host

    t0 = time.perf_counter()
    app = Host(register, factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        return time.perf_counter() - t0


async def register_figures(n: int) -> str:
    from test_lifecycle_support import Host

    from sipmote.tui.screens.register import RegisterScreen

    reg = FakeRegister(n)
    t0 = time.perf_counter()
    app = Host(reg, lambda: RegisterScreen(reg))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        frame = time.perf_counter() - t0
        screen = app.screen
        t1 = time.perf_counter()
        for _ in range(5):
            screen.refresh_rows()
        refresh = (time.perf_counter() - t1) / 5
        await pilot.press("slash")
        keys = []
        for ch in "elsa":
            a = time.perf_counter()
            await pilot.press(ch)
            await pilot.pause()
            keys.append(time.perf_counter() - a)
    return (f"register {n:5d} plans: first frame {frame:.2f} s, refresh_rows {refresh * 1000:.0f} ms, "
            f"search key (Pilot) {sum(keys) / len(keys) * 1000:.0f} ms")


async def main() -> None:
    from test_lifecycle_support import sample_register
    from test_prepare_screen import PID, prepared_plan
    from textual.screen import Screen
    from textual.widgets import Static

    from sipmote.store import Register
    from sipmote.tui.screens.followup import FollowUpScreen
    from sipmote.tui.screens.prepare import PrepareScreen
    from sipmote.tui.screens.register import RegisterScreen

    class Bare(Screen):
        def compose(self):
            yield Static("x")

    reg = Register(tempfile.mkdtemp(prefix="sipmote-bench-")).open()
    sample_register(reg)
    reg.save(prepared_plan())
    for name, factory in (("bare screen", Bare), ("register (6 plans)", RegisterScreen),
                          ("preparation", lambda: PrepareScreen(PID)),
                          ("follow-up", lambda: FollowUpScreen("plan00000001"))):
        runs = [await first_frame(factory, reg) for _ in range(3)]
        print(f"{name:20s} first frame: best {min(runs):.2f} s of 3")
    reg.close()
    for n in (10, 500, 5000):
        print(await register_figures(n))


if __name__ == "__main__":
    asyncio.run(main())
