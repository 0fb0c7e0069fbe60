"""The TUI passphrase modal: never draws what is typed, a wrong passphrase keeps
it open with the message, the right one unlocks; a new one is asked twice."""

from __future__ import annotations

import pytest
from conftest import Host

from sipmote.model import Person, Plan
from sipmote.store import Register, crypto
from sipmote.tui.screens.passphrase import PassphraseModal, unlock_check

SECRET = "hemligfrasett"


def _screen_text(app) -> str:
    """Everything drawn on the screen, as text."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_unlock_wrong_then_right(home):
    reg = Register(home).open()
    reg.save(Plan(id="plan00000001", person=Person(name="Saga Berg")))
    crypto.encrypt_register(reg, SECRET)
    reg.close()
    crypto.forget_session()
    target = Register(home)
    app = Host(None, PassphraseModal(check=unlock_check(target)))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        await _type(pilot, "fellosenord")
        await pilot.pause()
        assert "fellosenord" not in _screen_text(app)  # never drawn
        await pilot.press("enter")
        await pilot.pause()
        assert "Fel lösenfras" in _screen_text(app) and app.results == []
        assert app.screen.query_one("#passphrase").value == ""  # cleared for the next try
        await _type(pilot, SECRET)
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [True]
    with target:
        assert target.load("plan00000001").person.name == "Saga Berg"


@pytest.mark.parametrize(
    "first, second, message",
    [("kort", "kort", "minst 8 tecken"), ("langfras1", "langfras2", "inte likadana")],
)
async def test_a_new_passphrase_is_asked_twice_and_checked(first, second, message):
    app = Host(None, PassphraseModal(new=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _type(pilot, first)
        await pilot.press("enter")
        await _type(pilot, second)
        await pilot.press("enter")
        await pilot.pause()
        assert message in _screen_text(app) and app.results == []
        await _type(pilot, "langfras1")
        await pilot.press("enter")
        await _type(pilot, "langfras1")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == ["langfras1"]


async def test_escape_cancels():
    app = Host(None, PassphraseModal())
    async with app.run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
