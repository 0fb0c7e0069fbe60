"""The meeting's summary, headless: the plan read back per party, and what is
missing before sign-off. Used by the Summary screen and by the documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from sipmote.formats import first_name
from sipmote.i18n import label, t
from sipmote.model import Attendance, GoalStatus, Measure, Meeting, OrgKind, Plan


@dataclass
class PartyReadback:
    party: str  # display name: "Strandskolan", "BUP Exempelstad", "Elsa", "Familjen"
    org_kind: OrgKind | None
    items: list[str] = field(default_factory=list)  # "what" of each measure / own action
    measures: list[Measure] = field(default_factory=list)
    unassigned: bool = False  # the measures nobody has taken responsibility for


def party_of(measure: Measure) -> tuple[str, OrgKind | None]:
    r = measure.responsible
    if r.organisation.strip():
        return r.organisation.strip(), r.org_kind
    if r.org_kind is not None:
        return label(r.org_kind), r.org_kind
    if r.person.strip():
        return r.person.strip(), None
    return t("summary.no_responsible"), None


def _add(parties: dict[str, PartyReadback], m: Measure) -> None:
    name, kind = party_of(m)
    pr = parties.setdefault(name, PartyReadback(name, kind, unassigned=not m.responsible.is_set))
    pr.items.append(m.what)
    pr.measures.append(m)


def readback(plan: Plan, meeting: Meeting) -> list[PartyReadback]:
    """One entry per party in order of first appearance; the person and the family last."""
    parties: dict[str, PartyReadback] = {}
    for goal in meeting.goals:
        if goal.status != GoalStatus.active:
            continue
        for m in goal.measures:
            _add(parties, m)
    for m in meeting.third_party_measures:
        _add(parties, m)
    for who, title, kind in (("person", first_name(plan.person.name), OrgKind.person),
                             ("family", t("summary.family"), OrgKind.family)):
        acts = [a.text for a in meeting.own_actions if a.who == who]
        if acts:
            parties.setdefault(title, PartyReadback(title, kind)).items.extend(acts)
    return list(parties.values())


@dataclass
class Missing:
    key: str  # i18n key, e.g. "missing.huvudansvarig"
    detail: str = ""

    def text(self) -> str:
        return t(self.key, detail=self.detail)


def missing_before_signoff(plan: Plan, meeting: Meeting) -> list[Missing]:
    out: list[Missing] = []
    if not plan.long_term_goal.strip():
        out.append(Missing("missing.long_term_goal"))
    if not any(g.status == GoalStatus.active for g in meeting.goals):
        out.append(Missing("missing.goals"))
    for m in meeting.all_measures():
        if not m.responsible.is_set:
            out.append(Missing("missing.measure_responsible", m.what))
    if not plan.huvudansvarig.is_set:
        out.append(Missing("missing.huvudansvarig"))
    if not meeting.follow_up.is_set:
        out.append(Missing("missing.follow_up"))
    for p in meeting.not_yet_spoken():
        out.append(Missing("missing.not_spoken", p.name))
    if meeting.date and plan.consents and not plan.consent_covers(meeting.date):
        out.append(Missing("missing.consent"))
    if meeting.person_agrees is None:
        out.append(Missing("missing.person_agrees"))
    for p in meeting.participants:  # cannot sign on paper: their oral agreement must be noted
        if p.attendance == Attendance.remote and p.agreement is None:
            out.append(Missing("missing.remote_agreement", p.name))
    return out
