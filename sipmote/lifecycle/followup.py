"""Run and follow up meetings: start a follow-up, finish a meeting, change goals and measures."""

from __future__ import annotations

import datetime as dt

from sipmote.i18n import t
from sipmote.lifecycle.guards import (
    LifecycleError,
    _meeting,
    can_start_meeting,
    ensure_editable,
    ensure_meeting_open,
    meeting_closed_text,
)
from sipmote.model import (
    Attendance,
    FollowUpBooking,
    Goal,
    GoalRating,
    GoalStatus,
    Measure,
    MeasureStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Participant,
    Plan,
    PlanStatus,
)

FOLLOW_UP_AGENDA = "uppfoljning"


def _fresh_participant(p: Participant) -> Participant:
    return p.model_copy(update={"attendance": Attendance.invited, "has_spoken": False,
                                "speaker_notes": "", "substitute_for": ""}, deep=True)


def _round_table(base: Meeting) -> list[Participant]:
    """The follow-up's invited start from the round table of the meeting it follows up: the
    person first, then those who came, in the order they sat, then those who did not (a party
    that stayed away is called again). One who stood in for someone still on the list is not
    carried: the one they replaced is invited. Everyone is only invited: the roll call records
    who comes this time (``last_time`` tells it how each attended before)."""
    regulars = {p.name.strip().casefold() for p in base.participants if not p.substitute_for.strip()}
    carried = [p for p in base.participants if p.substitute_for.strip().casefold() not in regulars]
    carried.sort(key=lambda p: (not p.is_person, not p.attendance.attended))  # stable: the order they sat
    return [_fresh_participant(p) for p in carried]


def last_time(plan: Plan, meeting: Meeting) -> list[tuple[Participant, Attendance]]:
    """For a follow-up's roll call: those on its list who did not come in person to the meeting
    it follows up (remote, absent with notice, did not come), with how they attended then."""
    prev = plan.meeting(meeting.previous_meeting_id) if meeting.previous_meeting_id else None
    if prev is None:
        return []
    before = {p.id: p.attendance for p in prev.participants}
    return [(p, before[p.id]) for p in meeting.participants
            if before.get(p.id) in (Attendance.remote, Attendance.absent_notice, Attendance.no_show)]


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
        participants=_round_table(base),
        goals=[g.model_copy(update={"measures": [_fresh_measure(m) for m in g.measures],
                                    "person_rating": None, "person_words": ""}, deep=True)
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


def meeting_to_run(plan: Plan, today: dt.date) -> Meeting:
    """The meeting the meeting screen runs: the plan's latest, or - for a plan without any
    (one imported so, a test's) - a new one dated today."""
    if not plan.meetings:
        ensure_editable(plan)
        plan.meetings.append(Meeting(date=today))
    return plan.meetings[-1]


def begin_meeting(plan: Plan, meeting: Meeting, today: dt.date) -> Meeting:
    """The meeting is being held now: something was recorded at it or its clock started.
    It is running (leaving it asks "Är mötet genomfört?", the register flags it while it is
    not finished) and dated the day it is held - a follow-up held before or after its
    booked day is named and printed with that day, not the booking (the booked day stays
    in the booking of the meeting it follows up, which the statistics compare it with)."""
    ensure_editable(plan)
    ensure_meeting_open(meeting)
    meeting.status = MeetingStatus.running
    meeting.date = today
    if plan.status == PlanStatus.draft:  # a plan's first meeting is being held: the plan is in use
        plan.status = PlanStatus.active
    return meeting


def finish_meeting(plan: Plan, meeting_id: str, today: dt.date, *, held_today: bool = False) -> Meeting:
    """Mark a run meeting as held: from now on it is history, and the plan can be followed up.

    Its date is the day it was held: ``today`` when it was run now (``held_today``: finished on
    the meeting screen), whether that is before or after the day it was booked for (the
    statistics count follow-ups held late and early); a meeting marked held afterwards keeps
    an earlier date, a booking still ahead becomes today."""
    ensure_editable(plan)
    m = _meeting(plan, meeting_id)
    if m.status == MeetingStatus.cancelled:
        raise LifecycleError(meeting_closed_text(m))
    m.status = MeetingStatus.held
    m.hand_queue.clear()  # the speaking queue ends with the meeting: no hand is left raised in its record
    if held_today or m.date is None or m.date > today:
        m.date = today
    plan.status = PlanStatus.active
    return m


def earlier_measure(plan: Plan, meeting: Meeting, measure_id: str) -> Measure | None:
    """The same measure as agreed at the previous meeting (for showing what was agreed)."""
    prev = plan.meeting(meeting.previous_meeting_id) if meeting.previous_meeting_id else None
    if prev is None:
        return None
    return prev.measure(measure_id)


def find_measure(meeting: Meeting, measure_id: str) -> Measure:
    """The meeting's measure (under a goal or a third party's), or LifecycleError."""
    m = meeting.measure(measure_id)
    if m is None:
        raise LifecycleError(t("life.no_such_measure"))
    return m


def find_goal(meeting: Meeting, goal_id: str) -> Goal:
    """The meeting's goal, or LifecycleError."""
    g = meeting.goal(goal_id)
    if g is None:
        raise LifecycleError(t("life.no_such_goal"))
    return g


def set_measure_status(plan: Plan, meeting_id: str, measure_id: str, status: MeasureStatus | None,
                       effect: str | None = None) -> Measure:
    ensure_editable(plan)
    meeting = _meeting(plan, meeting_id)
    ensure_meeting_open(meeting)
    m = find_measure(meeting, measure_id)
    m.status = status
    if effect is not None:
        m.effect = effect.strip()
    return m


def set_goal_rating(plan: Plan, meeting_id: str, goal_id: str, rating: GoalRating | None,
                    words: str | None = None) -> Goal:
    """The person's own rating of a delmål at this follow-up (better / as before / worse),
    with their words if they give any."""
    ensure_editable(plan)
    meeting = _meeting(plan, meeting_id)
    ensure_meeting_open(meeting)
    if meeting.kind != MeetingKind.follow_up:
        raise LifecycleError(t("life.rating_follow_up_only"))
    g = find_goal(meeting, goal_id)
    g.person_rating = rating
    if words is not None:
        g.person_words = words.strip()
    return g


def set_measure_effect(plan: Plan, meeting_id: str, measure_id: str, effect: str) -> Measure:
    ensure_editable(plan)
    meeting = _meeting(plan, meeting_id)
    ensure_meeting_open(meeting)
    m = find_measure(meeting, measure_id)
    m.effect = effect.strip()
    return m


def revise_goal(plan: Plan, meeting_id: str, goal_id: str, text: str, note: str = "") -> Goal:
    ensure_editable(plan)
    meeting = _meeting(plan, meeting_id)
    ensure_meeting_open(meeting)
    if not (text or "").strip():
        raise LifecycleError(t("life.goal_text"))
    g = find_goal(meeting, goal_id)
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
    g = find_goal(meeting, goal_id)
    g.status = status
    if note.strip():
        g.status_note = note.strip()
    return g
