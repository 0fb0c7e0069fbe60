"""The register's view of plans: due dates, search and filter, a plan's history."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Protocol, TypeVar

from sipmote.formats import date_text
from sipmote.i18n import label, t
from sipmote.model import Plan, PlanStatus

DUE_SOON_DAYS = 14


def due_state(next_meeting: str | dt.date | None, status: str, today: dt.date) -> str | None:
    """``"overdue"``, ``"soon"`` (within 14 days) or None, for a plan summary."""
    if status == PlanStatus.closed.value or not next_meeting:
        return None
    if isinstance(next_meeting, str):
        try:
            next_meeting = dt.date.fromisoformat(next_meeting)
        except ValueError:
            return None
    if next_meeting < today:
        return "overdue"
    if next_meeting <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return "soon"
    return None


class Summary(Protocol):
    """What the register's view reads of a plan summary (``store.PlanSummary``)."""

    id: str
    name: str
    status: str
    next_meeting: str | None


S = TypeVar("S", bound=Summary)


def filter_summaries(summaries: list[S], query: str = "", status: str | None = None,
                     today: dt.date | None = None) -> list[S]:
    """Search by name (case and accent-insensitive substring, every word must
    match), filter by status; overdue first, then due soon, then by name."""
    words = _fold(query).split()
    out = []
    for s in summaries:
        if status and s.status != status:
            continue
        name = _fold(s.name)
        if words and not all(w in name for w in words):
            continue
        out.append(s)
    rank = {"overdue": 0, "soon": 1, None: 2}

    def key(s: S) -> tuple[bool, int, str, str, str]:
        due = due_state(s.next_meeting, s.status, today) if today else None
        return (s.status == PlanStatus.closed.value, rank[due], s.next_meeting or "9999" if due else "",
                _fold(s.name), s.id)

    return sorted(out, key=key)


@functools.lru_cache(maxsize=20000)
def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def history(plan: Plan) -> list[str]:
    """One line per event, oldest first: meetings, deviations, closings, reopenings."""
    lines = []
    for m in plan.meetings:
        when = date_text(m.date, "—")
        lines.append(f"{when}  {label(m.kind)} ({m.kva}) · {label(m.status)}")
    for d in plan.deviations:
        lines.append(f"{date_text(d.created)}  {t('life.deviation')}: {label(d.kind)} · {d.party}")
    for r in plan.reopenings:
        lines.append(f"{date_text(r.previous.date)}  {t('life.closed_on')}: {label(r.previous.reason)}")
        lines.append(f"{date_text(r.date)}  {t('life.reopened_on')}: {r.reason}")
    if plan.closure:
        lines.append(f"{date_text(plan.closure.date)}  {t('life.closed_on')}: {label(plan.closure.reason)}")
    return sorted(lines, key=lambda line: line[:10])
