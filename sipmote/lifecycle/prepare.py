"""Create and prepare a plan: the person, consents, participants and the planned meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import ValidationError

from sipmote import clock
from sipmote.formats import date_text, time_text
from sipmote.i18n import t
from sipmote.lifecycle.followup import _fresh_participant, start_follow_up
from sipmote.lifecycle.guards import (
    LifecycleError,
    _pydantic_message,
    ensure_editable,
    planned_meeting,
    unfinished_meeting,
)
from sipmote.lifecycle.parsers import parse_date, parse_personnummer, parse_time
from sipmote.model import (
    ConsentForm,
    ConsentRecord,
    ConvenedBy,
    GoalCategory,
    Guardian,
    Meeting,
    MeetingKind,
    MeetingMode,
    NeedNoticedBy,
    NoticedBy,
    OrgKind,
    Participant,
    Person,
    Plan,
    PlanStatus,
    Question,
    ReplyContact,
    standing_withdrawals,
)

#: the guideline: the meeting should be held within three weeks of the invitation
INVITATION_WEEKS = 3

T = TypeVar("T")


def create_plan(name: str, personnummer: str | None = None, *, plan_id: str | None = None,
                today: dt.date | None = None) -> Plan:
    """A new draft plan for a person. Raises LifecycleError on a bad name or personnummer."""
    if not (name or "").strip():
        raise LifecycleError(t("err.name_required"))
    number = parse_personnummer(personnummer, today or clock.calendar())
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
    number = parse_personnummer(given_by_personnummer, today or clock.calendar())
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
    convened_by: ConvenedBy = field(default_factory=ConvenedBy)  # party, unit and role of who convenes
    # for the kallelse: the end time, a video link, whom the invited answer and how, and by when
    end_time: str = ""
    video_link: str = ""
    reply_name: str = ""
    reply_phone: str = ""
    reply_email: str = ""
    reply_by: str = ""

    @classmethod
    def of(cls, plan: Plan) -> Preparation:
        """The form's starting values from a stored plan and its planned meeting."""
        m = planned_meeting(plan)
        base = plan.last_held_meeting
        if m is None and base is not None:  # preparing the follow-up of the latest held meeting
            m = Meeting(kind=MeetingKind.follow_up, date=base.follow_up.date, time=base.follow_up.time or base.time,
                        place=base.follow_up.place or base.place, mode=base.mode, leader=base.leader,
                        convened_by=base.convened_by.model_copy(),
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
            date=date_text(m.date) if m else "",
            time=time_text(m.time) if m else "",
            place=m.place if m else "", mode=m.mode if m else MeetingMode.in_person,
            leader=m.leader if m else "",
            invitation_sent=date_text(m.invitation_sent) if m else "",
            convened_by=m.convened_by.model_copy() if m else ConvenedBy(),
            end_time=time_text(m.end_time) if m else "", video_link=m.video_link if m else "",
            reply_name=m.reply_to.name if m else "", reply_phone=m.reply_to.phone if m else "",
            reply_email=m.reply_to.email if m else "", reply_by=date_text(m.reply_by) if m else "",
        )


@dataclass(frozen=True)
class ParsedForm:
    """The preparation form's typed values, parsed once by ``check_preparation``."""

    personnummer: str | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    invitation_sent: dt.date | None = None
    end_time: dt.time | None = None
    reply_by: dt.date | None = None


