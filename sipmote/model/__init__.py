"""The SIP domain model (pydantic v2). No Textual here: runs headless.

One ``Plan`` is one SIP (the document) through its whole life: preparation,
its meetings (the first and every follow-up, each a frozen record once held),
deviations and closing. Goals and measures live on the meeting where they were
agreed, so a follow-up copies them forward and the earlier meeting stays
unchanged in the history.

Field names are English; display labels come from the i18n catalogues
(``i18n.label(enum_member)``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)

from sipmote import personnummer as pnr
from sipmote.i18n import t
from sipmote.parse import ParsedPersonnummer

SCHEMA_VERSION = 1


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def _check_pnr(value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> str | None:
    """Normalise a personnummer; the date it is checked against is ``context["today"]``
    when the caller validates with one (``Plan.model_validate(data, context={"today": d})``).
    A number from ``parse.parse_personnummer`` was checked already and is not parsed again."""
    if isinstance(value, ParsedPersonnummer):
        return str(value)
    text = handler(value)
    if text is None or text.strip() == "":
        return None
    today = (info.context or {}).get("today")
    return pnr.normalize(text, today)


Personnummer = Annotated[str | None, WrapValidator(_check_pnr)]


class _Base(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="forbid", use_enum_values=False)


# --------------------------------------------------------------------------- enums


class PlanStatus(StrEnum):
    draft = "draft"
    active = "active"
    closed = "closed"


class CloseReason(StrEnum):
    goals_met = "goals_met"
    no_longer_needed = "no_longer_needed"
    consent_withdrawn = "consent_withdrawn"


class NoticedBy(StrEnum):
    school = "school"
    social_services = "social_services"
    regional_health = "regional_health"
    municipal_health = "municipal_health"
    person = "person"
    relative = "relative"
    other = "other"


class GoalCategory(StrEnum):
    """Main goal categories, from the regional count (seed 000), plus other."""

    school_absence = "school_absence"
    safe_home = "safe_home"
    safe_schooling = "safe_schooling"
    mental_health = "mental_health"
    school_goals = "school_goals"
    school_transition = "school_transition"
    assessment_medication = "assessment_medication"
    language_growth = "language_growth"
    checkin = "checkin"
    behaviour = "behaviour"
    other = "other"


class OrgKind(StrEnum):
    """The party a participant or a responsible comes from."""

    school = "school"
    social_services = "social_services"
    regional_health = "regional_health"
    municipal_health = "municipal_health"
    forsakringskassan = "forsakringskassan"
    arbetsformedlingen = "arbetsformedlingen"
    kriminalvarden = "kriminalvarden"
    person = "person"
    family = "family"
    other = "other"


class Huvudman(StrEnum):
    kommun = "kommun"
    region = "region"
    annan = "annan"
    person = "person"
    narstaende = "narstaende"


HUVUDMAN_OF_ORG: dict[OrgKind, Huvudman] = {
    OrgKind.school: Huvudman.kommun,
    OrgKind.social_services: Huvudman.kommun,
    OrgKind.municipal_health: Huvudman.kommun,
    OrgKind.regional_health: Huvudman.region,
    OrgKind.forsakringskassan: Huvudman.annan,
    OrgKind.arbetsformedlingen: Huvudman.annan,
    OrgKind.kriminalvarden: Huvudman.annan,
    OrgKind.person: Huvudman.person,
    OrgKind.family: Huvudman.narstaende,
    OrgKind.other: Huvudman.annan,
}


#: Roles/professions per organisation, from the regional count (seed 000).
#: Keys of the i18n catalogue ``role.<key>``; free text is always allowed too.
ROLES: dict[OrgKind, tuple[str, ...]] = {
    OrgKind.school: (
        "rektor", "bitr_rektor", "mentor", "specialpedagog", "skolkurator", "skolskoterska",
        "skolpsykolog", "resursperson", "fritidslarare", "forskoleteam", "syv", "elevhalsa",
    ),
    OrgKind.social_services: (
        "socialsekreterare", "familjebehandlare", "enhetschef", "lss_handlaggare", "ungdomsgrupp",
        "kontaktperson", "familjehemssekreterare",
    ),
    OrgKind.regional_health: (
        "sjukskoterska", "kurator", "psykolog", "lakare", "arbetsterapeut", "logoped",
        "specialpedagog", "bvc_skoterska",
    ),
    OrgKind.municipal_health: ("sjukskoterska", "arbetsterapeut", "fysioterapeut"),
    OrgKind.person: ("person",),
    OrgKind.family: ("mother", "father", "guardian", "forvaltare", "family_home", "relative"),
}


class Attendance(StrEnum):
    invited = "invited"
    present = "present"
    remote = "remote"
    absent_notice = "absent_notice"
    no_show = "no_show"

    @property
    def attended(self) -> bool:
        return self in (Attendance.present, Attendance.remote)


class MeetingKind(StrEnum):
    new = "new"
    new_after_discharge = "new_after_discharge"
    follow_up = "follow_up"

    @property
    def kva(self) -> str:
        return {"new": "AUI24", "new_after_discharge": "AUI25", "follow_up": "AW010"}[self.value]


class MeetingMode(StrEnum):
    in_person = "in_person"
    video = "video"
    phone = "phone"
    mixed = "mixed"


class MeetingStatus(StrEnum):
    planned = "planned"
    running = "running"
    held = "held"
    cancelled = "cancelled"


class MeasureStatus(StrEnum):
    done = "done"
    ongoing = "ongoing"
    not_done = "not_done"


class GoalStatus(StrEnum):
    active = "active"
    achieved = "achieved"
    ended = "ended"


class GoalRating(StrEnum):
    """The person's own view of a delmål at follow-up: better, as before, worse."""

    better = "better"
    same = "same"
    worse = "worse"


