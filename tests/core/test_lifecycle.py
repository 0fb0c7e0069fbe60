"""The plan's whole life, headless: preparation, follow-up, closing, deviations,
consent and evaluation, checked through the stored register where it matters."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from sipmote import lifecycle as life
from sipmote import personnummer as pnr
from sipmote.i18n import set_language
from sipmote.model import (
    Attendance,
    CloseReason,
    DeviationKind,
    Goal,
    GoalStatus,
    Measure,
    MeasureStatus,
    MeetingKind,
    MeetingStatus,
    Need,
    OrgKind,
    PlanStatus,
    Responsible,
)
from sipmote.store import Register

PNR = pnr.make_test_number(dt.date(2012, 5, 17), serial="123")


def held_plan(today=TODAY):
    """The demo plan after its first meeting: two goals, three measures, a booking."""
    from sipmote.demo import demo_plan

    plan = demo_plan(today)
    m = plan.meetings[0]
    m.goals = [
        Goal(id="goal00000001", text="Elsa är i skolan varje förmiddag", measures=[
            Measure(id="meas00000001", what="Anpassad skolstart kl 10",
                    responsible=Responsible(org_kind=OrgKind.school, organisation="Strandskolan")),
            Measure(id="meas00000002", what="Samtal om oro varannan vecka",
                    responsible=Responsible(org_kind=OrgKind.regional_health, organisation="BUP Exempelstad")),
        ]),
        Goal(id="goal00000002", text="Elsa sover före kl 23", status=GoalStatus.achieved),
    ]
    m.third_party_measures = [Measure(id="meas00000003", what="Fritidsaktivitet", third_party=True)]
    m.follow_up.date = today + dt.timedelta(days=42)
    m.follow_up.place = "Strandskolan"
    m.status = MeetingStatus.held
    plan.status = PlanStatus.active
    return plan


@pytest.fixture
def reg(home):
    r = Register(home).open()
    yield r
    r.close()


# --------------------------------------------------------------------------- create and prepare


def test_create_plan_rejects_a_bad_personnummer_in_swedish():
    with pytest.raises(life.LifecycleError, match="kontrollsiffra"):
        life.create_plan("Elsa", "20120517-1230" if not PNR.endswith("0") else "20120517-1231", today=TODAY)
    with pytest.raises(life.LifecycleError, match="Namn måste anges"):
        life.create_plan("   ")
    plan = life.create_plan(" Elsa ", PNR.replace("-", ""), plan_id="p1", today=TODAY)
    assert (plan.id, plan.person.name, plan.person.personnummer, plan.status) == ("p1", "Elsa", PNR, PlanStatus.draft)


def _prep(**over):
    base = {
        "name": "Elsa Lindqvist", "personnummer": PNR, "guardians": [("Maria Lindqvist", "070-1")],
        "long_term_goal": "Jag vill gå i skolan", "questions": ["Hur kommer Elsa tillbaka?", " "],
        "participants": [life.make_participant("Anna Berg", OrgKind.school, "Strandskolan", "rektor")],
        "consents": [life.make_consent("Maria Lindqvist", "2026-02-01", "2026-12-31", today=TODAY)],
        "date": "2026-03-16", "time": "13.00", "place": "Strandskolan", "invitation_sent": "2026-03-02",
    }
    base.update(over)
    return life.Preparation(**base)


def test_preparation_is_written_to_the_plan_and_the_person_is_invited_first():
    plan = life.create_plan("Elsa", plan_id="p1")
    check = life.apply_preparation(plan, _prep(), TODAY)
    assert check.ok, check.errors
    m = plan.latest_meeting
    assert (m.kind, m.status, m.date, m.time) == (MeetingKind.new, MeetingStatus.planned,
                                                 dt.date(2026, 3, 16), dt.time(13, 0))
    assert [p.name for p in m.participants] == ["Elsa Lindqvist", "Anna Berg"]
    assert m.participants[0].is_person
    assert [q.text for q in plan.questions] == ["Hur kommer Elsa tillbaka?"]
    assert plan.guardians[0].phone == "070-1"
    # applying again edits the same planned meeting, it does not add one
    life.apply_preparation(plan, _prep(place="Rum 2"), TODAY)
    assert len(plan.meetings) == 1 and plan.latest_meeting.place == "Rum 2"
    assert life.Preparation.of(plan).place == "Rum 2"


def test_preparation_sets_further_main_goal_categories():
    from sipmote.model import GoalCategory as G

    plan = life.create_plan("Elsa", plan_id="p1")
    life.apply_preparation(plan, _prep(goal_category=G.safe_home,
                                       more_goal_categories=[G.school_absence, G.safe_home, G.school_absence]),
                           TODAY)
    assert (plan.goal_category, plan.more_goal_categories) == (G.safe_home, [G.school_absence])
    assert life.Preparation.of(plan).more_goal_categories == [G.school_absence]
    # the former further category becomes the primary: it is not kept twice
    life.apply_preparation(plan, _prep(goal_category=G.school_absence, more_goal_categories=[G.school_absence]),
                           TODAY)
    assert (plan.goal_category, plan.more_goal_categories) == (G.school_absence, [])
    # no primary chosen: the first further category is the primary
    life.apply_preparation(plan, _prep(goal_category=None, more_goal_categories=[G.checkin, G.behaviour]), TODAY)
    assert plan.goal_categories == [G.checkin, G.behaviour]


@pytest.mark.parametrize("over, message", [
    ({"personnummer": "20121317-1234"}, "Personnummer: Personnumret innehåller inget giltigt datum"),
    ({"personnummer": "123"}, "10 eller 12 siffror"),
    ({"date": "16 mars"}, "Mötesdatum: Ogiltigt datum: ”16 mars”. Skriv ÅÅÅÅ-MM-DD."),
    ({"date": "2026-02-30"}, "Ogiltigt datum"),
    ({"time": "25:00"}, "Ogiltig tid"),
    ({"date": "2027-03-16"}, "Inget giltigt samtycke gäller mötesdagen 2027-03-16"),
    ({"invitation_sent": "2026-03-20"}, "Kallelsen kan inte skickas efter mötesdagen"),
    ({"name": " "}, "Namn måste anges"),
])
def test_preparation_errors_are_clear_swedish_and_change_nothing(over, message):
    plan = life.create_plan("Elsa", plan_id="p1")
    before = plan.model_dump()
    check = life.apply_preparation(plan, _prep(**over), TODAY)
    assert not check.ok
    assert any(message in e for e in check.errors), check.errors
    assert plan.model_dump() == before


def test_preparation_warnings_do_not_block():
    check = life.check_preparation(_prep(long_term_goal="", questions=[], date="2026-04-30"), TODAY)
    assert check.ok
    text = " ".join(check.warnings)
    assert "långsiktiga målet" in text and "frågeställningar" in text and "tre veckor" in text


def test_consent_period_must_be_in_order_and_dates_valid():
    with pytest.raises(life.LifecycleError, match="slutdatum ligger före startdatum"):
        life.make_consent("Maria", "2026-05-01", "2026-04-01")
    with pytest.raises(life.LifecycleError, match="Gäller från måste anges"):
        life.make_consent("Maria", "")
    with pytest.raises(life.LifecycleError, match="vem som lämnat"):
        life.make_consent("", "2026-05-01")
    c = life.make_consent("Maria", "20260501", parties="Skolan, BUP ,")
    assert c.parties == ["Skolan", "BUP"] and c.valid_to is None


def test_messages_follow_the_language():
    set_language("en")
    check = life.check_preparation(_prep(date="2027-03-16"), TODAY)
    assert any("No valid consent covers the meeting day" in e for e in check.errors)


# --------------------------------------------------------------------------- follow-up


def test_follow_up_copies_goals_forward_and_leaves_the_earlier_meeting_unchanged(reg):
    plan = held_plan()
    reg.save(plan)
    first_before = plan.meetings[0].model_dump()
    fu = life.start_follow_up(plan, TODAY)
    assert (fu.kind, fu.kva, fu.agenda_id) == (MeetingKind.follow_up, "AW010", "uppfoljning")
    assert fu.previous_meeting_id == plan.meetings[0].id
    assert fu.date == TODAY + dt.timedelta(days=42) and fu.place == "Strandskolan"
    assert [g.text for g in fu.goals] == ["Elsa är i skolan varje förmiddag"]  # achieved goal stays behind
    assert all(p.attendance == Attendance.invited and not p.has_spoken for p in fu.participants)
    life.set_measure_status(plan, fu.id, "meas00000001", MeasureStatus.done, "Närvaron ökade till 80 %")
    life.set_measure_status(plan, fu.id, "meas00000003", MeasureStatus.not_done)
    life.revise_goal(plan, fu.id, "goal00000001", "Elsa är i skolan hela dagar")
    life.add_goal(plan, fu.id, "Elsa träffar en kompis i veckan")
    reg.save(plan)
    stored = reg.load(plan.id)
    assert stored.meetings[0].model_dump() == first_before
    assert stored.meetings[0].goals[0].measures[0].status is None
    new = stored.meetings[1]
    assert new.goals[0].text == "Elsa är i skolan hela dagar"
    assert new.goals[0].measures[0].effect == "Närvaron ökade till 80 %"
    assert life.earlier_measure(stored, new, "meas00000001").what == "Anpassad skolstart kl 10"
    assert [g.text for g in new.goals][-1] == "Elsa träffar en kompis i veckan"
    # a second call returns the planned follow-up instead of stacking another
    assert life.start_follow_up(stored, TODAY).id == new.id and len(stored.meetings) == 2


def test_follow_up_needs_a_held_meeting_and_held_meetings_are_history():
    from sipmote.demo import demo_plan

    with pytest.raises(life.LifecycleError, match="inget genomfört möte"):
        life.start_follow_up(demo_plan(TODAY), TODAY)
    plan = held_plan()
    with pytest.raises(life.LifecycleError, match="ändras inte i efterhand"):
        life.set_measure_status(plan, plan.meetings[0].id, "meas00000001", MeasureStatus.done)
    fu = life.start_follow_up(plan, TODAY)
    with pytest.raises(life.LifecycleError, match="Delmålet måste ha en text"):
        life.add_goal(plan, fu.id, "  ")
    life.end_goal(plan, fu.id, "goal00000001", GoalStatus.achieved, "Klart")
    assert fu.goals[0].status == GoalStatus.achieved and fu.goals[0].status_note == "Klart"


# --------------------------------------------------------------------------- closing


def test_closing_makes_the_plan_read_only_until_reopened_with_a_reason(reg):
    plan = held_plan()
    fu = life.start_follow_up(plan, TODAY)
    with pytest.raises(life.LifecycleError, match="informerats"):
        life.close_plan(plan, CloseReason.goals_met, TODAY, [], "Skolkuratorn")
    with pytest.raises(life.LifecycleError, match="vända sig"):
        life.close_plan(plan, CloseReason.goals_met, TODAY, "Elsa, Maria", " ")
    with pytest.raises(life.LifecycleError, match="Ogiltigt datum"):
        life.close_plan(plan, CloseReason.goals_met, "igår", "Elsa", "Skolkuratorn")
    life.close_plan(plan, CloseReason.goals_met, "2026-03-02", "Elsa, Maria\nBUP", "Skolkuratorn Karin Ek")
    reg.save(plan)
    stored = reg.load(plan.id)
    assert stored.status == PlanStatus.closed
    assert stored.closure.informed == ["Elsa", "Maria", "BUP"]
    assert stored.meetings[-1].status == MeetingStatus.cancelled  # the planned follow-up
    summary = next(s for s in reg.summaries() if s.id == plan.id)
    assert summary.status == "closed" and life.due_state(summary.next_meeting, summary.status, TODAY) is None
    for attempt in (
        lambda: life.set_measure_status(stored, fu.id, "meas00000001", MeasureStatus.done),
        lambda: life.add_goal(stored, fu.id, "x"),
        lambda: life.start_follow_up(stored, TODAY),
        lambda: life.add_evaluation(stored, fu.id, "55555"),
        lambda: life.close_plan(stored, CloseReason.goals_met, TODAY, "x", "y"),
        lambda: life.apply_preparation(stored, _prep(), TODAY),
    ):
        with pytest.raises(life.PlanClosedError, match="avslutad och kan inte ändras"):
            attempt()
    assert not life.can_start_meeting(stored, TODAY).ok
    with pytest.raises(life.LifecycleError, match="varför"):
        life.reopen_plan(stored, " ", TODAY)
    life.reopen_plan(stored, "Elsas frånvaro har ökat igen", TODAY + dt.timedelta(days=30))
    reg.save(stored)
    again = reg.load(plan.id)
    assert again.status == PlanStatus.active and again.closure is None
    assert again.reopenings[0].previous.reason == CloseReason.goals_met
    assert again.reopenings[0].reason == "Elsas frånvaro har ökat igen"
    assert any("Återöppnad" in line for line in life.history(again))
    with pytest.raises(life.LifecycleError, match="inte avslutad"):
        life.reopen_plan(again, "x", TODAY)


# --------------------------------------------------------------------------- deviations


def test_deviation_drafts_from_no_show_measure_not_done_and_disagreement():
    plan = held_plan()
    fu = life.start_follow_up(plan, TODAY)
    lars = next(p for p in fu.participants if p.name == "Lars Holm")
    lars.attendance = Attendance.no_show
    life.set_measure_status(plan, fu.id, "meas00000002", MeasureStatus.not_done)
    fu.needs.append(Need(text="Behov av utredning", disagreement=True, parties="Skolan och BUP"))
    drafts = life.deviation_drafts(plan, fu, TODAY)
    kinds = [(d.kind, d.party) for d in drafts]
    assert kinds == [
        (DeviationKind.party_absent, "Lars Holm (BUP Exempelstad)"),
        (DeviationKind.measure_not_done, "BUP Exempelstad"),
        (DeviationKind.disagreement, "Skolan och BUP"),
    ]
    assert "kom inte till mötet" in drafts[0].text and "Psykolog" in drafts[0].text
    assert all(d.status.value == "draft" for d in drafts)
    # the leader keeps the first and drops the rest
    kept = life.keep_deviations(plan, [drafts[0]])
    assert [d.status.value for d in plan.deviations] == ["kept"] and kept[0].meeting_id == fu.id
    again = life.deviation_drafts(plan, fu, TODAY)
    assert [d.kind for d in again] == [DeviationKind.measure_not_done, DeviationKind.disagreement]


def test_a_not_done_measure_at_a_first_meeting_is_no_deviation():
    plan = held_plan()
    m = plan.meetings[0]
    m.goals[0].measures[0].status = MeasureStatus.not_done
    assert life.deviation_drafts(plan, m, TODAY) == []


# --------------------------------------------------------------------------- consent


def test_withdrawn_consent_stops_new_meetings_and_offers_closing(reg):
    plan = held_plan()
    assert life.can_start_meeting(plan, TODAY).ok
    life.withdraw_consent(plan, plan.consents[0].id, TODAY)  # the guardians' (issue 12, item 15)
    reg.save(plan)
    stored = reg.load(plan.id)
    gate = life.can_start_meeting(stored, TODAY)
    assert not gate.ok and gate.offer_close and "återkallat (Maria Lindqvist och Johan Lindqvist)" in gate.reason
    with pytest.raises(life.LifecycleError, match="återkallat"):
        life.start_follow_up(stored, TODAY)
    life.close_plan(stored, CloseReason.consent_withdrawn, TODAY, "Alla parter", "Skolkuratorn")
    assert stored.status == PlanStatus.closed


def test_consent_not_covering_the_day_is_a_warning_when_starting():
    plan = held_plan()
    gate = life.can_start_meeting(plan, TODAY + dt.timedelta(days=400))
    assert gate.ok and any("Inget giltigt samtycke" in w for w in gate.warnings)


# --------------------------------------------------------------------------- evaluation


@pytest.mark.parametrize("text, answers", [
    ("54-35", [5, 4, None, 3, 5]), ("5 4 - 3 5", [5, 4, None, 3, 5]), ("5,4,,3,5", [5, 4, None, 3, 5]),
])
def test_evaluation_answers_are_parsed(text, answers):
    assert life.parse_answers(text) == answers


@pytest.mark.parametrize("text, message", [("5443", "4 svar angavs"), ("54436", "1–5"), ("5a435", "1–5")])
def test_bad_evaluation_answers_get_a_clear_message(text, message):
    with pytest.raises(life.LifecycleError, match=message):
        life.parse_answers(text)


def test_evaluation_is_stored_anonymously_and_averaged(reg):
    plan = held_plan()
    mid = plan.meetings[0].id
    life.add_evaluation(plan, mid, "55544", OrgKind.school)
    life.add_evaluation(plan, mid, [3, None, 4, 4, 2], OrgKind.family)
    with pytest.raises(life.LifecycleError, match="Inga svar"):
        life.add_evaluation(plan, mid, "-----")
    reg.save(plan)
    m = reg.load(plan.id).meetings[0]
    assert [e.participant_id for e in m.evaluations] == [None, None]
    assert life.evaluation_means(m) == [4.0, 5.0, 4.5, 4.0, 3.0]


# --------------------------------------------------------------------------- the register's view


def test_due_state_with_a_fake_today():
    assert life.due_state("2026-03-01", "active", TODAY) == "overdue"
    assert life.due_state("2026-03-02", "active", TODAY) == "soon"
    assert life.due_state("2026-03-16", "active", TODAY) == "soon"
    assert life.due_state("2026-03-17", "active", TODAY) is None
    assert life.due_state("2026-03-01", "closed", TODAY) is None
    assert life.due_state(None, "active", TODAY) is None


def test_search_is_accent_and_case_insensitive_and_due_plans_come_first():
    from sipmote.store.register import PlanSummary

    def s(pid, name, status="active", nxt=None):
        return PlanSummary(pid, name, None, status, None, nxt, "2026-01-01T00:00:00")

    rows = [s("a", "Åsa Öberg", nxt="2026-06-01"), s("b", "Elsa Lindqvist", nxt="2026-03-10"),
            s("c", "Omar Ali", "closed", "2026-01-01"), s("d", "Ebba Ek", nxt="2026-02-01"),
            s("e", "Liam Berg", "draft")]
    assert [r.id for r in life.filter_summaries(rows, today=TODAY)] == ["d", "b", "a", "e", "c"]
    assert [r.id for r in life.filter_summaries(rows, "asa", today=TODAY)] == ["a"]
    assert [r.id for r in life.filter_summaries(rows, "LINDQ elsa", today=TODAY)] == ["b"]
    assert [r.id for r in life.filter_summaries(rows, status="closed", today=TODAY)] == ["c"]
    assert life.filter_summaries(rows, "zz", today=TODAY) == []


def test_a_running_meeting_locks_the_preparation_until_it_is_held():
    from sipmote.demo import demo_plan

    plan = demo_plan(TODAY)
    plan.meetings[0].status = MeetingStatus.running
    with pytest.raises(life.LifecycleError, match="förberedelsen är låst"):
        life.apply_preparation(plan, life.Preparation.of(plan), TODAY)
    assert len(plan.meetings) == 1
    life.finish_meeting(plan, plan.meetings[0].id, TODAY)
    assert plan.meetings[0].status == MeetingStatus.held and life.unfinished_meeting(plan) is None
    check = life.apply_preparation(plan, life.Preparation.of(plan), TODAY)  # now: prepares the follow-up
    assert check.ok and plan.latest_meeting.kind == MeetingKind.follow_up


def test_the_lifecycle_domain_runs_headless():
    import subprocess
    import sys

    code = ("import sys, sipmote.lifecycle as l; [getattr(l, n) for n in l.__all__]; import sipmote.lifecycle.edits; "
            "print(sorted(m for m in ('textual', 'docx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_public_name_is_reachable_from_the_package():
    """The package loads its modules on first use; every listed name resolves to its home."""
    import importlib

    for name in life.__all__:
        home = importlib.import_module(life._HOMES[name])
        assert getattr(life, name) is getattr(home, name), name
    with pytest.raises(AttributeError):
        _ = life.no_such_name
    # the names mypy sees (imported under TYPE_CHECKING) are the names served, from the same homes
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(life))
    block = next(n for n in tree.body if isinstance(n, ast.If))
    typed = {a.name: n.module for n in block.body if isinstance(n, ast.ImportFrom) for a in n.names}
    assert typed == life._HOMES
