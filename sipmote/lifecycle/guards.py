"""The guards every change passes, and the open-gate.

``LifecycleError`` is the user-facing failure (message already translated);
``ensure_editable`` makes a closed plan read-only; ``ensure_meeting_open``
keeps a held meeting as history; ``can_start_meeting`` says whether a meeting
may start on a plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import ValidationError

from sipmote.i18n import label, t
from sipmote.model import Meeting, MeetingStatus, Plan, PlanStatus


class LifecycleError(ValueError):
    """A user-facing failure; the message is already translated."""

    @property
    def message(self) -> str:
        return str(self)


class PlanClosedError(LifecycleError):
    """A change was attempted on a closed (read-only) plan."""


def _pydantic_message(exc: ValidationError) -> str:
    from sipmote.errors import describe

    return "; ".join(describe(exc))


# --------------------------------------------------------------------------- the guard


def ensure_editable(plan: Plan) -> None:
    """Every mutation path calls this first: a closed plan is read-only."""
    if plan.status == PlanStatus.closed:
        raise PlanClosedError(t("life.closed_read_only"))


def ensure_meeting_open(meeting: Meeting) -> None:
    """A held meeting is history: it is never changed by a later step."""
    if meeting.status in (MeetingStatus.held, MeetingStatus.cancelled):
        raise LifecycleError(t("life.meeting_held", status=label(meeting.status)))


def _meeting(plan: Plan, meeting_id: str) -> Meeting:
    m = plan.meeting(meeting_id)
    if m is None:
        raise LifecycleError(t("life.no_such_meeting"))
    return m


def planned_meeting(plan: Plan) -> Meeting | None:
    """The meeting being prepared: the latest one that is planned (not yet run)."""
    m = plan.latest_meeting
    return m if m is not None and m.status == MeetingStatus.planned else None


def unfinished_meeting(plan: Plan) -> Meeting | None:
    """The latest meeting when it was started but not marked held."""
    m = plan.latest_meeting
    return m if m is not None and m.status == MeetingStatus.running else None


# --------------------------------------------------------------------------- the open-gate


@dataclass
class Gate:
    """May a meeting start? If not: why, and whether closing the plan is offered."""

    ok: bool
    reason: str = ""
    offer_close: bool = False
    warnings: list[str] = field(default_factory=list)


def can_start_meeting(plan: Plan, today: dt.date) -> Gate:
    if plan.status == PlanStatus.closed:
        return Gate(False, t("life.closed_read_only"))
    if plan.consent_withdrawn:
        return Gate(False, t("life.consent_withdrawn_stop"), offer_close=True)
    warnings = []
    m = planned_meeting(plan)
    day = m.date if m and m.date else today
    if not plan.consents:
        warnings.append(t("life.no_consent"))
    elif not plan.consent_covers(day):
        warnings.append(t("life.consent_not_covering", date=day.isoformat()))
    return Gate(True, warnings=warnings)
