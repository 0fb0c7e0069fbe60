"""Agenda files and the phase clock (pure, fake clock)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FakeClock

from sipmote.agenda import (
    AgendaError,
    PhaseClock,
    format_seconds,
    init_phases,
    list_agendas,
    load_agenda,
    user_agenda_dir,
)
from sipmote.model import MeetingStatus, Plan

WALL = dt.datetime(2026, 3, 2, 13, 0)


def test_shipped_agendas_load():
    ids = {a.id for a in list_agendas()}
    assert {"sip-20-20-20", "uppfoljning"} <= ids
    sip = load_agenda("sip-20-20-20")
    assert [p.name for p in sip.phases] == ["Lyssna", "Problematisera", "Planera"]
    assert [p.minutes for p in sip.phases] == [20, 20, 20]
    assert "Vad är viktigt för dig?" in sip.phases[0].prompts[4]
    assert any("huvudansvarig" in p for p in sip.phases[2].prompts)
    assert any("uppföljning" in p.lower() for p in sip.phases[2].prompts)


def test_malformed_user_agenda_names_file_and_line():
    folder = user_agenda_dir()
    folder.mkdir(parents=True)
    (folder / "trasig.toml").write_text('name = "Trasig"\n\n[[phase]]\nkey = "a"\nname = "A\nminutes = 5\n')
    (folder / "fel.toml").write_text(
        'name = "Fel"\n[[phase]]\nkey = "a"\nname = "A"\nminutes = 5\n\n[[phase]]\nkey = "b"\n'
        'name = "B"\nminutes = "tjugo"\n'
    )
    with pytest.raises(AgendaError) as exc:
        load_agenda("trasig")
    assert "trasig.toml" in exc.value.message and "rad 5" in exc.value.message
    with pytest.raises(AgendaError) as exc:
        load_agenda("fel")
    assert "fel.toml" in exc.value.message and "rad 7" in exc.value.message
    assert "minutes" in exc.value.message
    # the shipped agendas keep working beside a broken file
    assert "sip-20-20-20" in {a.id for a in list_agendas()}


def test_user_agenda_is_found_and_replaces_shipped_one():
    folder = user_agenda_dir()
    folder.mkdir(parents=True)
    (folder / "kort.toml").write_text(
        'id = "sip-20-20-20"\nname = "Kort möte"\n[[phase]]\nkey = "allt"\nname = "Allt"\nminutes = 10\n'
    )
    agenda = load_agenda("sip-20-20-20")
    assert agenda.name == "Kort möte" and agenda.phases[0].body == "notes"


def test_unknown_agenda():
    with pytest.raises(AgendaError, match="finns-inte"):
        load_agenda("finns-inte")


def _clock_for(demo: Plan, clock: FakeClock) -> PhaseClock:
    meeting = demo.meetings[0]
    init_phases(meeting, load_agenda("sip-20-20-20"))
    return PhaseClock(meeting, clock=clock, now=lambda: WALL)


def test_phase_clock_times_overrun_and_progress(demo):
    clock = FakeClock()
    pc = _clock_for(demo, clock)
    assert pc.remaining() == 20 * 60 and pc.progress == 0
    pc.start()
    assert demo.meetings[0].status == MeetingStatus.running
    clock.advance(5 * 60)
    assert pc.elapsed() == 300 and pc.remaining() == 900
    pc.pause()
    clock.advance(600)  # paused: no time counted
    assert pc.elapsed() == 300
    pc.resume()
    clock.advance(17 * 60)
    assert pc.overrun() == 120 and pc.remaining() == -120
    assert format_seconds(pc.remaining()) == "02:00"
    assert pc.next()
    clock.advance(60)
    assert pc.elapsed(0) == 22 * 60 and pc.elapsed() == 60
    assert pc.progress == pytest.approx(23 / 60)
    assert pc.previous() and pc.index == 0
    clock.advance(30)
    assert pc.elapsed(0) == 22 * 60 + 30
    assert not pc.previous()  # nothing before the first phase
    pc.goto(2)
    clock.advance(60 * 60)
    assert pc.progress == 1.0 and pc.total_overrun == pytest.approx(60 + 30 + 60 * 60 + 22 * 60 - 60 * 60)


def test_phase_clock_writes_into_meeting_and_resumes(demo):
    clock = FakeClock()
    pc = _clock_for(demo, clock)
    pc.start()
    clock.advance(90)
    pc.next()
    clock.advance(45.5)
    pc.sync()
    meeting = demo.meetings[0]
    assert meeting.current_phase == 1
    assert meeting.phases[0].elapsed_seconds == 90 and meeting.phases[0].ended_at == WALL
    assert meeting.phases[1].elapsed_seconds == 45.5 and meeting.phases[1].started_at == WALL
    # a crash: a new clock on the reloaded meeting continues where the record ends
    reloaded = Plan.model_validate_json(demo.model_dump_json())
    pc2 = PhaseClock(reloaded.meetings[0], clock=FakeClock(), now=lambda: WALL)
    assert pc2.index == 1 and pc2.elapsed() == 45.5 and not pc2.running


def test_format_seconds():
    assert format_seconds(0) == "00:00"
    assert format_seconds(59.9) == "00:59"
    assert format_seconds(3725) == "1:02:05"
