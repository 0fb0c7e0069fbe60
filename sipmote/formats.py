"""One formatter per displayed value: how a date, a time, a meeting's "when", the
booked follow-up and a first name are written, on screen, by ``sipmote show``
and in the documents. No Textual here.

The results are plain text. User text inside them (a place, a name) is data:
the caller makes it safe for where it goes (``textview.safe_line`` for a
terminal, the export's cleaning for a document).

- a date: ``2026-03-09`` (ISO, as the date fields take it)
- a time: ``14:30`` (never seconds)
- a meeting's when: ``2026-03-09 14:30``, the missing part left out
- the follow-up booking: ``2026-03-09 14:30 Rum 3``
- an insats's period: ``2026-03-09 → 2026-06-12`` (``…`` for an open end); in a narrow
  table column ``9/3→12/6``
- a first name: the first word of the name as written
- a consent's state: ``Gäller``, ``Gäller inte i dag``, ``Återkallat 2026-03-09``
"""

from __future__ import annotations

import datetime as dt

from sipmote.i18n import t
from sipmote.model import ConsentRecord, FollowUpBooking

__all__ = ["consent_state", "date_text", "first_name", "follow_up_text", "period_text", "short_period_text",
           "stored_date_text", "time_text", "when_text"]


def date_text(day: dt.date | None, blank: str = "") -> str:
    """``2026-03-09``; ``blank`` when there is no date."""
    return day.isoformat() if day is not None else blank


def stored_date_text(iso: str | None, blank: str = "") -> str:
    """A date the register's index keeps as ISO text, shown like every date; ``blank`` without one
    (text that is not a date is shown as it is)."""
    if not iso:
        return blank
    try:
        return date_text(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def time_text(at: dt.time | None, blank: str = "") -> str:
    """``14:30``; ``blank`` when there is no time."""
    return at.strftime("%H:%M") if at is not None else blank


def when_text(day: dt.date | None, at: dt.time | None, blank: str = "") -> str:
    """Date and time, ``2026-03-09 14:30``; whichever is missing is left out."""
    return " ".join(x for x in (date_text(day), time_text(at)) if x) or blank


def follow_up_text(booking: FollowUpBooking, blank: str = "") -> str:
    """The booked follow-up, ``2026-03-09 14:30 Rum 3``; ``blank`` when nothing is booked."""
    place = booking.place.strip()
    return " ".join(x for x in (when_text(booking.date, booking.time), place) if x) or blank


def period_text(start: dt.date | None, until: dt.date | None, blank: str = "") -> str:
    """An insats's period, ``2026-03-09 → 2026-06-12``, ``…`` for an open end; ``blank`` without dates."""
    if start is None and until is None:
        return blank
    return " → ".join(date_text(d, "…") for d in (start, until))


def short_period_text(start: dt.date | None, until: dt.date | None) -> str:
    """An insats's period in a narrow table column, ``9/3→12/6`` (day/month, ``…`` for an open
    end; the full dates are in the form and the documents); ``""`` without dates."""
    if start is None and until is None:
        return ""
    return "→".join(f"{d.day}/{d.month}" if d is not None else "…" for d in (start, until))


def first_name(name: str) -> str:
    """The first word of a name (``Elsa`` of ``Elsa Lindqvist``); ``""`` for a blank name."""
    words = name.split()
    return words[0] if words else ""


def consent_state(consent: ConsentRecord, today: dt.date) -> str:
    """``Återkallat 2026-03-09`` for a withdrawn consent, else ``Gäller`` / ``Gäller inte i dag``."""
    if consent.withdrawn_on:
        return t("life.consent_withdrawn_on", date=date_text(consent.withdrawn_on))
    return t("life.consent_valid") if consent.covers(today) else t("life.consent_not_now")
