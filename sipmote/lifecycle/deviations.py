"""Deviations (avvikelser) and the participants' evaluation of a meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from pydantic import ValidationError

from sipmote.i18n import t
from sipmote.lifecycle.guards import (
    LifecycleError,
    _meeting,
    _pydantic_message,
    ensure_editable,
)
from sipmote.lifecycle.parsers import parse_answers
from sipmote.model import (
    Attendance,
    Deviation,
    DeviationKind,
    DeviationStatus,
    Evaluation,
    Measure,
    MeasureStatus,
    Meeting,
    MeetingKind,
    OrgKind,
    Participant,
    Plan,
)


def _party(p: Participant) -> str:
    org = p.organisation.strip()
    return f"{p.name} ({org})" if org else p.name


def deviation_key(d: Deviation) -> tuple[str, str | None, str, str]:
    """What makes two deviations the same: kind, meeting, party and text."""
    return (d.kind.value, d.meeting_id, d.party, d.text)


def deviation_drafts(plan: Plan, meeting: Meeting, today: dt.date,
                     declined: Collection[tuple[str, str | None, str, str]] = ()) -> list[Deviation]:
    """Drafts the leader keeps or drops: a party that did not come, a measure not
    done at follow-up, parties that cannot agree. Ones already kept are skipped, and so are
    the ``declined`` ones (``deviation_key``: dropped when they were offered during the meeting)."""
    drafts: list[Deviation] = []
    for p in meeting.participants:
        if p.attendance == Attendance.no_show:
            drafts.append(Deviation(kind=DeviationKind.party_absent, party=_party(p), org_kind=p.org_kind,
                                    text=t("life.dev_absent", name=p.name, role=p.role_label or "-"),
                                    meeting_id=meeting.id, created=today, status=DeviationStatus.draft))
    if meeting.kind == MeetingKind.follow_up:
        drafts += [_measure_draft(meeting, m, today) for m in meeting.all_measures()
                   if m.status == MeasureStatus.not_done]
    for n in meeting.needs:
        if n.disagreement:
            drafts.append(Deviation(kind=DeviationKind.disagreement, party=n.parties.strip(),
                                    text=t("life.dev_disagreement", need=n.text),
                                    meeting_id=meeting.id, created=today, status=DeviationStatus.draft))
    return [d for d in _not_kept(plan, drafts) if deviation_key(d) not in declined]


def measure_not_done_drafts(plan: Plan, meeting: Meeting, measure_id: str, today: dt.date) -> list[Deviation]:
    """The draft for one follow-up measure just marked not done (naming the measure and
    its responsible), offered at once; empty if it is not 'not done' or already kept."""
    m = meeting.measure(measure_id)
    if m is None or meeting.kind != MeetingKind.follow_up or m.status != MeasureStatus.not_done:
        return []
    return _not_kept(plan, [_measure_draft(meeting, m, today)])


def _measure_draft(meeting: Meeting, m: Measure, today: dt.date) -> Deviation:
    party = m.responsible.display() or t("summary.no_responsible")
    return Deviation(kind=DeviationKind.measure_not_done, party=party, org_kind=m.responsible.org_kind,
                     text=t("life.dev_measure", what=m.what),
                     meeting_id=meeting.id, created=today, status=DeviationStatus.draft)


def _not_kept(plan: Plan, drafts: list[Deviation]) -> list[Deviation]:
    kept = {deviation_key(d) for d in plan.deviations}
    return [d for d in drafts if deviation_key(d) not in kept]


def keep_deviations(plan: Plan, kept: list[Deviation]) -> list[Deviation]:
    """Record the drafts the leader kept (dropped ones are simply not passed)."""
    ensure_editable(plan)
    out = []
    for d in kept:
        if not d.text.strip() and not d.party.strip():
            raise LifecycleError(t("life.dev_empty"))
        rec = d.model_copy(update={"status": DeviationStatus.kept}, deep=True)
        plan.deviations.append(rec)
        out.append(rec)
    return out


def add_deviation(plan: Plan, kind: DeviationKind, party: str, text: str, today: dt.date,
                  meeting_id: str | None = None) -> Deviation:
    ensure_editable(plan)
    if not (text or "").strip():
        raise LifecycleError(t("life.dev_empty"))
    d = Deviation(kind=kind, party=party.strip(), text=text.strip(), meeting_id=meeting_id, created=today)
    plan.deviations.append(d)
    return d


# --------------------------------------------------------------------------- evaluation


def add_evaluation(plan: Plan, meeting_id: str, answers: list[int | None] | str,
                   org_kind: OrgKind | None = None) -> Evaluation:
    """One participant's answers to the five statements; stored without a name
    (only the kind of party, for anonymous statistics). Allowed after the meeting."""
    ensure_editable(plan)
    meeting = _meeting(plan, meeting_id)
    if isinstance(answers, str):
        answers = parse_answers(answers)
    if all(a is None for a in answers):
        raise LifecycleError(t("life.eval_empty"))
    try:
        ev = Evaluation(org_kind=org_kind, participant_id=None, answers=list(answers))
    except ValidationError as exc:
        raise LifecycleError(_pydantic_message(exc)) from None
    meeting.evaluations.append(ev)
    return ev


def evaluation_means(meeting: Meeting) -> list[float | None]:
    """The mean of each statement over the answers given (None when nobody answered)."""
    out: list[float | None] = []
    for i in range(5):
        vals = [a for e in meeting.evaluations if (a := e.answers[i]) is not None]
        out.append(round(sum(vals) / len(vals), 1) if vals else None)
    return out