class ConsentForm(StrEnum):
    oral = "oral"
    written = "written"


class DeviationKind(StrEnum):
    party_absent = "party_absent"
    measure_not_done = "measure_not_done"
    disagreement = "disagreement"
    guideline_not_followed = "guideline_not_followed"
    other = "other"


class DeviationStatus(StrEnum):
    draft = "draft"
    kept = "kept"


# --------------------------------------------------------------------------- parts


class Person(_Base):
    """The person the plan belongs to (planen tillhör)."""

    name: str = Field(min_length=1)
    personnummer: Personnummer = None
    address: str = ""
    phone: str = ""

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError(t("err.name_required"))
        return v

    @property
    def masked_personnummer(self) -> str:
        return pnr.mask(self.personnummer)


class Guardian(_Base):
    """Vårdnadshavare / förvaltare."""

    id: str = Field(default_factory=new_id)
    name: str
    relation: str = "guardian"  # key of ROLES[OrgKind.family] or free text
    phone: str = ""


class NeedNoticedBy(_Base):
    kinds: list[NoticedBy] = Field(default_factory=list)
    other_text: str = ""


class Question(_Base):
    """A frågeställning the meeting is called for."""

    id: str = Field(default_factory=new_id)
    text: str
    answered: bool = False
    answer: str = ""


class Responsible(_Base):
    """Who is responsible: organisation kind, organisation (unit) and person."""

    org_kind: OrgKind | None = None
    organisation: str = ""
    person: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.organisation.strip() or self.person.strip() or self.org_kind)

    def display(self) -> str:
        parts = [p for p in (self.organisation.strip(), self.person.strip()) if p]
        if not parts and self.org_kind:
            from sipmote.i18n import label

            return label(self.org_kind)
        return ", ".join(parts)


