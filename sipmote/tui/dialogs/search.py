"""The one rule for finding an option by typing, in every choice list of the app (the kit's
ChoiceDialog, its ◀ ▶ fields, the preparation's dropdowns): first the labels that start
with what is typed, then those with a word that starts with it, then those that hold it
anywhere from two letters ("lind" finds "Anna Lindqvist", "so" Socialtjänst before
"Regional hälso- …"; "u" alone finds no "sjukvård");
accents and case are ignored."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Sequence

SEARCH_PAUSE = 1.0  # seconds: letters typed closer than this search together ("so" -> Socialtjänst)

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def rank(label: str, typed: str) -> int | None:
    """0: the label starts with ``typed``; 1: a word of it does; 2: it holds it; None: no match."""
    typed = fold(typed.strip())
    if not typed:
        return 0
    label = fold(label)
    if label.startswith(typed):
        return 0
    if any(label.startswith(typed, m.start()) for m in _WORD.finditer(label)):
        return 1
    # inside a word only from two letters: one letter typed ahead into a choice (the 'u' of
    # the next key, a typo) must not silently pick the first label that holds it somewhere
    return 2 if len(typed) > 1 and typed in label else None


def search(labels: Sequence[str], typed: str) -> list[int]:
    """The indices of the labels that match ``typed``, best first (in list order within a rank)."""
    ranked = [(r, i) for i, label in enumerate(labels) if (r := rank(label, typed)) is not None]
    return [i for _r, i in sorted(ranked)]


class TypeSearch:
    """Typing on a closed choice: letters typed within SEARCH_PAUSE of each other search
    together; one letter (again) steps to the next option it finds. A letter that finds
    nothing with those before it starts a new search; so does coming back to the field
    (``reset`` on leaving it: a fast typist's "soc" for one participant and "reg" for the
    next, less than a second apart, are two searches, not "socreg")."""

    def __init__(self) -> None:
        self.typed = ""
        self._at = 0.0

    def reset(self) -> None:
        self.typed = ""

    def find(self, labels: Sequence[str], current: int | None, ch: str) -> int | None:
        """The index to choose after the character ``ch`` (None: nothing matches)."""
        now = time.monotonic()
        ch = ch.lower()
        same = self.typed == ch  # one letter again: the next option with it
        self.typed = ch if same or now - self._at > SEARCH_PAUSE else self.typed + ch
        self._at = now
        found = search(labels, self.typed)
        if not found and self.typed != ch:
            self.typed = ch  # nothing with the letters before: this one starts anew
            found = search(labels, ch)
        if not found:
            return None
        if len(self.typed) == 1 and current in found:
            return found[(found.index(current) + 1) % len(found)]
        return found[0]
