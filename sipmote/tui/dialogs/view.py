"""TextViewDialog: a read-only, scrollable text (a plan's overview and history) with the
kit's look — title, the text, the keys line — and its keys: Esc (or ``q``) goes back,
↑/↓/PgUp/PgDn scroll. User text is shown as data, never markup."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from sipmote.i18n import t
from sipmote.tui.dialogs.base import Dialog
from sipmote.tui.keys import Keys


class TextViewDialog(Dialog[None]):
    BINDINGS = Keys([Binding("escape,q", "cancel", "dlg.back", show=True, id="view.back")])

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog view"):
            yield Static(Text(self.title_text), id="form-title")
            with VerticalScroll(id="view-body"):
                yield Static(Text(self.body))
            yield Static(t("dlg.view_hint"), id="form-hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