@dataclass
class Check:
    """The outcome of a validation: errors block saving, warnings only inform."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: the parsed values (set by ``check_preparation``), so saving does not parse again
    form: ParsedForm = field(default_factory=ParsedForm)

    @property
    def ok(self) -> bool:
        return not self.errors

    def parsed(self, parse: Callable[..., T], *args: Any) -> T | None:
        """``parse(*args)``, or None with its message kept as an error."""
        try:
            return parse(*args)
        except LifecycleError as exc:
            self.errors.append(exc.message)
            return None


def check_preparation(prep: Preparation, today: dt.date) -> Check:
    """Validate the form: Swedish messages, nothing changed."""
    check = Check()
    if not prep.name.strip():
        check.errors.append(t("err.name_required"))
    number = check.parsed(parse_personnummer, prep.personnummer, today)
    day = check.parsed(parse_date, prep.date, t("life.meeting_date"))
    time = check.parsed(parse_time, prep.time, t("field.time"))
    sent = check.parsed(parse_date, prep.invitation_sent, t("life.invitation_sent"))
    end = check.parsed(parse_time, prep.end_time, t("life.end_time"))
    reply_by = check.parsed(parse_date, prep.reply_by, t("life.reply_by"))
    check.form = ParsedForm(personnummer=number, date=day, time=time, invitation_sent=sent, end_time=end,
                            reply_by=reply_by)
    if time is not None and end is not None and end <= time:
        check.errors.append(t("life.end_before_start"))
    if day is not None and reply_by is not None and reply_by >= day:
        check.errors.append(t("life.reply_by_late"))
    for i, (gname, gphone) in enumerate(prep.guardians, 1):
        if gphone.strip() and not gname.strip():
            check.errors.append(t("life.guardian_name", n=i))
    if NoticedBy.other in prep.noticed_by and not prep.noticed_other.strip():
        check.warnings.append(t("life.noticed_other"))
    if day is None:
        check.warnings.append(t("life.no_meeting_date"))
    else:
        if day < today:
            check.warnings.append(t("life.date_past", date=date_text(day)))
        if sent is not None and day > sent + dt.timedelta(weeks=INVITATION_WEEKS):
            check.warnings.append(t("life.late_meeting", weeks=INVITATION_WEEKS))
        if sent is not None and sent > day:
            check.errors.append(t("life.invitation_after"))
    consents = prep.consents
    if not consents:
        check.warnings.append(t("life.no_consent"))
    elif withdrawn := standing_withdrawals(consents):
        check.warnings.append(t("life.consent_withdrawn_stop", who=", ".join(c.given_by.strip() for c in withdrawn)))
    elif day is not None and not any(c.covers(day) for c in consents):
        check.errors.append(t("life.consent_not_covering", date=date_text(day)))
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
    return _apply_checked(plan, prep, check, today)


def prepare_new_plan(prep: Preparation, today: dt.date, *, plan_id: str | None = None) -> tuple[Plan | None, Check]:
    """A new plan from the preparation form: ``(plan, check)``, or ``(None, check)``
    when the form has errors. Every field is parsed once."""
    check = check_preparation(prep, today)
    if not check.ok:
        return None, check
    try:
        person = Person(name=prep.name.strip(), personnummer=check.form.personnummer)
    except ValidationError as exc:
        check.errors.append(_pydantic_message(exc))
        return None, check
    plan = Plan(person=person, status=PlanStatus.draft, **({"id": plan_id} if plan_id else {}))
    return plan, _apply_checked(plan, prep, check, today)


def _apply_checked(plan: Plan, prep: Preparation, check: Check, today: dt.date) -> Check:
    """Write a checked form into the plan, using the values the check parsed."""
    try:
        person = Person(name=prep.name.strip(), personnummer=check.form.personnummer,
                        address=prep.address.strip(), phone=prep.phone.strip())
    except ValidationError as exc:
        check.errors.append(_pydantic_message(exc))
        return check
    meeting = planned_meeting(plan)
    if meeting is None and plan.last_held_meeting is not None:
        try:
            meeting = start_follow_up(plan, today)  # goals and measures come forward
        except LifecycleError as exc:
            check.errors.append(exc.message)
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
    meeting.date = check.form.date
    meeting.time = check.form.time
    meeting.place = prep.place.strip()
    meeting.mode = prep.mode
    meeting.leader = prep.leader.strip()
    conv = prep.convened_by
    meeting.convened_by = ConvenedBy(org_kind=conv.org_kind, organisation=conv.organisation.strip(),
                                     role=conv.role.strip())
    meeting.invitation_sent = check.form.invitation_sent
    meeting.end_time = check.form.end_time
    meeting.video_link = prep.video_link.strip()
    org = meeting.convened_by.organisation or meeting.reply_to.organisation  # the convening unit answers
    meeting.reply_to = ReplyContact(name=prep.reply_name.strip(), organisation=org,
                                    phone=prep.reply_phone.strip(), email=prep.reply_email.strip())
    meeting.reply_by = check.form.reply_by
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


def ensure_withdrawable(consent: ConsentRecord) -> None:
    """A consent is withdrawn once: asking again is refused with the date it was withdrawn."""
    if consent.withdrawn_on is not None:
        raise LifecycleError(t("life.consent_already_withdrawn", who=consent.given_by.strip(),
                               date=date_text(consent.withdrawn_on)))


def withdraw_consent(plan: Plan, consent_id: str, day: dt.date) -> ConsentRecord:
    """Consent can be withdrawn at any time; it is recorded, never deleted."""
    ensure_editable(plan)
    c = next((c for c in plan.consents if c.id == consent_id), None)
    if c is None:
        raise LifecycleError(t("life.no_such_consent"))
    ensure_withdrawable(c)
    day = max(day, c.valid_from)
    c.withdrawn_on = day
    return c
