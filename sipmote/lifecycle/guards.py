"""The guards every change passes, and the open-gate.

``LifecycleError`` is the user-facing failure (message already translated);
``ensure_editable`` makes a closed plan read-only; ``ensure_meeting_open``
keeps a held meeting as history; ``can_start_meeting`` says whether a meeting
may start on a plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from pydantic import ValidationError

from sipmote.errors import SipmoteError
from sipmote.formats import date_text
from sipmote.i18n import label, t
from sipmote.model import Meeting, MeetingStatus, Plan, PlanStatus, standing_withdrawals


class LifecycleError(SipmoteError, ValueError):
    """A user-facing failure; the message is already translated (``.message``)."""


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


def meeting_closed_text(meeting: Meeting) -> str:
    """'Mötet är genomfört och ändras inte i efterhand …' (the status in the middle of a sentence)."""
    return t("life.meeting_held", status=label(meeting.status).lower())


def ensure_meeting_open(meeting: Meeting) -> None:
    """A held meeting is history: it is never changed by a later step."""
    if meeting.status in (MeetingStatus.held, MeetingStatus.cancelled):
        raise LifecycleError(meeting_closed_text(meeting))


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


NextStep = Literal["", "close", "follow_up", "prepare"]


@dataclass
class Gate:
    """May a meeting start? If not: why, and what to offer instead."""

    ok: bool
    reason: str = ""
    offer_close: bool = False
    warnings: list[str] = field(default_factory=list)
    #: when ok (``meeting_gate``): the meeting to run, a running one or else the planned one
    meeting: Meeting | None = None
    #: when refused: "close" (consent withdrawn), "follow_up" (the meeting is held), "prepare"
    next_step: NextStep = ""


def current_meeting(plan: Plan) -> Meeting | None:
    """The meeting to run now: the latest meeting when it is running or planned."""
    m = plan.latest_meeting
    return m if m is not None and m.status in (MeetingStatus.running, MeetingStatus.planned) else None


def can_start_meeting(plan: Plan, today: dt.date) -> Gate:
    """May a (new) meeting be held on this plan at all? Not on a closed plan, not when a
    consent it relies on is withdrawn (``Plan.consent_withdrawn``); a missing consent or one
    that does not cover the meeting day is a warning."""
    if plan.status == PlanStatus.closed:
        return Gate(False, t("life.closed_read_only"))
    if plan.consent_withdrawn:
        who = ", ".join(c.given_by.strip() for c in standing_withdrawals(plan.consents))
        return Gate(False, t("life.consent_withdrawn_stop", who=who), offer_close=True, next_step="close")
    warnings = []
    m = planned_meeting(plan)
    day = m.date if m and m.date else today
    if not plan.consents:
        warnings.append(t("life.no_consent"))
    elif not plan.consent_covers(day):
        warnings.append(t("life.consent_not_covering", date=date_text(day)))
    return Gate(True, warnings=warnings)


def meeting_gate(plan: Plan, today: dt.date) -> Gate:
    """May the meeting screen open on this plan? The one rule for every front end: the plan
    must allow a meeting (``can_start_meeting``) and have one to run (running or planned).
    A held meeting is history: the next step is a follow-up; with none, preparing one."""
    gate = can_start_meeting(plan, today)
    if not gate.ok:
        return gate
    gate.meeting = current_meeting(plan)
    if gate.meeting is not None:
        return gate
    if plan.last_held_meeting is not None:
        return Gate(False, t("life.use_follow_up"), next_step="follow_up")
    return Gate(False, t("life.prepare_first"), next_step="prepare")
