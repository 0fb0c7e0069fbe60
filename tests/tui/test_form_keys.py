"""Issue 12 items 8 and 9: Enter in the kit's text forms does what the hint says, and a
suggested role is taken on Enter (Tab, →) wherever a role is typed."""

from __future__ import annotations

import pytest
from test_dialog_kit import Host
from test_prepare_screen import PID, reg  # noqa: F401 - the preparation's register fixture
from test_tui_helpers import make_app
from textual.widgets import Input

from sipmote.i18n import t
from sipmote.tui.dialogs import Field, FormDialog
from sipmote.tui.dialogs.fields import SuggestInput
from sipmote.tui.widgets.meeting.common import role_options

SOCSEK = "Socialsekreterare/handläggare"


async def typed(dialog, *keys: str) -> list:
    """Press ``keys`` in ``dialog``; what it was dismissed with."""
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
    return app.results


def letters(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


# ---- item 8: Enter saves, Ctrl+J (Shift+Enter) is a new line, the hint says so

async def test_enter_saves_a_one_field_multiline_form_and_ctrl_j_starts_a_new_line():
    form = FormDialog("Anteckningar: Elsa", [Field("notes", "Anteckningar", "multiline")])
    results = await typed(form, *letters("Rad ett"), "ctrl+j", *letters("Rad två"), "shift+enter", "x", "enter")
    assert results == [{"notes": "Rad ett\nRad två\nx"}]  # before: Enter was a new line and nothing saved


async def test_the_hint_of_a_multiline_form_names_enter_and_the_new_line_key():
    form = FormDialog("Nuläge", [Field("notes", "Nuläge", "multiline")])
    app = Host(form)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        hint = str(form.query_one("#form-hint").render())
    assert hint == t("dlg.lines_hint") and "Enter sparar" in hint and "Ctrl+J ny rad" in hint


async def test_enter_in_a_multiline_field_that_is_not_the_last_goes_to_the_next_field():
    form = FormDialog("Delmål", [Field("goal", "Delmål", "multiline"), Field("who", "Vem", "text")])
    app = Host(form)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*letters("Går till skolan"), "enter")
        await pilot.pause()
        assert app.focused is form.query_one("#f-who")  # no new line in the goal: the next field
        assert "Ctrl+J ny rad" in str(form.query_one("#form-hint").render())
        await pilot.press(*letters("Elsa"), "enter")
        await pilot.pause()
    assert app.results == [{"goal": "Går till skolan", "who": "Elsa"}]


@pytest.mark.parametrize(("view_keys", "key", "saved"), [
    ((), "g", lambda plan: plan.long_term_goal),
    ((), "e", lambda plan: plan.latest_meeting.participants[0].speaker_notes),
    (("s",), "i", lambda plan: plan.latest_meeting.if_critical),
], ids=["g-viktigt", "e-anteckningar", "i-om-nagot-akut"])
async def test_enter_saves_the_meetings_one_field_text_forms(demo_reg, demo, view_keys, key, saved):
    app = make_app(demo_reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*view_keys, key)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        area = form.query_one("#f-" + form.fields[0].name)
        area.text = ""
        await pilot.press(*letters("Första"), "ctrl+j", *letters("Andra"), "enter")
        await pilot.pause()
        assert app.screen is not form  # Enter saved and closed the form
        plan = app.screen.plan
        assert saved(plan) == "Första\nAndra"


# ---- item 9: the suggestion shown is what Enter (Tab, →) takes

def role_form() -> FormDialog:
    return FormDialog("Ny deltagare", [Field("role", "Roll", "suggest", "", role_options()),
                                       Field("name", "Namn", "text")])


@pytest.mark.parametrize("key", ["enter", "tab", "right"])
async def test_a_suggested_role_is_taken_by_enter_tab_and_right(key):
    form = role_form()
    app = Host(form)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*letters("Socialsekreterare"), key)  # typed at full speed, no wait for the worker
        await pilot.pause()
        assert form.query_one("#f-role", Input).value == SOCSEK
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [{"role": "socialsekreterare", "name": ""}]  # the role's key: counted as that role


async def test_free_text_stays_when_no_suggestion_shows():
    results = await typed(role_form(), *letters("Fritidsledare x"), "enter", "ctrl+s")
    assert results == [{"role": "Fritidsledare x", "name": ""}]


