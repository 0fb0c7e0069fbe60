"""Ask for the register's passphrase inside the TUI (the CLI asks with getpass).

    def unlocked(ok): ...
    app.push_screen(PassphraseModal(check=unlock_check(register)), unlocked)
    app.push_screen(PassphraseModal(new=True), lambda pw: pw and encrypt_register(reg, pw))

The field is a password Input: what is typed is never drawn. ``check`` runs on
Enter and returns an error message (the field is cleared, the modal stays) or
None (the modal closes). With ``check`` the modal dismisses True/None, so the
passphrase does not travel further than the check; without it (``new=True``)
it dismisses the passphrase, typed twice and long enough, or None on Esc.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from sipmote.i18n import t
from sipmote.tui.dialogs import Dialog
from sipmote.tui.keys import Keys

if TYPE_CHECKING:
    from sipmote.store import Register


def unlock_check(register: Register) -> Callable[[str], str | None]:
    """A ``check`` that unlocks ``register`` (before it is opened) with the typed passphrase."""
    from sipmote.store import StoreError

    def check(passphrase: str) -> str | None:
        try:
            register.unlock(lambda: passphrase)
        except StoreError as exc:
            return exc.message
        return None

    return check


class PassphraseModal(Dialog[object]):
    BINDINGS = Keys([Binding("escape", "cancel", "privacy.modal_cancel", show=True, id="dialog.cancel")])

    def __init__(self, *, new: bool = False, check: Callable[[str], str | None] | None = None,
                 title: str | None = None) -> None:
        super().__init__()
        self.new = new
        self.check = check
        self.title_text = title or t("privacy.modal_new_title" if new else "privacy.modal_title")

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog passphrase"):
            yield Static(self.title_text, markup=False, id="form-title")
            yield Label(t("privacy.modal_label"), markup=False)
            yield Input(password=True, id="passphrase")
            if self.new:
                yield Label(t("privacy.modal_confirm_label"), markup=False)
                yield Input(password=True, id="confirm")
            yield Static("", id="form-error")

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _error(self, message: str) -> None:
        self.show_error(message)
        for inp in self.query(Input):
            inp.value = ""
        self.query_one("#passphrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.new and event.input.id == "passphrase":
            self.query_one("#confirm", Input).focus()
            return
        passphrase = self.query_one("#passphrase", Input).value
        if self.new:
            from sipmote.store import StoreError, check_strength

            try:
                check_strength(passphrase)
            except StoreError as exc:
                self._error(exc.message)
                return
            if passphrase != self.query_one("#confirm", Input).value:
                self._error(t("privacy.mismatch"))
                return
        if self.check is not None:
            problem = self.check(passphrase)
            if problem:
                self._error(problem)
                return
            self.dismiss(True)
            return
        self.dismiss(passphrase)
