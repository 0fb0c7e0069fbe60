"""The meeting's course, headless: a meeting being held is running and dated the day it is
held (before it is finished too), and the register's summary flags a plan whose meeting was
left unfinished or whose consent is withdrawn (black-box audit of issue 12, items 2, 15, 16)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_lifecycle import held_plan

from sipmote import lifecycle as life
from sipmote.model import MeetingStatus
from sipmote.stats.collect import collect
from sipmote.store import PlanSummary

BOOKED = dt.date(2027, 3, 15)
HELD = dt.date(2026, 11, 26)


def _follow_up_booked_ahead():
    plan = held_plan(dt.date(2026, 11, 1))
    plan.meetings[0].date = dt.date(2026, 11, 1)
    plan.meetings[0].follow_up.date = BOOKED
    plan.meetings[0].follow_up.time = dt.time(13, 0)
    fu = life.start_follow_up(plan, HELD)
    assert fu.date == BOOKED and fu.status == MeetingStatus.planned  # as booked until it is held
    return plan, fu


def test_a_follow_up_held_early_is_dated_the_day_it_is_held_while_it_runs():
    plan, fu = _follow_up_booked_ahead()
    life.begin_meeting(plan, fu, HELD)
    assert (fu.status, fu.date) == (MeetingStatus.running, HELD)
    from sipmote.export import DocKind
    from sipmote.tui.screens.export_modal import default_name

    assert default_name(DocKind.sip, "docx", fu, HELD).startswith("SIP-2026-11-26-1300-")


def test_the_document_of_a_follow_up_being_held_early_prints_the_day_it_is_held(tmp_path):
    from docx import Document

    from sipmote.export import DocKind, export

    plan, fu = _follow_up_booked_ahead()
    life.begin_meeting(plan, fu, HELD)
    out = tmp_path / "sip.docx"
    export(DocKind.sip, plan, fu, docx=out)
    cells = [[c.text for c in row.cells] for table in Document(str(out)).tables for row in table.rows]
    dates = [row[1] for row in cells if row and row[0] == "Datum för mötet"]
    assert dates == ["2026-11-26"], cells[:6]


@pytest.mark.parametrize(("held", "figure"), [(dt.date(2027, 3, 1), "early"), (BOOKED, "on_booked_date"),
                                              (dt.date(2027, 3, 20), "late")])
def test_statistics_compare_the_day_held_with_the_booking(held, figure):
    plan, fu = _follow_up_booked_ahead()
    life.begin_meeting(plan, fu, held)
    life.finish_meeting(plan, fu.id, held, held_today=True)
    outcomes = collect([plan]).follow_up
    assert outcomes.booked_known == 1
    assert {k: getattr(outcomes, k) for k in ("early", "on_booked_date", "late")} == {
        k: int(k == figure) for k in ("early", "on_booked_date", "late")}


def test_a_held_meeting_is_not_begun_again():
    plan, fu = _follow_up_booked_ahead()
    life.finish_meeting(plan, fu.id, HELD, held_today=True)
    with pytest.raises(life.LifecycleError):
        life.begin_meeting(plan, fu, HELD)


def test_the_register_flags_an_unfinished_meeting_and_a_withdrawn_consent():
    plan, fu = _follow_up_booked_ahead()
    assert PlanSummary.of(plan).halt is None
    assert PlanSummary.of(plan).next_meeting == BOOKED.isoformat()
    life.begin_meeting(plan, fu, HELD)  # then the app was killed
    assert PlanSummary.of(plan).halt == "unfinished"
    life.finish_meeting(plan, fu.id, HELD, held_today=True)
    assert PlanSummary.of(plan).halt is None
    life.withdraw_consent(plan, plan.consents[0].id, HELD)
    summary = PlanSummary.of(plan)
    assert (summary.halt, summary.next_meeting) == ("consent_withdrawn", None)  # it cannot meet


def test_an_index_from_before_the_flag_is_summarised_again(home):
    import json

    from sipmote.store import Register

    plan, fu = _follow_up_booked_ahead()
    life.begin_meeting(plan, fu, HELD)
    with Register(home) as reg:
        reg.save(plan)
        index = reg.index_path
    doc = json.loads(index.read_text())
    for row in doc["plans"].values():
        row.pop("halt")
    index.write_text(json.dumps(doc))
    with Register(home) as reg:
        assert [s.halt for s in reg.summaries()] == ["unfinished"]


def test_sipmote_show_lists_the_consents_with_their_state_and_the_answers(home, demo, capsys):
    """Audit: the text views listed the questions without the meeting's answers and no
    consent at all - a withdrawal was invisible in `sipmote show`."""
    from conftest import run_cli

    from sipmote.store import Register

    q = demo.questions[0]
    q.answer, q.answered = "Skolstart kl 10 och mentorssamtal", True
    life.withdraw_consent(demo, demo.consents[0].id, HELD)
    with Register(home) as reg:
        reg.save(demo)
    code, out, _err = run_cli(capsys, "--home", str(home), "show", demo.id)
    assert code == 0
    lines = out.splitlines()
    asked = lines.index(f"  ? {q.text}")
    assert lines[asked + 1] == "    Svar: Skolstart kl 10 och mentorssamtal"  # under its question
    consents = lines[lines.index("Samtycke") + 1:][:2]
    assert consents[0].startswith("  Maria Lindqvist och Johan Lindqvist (Skriftligt,")
    assert consents[0].endswith(": Återkallat 2026-11-26")
    assert consents[1].startswith("  Elsa Lindqvist (Muntligt,")


def test_a_phase_returned_to_is_current_again_until_it_is_left():
    """Back with b to a phase left before, its old end time stood while it was the current
    phase again (paused); left again, it gets the new end time."""
    from sipmote.agenda import PhaseClock, init_phases, load_agenda
    from sipmote.model import Meeting

    meeting = Meeting(date=HELD)
    init_phases(meeting, load_agenda("sip-20-20-20"))
    wall = [dt.datetime(2026, 11, 26, 9, 0)]

    def now() -> dt.datetime:
        wall[0] += dt.timedelta(minutes=5)
        return wall[0]

    clock = PhaseClock(meeting, clock=lambda: 0.0, now=now)
    clock.start()  # Lyssna 09:05
    clock.next()  # Lyssna ends 09:10, Problematisera starts 09:15
    clock.pause()
    clock.previous()  # back to Lyssna (paused): Problematisera ends 09:20
    lyssna, problem = meeting.phases[0], meeting.phases[1]
    assert lyssna.ended_at is None  # current again
    clock.next()  # Lyssna left again at 09:25
    assert lyssna.ended_at == dt.datetime(2026, 11, 26, 9, 25)
    assert problem.ended_at is None  # current
    clock.finish()
    assert problem.ended_at == dt.datetime(2026, 11, 26, 9, 30)