async def test_the_meetings_participants_dialog_takes_the_suggested_role(demo_reg, demo):
    app = make_app(demo_reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d", "a")
        await pilot.pause()
        await pilot.press(*letters("Sara Ek"), "tab", "tab", "tab", *letters("Socialsekr"), "enter", "ctrl+s")
        await pilot.pause()
        meeting = next(s for s in app.screen_stack if hasattr(s, "meeting")).meeting
        person = meeting.participants[-1]
        assert (person.name, person.role, person.role_label) == ("Sara Ek", "socialsekreterare", SOCSEK)


async def test_the_preparation_takes_the_suggested_role_on_enter(reg):  # noqa: F811 - the fixture
    from test_lifecycle_support import Host as ScreenHost

    from sipmote.tui.screens.prepare import PrepareScreen

    app = ScreenHost(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        await s.open_section("people")
        s.query_one("#p_name", Input).value = "Sofia Nilsson"
        role = s.query_one("#p_role", SuggestInput)
        role.focus()
        await pilot.press(*letters("Socialsekreterare"), "enter")  # Enter in the row adds the person
        await pilot.pause()
        added = s.participants[-1]
        assert (added.name, added.role) == ("Sofia Nilsson", "socialsekreterare")



# ---- the role suggested is the chosen party's first ("S" at social services: Socialsekreterare)

async def test_the_meetings_participants_dialog_suggests_the_chosen_partys_role_first(demo_reg, demo):
    """"S" suggested Specialpedagog whatever the party (the first role starting with S); a social
    secretary typed "S", Enter, and was counted as a special needs teacher. The grey suggestion
    shown and what Enter takes are the party's own role."""
    app = make_app(demo_reg, demo.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d", "a")
        await pilot.pause()
        await pilot.press(*letters("Sara Ek"), "tab", *letters("soc"), "tab", "tab", "S")  # party: Socialtjänst
        await pilot.pause(0.3)
        role = app.screen.query_one("#f-role", SuggestInput)
        assert role.suggestion() == SOCSEK and role._suggestion == SOCSEK  # shown in grey: the same one
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        person = next(s for s in app.screen_stack if hasattr(s, "meeting")).meeting.participants[-1]
        assert (person.name, person.role) == ("Sara Ek", "socialsekreterare")


async def test_without_a_party_the_first_matching_role_is_suggested():
    form = role_form()
    app = Host(form)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        assert form.query_one("#f-role", SuggestInput).suggestion() == "Specialpedagog"


async def test_the_preparation_suggests_the_chosen_partys_role_first(reg):  # noqa: F811 - the fixture
    from test_lifecycle_support import Host as ScreenHost
    from textual.widgets import Select

    from sipmote.model import OrgKind
    from sipmote.tui.screens.prepare import PrepareScreen

    app = ScreenHost(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        await s.open_section("people")
        s.query_one("#p_org", Select).value = OrgKind.regional_health
        role = s.query_one("#p_role", SuggestInput)
        role.focus()
        await pilot.press("K")
        await pilot.pause()
        assert role.suggestion() == "Kurator"  # BUP's kurator, not social services' Kontaktperson
        s.query_one("#p_org", Select).value = OrgKind.social_services
        assert role.suggestion() == "Kontaktperson"


# ---- a field the secretary is not in shows the start of its text

LONG = "Extra stöd i matematik två gånger i veckan med speciallärare i lilla gruppen på onsdagar"


def shown(form, name: str) -> str:
    """The text a field shows now (the line with its text, any border cut off)."""
    widget = form.query_one("#f-" + name)
    lines = ["".join(s.text for s in strip).strip("▊▎▔▁ ") for strip in widget.render_lines(widget.region.reset_offset)]
    return max(lines, key=len)


async def test_a_long_text_shows_its_start_when_the_secretary_is_not_in_its_field():
    """Textual keeps a field's view at the cursor: a long measure left its end on the projector
    ('… i lilla gruppen på onsdagar') once the secretary tabbed on, and a form opened to edit
    showed the end of every long field."""
    form = FormDialog("Insats", [Field("what", "Vad", "text"), Field("who", "Vem", "text", LONG)])
    app = Host(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(form, "who").startswith("Extra stöd i matematik")  # opened with it: the start
        await pilot.press(*letters(LONG), "tab")
        await pilot.pause()
        assert shown(form, "what").startswith("Extra stöd i matematik")  # typed, then left
        await pilot.press("end")
        await pilot.pause()
        assert shown(form, "who").endswith("på onsdagar")  # in the field: the view follows the cursor