class ConsentRecord(_Base):
    id: str = Field(default_factory=new_id)
    given_by: str
    given_by_personnummer: Personnummer = None
    phone: str = ""
    relation: str = ""  # "the person", "vårdnadshavare" ...
    form: ConsentForm = ConsentForm.written
    valid_from: dt.date
    valid_to: dt.date | None = None
    parties: list[str] = Field(default_factory=list)  # functions/relations/organisations covered
    documented_by: str = ""
    withdrawn_on: dt.date | None = None
    note: str = ""

    @model_validator(mode="after")
    def _period(self) -> ConsentRecord:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(t("err.consent_period"))
        return self

    def covers(self, day: dt.date) -> bool:
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return False
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    @property
    def consenter(self) -> str:
        """Who consented, as a key: the personnummer when recorded, else the name (case and spaces ignored)."""
        return self.given_by_personnummer or " ".join(self.given_by.casefold().split())


def standing_withdrawals(consents: list[ConsentRecord]) -> list[ConsentRecord]:
    """The withdrawals that still stand: for each one who consented (the person, each
    guardian), their latest consent (by start date, then as recorded) when it is withdrawn.
    A consent given again after a withdrawal lifts it; any other withdrawal stops the plan."""
    latest: dict[str, ConsentRecord] = {}
    for c in sorted(consents, key=lambda c: c.valid_from):
        latest[c.consenter] = c
    return [c for c in latest.values() if c.withdrawn]


class Agreement(_Base):
    """A participant's "godkänner planen", recorded in the meeting.

    Present: signs the printed plan. Remote (video, phone): cannot sign, so the
    agreement is given orally at ``at`` and noted by the secretary (``noted_by``)."""

    agrees: bool = True
    oral: bool = False
    at: dt.time | None = None
    noted_by: str = ""


class Participant(_Base):
    id: str = Field(default_factory=new_id)
    name: str
    org_kind: OrgKind = OrgKind.other
    organisation: str = ""  # unit, e.g. "Strandskolan", "BUP Gävle"
    role: str = ""  # key of ROLES[...] or free text
    huvudman: Huvudman | None = None
    attendance: Attendance = Attendance.invited
    substitute_for: str = ""
    is_person: bool = False  # the child / the person the plan belongs to
    has_spoken: bool = False
    speaker_notes: str = ""
    # the role at the meeting, for the kallelse ("informerar om skolsituationen"); the leader
    # and the note-taker are known from Meeting.leader / Meeting.secretary
    meeting_role: str = ""
    agreement: Agreement | None = None  # "godkänner planen", recorded in the meeting

    @model_validator(mode="after")
    def _default_huvudman(self) -> Participant:
        if self.huvudman is None:
            object.__setattr__(self, "huvudman", HUVUDMAN_OF_ORG[self.org_kind])
        return self

    @property
    def party_kind(self) -> OrgKind:
        """The party this participant counts for: the person the plan belongs to, else their org_kind."""
        return OrgKind.person if self.is_person else self.org_kind

    @property
    def role_label(self) -> str:
        key = f"role.{self.role}"
        text = t(key)
        return self.role if text == key else text


class Measure(_Base):
    """An insats: concrete, with who is responsible."""

    id: str = Field(default_factory=new_id)
    what: str
    responsible: Responsible = Field(default_factory=Responsible)
    performer: str = ""
    start: dt.date | None = None
    frequency: str = ""
    place: str = ""
    until: dt.date | None = None
    third_party: bool = False
    child_words: str = ""  # how the child says it ("Lars på BUP pratar med mig om sömnen"), Min plan
    # at follow-up
    status: MeasureStatus | None = None
    effect: str = ""

    @model_validator(mode="after")
    def _dates(self) -> Measure:
        if self.start and self.until and self.until < self.start:
            raise ValueError(t("err.measure_dates"))
        return self


class Goal(_Base):
    """A short-term goal (delmål): something the person does."""

    id: str = Field(default_factory=new_id)
    text: str
    status: GoalStatus = GoalStatus.active
    status_note: str = ""
    child_words: str = ""  # how the child says it, "Jag ..." (Min plan)
    measures: list[Measure] = Field(default_factory=list)
    # at follow-up: the person's own rating ("bättre / som förut / sämre") and their words
    person_rating: GoalRating | None = None
    person_words: str = ""


