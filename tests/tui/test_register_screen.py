"""The start screen (register): rows, due-soon list with a fake today, search,
filter, delete with confirmation, close/reopen, withdrawn consent, deviation
drafts for a no-show, evaluation entry. Stored state is read back from the
Register after each step."""

from __future__ import annotations

import datetime as dt

import pytest
from test_lifecycle_support import TODAY, Host, plan, sample_register
from textual.widgets import DataTable, Input, Static

from sipmote import lifecycle as life
from sipmote.model import Attendance, CloseReason, DeviationKind, OrgKind, PlanStatus
from sipmote.store import Register
from sipmote.tui.dialogs import ConfirmDialog, TextDialog, TextViewDialog
from sipmote.tui.screens.dialogs import ClosePlanDialog, DeviationDraftsDialog, EvaluationDialog
from sipmote.tui.screens.register import RegisterScreen


@pytest.fixture
def reg(home):
    r = Register(home).open()
    sample_register(r)
    yield r
    r.close()


def rows(screen) -> list[list[str]]:
    table = screen.query_one("#plans", DataTable)
    if not table.display:
        return []
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def names(screen) -> list[str]:
    return [r[1] for r in rows(screen)]


async def select(pilot, screen, name: str) -> None:
    table = screen.query_one("#plans", DataTable)
    table.focus()
    table.move_cursor(row=names(screen).index(name))
    await pilot.pause()


async def test_rows_show_status_masked_number_meetings_and_due_marks(reg):
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        r = rows(screen)
        assert [x[1] for x in r] == ["Omar Said", "Elsa Lindqvist", "[bold]Kim[/bold] Test", "Åsa Öberg",
                                     "Liam Berg", "Nora Ek"]
        assert r[0] == ["Aktiv", "Omar Said", "100412-****", "2025-12-01", "2026-02-23 ⚠ 7 d sen"]
        assert r[1][4] == "2026-03-09 ● om 7 d"
        assert r[2][4] == "2026-04-06"  # more than 14 days away: not highlighted
        assert r[5][0] == "Avslutad" and r[5][4] == "—"  # a closed plan has no follow-up due
        assert all("-****" in x[2] for x in r)  # personnummer masked on every row
        due = str(screen.query_one("#due", Static).render())
        assert "försenade: 1" in due and "inom 14 dagar: 1" in due and "2026-03-02" in due
        await pilot.pause()


async def test_due_list_follows_the_fake_today(reg):
    app = Host(reg, lambda: RegisterScreen(today=dt.date(2026, 3, 25)))
    async with app.run_test(size=(100, 30)):
        r = rows(app.screen)
        assert [x[1] for x in r[:3]] == ["Omar Said", "Elsa Lindqvist", "[bold]Kim[/bold] Test"]
        assert r[1][4] == "2026-03-09 ⚠ 16 d sen" and r[2][4] == "2026-04-06 ● om 12 d"
        assert "försenade: 2" in str(app.screen.query_one("#due", Static).render())


async def test_a_follow_up_due_today_says_so(reg):
    app = Host(reg, lambda: RegisterScreen(today=dt.date(2026, 3, 9)))
    async with app.run_test(size=(100, 30)):
        assert rows(app.screen)[1][1:] == ["Elsa Lindqvist", "120412-****", "2026-01-19", "2026-03-09 ● i dag"]


async def test_search_by_name_and_filter_by_status(reg):
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await pilot.press("slash", *"oberg")
        await pilot.pause()
        assert names(screen) == ["Åsa Öberg"]
        search = screen.query_one("#search", Input)
        search.value = "zz"
        await pilot.pause()
        assert names(screen) == [] and "Ingen plan matchar" in str(screen.query_one("#empty", Static).render())
        search.value = ""
        await pilot.press("enter")  # back to the table
        await pilot.press("f")  # all -> draft
        await pilot.pause()
        assert names(screen) == ["Liam Berg"]
        await pilot.press("f", "f")  # -> active -> closed
        await pilot.pause()
        assert names(screen) == ["Nora Ek"]


async def test_delete_asks_first_and_removes_the_plan_from_the_register(reg):
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await select(pilot, screen, "Liam Berg")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert "plan00000004" in reg.ids()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert "plan00000004" not in reg.ids()
        assert "Liam Berg" not in names(screen)
        assert not (reg.plans_dir / "plan00000004.json").exists()


