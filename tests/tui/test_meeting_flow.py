"""A whole scripted meeting through every phase, driven by key presses; the saved
plan is read back from a fresh Register."""

from __future__ import annotations

import datetime as dt

from test_tui_helpers import FakeClock, make_app, open_register, settle, table_text, text_of, type_text

from sipmote.model import Attendance, OrgKind
from sipmote.tui.dialogs import FormDialog
from sipmote.tui.screens.participants import ParticipantsModal


async def test_whole_meeting_is_saved(home, demo):
    reg = open_register(home)
    reg.save(demo)
    clock = FakeClock()
    app = make_app(reg, demo.id, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "LYSSNA" in text_of(app, "#ph-name")
        assert "Pausad" in text_of(app, "#ph-state")
        await pilot.press("space")  # start the clock
        clock.advance(8 * 60)

        # --- Lyssna: the person's own words, the round table
        await pilot.press("g")
        assert isinstance(app.screen, FormDialog)
        await type_text(pilot, "Att gå i skolan och sova bättre")
        await pilot.press("ctrl+s")
        await pilot.press("enter")  # Elsa (first: the person) speaks
        await pilot.press("e")
        await type_text(pilot, "Trivs med mentorn")
        await pilot.press("ctrl+s", "down", "enter")  # Maria speaks; Elsa has spoken
        await pilot.pause()
        assert "»Att gå i skolan och sova bättre«" in text_of(app, "#listen-goal")
        waiting = text_of(app, "#not-spoken")
        assert "Elsa" not in waiting and "Maria Lindqvist" in waiting
        assert table_text(app, "#speakers").splitlines()[0].startswith("✓ | Elsa Lindqvist")

        # participants: add one, change Johan's attendance
        await pilot.press("d")
        assert isinstance(app.screen, ParticipantsModal)
        await pilot.press("a")
        await type_text(pilot, "Per Ström")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Fritidsgården")
        await pilot.press("ctrl+s")
        await pilot.press(*["up"] * 6, "enter")  # Johan: remote -> absent with notice
        await pilot.press("escape")
        await pilot.pause()
        assert "Per Ström" in table_text(app, "#speakers")
        assert "Johan" not in table_text(app, "#speakers")

        clock.advance(13 * 60)  # 21 minutes in Lyssna: one minute over
        app.screen.tick()
        assert "ÖVERTID 01:00" in text_of(app, "#ph-state")

        # --- Problematisera
        await pilot.press("n")
        await pilot.pause()
        assert "PROBLEMATISERA" in text_of(app, "#ph-name")
        await pilot.press("a")
        await type_text(pilot, "Oro på morgnarna gör att Elsa stannar hemma")
        await pilot.press("tab", "space", "tab", "space", "tab")  # link F1, mark disagreement
        await type_text(pilot, "Skolan och BUP")
        await pilot.press("ctrl+s")
        await pilot.pause()
        needs = table_text(app, "#needs")
        assert "Oro på morgnarna" in needs and "F1" in needs and "Skolan och BUP" in needs
        clock.advance(15 * 60)

        # --- Planera
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("g")
        await type_text(pilot, "Elsa är i skolan varje förmiddag")
        await pilot.press("tab")
        await type_text(pilot, "Jag är i skolan varje förmiddag")  # as Elsa says it (Min plan)
        await pilot.press("enter")  # last field: saves
        await pilot.press("a")
        await type_text(pilot, "Mentorssamtal")
        await pilot.press("tab", "tab", "tab")  # past 'Välj bland deltagarna' and the verksamhet
        await type_text(pilot, "Strandskolan")
        await pilot.press("tab")
        await type_text(pilot, "Omar Haddad")
        await pilot.press("tab", "tab")  # past the utförare (Omar himself)
        await type_text(pilot, "2026-13-40")  # a bad date: the form stays, nothing lost
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "Ogiltigt datum" in text_of(app, "#form-error")
        assert app.screen.query_one("#f-organisation").value == "Strandskolan"
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "2026-03-09")
        await pilot.press("tab")
        await type_text(pilot, "varje vecka")
        await pilot.press("tab")
        await type_text(pilot, "Skolan")
        await pilot.press("tab")
        await type_text(pilot, "2026-06-12")
        await pilot.press("tab")
        await type_text(pilot, "Omar pratar med mig varje vecka")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        # a measure with nobody responsible: warned, never blocked
        await pilot.press("a")
        await type_text(pilot, "Sömnbedömning")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "1 insats saknar ansvarig" in text_of(app, "#plan-warn")
        plan_rows = table_text(app, "#plan-table")
        assert "Strandskolan, Omar" in plan_rows and "saknar ansvarig" in plan_rows
        await pilot.press("o")
        await pilot.press("tab")
        await type_text(pilot, "Lägger fram kläderna kvällen innan")
        await pilot.press("enter")
        await pilot.press("h", "tab", "tab")
        await type_text(pilot, "Strandskolan")
        await pilot.press("tab")
        await type_text(pilot, "Anna Berg")
        await pilot.press("enter")
        await pilot.press("u")
        await type_text(pilot, "2026-05-04")
        await pilot.press("tab")
        await type_text(pilot, "13.30")
        await pilot.press("tab")
        await type_text(pilot, "Strandskolan")
        await pilot.press("enter")
        await pilot.pause()
        status = text_of(app, "#plan-status")
        assert "Strandskolan, Anna Berg" in status and "2026-05-04 13:30 Strandskolan" in status
        clock.advance(20 * 60)

        # --- Summary
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("j")  # the person agrees
        await pilot.press("i")
        await type_text(pilot, "Ring socialjouren")
        await pilot.press("ctrl+s")
        await pilot.press("k", "ctrl+s")  # copies: the person and the guardians by default
        await pilot.pause()
        summary = text_of(app, "#summary-text")
        assert "Strandskolan gör:" in summary and "• Mentorssamtal" in summary
        assert "Elsa gör:" in summary and "Lägger fram kläderna" in summary
        assert "Insatsen ”Sömnbedömning” saknar ansvarig" in " ".join(text_of(app, "#summary-missing").split())
        assert "Den enskilde håller med om planen: Ja" in summary
        await pilot.press("ctrl+q")
    reg.close()

    reg2 = open_register(home)
    plan = reg2.load(demo.id)
    reg2.close()
    m = plan.latest_meeting
    assert plan.long_term_goal == "Att gå i skolan och sova bättre"
    elsa = next(p for p in m.participants if p.is_person)
    assert elsa.has_spoken and elsa.speaker_notes == "Trivs med mentorn"
    per = next(p for p in m.participants if p.name == "Per Ström")
    assert per.organisation == "Fritidsgården" and per.attendance == Attendance.present
    assert next(p for p in m.participants if p.name == "Johan Lindqvist").attendance == Attendance.absent_notice
    need = m.needs[0]
    assert need.question_ids == [plan.questions[0].id] and need.disagreement and need.parties == "Skolan och BUP"
    goal = m.goals[0]
    assert goal.text == "Elsa är i skolan varje förmiddag"
    assert goal.child_words == "Jag är i skolan varje förmiddag"
    assert goal.measures[0].child_words == "Omar pratar med mig varje vecka"
    first, second = goal.measures
    assert (first.what, first.responsible.organisation, first.responsible.person) == (
        "Mentorssamtal", "Strandskolan", "Omar Haddad")
    assert (first.start, first.until, first.frequency, first.place) == (
        dt.date(2026, 3, 9), dt.date(2026, 6, 12), "varje vecka", "Skolan")
    assert second.what == "Sömnbedömning" and not second.responsible.is_set
    assert m.own_actions[0].who == "person" and m.own_actions[0].text.startswith("Lägger fram")
    assert plan.huvudansvarig.organisation == "Strandskolan" and plan.huvudansvarig.person == "Anna Berg"
    assert (m.follow_up.date, m.follow_up.time, m.follow_up.place) == (
        dt.date(2026, 5, 4), dt.time(13, 30), "Strandskolan")
    assert m.person_agrees is True and m.if_critical == "Ring socialjouren"
    assert m.copies_to == ["Elsa Lindqvist", "Maria Lindqvist", "Johan Lindqvist"]
    assert [round(p.elapsed_seconds) for p in m.phases] == [21 * 60, 15 * 60, 20 * 60]
    assert m.current_phase == 2 and m.phases[0].ended_at is not None


