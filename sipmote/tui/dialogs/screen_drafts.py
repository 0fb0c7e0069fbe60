"""Drafts for a whole screen that is a form (the preparation screen): every text field,
text area, select and selection list with an id is reported to a session on each
change, and a draft a crash left is put back when the screen opens again.

The session is the plan's; a new plan, which has no id yet, drafts into the register's
one slot for a new plan (``Sessions.new_plan()``), so what is typed before the first save
is offered back too. Built inside the action that opens the screen, the draft remembers
that action (``opener.capture``): accepting the draft after a crash opens the screen again.
A masked field (the personnummer) is drafted under a ``hidden:`` name: restored, never
shown in the offer."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.screen import Screen
from textual.widgets import Input, Select, SelectionList, TextArea

from sipmote.i18n import t
from sipmote.store.drafts import HIDDEN
from sipmote.tui.dialogs.opener import capture

FIELDS = "Input, TextArea, Select, SelectionList"
NEW_PLAN_DRAFT = "prepare:new"  # the key of a new plan's preparation in the register's new-plan slot


class ScreenDraft:
    #: fields whose value is masked on screen (besides the password inputs found)
    masked: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, screen: Screen[Any], session: Any = None, key: str = "", title: str = "") -> None:
        self.screen, self.session, self.key, self.title = screen, session, key, title
        self._initial: dict[str, Any] | None = None
        self.opener = capture()

    def attach(self, session: Any, key: str, title: str) -> None:
        """Draft into ``session`` under ``key`` from now on (after the fields are filled)."""
        self.session, self.key, self.title = session, key, title
        self.start()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for w in self.screen.query(FIELDS):
            if not w.id:
                continue
            if isinstance(w, Input):
                out[w.id] = w.value
            elif isinstance(w, TextArea):
                out[w.id] = w.text
            elif isinstance(w, Select):
                out[w.id] = "" if w.is_blank() else str(getattr(w.value, "value", w.value))
            elif isinstance(w, SelectionList):
                out[w.id] = [str(getattr(v, "value", v)) for v in w.selected]
        return out

    def typed(self) -> dict[str, Any]:
        """What the session keeps: the fields that differ from what the screen opened with (the
        offer shows what was typed, not the whole plan), a masked field's under its hidden name."""
        initial = self._initial or {}
        hidden = self.masked | {w.id for w in self.screen.query(Input) if w.password and w.id}
        return {(HIDDEN + k if k in hidden else k): v for k, v in self.values().items() if initial.get(k) != v}

    def start(self) -> None:
        """After the screen has filled its fields: remember them, put a crash's draft back."""
        if self.session is None:
            return
        self._initial = self.values()
        restored = self.session.draft(self.key)
        if not restored:
            return
        self.put_back({k.removeprefix(HIDDEN): v for k, v in restored.items()})
        self.session.restored.pop(self.key, None)
        self.screen.notify(t("dlg.draft_restored"), timeout=5)
        self.report()

    def put_back(self, restored: dict[str, Any]) -> None:
        """The draft's values into the screen's fields."""
        for w in self.screen.query(FIELDS):
            saved = restored.get(w.id or "")
            if isinstance(w, SelectionList) and isinstance(saved, list):
                w.deselect_all()
                for option in w.options:
                    value = getattr(option, "value", None)  # a Selection: its value
                    if str(getattr(value, "value", value)) in saved:
                        w.select(value)
            if not isinstance(saved, str):
                continue
            if isinstance(w, Input):
                w.value = saved
            elif isinstance(w, TextArea):
                w.text = saved
            elif isinstance(w, Select):
                if not saved:  # the user had emptied the choice
                    if w._allow_blank:
                        w.clear()
                    continue
                for _, v in w._options:
                    if str(getattr(v, "value", v)) == saved:
                        w.value = v

    def report(self) -> None:
        if self.session is None or self._initial is None:
            return
        typed = self.typed()
        if typed:
            self.session.set_draft(self.key, self.title, typed, self.opener)
        else:
            self.session.clear_draft(self.key)

    def clear(self) -> None:
        if self.session is not None:
            self.session.clear_draft(self.key)
        self._initial = self.values() if self._initial is not None else None
