"""Shared builders for the lifecycle screen tests (no tests here).

Plans are built with explicit ids and a fixed 'today' so that pilot and
snapshot tests are deterministic."""

from __future__ import annotations

import datetime as dt

from conftest import TODAY, Host  # noqa: F401 - re-exported for the screen tests

from sipmote import personnummer as pnr
from sipmote.model import (
    Attendance,
    ConsentRecord,
    Goal,
    GoalStatus,
    Measure,
    Meeting,
    MeetingStatus,
    OrgKind,
    Participant,
    Person,
    Plan,
    PlanStatus,
    Responsible,
)

STAMP = dt.datetime(2026, 3, 1, 12, 0)


def person_number(year: int, serial: str = "239") -> str:
    return pnr.make_test_number(dt.date(year, 4, 12), serial=serial)


def P(pid: str, name: str, org: OrgKind, unit: str = "", role: str = "", att=Attendance.present, **kw):
    return Participant(id=pid, name=name, org_kind=org, organisation=unit, role=role, attendance=att, **kw)


def consent(cid: str, given_by: str, start: dt.date, end: dt.date | None = None) -> ConsentRecord:
    return ConsentRecord(id=cid, given_by=given_by, relation="Vårdnadshavare", valid_from=start, valid_to=end,
                         parties=["Skolan", "BUP"])


def held_meeting(mid: str, day: dt.date, follow_up: dt.date | None) -> Meeting:
    m = Meeting(
        id=mid, date=day, time=dt.time(13, 0), place="Strandskolan", status=MeetingStatus.held,
        leader="Anna Berg",
        participants=[
            P(f"{mid}p1", "Elsa Lindqvist", OrgKind.person, role="person", is_person=True),
            P(f"{mid}p2", "Anna Berg", OrgKind.school, "Strandskolan", "bitr_rektor"),
            P(f"{mid}p3", "Lars Holm", OrgKind.regional_health, "BUP Exempelstad", "psykolog"),
        ],
        goals=[
            Goal(id="goal1", text="Elsa är i skolan varje förmiddag", measures=[
                Measure(id="meas1", what="Anpassad skolstart kl 10", frequency="varje dag",
                        responsible=Responsible(org_kind=OrgKind.school, organisation="Strandskolan",
                                                person="Omar Haddad")),
                Measure(id="meas2", what="Samtal om oro", frequency="varannan vecka",
                        responsible=Responsible(org_kind=OrgKind.regional_health, organisation="BUP Exempelstad")),
            ]),
            Goal(id="goal2", text="Elsa sover före kl 23", measures=[
                Measure(id="meas3", what="Sömnschema hemma",
                        responsible=Responsible(org_kind=OrgKind.family, organisation="Familjen")),
            ]),
            Goal(id="goal3", text="Elsa går på bildlektionerna", status=GoalStatus.achieved),
        ],
    )
    m.follow_up.date = follow_up
    m.follow_up.place = "Strandskolan"
    return m


def plan(pid: str, name: str, *, status=PlanStatus.active, year=2012, serial="239", follow_up=None,
         held: dt.date | None = None, consents=None) -> Plan:
    meetings = [held_meeting(f"{pid}m1", held, follow_up)] if held else []
    return Plan(id=pid, status=status, created=STAMP, updated=STAMP,
                person=Person(name=name, personnummer=person_number(year, serial)),
                long_term_goal="Jag vill gå i skolan och ha kompisar" if held else "",
                consents=consents if consents is not None else [consent(f"{pid}c1", "Maria Lindqvist",
                                                                         dt.date(2026, 1, 1), dt.date(2026, 12, 31))],
                meetings=meetings)


def sample_register(reg) -> None:
    """Six plans: overdue, due soon, later, a draft, a closed one, one with a [markup] name."""
    from sipmote import lifecycle as life

    reg.save(plan("plan00000001", "Elsa Lindqvist", held=dt.date(2026, 1, 19), follow_up=dt.date(2026, 3, 9)))
    reg.save(plan("plan00000002", "Omar Said", year=2010, serial="118", held=dt.date(2025, 12, 1),
                  follow_up=dt.date(2026, 2, 23)))
    reg.save(plan("plan00000003", "Åsa Öberg", year=2013, serial="457", held=dt.date(2026, 2, 16),
                  follow_up=dt.date(2026, 5, 11)))
    reg.save(plan("plan00000004", "Liam Berg", status=PlanStatus.draft, year=2015, serial="332"))
    closed = plan("plan00000005", "Nora Ek", year=2009, serial="771", held=dt.date(2025, 9, 1),
                  follow_up=dt.date(2025, 11, 3))
    life.close_plan(closed, life.CloseReason.goals_met, dt.date(2025, 11, 3), "Nora, vårdnadshavarna",
                    "Elevhälsan på skolan")
    reg.save(closed)
    reg.save(plan("plan00000006", "[bold]Kim[/bold] Test", year=2011, serial="604", held=dt.date(2026, 2, 2),
                  follow_up=dt.date(2026, 4, 6)))
