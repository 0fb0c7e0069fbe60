"""Choice fields, as a secretary types them (issue 12 item 6, audit of the kit):

- picking a responsible among the participants fills party, organisation and person on
  screen at once, and what is typed into them afterwards is what is saved;
- Enter on a ◀ ▶ field does what Enter does in every field (next field; the last saves), so
  keys typed ahead never change the choice;
- every choice list finds by the one rule: the start of the label or of a word first, then
  anywhere ("lind" finds Anna Lindqvist)."""

from __future__ import annotations

import pytest
from test_dialog_kit import ORGS, run
from test_tui_helpers import FakeClock, make_app, open_register, settle, stored_plan, type_text

from sipmote.model import OrgKind
from sipmote.tui.dialogs import ChoiceDialog, Field, FormDialog

PEOPLE = [("Elsa Lindqvist", "elsa"), ("Anna Berg", "anna"), ("Anna Lindqvist", "al"), ("Omar Haddad", "omar")]


async def planera_with_a_goal(pilot) -> None:
    """From Lyssna to Planera, and a goal there (an insats needs one)."""
    await pilot.press("n", "n", "g")
    await type_text(pilot, "Elsa sover bättre")
    await pilot.press("ctrl+s")
    await pilot.pause()


def shown(app, name: str) -> str:
    """What a form field shows (a ◀ ▶ field's label, a text field's text)."""
    w = app.screen.query_one(f"#f-{name}")
    return str(w.render()).strip("◀▶ ") if hasattr(w, "options") else w.value


def test_the_search_rule_start_then_word_then_anywhere():
    from sipmote.tui.dialogs.search import search

    labels = ["Skola", "Regional hälso- och sjukvård", "Socialtjänst", "Annan"]
    assert [labels[i] for i in search(labels, "so")] == ["Socialtjänst", "Regional hälso- och sjukvård"]
    assert [labels[i] for i in search(labels, "SJUK")] == ["Regional hälso- och sjukvård"]
    assert [labels[i] for i in search(labels, "ial")] == ["Socialtjänst"]  # anywhere, last
    names = [n for n, _ in PEOPLE]
    assert [names[i] for i in search(names, "lind")] == ["Elsa Lindqvist", "Anna Lindqvist"]
    # one letter only at a start: 'u' typed ahead (the next key, after Enter went on) must not
    # turn Socialtjänst into 'Regional hälso- och sjUkvård' (seen in tmux in the huvudansvarig form)
    assert search(labels, "u") == [] and [labels[i] for i in search(labels, "r")] == [labels[1]]


async def test_a_choice_field_finds_a_word_inside_the_label():
    form = FormDialog("Vem", [Field("who", "Vem", "select", None, PEOPLE)])
    results, _ = await run(form, "l", "i", "n", "d", "ctrl+s")
    assert results == [{"who": "elsa"}]  # not "Anna Berg": today only the label's start matched
    form = FormDialog("Vem", [Field("who", "Vem", "select", None, PEOPLE)])
    results, _ = await run(form, "h", "a", "d", "ctrl+s")
    assert results == [{"who": "omar"}]


async def test_the_choice_dialog_lists_word_starts_before_matches_inside():
    results, _ = await run(ChoiceDialog("Huvudman", ORGS), "enter", text="so")
    assert results == [OrgKind.social_services]
    results, _ = await run(ChoiceDialog("Vem", PEOPLE), "down", "enter", text="qvist")
    assert results == ["al"]  # anywhere in the label: Elsa Lindqvist, then Anna Lindqvist


async def test_enter_on_a_choice_goes_on_and_in_the_last_field_saves():
    form = FormDialog("Roller", [Field("org", "Huvudman", "select", None, ORGS), Field("unit", "Enhet")])
    results, _ = await run(form, "s", "k", "o", "enter", "B", "enter", "n", "n")
    assert results == [{"org": OrgKind.school, "unit": "B"}]  # the n n after saving never reached the choice
    form = FormDialog("Vem räcker upp handen?", [Field("who", "Vem", "select", None, PEOPLE, required=True)])
    results, _ = await run(form, "o", "enter")
    assert results == [{"who": "omar"}]  # a one-field choice form saves on Enter, as its hint says


async def test_the_roles_typed_ahead_keep_their_party(home, demo):
    """Audit: `r` Tab "Lars Ek" Tab "sko" Enter Enter n n s turned "Skola" into "Närstående"."""
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("r", "tab", *"Lars Ek", "tab", "s", "k", "o", "enter", "enter", "n", "n", "s")
        await settle(app, pilot, 0.7)
    reg.close()
    meeting = stored_plan(home, demo.id).latest_meeting
    assert meeting.secretary == "Lars Ek" and meeting.convened_by.org_kind == OrgKind.school


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_a_picked_responsible_fills_the_fields_and_what_is_typed_after_is_saved(home, demo, size):
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    sofia = next(p for p in demo.latest_meeting.participants if p.name == "Sofia Nilsson")
    async with app.run_test(size=size) as pilot:
        await planera_with_a_goal(pilot)
        await pilot.press("a")
        await type_text(pilot, "Samtal om sömnen")
        await pilot.press("tab", "s", "o", "f")
        await pilot.pause()
        # seen at once, before anything is saved
        assert shown(app, "org_kind") == "Socialtjänst"
        assert shown(app, "organisation") == sofia.organisation
        assert shown(app, "person") == "Sofia Nilsson"
        await pilot.press("tab", "tab", *"Elevhälsan Åbyskolan", "tab", *"Eva Skolsköterska", "ctrl+s")
        await settle(app, pilot, 0.7)
        # the huvudansvarig form: the same pick, shown at once too
        await pilot.press("h", "o", "m")
        await pilot.pause()
        assert (shown(app, "org_kind"), shown(app, "organisation"), shown(app, "person")) == (
            "Skola", "Strandskolan", "Omar Haddad")
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.7)
    reg.close()
    plan = stored_plan(home, demo.id)
    r = plan.latest_meeting.goals[-1].measures[0].responsible
    assert (r.org_kind, r.organisation, r.person) == (OrgKind.social_services, "Elevhälsan Åbyskolan",
                                                      "Eva Skolsköterska")
    assert (plan.huvudansvarig.person, plan.huvudansvarig.org_kind) == ("Omar Haddad", OrgKind.school)


