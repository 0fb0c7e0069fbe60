"""Capturing what the documents print: the child's words per delmål and insats,
"godkänner planen" per participant (headless edits, the same ones the meeting
screen applies), and the JSON import path carrying the new fields to the register."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from sipmote.cli import main
from sipmote.export import DocKind, export
from sipmote.export.samples import in_her_words, signoff_plan
from sipmote.lifecycle import LifecycleError, edits
from sipmote.model import Attendance, MeetingStatus
from sipmote.store import Register


@pytest.fixture
def plan(today):
    return signoff_plan(today, measures=4)


def test_child_words_for_goals_and_measures(plan):
    m = plan.meetings[-1]
    goal, measure, third = m.goals[0], m.goals[0].measures[0], m.third_party_measures[0]
    edits.set_child_words(plan, m, f"goal:{goal.id}", "  Jag går till skolan.  ")
    edits.set_child_words(plan, m, f"measure:{goal.id}:{measure.id}", "Omar hjälper mig.")
    edits.set_child_words(plan, m, f"third:{third.id}", "Någon tar reda på pengar.")
    assert (goal.child_words, measure.child_words, third.child_words) == (
        "Jag går till skolan.", "Omar hjälper mig.", "Någon tar reda på pengar.")
    with pytest.raises(LifecycleError):
        edits.set_child_words(plan, m, f"own:{m.own_actions[0].id}", "x")  # already the child's own
    # a measure form that has the field sets it; one that has not leaves it alone
    data = edits.measure_data({"what": measure.what, "child_words": " Omar och jag pratar. "}, third=False)
    edits.update_measure(plan, m, measure.id, data)
    assert measure.child_words == "Omar och jag pratar."
    edits.update_measure(plan, m, measure.id, edits.measure_data({"what": "Mentorssamtal"}, third=False))
    assert measure.child_words == "Omar och jag pratar."


def test_agreement_oral_for_remote_signature_for_present(plan):
    m = plan.meetings[-1]
    johan = next(p for p in m.participants if p.name == "Johan Lindqvist")
    anna = next(p for p in m.participants if p.name == "Anna Berg")
    assert johan.attendance == Attendance.remote
    edits.record_agreement(plan, m, johan.id, True, dt.time(14, 22, 37), " Karin Ek ")
    assert johan.agreement is not None
    assert (johan.agreement.agrees, johan.agreement.oral, johan.agreement.at, johan.agreement.noted_by) == (
        True, True, dt.time(14, 22), "Karin Ek")
    edits.record_agreement(plan, m, anna.id, False, dt.time(14, 25), "Karin Ek")
    assert anna.agreement is not None and not anna.agreement.oral and not anna.agreement.agrees
    edits.record_agreement(plan, m, anna.id, None, dt.time(14, 26), "Karin Ek")
    assert anna.agreement is None
    m.status = MeetingStatus.held  # the record is frozen once the meeting is held
    with pytest.raises(LifecycleError):
        edits.record_agreement(plan, m, anna.id, True, dt.time(15, 0), "Karin Ek")


def test_json_import_carries_the_new_fields_to_the_documents(tmp_path, home, today):
    plan = in_her_words(signoff_plan(today, measures=4))
    src = tmp_path / "plan.json"
    src.write_text(plan.model_dump_json(), encoding="utf-8")
    assert main(["import", str(src)]) == 0
    with Register(home) as reg:
        stored = reg.load(plan.id)
    m = stored.meetings[-1]
    assert m.reply_to.email == "anna.berg@exempelstad.se" and m.end_time == dt.time(14, 30)
    assert m.goals[0].child_words == "Jag går till skolan minst fyra dagar i veckan."
    out = tmp_path / "sip.docx"
    export(DocKind.sip, stored, m, docx=out, today=today)
    cells = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "Godkände planen muntligt kl. 14:22 (på distans). Antecknat av Karin Ek." in cells


def test_preparation_captures_the_kallelse_fields(today):
    from sipmote.lifecycle import Preparation, apply_preparation

    plan = signoff_plan(today)
    plan.meetings[-1].status = MeetingStatus.planned
    prep = Preparation.of(plan)
    prep.date = (today + dt.timedelta(days=21)).isoformat()
    prep.end_time = "14.30"
    prep.video_link = " https://video.exempelstad.se/m/1 "
    prep.reply_name, prep.reply_phone, prep.reply_email = "Anna Berg", "08-123 45 67", "anna@exempelstad.se"
    prep.reply_by = (today + dt.timedelta(days=10)).isoformat()
    check = apply_preparation(plan, prep, today)
    assert check.ok, check.errors
    m = plan.meetings[-1]
    assert m.end_time == dt.time(14, 30) and m.video_link == "https://video.exempelstad.se/m/1"
    assert (m.reply_to.name, m.reply_to.phone, m.reply_to.email) == ("Anna Berg", "08-123 45 67",
                                                                      "anna@exempelstad.se")
    assert m.reply_to.organisation == "Strandskolan" and m.reply_by == today + dt.timedelta(days=10)
    again = Preparation.of(plan)  # the form shows them again
    assert (again.end_time, again.reply_phone, again.reply_by) == ("14:30", "08-123 45 67", prep.reply_by)
    prep.end_time = "12:00"  # before the start
    prep.reply_by = prep.date  # the meeting day itself
    errors = apply_preparation(plan, prep, today).errors
    assert "Sluttiden måste vara efter starttiden." in errors
    assert "Svarsdagen måste vara före mötesdagen." in errors