class OwnAction(_Base):
    """What the person or the family do themselves."""

    id: str = Field(default_factory=new_id)
    who: Literal["person", "family"] = "person"
    text: str
    goal_id: str | None = None


class Need(_Base):
    """A need / problem statement raised in Problematisera."""

    id: str = Field(default_factory=new_id)
    text: str
    question_ids: list[str] = Field(default_factory=list)
    disagreement: bool = False
    parties: str = ""  # who disagree, free text


class FollowUpBooking(_Base):
    date: dt.date | None = None
    time: dt.time | None = None
    place: str = ""

    @property
    def is_set(self) -> bool:
        return self.date is not None


class ReplyContact(_Base):
    """Whom the invited answer, and how (captured in the preparation, printed in the kallelse)."""

    name: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.phone.strip() or self.email.strip())


class ConvenedBy(_Base):
    org_kind: OrgKind | None = None
    organisation: str = ""
    role: str = ""


class PhaseRecord(_Base):
    """One agenda phase as run: planned minutes and the clock's account."""

    key: str
    name: str
    planned_minutes: float
    started_at: dt.datetime | None = None  # wall clock, for the record
    ended_at: dt.datetime | None = None
    elapsed_seconds: float = 0.0  # monotonic time spent, survives a crash
    notes: str = ""


class Evaluation(_Base):
    """The five post-meeting statements (seed 004), 1-5 each, None = not answered."""

    id: str = Field(default_factory=new_id)
    org_kind: OrgKind | None = None  # kept for anonymous statistics
    participant_id: str | None = None
    answers: list[int | None] = Field(default_factory=lambda: list[int | None]([None] * 5))

    @field_validator("answers")
    @classmethod
    def _answers(cls, v: list[int | None]) -> list[int | None]:
        if len(v) != 5:
            raise ValueError(t("err.evaluation_len"))
        for a in v:
            if a is not None and not 1 <= a <= 5:
                raise ValueError(t("err.evaluation_range"))
        return v


class Meeting(_Base):
    id: str = Field(default_factory=new_id)
    kind: MeetingKind = MeetingKind.new
    status: MeetingStatus = MeetingStatus.planned
    date: dt.date | None = None
    time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    mode: MeetingMode = MeetingMode.in_person
    video_link: str = ""  # for a video or mixed meeting, printed in the kallelse
    leader: str = ""
    secretary: str = ""
    convened_by: ConvenedBy = Field(default_factory=ConvenedBy)
    invitation_sent: dt.date | None = None
    reply_to: ReplyContact = Field(default_factory=ReplyContact)
    reply_by: dt.date | None = None  # None: the kallelse picks a day before the meeting
    agenda_id: str = "sip-20-20-20"
    phases: list[PhaseRecord] = Field(default_factory=list)
    current_phase: int = 0
    participants: list[Participant] = Field(default_factory=list)
    current_speaker_id: str | None = None
    situation: str = ""  # nuläge, in short
    needs: list[Need] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    own_actions: list[OwnAction] = Field(default_factory=list)
    third_party_measures: list[Measure] = Field(default_factory=list)
    follow_up: FollowUpBooking = Field(default_factory=FollowUpBooking)
    if_critical: str = ""  # what happens if something critical occurs between meetings
    copies_to: list[str] = Field(default_factory=list)
    person_agrees: bool | None = None
    evaluations: list[Evaluation] = Field(default_factory=list)
    previous_meeting_id: str | None = None
    notes: str = ""

    @property
    def kva(self) -> str:
        return self.kind.kva

    def all_measures(self) -> list[Measure]:
        out = [m for g in self.goals for m in g.measures]
        out.extend(self.third_party_measures)
        return out

    def participant(self, pid: str) -> Participant | None:
        return next((p for p in self.participants if p.id == pid), None)

    def speaking_order(self) -> list[Participant]:
        """Round the table: the person first, then everyone who attends."""
        attending = [p for p in self.participants if p.attendance.attended]
        return sorted(attending, key=lambda p: (not p.is_person,))

    def not_yet_spoken(self) -> list[Participant]:
        return [p for p in self.speaking_order() if not p.has_spoken]


