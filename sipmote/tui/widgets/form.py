"""A small keyboard form in a modal: label + field per row, validated on save.

``FormModal(title, fields)`` dismisses a ``dict`` of parsed values (or None on
Esc). Date and time fields are checked with clear messages (``err.date`` /
``err.time``); a bad value keeps the form open with everything typed intact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.events import Key
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, Label, SelectionList, Static, TextArea

from sipmote.i18n import t
from sipmote.parse import ParseError as FieldError  # the form's one error type
from sipmote.parse import parse_date, parse_time  # the one rule for every date/time field


class FormInput(Input):
    """A one-line field whose width the form fixes (1fr): typing repaints the field only.

    Textual's Input resizes its virtual width on every key, and that lays out the whole
    modal (every row of the form) each time: twice the CPU per key of a bare TextArea."""

    virtual_size = Reactive(Size(0, 0), layout=False)


class ChoiceField(Static, can_focus=True):
    """A one-line choice: ←/→ or space step through the options, a letter jumps to it.

    Much lighter than Select (one widget, no overlay) and fully keyboard-driven."""

    BINDINGS = [
        Binding("left", "step(-1)", show=False),
        Binding("right,space", "step(1)", show=False),
    ]

    def __init__(self, options: list[tuple[str, Any]], value: Any = None, *, allow_blank: bool = True,
                 id: str | None = None) -> None:
        super().__init__("", id=id)
        self.options = ([("–", None)] if allow_blank else []) + list(options)
        values = [v for _, v in self.options]
        self.index = values.index(value) if value in values else 0

    @property
    def value(self) -> Any:
        return self.options[self.index][1]

    @value.setter
    def value(self, new: Any) -> None:
        values = [v for _, v in self.options]
        if new in values:
            self.index = values.index(new)
            self._show()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        text = Text("◀ ", style="dim")
        text.append(self.options[self.index][0], style="bold")
        text.append(" ▶", style="dim")
        self.update(text)

    def action_step(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.options)
        self._show()

    def on_key(self, event: Key) -> None:
        ch = (event.character or "").lower()
        if len(ch) != 1 or not ch.isalpha():
            return
        n = len(self.options)
        for k in range(1, n + 1):
            i = (self.index + k) % n
            if self.options[i][0].lower().startswith(ch):
                self.index = i
                self._show()
                event.stop()
                return


@dataclass
class FormField:
    name: str
    label: str
    kind: str = "text"  # text | multiline | date | time | select | multiselect | bool
    value: Any = None
    options: list[tuple[str, Any]] = field(default_factory=list)
    required: bool = False


class FormModal(ModalScreen[dict | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", t("mt.form_save"), priority=True),
        Binding("escape", "cancel", t("mt.form_cancel")),
    ]

    def __init__(self, title: str, fields: list[FormField]) -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(Text(self.form_title), id="form-title")
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    with Horizontal(classes="form-row"):
                        yield Label(Text(f.label), classes="form-label")
                        yield self._widget(f)
            yield Static("", id="form-error")
            yield Static(t("mt.form_hint"), id="form-hint")

    def _widget(self, f: FormField):
        wid = f"f-{f.name}"
        if f.kind == "multiline":
            ta = TextArea(f.value or "", id=wid, soft_wrap=True, show_line_numbers=False, compact=True)
            ta.cursor_blink = False
            return ta
        if f.kind == "select":
            return ChoiceField(f.options, f.value, allow_blank=not f.required, id=wid)
        if f.kind == "multiselect":
            chosen = set(f.value or [])
            return SelectionList(*[(Text(lbl), val, val in chosen) for lbl, val in f.options], id=wid)
        if f.kind == "bool":
            return ChoiceField([(t("mt.no"), False), (t("mt.yes"), True)], bool(f.value), allow_blank=False, id=wid)
        value = f.value
        if f.kind == "date" and isinstance(value, dt.date):
            value = value.isoformat()
        elif f.kind == "time" and isinstance(value, dt.time):
            value = value.strftime("%H:%M")
        placeholder = {"date": t("mt.ph_date"), "time": t("mt.ph_time")}.get(f.kind, "")
        inp = FormInput(str(value or ""), id=wid, placeholder=placeholder, compact=True)
        inp.cursor_blink = False
        return inp

    def on_mount(self) -> None:
        if self.fields:
            self.query_one(f"#f-{self.fields[0].name}").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        last = self.query_one(f"#f-{self.fields[-1].name}")
        if event.input is last:
            self.action_save()
        else:
            self.focus_next()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.query_one(f"#f-{f.name}")
            if f.kind == "multiline":
                val: Any = w.text.strip()
            elif f.kind == "select":
                val = w.value
            elif f.kind == "multiselect":
                val = list(w.selected)
            elif f.kind == "bool":
                val = bool(w.value)
            else:
                raw = w.value
                try:
                    val = parse_date(raw) if f.kind == "date" else parse_time(raw) if f.kind == "time" else raw.strip()
                except FieldError as exc:
                    w.focus()
                    raise FieldError(f"{f.label}: {exc}") from None
            if f.required and (val is None or val == ""):
                w.focus()
                raise FieldError(t("mt.form_required", field=f.label))
            out[f.name] = val
        return out

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message))
        self.query_one("#form-error").add_class("-visible")

    def action_save(self) -> None:
        try:
            values = self.values()
        except FieldError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmModal(ModalScreen[bool]):
    BINDINGS = [
        Binding("j,y,enter", "answer(True)", t("mt.yes")),
        Binding("n,escape", "answer(False)", t("mt.no")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(Text(self.question), id="form-title")
            yield Static(t("mt.confirm_hint"), id="form-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