async def test_agreement_noted_for_a_remote_participant(home, demo):
    """Summary, g: Johan took part remotely and cannot sign; his oral agreement is noted with the time
    and the note-taker, and the signature block prints it."""
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    johan = next(p for p in demo.latest_meeting.participants if p.name == "Johan Lindqvist")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "n")  # to the summary
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#f-pick").value == johan.id  # the remote one without a note first
        await pilot.press("ctrl+s")  # "Godkänner planen"
        await settle(app, pilot, 0.7)
        assert "Johan Lindqvist godkänner (muntligt kl." in text_of(app, "#summary-text")
    reg.close()
    reg2 = open_register(home)
    plan = reg2.load(demo.id)
    reg2.close()
    agreed = next(p for p in plan.latest_meeting.participants if p.id == johan.id).agreement
    assert agreed is not None and agreed.agrees and agreed.oral and agreed.at is not None
    assert agreed.noted_by == "Karin Ek"


async def test_huvudansvarig_picked_from_participants(home, demo):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "h")
        await pilot.pause()
        await pilot.press("a", "n", "n", "a")  # typed, as the secretary picks her: fills the fields
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.7)
    reg.close()
    reg2 = open_register(home)
    plan = reg2.load(demo.id)
    reg2.close()
    assert plan.huvudansvarig.person == "Anna Berg" and plan.huvudansvarig.org_kind == OrgKind.school