class Deviation(_Base):
    id: str = Field(default_factory=new_id)
    kind: DeviationKind
    party: str = ""
    org_kind: OrgKind | None = None  # the party's kind, for anonymous statistics
    text: str = ""
    meeting_id: str | None = None
    created: dt.date = Field(default_factory=dt.date.today)
    status: DeviationStatus = DeviationStatus.kept


class Closure(_Base):
    reason: CloseReason
    date: dt.date
    informed: list[str] = Field(default_factory=list)
    where_to_turn: str = ""
    note: str = ""


class Reopening(_Base):
    date: dt.date
    reason: str
    previous: Closure


class Plan(_Base):
    """A SIP."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    status: PlanStatus = PlanStatus.draft
    created: dt.datetime = Field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    updated: dt.datetime = Field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    person: Person
    guardians: list[Guardian] = Field(default_factory=list)
    noticed_by: NeedNoticedBy = Field(default_factory=NeedNoticedBy)
    goal_category: GoalCategory | None = None  # the primary main goal category
    # further main goal categories the plan also has (seed 000: some SIPs name two); never
    # the primary and no repeats (see _goal_categories)
    more_goal_categories: list[GoalCategory] = Field(default_factory=list)
    goal_category_other: str = ""
    long_term_goal: str = ""  # "Vad är viktigt för dig?" in the person's own words
    questions: list[Question] = Field(default_factory=list)
    consents: list[ConsentRecord] = Field(default_factory=list)
    huvudansvarig: Responsible = Field(default_factory=Responsible)
    meetings: list[Meeting] = Field(default_factory=list)
    deviations: list[Deviation] = Field(default_factory=list)
    closure: Closure | None = None
    reopenings: list[Reopening] = Field(default_factory=list)

    @field_validator("schema_version")
    @classmethod
    def _version(cls, v: int) -> int:
        if v > SCHEMA_VERSION:
            raise ValueError(t("err.schema_newer", version=v))
        return v

    @model_validator(mode="after")
    def _goal_categories(self) -> Plan:
        seen = {self.goal_category}
        more = []
        for c in self.more_goal_categories:
            if c not in seen:
                seen.add(c)
                more.append(c)
        if more != self.more_goal_categories:
            object.__setattr__(self, "more_goal_categories", more)
        return self

    # ---- queries used everywhere

    @property
    def goal_categories(self) -> list[GoalCategory]:
        """Every main goal category: the primary first, then the additional ones."""
        head = [self.goal_category] if self.goal_category is not None else []
        return head + list(self.more_goal_categories)

    @property
    def latest_meeting(self) -> Meeting | None:
        return self.meetings[-1] if self.meetings else None

    @property
    def last_held_meeting(self) -> Meeting | None:
        held = [m for m in self.meetings if m.status == MeetingStatus.held]
        return held[-1] if held else None

    @property
    def next_follow_up(self) -> dt.date | None:
        """The follow-up date booked at the last held meeting, or a planned meeting's date."""
        planned = [m for m in self.meetings if m.status == MeetingStatus.planned and m.date]
        if planned:
            return planned[-1].date
        last = self.last_held_meeting
        if last and last.follow_up.date:
            return last.follow_up.date
        return None

    def meeting(self, mid: str) -> Meeting | None:
        return next((m for m in self.meetings if m.id == mid), None)

    def consent_covers(self, day: dt.date) -> bool:
        return any(c.covers(day) for c in self.consents)

    @property
    def consent_withdrawn(self) -> bool:
        """True when a consent the plan relies on is withdrawn and not given again: the
        person's or any guardian's (``standing_withdrawals``). No new meeting may start."""
        return bool(standing_withdrawals(self.consents))

    def touch(self) -> None:
        self.updated = dt.datetime.now().replace(microsecond=0)


def plan_json_schema() -> dict[str, Any]:
    return Plan.model_json_schema()
