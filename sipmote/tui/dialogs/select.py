"""SearchSelect: Textual's dropdown with the app's one search rule (``search.py``), also
while it is closed: a letter typed on a closed dropdown chooses the option it finds at once
(a fast typist's "sko" Tab leaves "Skola", never nothing), as the kit's ◀ ▶ fields do;
open, the list jumps by the same rule."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.events import Blur, Key
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay

from sipmote.tui.dialogs.search import TypeSearch, search


def _plain(prompt: Any) -> str:
    return prompt.plain if isinstance(prompt, Text) else prompt if isinstance(prompt, str) else ""


class _Overlay(SelectOverlay):
    """The open list: typing jumps by the app's rule (Textual's own finds any substring first)."""

    def _find_search_match(self, query: str) -> int | None:
        select = self.parent
        labels = [_plain(o.prompt) for o in self._options]
        if isinstance(select, Select) and select._allow_blank and labels:
            labels[0] = ""  # the prompt ("Välj …") is no option to find
        found = search(labels, query)
        return found[0] if found else None


class SearchSelect(Select[Any]):
    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._search = TypeSearch()

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield _Overlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    def on_blur(self, event: Blur) -> None:
        self._search.reset()  # back on the dropdown later (the next participant's party): a new search

    def on_key(self, event: Key) -> None:
        ch = event.character or ""
        if self.expanded or len(ch) != 1 or not ch.isalnum():
            return
        event.stop()
        event.prevent_default()
        options = [(_plain(p), v) for p, v in self._options]
        values = [v for _, v in options]
        current = values.index(self.value) if self.value in values else None
        found = self._search.find([lbl if v is not Select.NULL else "" for lbl, v in options], current, ch)
        if found is not None and options[found][1] != self.value:
            self.value = options[found][1]
