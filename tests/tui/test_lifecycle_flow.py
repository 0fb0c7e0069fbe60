"""One plan's whole life in the real app, driven with Pilot:
new plan → preparation → the meeting (the meeting screen) → follow-up → close,
reading the stored plan back from the Register after every step."""

from __future__ import annotations

import datetime as dt

from conftest import FakeClock
from test_lifecycle_support import TODAY, person_number
from test_tui_helpers import type_text
from textual.widgets import DataTable, Input, Select, Static, TextArea

from sipmote.model import (
    Attendance,
    DeviationKind,
    Goal,
    GoalStatus,
    Measure,
    MeasureStatus,
    MeetingKind,
    MeetingStatus,
    OrgKind,
    PlanStatus,
    Responsible,
)
from sipmote.store import Register


async def fill(pilot, screen, **values) -> None:
    for wid, value in values.items():
        screen.query_one(f"#{wid}", Input).value = value
    await pilot.pause()


async def test_prepare_meeting_follow_up_close(home):
    from sipmote.tui.app import SipmoteApp
    from sipmote.tui.dialogs import ConfirmDialog
    from sipmote.tui.screens.dialogs import ClosePlanDialog, DeviationDraftsDialog
    from sipmote.tui.screens.followup import FollowUpScreen
    from sipmote.tui.screens.meeting import MeetingScreen
    from sipmote.tui.screens.prepare import PrepareScreen
    from sipmote.tui.screens.register import RegisterScreen

    reg = Register(home).open()
    clock = FakeClock()
    app = SipmoteApp(register=reg, today=TODAY, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        register = app.screen
        assert isinstance(register, RegisterScreen)

        # ---- 1. a new plan, prepared; a bad personnummer first
        await pilot.press("n")
        await pilot.pause()
        prep = app.screen
        assert isinstance(prep, PrepareScreen)
        for section in ("need", "meeting", "people", "consent"):  # built when opened
            await prep.open_section(section, focus=False)
        await fill(pilot, prep, name="Elsa Lindqvist", pnr="20120412-0000", date="2026-03-16", time="13:00",
                   place="Strandskolan, konferensrummet", leader="Anna Berg", sent="2026-03-02",
                   ltg="Jag vill gå i skolan och ha kompisar", g1name="Maria Lindqvist", g1phone="070-000 00 02")
        await pilot.press("ctrl+s")
        await pilot.pause()
        problems = str(prep.query_one("#problems", Static).render())
        assert "kontrollsiffra" in problems
        assert reg.ids() == []  # nothing stored while there are errors
        prep.query_one("#pnr", Input).value = person_number(2012)
        prep.query_one("#category", Select).value = prep.query_one("#category", Select)._options[1][1]
        prep.query_one("#questions", TextArea).text = ("Hur kommer Elsa tillbaka till skolan?\n"
                                                       "Vilket stöd behövs för sömnen?")
        # invited participants: role and organisation; one of them will not come
        await fill(pilot, prep, p_name="Anna Berg", p_unit="Strandskolan", p_role="Biträdande rektor")
        prep.query_one("#p_name", Input).focus()
        await pilot.press("enter")
        prep.query_one("#p_org", Select).value = OrgKind.regional_health
        await fill(pilot, prep, p_name="Lars Holm", p_unit="BUP Exempelstad", p_role="Psykolog")
        prep.query_one("#p_name", Input).focus()
        await pilot.press("enter")
        # a consent that ends before the meeting: an error naming the meeting day
        await fill(pilot, prep, c_who="Maria Lindqvist", c_rel="Vårdnadshavare", c_from="2026-02-01",
                   c_to="2026-03-10", c_parties="Strandskolan, BUP Exempelstad")
        prep.query_one("#c_who", Input).focus()
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        problems = str(prep.query_one("#problems", Static).render())
        assert "Inget giltigt samtycke gäller mötesdagen 2026-03-16" in problems
        assert reg.ids() == []
        prep.consents[0] = prep.consents[0].model_copy(update={"valid_to": dt.date(2026, 12, 31)})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Förberedelsen är sparad" in str(prep.query_one("#problems", Static).render())
        [pid] = reg.ids()
        stored = reg.load(pid)
        assert stored.status == PlanStatus.draft and stored.person.personnummer == person_number(2012)
        m1 = stored.meetings[0]
        assert (m1.kind, m1.status, m1.date, m1.time) == (MeetingKind.new, MeetingStatus.planned,
                                                         dt.date(2026, 3, 16), dt.time(13, 0))
        assert [(p.name, p.role, p.organisation) for p in m1.participants] == [
            ("Elsa Lindqvist", "person", ""), ("Anna Berg", "bitr_rektor", "Strandskolan"),
            ("Lars Holm", "psykolog", "BUP Exempelstad")]
        assert [q.text for q in stored.questions][1] == "Vilket stöd behövs för sömnen?"
        assert stored.guardians[0].name == "Maria Lindqvist"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is register
        first_row = [str(c) for c in register.query_one("#plans", DataTable).get_row_at(0)]
        assert first_row[:2] == ["Utkast", "Elsa Lindqvist"]

        # ---- 2. the meeting, on the meeting screen; Lars Holm does not come
        await pilot.press("m")
        await pilot.pause()
        meeting_screen = app.screen
        assert isinstance(meeting_screen, MeetingScreen)
        await pilot.press("space")  # start the clock: the meeting is running
        clock.now += 600
        plan = meeting_screen.plan
        plan.meetings[0].participants[2].attendance = Attendance.no_show
        plan.long_term_goal = "Jag vill gå i skolan och ha kompisar"
        plan.meetings[0].goals.append(Goal(text="Elsa är i skolan varje förmiddag", measures=[
            Measure(what="Anpassad skolstart kl 10", responsible=Responsible(org_kind=OrgKind.school,
                                                                              organisation="Strandskolan")),
            Measure(what="Samtal om oro", responsible=Responsible(org_kind=OrgKind.regional_health,
                                                                 organisation="BUP Exempelstad")),
        ]))
        plan.meetings[0].follow_up.date = dt.date(2026, 4, 27)
        await pilot.press("escape")  # leave: saved, back to the register
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # is the meeting over?
        await pilot.press("j")
        await pilot.pause()
        drafts = app.screen
        assert isinstance(drafts, DeviationDraftsDialog)
        assert [(d.kind, d.party) for d in drafts.drafts] == [
            (DeviationKind.party_absent, "Lars Holm (BUP Exempelstad)")]
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = reg.load(pid)
        held = stored.meetings[0]
        assert held.status == MeetingStatus.held and stored.status == PlanStatus.active
        assert [g.text for g in held.goals] == ["Elsa är i skolan varje förmiddag"]
        assert [d.kind for d in stored.deviations] == [DeviationKind.party_absent]
        held_before = held.model_dump()
        row = [str(c) for c in register.query_one("#plans", DataTable).get_row_at(0)]
        # booked for 03-16 but held today (03-02): 'Senaste möte' is the day it was held (issue 12 item 16)
        assert row[3:] == ["2026-03-02", "2026-04-27"]

        # ---- 3. the follow-up: measures reviewed, a goal revised and one added
        await pilot.press("u")
        await pilot.pause()
        fu = app.screen
        assert isinstance(fu, FollowUpScreen)
        await pilot.press("down", "1")  # first measure: done
        await pilot.press("e")
        await pilot.pause()
        await type_text(pilot, "Närvaron ökade")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "3")  # second measure: not done - its deviation is offered at once
        await pilot.pause()
        assert isinstance(app.screen, DeviationDraftsDialog)
        assert [d.kind for d in app.screen.drafts] == [DeviationKind.measure_not_done]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("up", "up", "r")  # the goal: revise
        await pilot.pause()
        app.screen.query_one("#f-text", Input).value = "Elsa är i skolan hela dagar"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Elsa träffar en kompis i veckan")
        await pilot.press("enter")
        await pilot.pause()
        stored = reg.load(pid)
        assert stored.meetings[0].model_dump() == held_before  # the earlier meeting is unchanged
        follow = stored.meetings[1]
        assert (follow.kind, follow.kva, follow.agenda_id, follow.previous_meeting_id) == (
            MeetingKind.follow_up, "AW010", "uppfoljning", held.id)
        assert follow.date == dt.date(2026, 4, 27)
        measures = follow.goals[0].measures
        assert [(x.status, x.effect) for x in measures] == [(MeasureStatus.done, "Närvaron ökade"),
                                                            (MeasureStatus.not_done, "")]
        assert [g.text for g in follow.goals] == ["Elsa är i skolan hela dagar", "Elsa träffar en kompis i veckan"]
        assert follow.goals[1].status == GoalStatus.active
        await pilot.press("escape")  # leaving proposes nothing more: the deviation is kept already
        await pilot.pause()
        assert app.screen is register
        stored = reg.load(pid)
        assert [d.kind for d in stored.deviations] == [DeviationKind.party_absent, DeviationKind.measure_not_done]
        assert stored.deviations[1].party == "BUP Exempelstad"

        # ---- 4. close: the plan becomes read-only
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ClosePlanDialog)
        await fill(pilot, dialog, **{"f-informed": "Elsa, Maria Lindqvist, Strandskolan, BUP",
                   "f-where": "Skolkuratorn på Strandskolan"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = reg.load(pid)
        assert stored.status == PlanStatus.closed
        assert stored.closure.where_to_turn == "Skolkuratorn på Strandskolan"
        assert stored.meetings[1].status == MeetingStatus.cancelled
        assert stored.meetings[0].model_dump() == held_before
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is register  # a closed plan cannot be prepared
        assert str(register.query_one("#plans", DataTable).get_row_at(0)[0]) == "Avslutad"
    reg.close()


async def test_the_follow_up_meeting_runs_on_the_meeting_screen_and_is_then_held(home):
    from test_lifecycle_support import plan

    from sipmote.tui.app import SipmoteApp
    from sipmote.tui.dialogs import ConfirmDialog
    from sipmote.tui.screens.followup import FollowUpScreen
    from sipmote.tui.screens.meeting import MeetingScreen

    reg = Register(home).open()
    reg.save(plan("flow00000002", "Omar Said", year=2010, serial="118", held=dt.date(2026, 1, 19),
                  follow_up=dt.date(2026, 3, 2)))
    first = reg.load("flow00000002").meetings[0].model_dump()
    app = SipmoteApp(register=reg, today=TODAY, clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("down", "1", "m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.meeting.kind == MeetingKind.follow_up and screen.agenda.id == "uppfoljning"
        await pilot.press("space", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
    stored = reg.load("flow00000002")
    assert [m.status for m in stored.meetings] == [MeetingStatus.held, MeetingStatus.held]
    assert stored.meetings[1].all_measures()[0].status == MeasureStatus.done
    assert stored.meetings[0].model_dump() == first
    reg.close()
