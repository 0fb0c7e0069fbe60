"""Every edit made during a meeting, headless: one function per edit.

Each function starts with the guards (``ensure_editable``: the plan is not
closed; ``ensure_meeting_open``: the meeting is not held or cancelled), so the
rules hold for every front end; a refusal is a ``LifecycleError`` with the
message in the current language. The meeting screen turns its views' messages
into calls here and then saves. No Textual here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from sipmote.formats import first_name
from sipmote.i18n import label, t
from sipmote.lifecycle import followup
from sipmote.lifecycle.guards import LifecycleError, _pydantic_message, ensure_editable, ensure_meeting_open
from sipmote.model import (
    Agreement,
    Attendance,
    ConvenedBy,
    Goal,
    GoalRating,
    Measure,
    MeasureStatus,
    Meeting,
    Need,
    OrgKind,
    OwnAction,
    Participant,
    Plan,
    Responsible,
)


def guard(plan: Plan, meeting: Meeting) -> None:
    """The rules of every meeting edit: the plan is editable and the meeting still open."""
    ensure_editable(plan)
    ensure_meeting_open(meeting)


def _participant(meeting: Meeting, pid: str) -> Participant:
    p = meeting.participant(pid)
    if p is None:
        raise LifecycleError(t("edits.no_such_participant"))
    return p


def _need(meeting: Meeting, need_id: str) -> Need:
    n = next((n for n in meeting.needs if n.id == need_id), None)
    if n is None:
        raise LifecycleError(t("edits.no_such_need"))
    return n


def _text(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise LifecycleError(t("edits.text_required"))
    return text


# --------------------------------------------------------------------------- roll call and Lyssna


def set_attendance(plan: Plan, meeting: Meeting, pid: str, attendance: Attendance) -> Participant:
    guard(plan, meeting)
    p = _participant(meeting, pid)
    p.attendance = attendance
    if not attendance.attended and meeting.current_speaker_id == pid:
        meeting.current_speaker_id = None
    return p


def all_present(plan: Plan, meeting: Meeting) -> int:
    """'Alla är här': everyone still only invited is marked present; returns how many changed."""
    guard(plan, meeting)
    n = 0
    for p in meeting.participants:
        if p.attendance == Attendance.invited:
            p.attendance = Attendance.present
            n += 1
    return n


def add_participant(plan: Plan, meeting: Meeting, participant: Participant) -> Participant:
    guard(plan, meeting)
    _text(participant.name)
    meeting.participants.append(participant)
    return participant


def give_word(plan: Plan, meeting: Meeting, pid: str) -> Participant:
    """``pid`` speaks now; whoever spoke before has spoken."""
    guard(plan, meeting)
    p = _participant(meeting, pid)
    prev = meeting.participant(meeting.current_speaker_id) if meeting.current_speaker_id else None
    if prev is not None and prev.id != p.id:
        prev.has_spoken = True
    meeting.current_speaker_id = p.id
    return p


def end_turn(plan: Plan, meeting: Meeting) -> Participant | None:
    """The meeting moves on (next phase, the summary): whoever has the word has spoken."""
    guard(plan, meeting)
    p = meeting.participant(meeting.current_speaker_id) if meeting.current_speaker_id else None
    if p is not None:
        p.has_spoken = True
    meeting.current_speaker_id = None
    return p


def set_spoken(plan: Plan, meeting: Meeting, pid: str, spoken: bool) -> Participant:
    guard(plan, meeting)
    p = _participant(meeting, pid)
    p.has_spoken = spoken
    return p


def set_speaker_notes(plan: Plan, meeting: Meeting, pid: str, notes: str) -> Participant:
    """What someone said round the table: noted, so they have spoken (the checklist no longer
    lists them as not heard; ``x`` still unmarks)."""
    guard(plan, meeting)
    p = _participant(meeting, pid)
    if notes.strip() and not p.speaker_notes.strip():
        p.has_spoken = True
    p.speaker_notes = notes
    return p


def set_long_term_goal(plan: Plan, meeting: Meeting, text: str) -> None:
    guard(plan, meeting)
    plan.long_term_goal = text


def situation_from_notes(meeting: Meeting) -> str:
    """The nuläge in short, per party: the person and the family first, then each party in the
    order it first spoke (a heading line each), under it one line per speaker with notes."""
    groups: dict[str, list[str]] = {}
    person = next((p.name for p in meeting.participants if p.is_person), "")
    for p in meeting.speaking_order():
        note = " ".join(p.speaker_notes.split())
        if not note:
            continue
        family = p.is_person or p.org_kind in (OrgKind.family, OrgKind.person)
        party = t("meet.situation_family", name=first_name(person) or "?") if family else label(p.org_kind)
        if not family and p.organisation.strip():
            party += f" – {p.organisation.strip()}"
        who = ", ".join(x for x in (p.name, p.role_label) if x.strip())
        groups.setdefault(party, []).append(f"  {who}: {note}")
    return "\n".join(line for party, lines in groups.items() for line in (f"{party}:", *lines))


def set_situation(plan: Plan, meeting: Meeting, text: str) -> None:
    guard(plan, meeting)
    meeting.situation = text.strip()


def set_roles(plan: Plan, meeting: Meeting, leader: str, secretary: str, convened_by: ConvenedBy) -> None:
    """Who leads, who takes the notes (antecknare) and who called the meeting (kallad av)."""
    guard(plan, meeting)
    meeting.leader, meeting.secretary = leader.strip(), secretary.strip()
    meeting.convened_by = convened_by


# --------------------------------------------------------------------------- Problematisera


def add_need(plan: Plan, meeting: Meeting, text: str, question_ids: list[str], disagreement: bool,
             parties: str) -> Need:
    guard(plan, meeting)
    need = Need(text=_text(text), question_ids=list(question_ids), disagreement=disagreement, parties=parties)
    meeting.needs.append(need)
    return need


def update_need(plan: Plan, meeting: Meeting, need_id: str, text: str, question_ids: list[str] | None,
                disagreement: bool, parties: str) -> Need:
    guard(plan, meeting)
    need = _need(meeting, need_id)
    need.text = _text(text)
    if question_ids is not None:
        need.question_ids = list(question_ids)
    need.disagreement, need.parties = disagreement, parties
    return need


def toggle_disagreement(plan: Plan, meeting: Meeting, need_id: str) -> Need:
    guard(plan, meeting)
    need = _need(meeting, need_id)
    need.disagreement = not need.disagreement
    return need


def remove_need(plan: Plan, meeting: Meeting, need_id: str) -> None:
    guard(plan, meeting)
    meeting.needs.remove(_need(meeting, need_id))


def answer_question(plan: Plan, meeting: Meeting, question_id: str, answer: str) -> None:
    """The meeting's answer to one of its questions (printed in the document)."""
    guard(plan, meeting)
    q = next((q for q in plan.questions if q.id == question_id), None)
    if q is None:
        raise LifecycleError(t("edits.no_such_question"))
    q.answer = answer.strip()
    q.answered = bool(q.answer)


