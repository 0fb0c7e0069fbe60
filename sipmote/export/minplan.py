""""Min plan": the plan for the child, in the child's own words, large type.

What matters to me, my goals, what I will do, what the adults will do, what my
family will do, when we meet next, whom to ask. Each delmål and insats carries
how the child says it (``child_words``, "Jag …", captured in the meeting or
afterwards); where it is missing the plan's own text is used and the secretary
is told (a note per document, in the export's warnings). Every goal and every
item is shown: a long plan flows onto a second page rather than being cut.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sipmote.export import docxlib as dx
from sipmote.export.clean import clean_line
from sipmote.export.common import fmt_time, long_date
from sipmote.export.styles import Styles
from sipmote.formats import first_name
from sipmote.i18n import t
from sipmote.model import GoalStatus, Measure, Meeting, OrgKind, Plan


@dataclass
class Section:
    heading: str
    items: list[str] = field(default_factory=list)
    bullets: bool = True


@dataclass
class MinPlan:
    sections: list[Section]
    notes: list[str]  # what the secretary is told: items without the child's words


def _who(m: Measure) -> str:
    """The adult by name where there is one ("Lars Holm, BUP Exempelstad"), else the organisation."""
    r = m.responsible
    parts = [x for x in (r.person.strip(), r.organisation.strip()) if x]
    return clean_line(", ".join(parts)) if parts else clean_line(r.display())


def _unique(items: list[str]) -> list[str]:
    """Each line once (two measures the child says the same way are one line to read)."""
    seen: set[str] = set()
    out = []
    for x in items:
        if x.casefold() not in seen:
            seen.add(x.casefold())
            out.append(x)
    return out


def min_plan(plan: Plan, meeting: Meeting) -> MinPlan:
    goals = [g for g in meeting.goals if g.status == GoalStatus.active and g.text.strip()]
    measures = [m for g in goals for m in g.measures if m.what.strip()]
    measures += [m for m in meeting.third_party_measures if m.what.strip()]
    notes: list[str] = []

    secs = [Section(t("export.min.matters"), [clean_line(plan.long_term_goal) or "–"], bullets=False)]
    mine_goals = [clean_line(g.child_words or g.text) for g in goals]
    if mine_goals:
        secs.append(Section(t("export.min.goals"), mine_goals))
    plain = [str(i) for i, g in enumerate(goals, 1) if not g.child_words.strip()]
    if plain:
        notes.append(t("export.min.note_goals", goals=", ".join(plain), n=len(plain)))

    mine = [clean_line(a.text) for a in meeting.own_actions if a.who == "person" and a.text.strip()]
    by_adult: dict[str, list[str]] = {}  # each adult's items together, in order of first appearance
    for m in measures:
        own = m.responsible.org_kind == OrgKind.person
        if m.child_words.strip():
            text = clean_line(m.child_words)
        elif own:
            text = clean_line(m.what)
        else:
            who = _who(m)
            text = f"{who}: {clean_line(m.what)}" if who else clean_line(m.what)
        if own:
            mine.append(text)
        else:
            by_adult.setdefault(_who(m), []).append(text)
    adults = [x for items in by_adult.values() for x in items]
    secs.append(Section(t("export.min.i_do"), _unique(mine) or ["–"]))
    secs.append(Section(t("export.min.adults_do"), _unique(adults) or ["–"]))
    bare = sum(1 for m in measures if not m.child_words.strip())
    if bare:
        notes.append(t("export.min.note_measures", n=bare, total=len(measures)))
    family = [clean_line(a.text) for a in meeting.own_actions if a.who == "family" and a.text.strip()]
    if family:
        secs.append(Section(t("export.min.family_does"), family))

    fu = meeting.follow_up
    if fu.date:
        when = long_date(fu.date) + (t("export.min.at", time=fmt_time(fu.time).replace(":", ".")) if fu.time else "")
        nxt = [when[:1].upper() + when[1:]] + ([clean_line(fu.place)] if fu.place.strip() else [])
    else:
        nxt = [t("export.min.not_booked")]
    secs.append(Section(t("export.min.next"), nxt, bullets=False))
    h = plan.huvudansvarig
    if h.is_set:
        ask = t("export.min.person_at", name=h.person.strip(), org=h.organisation.strip()) \
            if h.person.strip() and h.organisation.strip() else h.display()
        secs.append(Section(t("export.min.ask"), [clean_line(ask)], bullets=False))
    return MinPlan(secs, notes)


def build_min_plan(doc: Any, styles: Styles, plan: Plan, meeting: Meeting, *, today: dt.date) -> list[str]:
    dx.add_para(doc, styles, t("export.min.title", name=clean_line(first_name(plan.person.name))), "Min plan Title")
    content = min_plan(plan, meeting)
    for sec in content.sections:
        dx.add_para(doc, styles, sec.heading, "Min plan Heading", keep_with_next=True)
        style = "Min plan Item" if sec.bullets else "Min plan Text"
        for i, item in enumerate(sec.items):
            # a short section stays together; a long list may continue on the next page
            dx.add_para(doc, styles, item, style, keep_with_next=len(sec.items) <= 3 and i < len(sec.items) - 1)
    return content.notes
