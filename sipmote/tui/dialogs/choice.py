"""ChoiceDialog: pick one of many. Typing narrows the list by the app's one search rule
(``search.py``: the start of the label, of any word, then anywhere; accents and case
ignored: "so" finds Socialtjänst first, "lind" Anna Lindqvist), ↑/↓ move, Enter takes the
highlighted option, Esc cancels (None)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sipmote.i18n import t
from sipmote.tui.dialogs.base import Dialog
from sipmote.tui.dialogs.search import search
from sipmote.tui.keys import Keys


class ChoiceDialog(Dialog[Any]):
    BINDINGS = Keys([
        Binding("escape", "cancel", "dlg.cancel", id="dialog.cancel"),
        Binding("down", "move(1)", show=False, priority=True, id="choice.down"),
        Binding("up", "move(-1)", show=False, priority=True, id="choice.up"),
    ])

    def __init__(self, title: str, options: list[tuple[str, Any]], *, value: Any = None) -> None:
        super().__init__()
        self.title_text = title
        self.options = list(options)
        self.value = value
        self.shown: list[tuple[str, Any]] = list(options)

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog"):
            yield Static(Text(self.title_text), id="form-title")
            yield Input(id="choice-search", compact=True)
            yield OptionList(*[Option(Text(label)) for label, _ in self.options], id="choice-list")
            yield Static(t("dlg.choice_hint"), id="form-hint")

    def on_mount(self) -> None:
        values = [v for _, v in self.options]
        listing = self.query_one(OptionList)
        listing.highlighted = values.index(self.value) if self.value in values else 0 if values else None
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.shown = [self.options[i] for i in search([label for label, _ in self.options], event.value)]
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options([Option(Text(label)) for label, _ in self.shown])
        listing.highlighted = 0 if self.shown else None

    def action_move(self, delta: int) -> None:
        listing = self.query_one(OptionList)
        if self.shown:
            listing.highlighted = ((listing.highlighted or 0) + delta) % len(self.shown)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        if index is not None and self.shown:
            self.dismiss(self.shown[index][1])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index][1])
