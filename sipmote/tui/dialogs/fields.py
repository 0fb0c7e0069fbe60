"""The kit's fields: text, multi-line, date, time, choice (searchable by typing),
multi-choice, yes/no, a check box and free text with suggestions. ``Field`` describes one; the
form builds its widget, reads its value (dates and times through one parser) and
its draft text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.events import Blur, Focus, Key
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Checkbox, Input, SelectionList, Static, TextArea

from sipmote.formats import date_text, time_text
from sipmote.i18n import t
from sipmote.parse import ParseError as FieldError  # the one error type of a field
from sipmote.parse import parse_date, parse_time  # the one rule for every date/time field
from sipmote.tui.dialogs.search import TypeSearch
from sipmote.tui.keys import Keys


@dataclass
class Field:
    name: str
    label: str
    kind: str = "text"  # text | multiline | date | time | select | multiselect | bool | check | suggest | password
    value: Any = None
    options: list[tuple[str, Any]] = field(default_factory=list)  # select/multiselect; suggestions
    required: bool = False
    placeholder: str = ""
    note: str = ""  # a line under the field, wrapped (e.g. what a check box keeps)
    # suggest: the labels offered first, read from the form's other fields when a key comes
    # (``prefer(value_of_field_named)``; a role: the roles of the party chosen above it)
    prefer: Callable[[Callable[[str], Any]], list[str]] | None = None
    # select: choosing an option puts values into other fields at once (field name -> value;
    # e.g. a participant picked as responsible fills party, organisation and person)
    fills: Callable[[Any], dict[str, Any]] | None = None
    # Enter here saves the form once something is chosen (a pick that fills every other field)
    enter_saves: bool = False


class FormInput(Input):
    """A one-line field whose width the form fixes (1fr): typing repaints the field only.

    Textual's Input resizes its virtual width on every key, and that lays out the whole
    modal (every row of the form) each time: twice the CPU per key of a bare TextArea."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    #: the next focus puts the cursor after the text instead of selecting it (a dialog's first
    #: field: the secretary opened the form to add to what is there - 'k' then ', Maria Ek' -
    #: and Textual's select-on-focus made the first key replace it all; Tab into a field
    #: later still selects, as on Windows, so typing over a picked value replaces it)
    caret_at_end_once = False

    def _on_focus(self, event: Focus) -> None:
        # (Textual runs Input's own _on_focus too, after this one: it selects the text; the
        # cursor is put at the end right after, before any key typed behind is handled)
        if self.caret_at_end_once:
            self.caret_at_end_once = False
            self.call_next(self._caret_to_end)

    def _caret_to_end(self) -> None:
        self.cursor_position = len(self.value)

    # A field the secretary is not in shows the start of its text (what the family reads on the
    # projector), not the end where the cursor was left: Textual keeps the view at the cursor.
    # (A value given when the field is built is shown from its start already.)
    # (Textual runs Input's own _on_blur as well: calling it here too posted Blurred twice)
    def _on_blur(self, event: Blur) -> None:
        self.call_after_refresh(self._show_start)  # after the scroll to the cursor the last key queued

    def _show_start(self) -> None:
        if not self.has_focus:
            self.scroll_to(x=0, animate=False, immediate=True, force=True)  # (no scroll bar: forced)


class _Suggester(Suggester):
    """Textual's grey suggestion, from the field's own rule (it changes with the preferred labels)."""

    def __init__(self, field: SuggestInput) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.field = field

    async def get_suggestion(self, value: str) -> str | None:
        return self.field.suggestion(value) or None


