"""The dialog kit: one set of keys for every dialog, choices searchable by typing, dates
through the one parser, and what is typed kept as a draft of the plan's session."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.app import App

from sipmote.i18n import label
from sipmote.model import OrgKind
from sipmote.session import PlanSession
from sipmote.store import Register
from sipmote.tui.dialogs import ChoiceDialog, ConfirmDialog, Field, FormDialog, TextDialog

ORGS = [(label(k), k) for k in OrgKind]


class Host(App):
    def __init__(self, dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


async def run(dialog, *keys: str, text: str = ""):
    """Type ``text``, press ``keys``; the results and the error line shown (if still open)."""
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if text:
            await pilot.press(*text)
        await pilot.press(*keys)
        await pilot.pause()
        error = str(dialog.query_one("#form-error").render()) if app.screen is dialog else None
        return app.results, error


async def test_a_choice_is_found_by_typing_its_start():
    form = FormDialog("Insats", [Field("org", "Huvudman", "select", None, ORGS)])
    results, _ = await run(form, "s", "o", "ctrl+s")
    assert results == [{"org": OrgKind.social_services}]  # "so" -> Socialtjänst, not Skola


async def test_the_same_letter_again_steps_to_the_next_match():
    form = FormDialog("Insats", [Field("org", "Huvudman", "select", None, ORGS)])
    results, _ = await run(form, "k", "k", "ctrl+s")
    assert results == [{"org": OrgKind.kriminalvarden}]  # Kommunal hälso- …, then Kriminalvården


@pytest.mark.parametrize("keys, expected", [(("enter",), "Ny oro"), (("escape",), None)])
async def test_a_one_line_text_saves_on_enter_and_cancels_on_escape(keys, expected):
    results, _ = await run(TextDialog("Skäl"), *keys, text="Ny oro")
    assert results == [expected]


async def test_an_empty_text_is_refused_with_a_message():
    results, error = await run(TextDialog("Skäl"), "enter")
    assert results == [] and "Skriv något först" in error  # still open, with the message


async def test_a_form_saves_on_ctrl_s_with_the_date_parsed_and_refuses_a_bad_one():
    form = FormDialog("Uppföljning", [Field("day", "Datum", "date"), Field("place", "Plats")])
    results, error = await run(form, "ctrl+s", text="31/2")
    assert results == [] and "Datum: Ogiltigt datum: ”31/2”" in error
    form = FormDialog("Uppföljning", [Field("day", "Datum", "date"), Field("place", "Plats")])
    results, _ = await run(form, "tab", "B", "ctrl+s", text="2026-3-9")
    assert results == [{"day": dt.date(2026, 3, 9), "place": "B"}]


@pytest.mark.parametrize("default, keys, expected", [
    (False, ("j",), True), (False, ("y",), True), (False, ("n",), False), (False, ("escape",), False),
    (False, ("enter",), False), (True, ("enter",), True),
])
async def test_confirm_keys_and_the_default_button(default, keys, expected):
    results, _ = await run(ConfirmDialog("Ta bort?", default=default), *keys)
    assert results == [expected]


async def test_confirm_shows_both_answers_with_their_keys():
    dialog = ConfirmDialog("Ta bort planen?", yes="Ta bort")
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        labels = [str(b.label) for b in dialog.query("Button")]
        assert labels == ["Ta bort (j)", "Nej (n)"]


async def test_choice_dialog_narrows_by_typing():
    results, _ = await run(ChoiceDialog("Huvudman", ORGS), "enter", text="hälso")
    assert results == [OrgKind.regional_health]  # the first label with a word starting "hälso"


async def test_what_is_typed_is_a_draft_until_saved_or_cancelled(home, demo):
    reg = Register(home).open()
    reg.save(demo)
    session = PlanSession.open(reg, demo.id)
    form = FormDialog("Anteckningar: Elsa", [Field("notes", "Anteckningar", "multiline")], session=session)
    app = Host(form)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"Sover dåligt")
        await pilot.pause()
        assert session.drafts[form.draft_key] == {"title": "Anteckningar: Elsa",
                                                 "values": {"notes": "Sover dåligt"}}
        session.flush()
        assert PlanSession.open(reg, demo.id).draft(form.draft_key) == {"notes": "Sover dåligt"}
        await pilot.press("escape")  # cancelled: the draft goes
        await pilot.pause()
        assert form.draft_key not in session.drafts
        session.flush()
        assert PlanSession.open(reg, demo.id).restored == {}
    reg.close()


async def test_a_dialog_opening_clears_the_toasts_that_were_said_already():
    """Audit: at 80x24 toasts covered "Är mötet genomfört?"'s buttons (`Ja, mötet ä▌`) and the
    deviation dialog's text. What was done is said at once; a warning once it has been read."""
    class Toasting(App):
        async def on_mount(self) -> None:
            for i in range(8):
                self.notify(f"Saknas {i}", severity="warning", timeout=30)
            self.notify("Mötet är genomfört")

    app = Toasting()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(app._notifications) == 9
        for n in app._notifications:
            n.raised_at -= 2.5  # the warnings have been on screen 2.5 s
        app.notify("Planen återställdes från säkerhetskopian", severity="warning")  # raised just now: kept
        app.push_screen(ConfirmDialog("Är mötet genomfört?", yes="Ja, mötet är genomfört", default=True))
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Planen återställdes från säkerhetskopian"]


async def test_a_draft_put_back_is_still_told(home, demo):
    reg = Register(home).open()
    reg.save(demo)
    session = PlanSession.open(reg, demo.id)
    session.restored["FormDialog:Plats"] = {"title": "Plats", "values": {"place": "Biblioteket"}}  # a crash's
    form = FormDialog("Plats", [Field("place", "Plats")], session=session)
    app = Host(form)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert form.query_one("#f-place").value == "Biblioteket"
        assert [n.message for n in app._notifications] == ["Texten från förra gången är återställd."]
    reg.close()
