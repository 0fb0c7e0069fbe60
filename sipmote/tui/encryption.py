"""Encrypt the register, or change its passphrase, from inside the app.

Both are offered in the command palette. The passphrase is asked twice in a
hidden field (PassphraseModal); the re-encryption runs in a thread worker that
holds every session's write lock, so no autosave can slip in with the old key half-way
(the drafts folder is re-encrypted with the plans)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from sipmote.i18n import t

if TYPE_CHECKING:
    from sipmote.tui.app import SipmoteApp


def encryption_commands(app: SipmoteApp) -> Iterable[SystemCommand]:
    reg = app.register
    if reg is None:
        return
    if reg.encrypted:
        yield SystemCommand(t("privacy.cmd_passwd"), t("privacy.cmd_passwd_help"),
                            lambda: _ask(app, change=True))
    else:
        yield SystemCommand(t("privacy.cmd_encrypt"), t("privacy.cmd_encrypt_help"),
                            lambda: _ask(app, change=False))


def _ask(app: SipmoteApp, *, change: bool) -> None:
    from sipmote.tui.screens.passphrase import PassphraseModal

    if not app.save_now():
        return  # the save failure is already on screen; nothing is re-encrypted

    def chosen(passphrase: object) -> None:  # the modal dismisses the text, or None
        if isinstance(passphrase, str) and passphrase:
            app.notify(t("privacy.tui_working"), timeout=5)
            _rekey(app, passphrase, change)

    app.push_screen(PassphraseModal(new=True), chosen)


def _rekey(app: SipmoteApp, passphrase: str, change: bool) -> None:
    def job() -> None:
        from sipmote.store import StoreError

        try:
            with app.writes_held():  # drafts are re-encrypted with the plans (a data folder)
                n = app.register.rekey(passphrase) if change else app.register.encrypt(passphrase)
        except StoreError as exc:
            app.call_from_thread(app.notify, exc.message, severity="error", markup=False, timeout=10)
            return
        key = "privacy.passwd_done" if change else "privacy.tui_encrypted"
        app.call_from_thread(app.notify, t(key, files=n), timeout=10)

    app.run_worker(job, thread=True, exclusive=True, group="rekey", name="rekey")
