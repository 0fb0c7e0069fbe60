"""Snapshots of every meeting view and its dialogs at 80x24 and 100x30 (stored with the others
in tests/tui/__snapshots__/; the roll call's are in test_rollcall.py).

Deterministic: a fake clock that does not move, a fixed today, a prepared
plan. Update after a deliberate change with ``pytest tests/tui/test_tui_snapshots.py
--snapshot-update`` and look at the SVGs."""

from __future__ import annotations

import datetime as dt

import pytest
from test_tui_helpers import FakeClock, followed_up, make_app, open_register

from sipmote.agenda import init_phases, load_agenda
from sipmote.model import Attendance, Goal, Measure, Need, OrgKind, OwnAction, Responsible

SIZES = pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])


def prepared(demo):
    """The demo plan well into its meeting: the clock, a speaker, a need, goals and measures."""
    plan = demo
    m = plan.latest_meeting
    init_phases(m, load_agenda(m.agenda_id))
    m.phases[0].elapsed_seconds = 21 * 60 + 15  # Lyssna overran
    m.phases[1].elapsed_seconds = 12 * 60
    m.phases[2].elapsed_seconds = 4 * 60 + 5
    plan.long_term_goal = "Jag vill gå i skolan och orka träffa mina kompisar."
    m.participants[0].has_spoken = True
    m.participants[0].speaker_notes = "Trivs med mentorn och med bild."
    m.participants[1].speaker_notes = ("Elsa sover dåligt och har ont i magen på morgnarna; "
                                       "skolan ringer oss först vid lunch när hon inte har kommit.")
    m.current_speaker_id = m.participants[1].id
    m.needs = [
        Need(text="Oro och sömnproblem gör att Elsa stannar hemma på morgonen",
             question_ids=[plan.questions[0].id, plan.questions[1].id]),
        Need(text="Familjen behöver stöd på morgnarna", question_ids=[plan.questions[2].id],
             disagreement=True, parties="Socialtjänsten och BUP"),
    ]
    m.goals = [Goal(text="Elsa är i skolan varje förmiddag", measures=[
        Measure(what="Mentorssamtal", responsible=Responsible(org_kind=OrgKind.school, organisation="Strandskolan",
                                                              person="Omar Haddad"),
                start=dt.date(2026, 3, 9), frequency="varje vecka", place="Skolan", until=dt.date(2026, 6, 12),
                effect="Elsa kommer oftare i tid: tre av fem dagar den senaste månaden, mot en förut"),
        Measure(what="Sömnbedömning"),
    ])]
    m.own_actions = [OwnAction(who="family", text="Gemensam morgonrutin")]
    return plan


def keys(*presses: str):
    """Press one key at a time and let the screen settle after each (no half-applied styles)."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        for key in presses:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()

    return run_before


# view name -> keys from Lyssna to reach it
VIEWS = {"lyssna": [], "problematisera": ["n"], "planera": ["n", "n"], "sammanfattning": ["n", "n", "n"]}


@SIZES
@pytest.mark.parametrize("view", list(VIEWS))
def test_meeting_view_snapshot(snap_compare, home, demo, view, size):
    reg = open_register(home)
    reg.save(prepared(demo))
    app = make_app(reg, demo.id, FakeClock())
    try:
        assert snap_compare(app, run_before=keys(*VIEWS[view]), terminal_size=size)
    finally:
        reg.close()


def followup_snapshot(snap_compare, home, demo, size, presses) -> bool:
    """The prepared plan's meeting run as a follow-up (its agenda), after ``presses``."""
    plan = prepared(demo)
    plan.latest_meeting.agenda_id = "uppfoljning"
    plan.latest_meeting.phases = []
    reg = open_register(home)
    reg.save(plan)
    app = make_app(reg, demo.id, FakeClock())
    try:
        return snap_compare(app, run_before=keys(*presses), terminal_size=size)
    finally:
        reg.close()


@SIZES
def test_followup_review_snapshot(snap_compare, home, demo, size):
    assert followup_snapshot(snap_compare, home, demo, size, ["n", "enter"])


# dialog name -> keys from Lyssna to open it (the insats form opens on an insats with every field)
DIALOGS = {
    "anteckning": ["e"],
    "nulage": ["u"],
    "behov": ["n", "enter"],
    "svar": ["n", "f"],
    "uppfoljning": ["n", "n", "u"],
    "narvaro": ["d"],
    "delmal": ["n", "n", "g"],
    "insats": ["n", "n", "down", "enter"],
    "huvudansvarig": ["n", "n", "h"],
    "export": ["s", "x"],
    "genomfort": ["s", "a"],
    "avvikelse": ["s", "a", "enter"],
    "viktigt": ["g"],
    "roller": ["r"],
    "hand": ["q"],
    "ta_bort_behov": ["n", "delete"],
    "egen": ["n", "n", "o"],
    "andra_delmal": ["n", "n", "e"],
    "ta_bort_insats": ["n", "n", "down", "delete"],
    "kopior": ["s", "k"],
    "kritiskt": ["s", "i"],
    "overenskommelse": ["s", "g"],
    "oenighet": ["n", "o"],  # Problematisera: the first need marked as a disagreement
    "annan_aktor": ["n", "n", "t"],  # Planera: another actor's insats
    "ny_deltagare": ["d", "a"],  # the participants dialog's add form
}