# --------------------------------------------------------------------------- Planera


def add_goal(plan: Plan, meeting: Meeting, text: str) -> Goal:
    return followup.add_goal(plan, meeting.id, text)


def set_item_text(plan: Plan, meeting: Meeting, key: str, text: str) -> None:
    """The text of a goal (``goal:<id>``) or an own action (``own:<id>``)."""
    guard(plan, meeting)
    kind, item, _ = find_item(meeting, key)
    if kind == "goal" and isinstance(item, Goal):
        followup.revise_goal(plan, meeting.id, item.id, text)
    elif isinstance(item, OwnAction):
        item.text = _text(text)
    else:
        raise LifecycleError(t("edits.no_such_item"))


def find_item(meeting: Meeting, key: str) -> tuple[str, Any, list[Any] | None]:
    """A Planera row by its key: (kind, item or None, the list it is in)."""
    kind, _, rest = key.partition(":")
    if kind == "goal":
        return kind, meeting.goal(rest), meeting.goals
    if kind == "measure":
        gid, _, mid = rest.partition(":")
        goal = meeting.goal(gid)
        if goal:
            found = meeting.measure(mid)
            return kind, found if found in goal.measures else None, goal.measures
    if kind == "own":
        return kind, next((a for a in meeting.own_actions if a.id == rest), None), meeting.own_actions
    if kind == "third":
        found = meeting.measure(rest)
        return kind, found if found in meeting.third_party_measures else None, meeting.third_party_measures
    return kind, None, None


def remove_item(plan: Plan, meeting: Meeting, key: str) -> None:
    guard(plan, meeting)
    _, item, container = find_item(meeting, key)
    if item is None or container is None or item not in container:
        raise LifecycleError(t("edits.no_such_item"))
    container.remove(item)


def measure_data(values: dict[str, Any], third: bool) -> dict[str, Any]:
    """A measure form's values as the fields of a Measure (the child's words only when the form has them)."""
    resp = Responsible(org_kind=values.get("org_kind"), organisation=values.get("organisation", ""),
                       person=values.get("person", ""))
    data = {"what": values["what"], "responsible": resp, "performer": values.get("performer", ""),
            "start": values.get("start"), "frequency": values.get("frequency", ""),
            "place": values.get("place", ""), "until": values.get("until"), "third_party": third}
    if "child_words" in values:
        data["child_words"] = (values["child_words"] or "").strip()
    return data


