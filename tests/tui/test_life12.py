"""Issue 12, the lifecycle items: follow-up results and deviations offered at once (17),
wording and plurals (18)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_followup_screen import PID, screen_factory
from test_lifecycle_support import TODAY, Host, plan
from textual.widgets import Static

from sipmote import i18n
from sipmote import lifecycle as life
from sipmote.i18n import label, t
from sipmote.model import MeasureStatus
from sipmote.store import Register
from sipmote.tui.dialogs import TextDialog
from sipmote.tui.screens.dialogs import DeviationDraftsDialog


@pytest.fixture
def reg(home):
    r = Register(home).open()
    p = plan(PID, "Elsa Lindqvist", held=dt.date(2026, 1, 19), follow_up=dt.date(2026, 3, 9))
    fu = life.start_follow_up(p, TODAY)
    fu.id = "fu-meeting-1"
    r.save(p)
    yield r
    r.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_count_messages_agree_with_their_number(lang):
    i18n.set_language(lang)
    try:
        one, two = t("life.dev_saved", n=1, dropped=0), t("life.dev_saved", n=2, dropped=1)
        if lang == "sv":
            assert one == "1 avvikelse sparad, strukna: 0." and two == "2 avvikelser sparade, strukna: 1."
            assert t("mt.warn_no_responsible", n=1) == "⚠ 1 insats saknar ansvarig"
            assert t("life.eval_saved", n=1) == "1 utvärdering sparad."
            assert t("life.eval_count_so_far", n=1) == "1 svar registrerat."
            assert t("export.cli.strict", n=1).startswith("Dokumentet skrevs inte: 1 sak saknas")
            assert t("mt.review_open", n=1).startswith("1 insats saknar status")
        else:
            assert one == "1 deviation saved, dropped: 0." and two == "2 deviations saved, dropped: 1."
            assert t("life.eval_saved", n=1) == "1 evaluation saved."
        # the footer key and the status column say the same words
        assert t("life.key_not_done") == label(MeasureStatus.not_done)
    finally:
        i18n.set_language("sv")


async def test_not_done_offers_the_deviation_naming_the_measure_at_once(reg):
    app = Host(reg, screen_factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DeviationDraftsDialog)
        assert [(d.party, d.text) for d in dialog.drafts] == [
            ("BUP Exempelstad", "Den överenskomna insatsen ”Samtal om oro” har inte genomförts.")]
        hint = " ".join(str(s.render()) for s in dialog.query(Static))
        assert "Ctrl+S sparar" in hint  # how to save is shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, DeviationDraftsDialog)
        # kept once: setting the status again offers nothing new, leaving proposes nothing twice
        await pilot.press("2", "3")
        await pilot.pause()
        assert not isinstance(app.screen, DeviationDraftsDialog)
    stored = reg.load(PID)
    assert [d.text for d in stored.deviations] == ["Den överenskomna insatsen ”Samtal om oro” har inte genomförts."]
    assert stored.meetings[1].all_measures()[1].status == MeasureStatus.not_done


async def test_done_offers_nothing_and_the_effect_dialog_says_how_to_save(reg):
    app = Host(reg, screen_factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "1")
        await pilot.pause()
        assert not isinstance(app.screen, DeviationDraftsDialog)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        assert "Enter sparar" in str(app.screen.query_one("#form-hint", Static).render())


def screen_text(app) -> str:
    """What the terminal shows, as text (the screenshot's characters)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


@pytest.fixture
def sample(home):
    from test_lifecycle_support import sample_register

    from sipmote.model import Meeting, MeetingStatus, PlanStatus

    r = Register(home).open()
    sample_register(r)
    first = plan("plan00000007", "Maja Planerad", status=PlanStatus.draft, year=2014, serial="226")
    first.meetings = [Meeting(id="m7", date=TODAY, status=MeetingStatus.planned)]
    r.save(first)
    yield r
    r.close()


def register_rows(app) -> dict[str, list[str]]:
    from textual.widgets import DataTable

    table = app.screen.query_one("#plans", DataTable)
    return {str(table.get_row_at(i)[1]): [str(c) for c in table.get_row_at(i)] for i in range(table.row_count)}


async def test_register_a_planned_first_meeting_is_the_next_meeting_not_the_last(sample):
    from sipmote.tui.screens.register import RegisterScreen

    app = Host(sample, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)):
        row = register_rows(app)["Maja Planerad"]
        assert row[3] == "—"  # 'Senaste möte': nothing held yet
        assert row[4].startswith(TODAY.isoformat()) and "i dag" in row[4]
        shown = screen_text(app)
        assert "Nästa möte" in shown and "Nästa uppföljning" not in shown
        assert "Senaste möte" in shown
        assert register_rows(app)["Elsa Lindqvist"][3] == "2026-01-19"  # a held meeting is 'Senaste möte'