async def test_close_makes_read_only_and_reopen_records_the_reason(reg):
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await select(pilot, screen, "Åsa Öberg")
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ClosePlanDialog)
        await pilot.press("ctrl+s")  # nothing filled in: stays open with a message
        await pilot.pause()
        assert app.screen is dialog and "informerats" in str(dialog.query_one("#form-error", Static).render())
        dialog.query_one("#f-informed", Input).value = "Åsa, vårdnadshavarna, BUP"
        dialog.query_one("#f-where", Input).value = "Skolkuratorn"
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = reg.load("plan00000003")
        assert stored.status == PlanStatus.closed and stored.closure.reason == CloseReason.goals_met
        assert stored.closure.date == TODAY and stored.closure.informed == ["Åsa", "vårdnadshavarna", "BUP"]
        # read-only: prepare and follow-up are refused, nothing opens
        for key in ("p", "u", "c"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"Ny oro")
        await pilot.press("enter")
        await pilot.pause()
        again = reg.load("plan00000003")
        assert again.status == PlanStatus.active and again.reopenings[0].reason == "Ny oro"
        await pilot.press("enter")  # open: the history shows the closing and the reopening
        await pilot.pause()
        assert isinstance(app.screen, TextViewDialog)
        assert "Återöppnad: Ny oro" in app.screen.body and "Avslutad: Målen är uppnådda" in app.screen.body


async def test_withdrawn_consent_stops_the_meeting_and_offers_closing(home):
    reg = Register(home).open()
    p = plan("plan00000010", "Elsa Lindqvist", held=dt.date(2026, 1, 19), follow_up=dt.date(2026, 3, 9))
    life.withdraw_consent(p, p.consents[0].id, dt.date(2026, 2, 20))
    reg.save(p)
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("u")  # follow up: refused, closing offered
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Samtycket är återkallat" in app.screen.question
        await pilot.press("j")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ClosePlanDialog)
        assert dialog.query_one("#f-reason").value == CloseReason.consent_withdrawn
        dialog.query_one("#f-informed", Input).value = "Elsa, Maria"
        dialog.query_one("#f-where", Input).value = "Socialtjänstens mottagning"
        await pilot.press("ctrl+s")
        await pilot.pause()
    stored = reg.load("plan00000010")
    assert stored.status == PlanStatus.closed and stored.closure.reason == CloseReason.consent_withdrawn
    assert len(stored.meetings) == 1  # no follow-up was started
    reg.close()


def register_with_a_no_show(home, pid: str, status=None) -> Register:
    """One plan whose meeting Lars Holm (BUP) did not come to; ``status`` the meeting's (held)."""
    reg = Register(home).open()
    p = plan(pid, "Elsa Lindqvist", held=dt.date(2026, 2, 23), follow_up=dt.date(2026, 4, 6))
    if status is not None:
        p.meetings[0].status = status
    p.meetings[0].participants[2].attendance = Attendance.no_show
    reg.save(p)
    return reg


async def test_a_no_show_produces_a_deviation_draft_the_leader_keeps(home):
    reg = register_with_a_no_show(home, "plan00000011")
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, DeviationDraftsDialog)
        assert [d.kind for d in app.screen.drafts] == [DeviationKind.party_absent]
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = reg.load("plan00000011")
        assert [(d.kind, d.party, d.status.value) for d in stored.deviations] == [
            (DeviationKind.party_absent, "Lars Holm (BUP Exempelstad)", "kept")]
        await pilot.press("v")  # nothing left to propose
        await pilot.pause()
        assert app.screen.__class__ is RegisterScreen
    reg.close()


async def test_a_dropped_draft_is_not_stored(home):
    reg = Register(home).open()
    p = plan("plan00000012", "Elsa Lindqvist", held=dt.date(2026, 2, 23), follow_up=dt.date(2026, 4, 6))
    p.meetings[0].participants[2].attendance = Attendance.no_show
    reg.save(p)
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("space")  # uncheck the only draft (it has focus)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert reg.load("plan00000012").deviations == []
    reg.close()


