"""Typing ahead across a row added with Enter (issue 12 item 5, found by the meeting story):
in the preparation, Enter in the participant's role adds the row and puts the cursor back in
the name — through a message (``Input.Submitted``) that the screen handles after the key. Keys
typed right behind the Enter must wait for that message, or the next name went into the row
just added ("Anna Berg" got the role "RektorOmar" and the next person was called "Haddad").

The keys arrive in one burst, as a terminal delivers them when the secretary types ahead
(Pilot's ``press`` would wait for the screen after each key)."""

from __future__ import annotations

from conftest import TODAY, FakeClock
from test_tui_helpers import open_register
from textual import events

from sipmote.tui.app import SipmoteApp


def burst(app, keys: list[str]) -> None:
    for k in keys:
        if len(k) == 1:
            app.post_message(events.Key("space" if k == " " else k, k))
        else:
            app.post_message(events.Key(k, None))


async def test_names_typed_right_after_enter_land_in_the_next_row(home):
    app = SipmoteApp(register=open_register(home), today=TODAY, clock=FakeClock())
    people = [("Anna Berg", "Strandskolan", "Rektor"), ("Omar Haddad", "Strandskolan", "Mentor"),
              ("Lars Holm", "BUP Exempelstad", "Psykolog")]
    consents = [("Maria Lindqvist", "Vårdnadshavare"), ("Johan Lindqvist", "Vårdnadshavare")]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "f5")  # the invited: the cursor in the name
        await pilot.pause()
        prep = app.screen
        keys: list[str] = []
        for name, unit, role in people:  # the party stays Skola: Tab past it
            keys += [*name, "tab", "tab", *unit, "tab", *role, "enter"]
        keys += ["f6"]  # consent: the cursor in who consents
        for who, relation in consents:
            keys += [*who, "tab", *relation, "tab", "tab", "tab", "tab", *"2026-03-01", "tab", *"2027-03-01", "enter"]
        burst(app, keys)
        for _ in range(100):
            await pilot.pause(0.05)
            if len(prep.consents) == len(consents):
                break
        got_people = [(p.name, p.organisation, p.role_label) for p in prep.participants]
        got_consents = [(c.given_by, c.relation) for c in prep.consents]
    assert got_people[-3:] == [(n, u, r) for n, u, r in people]  # after the person, listed first
    assert got_consents == consents
