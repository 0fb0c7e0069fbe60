"""Close a plan (it becomes read-only) and reopen it with a recorded reason."""

from __future__ import annotations

import datetime as dt
import re

from sipmote.i18n import t
from sipmote.lifecycle.guards import LifecycleError, ensure_editable
from sipmote.lifecycle.parsers import parse_date
from sipmote.model import (
    CloseReason,
    Closure,
    MeetingStatus,
    Plan,
    PlanStatus,
    Reopening,
)


def close_plan(plan: Plan, reason: CloseReason, day: dt.date | str, informed: list[str] | str,
               where_to_turn: str, note: str = "") -> Closure:
    """Close the plan: it becomes read-only. Planned meetings are cancelled."""
    ensure_editable(plan)
    if isinstance(day, str):
        day = parse_date(day, t("field.date"), required=True)
    if isinstance(informed, str):
        informed = [s.strip() for s in re.split(r"[,\n]", informed)]
    informed = [s.strip() for s in informed if s and s.strip()]
    if not informed:
        raise LifecycleError(t("life.close_informed"))
    if not (where_to_turn or "").strip():
        raise LifecycleError(t("life.close_where"))
    if any(m.status == MeetingStatus.running for m in plan.meetings):
        raise LifecycleError(t("life.close_running"))
    closure = Closure(reason=reason, date=day, informed=informed, where_to_turn=where_to_turn.strip(),
                      note=(note or "").strip())
    for m in plan.meetings:
        if m.status == MeetingStatus.planned:
            m.status = MeetingStatus.cancelled
    plan.closure = closure
    plan.status = PlanStatus.closed
    return closure


def reopen_plan(plan: Plan, reason: str, day: dt.date) -> Reopening:
    if plan.status != PlanStatus.closed or plan.closure is None:
        raise LifecycleError(t("life.not_closed"))
    if not (reason or "").strip():
        raise LifecycleError(t("life.reopen_reason"))
    r = Reopening(date=day, reason=reason.strip(), previous=plan.closure)
    plan.reopenings.append(r)
    plan.closure = None
    plan.status = PlanStatus.active if plan.last_held_meeting else PlanStatus.draft
    return r