async def test_evaluation_quick_entry_is_stored_without_names(reg):
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await select(pilot, app.screen, "Elsa Lindqvist")
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EvaluationDialog)
        await pilot.press(*"5 4 - 3 5", "enter")
        await pilot.press(*"543", "enter")  # too few: a message, nothing added
        await pilot.pause()
        assert "3 svar angavs" in str(dialog.query_one("#form-error", Static).render())
        dialog.query_one("#f-answers", Input).value = ""
        dialog.query_one("#f-party").value = OrgKind.school
        await pilot.press(*"44444", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # the plan's overview shows the means, no names
        await pilot.pause()
        assert "Utvärdering av mötet 2026-01-19 (2 svar)" in app.screen.body
        assert "1: 4.5 · 2: 4.0 · 3: 4.0 · 4: 3.5 · 5: 4.5" in app.screen.body
    m = reg.load("plan00000001").meetings[0]
    assert [e.answers for e in m.evaluations] == [[5, 4, None, 3, 5], [4, 4, 4, 4, 4]]
    assert [e.org_kind for e in m.evaluations] == [None, OrgKind.school]
    assert all(e.participant_id is None for e in m.evaluations)


async def test_user_text_with_markup_is_shown_literally(reg):
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await select(pilot, app.screen, "[bold]Kim[/bold] Test")
        await pilot.press("enter")
        await pilot.pause()
        assert "[bold]Kim[/bold] Test" in app.screen.title_text


def test_register_snapshot(reg, snap_compare):
    assert snap_compare(Host(reg, lambda: RegisterScreen()), terminal_size=(100, 30))


def test_register_snapshot_search(reg, snap_compare):
    assert snap_compare(Host(reg, lambda: RegisterScreen()), terminal_size=(100, 30), press=["slash", *"ek"])


def test_register_snapshot_in_the_real_app(reg, snap_compare):
    """The start screen as the real app shows it (its theme and stylesheet)."""
    from sipmote.tui.app import SipmoteApp

    assert snap_compare(SipmoteApp(register=reg, today=TODAY), terminal_size=(100, 30))


async def test_a_large_register_draws_the_due_plans_first_and_says_how_many_are_hidden():
    from sipmote.store.register import PlanSummary

    class ManyPlans:  # stands in for a register of 250 plans (only the index is read here)
        def take_notices(self):
            return []

        def summaries(self):
            rows = [PlanSummary(f"p{i:011d}", f"Person {i:03d}", None, "active", "2026-01-01", "2026-09-01",
                                "2026-01-01T00:00:00") for i in range(249)]
            rows.append(PlanSummary("p99999999999", "Zelda Sist", None, "active", "2026-01-01", "2026-02-20",
                                    "2026-01-01T00:00:00"))
            return rows

    reg = ManyPlans()
    app = Host(reg, lambda: RegisterScreen(reg))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert len(rows(screen)) == 200 and names(screen)[0] == "Zelda Sist"  # overdue: first, not cut off
        assert "Visar 200 av 250 planer" in str(screen.query_one("#more", Static).render())
        screen.query_one("#search", Input).value = "person 24"
        await pilot.pause()
        assert len(rows(screen)) == 12 and not screen.query_one("#more", Static).display  # every word must match


async def test_a_broken_markup_name_survives_dialogs_and_notifications(home):
    reg = Register(home).open()
    reg.save(plan("plan00000020", "[/oops] Ebba [red", held=dt.date(2026, 1, 19), follow_up=dt.date(2026, 3, 9)))
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert "[/oops] Ebba [red" in str(app.screen.query_one("#form-title", Static).render())
        app.screen.query_one("#f-informed", Input).value = "Ebba"
        app.screen.query_one("#f-where", Input).value = "Skolkuratorn"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("[/oops] Ebba [red" in n.message for n in app._notifications)
        await pilot.press("delete")
        await pilot.pause()
        assert "[/oops] Ebba [red" in app.screen.question
        await pilot.press("j")
        await pilot.pause()
    assert reg.ids() == []
    reg.close()


async def test_follow_up_of_a_plan_whose_meeting_was_left_running_finishes_it_by_default(home):
    """'u' on a plan whose last meeting was never marked held: the question has yes focused (not
    red), and yes finishes the meeting as leaving it would have — its deviations, then the follow-up."""
    from sipmote.model import MeetingStatus
    from sipmote.tui.screens.followup import FollowUpScreen

    reg = register_with_a_no_show(home, "plan00000012", status=MeetingStatus.running)
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.focused.id == "yes" and "error" not in app.screen.focused.variant
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeviationDraftsDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
    stored = reg.load("plan00000012")
    reg.close()
    assert stored.meetings[0].status == MeetingStatus.held
    assert [d.kind for d in stored.deviations] == [DeviationKind.party_absent]
    assert stored.latest_meeting.kind.value == "follow_up"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_close_dialogs_hints_are_whole(reg, size):
    """Final audit: at 80 columns the 'Informerade' field cut its hint ("…t.ex. Elsa,")."""
    from rich.cells import cell_len

    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=size) as pilot:
        await select(pilot, app.screen, "Åsa Öberg")
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ClosePlanDialog)
        hints = [(f.id, str(f.placeholder), f.content_region.width) for f in dialog.query(Input) if f.placeholder]
        assert any("upphör" in text for _, text, _w in hints)
        for wid, text, width in hints:
            assert cell_len(text) <= width, (wid, text, width)
