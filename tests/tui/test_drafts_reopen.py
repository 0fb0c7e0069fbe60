"""Drafts a crash left, offered back and taken: the dialog opens again at once, filled in.

Each test types into a dialog, lets the app save what the autosave tick saves within a
second, stops the app without closing the dialog (a crash), starts a new app on the same
register and answers yes to "Du hade en osparad … – återställ?". Covered: a new plan's
preparation (no plan id yet: the register's new-plan slot), the evaluation dialog, the
deviation dialog's check boxes, the meeting's note form; a draft whose screen is not the
one shown waits for its dialog; no ("Släng") discards the draft."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import Host
from test_lifecycle_support import plan
from textual.widgets import DataTable, Input, Static

from sipmote.model import Attendance, OrgKind
from sipmote.store import Register
from sipmote.store.drafts import NEW_PLAN, DraftStore
from sipmote.tui.dialogs import ConfirmDialog, FormDialog
from sipmote.tui.screens.dialogs import DeviationDraftsDialog, EvaluationDialog
from sipmote.tui.screens.prepare import PrepareScreen
from sipmote.tui.screens.register import RegisterScreen

PID = "plan00000021"


def register_with_a_no_show(home) -> Register:
    reg = Register(home).open()
    p = plan(PID, "Elsa Lindqvist", held=dt.date(2026, 2, 23), follow_up=dt.date(2026, 4, 6))
    p.meetings[0].participants[2].attendance = Attendance.no_show  # Lars Holm, BUP: a deviation is proposed
    reg.save(p)
    return reg


async def crash(app, pilot) -> None:
    """What the autosave tick does within a second; then the app stops as if killed. The tick
    comes up to a second after the last key: a few short pauses let the fields' Changed
    messages reach their dialog first (one idle wait could return before them under load)."""
    for _ in range(4):
        await pilot.pause(0.05)
    assert app.save_now()


async def crash_in_dialog(home, key: str, kind: type, typing) -> Register:
    """On the register, ``key`` opens a dialog of ``kind`` for the plan; ``typing`` types into
    it; then the app stops as if killed. The register, for the next app."""
    reg = register_with_a_no_show(home)
    app = Host(reg, RegisterScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, kind)
        await typing(app.screen, pilot)
        await crash(app, pilot)
    return reg


async def accept_offer(app, pilot, title: str) -> None:
    for _ in range(20):
        await pilot.pause(0.05)
        if isinstance(app.screen, ConfirmDialog):
            break
    offer = app.screen
    assert isinstance(offer, ConfirmDialog) and "osparad" in offer.question and title in offer.question
    await pilot.press("j")
    for _ in range(20):
        await pilot.pause(0.05)
        if not isinstance(app.screen, ConfirmDialog | RegisterScreen):
            break


async def test_a_new_plan_typed_before_its_first_save_is_offered_and_reopened(home):
    reg = Register(home).open()
    app = Host(reg, RegisterScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        prep = app.screen
        assert isinstance(prep, PrepareScreen)
        await pilot.pause()
        prep.query_one("#name", Input).value = "Sara Testsson"
        prep.query_one("#address", Input).value = "Storgatan 1"
        await prep.open_section("consent")
        prep.query_one("#c_who", Input).value = "Eva Testsson"
        await crash(app, pilot)
    assert DraftStore(reg).load(NEW_PLAN)["prepare:new"]["values"]["name"] == "Sara Testsson"
    assert reg.summaries() == []  # never saved as a plan

    app = Host(reg, RegisterScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        await accept_offer(app, pilot, "Ny plan")
        prep = app.screen
        assert isinstance(prep, PrepareScreen)  # opened at once, filled in
        assert prep.query_one("#name", Input).value == "Sara Testsson"
        assert prep.query_one("#address", Input).value == "Storgatan 1"
        await pilot.pause()
        assert prep.section("consent").opened  # the section the draft fills opens (a new screen: folded)
        assert prep.query_one("#c_who", Input).value == "Eva Testsson"
        prep.query_one("#pnr", Input).value = "20120315-1236"
        await pilot.press("ctrl+s")  # saved: the new plan's draft slot is empty again
        await pilot.pause()
        assert app.save_now()
    assert [s.name for s in reg.summaries()] == ["Sara Testsson"]
    assert DraftStore(reg).load(NEW_PLAN) == {}
    reg.close()


async def test_a_new_plan_draft_is_found_when_new_plan_is_opened_again(home):
    reg = Register(home).open()
    DraftStore(reg).save(NEW_PLAN, {"prepare:new": {"title": "Ny plan", "values": {"name": "Sara Testsson"}}})
    app = Host(reg, lambda: PrepareScreen(None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#name", Input).value == "Sara Testsson"
        await pilot.press("escape", "j")  # left without saving, on purpose: the draft goes
        await pilot.pause()
        assert app.save_now()
    assert DraftStore(reg).load(NEW_PLAN) == {}
    reg.close()


async def test_evaluation_answers_are_offered_back_in_the_dialog(home):
    async def type_answers(dialog, pilot) -> None:
        await pilot.press(*"5 4 - 3 5", "enter")
        dialog.query_one("#f-party").value = OrgKind.school
        await pilot.press(*"4 4 4")

    reg = await crash_in_dialog(home, "e", EvaluationDialog, type_answers)
    assert reg.load(PID).meetings[0].evaluations == []  # not in the plan until Ctrl+S

    app = Host(reg, RegisterScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        await accept_offer(app, pilot, "Utvärdering av mötet 2026-02-23")
        dialog = app.screen
        assert isinstance(dialog, EvaluationDialog)
        assert dialog.query_one("#f-answers", Input).value == "4 4 4"
        assert dialog.query_one("#f-party").value == OrgKind.school
        assert "1 svar registrerat" in str(dialog.query_one("#form-note", Static).render())
        await pilot.press("space", *"4 4", "ctrl+s")  # typing goes on after the restored text
        await pilot.pause()
        assert app.save_now()
    evaluations = reg.load(PID).meetings[0].evaluations
    assert [(e.answers, e.org_kind) for e in evaluations] == [([5, 4, None, 3, 5], None),
                                                              ([4, 4, 4, 4, 4], OrgKind.school)]
    assert DraftStore(reg).load(PID) == {}
    reg.close()


async def test_deviation_boxes_are_offered_back_as_they_were(home):
    async def uncheck(dialog, pilot) -> None:
        await pilot.press("space")  # unchecked: to be dropped

    reg = await crash_in_dialog(home, "v", DeviationDraftsDialog, uncheck)

    app = Host(reg, RegisterScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        await accept_offer(app, pilot, "Avvikelser att ta ställning till (1)")
        dialog = app.screen
        assert isinstance(dialog, DeviationDraftsDialog)
        assert dialog.query_one("#f-d0").value is False  # as it was left
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.save_now()
    assert [d.status.value for d in reg.load(PID).deviations] == []  # dropped, nothing kept
    assert DraftStore(reg).load(PID) == {}
    reg.close()


async def note_typed_then_crash(home, demo, **app_args) -> tuple[Register, str]:
    """The meeting (opened directly, or from the register with ``m``), the second speaker's
    note form with text typed, then a crash. The register and the form's title."""
    from sipmote.tui.app import SipmoteApp
    from sipmote.tui.screens.meeting import MeetingScreen

    reg = Register(home).open()
    reg.save(demo)
    app = SipmoteApp(register=reg, **app_args)
    async with app.run_test(size=(100, 30)) as pilot:
        if "plan_id" not in app_args:
            await pilot.press("m")  # the register's only row: its meeting
        for _ in range(20):
            await pilot.pause(0.05)
            if isinstance(app.screen, MeetingScreen):
                break
        app.screen.query_one("DataTable", DataTable).focus()
        await pilot.press("down", "e")  # the second speaker: reopening must find the same row
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        await pilot.press(*"Sover dåligt")
        await crash(app, pilot)
    return reg, form.form_title


