"""Screens open at once (issue 17): CPU from the key to the first frame of each lifecycle screen
beside pushing a bare screen with the same visible widgets, and the register with 5,000 plans
(opening it, each key of a search) beside a bare DataTable with the same 5,000 rows.

    python tests/perf/bench_screens.py [--quick]      # or: run_all.py --only 7,8

In process (Textual's Pilot, headless, 100x30), CPU time of this process (``time.process_time``:
less sensitive to a loaded machine than wall time), interleaved sipmote / floor, medians. The
floor screen is built from what the sipmote screen showed: one plain Textual widget (Static,
Input, TextArea, Button, RadioSet with the same RadioButtons, Checkbox, DataTable with the same
rows) per visible widget, in plain containers; a dialog's floor is a bare ModalScreen (drawn
over the screen below, as a dialog is). Until 2026-11-26 a RadioSet was mirrored as Statics and
a dialog as a full screen: the export dialog then measured 1.61x (its floor 31 ms, now 43 ms).
The first open (which may import the screen's modules) is reported apart as information.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "tui"), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

SIZE = (100, 30)


def visible_widgets(screen) -> list:
    return [w for w in screen._compositor.visible_widgets if w is not screen]


def mirror(screen):
    """A bare screen with the same visible widgets as ``screen``: one plain Textual widget (Static,
    Input, TextArea, Button, RadioSet, Checkbox, DataTable with the same rows) per visible widget,
    and a plain container with the same layout (vertical, horizontal, grid) per visible container;
    a ModalScreen for a dialog."""
    from textual.containers import Container, ScrollableContainer, VerticalScroll
    from textual.screen import ModalScreen, Screen
    from textual.scrollbar import ScrollBar
    from textual.widgets import (
        Button,
        Checkbox,
        DataTable,
        Footer,
        Header,
        Input,
        OptionList,
        RadioButton,
        RadioSet,
        Static,
        TextArea,
    )

    shown = set(visible_widgets(screen))
    count = 0

    def plain(w):
        """A function that makes the plain counterpart of ``w`` (read now: ``w`` goes with its screen)."""
        nonlocal count
        count += 1
        if isinstance(w, (Header, Footer)):  # with their parts
            return Header if isinstance(w, Header) else Footer
        if isinstance(w, OptionList):
            prompts = [str(w.get_option_at_index(i).prompt) for i in range(w.option_count)]
            return lambda: OptionList(*prompts)
        if isinstance(w, DataTable):
            labels = [str(c.label) for c in w.columns.values()]
            rows = [w.get_row_at(i) for i in range(w.row_count)]

            def table():
                d = DataTable()
                d.add_columns(*labels)
                d.add_rows(rows)
                return d

            return table
        if isinstance(w, Input):
            value, hint = w.value, str(w.placeholder)
            return lambda: Input(value, placeholder=hint)
        if isinstance(w, TextArea):
            text = w.text
            return lambda: TextArea(text)
        if isinstance(w, Button):
            label = str(w.label)
            return lambda: Button(label)
        if isinstance(w, RadioSet):  # a stock choice: the same stock widgets, not Statics
            buttons = [(str(b.label), b.value) for b in w.query(RadioButton)]
            return lambda: RadioSet(*[RadioButton(label, value=value) for label, value in buttons])
        if isinstance(w, Checkbox):
            label, value = str(w.label), w.value
            return lambda: Checkbox(label, value=value)
        kids = [plain(c) for c in shown_in(w)]
        if not kids:
            content = w.render()
            return lambda: Static(content)
        if isinstance(w, ScrollableContainer):
            return lambda: VerticalScroll(*[k() for k in kids])
        layout = w.styles.layout.name if w.styles.layout else "vertical"

        def box():
            c = Container(*[k() for k in kids])
            c.styles.layout = layout
            c.styles.height = "auto"
            return c

        return box

    def shown_in(w) -> list:
        """The visible widgets under ``w``, looking through containers that have no region."""
        out = []
        for c in w.children:
            if isinstance(c, ScrollBar):
                continue
            out.extend([c] if c in shown else shown_in(c) if c.display else [])
        return out

    top = [plain(w) for w in shown_in(screen)]

    class Floor(ModalScreen if isinstance(screen, ModalScreen) else Screen):  # a dialog over the screen below
        def compose(self):
            for make in top:
                yield make()

    return Floor, count



async def _pop(app, pilot, screen) -> None:
    """Back to the base screen (a screen may have dismissed itself, or opened a dialog over it)."""
    while len(app.screen_stack) > 2 or app.screen is screen:
        app.pop_screen()
    await pilot.pause()


async def _push(app, pilot, screen) -> tuple[float, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    await app.push_screen(screen)
    await pilot.pause()
    return time.process_time() - c0, time.perf_counter() - w0


async def screen_figures(name: str, factory, register, runs: int) -> dict:
    """CPU and wall seconds of opening ``factory()`` and of its floor, interleaved."""
    from conftest import Host
    from textual.screen import Screen

    class Base(Screen):
        pass

    out: dict = {"sip": [], "floor": [], "first": 0.0, "built": 0, "visible": 0, "leaves": 0}
    app = Host(register, Base)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = factory()
        out["first"] = (await _push(app, pilot, first))[0]
        screen = app.screen
        if screen is not first:
            raise RuntimeError(f"{name}: {type(screen).__name__} on top instead (notes: {app.notes})")
        shown = visible_widgets(screen)
        out["built"] = sum(1 for _ in screen.walk_children())
        out["visible"] = len(shown)
        floor_cls, out["leaves"] = mirror(screen)
        await _pop(app, pilot, screen)
        for _ in range(runs):
            for key, make in (("sip", factory), ("floor", floor_cls)):
                pushed = make()
                out[key].append((await _push(app, pilot, pushed))[0])
                await _pop(app, pilot, pushed)
    return out


def lifecycle_screens(work: Path):
    """(name, factory, register) for the preparation, follow-up, statistics, export screens."""
    from test_lifecycle_support import sample_register
    from test_prepare_screen import PID, prepared_plan

    from sipmote.store import Register
    from sipmote.tui.screens.followup import FollowUpScreen
    from sipmote.tui.screens.prepare import PrepareScreen

    reg = Register(work / "screens").open()
    sample_register(reg)
    reg.save(prepared_plan())

    def stats():
        from sipmote.tui.screens.stats import StatsScreen

        return StatsScreen(reg, start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31), csv_dir=work)

    def export():
        from sipmote.tui.screens.export_modal import ExportModal

        return ExportModal("plan00000001", folder=work, today=dt.date(2026, 3, 2))

    return reg, [("preparation", lambda: PrepareScreen(PID), reg),
                 ("follow-up", lambda: FollowUpScreen("plan00000001", "plan00000001m1"), reg),
                 ("statistics", stats, reg),
                 ("export dialog", export, reg)]


# --------------------------------------------------------------------------- register, 5,000


SEARCH = "elsa"


async def register_figures(n: int, runs: int) -> dict:
    """Opening the register screen with n plans and each key of a search, beside a bare DataTable
    with the same n rows (open) that is refilled with the matching rows on each key."""
    from bench_register_screen import FakeRegister
    from conftest import Host
    from textual.screen import Screen
    from textual.widgets import DataTable, Input

    from sipmote.tui.screens.register import RegisterScreen

    reg = FakeRegister(n)
    rows = [(s.name, s.status, s.last_meeting or "", s.next_meeting or "") for s in reg.rows]

    class Bare(Screen):
        def compose(self):
            yield Input(id="q")
            table = DataTable()
            table.add_columns("Namn", "Status", "Senast", "Nästa")
            table.add_rows(rows)
            yield table

        def on_input_changed(self, event) -> None:
            table = self.query_one(DataTable)
            table.clear()
            q = event.value.lower()
            table.add_rows([r for r in rows if q in r[0].lower()])

    class Base(Screen):
        pass

    out: dict = {"sip_open": [], "floor_open": [], "sip_key": [], "floor_key": []}
    app = Host(reg, Base)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _push(app, pilot, RegisterScreen(reg))  # warm: imports
        app.pop_screen()
        await pilot.pause()
        for _ in range(runs):
            for key, make, focus in (("sip", lambda: RegisterScreen(reg), "slash"), ("floor", Bare, None)):
                out[key + "_open"].append((await _push(app, pilot, make()))[0])
                if focus:
                    await pilot.press(focus)
                else:
                    app.screen.query_one(Input).focus()
                await pilot.pause()
                for ch in SEARCH:
                    c0 = time.process_time()
                    await pilot.press(ch)
                    await pilot.pause()
                    out[key + "_key"].append(time.process_time() - c0)
                app.pop_screen()
                await pilot.pause()
    return out


def med_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def run_screens(runs: int, work: Path) -> dict:
    reg, screens = lifecycle_screens(work)
    try:
        return {name: asyncio.run(screen_figures(name, factory, r, runs)) for name, factory, r in screens}
    finally:
        reg.close()


def run_register(runs: int) -> dict:
    return asyncio.run(register_figures(5000, runs))


if __name__ == "__main__":
    import run_all

    sys.exit(run_all.main(["7", "8"], quick="--quick" in sys.argv))
