"""lifecycle.edits: every edit of a meeting keeps the rules (headless)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from sipmote import lifecycle
from sipmote.demo import demo_plan
from sipmote.lifecycle import LifecycleError, PlanClosedError, edits
from sipmote.model import Attendance, CloseReason, ConvenedBy, MeasureStatus, MeetingStatus, Participant, Responsible


def _plan():
    """The demo plan's meeting with its phases, a need, a goal with a measure and a question."""
    from sipmote.agenda import init_phases, load_agenda
    from sipmote.model import Question

    plan = demo_plan(TODAY)
    meeting = plan.latest_meeting
    init_phases(meeting, load_agenda(meeting.agenda_id))
    edits.add_need(plan, meeting, "Sömnen", [], False, "")
    goal = edits.add_goal(plan, meeting, "Elsa går till skolan")
    edits.add_measure(plan, meeting, goal.id, edits.measure_data({"what": "Samtal"}, third=False))
    if not plan.questions:
        plan.questions.append(Question(text="Hur kommer Elsa till skolan?"))
    return plan, meeting


def _every_edit(plan, meeting):
    """(name, call) for every edit function, with arguments that would succeed on an open meeting."""
    p = meeting.participants[0]
    goal = meeting.goals[0]
    m = goal.measures[0]
    need_id = meeting.needs[0].id if meeting.needs else "x"
    data = edits.measure_data({"what": "Läxhjälp", "organisation": "Skolan"}, third=False)
    return [
        ("set_attendance", lambda: edits.set_attendance(plan, meeting, p.id, Attendance.present)),
        ("all_present", lambda: edits.all_present(plan, meeting)),
        ("add_participant", lambda: edits.add_participant(plan, meeting, Participant(name="Ny"))),
        ("give_word", lambda: edits.give_word(plan, meeting, p.id)),
        ("end_turn", lambda: edits.end_turn(plan, meeting)),
        ("set_spoken", lambda: edits.set_spoken(plan, meeting, p.id, True)),
        ("set_speaker_notes", lambda: edits.set_speaker_notes(plan, meeting, p.id, "Bra")),
        ("set_long_term_goal", lambda: edits.set_long_term_goal(plan, meeting, "Mål")),
        ("set_situation", lambda: edits.set_situation(plan, meeting, "Nuläge")),
        ("set_roles", lambda: edits.set_roles(plan, meeting, "Anna", "Karin", ConvenedBy(organisation="Skolan"))),
        ("add_need", lambda: edits.add_need(plan, meeting, "Behov", [], False, "")),
        ("update_need", lambda: edits.update_need(plan, meeting, need_id, "Behov", None, False, "")),
        ("toggle_disagreement", lambda: edits.toggle_disagreement(plan, meeting, need_id)),
        ("remove_need", lambda: edits.remove_need(plan, meeting, need_id)),
        ("add_goal", lambda: edits.add_goal(plan, meeting, "Delmål")),
        ("set_item_text", lambda: edits.set_item_text(plan, meeting, f"goal:{goal.id}", "Nytt")),
        ("remove_item", lambda: edits.remove_item(plan, meeting, f"measure:{goal.id}:{m.id}")),
        ("add_measure", lambda: edits.add_measure(plan, meeting, goal.id, data)),
        ("update_measure", lambda: edits.update_measure(plan, meeting, m.id, data)),
        ("add_own_action", lambda: edits.add_own_action(plan, meeting, "person", "Packa väskan")),
        ("set_huvudansvarig", lambda: edits.set_huvudansvarig(plan, meeting, Responsible(person="Anna"))),
        ("book_follow_up", lambda: edits.book_follow_up(plan, meeting, TODAY, None, "Rum 2")),
        ("set_measure_status", lambda: edits.set_measure_status(plan, meeting, m.id, MeasureStatus.done)),
        ("set_measure_effect", lambda: edits.set_measure_effect(plan, meeting, m.id, "Bättre")),
        ("set_phase_notes", lambda: edits.set_phase_notes(plan, meeting, meeting.phases[0].key, "Anteckning")),
        ("set_copies", lambda: edits.set_copies(plan, meeting, ["Elsa"])),
        ("set_if_critical", lambda: edits.set_if_critical(plan, meeting, "Ring")),
        ("set_person_agrees", lambda: edits.set_person_agrees(plan, meeting, True)),
    ]


N_EDITS = len(_every_edit(*_plan()))


@pytest.mark.parametrize("i", range(N_EDITS))
def test_every_edit_works_on_an_open_meeting(i):
    plan, meeting = _plan()
    _, call = _every_edit(plan, meeting)[i]
    call()  # the refusals below are not a guard that refuses everything


@pytest.mark.parametrize("i", range(N_EDITS))
def test_every_edit_is_refused_on_a_closed_plan(i):
    plan, meeting = _plan()
    lifecycle.finish_meeting(plan, meeting.id, TODAY)
    lifecycle.close_plan(plan, CloseReason.goals_met, TODAY, informed=["Elsa"], where_to_turn="Skolan")
    meeting.status = MeetingStatus.running  # only the plan's closing refuses here
    name, call = _every_edit(plan, meeting)[i]
    before = plan.model_dump_json()
    with pytest.raises(PlanClosedError) as exc:
        call()
    assert "Planen är avslutad och kan inte ändras" in str(exc.value), name
    assert plan.model_dump_json() == before, f"{name} changed a closed plan"


@pytest.mark.parametrize("i", range(N_EDITS))
def test_every_edit_is_refused_on_a_held_meeting(i):
    plan, meeting = _plan()
    lifecycle.finish_meeting(plan, meeting.id, TODAY)
    name, call = _every_edit(plan, meeting)[i]
    before = plan.model_dump_json()
    with pytest.raises(LifecycleError) as exc:
        call()
    assert "Mötet är genomfört och ändras inte i efterhand" in str(exc.value), name  # mid-sentence: lower case
    assert plan.model_dump_json() == before, f"{name} changed a held meeting"