async def reopened_note(reg, title: str, **app_args) -> list:
    """Restart, accept the offer: the note form is open, filled. The screen stack then."""
    from sipmote.tui.app import SipmoteApp

    app = SipmoteApp(register=reg, **app_args)
    async with app.run_test(size=(100, 30)) as pilot:
        await accept_offer(app, pilot, title)
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, FormDialog):
                break
        form = app.screen
        assert isinstance(form, FormDialog) and form.form_title == title
        assert form.query_one("#f-notes").text == "Sover dåligt"
        stack = list(app.screen_stack)
    reg.close()
    return stack


async def test_the_note_form_reopens_on_the_same_speaker(home, demo):
    reg, title = await note_typed_then_crash(home, demo, plan_id=demo.id)
    await reopened_note(reg, title, plan_id=demo.id)


async def test_a_meeting_note_offered_on_the_register_opens_the_meeting_then_the_form(home, demo, today):
    from sipmote.tui.screens.meeting import MeetingScreen

    reg, title = await note_typed_then_crash(home, demo, today=today)
    stack = await reopened_note(reg, title, today=today)  # started on the register this time
    assert [type(s).__name__ for s in stack[-3:]] == ["RegisterScreen", "MeetingScreen", "FormDialog"]
    assert isinstance(stack[-2], MeetingScreen)  # the meeting opened first


