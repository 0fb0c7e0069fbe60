"""Outcomes, not only counts: follow-up meetings with known outcomes, counted and merged.

Plan 1 goes through the lifecycle as a user would (start the follow-up, set statuses, the person's
rating, finish, keep the deviation drafts); plans 2–4 are built directly."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import run_cli as run

from sipmote import lifecycle as life
from sipmote.model import (
    Attendance,
    Deviation,
    DeviationKind,
    DeviationStatus,
    FollowUpBooking,
    Goal,
    GoalRating,
    GoalStatus,
    Measure,
    MeasureStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    OrgKind,
    Participant,
    Person,
    Plan,
    Responsible,
)
from sipmote.store import Register

D0 = dt.date(2022, 3, 1)
SCHOOL = Responsible(org_kind=OrgKind.school, organisation="Strandskolan", person="Anna")
REGION = Responsible(org_kind=OrgKind.regional_health, organisation="BUP")


def first_meeting(day: dt.date, booked: dt.date | None, goals: list[Goal]) -> Meeting:
    return Meeting(status=MeetingStatus.held, date=day, goals=goals,
                   follow_up=FollowUpBooking(date=booked),
                   participants=[Participant(name="Rektor", org_kind=OrgKind.school, role="rektor",
                                             attendance=Attendance.present),
                                 Participant(name="Kurator BUP", org_kind=OrgKind.regional_health, role="kurator",
                                             organisation="BUP", attendance=Attendance.present)])


def plan_one(demo) -> Plan:
    """Through the lifecycle: held on the booked date; 1 done, 1 ongoing, 1 not done, 1 not assessed;
    delmål 1 achieved and rated better, delmål 2 still active and rated as before."""
    plan = demo.model_copy(deep=True, update={"id": "outcome00001"})
    g1 = Goal(text="Elsa kommer till skolan", measures=[Measure(what="Morgonstöd", responsible=SCHOOL),
                                                         Measure(what="Samtal", responsible=REGION)])
    g2 = Goal(text="Elsa sover bättre", measures=[Measure(what="Sömnskola", responsible=SCHOOL)])
    plan.meetings = [first_meeting(D0, dt.date(2022, 4, 1), [g1, g2])]
    plan.meetings[0].third_party_measures = [Measure(what="Fritid", third_party=True)]
    fu = life.start_follow_up(plan, dt.date(2022, 3, 25))
    assert fu.date == dt.date(2022, 4, 1)
    a, b = fu.goals
    life.set_measure_status(plan, fu.id, a.measures[0].id, MeasureStatus.done)
    life.set_measure_status(plan, fu.id, a.measures[1].id, MeasureStatus.ongoing)
    life.set_measure_status(plan, fu.id, b.measures[0].id, MeasureStatus.not_done)
    life.end_goal(plan, fu.id, a.id, GoalStatus.achieved)
    life.set_goal_rating(plan, fu.id, a.id, GoalRating.better, "Jag går till skolan nästan varje dag")
    life.set_goal_rating(plan, fu.id, b.id, GoalRating.same)
    fu.participants[1].attendance = Attendance.no_show  # BUP did not come
    fu.participants[0].attendance = Attendance.present
    life.finish_meeting(plan, fu.id, dt.date(2022, 4, 1))
    drafts = life.deviation_drafts(plan, fu, dt.date(2022, 4, 1))
    assert sorted(d.kind for d in drafts) == [DeviationKind.measure_not_done, DeviationKind.party_absent]
    life.keep_deviations(plan, drafts)
    with pytest.raises(life.LifecycleError):  # the held meeting is history
        life.set_goal_rating(plan, fu.id, b.id, GoalRating.worse)
    return plan


def plan_two() -> Plan:
    """Seven days late: one done; delmål achieved (better) and ended (worse); a kept disagreement
    without a party kind and a dropped draft that must not count."""
    goals = [Goal(text="A", status=GoalStatus.achieved, person_rating=GoalRating.better,
                  measures=[Measure(what="x", status=MeasureStatus.done)]),
             Goal(text="B", status=GoalStatus.ended, person_rating=GoalRating.worse)]
    first = first_meeting(dt.date(2022, 3, 5), dt.date(2022, 4, 5), [])
    fu = Meeting(kind=MeetingKind.follow_up, status=MeetingStatus.held, date=dt.date(2022, 4, 12), goals=goals,
                 previous_meeting_id=first.id)
    devs = [Deviation(kind=DeviationKind.disagreement, party="Skolan och BUP", meeting_id=fu.id),
            Deviation(kind=DeviationKind.party_absent, party="X", org_kind=OrgKind.school, meeting_id=fu.id,
                      status=DeviationStatus.draft)]
    return Plan(id="outcome00002", person=Person(name="Två"), meetings=[first, fu], deviations=devs)


def plan_three() -> Plan:
    """Ten days late, one active delmål without a rating, one done insats."""
    first = first_meeting(dt.date(2022, 3, 10), dt.date(2022, 4, 10), [])
    fu = Meeting(kind=MeetingKind.follow_up, status=MeetingStatus.held, date=dt.date(2022, 4, 20),
                 previous_meeting_id=first.id,
                 goals=[Goal(text="C", measures=[Measure(what="y", status=MeasureStatus.done)])])
    return Plan(id="outcome00003", person=Person(name="Tre"), meetings=[first, fu])


def plan_four() -> Plan:
    """No date was booked at the first meeting; held two days early at a second follow-up."""
    first = first_meeting(dt.date(2022, 3, 12), None, [])
    fu1 = Meeting(kind=MeetingKind.follow_up, status=MeetingStatus.held, date=dt.date(2022, 4, 2),
                  previous_meeting_id=first.id, follow_up=FollowUpBooking(date=dt.date(2022, 5, 4)))
    fu2 = Meeting(kind=MeetingKind.follow_up, status=MeetingStatus.held, date=dt.date(2022, 5, 2),
                  previous_meeting_id=fu1.id)
    return Plan(id="outcome00004", person=Person(name="Fyra"), meetings=[first, fu1, fu2])


EXPECTED = {
    "follow_ups": 5,
    "measure_status": {"done": 3, "ongoing": 1, "not_done": 1, "unset": 1},
    "goal_status": {"achieved": 2, "active": 2, "ended": 1},
    "goal_rating": {"better": 2, "same": 1, "worse": 1, "unset": 1},
    "booked_known": 4, "on_booked_date": 1, "late": 2, "late_days": 17, "early": 1,
    "deviations": {"measure_not_done": {"school": 1}, "party_absent": {"regional_health": 1},
                   "disagreement": {"unspecified": 1}},
}


def save(home, plans) -> None:
    with Register(home) as reg:
        for p in plans:
            reg.save(p)


@pytest.fixture
def plans(demo):
    return [plan_one(demo), plan_two(), plan_three(), plan_four()]


def test_every_outcome_figure(plans, home, capsys):
    save(home, plans)
    code, out, err = run(capsys, "--home", str(home), "stats", "--from", "2022-03-01", "--to", "2022-05-31",
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)["figures"]["follow_up"] == EXPECTED
    code, out, _ = run(capsys, "--home", str(home), "stats", "--from", "2022-03-01", "--to", "2022-05-31")
    rows = out.split("Utfall vid uppföljningsmöten\n")[1].split("\n\n")[0].splitlines()
    shown = [" ".join(r.split()) for r in rows]
    for line in ["Genomförda uppföljningsmöten 5", "Insatser som följdes upp 6", "Genomförd 3 50 %",
                 "Pågår 1 17 %", "Inte genomförd 1 17 %", "Ej bedömt 1 17 %",
                 "Delmål som följdes upp 5", "Uppnådda 2 40 %", "Pågår fortfarande 2 40 %",
                 "Avslutade utan att uppnås 1 20 %", "Bättre 2 40 %", "Som förut 1 20 %", "Sämre 1 20 %",
                 "Uppföljningar med känt bokat datum 4 80 %", "Hölls på det bokade datumet 1 25 %",
                 "Hölls senare än bokat 2 50 %", "Dagar för sent i snitt 8,5 dagar", "Hölls tidigare än bokat 1 25 %",
                 "Avvikelser (per slag och part) 3", "Parterna är inte överens 1", "Ej angivet 1",
                 "Kallad part kom inte 1", "Regional hälso- och sjukvård 1"]:
        assert line in shown, (line, shown)
    assert "Jag går till skolan" not in out  # the person's words stay in the plan


def test_outcomes_add_up_after_a_merge(plans, tmp_path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    save(a, plans[:2])
    save(b, plans[2:])
    for home, name, label in ((a, "a.json", "Enhet A"), (b, "b.json", "Enhet B")):
        code, _, err = run(capsys, "--home", str(home), "stats", "--from", "2022-03-01", "--to", "2022-05-31",
                           "--export", str(tmp_path / name), "--source", label)
        assert code == 0, err
    code, out, err = run(capsys, "stats", "--merge", str(tmp_path / "a.json"), str(tmp_path / "b.json"),
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)["figures"]["follow_up"] == EXPECTED


def test_overlapping_periods_from_one_source_are_refused(plans, home, tmp_path, capsys):
    save(home, plans)
    exports = {}
    for name, start, end, label in (("mars", "2022-03-01", "2022-03-31", "Strandskolan"),
                                    ("mars-april", "2022-03-15", "2022-04-30", " strandskolan "),
                                    ("april", "2022-04-01", "2022-04-30", "Strandskolan"),
                                    ("annan", "2022-03-01", "2022-04-30", "Björkskolan")):
        exports[name] = tmp_path / f"{name}.json"
        code, _, err = run(capsys, "--home", str(home), "stats", "--from", start, "--to", end,
                           "--export", str(exports[name]), "--source", label)
        assert code == 0, err
    code, out, err = run(capsys, "stats", "--merge", str(exports["mars"]), str(exports["mars-april"]))
    assert code == 2 and out == ""
    assert "överlappar" in err and str(exports["mars"]) in err and str(exports["mars-april"]) in err
    assert "Strandskolan, 2022-03-01 – 2022-03-31" in err and "Traceback" not in err
    # back to back from one source, and another source over the same months, are fine
    code, out, err = run(capsys, "stats", "--merge", str(exports["mars"]), str(exports["april"]),
                         str(exports["annan"]))
    assert code == 0, err
    assert "Slog samman 3 källor:" in err
    listed = [ln.strip().split(" (export-id ")[0] for ln in err.splitlines() if "export-id" in ln]
    assert listed == ["Strandskolan, 2022-03-01 – 2022-03-31", "Strandskolan, 2022-04-01 – 2022-04-30",
                      "Björkskolan, 2022-03-01 – 2022-04-30"]
    # a merged file carries its sources: merging it with one of its parts is refused
    merged = tmp_path / "merged.json"
    run(capsys, "stats", "--merge", str(exports["mars"]), str(exports["annan"]), "--export", str(merged))
    code, out, err = run(capsys, "stats", "--merge", str(merged), str(exports["annan"]))
    assert code == 2 and "samma export" in err
    code, out, err = run(capsys, "stats", "--merge", str(merged), str(exports["april"]), "--format", "json")
    assert code == 0 and len(json.loads(out)["sources"]) == 3


def test_the_same_export_twice_is_refused(plans, home, tmp_path, capsys):
    save(home, plans)
    one = tmp_path / "one.json"
    run(capsys, "--home", str(home), "stats", "--export", str(one), "--source", "Strandskolan")
    copy = tmp_path / "kopia.json"
    copy.write_bytes(one.read_bytes())
    code, out, err = run(capsys, "stats", "--merge", str(one), str(copy))
    assert code == 2 and out == ""
    assert f"Filen {copy} innehåller samma export som {one}" in err
    assert json.loads(one.read_text())["sources"][0]["label"] == "Strandskolan"
    assert len(json.loads(one.read_text())["sources"][0]["export_id"]) == 16
