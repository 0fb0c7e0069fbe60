"""Drafts for a whole screen that is a form (the preparation screen): every text field,
text area and select with an id is reported to the plan's session on each change, and
a draft a crash left is put back when the screen opens again."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Input, Select, TextArea

from sipmote.i18n import t


class ScreenDraft:
    def __init__(self, screen: Screen, session: Any, key: str, title: str) -> None:
        self.screen, self.session, self.key, self.title = screen, session, key, title
        self._initial: dict[str, str] | None = None

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for w in self.screen.query("Input, TextArea, Select"):
            if not w.id:
                continue
            if isinstance(w, Input):
                out[w.id] = w.value
            elif isinstance(w, TextArea):
                out[w.id] = w.text
            elif isinstance(w, Select):
                out[w.id] = "" if w.value is Select.BLANK else str(getattr(w.value, "value", w.value))
        return out

    def start(self) -> None:
        """After the screen has filled its fields: remember them, put a crash's draft back."""
        if self.session is None:
            return
        self._initial = self.values()
        restored = self.session.draft(self.key)
        if not restored:
            return
        self.put_back(restored)
        self.session.restored.pop(self.key, None)
        self.screen.notify(t("dlg.draft_restored"), timeout=5)
        self.report()

    def put_back(self, restored: dict[str, Any]) -> None:
        """The draft's values into the screen's fields."""
        for w in self.screen.query("Input, TextArea, Select"):
            saved = restored.get(w.id or "")
            if not isinstance(saved, str):
                continue
            if isinstance(w, Input):
                w.value = saved
            elif isinstance(w, TextArea):
                w.text = saved
            elif isinstance(w, Select):
                for _, v in w._options:
                    if str(getattr(v, "value", v)) == saved:
                        w.value = v

    def report(self) -> None:
        if self.session is None or self._initial is None:
            return
        values = self.values()
        if values == self._initial:
            self.session.clear_draft(self.key)
        else:
            self.session.set_draft(self.key, self.title, values)

    def clear(self) -> None:
        if self.session is not None:
            self.session.clear_draft(self.key)
        self._initial = self.values() if self._initial is not None else None