def set_child_words(plan: Plan, meeting: Meeting, key: str, words: str) -> None:
    """How the child says a goal (``goal:<id>``) or a measure (``measure:…``, ``third:…``), for Min plan;
    empty: Min plan falls back to the plan's text."""
    guard(plan, meeting)
    kind, item, _ = find_item(meeting, key)
    if item is None or kind == "own":
        raise LifecycleError(t("edits.no_such_item"))
    item.child_words = (words or "").strip()


def add_measure(plan: Plan, meeting: Meeting, goal_id: str | None, data: dict[str, Any]) -> Measure:
    """A measure under a goal, or a third party's measure (``goal_id`` None)."""
    guard(plan, meeting)
    data = {**data, "what": _text(data.get("what"))}
    try:
        m = Measure(**data)
    except ValidationError as exc:
        raise LifecycleError(_pydantic_message(exc)) from None
    if goal_id is None:
        meeting.third_party_measures.append(m)
    else:
        followup.find_goal(meeting, goal_id).measures.append(m)
    return m


def update_measure(plan: Plan, meeting: Meeting, measure_id: str, data: dict[str, Any]) -> Measure:
    guard(plan, meeting)
    m = followup.find_measure(meeting, measure_id)
    data = {**data, "what": _text(data.get("what"))}
    try:
        Measure(**{**m.model_dump(exclude={"id"}), **data})  # checked before anything changes
    except ValidationError as exc:
        raise LifecycleError(_pydantic_message(exc)) from None
    for k, val in data.items():
        setattr(m, k, val)
    return m


def add_own_action(plan: Plan, meeting: Meeting, who: str, text: str) -> OwnAction:
    guard(plan, meeting)
    action = OwnAction(who=who or "person", text=_text(text))
    meeting.own_actions.append(action)
    return action


def set_huvudansvarig(plan: Plan, meeting: Meeting, responsible: Responsible) -> None:
    guard(plan, meeting)
    plan.huvudansvarig = responsible


def book_follow_up(plan: Plan, meeting: Meeting, date: dt.date | None, time: dt.time | None, place: str) -> None:
    guard(plan, meeting)
    fu = meeting.follow_up
    fu.date, fu.time, fu.place = date, time, place


# --------------------------------------------------------------------------- follow-up review, notes, summary


def set_measure_status(plan: Plan, meeting: Meeting, measure_id: str, status: MeasureStatus | None) -> Measure:
    return followup.set_measure_status(plan, meeting.id, measure_id, status)


def set_measure_effect(plan: Plan, meeting: Meeting, measure_id: str, effect: str) -> Measure:
    return followup.set_measure_effect(plan, meeting.id, measure_id, effect)


def set_goal_rating(plan: Plan, meeting: Meeting, goal_id: str, rating: GoalRating | None, words: str) -> Goal:
    return followup.set_goal_rating(plan, meeting.id, goal_id, rating, words)


def set_phase_notes(plan: Plan, meeting: Meeting, phase_key: str, notes: str) -> None:
    guard(plan, meeting)
    rec = next((p for p in meeting.phases if p.key == phase_key), None)
    if rec is None:
        raise LifecycleError(t("edits.no_such_item"))
    rec.notes = notes


def set_copies(plan: Plan, meeting: Meeting, copies: list[str]) -> None:
    guard(plan, meeting)
    meeting.copies_to = [c.strip() for c in copies if c.strip()]


def set_if_critical(plan: Plan, meeting: Meeting, text: str) -> None:
    guard(plan, meeting)
    meeting.if_critical = text


def record_agreement(plan: Plan, meeting: Meeting, pid: str, agrees: bool | None, at: dt.time,
                     noted_by: str) -> Participant:
    """A participant's "godkänner planen" (``None`` clears it). Present: signs on paper; remote: agreed
    orally, so the time and who noted it are kept for the signature block."""
    guard(plan, meeting)
    p = _participant(meeting, pid)
    if agrees is None:
        p.agreement = None
    else:
        p.agreement = Agreement(agrees=agrees, oral=p.attendance == Attendance.remote,
                                at=at.replace(second=0, microsecond=0), noted_by=noted_by.strip())
    return p


def set_person_agrees(plan: Plan, meeting: Meeting, agrees: bool | None) -> None:
    guard(plan, meeting)
    meeting.person_agrees = agrees
