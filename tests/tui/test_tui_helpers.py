"""Shared helpers for the TUI tests (no tests here): an app factory, screen text; FakeClock and TODAY
(from conftest) for the modules that import them from here."""

from __future__ import annotations

import datetime as dt

from conftest import TODAY, FakeClock
from textual import events

from sipmote.model import Attendance
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


def just_prepared(plan):
    """As a plan comes from the preparation: everyone invited, nobody marked yet (the roll call opens)."""
    meeting = plan.latest_meeting
    for p in meeting.participants:
        p.attendance = Attendance.invited
        p.has_spoken = False
    meeting.current_speaker_id = None
    return plan


def followed_up(plan, held: dt.date, on: dt.date | None = None):
    """``plan``'s meeting held on ``held`` (those only invited came) and its follow-up booked for
    ``on`` (default: the same day); returns the follow-up meeting."""
    from sipmote import lifecycle as life

    meeting = plan.latest_meeting
    for p in meeting.participants:
        if p.attendance == Attendance.invited:
            p.attendance = Attendance.present
    life.finish_meeting(plan, meeting.id, held, held_today=True)
    return life.start_follow_up(plan, held, date=on)
