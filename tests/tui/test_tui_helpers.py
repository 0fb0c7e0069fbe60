"""Shared helpers for the TUI tests (no tests here): an app factory, screen text; FakeClock and TODAY
(from conftest) for the modules that import them from here."""

from __future__ import annotations

from conftest import TODAY, FakeClock
from textual import events

from sipmote.store import Register
from sipmote.tui.app import SipmoteApp


def open_register(home) -> Register:
    return Register(home).open()


def stored_plan(home, plan_id: str):
    """The plan as saved in ``home`` (read after the app has closed)."""
    with Register(home) as reg:
        return reg.load(plan_id)


def make_app(register: Register, plan_id: str | None, clock: FakeClock | None = None, **kw) -> SipmoteApp:
    return SipmoteApp(register=register, plan_id=plan_id, clock=clock or FakeClock(), today=TODAY, **kw)


def text_of(app, selector: str) -> str:
    """The plain text of a Static on the current screen."""
    return str(app.screen.query_one(selector).content)


def table_text(app, selector: str) -> str:
    table = app.screen.query_one(selector)
    rows = []
    for r in range(table.row_count):
        rows.append(" | ".join(str(getattr(c, "plain", c)) for c in table.get_row_at(r)))
    return "\n".join(rows)


async def settle(app, pilot, seconds: float = 0.0) -> None:
    """Let timers and the autosave worker finish."""
    await pilot.pause(seconds)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type the first character as a key press, paste the rest: for story tests where what is
    entered matters, not how (Pilot waits for the app to go idle after every key: >= 40 ms each)."""
    await pilot.press("space" if text[0] == " " else text[0])
    if len(text) > 1:
        pilot.app.post_message(events.Paste(text[1:]))
        await pilot.pause()