async def test_an_edit_to_a_plan_closed_meanwhile_is_refused_in_swedish(home, demo):
    """The views post their edits; the screen applies them through lifecycle.edits, whose guard refuses
    a closed plan: the goal typed in Planera is not added and the secretary reads why."""
    from sipmote.model import PlanStatus

    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")
        await pilot.pause()
        screen = app.screen
        screen.plan.status = PlanStatus.closed  # closed from elsewhere while the meeting is open
        await pilot.press("g")
        await type_text(pilot, "Elsa går till skolan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.meeting.goals == []
        shown = [n.message for n in app._notifications]
        assert any("Planen är avslutad och kan inte ändras" in m for m in shown), shown
    reg.close()


async def test_the_last_speaker_is_heard_when_the_meeting_moves_on(home, demo):
    """Enter on each speaker round the table, then on to Problematisera: the last speaker has
    spoken too, so the summary does not say they never came to speak."""
    meeting = demo.latest_meeting
    for p in meeting.participants:
        p.has_spoken = False
    meeting.current_speaker_id = None
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    speakers = meeting.speaking_order()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "LYSSNA" in text_of(app, "#ph-name")
        for _ in speakers:
            await pilot.press("enter", "down")
        await pilot.pause()
        assert table_text(app, "#speakers").count("✓") == len(speakers) - 1  # the last one has the word
        await pilot.press("n", "n", "n")  # Problematisera, Planera, the summary
        await settle(app, pilot, 0.7)
        summary = text_of(app, "#summary-text")
        assert "kommit till tals" not in summary, summary
    reg.close()
    reg2 = open_register(home)
    saved = reg2.load(demo.id).latest_meeting
    reg2.close()
    assert saved.not_yet_spoken() == [] and saved.current_speaker_id is None
