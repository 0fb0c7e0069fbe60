"""The parts of a plan: the person, guardians, consent, participants, goals, measures."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from sipmote import personnummer as pnr
from sipmote.i18n import t
from sipmote.model.base import Personnummer, _Base, new_id
from sipmote.model.enums import (
    HUVUDMAN_OF_ORG,
    Attendance,
    ConsentForm,
    GoalRating,
    GoalStatus,
    Huvudman,
    MeasureStatus,
    NoticedBy,
    OrgKind,
)


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
