"""A meeting, and the plan through its whole life (meetings, deviations, closing)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from sipmote import clock
from sipmote.i18n import t
from sipmote.model.base import SCHEMA_VERSION, _Base, context_today, new_id
from sipmote.model.enums import (
    CloseReason,
    DeviationKind,
    DeviationStatus,
    GoalCategory,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    OrgKind,
    PlanStatus,
)
from sipmote.model.parts import (
    ConsentRecord,
    ConvenedBy,
    Evaluation,
    FollowUpBooking,
    Goal,
    Guardian,
    Measure,
    Need,
    NeedNoticedBy,
    OwnAction,
    Participant,
    Person,
    PhaseRecord,
    Question,
    ReplyContact,
    Responsible,
    standing_withdrawals,
)


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
    hand_queue: list[str] = Field(default_factory=list)  # raised hands, participant ids in order
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

    def goal(self, goal_id: str) -> Goal | None:
        """The meeting's short-term goal with this id (the one lookup by id)."""
        return next((g for g in self.goals if g.id == goal_id), None)

    def measure(self, measure_id: str) -> Measure | None:
        """The meeting's insats with this id, under a goal or another actor's (the one lookup)."""
        return next((m for m in self.all_measures() if m.id == measure_id), None)

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
    #: the day it was noted: lifecycle passes its injected today; a file without it gets the
    #: today it is validated with (``context["today"]``, see ``model.base.context_today``)
    created: dt.date = Field(default_factory=clock.calendar)
    status: DeviationStatus = DeviationStatus.kept

    @model_validator(mode="before")
    @classmethod
    def _created_today(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dict) and data.get("created") is None:
            return {**data, "created": context_today(info)}
        return data


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
    created: dt.datetime = Field(default_factory=clock.now)
    updated: dt.datetime = Field(default_factory=clock.now)
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
        self.updated = clock.now()


def plan_json_schema() -> dict[str, Any]:
    return Plan.model_json_schema()
