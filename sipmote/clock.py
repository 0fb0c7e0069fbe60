"""The one home of 'today'. No Textual here.

Every rule that depends on the date (is a personnummer's birth date in the future, is a
meeting due, the day a deviation is noted) takes ``today`` as a value. Where that value
comes from is decided once, by the front end: the app and the CLI hold a :data:`Today`
clock (the calendar unless a test or a demo injects a fixed day) and hand it to the
register, which validates every plan it loads with it. :func:`calendar` is the only
place sipmote reads the system's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

__all__ = ["Today", "calendar", "fixed", "now", "today_of"]

#: a clock that answers "which day is it?"
Today = Callable[[], dt.date]


def calendar() -> dt.date:
    """The system calendar's date: the clock every front end uses unless one is injected."""
    return dt.date.today()


def now() -> dt.datetime:
    """The wall clock to the second, for records that say when (a plan saved, a phase started,
    an agreement given orally): the one other place sipmote reads the system's time."""
    return dt.datetime.now().replace(microsecond=0)


def fixed(day: dt.date) -> Today:
    """A clock that always answers ``day`` (tests, demos, snapshots)."""

    def today() -> dt.date:
        return day

    return today


def today_of(host: object, override: dt.date | None = None) -> dt.date:
    """The injected today as a screen sees it: its own ``override``, else its host's
    ``today()`` (the app), else :func:`calendar` (a host without a clock)."""
    if override is not None:
        return override
    value = getattr(host, "today", None)
    if callable(value):
        value = value()
    return value if isinstance(value, dt.date) else calendar()
