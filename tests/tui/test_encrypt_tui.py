"""Encryption from inside the app: the command palette encrypts the open register;
nothing readable is left on disk and the app keeps saving under the new key."""

from __future__ import annotations

from test_tui_helpers import type_text

from sipmote.store import Register
from sipmote.store.crypto import forget_session, unlock_register
from sipmote.tui.app import SipmoteApp

PASS = "korrekt häst batteri häftklammer"


def _plaintext_hits(home, needle: bytes) -> list[str]:
    return [str(p) for p in home.rglob("*") if p.is_file() and needle in p.read_bytes()]


async def test_encrypt_the_register_from_the_command_palette(home, demo, today):
    reg = Register(home).open()
    reg.save(demo)
    assert _plaintext_hits(home, b"Lindqvist")
    app = SipmoteApp(register=reg, today=today, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Kryptera registret")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "PassphraseModal"
        for field in ("#passphrase", "#confirm"):
            app.screen.query_one(field).value = PASS
        app.screen.query_one("#confirm").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "Registret är nu krypterat" in messages
        # the app keeps working: a change is saved under the new key
        plan = reg.load(demo.id)
        plan.long_term_goal = "Jag vill orka gå till skolan"
        app.request_save(plan)
        assert app.save_now()
    reg.close()
    assert _plaintext_hits(home, b"Lindqvist") == []
    assert _plaintext_hits(home, "orka gå".encode()) == []
    forget_session()
    again = Register(home)
    unlock_register(again, passphrase=PASS)
    with again:
        assert again.load(demo.id).long_term_goal == "Jag vill orka gå till skolan"