class SuggestInput(FormInput):
    """Free text with suggestions (roles, units): Enter, Tab and → take the suggestion shown
    ("Socialsekreterare" -> "Socialsekreterare/handläggare", so it counts as that role in the
    statistics); with no suggestion shown the text stays as typed. The suggestion is looked up
    here when the key comes, not waited for from Textual's worker: a fast typist's Enter
    takes it too."""

    def __init__(self, value: str = "", *, suggestions: list[str], prefer: Callable[[], list[str]] | None = None,
                 **kw: Any) -> None:
        super().__init__(value, suggester=_Suggester(self), **kw)
        self.suggestions = suggestions
        self.prefer = prefer  # the labels to try first ("So" for social services: Socialsekreterare)

    def suggestion(self, value: str | None = None) -> str:
        """The suggestion for what is typed ('' when none): the first that starts with it, the
        preferred labels first. The grey text shown and what Enter takes are this one answer."""
        text = self.value if value is None else value
        typed = text.casefold()
        if not typed.strip():
            return ""
        first = self.prefer() if self.prefer is not None else []
        return next((s for s in [*first, *self.suggestions] if s.casefold().startswith(typed) and s != text), "")

    def take_suggestion(self) -> None:
        found = self.suggestion()
        if found:
            self.value = found
            self.cursor_position = len(found)

    async def _on_key(self, event: Key) -> None:
        if event.key == "tab":
            self.take_suggestion()  # and Tab goes on to the next field as ever
        await super()._on_key(event)

    async def action_submit(self) -> None:
        self.take_suggestion()
        await super().action_submit()


class ChoiceField(Static, can_focus=True):
    """A one-line choice: ←/→ or space step through the options; typing searches the
    labels by the app's one rule (``search.py``: "so" -> Socialtjänst, "lind" -> Anna
    Lindqvist; the same letter again steps to the next match). Enter is the form's Enter
    (the next field; in the last one it saves), so keys typed ahead never change the choice.
    ``on_choose(value)``, when set, is called as the user chooses (not when a value is put
    back from a draft): a form fills other fields from it at once."""

    BINDINGS = Keys([
        Binding("left", "step(-1)", show=False, id="choice_field.previous"),
        Binding("right,space", "step(1)", show=False, id="choice_field.next"),
        Binding("enter", "submit", show=False, id="choice_field.submit"),
    ])

    class Changed(Message):
        """Another option was chosen."""

        def __init__(self, choice: ChoiceField) -> None:
            super().__init__()
            self.choice = choice

    class Submitted(Message):
        """Enter on the field."""

        def __init__(self, choice: ChoiceField) -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, options: list[tuple[str, Any]], value: Any = None, *, allow_blank: bool = True,
                 id: str | None = None) -> None:
        super().__init__("", id=id)
        self.options = ([(t("dlg.blank"), None)] if allow_blank else []) + list(options)
        values = [v for _, v in self.options]
        self.index = values.index(value) if value in values else 0
        self._search = TypeSearch()
        self.on_choose: Callable[[Any], None] | None = None

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
        self.post_message(self.Changed(self))

    def _choose(self, index: int) -> None:
        self.index = index
        self._show()
        if self.on_choose is not None:
            self.on_choose(self.value)  # now, in this key's turn: the next key sees the filled fields

    def action_step(self, delta: int) -> None:
        self._choose((self.index + delta) % len(self.options))

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))

    def on_blur(self, event: Blur) -> None:
        self._search.reset()  # back in the field later: a new search

    def on_key(self, event: Key) -> None:
        ch = event.character or ""
        if len(ch) != 1 or not ch.isalnum():
            return
        event.stop()
        found = self._search.find([label for label, _ in self.options], self.index, ch)
        if found is not None:
            self._choose(found)


class FormTextArea(TextArea):
    """A multi-line field of a kit form, with the kit's one rule for Enter: it saves the form
    (in the last field; elsewhere it goes to the next field) as in every field, the hint says
    so. A new line is Ctrl+J, which every terminal sends, or Shift+Enter where the terminal
    tells it from Enter; pasted text keeps its lines."""

    NEW_LINE = ("ctrl+j", "shift+enter")

    class Submitted(Message):
        """Enter in the field."""

        def __init__(self, area: FormTextArea) -> None:
            super().__init__()
            self.area = area

    def on_mount(self) -> None:
        """A field that opens with text (the nuläge built from the notes, a note to add to):
        the cursor after it, so what is typed is added, not put in front."""
        if self.text:
            self.move_cursor(self.document.end)

    async def _on_key(self, event: Key) -> None:
        if event.key == "enter" or (event.key in self.NEW_LINE and not self.read_only):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                self.post_message(self.Submitted(self))
            else:
                self.replace("\n", *self.selection)
            return
        await super()._on_key(event)