@SIZES
@pytest.mark.parametrize("dialog", list(DIALOGS))
def test_meeting_dialog_snapshot(snap_compare, home, demo, dialog, size, monkeypatch):
    from pathlib import Path

    from sipmote.tui.screens import export_modal

    monkeypatch.setattr(export_modal, "default_folder", lambda home=None: Path("/home/sekreterare/Dokument"))
    plan = prepared(demo)
    plan.latest_meeting.participants[-1].attendance = Attendance.no_show  # a deviation to propose
    plan.latest_meeting.id = "mote00000001"  # the export's file name carries it: the same every run
    reg = open_register(home)
    reg.save(plan)
    app = make_app(reg, demo.id, FakeClock())
    try:
        assert snap_compare(app, run_before=keys(*DIALOGS[dialog]), terminal_size=size)
    finally:
        reg.close()


# follow-up dialog name -> keys from the follow-up's first view (the review of the insatser)
FOLLOW_UP_DIALOGS = {"effekt": ["n", "e"], "skattning": ["n", "r"]}


@SIZES
@pytest.mark.parametrize("dialog", list(FOLLOW_UP_DIALOGS))
def test_followup_dialog_snapshot(snap_compare, home, demo, dialog, size):
    assert followup_snapshot(snap_compare, home, demo, size, FOLLOW_UP_DIALOGS[dialog])


def test_register_snapshot_80x24(snap_compare, home):
    """The register at 80 columns: the next meeting's date and its mark whole, the name gives way."""
    from conftest import Host
    from test_lifecycle_support import sample_register

    from sipmote.tui.screens.register import RegisterScreen

    reg = open_register(home)
    sample_register(reg)
    try:
        assert snap_compare(Host(reg, lambda: RegisterScreen()), terminal_size=(80, 24))
    finally:
        reg.close()


def test_followup_screen_snapshot_80x24(snap_compare, home):
    """The follow-up screen (u on the register) at 80 columns: every column whole, rows wrap."""
    from conftest import Host
    from test_lifecycle_support import TODAY, plan

    from sipmote import lifecycle as life
    from sipmote.tui.screens.followup import FollowUpScreen

    reg = open_register(home)
    p = plan("fu0000000001", "Elsa Lindqvist", held=dt.date(2026, 1, 19), follow_up=dt.date(2026, 3, 9))
    p.meetings[0].third_party_measures = [Measure(what="Fritidsgård två kvällar i veckan", third_party=True)]
    life.start_follow_up(p, TODAY).id = "fu-meeting-1"
    p.meetings[0].goals[0].measures[0].effect = "Elsa kommer i tid tre av fem dagar"
    reg.save(p)
    try:
        assert snap_compare(Host(reg, lambda: FollowUpScreen(p.id, "fu-meeting-1")), terminal_size=(80, 24),
                            press=["down", "1", "down", "3", "escape"])
    finally:
        reg.close()


def held_and_followed_up(demo):
    """The prepared plan's meeting held, and its follow-up booked six weeks later (uppföljning)."""
    plan = prepared(demo)
    plan.latest_meeting.id = "mote00000001"
    held = plan.latest_meeting.date or dt.date(2026, 3, 2)
    followed_up(plan, held, held + dt.timedelta(days=42)).id = "uppf00000001"
    return plan


# follow-up view -> keys from its roll call: everyone here (a), then on through its agenda
FOLLOW_UP_VIEWS = {"upprop": [], "hur_gar_det": ["a", "n"], "revidera": ["a", "n", "n", "n"],
                   "sammanfattning": ["a", "n", "n", "n", "n"]}


@SIZES
@pytest.mark.parametrize("view", list(FOLLOW_UP_VIEWS))
def test_followup_view_snapshot(snap_compare, home, demo, view, size):
    """The follow-up agenda (Hur går det? 15 › Insatserna 15 › Revidera eller avsluta 20): every
    phase named in the header, the current one whole."""
    reg = open_register(home)
    reg.save(held_and_followed_up(demo))
    app = make_app(reg, demo.id, FakeClock())
    try:
        assert snap_compare(app, run_before=keys(*FOLLOW_UP_VIEWS[view]), terminal_size=size)
    finally:
        reg.close()
