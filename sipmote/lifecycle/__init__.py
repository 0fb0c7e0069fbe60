"""The plan's whole life, headless: create, prepare, follow up, close, reopen,
deviations, evaluation and consent. No Textual here.

Every mutation starts with ``ensure_editable(plan)``: a closed plan is
read-only until it is reopened with a recorded reason. Failures a user can
cause raise ``LifecycleError`` with a clear message in the current language
(Swedish by default); callers show ``str(exc)`` as is.

Dates are always passed in (``today``) so tests and snapshots are
deterministic.

One module per concern; this package re-exports the public names, so
``from sipmote import lifecycle; lifecycle.close_plan(...)`` works:

- ``guards``: ``LifecycleError``, ``PlanClosedError``, ``ensure_editable``,
  ``ensure_meeting_open``, the open-gate (``meeting_gate``, ``can_start_meeting``)
- ``prepare``: create a plan, the preparation form, consent
- ``followup``: start a follow-up, finish a meeting, goals and measures
- ``closing``: close and reopen
- ``deviations``: deviations and the participants' evaluation
- ``register_view``: due dates, search and filter, history

The names are loaded on first use (``lifecycle.close_plan`` imports ``closing``
then): the meeting screen needs only ``guards``, ``followup`` and ``edits``, and
start-up stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sipmote.lifecycle.closing import close_plan, reopen_plan
    from sipmote.lifecycle.deviations import (
        add_deviation,
        add_evaluation,
        deviation_drafts,
        deviation_key,
        evaluation_means,
        keep_deviations,
        measure_not_done_drafts,
    )
    from sipmote.lifecycle.followup import (
        FOLLOW_UP_AGENDA,
        add_goal,
        begin_meeting,
        earlier_measure,
        end_goal,
        finish_meeting,
        meeting_to_run,
        revise_goal,
        set_goal_rating,
        set_measure_effect,
        set_measure_status,
        start_follow_up,
    )
    from sipmote.lifecycle.guards import (
        Gate,
        LifecycleError,
        PlanClosedError,
        can_start_meeting,
        current_meeting,
        ensure_editable,
        ensure_meeting_open,
        meeting_closed_text,
        meeting_gate,
        planned_meeting,
        unfinished_meeting,
    )
    from sipmote.lifecycle.parsers import (
        parse_answers,
        parse_date,
        parse_personnummer,
        parse_time,
    )
    from sipmote.lifecycle.prepare import (
        INVITATION_WEEKS,
        Check,
        ParsedForm,
        Preparation,
        apply_preparation,
        check_preparation,
        create_plan,
        ensure_withdrawable,
        make_consent,
        make_participant,
        prepare_new_plan,
        withdraw_consent,
    )
    from sipmote.lifecycle.register_view import (
        DUE_SOON_DAYS,
        due_state,
        filter_summaries,
        history,
    )
    from sipmote.model import (
        CloseReason,  # close_plan's reason, kept reachable as lifecycle.CloseReason
    )

#: where each public name lives
_HOMES: dict[str, str] = {
    "close_plan": "sipmote.lifecycle.closing",
    "reopen_plan": "sipmote.lifecycle.closing",
    "add_deviation": "sipmote.lifecycle.deviations",
    "add_evaluation": "sipmote.lifecycle.deviations",
    "deviation_drafts": "sipmote.lifecycle.deviations",
    "deviation_key": "sipmote.lifecycle.deviations",
    "evaluation_means": "sipmote.lifecycle.deviations",
    "keep_deviations": "sipmote.lifecycle.deviations",
    "measure_not_done_drafts": "sipmote.lifecycle.deviations",
    "FOLLOW_UP_AGENDA": "sipmote.lifecycle.followup",
    "add_goal": "sipmote.lifecycle.followup",
    "begin_meeting": "sipmote.lifecycle.followup",
    "meeting_to_run": "sipmote.lifecycle.followup",
    "meeting_closed_text": "sipmote.lifecycle.guards",
    "earlier_measure": "sipmote.lifecycle.followup",
    "end_goal": "sipmote.lifecycle.followup",
    "finish_meeting": "sipmote.lifecycle.followup",
    "revise_goal": "sipmote.lifecycle.followup",
    "set_goal_rating": "sipmote.lifecycle.followup",
    "set_measure_effect": "sipmote.lifecycle.followup",
    "set_measure_status": "sipmote.lifecycle.followup",
    "start_follow_up": "sipmote.lifecycle.followup",
    "Gate": "sipmote.lifecycle.guards",
    "LifecycleError": "sipmote.lifecycle.guards",
    "PlanClosedError": "sipmote.lifecycle.guards",
    "can_start_meeting": "sipmote.lifecycle.guards",
    "current_meeting": "sipmote.lifecycle.guards",
    "ensure_editable": "sipmote.lifecycle.guards",
    "ensure_meeting_open": "sipmote.lifecycle.guards",
    "meeting_gate": "sipmote.lifecycle.guards",
    "planned_meeting": "sipmote.lifecycle.guards",
    "unfinished_meeting": "sipmote.lifecycle.guards",
    "parse_answers": "sipmote.lifecycle.parsers",
    "parse_date": "sipmote.lifecycle.parsers",
    "parse_personnummer": "sipmote.lifecycle.parsers",
    "parse_time": "sipmote.lifecycle.parsers",
    "Check": "sipmote.lifecycle.prepare",
    "INVITATION_WEEKS": "sipmote.lifecycle.prepare",
    "ParsedForm": "sipmote.lifecycle.prepare",
    "Preparation": "sipmote.lifecycle.prepare",
    "apply_preparation": "sipmote.lifecycle.prepare",
    "check_preparation": "sipmote.lifecycle.prepare",
    "create_plan": "sipmote.lifecycle.prepare",
    "make_consent": "sipmote.lifecycle.prepare",
    "make_participant": "sipmote.lifecycle.prepare",
    "prepare_new_plan": "sipmote.lifecycle.prepare",
    "withdraw_consent": "sipmote.lifecycle.prepare",
    "ensure_withdrawable": "sipmote.lifecycle.prepare",
    "DUE_SOON_DAYS": "sipmote.lifecycle.register_view",
    "due_state": "sipmote.lifecycle.register_view",
    "filter_summaries": "sipmote.lifecycle.register_view",
    "history": "sipmote.lifecycle.register_view",
    "CloseReason": "sipmote.model",
}

__all__ = [
    "DUE_SOON_DAYS",
    "FOLLOW_UP_AGENDA",
    "INVITATION_WEEKS",
    "Check",
    "CloseReason",
    "Gate",
    "LifecycleError",
    "ParsedForm",
    "PlanClosedError",
    "Preparation",
    "add_deviation",
    "add_evaluation",
    "add_goal",
    "apply_preparation",
    "begin_meeting",
    "can_start_meeting",
    "check_preparation",
    "close_plan",
    "create_plan",
    "current_meeting",
    "deviation_drafts",
    "deviation_key",
    "due_state",
    "earlier_measure",
    "end_goal",
    "ensure_editable",
    "ensure_meeting_open",
    "ensure_withdrawable",
    "evaluation_means",
    "filter_summaries",
    "finish_meeting",
    "history",
    "keep_deviations",
    "make_consent",
    "make_participant",
    "measure_not_done_drafts",
    "meeting_closed_text",
    "meeting_gate",
    "meeting_to_run",
    "parse_answers",
    "parse_date",
    "parse_personnummer",
    "parse_time",
    "planned_meeting",
    "prepare_new_plan",
    "reopen_plan",
    "revise_goal",
    "set_goal_rating",
    "set_measure_effect",
    "set_measure_status",
    "start_follow_up",
    "unfinished_meeting",
    "withdraw_consent",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
