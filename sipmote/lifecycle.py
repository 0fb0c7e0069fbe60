"""The plan's whole life, headless: create, prepare, follow up, close, reopen,
deviations, evaluation and consent. No Textual here.

Every mutation starts with ``ensure_editable(plan)``: a closed plan is
read-only until it is reopened with a recorded reason. Failures a user can
cause raise ``LifecycleError`` with a clear message in the current language
(Swedish by default); callers show ``str(exc)`` as is.

Dates are always passed in (``today``) so tests and snapshots are
deterministic.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from sipmote import personnummer as pnr
from sipmote.i18n import label, t
from sipmote.model import (
    Attendance,
    CloseReason,
    Closure,
    ConsentForm,
    ConsentRecord,
    Deviation,
    DeviationKind,
    DeviationStatus,
    Evaluation,
    FollowUpBooking,
    Goal,
    GoalCategory,
    GoalStatus,
    Guardian,
    Measure,
    MeasureStatus,
    Meeting,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    NeedNoticedBy,
    NoticedBy,
    OrgKind,
    Participant,
    Person,
    Plan,
    PlanStatus,
    Question,
    Reopening,
)

FOLLOW_UP_AGENDA = "uppfoljning"
DUE_SOON_DAYS = 14
#: the guideline: the meeting should be held within three weeks of the invitation
INVITATION_WEEKS = 3


class LifecycleError(ValueError):
    """A user-facing failure; the message is already translated."""

    @property
    def message(self) -> str:
        return str(self)


class PlanClosedError(LifecycleError):
    """A change was attempted on a closed (read-only) plan."""


# --------------------------------------------------------------------------- small parsers


def parse_date(text: str | None, field_label: str = "", *, required: bool = False) -> dt.date | None:
    """``ÅÅÅÅ-MM-DD`` (also ``ÅÅÅÅMMDD``) -> date; blank -> None unless required."""
    value = (text or "").strip()
    if not value:
        if required:
            raise LifecycleError(t("life.required", field=field_label))
        return None
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    try:
        if not m:
            raise ValueError
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        msg = t("err.date", value=value)
        raise LifecycleError(f"{field_label}: {msg}" if field_label else msg) from None


def parse_time(text: str | None, field_label: str = "") -> dt.time | None:
    """``TT:MM`` (also ``TT.MM``, ``TTMM`` or ``TT``) -> time; blank -> None."""
    value = (text or "").strip()
    if not value:
        return None
    m = re.fullmatch(r"(\d{1,2})(?:[:.]?(\d{2}))?", value)
    try:
        if not m:
            raise ValueError
        return dt.time(int(m[1]), int(m[2] or 0))
    except ValueError:
        msg = t("err.time", value=value)
        raise LifecycleError(f"{field_label}: {msg}" if field_label else msg) from None


def parse_personnummer(text: str | None, today: dt.date | None = None) -> str | None:
    value = (text or "").strip()
    if not value:
        return None
    try:
        return pnr.normalize(value, today)
    except pnr.PersonnummerError as exc:
        raise LifecycleError(f"{t('field.personnummer')}: {exc}") from None


def parse_answers(text: str) -> list[int | None]:
    """Five evaluation answers: digits 1-5, ``-`` or ``0`` for no answer.

    ``"54-35"``, ``"5 4 - 3 5"`` and ``"5,4,,3,5"`` all mean the same."""
    raw = (text or "").strip()
    if "," in raw or " " in raw:
        parts = [p.strip() for p in re.split(r"[,\s]", raw)] if "," in raw else raw.split()
    else:
        parts = list(raw)
    if len(parts) != 5:
        raise LifecycleError(t("life.eval_count", count=len(parts)))
    out: list[int | None] = []
    for p in parts:
        if p in ("", "-", "0", "x", "X"):
            out.append(None)
        elif p.isdigit() and 1 <= int(p) <= 5:
            out.append(int(p))
        else:
            raise LifecycleError(t("err.evaluation_range"))
    return out


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


# --------------------------------------------------------------------------- create and prepare


def create_plan(name: str, personnummer: str | None = None, *, plan_id: str | None = None,
                today: dt.date | None = None) -> Plan:
    """A new draft plan for a person. Raises LifecycleError on a bad name or personnummer."""
    if not (name or "").strip():
        raise LifecycleError(t("err.name_required"))
    number = parse_personnummer(personnummer, today)
    kwargs = {"id": plan_id} if plan_id else {}
    return Plan(person=Person(name=name.strip(), personnummer=number), status=PlanStatus.draft, **kwargs)


def make_participant(name: str, org_kind: OrgKind = OrgKind.other, organisation: str = "",
                     role: str = "", *, is_person: bool = False) -> Participant:
    if not (name or "").strip():
        raise LifecycleError(t("life.participant_name"))
    return Participant(name=name.strip(), org_kind=org_kind, organisation=organisation.strip(),
                       role=role.strip(), is_person=is_person or org_kind == OrgKind.person)


def make_consent(given_by: str, valid_from: str, valid_to: str = "", *, relation: str = "",
                 form: ConsentForm = ConsentForm.written, parties: str = "",
                 given_by_personnummer: str = "", phone: str = "", documented_by: str = "",
                 today: dt.date | None = None) -> ConsentRecord:
    """A consent record from form text; dates ``ÅÅÅÅ-MM-DD``; parties comma separated."""
    if not (given_by or "").strip():
        raise LifecycleError(t("life.consent_who"))
    start = parse_date(valid_from, t("field.valid_from"), required=True)
    end = parse_date(valid_to, t("field.valid_to"))
    if end is not None and start is not None and end < start:
        raise LifecycleError(t("err.consent_period"))
    number = parse_personnummer(given_by_personnummer, today)
    return ConsentRecord(
        given_by=given_by.strip(), given_by_personnummer=number, phone=phone.strip(),
        relation=relation.strip(), form=form, valid_from=start, valid_to=end,
        parties=[p.strip() for p in parties.split(",") if p.strip()], documented_by=documented_by.strip(),
    )


@dataclass
class Preparation:
    """What the preparation form holds, as the user typed it (text), plus lists
    already built with ``make_participant`` / ``make_consent``."""

    name: str
    personnummer: str = ""
    address: str = ""
    phone: str = ""
    guardians: list[tuple[str, str]] = field(default_factory=list)  # (name, phone)
    noticed_by: list[NoticedBy] = field(default_factory=list)
    noticed_other: str = ""
    goal_category: GoalCategory | None = None
    more_goal_categories: list[GoalCategory] = field(default_factory=list)  # besides goal_category
    goal_category_other: str = ""
    long_term_goal: str = ""
    questions: list[str] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    consents: list[ConsentRecord] = field(default_factory=list)
    kind: MeetingKind = MeetingKind.new
    date: str = ""
    time: str = ""
    place: str = ""
    mode: MeetingMode = MeetingMode.in_person
    leader: str = ""
    invitation_sent: str = ""

    @classmethod
    def of(cls, plan: Plan) -> Preparation:
        """The form's starting values from a stored plan and its planned meeting."""
        m = planned_meeting(plan)
        base = plan.last_held_meeting
        if m is None and base is not None:  # preparing the follow-up of the latest held meeting
            m = Meeting(kind=MeetingKind.follow_up, date=base.follow_up.date, time=base.follow_up.time or base.time,
                        place=base.follow_up.place or base.place, mode=base.mode, leader=base.leader,
                        participants=[_fresh_participant(p) for p in base.participants])
        guardians = [(g.name, g.phone) for g in plan.guardians]
        return cls(
            name=plan.person.name, personnummer=plan.person.personnummer or "",
            address=plan.person.address, phone=plan.person.phone, guardians=guardians,
            noticed_by=list(plan.noticed_by.kinds), noticed_other=plan.noticed_by.other_text,
            goal_category=plan.goal_category, more_goal_categories=list(plan.more_goal_categories),
            goal_category_other=plan.goal_category_other,
            long_term_goal=plan.long_term_goal, questions=[q.text for q in plan.questions],
            participants=[p.model_copy(deep=True) for p in (m.participants if m else [])],
            consents=[c.model_copy(deep=True) for c in plan.consents],
            kind=m.kind if m else MeetingKind.new,
            date=m.date.isoformat() if m and m.date else "",
            time=m.time.strftime("%H:%M") if m and m.time else "",
            place=m.place if m else "", mode=m.mode if m else MeetingMode.in_person,
            leader=m.leader if m else "",
            invitation_sent=m.invitation_sent.isoformat() if m and m.invitation_sent else "",
        )