async def test_a_draft_whose_screen_is_not_shown_waits_for_its_dialog(home):
    reg = register_with_a_no_show(home)
    opener = {"screen": "MeetingScreen", "action": "notes()"}
    DraftStore(reg).save(PID, {"FormDialog:Anteckningar: Elsa": {"title": "Anteckningar: Elsa",
                                                                  "values": {"notes": "x"}, "opener": opener}})
    app = Host(reg, RegisterScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        await accept_offer(app, pilot, "Anteckningar: Elsa")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)
        assert any("öppna ”Anteckningar: Elsa” igen" in n for n in app.notes)
        assert app.save_now()
    assert "FormDialog:Anteckningar: Elsa" in DraftStore(reg).load(PID)  # kept for that dialog
    reg.close()


async def test_declining_the_offer_discards_the_draft(home):
    reg = register_with_a_no_show(home)
    DraftStore(reg).save(NEW_PLAN, {"prepare:new": {"title": "Ny plan", "values": {"name": "Sara"}}})
    app = Host(reg, RegisterScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(20):
            await pilot.pause(0.05)
            if isinstance(app.screen, ConfirmDialog):
                break
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)
        assert app.save_now()
    assert DraftStore(reg).load(NEW_PLAN) == {}
    reg.close()


async def test_deviations_proposed_at_the_meeting_end_reopen_from_the_register(home, demo):
    """The deviation dialog after "Är mötet genomfört?" is opened by an answer, not an action:
    after a crash the register's deviations action proposes the same drafts, boxes as left."""
    from test_meeting_finish import _meeting_with_a_no_show
    from test_tui_helpers import FakeClock, make_app

    reg = Register(home).open()
    reg.save(_meeting_with_a_no_show(demo))
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "s", "ctrl+q")  # under way, the summary, quit: the question
        await pilot.pause()
        await pilot.press("enter")  # held
        await pilot.pause()
        assert isinstance(app.screen, DeviationDraftsDialog)  # Johan did not come
        await pilot.press("space")  # not kept
        await crash(app, pilot)

    app = Host(reg, RegisterScreen)
    async with app.run_test(size=(100, 30)) as pilot:
        await accept_offer(app, pilot, "Avvikelser att ta ställning till (1)")
        dialog = app.screen
        assert isinstance(dialog, DeviationDraftsDialog)
        assert dialog.query_one("#f-d0").value is False
    reg.close()


