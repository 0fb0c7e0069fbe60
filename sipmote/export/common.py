"""Formatting shared by the documents (plain Python, no python-docx)."""

from __future__ import annotations

import datetime as dt

from sipmote.formats import date_text, time_text
from sipmote.i18n import label, t
from sipmote.model import HUVUDMAN_OF_ORG, GoalCategory, Measure, Meeting, Participant, Plan, Responsible

fmt_date = date_text  # the one date formatter (sipmote.formats)
fmt_time = time_text  # the one time formatter: 14:30


def long_date(d: dt.date | None) -> str:
    """``måndag 6 april 2026`` - for Min plan, in plain words."""
    if d is None:
        return ""
    days = t("export.weekdays").split(",")
    months = t("export.months").split(",")
    return t("export.long_date", weekday=days[d.weekday()], day=d.day, month=months[d.month - 1], year=d.year)


def goal_categories_text(plan: Plan, *, with_other: bool = True) -> str:
    """Every main goal category of the plan, the primary first, separated by "; " (a label may hold
    a comma). The "other goal" text follows "other", or the primary when "other" is not chosen.
    Empty when the plan has none."""
    cats = plan.goal_categories
    other = plan.goal_category_other.strip() if with_other else ""
    at = GoalCategory.other if GoalCategory.other in cats else (cats[0] if cats else None)
    return "; ".join(label(c) + (": " + other if c == at and other else "") for c in cats)


def huvudman_of(r: Responsible) -> str:
    return label(HUVUDMAN_OF_ORG[r.org_kind]) if r.org_kind is not None else ""


def responsible_lines(m: Measure) -> str:
    """Huvudman / verksamhet / person, one per line; the performer when different."""
    r = m.responsible
    lines = [x for x in (huvudman_of(r), r.organisation.strip(), r.person.strip()) if x]
    if not r.is_set:  # said first, also when someone is named to carry it out
        lines.insert(0, t("export.no_responsible"))
    if m.performer.strip() and m.performer.strip() != r.person.strip():
        lines.append(t("export.performer", name=m.performer.strip()))
    return "\n".join(lines)


def role_org(p: Participant) -> str:
    parts = [x for x in (p.role_label.strip(), p.organisation.strip()) if x]
    if not parts:
        parts.append(label(p.org_kind))
    return ", ".join(parts)


def previous_meeting(plan: Plan, meeting: Meeting) -> Meeting | None:
    if meeting.previous_meeting_id:
        prev = plan.meeting(meeting.previous_meeting_id)
        if prev is not None:
            return prev
    idx = next((i for i, m in enumerate(plan.meetings) if m.id == meeting.id), None)
    if idx:
        return plan.meetings[idx - 1]
    return None


def earlier_measures(plan: Plan, meeting: Meeting) -> list[tuple[str, Measure]]:
    """At a follow-up: each measure from the earlier meeting, with its status and effect.

    Status and effect are recorded on the copy carried into this meeting (same id, or the
    same text); when the copy has none, the earlier record is used. Without an earlier
    meeting, the measures of this meeting that carry a status are listed."""
    prev = previous_meeting(plan, meeting)
    current = {m.id: m for m in meeting.all_measures()}
    by_text = {m.what.strip(): m for m in meeting.all_measures()}
    goal_of = {m.id: g.text for g in meeting.goals for m in g.measures}
    out: list[tuple[str, Measure]] = []
    if prev is None:
        for g in meeting.goals:
            out += [(g.text, m) for m in g.measures if m.status is not None]
        out += [("", m) for m in meeting.third_party_measures if m.status is not None]
        return out
    prev_goal = {m.id: g.text for g in prev.goals for m in g.measures}
    for old in prev.all_measures():
        now = current.get(old.id) or by_text.get(old.what.strip())
        shown = now if now is not None and (now.status is not None or now.effect.strip()) else old
        goal = prev_goal.get(old.id) or (goal_of.get(now.id, "") if now else "")
        out.append((goal, shown))
    return out


def relation_label(relation: str) -> str:
    """A guardian's relation: the catalogue's word for a known key, else the text typed."""
    key = f"role.{relation}"
    text = t(key)
    return text if text != key else relation


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def signature_people(plan: Plan, meeting: Meeting) -> list[tuple[str, str, Participant | None]]:
    """(name, role and organisation, the participant record if any): the person, the guardians,
    then every attending participant; nobody twice, no guardian who was invited but absent."""
    rows: list[tuple[str, str, Participant | None]] = []
    seen: set[str] = set()

    def add(name: str, role: str, part: Participant | None) -> None:
        key = " ".join(name.casefold().split())
        if key and key not in seen:
            seen.add(key)
            rows.append((name.strip(), role, part))

    attending = [p for p in meeting.participants if p.attendance.attended]
    person_part = next((p for p in attending if p.is_person), None)
    add(plan.person.name, person_part.role_label if person_part else t("role.person"), person_part)
    for g in plan.guardians:
        part = next((p for p in meeting.participants if _same_name(p.name, g.name)), None)
        if part is not None and not part.attendance.attended:
            continue  # invited, but not here to sign
        add(g.name, relation_label(g.relation), part)
    for p in attending:
        add(p.name, role_org(p), p)
    return rows
