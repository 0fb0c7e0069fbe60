"""Issue 12 item 16: the round table carries over into a follow-up as a sensible start.

The follow-up invites the last meeting's round table — the person first, then those who came
in the order they sat, then those who stayed away (called again); one who stood in for someone
still on the list is not carried, the one they replaced is. Everyone is only invited, so the
roll call opens and records who comes this time; it tells the secretary how those who did not
come in person attended last time."""

from __future__ import annotations

import datetime as dt

from test_lifecycle_support import P, plan
from test_tui_helpers import FakeClock, make_app, open_register, settle, table_text, text_of

from sipmote import lifecycle as life
from sipmote.lifecycle.followup import last_time
from sipmote.model import Attendance, OrgKind

PID = "fuRollcall01"
HELD = dt.date(2026, 1, 19)


def followed_up(today: dt.date):
    p = plan(PID, "Elsa Lindqvist", held=HELD, follow_up=dt.date(2026, 3, 9))
    m = p.meetings[0]
    # as the roll call of the first meeting left it (the person was listed after Anna there)
    m.participants = [
        P("a", "Anna Berg", OrgKind.school, "Strandskolan", "bitr_rektor"),
        P("s", "Sofia Nilsson", OrgKind.social_services, "Socialtjänsten", att=Attendance.no_show),
        P("e", "Elsa Lindqvist", OrgKind.person, role="person", is_person=True),
        P("l", "Lars Holm", OrgKind.regional_health, "BUP Exempelstad", "psykolog", att=Attendance.remote),
        P("o", "Omar Haddad", OrgKind.school, "Strandskolan", "mentor", att=Attendance.absent_notice),
        P("k", "Karin Ek", OrgKind.school, "Strandskolan", "larare", substitute_for="Omar Haddad"),
        P("m", "Maria Lindqvist", OrgKind.family, role="vardnadshavare", speaker_notes="Sent på kvällarna",
          has_spoken=True),
    ]
    fu = life.start_follow_up(p, today)
    return p, fu


def test_the_follow_up_starts_from_the_last_round_table(today):
    p, fu = followed_up(today)
    assert [x.name for x in fu.participants] == [
        "Elsa Lindqvist", "Anna Berg", "Lars Holm", "Maria Lindqvist",  # the person, then those who came
        "Sofia Nilsson", "Omar Haddad"]  # then those who stayed away; Karin stood in for Omar: not carried
    assert all(x.attendance == Attendance.invited and not x.has_spoken and not x.speaker_notes
               for x in fu.participants)
    assert [(x.name, a) for x, a in last_time(p, fu)] == [
        ("Lars Holm", Attendance.remote), ("Sofia Nilsson", Attendance.no_show),
        ("Omar Haddad", Attendance.absent_notice)]
    assert [x.attendance for x in p.meetings[0].participants][:2] == [Attendance.present, Attendance.no_show]


def test_a_substitute_for_someone_not_on_the_list_is_invited_again(today):
    p = plan(PID, "Elsa Lindqvist", held=HELD, follow_up=dt.date(2026, 3, 9))
    p.meetings[0].participants.append(P("k", "Karin Ek", OrgKind.school, "Strandskolan",
                                        substitute_for="Rektorn"))
    fu = life.start_follow_up(p, today)
    karin = next(x for x in fu.participants if x.name == "Karin Ek")
    assert karin.substitute_for == "" and karin.attendance == Attendance.invited


async def test_the_roll_call_opens_the_follow_up_and_says_how_they_came_last_time(home, today):
    p, _fu = followed_up(today)
    reg = open_register(home)
    reg.save(p)
    app = make_app(reg, PID, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.body_kind() == "rollcall"
        hint = text_of(app, "#rollcall-hint")
        assert ("Förra mötet 2026-01-19: Lars Holm – deltar på distans; Sofia Nilsson – kom inte; "
                "Omar Haddad – frånvarande med återbud.") in hint.replace("\n", " ")
        rows = table_text(app, "#rollcall-table").splitlines()
        assert [r.split(" | ")[0] for r in rows][:3] == ["Elsa Lindqvist", "Anna Berg", "Lars Holm"]
        # the usual ones come: Elsa, Anna here, Lars remote again, Maria here; the others not
        await pilot.press("enter", "enter", "r", "enter", "k", "f", "n")
        await pilot.pause()
        assert app.screen.body_kind() == "listen"
        speakers = table_text(app, "#speakers")
        assert [r.split(" | ")[1] for r in speakers.splitlines()] == [
            "Elsa Lindqvist", "Anna Berg", "Lars Holm (på distans)", "Maria Lindqvist"]
        await settle(app, pilot, 0.7)
    reg.close()
    reg = open_register(home)
    stored = reg.load(PID).latest_meeting
    reg.close()
    assert {x.name: x.attendance for x in stored.participants} == {
        "Elsa Lindqvist": Attendance.present, "Anna Berg": Attendance.present, "Lars Holm": Attendance.remote,
        "Maria Lindqvist": Attendance.present, "Sofia Nilsson": Attendance.no_show,
        "Omar Haddad": Attendance.absent_notice}


# ---- the date of a follow-up run in the app is the day it was held, early or late


async def test_a_follow_up_run_after_its_booked_day_takes_the_day_it_was_held(home, today):
    from sipmote.tui.dialogs import ConfirmDialog

    p = plan(PID, "Elsa Lindqvist", held=HELD, follow_up=dt.date(2026, 2, 23))  # booked a week ago
    fu = life.start_follow_up(p, today)
    assert fu.date == dt.date(2026, 2, 23)
    reg = open_register(home)
    reg.save(p)
    app = make_app(reg, PID, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "n", "space", "s", "a")  # all here, the meeting, the summary, finish
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await settle(app, pilot, 0.7)
    reg.close()
    reg = open_register(home)
    stored = reg.load(PID)
    reg.close()
    assert stored.latest_meeting.status.value == "held"
    assert stored.latest_meeting.date == today  # not the booked 2026-02-23: the statistics count it late


def test_a_meeting_marked_held_afterwards_keeps_its_day_one_run_now_takes_today(today):
    p = plan(PID, "Elsa Lindqvist", held=HELD, follow_up=dt.date(2026, 2, 23))
    fu = life.start_follow_up(p, today)
    life.finish_meeting(p, fu.id, today)  # from the register, afterwards: held on its day
    assert fu.date == dt.date(2026, 2, 23)
    q = plan(PID, "Elsa Lindqvist", held=HELD, follow_up=dt.date(2026, 2, 23))
    fu = life.start_follow_up(q, today)
    life.finish_meeting(q, fu.id, today, held_today=True)  # run on the meeting screen today
    assert fu.date == today