async def test_a_screen_draft_keeps_an_emptied_choice_empty():
    """A dropdown the user emptied is drafted as empty and put back empty (Textual 8's blank
    is Select.NULL: the draft used to store its repr and never clear the choice)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Select

    from sipmote.tui.dialogs.screen_drafts import ScreenDraft

    class Form(App):
        def compose(self) -> ComposeResult:
            yield Select([("Skola", "school"), ("Socialtjänst", "social")], value="school", id="party")

    app = Form()
    async with app.run_test() as pilot:
        draft = ScreenDraft(app.screen)
        choice = app.screen.query_one("#party", Select)
        assert draft.values() == {"party": "school"}
        choice.clear()
        await pilot.pause()
        assert draft.values() == {"party": ""}
        choice.value = "social"
        draft.put_back({"party": ""})
        await pilot.pause()
        assert choice.is_blank() and draft.values() == {"party": ""}


async def typed_in_meeting_then_crash(home, demo, keys: tuple[str, ...], field: str, text: str, today,
                                     open_export: bool = False):
    """From the register (``m``): the meeting, ``keys`` to a form, ``text`` typed into its
    ``field`` (emptied first), then a crash. The register and the form's title. With
    ``open_export``: the export dialog (x), Min plan chosen and another file name typed."""
    from sipmote.tui.app import SipmoteApp
    from sipmote.tui.screens.meeting import MeetingScreen

    reg = Register(home).open()
    reg.save(demo)
    app = SipmoteApp(register=reg, today=today)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        for _ in range(20):
            await pilot.pause(0.05)
            if isinstance(app.screen, MeetingScreen):
                break
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if open_export:
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("down", "space")  # chosen (space; Enter would write it)
            path = app.screen.query_one("#path", Input)
            path.focus()
            path.clear()
            await pilot.press(*"/tmp/elsa-plan.docx")
            await crash(app, pilot)
            return reg, app.screen.draft_title()
        form = app.screen
        assert isinstance(form, FormDialog), keys
        form.query_one(f"#f-{field}").clear()
        await pilot.press(*text)
        await crash(app, pilot)
    return reg, form.form_title


@pytest.mark.parametrize(("keys", "field"), [
    (("s", "k"), "copies"),  # the summary's forms: the summary is shown first (not where the meeting opens)
    (("s", "i"), "text"),
    (("d", "a"), "name"),  # a form on a dialog: the participants dialog opens first, then its add form
], ids=["copies", "critical", "participant"])
async def test_a_form_behind_a_view_or_a_dialog_reopens_at_once(home, demo, today, keys, field):
    from sipmote.tui.app import SipmoteApp

    reg, title = await typed_in_meeting_then_crash(home, demo, keys, field, "Lars Holm BUP", today)
    app = SipmoteApp(register=reg, today=today)
    async with app.run_test(size=(100, 30)) as pilot:
        await accept_offer(app, pilot, title)
        for _ in range(60):
            await pilot.pause(0.05)
            if isinstance(app.screen, FormDialog) and app.screen.form_title == title:
                break
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog) and form.form_title == title, [type(s).__name__ for s in app.screen_stack]
        box = form.query_one(f"#f-{field}")
        assert (box.text if field == "text" else box.value) == "Lars Holm BUP"
    reg.close()


async def test_the_statistics_fields_are_offered_back_and_the_screen_reopens(home, today):
    """F9 on the register, a period and a source typed, a crash: the statistics screen opens again
    with them (its drafts live in the register's slot for drafts without a plan)."""
    from sipmote.tui.app import SipmoteApp
    from sipmote.tui.screens.stats import StatsScreen

    reg = register_with_a_no_show(home)
    app = SipmoteApp(register=reg, today=today)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        for _ in range(20):
            await pilot.pause(0.05)
            if isinstance(app.screen, StatsScreen):
                break
        await pilot.pause()
        app.screen.query_one("#stats-from", Input).focus()
        await pilot.press(*"2026-1-1")
        app.screen.query_one("#stats-source", Input).focus()
        await pilot.press(*"Strandskolan")
        await crash(app, pilot)
    app = SipmoteApp(register=reg, today=today)
    async with app.run_test(size=(100, 30)) as pilot:
        await accept_offer(app, pilot, "Statistik")
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, StatsScreen) and app.screen.query_one("#stats-source", Input).value:
                break
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert screen.query_one("#stats-from", Input).value == "2026-1-1"
        assert screen.query_one("#stats-source", Input).value == "Strandskolan"
    reg.close()


async def test_the_export_dialogs_file_name_is_offered_back_in_the_dialog(home, demo, today):
    """The summary's x, another file name typed, a crash: the export dialog opens again (on the
    summary) with the document and the name as they were."""
    from textual.widgets import RadioSet

    from sipmote.tui.screens.export_modal import ExportModal

    reg, title = await typed_in_meeting_then_crash(home, demo, ("s",), "", "", today, open_export=True)
    from sipmote.tui.app import SipmoteApp

    app = SipmoteApp(register=reg, today=today)
    async with app.run_test(size=(100, 30)) as pilot:
        await accept_offer(app, pilot, title)
        for _ in range(60):
            await pilot.pause(0.05)
            if isinstance(app.screen, ExportModal):
                break
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ExportModal), [type(s).__name__ for s in app.screen_stack]
        assert modal.query_one("#path", Input).value == "/tmp/elsa-plan.docx"
        assert modal.query_one("#kind", RadioSet).pressed_index == 1  # Min plan, as chosen
    reg.close()
