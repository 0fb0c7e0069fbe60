"""Typing into the field a form opens on adds to its text; it never replaces it (final audit of
issue 12: Textual selects a field's text when it gets focus, so the first key wiped it - 'k' then
', Maria Ek' stored only 'Maria Ek' as the copies of the plan, and an own action edited with
' varje kväll' became just that). Tab into a field later still selects its text, as on Windows:
typing over a value a picked participant filled in replaces it (test_choice_fields)."""

from __future__ import annotations

from test_prepare_screen import PID, reg  # noqa: F401 - the fixture with the prepared plan
from test_tui_helpers import FakeClock, make_app, open_register, settle, stored_plan, type_text


async def test_a_filled_field_takes_what_is_typed_after_its_text(home, demo):
    register = open_register(home)
    demo.latest_meeting.copies_to = []
    register.save(demo)
    app = make_app(register, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "k")  # copies: the person and the guardians already filled in
        await pilot.pause()
        before = app.screen.query_one("#f-copies").value
        assert before.startswith("Elsa Lindqvist")
        await type_text(pilot, ", Maria Ek")
        await pilot.press("enter")
        await settle(app, pilot, 0.7)
        # the roles: the leader's field, where the form opens
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        leader = app.screen.query_one("#f-leader").value
        assert leader
        await type_text(pilot, " och Omar Haddad")
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.7)
    register.close()
    plan = stored_plan(home, demo.id)
    assert plan.latest_meeting.copies_to == [*(n.strip() for n in before.split(",")), "Maria Ek"]
    assert plan.latest_meeting.leader == f"{leader} och Omar Haddad"


async def test_the_preparation_adds_to_a_filled_field(reg):  # noqa: F811 - reg is a fixture
    """The preparation opens with the cursor in the person's name: a key adds to the name."""
    from conftest import Host

    from sipmote.tui.screens.prepare import PrepareScreen

    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        name = app.screen.query_one("#name")
        assert app.screen.focused is name and name.value == "Elsa Lindqvist"
        await type_text(pilot, " Berg")
        assert name.value == "Elsa Lindqvist Berg"
