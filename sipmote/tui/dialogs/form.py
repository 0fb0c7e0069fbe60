"""FormDialog: label + field per row, validated on save; TextDialog: one line of text.

``FormDialog(title, fields)`` dismisses a ``dict`` of parsed values (None on Esc).
Ctrl+S saves; Enter in the last field saves, in any other it goes to the next one
(so in a one-field form, a multi-line one too, Enter saves; Ctrl+J is a new line in a
multi-line field). A bad value keeps the form open with a message, the field in error
focused and everything typed intact. An optional ``check(values)`` returns an error message
(or None) for rules that need the domain. What is typed is a draft of the plan's
session until the form is saved or cancelled."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Label, SelectionList, Static, TextArea

from sipmote.i18n import t
from sipmote.tui.dialogs.base import Dialog
from sipmote.tui.dialogs.fields import (
    ChoiceField,
    Field,
    FieldError,
    FormInput,
    FormTextArea,
    build,
    put,
    restore,
    text_of,
    value_of,
)
from sipmote.tui.keys import Keys

Check = Callable[[dict[str, Any]], "str | None"]


class FormDialog(Dialog[Any]):  # a dict of values (TextDialog: the text)
    BINDINGS = Keys([
        Binding("ctrl+s", "save", "dlg.save", priority=True, id="dialog.save"),
        Binding("escape", "cancel", "dlg.cancel", id="dialog.cancel"),
    ])

    def __init__(self, title: str, fields: list[Field], *, hint: str = "", check: Check | None = None,
                 session: Any = None, draft_key: str | None = None, intro: str = "") -> None:
        key = draft_key if draft_key is not None else f"{type(self).__name__}:{title}"
        super().__init__(session=session, draft_key=key)
        self.form_title = title
        self.fields = fields
        self.hint = hint
        self.intro = intro
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog"):
            yield Static(Text(self.form_title), id="form-title")
            if self.intro:  # read before the fields (e.g. the statements an evaluation answers)
                yield Static(Text(self.intro), id="form-intro", classes="hint")
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    with Horizontal(classes="form-row"):
                        if f.label and f.kind != "check":  # a check box carries its own label
                            yield Label(Text(f.label), classes="form-label")
                        yield build(f)
                    if f.note:
                        yield Static(Text(f.note), classes="hint form-note")
            if self.hint:
                yield Static(Text(self.hint), id="form-note", classes="hint")
            yield Static("", id="form-error")
            yield Static(self.keys_hint(), id="form-hint")

    def keys_hint(self) -> str:
        if any(f.kind == "multiline" for f in self.fields):  # the one rule, and how to start a new line
            return t("dlg.lines_hint") if len(self.fields) == 1 else t("dlg.form_lines_hint")
        return t("dlg.form_hint")

    #: the field that has the focus when the form opens (None: the first)
    initial_focus: str | None = None

    def on_mount(self) -> None:
        # Textual calls on_mount of every class in the MRO: subclasses set initial_focus
        # instead of defining their own on_mount
        first = next((f for f in self.fields if f.name == self.initial_focus), self.fields[0] if self.fields else None)
        if first is not None:
            w = self.widget(first)
            if isinstance(w, FormInput):
                w.caret_at_end_once = True  # typing adds to what the field opens with
            w.focus()
        for f in self.fields:
            if f.prefer is not None:  # read the other fields when a key comes, not now
                self.widget(f).prefer = partial(f.prefer, self.current)
            if f.fills is not None:
                self.widget(f).on_choose = partial(self._fill_from, f.fills)
        self.start_drafts()

    def current(self, name: str) -> Any:
        """The value of the field ``name`` as it stands (None while it is not valid yet)."""
        f = next((f for f in self.fields if f.name == name), None)
        if f is None:
            return None
        try:
            return value_of(f, self.widget(f))
        except FieldError:
            return None

    def widget(self, f: Field) -> Any:
        return self.query_one(f"#f-{f.name}")

    def _fill_from(self, fills: Callable[[Any], dict[str, Any]], value: Any) -> None:
        """A choice was made: the fields it fills show their new values now (what is typed
        into them afterwards is what is saved)."""
        for name, new in fills(value).items():
            f = next((f for f in self.fields if f.name == name), None)
            if f is not None:
                put(f, self.widget(f), new)

    # ---- drafts: every change is reported to the session
    def draft_title(self) -> str:
        return self.form_title

    def draft_values(self) -> dict[str, Any]:
        return {f.name: text_of(f, self.widget(f)) for f in self.fields}

    def restore_values(self, values: dict[str, Any]) -> None:
        for f in self.fields:
            if f.name in values:
                restore(f, self.widget(f), values[f.name])

    def on_input_changed(self, event: Input.Changed) -> None:
        self.report_draft()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.report_draft()

    def on_choice_field_changed(self, event: ChoiceField.Changed) -> None:
        if self.is_mounted:
            self.report_draft()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.report_draft()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.report_draft()

    # ---- saving
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.enter_in(event.input)

    def on_form_text_area_submitted(self, event: FormTextArea.Submitted) -> None:
        event.stop()
        self.enter_in(event.area)

    def on_choice_field_submitted(self, event: ChoiceField.Submitted) -> None:
        event.stop()
        self.enter_in(event.choice)

    def enter_in(self, widget: Any) -> None:
        """Enter in a field (text, multi-line, ◀ ▶ choice): the last one saves the form, any
        other goes to the next field (one marked ``enter_saves`` saves once it holds a choice)."""
        typed = [f for f in self.fields if f.kind not in ("multiselect", "check")]
        chosen = next((f for f in typed if f.enter_saves and self.widget(f) is widget), None)
        if chosen is not None and value_of(chosen, widget) not in (None, ""):
            self.action_save()  # the choice filled the rest (the huvudansvarig's participant)
        elif typed and widget is self.widget(typed[-1]):
            self.action_save()
        else:
            self.focus_next()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.widget(f)
            try:
                out[f.name] = value_of(f, w)
            except FieldError:
                w.focus()
                raise
        return out

    def action_save(self) -> None:
        try:
            values = self.values()
            problem = self.check(values) if self.check else None
        except FieldError as exc:
            self.show_error(exc.message)
            return
        if problem:
            self.show_error(problem)
            return
        self.finish(self.result(values))

    def result(self, values: dict[str, Any]) -> Any:
        return values


class TextDialog(FormDialog):
    """One line of text; Enter saves. ``check(text)`` returns an error message or None.
    Dismisses the text (stripped), None on Esc."""

    def __init__(self, title: str, value: str = "", *, hint: str = "",
                 check: Callable[[str], str | None] | None = None, label: str = "",
                 session: Any = None, draft_key: str | None = None) -> None:
        self.text_check = check
        super().__init__(title, [Field("text", label, "text", value)], hint=hint, check=self._check_text,
                         session=session, draft_key=draft_key)
        self.value = value

    def compose(self) -> ComposeResult:
        yield from super().compose()

    def keys_hint(self) -> str:
        return t("dlg.text_hint")

    def _check_text(self, values: dict[str, Any]) -> str | None:
        text = values["text"]
        if self.text_check is not None:
            return self.text_check(text)
        return None if text else t("dlg.required_text")

    def result(self, values: dict[str, Any]) -> Any:
        return values["text"]