def test_all_present_marks_only_the_invited():
    plan, meeting = _plan()
    for p in meeting.participants:
        p.attendance = Attendance.invited
    meeting.participants[1].attendance = Attendance.absent_notice
    n = edits.all_present(plan, meeting)
    assert n == len(meeting.participants) - 1
    assert meeting.participants[1].attendance == Attendance.absent_notice
    assert all(p.attendance == Attendance.present for i, p in enumerate(meeting.participants) if i != 1)


def test_give_word_marks_the_previous_speaker_spoken():
    plan, meeting = _plan()
    a, b = meeting.speaking_order()[:2]
    edits.give_word(plan, meeting, a.id)
    edits.give_word(plan, meeting, b.id)
    assert a.has_spoken and meeting.current_speaker_id == b.id


def test_the_last_speaker_has_spoken_when_the_meeting_moves_on():
    """Enter on each speaker, then on to Problematisera: the last one has been heard too,
    so the sign-off checklist does not say they never spoke."""
    plan, meeting = _plan()
    for p in meeting.speaking_order():
        edits.give_word(plan, meeting, p.id)
    last = meeting.speaking_order()[-1]
    assert not last.has_spoken
    assert edits.end_turn(plan, meeting) is last
    assert last.has_spoken and meeting.current_speaker_id is None and meeting.not_yet_spoken() == []


def test_situation_from_notes_per_party_the_person_and_family_first():
    """The nuläge is built per party (issue 12): a heading per party, its speakers under it."""
    from sipmote.model import OrgKind

    _, meeting = _plan()
    order = meeting.speaking_order()
    for p in meeting.participants:
        p.speaker_notes = ""
    person = order[0]
    school = next(p for p in order if p.org_kind == OrgKind.school)
    family = next(p for p in order if p.org_kind == OrgKind.family and not p.is_person)
    school.speaker_notes = "Frånvaron har\nminskat."
    person.speaker_notes = "Jag vill gå i skolan."
    family.speaker_notes = "Morgnarna är svåra."
    lines = edits.situation_from_notes(meeting).splitlines()
    first = person.name.split()[0]
    assert lines[0] == f"{first} och familjen:"
    assert lines[1].strip().startswith(person.name) and lines[1].endswith(": Jag vill gå i skolan.")
    assert lines[2].strip().startswith(family.name) and lines[2].endswith(": Morgnarna är svåra.")
    assert lines[3].startswith("Skola") and school.organisation in lines[3]
    assert lines[4].strip().startswith(school.name) and lines[4].endswith(": Frånvaron har minskat.")
    assert len(lines) == 5


def test_a_measure_ending_before_it_starts_is_refused_in_swedish_and_nothing_changes():
    plan, meeting = _plan()
    goal = meeting.goals[0]
    n = len(goal.measures)
    data = edits.measure_data({"what": "Samtal", "start": dt.date(2026, 4, 1), "until": dt.date(2026, 3, 1)},
                              third=False)
    with pytest.raises(LifecycleError) as exc:
        edits.add_measure(plan, meeting, goal.id, data)
    assert "före" in str(exc.value) or "slut" in str(exc.value)
    assert len(goal.measures) == n


def test_an_empty_goal_text_is_refused():
    plan, meeting = _plan()
    with pytest.raises(LifecycleError):
        edits.add_goal(plan, meeting, "   ")
    with pytest.raises(LifecycleError, match="Skriv en text"):
        edits.add_own_action(plan, meeting, "person", " ")


def test_answer_question_marks_it_answered():
    plan, meeting = _plan()
    q = plan.questions[0]
    edits.answer_question(plan, meeting, q.id, "  Ja, från v. 12 ")
    assert q.answered and q.answer == "Ja, från v. 12"
    edits.answer_question(plan, meeting, q.id, "")
    assert not q.answered


def test_a_note_for_a_speaker_marks_them_as_heard():
    """Seen in tmux: notes written for two people, then the summary's checklist said they had
    not come to speak. A first note marks the speaker; x can still unmark, and a later edit of
    the note does not mark again."""
    plan, meeting = _plan()
    p = meeting.speaking_order()[1]
    p.speaker_notes, p.has_spoken = "", False
    edits.set_speaker_notes(plan, meeting, p.id, "Sover dåligt.")
    assert p.has_spoken and p not in meeting.not_yet_spoken()
    edits.set_spoken(plan, meeting, p.id, False)
    edits.set_speaker_notes(plan, meeting, p.id, "Sover dåligt på söndagar.")
    assert not p.has_spoken
    q = meeting.speaking_order()[2]
    q.speaker_notes, q.has_spoken = "", False
    edits.set_speaker_notes(plan, meeting, q.id, "  ")
    assert not q.has_spoken


def test_the_meeting_to_run_of_a_plan_without_one_is_new_and_dated_today_never_on_a_closed_plan():
    """The meeting screen's first meeting comes from the lifecycle (it was appended in the UI)."""
    life = lifecycle
    plan, _ = _plan()
    plan.meetings.clear()
    day = dt.date(2026, 5, 4)
    m = life.meeting_to_run(plan, day)
    assert plan.meetings == [m] and m.date == day
    assert life.meeting_to_run(plan, day + dt.timedelta(days=1)) is m  # the latest, not another
    closed, _ = _plan()
    life.close_plan(closed, CloseReason.goals_met, day, "Familjen", "Elevhälsan")
    closed.meetings.clear()
    with pytest.raises(LifecycleError):
        life.meeting_to_run(closed, day)
    assert closed.meetings == []