@dataclass
class Check:
    """The outcome of a validation: errors block saving, warnings only inform."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def parsed(self, parse, *args):
        """``parse(*args)``, or None with its message kept as an error."""
        try:
            return parse(*args)
        except LifecycleError as exc:
            self.errors.append(str(exc))
            return None


def planned_meeting(plan: Plan) -> Meeting | None:
    """The meeting being prepared: the latest one that is planned (not yet run)."""
    m = plan.latest_meeting
    return m if m is not None and m.status == MeetingStatus.planned else None


def check_preparation(prep: Preparation, today: dt.date) -> Check:
    """Validate the form: Swedish messages, nothing changed."""
    check = Check()
    if not prep.name.strip():
        check.errors.append(t("err.name_required"))
    check.parsed(parse_personnummer, prep.personnummer, today)
    day = check.parsed(parse_date, prep.date, t("life.meeting_date"))
    check.parsed(parse_time, prep.time, t("field.time"))
    sent = check.parsed(parse_date, prep.invitation_sent, t("life.invitation_sent"))
    for i, (gname, gphone) in enumerate(prep.guardians, 1):
        if gphone.strip() and not gname.strip():
            check.errors.append(t("life.guardian_name", n=i))
    if NoticedBy.other in prep.noticed_by and not prep.noticed_other.strip():
        check.warnings.append(t("life.noticed_other"))
    if day is None:
        check.warnings.append(t("life.no_meeting_date"))
    else:
        if day < today:
            check.warnings.append(t("life.date_past", date=day.isoformat()))
        if sent is not None and day > sent + dt.timedelta(weeks=INVITATION_WEEKS):
            check.warnings.append(t("life.late_meeting", weeks=INVITATION_WEEKS))
        if sent is not None and sent > day:
            check.errors.append(t("life.invitation_after"))
    consents = prep.consents
    if not consents:
        check.warnings.append(t("life.no_consent"))
    elif all(c.withdrawn_on is not None for c in consents):
        check.warnings.append(t("life.consent_withdrawn_stop"))
    elif day is not None and not any(c.covers(day) for c in consents):
        check.errors.append(t("life.consent_not_covering", date=day.isoformat()))
    if not prep.long_term_goal.strip():
        check.warnings.append(t("life.no_long_term_goal"))
    if not [q for q in prep.questions if q.strip()]:
        check.warnings.append(t("life.no_questions"))
    if not [p for p in prep.participants if not p.is_person]:
        check.warnings.append(t("life.no_participants"))
    for p in prep.participants:
        if not p.is_person and not (p.role.strip() and p.organisation.strip()) and p.org_kind != OrgKind.family:
            check.warnings.append(t("life.participant_vague", name=p.name))
    return check


def apply_preparation(plan: Plan, prep: Preparation, today: dt.date) -> Check:
    """Validate and, only when there are no errors, write the form into the plan
    (person, guardians, questions, consents and the planned meeting)."""
    ensure_editable(plan)
    if unfinished_meeting(plan) is not None:
        raise LifecycleError(t("life.prepare_running"))
    check = check_preparation(prep, today)
    if not check.ok:
        return check
    try:
        person = Person(name=prep.name.strip(), personnummer=parse_personnummer(prep.personnummer, today),
                        address=prep.address.strip(), phone=prep.phone.strip())
    except ValidationError as exc:
        check.errors.append(_pydantic_message(exc))
        return check
    meeting = planned_meeting(plan)
    if meeting is None and plan.last_held_meeting is not None:
        try:
            meeting = start_follow_up(plan, today)  # goals and measures come forward
        except LifecycleError as exc:
            check.errors.append(str(exc))
            return check
    elif meeting is None:
        meeting = Meeting(kind=prep.kind)
        plan.meetings.append(meeting)
    elif meeting.kind != MeetingKind.follow_up:
        meeting.kind = prep.kind
    plan.person = person
    old = {g.name: g for g in plan.guardians}
    guardians = []
    for gname, gphone in prep.guardians:
        if gname.strip():
            g = old.get(gname.strip())
            keep = {"id": g.id, "relation": g.relation} if g else {}
            guardians.append(Guardian(name=gname.strip(), phone=gphone.strip(), **keep))
    plan.guardians = guardians
    plan.noticed_by = NeedNoticedBy(kinds=list(dict.fromkeys(prep.noticed_by)),
                                    other_text=prep.noticed_other.strip())
    # the primary first (the model drops it from the further ones); with no primary chosen,
    # the first further category becomes the primary
    cats = list(dict.fromkeys([c for c in [prep.goal_category, *prep.more_goal_categories] if c is not None]))
    plan.goal_category = cats[0] if cats else None
    plan.more_goal_categories = cats[1:]
    plan.goal_category_other = prep.goal_category_other.strip()
    plan.long_term_goal = prep.long_term_goal.strip()
    by_text = {q.text: q for q in plan.questions}
    plan.questions = [by_text.get(q.strip()) or Question(text=q.strip()) for q in prep.questions if q.strip()]
    plan.consents = [c.model_copy(deep=True) for c in prep.consents]
    meeting.date = parse_date(prep.date)
    meeting.time = parse_time(prep.time)
    meeting.place = prep.place.strip()
    meeting.mode = prep.mode
    meeting.leader = prep.leader.strip()
    meeting.invitation_sent = parse_date(prep.invitation_sent)
    meeting.participants = _with_person(plan, [p.model_copy(deep=True) for p in prep.participants])
    return check


def _with_person(plan: Plan, participants: list[Participant]) -> list[Participant]:
    """The person the plan belongs to is always invited, first in the list."""
    person = [p for p in participants if p.is_person]
    others = [p for p in participants if not p.is_person]
    if not person:
        person = [Participant(name=plan.person.name, org_kind=OrgKind.person, role="person", is_person=True)]
    person[0].name = plan.person.name
    return person + others


# --------------------------------------------------------------------------- starting meetings


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


def withdraw_consent(plan: Plan, consent_id: str, day: dt.date) -> ConsentRecord:
    """Consent can be withdrawn at any time; it is recorded, never deleted."""
    ensure_editable(plan)
    c = next((c for c in plan.consents if c.id == consent_id), None)
    if c is None:
        raise LifecycleError(t("life.no_such_consent"))
    if day < c.valid_from:
        day = c.valid_from
    c.withdrawn_on = day
    return c


def _fresh_participant(p: Participant) -> Participant:
    return p.model_copy(update={"attendance": Attendance.invited, "has_spoken": False,
                                "speaker_notes": "", "substitute_for": ""}, deep=True)


def _fresh_measure(m: Measure) -> Measure:
    return m.model_copy(update={"status": None, "effect": ""}, deep=True)


def start_follow_up(plan: Plan, today: dt.date, *, date: dt.date | None = None) -> Meeting:
    """A follow-up meeting (KVÅ AW010) from the plan's latest held meeting.

    Active goals with their measures, own actions and third-party measures are
    deep-copied forward (statuses cleared, to be set at this follow-up); the
    participants are invited again. The earlier meeting is not touched.
    If a follow-up of that meeting is already planned it is returned instead."""
    ensure_editable(plan)
    gate = can_start_meeting(plan, today)
    if not gate.ok:
        raise LifecycleError(gate.reason)
    base = plan.last_held_meeting
    if base is None:
        raise LifecycleError(t("life.no_held_meeting"))
    latest = plan.latest_meeting
    if latest is not None and latest is not base and latest.status in (MeetingStatus.planned, MeetingStatus.running):
        if latest.kind == MeetingKind.follow_up and latest.previous_meeting_id == base.id:
            return latest
        raise LifecycleError(t("life.meeting_pending"))
    booking = base.follow_up
    meeting = Meeting(
        kind=MeetingKind.follow_up,
        status=MeetingStatus.planned,
        date=date or booking.date or today,
        time=booking.time or base.time,
        place=booking.place or base.place,
        mode=base.mode,
        leader=base.leader,
        secretary=base.secretary,
        convened_by=base.convened_by.model_copy(deep=True),
        agenda_id=FOLLOW_UP_AGENDA,
        participants=[_fresh_participant(p) for p in base.participants],
        goals=[g.model_copy(update={"measures": [_fresh_measure(m) for m in g.measures]}, deep=True)
               for g in base.goals if g.status == GoalStatus.active],
        own_actions=[a.model_copy(deep=True) for a in base.own_actions],
        third_party_measures=[_fresh_measure(m) for m in base.third_party_measures],
        if_critical=base.if_critical,
        copies_to=list(base.copies_to),
        previous_meeting_id=base.id,
        follow_up=FollowUpBooking(),
    )
    plan.meetings.append(meeting)
    plan.status = PlanStatus.active
    return meeting


def finish_meeting(plan: Plan, meeting_id: str, today: dt.date) -> Meeting:
    """Mark a run meeting as held: from now on it is history, and the plan can be followed up."""
    ensure_editable(plan)
    m = _meeting(plan, meeting_id)
    if m.status == MeetingStatus.cancelled:
        raise LifecycleError(t("life.meeting_held", status=label(m.status)))
    m.status = MeetingStatus.held
    if m.date is None:
        m.date = today
    plan.status = PlanStatus.active
    return m


def unfinished_meeting(plan: Plan) -> Meeting | None:
    """The latest meeting when it was started but not marked held."""
    m = plan.latest_meeting
    return m if m is not None and m.status == MeetingStatus.running else None


def earlier_measure(plan: Plan, meeting: Meeting, measure_id: str) -> Measure | None:
    """The same measure as agreed at the previous meeting (for showing what was agreed)."""
    prev = plan.meeting(meeting.previous_meeting_id) if meeting.previous_meeting_id else None
    if prev is None:
        return None
    return next((m for m in prev.all_measures() if m.id == measure_id), None)


def _measure(meeting: Meeting, measure_id: str) -> Measure:
    m = next((m for m in meeting.all_measures() if m.id == measure_id), None)
    if m is None:
        raise LifecycleError(t("life.no_such_measure"))
    return m


def _goal(meeting: Meeting, goal_id: str) -> Goal:
    g = next((g for g in meeting.goals if g.id == goal_id), None)
    if g is None:
        raise LifecycleError(t("life.no_such_goal"))
    return g


def set_measure_status(plan: Plan, meeting_id: str, measure_id: str, status: MeasureStatus | None,
                       effect: str | None = None) -> Measure:
    ensure_editable(plan)
    meeting = _meeting(plan, meeting_id)
    ensure_meeting_open(meeting)
    m = _measure(meeting, measure_id)
    m.status = status
    if effect is not None:
        m.effect = effect.strip()
    return m


def set_measure_effect(plan: Plan, meeting_id: str, measure_id: str, effect: str) -> Measure:
    ensure_editable(plan)
    meeting = _meeting(plan, meeting_id)
    ensure_meeting_open(meeting)
    m = _measure(meeting, measure_id)
    m.effect = effect.strip()
    return m


def revise_goal(plan: Plan, meeting_id: str, goal_id: str, text: str, note: str = "") -> Goal:
    ensure_editable(plan)
    meeting = _meeting(plan, meeting_id)
    ensure_meeting_open(meeting)
    if not (text or "").strip():
        raise LifecycleError(t("life.goal_text"))
    g = _goal(meeting, goal_id)
    g.text = text.strip()
    if note.strip():
        g.status_note = note.strip()
    return g


def add_goal(plan: Plan, meeting_id: str, text: str) -> Goal:
    ensure_editable(plan)
    meeting = _meeting(plan, meeting_id)
    ensure_meeting_open(meeting)
    if not (text or "").strip():
        raise LifecycleError(t("life.goal_text"))
    g = Goal(text=text.strip())
    meeting.goals.append(g)
    return g


def end_goal(plan: Plan, meeting_id: str, goal_id: str, status: GoalStatus = GoalStatus.ended,
             note: str = "") -> Goal:
    """End a goal (achieved or ended); ``GoalStatus.active`` takes it up again."""
    ensure_editable(plan)
    meeting = _meeting(plan, meeting_id)
    ensure_meeting_open(meeting)
    g = _goal(meeting, goal_id)
    g.status = status
    if note.strip():
        g.status_note = note.strip()
    return g


# --------------------------------------------------------------------------- closing


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


# --------------------------------------------------------------------------- deviations


def _party(p: Participant) -> str:
    org = p.organisation.strip()
    return f"{p.name} ({org})" if org else p.name


def deviation_drafts(plan: Plan, meeting: Meeting, today: dt.date) -> list[Deviation]:
    """Drafts the leader keeps or drops: a party that did not come, a measure not
    done at follow-up, parties that cannot agree. Ones already kept are skipped."""
    drafts: list[Deviation] = []
    for p in meeting.participants:
        if p.attendance == Attendance.no_show:
            drafts.append(Deviation(kind=DeviationKind.party_absent, party=_party(p),
                                    text=t("life.dev_absent", name=p.name, role=p.role_label or "-"),
                                    meeting_id=meeting.id, created=today, status=DeviationStatus.draft))
    if meeting.kind == MeetingKind.follow_up:
        for m in meeting.all_measures():
            if m.status == MeasureStatus.not_done:
                party = m.responsible.display() or t("summary.no_responsible")
                drafts.append(Deviation(kind=DeviationKind.measure_not_done, party=party,
                                        text=t("life.dev_measure", what=m.what),
                                        meeting_id=meeting.id, created=today, status=DeviationStatus.draft))
    for n in meeting.needs:
        if n.disagreement:
            drafts.append(Deviation(kind=DeviationKind.disagreement, party=n.parties.strip(),
                                    text=t("life.dev_disagreement", need=n.text),
                                    meeting_id=meeting.id, created=today, status=DeviationStatus.draft))
    kept = {(d.kind, d.meeting_id, d.party, d.text) for d in plan.deviations}
    return [d for d in drafts if (d.kind, d.meeting_id, d.party, d.text) not in kept]


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
        vals = [e.answers[i] for e in meeting.evaluations if e.answers[i] is not None]
        out.append(round(sum(vals) / len(vals), 1) if vals else None)
    return out


# --------------------------------------------------------------------------- the register's view


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


def filter_summaries(summaries: list, query: str = "", status: str | None = None,
                     today: dt.date | None = None) -> list:
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

    def key(s):
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
        when = m.date.isoformat() if m.date else "—"
        lines.append(f"{when}  {label(m.kind)} ({m.kva}) · {label(m.status)}")
    for d in plan.deviations:
        lines.append(f"{d.created.isoformat()}  {t('life.deviation')}: {label(d.kind)} · {d.party}")
    for r in plan.reopenings:
        lines.append(f"{r.previous.date.isoformat()}  {t('life.closed_on')}: {label(r.previous.reason)}")
        lines.append(f"{r.date.isoformat()}  {t('life.reopened_on')}: {r.reason}")
    if plan.closure:
        lines.append(f"{plan.closure.date.isoformat()}  {t('life.closed_on')}: {label(plan.closure.reason)}")
    return sorted(lines, key=lambda line: line[:10])
