"""Counting the register's plans into ``Figures``. No Textual here.

Which meetings count
    A meeting counts when its status is *held* (genomfört) and, when a period
    is given, its date lies in the period (both ends included). A held meeting
    without a date counts only when no period is given; with a period it is
    reported as "undated, left out". Planned, running and cancelled meetings
    never count as held; cancelled meetings in the period are reported apart.
    With ``with_school`` only meetings the school took part in or convened count
    (the regions' "SIP där skolan varit inblandad").

Main goal categories
    A meeting adds one to every main goal category of its plan (the primary and
    the further ones), each once, so the goal rows can add up to more than the
    meetings. A plan without any category counts as ``unset``.

Outcomes
    A held follow-up meeting adds its insatser by status, its delmål by status and
    by the person's own rating, whether it was held on the date booked at the
    meeting it follows up (and how many days late otherwise); deviations kept for
    a counted meeting are added by kind and party.

Reading
    Plans are read as raw JSON (fast), then every meeting and deviation is
    validated by the model, and every derived fact comes from the model
    (``Attendance.attended``, ``Responsible.is_set``, ``FollowUpBooking.is_set``,
    ``Meeting.all_measures``). A plan with a part that does not validate adds
    nothing; a plan file that does not decode is loaded through the register
    (which restores it from a backup).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sipmote.model import (
    Attendance,
    Deviation,
    DeviationStatus,
    GoalCategory,
    MeetingKind,
    MeetingStatus,
    OrgKind,
    Plan,
)
from sipmote.model import (
    Meeting as MeetingModel,
)
from sipmote.stats.figures import OTHER, PARTY_OF, UNSET, UNSPEC, Figures, role_key
from sipmote.stats.layout import groups
from sipmote.stats.period import ALL_TIME, Period
from sipmote.stats.units import Units, load_units

SCHOOL, SOCIAL, REGION = OrgKind.school.value, OrgKind.social_services.value, OrgKind.regional_health.value
GUARDIAN_ROLES = frozenset({"mother", "father", "guardian"})
GOAL_VALUES = frozenset(g.value for g in GoalCategory)
BUCKETS = (*(str(i) for i in range(10)), "10+")

Path_ = tuple[Any, ...]


def known_phase_keys() -> dict[str, str]:
    """Phase key -> display name, from the agendas (shipped and the user's own)."""
    import re

    try:
        from sipmote.agenda import scan_agendas

        found, _ = scan_agendas()
    except Exception:  # noqa: BLE001 - statistics must not fail on a broken agenda folder
        return {}
    key = re.compile(r"^[a-z0-9_-]{1,40}$")
    out: dict[str, str] = {}
    for agenda in found.values():
        for p in agenda.phases:
            if key.match(p.key):
                out.setdefault(p.key, p.name)
    return out


class CountedParts(BaseModel):
    """What the statistics read of a plan file: its goal categories (as keys, filtered by
    ``plan_goal_keys``), its meetings and deviations, validated as in a ``Plan``. The rest is
    not validated here (the person, consents, texts: a fifth of ``sipmote stats`` over 5,000
    plans); the counts are those of the whole plan, whose other parts count nothing."""

    model_config = ConfigDict(extra="ignore")

    goal_category: str | None = None
    more_goal_categories: list[str] = Field(default_factory=list)
    meetings: list[MeetingModel] = Field(default_factory=list)
    deviations: list[Deviation] = Field(default_factory=list)


def plan_goal_keys(plan: dict[str, Any]) -> list[str]:
    """The plan's main goal categories as closed-list keys: the primary, then the further ones,
    each once; unknown values are skipped; ``[unset]`` when none is left."""
    more = plan.get("more_goal_categories")
    out: list[str] = []
    for g in [plan.get("goal_category"), *(more if isinstance(more, list) else ())]:
        if isinstance(g, str) and g in GOAL_VALUES and g not in out:
            out.append(g)
    return out or [UNSET]


def school_involved(m: MeetingModel) -> bool:
    """The school convened the meeting or took part in it."""
    return m.convened_by.org_kind == OrgKind.school or any(
        p.org_kind == OrgKind.school and p.attendance.attended for p in m.participants)


class Collector:
    """Adds plans into figures; a plan is validated whole before it adds anything."""

    def __init__(self, period: Period = ALL_TIME, phase_keys: Iterable[str] | None = None, *,
                 with_school: bool = False, units: Units | None = None) -> None:
        self.period = period
        self.with_school = with_school
        self.phase_keys = frozenset(known_phase_keys() if phase_keys is None else phase_keys)
        self.units = units or load_units()
        self.groups = groups()
        self._hits: dict[tuple[str, str, str], tuple[str, ...]] = {}  # (party, role, unit) -> groups
        self.counts: Counter[Path_] = Counter()

    def _groups_of(self, org: str, role: str, unit: str) -> tuple[str, ...]:
        """The groups a participant of this party, role and unit counts in (asked once per triple:
        5,000 plans asked each group of every participant, half a million times)."""
        key = (org, role, unit)
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = tuple(k for k, g in self.groups.items() if g.matches(org, role, unit))
        return hits

    # ---- reading
    def add(self, plan: dict[str, Any] | Plan) -> bool:
        """Count one plan; False (and nothing added) when a part of it does not validate."""
        try:
            if isinstance(plan, Plan):
                goals = [g.value for g in plan.goal_categories] or [UNSET]
                meetings, deviations = plan.meetings, plan.deviations
            else:
                goals = plan_goal_keys(plan)
                meetings = [MeetingModel.model_validate(m) for m in plan.get("meetings") or ()]
                deviations = [Deviation.model_validate(d) for d in plan.get("deviations") or ()]
        except (ValidationError, AttributeError, TypeError, ValueError):
            return False
        self._plan(goals, meetings, deviations)
        return True

    def add_raw(self, raw: bytes) -> bool:
        """Count a plan file's JSON: validated whole (fast); a file that is JSON but not a valid
        plan is counted leniently (closed-list keys, every meeting validated) or not at all.
        False only when the bytes are not a JSON object."""
        try:
            parts = CountedParts.model_validate_json(raw)
        except ValidationError:
            pass
        else:
            goals = plan_goal_keys({"goal_category": parts.goal_category,
                                    "more_goal_categories": parts.more_goal_categories})
            self._plan(goals, parts.meetings, parts.deviations)
            return True
        try:
            data = json.loads(raw)
        except ValueError:
            return False
        if not isinstance(data, dict):
            return False
        self.add(data)
        return True

    def figures(self) -> Figures:
        tree: dict[str, Any] = Figures().model_dump()
        for path, n in self.counts.items():
            node: Any = tree
            for k in path[:-1]:
                node = node[k] if isinstance(node, list) else node.setdefault(k, {})
            node[path[-1]] = node.get(path[-1], 0) + n
        return Figures.model_validate(tree)

    # ---- counting
    def _plan(self, goals: list[str], meetings: list[MeetingModel], deviations: list[Deviation]) -> None:
        c = self.counts
        counted: set[str] = set()
        by_id = {m.id: m for m in meetings}
        for i, m in enumerate(meetings):
            if m.status not in (MeetingStatus.held, MeetingStatus.cancelled):
                continue
            if self.with_school and not school_involved(m):
                continue
            inside = True if self.period.is_open else (None if m.date is None else self.period.contains(m.date))
            if m.status == MeetingStatus.cancelled:
                c["cancelled",] += bool(inside)
                continue
            if inside is None:
                c["undated",] += 1
            elif inside:
                counted.add(m.id)
                self._meeting(m, goals)
                if m.kind == MeetingKind.follow_up:
                    prev = by_id.get(m.previous_meeting_id or "") or next(
                        (p for p in reversed(meetings[:i]) if p.status == MeetingStatus.held), None)
                    self._follow_up(m, prev)
        if counted:
            c["plans",] += 1
            for d in deviations:
                if d.status == DeviationStatus.kept and (
                        d.meeting_id in counted or (d.meeting_id is None and self.period.contains(d.created))):
                    c["follow_up", "deviations", d.kind.value, d.org_kind.value if d.org_kind else UNSPEC] += 1

    def _meeting(self, m: MeetingModel, goals: list[str]) -> None:
        c = self.counts
        c["meetings",] += 1
        c["kind", m.kind.value] += 1
        c["mode", m.mode.value] += 1
        for goal in goals:
            c["goal_category", goal] += 1

        conv = m.convened_by
        c_org = conv.org_kind.value if conv.org_kind else UNSPEC
        c["convened", c_org] += 1
        c["convened_role", c_org, role_key(c_org, conv.role)] += 1
        c["convened_unit", c_org, self.units.key_of(conv.organisation)] += 1

        attended: set[str] = set()
        absent: set[str] = set()
        no_show: set[str] = set()
        roles: set[tuple[str, str]] = set()
        units: set[tuple[str, str]] = set()
        hit_groups: set[str] = set()
        family: set[str] = set()
        guardians = 0
        for p in m.participants:
            org = OrgKind.person.value if p.is_person else p.org_kind.value
            if p.attendance.attended:
                attended.add(org)
                if org == "person":
                    family.add("person")
                elif org == "family":
                    rk = role_key("family", p.role)
                    family.add(rk)
                    guardians += rk in GUARDIAN_ROLES
                else:
                    rk = role_key(org, p.role)
                    uk = self.units.key_of(p.organisation)
                    roles.add((org, rk))
                    units.add((org, uk))
                    hit_groups.update(self._groups_of(org, rk, uk))
            elif p.attendance == Attendance.absent_notice:
                absent.add(org)
            elif p.attendance == Attendance.no_show:
                no_show.add(org)
        for org in attended:
            c["attended", org] += 1
        for org in absent:
            c["absent_notice", org] += 1
        for org in no_show:
            c["no_show", org] += 1
        for org in absent | no_show:
            c["absent_any", org] += 1
        for org, rk in roles:
            c["professions", org, rk] += 1
        for org, uk in units:
            c["units", org, uk] += 1
        for key in hit_groups:
            c["groups", key] += 1
        relatives = family - {"person"}
        if guardians >= 2:
            family.add("two_guardians")
        if relatives == {"mother"}:
            family.add("mother_alone")
        if relatives == {"father"}:
            family.add("father_alone")
        if not relatives:
            family.add("none")
        for k in family:
            c["family", k] += 1
        c["parties", PARTY_OF[(SCHOOL in attended, SOCIAL in attended, REGION in attended)]] += 1

        for ph in m.phases:
            key = ph.key if ph.key in self.phase_keys else OTHER
            c["phases", key, "count"] += 1
            c["phases", key, "planned_seconds"] += round(ph.planned_minutes * 60)
            c["phases", key, "elapsed_seconds"] += round(ph.elapsed_seconds)

        measures = m.all_measures()
        c["measures", "total"] += len(measures)
        c["measures", "with_responsible"] += sum(1 for ms in measures if ms.responsible.is_set)
        c["measures", "per_meeting", BUCKETS[min(len(measures), 10)]] += 1
        c["follow_up_booked",] += m.follow_up.is_set

        for e in m.evaluations:
            c["evaluations", "count"] += 1
            for i, a in enumerate(e.answers):
                if a is not None:
                    c["evaluations", "statements", i, "n"] += 1
                    c["evaluations", "statements", i, "sum"] += a

    def _follow_up(self, m: MeetingModel, prev: MeetingModel | None) -> None:
        c = self.counts
        c["follow_up", "follow_ups"] += 1
        for ms in m.all_measures():
            c["follow_up", "measure_status", ms.status.value if ms.status else UNSET] += 1
        for g in m.goals:
            c["follow_up", "goal_status", g.status.value] += 1
            c["follow_up", "goal_rating", g.person_rating.value if g.person_rating else UNSET] += 1
        booked = prev.follow_up.date if prev is not None else None
        if booked is not None and m.date is not None:
            c["follow_up", "booked_known"] += 1
            if m.date == booked:
                c["follow_up", "on_booked_date"] += 1
            elif m.date > booked:
                c["follow_up", "late"] += 1
                c["follow_up", "late_days"] += (m.date - booked).days
            else:
                c["follow_up", "early"] += 1


# --------------------------------------------------------------------------- reading the register


def raw_plans(register: Any) -> Iterator[tuple[str, bytes | None]]:
    """Every plan file of the register as (plan id, decoded JSON bytes or None if it does not
    decode): ``Register.iter_raw()``."""
    yield from register.iter_raw()


def collect_register(register: Any, collector: Collector) -> None:
    """Count every plan of the register. A file that does not decode or parse is loaded
    through the register (restored from a backup); one that cannot be read at all is
    skipped with a notice."""
    from sipmote.store.atomic import StoreError

    for plan_id, raw in raw_plans(register):
        if raw is not None and collector.add_raw(raw):
            continue
        try:
            collector.add(register.load(plan_id))
        except StoreError as exc:
            register.notices.append(exc.message)


def collect(plans: Iterable[dict[str, Any] | Plan], period: Period = ALL_TIME,
            phase_keys: Iterable[str] | None = None, *, with_school: bool = False,
            units: Units | None = None) -> Figures:
    c = Collector(period, phase_keys, with_school=with_school, units=units)
    for plan in plans:
        c.add(plan)
    return c.figures()