def build(f: Field) -> Widget:
    """The widget for one field, id ``f-<name>``."""
    wid = f"f-{f.name}"
    if f.kind == "multiline":
        area = FormTextArea(f.value or "", id=wid, soft_wrap=True, show_line_numbers=False, compact=True)
        area.cursor_blink = False
        return area
    if f.kind == "select":
        return ChoiceField(f.options, f.value, allow_blank=not f.required, id=wid)
    if f.kind == "multiselect":
        chosen = set(f.value or [])
        return SelectionList(*[(Text(lbl), val, val in chosen) for lbl, val in f.options], id=wid)
    if f.kind == "check":  # its label is the box's own: the form puts no label column before it
        return Checkbox(Text(f.label), bool(f.value), id=wid, compact=True)
    if f.kind == "bool":
        return ChoiceField([(t("dlg.no"), False), (t("dlg.yes"), True)], bool(f.value), allow_blank=False, id=wid)
    value = f.value
    if f.kind == "date" and isinstance(value, dt.date):
        value = date_text(value)
    elif f.kind == "time" and isinstance(value, dt.time):
        value = time_text(value)
    placeholder = f.placeholder or {"date": t("dlg.ph_date"), "time": t("dlg.ph_time")}.get(f.kind, "")
    if f.kind == "suggest" and f.options:
        inp: FormInput = SuggestInput(str(value or ""), suggestions=[label for label, _ in f.options], id=wid,
                                      placeholder=placeholder, compact=True)
    else:
        inp = FormInput(str(value or ""), id=wid, placeholder=placeholder, compact=True,
                        password=f.kind == "password")
    inp.cursor_blink = False
    return inp


def value_of(f: Field, w: Any) -> Any:
    """The parsed value of one field; FieldError (naming the field) when it is not valid."""
    if f.kind == "multiline":
        val: Any = w.text.strip()
    elif f.kind in ("select", "bool", "check"):
        val = w.value if f.kind == "select" else bool(w.value)
    elif f.kind == "multiselect":
        val = list(w.selected)
    else:
        raw = w.value
        try:
            val = parse_date(raw) if f.kind == "date" else parse_time(raw) if f.kind == "time" else raw.strip()
            if f.kind == "suggest":  # a suggestion's label stands for its value (a role's key); else free text
                val = next((v for label, v in f.options if label.casefold() == val.casefold()), val)
        except FieldError as exc:
            raise FieldError(f"{f.label}: {exc}") from None
    if f.required and (val is None or val == "" or val == []):
        raise FieldError(t("dlg.required", field=f.label))
    return val


def text_of(f: Field, w: Any) -> Any:
    """What a draft keeps of a field: its text as typed (a choice by its value)."""
    if f.kind == "multiline":
        return w.text
    if f.kind in ("select", "bool"):
        return "" if w.value is None else str(getattr(w.value, "value", w.value))
    if f.kind == "multiselect":
        return [str(getattr(v, "value", v)) for v in w.selected]
    if f.kind == "check":
        return (f.label or "x") if w.value else ""  # checked: its label (what the offer shows), else empty
    if f.kind == "password":
        return ""  # a passphrase is never written anywhere
    return w.value


def put(f: Field, w: Any, value: Any) -> None:
    """Put a value (as ``Field.value`` takes it) into a field on screen."""
    if f.kind in ("select", "bool"):
        w.value = value
    elif f.kind == "multiline":
        w.text = str(value or "")
    elif f.kind in ("text", "suggest"):
        w.value = str(value or "")
        w.cursor_position = len(w.value)
    else:
        raise ValueError(f"a value cannot be put into a {f.kind} field")


def restore(f: Field, w: Any, saved: Any) -> None:
    """Put a draft's text back into a field."""
    if f.kind == "multiline" and isinstance(saved, str):
        w.text = saved
    elif f.kind in ("select", "bool"):
        for _, v in w.options:
            if str(getattr(v, "value", v)) == saved or (v is None and saved == ""):
                w.value = v
                break
    elif f.kind == "check" and isinstance(saved, str):
        w.value = bool(saved)
    elif f.kind == "multiselect" and isinstance(saved, list):
        w.deselect_all()
        for _, v in f.options:
            if str(getattr(v, "value", v)) in saved:
                w.select(v)
    elif f.kind != "password" and isinstance(saved, str):
        w.value = saved