async def test_register_at_80x24_shows_the_next_meeting_column_and_dates_whole(sample):
    from sipmote.tui.screens.register import RegisterScreen

    app = Host(sample, lambda: RegisterScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Nästa möte" in shown
        overdue = register_rows(app)["Omar Said"][4]
        assert overdue.startswith("2026-02-23 ⚠") and overdue in shown  # the date and the mark, whole
        assert "Maja Pla" in shown  # the name gives way, but stays readable


# ---- item 12 and 13: the export dialog


def export_host(plan, meeting, today, tmp_path):
    from sipmote.tui.screens.export_modal import ExportModal

    modal = ExportModal(plan, meeting, folder=tmp_path, today=today)
    return modal, Host(modal)


async def test_export_dialog_fits_80x24_with_key_hints_and_the_sign_off_word(tmp_path, today):
    from sipmote.export.samples import signoff_plan
    from sipmote.model import Responsible

    plan = signoff_plan(today)
    meeting = plan.meetings[-1]
    meeting.all_measures()[0].responsible = Responsible()  # the insats nobody answers for
    modal, app = export_host(plan, meeting, today, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for button in ("#write", "#write-open", "#cancel"):
            region = modal.query_one(button).region
            assert region.height == 3 and region.bottom <= 24, button  # whole, not cut off
        shown = screen_text(app)
        assert "Enter skriv" in shown and "Esc avbryt" in shown and "Ctrl+O" in shown
        status = str(modal.query_one("#status", Static).render())
        assert status.startswith("⚠ Före underskrift saknas 2 saker: Insatsen ”Insats 1: stöd enligt plan")
        assert "saknar ansvarig" in status
        await pilot.click("#kind-min_plan")  # Min plan is not signed: no word
        await pilot.pause()
        assert str(modal.query_one("#status", Static).render()) == ""


async def test_export_default_names_differ_for_two_meetings_of_one_day(tmp_path, today):
    from textual.widgets import Input

    from sipmote.export import DocKind
    from sipmote.export.samples import signoff_plan
    from sipmote.tui.screens.export_modal import default_name

    plan, other = signoff_plan(today), signoff_plan(today)
    first, second = plan.meetings[-1], other.meetings[-1]
    second.id = "ffffff000000"
    assert first.date == second.date and first.time == second.time
    names = {default_name(DocKind.sip, "docx", m, today) for m in (first, second)}
    assert len(names) == 2
    modal, app = export_host(plan, first, today, tmp_path)
    async with app.run_test(size=(100, 30)):
        path = modal.query_one("#path", Input).value
        assert path == str(tmp_path / f"SIP-{today.isoformat()}-1300-{first.id[:6]}.docx")


# ---- item 17: follow-up results in the text views


def followed_up(reg):
    p = reg.load(PID)
    fu = p.meetings[-1]
    done, not_done = fu.all_measures()[0], fu.all_measures()[1]
    life.set_measure_status(p, fu.id, done.id, MeasureStatus.done)
    life.set_measure_effect(p, fu.id, done.id, "Elsa kommer i tid tre dagar av fem")
    life.set_measure_status(p, fu.id, not_done.id, MeasureStatus.not_done)
    reg.save(p)
    return p


def test_sipmote_show_prints_status_and_effect_per_insats(reg, capsys):
    from sipmote.cli import main

    followed_up(reg)
    assert main(["--home", str(reg.root), "show", PID]) == 0
    out = capsys.readouterr().out
    follow_up = out[out.index("Uppföljning av SIP"):]
    assert ("– Anpassad skolstart kl 10 (Strandskolan, Omar Haddad)\n"
            "          status: Genomförd · effekt: Elsa kommer i tid tre dagar av fem") in follow_up
    assert "– Samtal om oro (BUP Exempelstad)\n          status: Inte genomförd" in follow_up
    assert "– Sömnschema hemma" in follow_up and "status: ej bedömd" in follow_up
    first = out[:out.index("Uppföljning av SIP")]
    assert "status:" not in first  # the first meeting's measures have no result to show


async def test_the_register_plan_view_shows_the_follow_up_results(reg):
    from sipmote.tui.dialogs import TextViewDialog
    from sipmote.tui.screens.register import RegisterScreen

    followed_up(reg)
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextViewDialog)
        assert "status: Genomförd · effekt: Elsa kommer i tid tre dagar av fem" in app.screen.body
        assert "status: Inte genomförd" in app.screen.body


# ---- item 16: a follow-up held early


def test_a_follow_up_held_early_takes_the_day_it_was_held(reg):
    from sipmote.store import PlanSummary

    p = reg.load(PID)
    fu = p.meetings[-1]
    assert fu.date == dt.date(2026, 3, 9) and fu.date > TODAY  # booked a week ahead, held today
    life.finish_meeting(p, fu.id, TODAY)
    assert fu.date == TODAY
    assert PlanSummary.of(p).last_meeting == TODAY.isoformat()  # 'Senaste möte' never in the future
    days = [line[:10] for line in life.history(p)]
    assert days == sorted(days) and days[-1] == TODAY.isoformat()


def test_a_meeting_entered_afterwards_keeps_its_earlier_date(reg):
    p = reg.load(PID)
    fu = p.meetings[-1]
    life.finish_meeting(p, fu.id, dt.date(2026, 3, 12))  # marked held three days after the booked day
    assert fu.date == dt.date(2026, 3, 9)


# ---- item 10: the preparation asks before a participant goes


async def test_delete_in_the_invited_list_asks_naming_the_person_and_no_keeps_them(home):
    from test_prepare_screen import PID as PREP
    from test_prepare_screen import prepared_plan
    from textual.widgets import DataTable

    from sipmote.tui.dialogs import ConfirmDialog
    from sipmote.tui.screens.prepare import PrepareScreen

    r = Register(home).open()
    try:
        r.save(prepared_plan())
        app = Host(r, lambda: PrepareScreen(PREP))
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            await screen.open_section("people")  # built when opened; the person is the first row
            table = screen.query_one("#prep-participants", DataTable)
            table.focus()
            table.move_cursor(row=2)
            await pilot.press("delete")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog) and "Lars Holm" in dialog.question
            await pilot.press("n")  # the default is no: nothing goes
            await pilot.pause()
            assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [
                "Elsa Lindqvist", "Anna Berg", "Lars Holm"]
            await pilot.press("delete")
            await pilot.pause()
            table.move_cursor(row=0)  # the cursor moves while asked: Lars Holm still the one who goes
            await pilot.press("j")
            await pilot.pause()
            assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Elsa Lindqvist", "Anna Berg"]
    finally:
        r.close()


# ---- item 13: the deviation dialog's text whole at 80x24


async def test_deviation_dialog_shows_each_draft_whole_at_80x24():
    from sipmote.model import Deviation, DeviationKind

    text = "Den överenskomna insatsen ”Samtal om oro varannan vecka med skolkuratorn” har inte genomförts."
    drafts = [Deviation(kind=DeviationKind.measure_not_done, party="BUP Exempelstad, Lars Holm", text=text,
                        created=TODAY)]
    dialog = DeviationDraftsDialog(drafts)
    app = Host(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = " ".join(line.strip("█ ") for line in screen_text(app).splitlines())
        assert "Överenskommen insats har inte genomförts" in shown
        assert "”Samtal om oro" in shown and "skolkuratorn” har inte genomförts." in shown
        await pilot.press("space", "ctrl+s")  # unchecked: dropped
        await pilot.pause()
    assert app.results == [[]]