async def test_the_huvudansvarig_is_a_name_and_enter(home, demo):
    """h, a few letters of a participant, Enter: done (the pick fills the rest) - and the key
    typed behind it (u, the follow-up) opens its form instead of changing the party."""
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "h", "s", "o", "f", "enter", "u")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and app.screen.form_title == "Boka uppföljning"
        await pilot.press("escape")
        await settle(app, pilot, 0.7)
    reg.close()
    h = stored_plan(home, demo.id).huvudansvarig
    assert (h.person, h.org_kind) == ("Sofia Nilsson", OrgKind.social_services)


async def test_an_insats_form_opens_on_its_responsible_and_a_draft_keeps_what_was_typed(home, demo):
    """Editing an insats, the pick shows the participant who is responsible; a draft put back
    keeps the typed organisation and person (the pick restored does not overwrite them)."""
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await planera_with_a_goal(pilot)
        await pilot.press("a")
        await type_text(pilot, "Samtal")
        await pilot.press("tab", "o", "m", "ctrl+s")
        await settle(app, pilot, 0.7)
        await pilot.press("down", "enter")  # edit the insats
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert shown(app, "pick").startswith("Omar Haddad")
        form = app.screen
        app.screen.query_one("#f-person").focus()
        await pilot.pause()
        await type_text(pilot, "Eva Ek")
        await pilot.pause()
        values = form.draft_values()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.restore_values(values)  # as a crash's draft is put back
        await pilot.pause()
        assert shown(app, "person") == "Eva Ek" and shown(app, "organisation") == "Strandskolan"
    reg.close()


async def test_a_closed_dropdown_of_the_preparation_takes_typed_letters(home):
    from test_lifecycle_support import Host
    from textual.widgets import Select

    from sipmote.model import MeetingMode
    from sipmote.store import Register
    from sipmote.tui.screens.prepare import PrepareScreen

    reg = Register(home).open()
    app = Host(reg, lambda: PrepareScreen(None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        s = app.screen
        s.query_one("#mode", Select).focus()
        await pilot.press("v", "i", "d")
        assert s.query_one("#mode", Select).value == MeetingMode.video and not s.query_one("#mode", Select).expanded
        s.query_one("#conv_org", Select).focus()
        await pilot.press("s", "o")
        assert s.query_one("#conv_org", Select).value == OrgKind.social_services
        await pilot.press("enter", "r", "i", "enter")  # open, the list finds by the same rule: in list order
        await pilot.pause()  # among labels holding "ri" (Textual's own took the earliest place: Kriminalvården)
        assert s.query_one("#conv_org", Select).value == OrgKind.forsakringskassan
    reg.close()


async def test_coming_back_to_a_choice_starts_a_new_search():
    """In the tmux check: "soc" for one participant's party and "reg" for the next, typed less than
    a second apart, searched "socreg" and left Socialtjänst."""
    form = FormDialog("Två", [Field("org", "Huvudman", "select", None, ORGS), Field("unit", "Enhet")])
    results, _ = await run(form, "s", "o", "c", "tab", "x", "shift+tab", "r", "e", "g", "ctrl+s")
    assert results == [{"org": OrgKind.regional_health, "unit": "x"}]
    form = FormDialog("En", [Field("org", "Huvudman", "select", None, ORGS)])
    results, _ = await run(form, "s", "o", "x", "r", "e", "g", "ctrl+s")
    assert results == [{"org": OrgKind.regional_health}]  # "sox" finds nothing: x, then "re…" anew


async def test_the_next_participants_party_is_a_new_search(home, monkeypatch):
    from test_lifecycle_support import Host
    from textual.widgets import Select

    from sipmote.store import Register
    from sipmote.tui.dialogs import search
    from sipmote.tui.screens.prepare import PrepareScreen

    monkeypatch.setattr(search, "SEARCH_PAUSE", 60.0)  # as fast as a real burst, however slow Pilot is
    reg = Register(home).open()
    app = Host(reg, lambda: PrepareScreen(None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"Sara", "f5", *"Eva", "tab", *"soc", "tab", "tab", *"Kurator", "enter",
                          *"Per", "tab", *"reg")
        assert app.screen.query_one("#p_org", Select).value == OrgKind.regional_health
    reg.close()


async def test_an_own_action_for_a_guardian_is_found_by_their_name(home, demo):
    """Final audit: 'o' offered 'Elsa Lindqvist' or 'Familjen'; typing 'an' for Anna found
    nothing and the action stayed Elsa's. The family is named, so a name finds it."""
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "o", "j", "o")
        await pilot.pause()
        assert shown(app, "who").startswith("Familjen (") and "Johan Lindqvist" in shown(app, "who")
        await pilot.press("tab")
        await type_text(pilot, "Lägger fram kläderna kvällen innan")
        await pilot.press("enter")
        await settle(app, pilot, 0.7)
    reg.close()
    action = stored_plan(home, demo.id).latest_meeting.own_actions[-1]
    assert (action.who, action.text) == ("family", "Lägger fram kläderna kvällen innan")
