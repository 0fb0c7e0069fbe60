"""The preparation screen: loads a stored plan, validates in Swedish, saves,
edits the invited list, withdraws a consent; snapshots at 100x30."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from test_lifecycle_support import TODAY, Host, person_number, plan
from textual.widgets import DataTable, Input, Select, SelectionList, Static

from sipmote import lifecycle as life
from sipmote.model import (
    ConsentForm,
    GoalCategory,
    Guardian,
    Meeting,
    MeetingMode,
    NeedNoticedBy,
    NoticedBy,
    OrgKind,
    Participant,
    PlanStatus,
    Question,
)
from sipmote.store import Register
from sipmote.tui.dialogs import ConfirmDialog
from sipmote.tui.screens.prepare import PrepareScreen

PID = "prep00000001"


def prepared_plan():
    p = plan(PID, "Elsa Lindqvist", status=PlanStatus.draft)
    p.guardians = [Guardian(id="g1", name="Maria Lindqvist", relation="mother", phone="070-000 00 02")]
    p.noticed_by = NeedNoticedBy(kinds=[NoticedBy.school, NoticedBy.relative])
    p.goal_category = GoalCategory.school_absence
    p.long_term_goal = "Jag vill gå i skolan och ha kompisar"
    p.questions = [Question(id="q1", text="Hur kommer Elsa tillbaka till skolan?")]
    p.meetings = [Meeting(id="m1", date=dt.date(2026, 3, 16), time=dt.time(13, 0), place="Strandskolan",
                          mode=MeetingMode.mixed, leader="Anna Berg", invitation_sent=TODAY, participants=[
                              Participant(id="pp0", name="Elsa Lindqvist", org_kind=OrgKind.person, role="person",
                                          is_person=True),
                              Participant(id="pp1", name="Anna Berg", org_kind=OrgKind.school,
                                          organisation="Strandskolan", role="bitr_rektor"),
                              Participant(id="pp2", name="Lars Holm", org_kind=OrgKind.regional_health,
                                          organisation="BUP Exempelstad", role="psykolog"),
                          ])]
    return p


@pytest.fixture
def reg(home):
    r = Register(home).open()
    r.save(prepared_plan())
    yield r
    r.close()


def problems(screen) -> str:
    return str(screen.query_one("#problems", Static).render())


async def test_the_stored_preparation_is_shown_and_checked(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)):
        s = app.screen
        assert s.query_one("#name", Input).value == "Elsa Lindqvist"
        await s.open_section("meeting")
        await s.open_section("people")
        pnr = s.query_one("#pnr", Input)
        assert pnr.password and pnr.value == person_number(2012)  # hidden on screen until revealed
        assert s.query_one("#g1name", Input).value == "Maria Lindqvist"
        assert s.query_one("#date", Input).value == "2026-03-16" and s.query_one("#time", Input).value == "13:00"
        table = s.query_one("#prep-participants", DataTable)
        # the person is listed first among the invited
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [
            "Elsa Lindqvist", "Anna Berg", "Lars Holm"]
        assert str(table.get_row_at(1)[1]) == "Biträdande rektor"
        assert "Allt ser bra ut" in problems(s)


async def test_reveal_toggles_the_personnummer(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+r")
        assert not app.screen.query_one("#pnr", Input).password
        await pilot.press("ctrl+r")
        assert app.screen.query_one("#pnr", Input).password


async def test_a_revealed_personnummer_hides_itself_again(reg, monkeypatch):
    from sipmote.tui.screens import prepare

    monkeypatch.setattr(prepare, "REVEAL_SECONDS", 2.0)  # the meeting's v: 5 s
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+r")
        assert not app.screen.query_one("#pnr", Input).password
        await pilot.pause(2.5)
        assert app.screen.query_one("#pnr", Input).password  # hidden again without a key


@pytest.mark.parametrize("field, value, message", [
    ("pnr", "20120412-1234", "Personnummer: Personnumret har fel kontrollsiffra"),
    ("date", "16/3", "Mötesdatum: Ogiltigt datum: ”16/3”. Skriv ÅÅÅÅ-MM-DD."),
    ("time", "kl 13", "Ogiltig tid: ”kl 13”"),
    ("date", "2027-01-10", "Inget giltigt samtycke gäller mötesdagen 2027-01-10"),
])
async def test_bad_values_get_swedish_messages_and_nothing_is_saved(reg, field, value, message):
    before = reg.load(PID).model_dump(exclude={"updated"})
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.screen.open_section("meeting")
        app.screen.query_one(f"#{field}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message in problems(app.screen)
    assert reg.load(PID).model_dump(exclude={"updated"}) == before


async def test_edits_are_saved_and_the_person_stays_invited_first(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        await s.open_section("people")
        await s.open_section("meeting")
        table = s.query_one("#prep-participants", DataTable)
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("delete")  # Lars Holm is no longer invited - asked first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        s.query_one("#p_org").value = OrgKind.social_services
        s.query_one("#p_name", Input).value = "Sofia Nilsson"
        s.query_one("#p_unit", Input).value = "Socialtjänsten Exempelstad"
        s.query_one("#p_role", Input).value = "handläggare"  # free text is kept as typed
        s.query_one("#p_name", Input).focus()
        await pilot.press("enter")
        s.query_one("#place", Input).value = "Rum 2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Förberedelsen är sparad" in problems(s)
    m = reg.load(PID).meetings[0]
    assert [(p.name, p.role) for p in m.participants] == [
        ("Elsa Lindqvist", "person"), ("Anna Berg", "bitr_rektor"), ("Sofia Nilsson", "handläggare")]
    assert m.participants[0].id == "pp0" and m.place == "Rum 2" and len(reg.load(PID).meetings) == 1


async def test_a_further_main_goal_category_is_ticked_with_the_keyboard_and_saved(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        await s.open_section("need")
        more = s.query_one("#more_categories", SelectionList)
        assert more.selected == []
        more.focus()
        await pilot.pause()
        assert more.highlighted == 0
        await pilot.press("down", "space")  # the second category: safe home
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Förberedelsen är sparad" in problems(s)
        assert more.selected == [GoalCategory.safe_home.value]
    stored = reg.load(PID)
    assert stored.goal_categories == [GoalCategory.school_absence, GoalCategory.safe_home]
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:  # shown again when the plan is opened
        await app.screen.open_section("need")
        assert app.screen.query_one("#more_categories", SelectionList).selected == [GoalCategory.safe_home.value]


async def test_withdrawing_the_consent_is_recorded_and_stops_meetings(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")  # the consent section opens, the first consent is asked about
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        cells = [str(c) for c in app.screen.query_one("#consents", DataTable).get_row_at(0)]
        assert cells[-1] == "Återkallat 2026-03-02"
    stored = reg.load(PID)
    assert stored.consents[0].withdrawn_on == TODAY
    gate = life.can_start_meeting(stored, TODAY)
    assert not gate.ok and gate.offer_close


async def test_a_consent_with_an_end_before_its_start_is_refused(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        await s.open_section("consent")
        for wid, value in (("c_who", "Johan Lindqvist"), ("c_from", "2026-05-01"), ("c_to", "2026-04-01")):
            s.query_one(f"#{wid}", Input).value = value
        s.query_one("#c_who", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "slutdatum ligger före startdatum" in problems(s)
        assert s.query_one("#consents", DataTable).row_count == 1


async def test_a_new_plan_is_created_on_save(home):
    reg = Register(home).open()
    app = Host(reg, lambda: PrepareScreen(None, new_plan_id="new000000001"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Namn måste anges" in problems(app.screen)
        app.screen.query_one("#name", Input).value = "Omar Said"
        await pilot.press("ctrl+s")
        await pilot.pause()
    stored = reg.load("new000000001")
    assert stored.person.name == "Omar Said" and stored.status == PlanStatus.draft
    assert stored.meetings[0].participants[0].is_person
    reg.close()


async def test_leaving_with_unsaved_changes_asks_first(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        prep = app.screen
        await pilot.press("escape")  # nothing changed: straight back
        await pilot.pause()
        assert app.screen is not prep
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        prep = app.screen
        await prep.open_section("meeting")
        prep.query_one("#place", Input).value = "Rum 3"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.screen is prep
        await pilot.press("ctrl+s", "escape")  # saved: no question
        await pilot.pause()
        assert app.screen is not prep
    assert reg.load(PID).meetings[0].place == "Rum 3"


def test_prepare_snapshot(reg, snap_compare):
    assert snap_compare(Host(reg, lambda: PrepareScreen(PID)), terminal_size=(100, 30))


def test_prepare_snapshot_participants_and_consent(reg, snap_compare):
    async def scroll(pilot):
        await pilot.press("f5", "f6")  # both sections open, the consents at the top
        await pilot.pause()

    assert snap_compare(Host(reg, lambda: PrepareScreen(PID)), terminal_size=(100, 30), run_before=scroll)


def test_prepare_snapshot_errors(reg, snap_compare):
    async def bad(pilot):
        screen = pilot.app.screen
        screen.query_one("#pnr", Input).value = "20120412-1234"
        await screen.open_section("meeting", focus=False)
        screen.query_one("#date", Input).value = "2027-01-10"
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(Host(reg, lambda: PrepareScreen(PID)), terminal_size=(100, 30), run_before=bad)


def test_prepare_snapshot_new_plan_80x24(home, snap_compare):
    """A new plan at 80x24: the person's fields and every section's key in view."""
    reg = Register(home).open()
    try:
        assert snap_compare(Host(reg, lambda: PrepareScreen(None, new_plan_id="new000000001")), terminal_size=(80, 24))
    finally:
        reg.close()


async def test_an_oral_consent_is_recorded_with_who_documented_it(reg):
    """F6 takes the consenting person's personnummer and phone and, for an oral consent,
    who documented it (else the SIP says 'ingen har dokumenterat det'); Tab goes through
    the fields as read and Enter in the last one adds the row."""
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(80, 24)) as pilot:
        s = app.screen
        await s.open_section("consent")
        await pilot.pause()
        order = []
        for _ in range(8):
            order.append(s.focused.id)
            await pilot.press("tab")
        assert order == ["c_who", "c_rel", "c_pnr", "c_phone", "c_form", "c_from", "c_to", "c_parties"]
        assert s.focused.id == "c_doc"
        s.query_one("#c_form", Select).value = ConsentForm.oral
        for wid, value in (("c_who", "Johan Lindqvist"), ("c_pnr", person_number(1980)), ("c_phone", "070-123 45 67"),
                           ("c_from", "2026-03-01"), ("c_doc", "Kim Ek, kurator")):
            s.query_one(f"#{wid}", Input).value = value
        await pilot.press("enter")
        await pilot.pause()
        assert s.query_one("#consents", DataTable).row_count == 2
        assert s.query_one("#c_doc", Input).value == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    added = reg.load(PID).consents[-1]
    assert (added.given_by, added.phone, added.documented_by) == ("Johan Lindqvist", "070-123 45 67", "Kim Ek, kurator")
    assert added.form == ConsentForm.oral
    assert added.given_by_personnummer.replace("-", "") == person_number(1980).replace("-", "")


async def test_many_problems_take_at_most_three_lines_at_80x24(home):
    """Final audit: after Ctrl+S on a form full of errors the list took 6 of 24 rows; now three
    lines at most, the rest counted ("… och N till"), the first error whole."""
    reg = Register(home).open()
    app = Host(reg, lambda: PrepareScreen(None, new_plan_id="new000000001"))
    async with app.run_test(size=(80, 24)) as pilot:
        s = app.screen
        s.query_one("#pnr", Input).value = "20120412-1234"
        await s.open_section("meeting", focus=False)
        for wid, value in (("date", "16/3"), ("time", "kl 13"), ("end_time", "x"), ("sent", "igår")):
            s.query_one(f"#{wid}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        box = s.query_one("#problems", Static)
        text = problems(s)
        assert box.content_region.height <= 3 and len(text.splitlines()) <= 3, text
        shown = [line for line in text.splitlines() if line.startswith(("✗", "•"))]
        assert "✗ Namn måste anges." in shown and re.fullmatch(r"… och \d+ till", text.splitlines()[-1]), text
    reg.close()
