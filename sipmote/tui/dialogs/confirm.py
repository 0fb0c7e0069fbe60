"""ConfirmDialog: yes or no. ``j``/``y`` answer yes, ``n`` no, Esc cancels (no, or None
for a caller that tells "not now" from "no": ``escape=None``);
both buttons are visible with their keys and the caller picks the default one (the
focused button, taken by Enter)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from sipmote.i18n import t
from sipmote.tui.dialogs.base import Dialog
from sipmote.tui.keys import Keys


class ConfirmDialog(Dialog[bool]):
    BINDINGS = Keys([
        Binding("j,y", "answer(True)", "dlg.yes", show=True, id="dialog.yes"),
        Binding("n", "answer(False)", "dlg.no", show=True, id="dialog.no"),
        Binding("escape", "escape", "dlg.cancel", id="dialog.cancel"),
    ])

    def __init__(self, question: str, *, yes: str | None = None, no: str | None = None,
                 default: bool = False, danger: bool = True, escape: bool | None = False) -> None:
        super().__init__()
        self.escape_answer = escape
        self.question = question
        self.yes_text = f"{yes} (j)" if yes else t("dlg.yes_key")
        self.no_text = f"{no} (n)" if no else t("dlg.no_key")
        self.default = default
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog confirm"):
            yield Static(Text(self.question), id="form-title")
            with Horizontal(classes="buttons"):
                yield Button(self.yes_text, id="yes", variant="error" if self.danger else "primary")
                yield Button(self.no_text, id="no")
            yield Static(t("dlg.confirm_hint"), id="form-hint")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_escape(self) -> None:
        self.dismiss(self.escape_answer)
