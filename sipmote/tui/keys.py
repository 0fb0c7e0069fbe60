"""Key bindings: ids for a user keymap, texts in the language of the run.

``Keys`` is a ``BINDINGS`` list whose descriptions are catalogue keys
(``"mt.b_next"``); every time it is read it yields bindings translated into the
current language, so the language is not fixed when a module is first
imported. A node calls ``rebind(self)`` in ``__init__`` to take its bindings in
the language of that moment.

Every binding has an id (``"meeting.next_phase"``); ``[keys]`` in
``config.toml`` moves a key (posting's pattern, through ``App.set_keymap``)::

    [keys]
    "meeting.next_phase" = "right"
    "listen.notes" = "e,f2"

Textual's own footer and help texts (the menu's "Dismiss menu", "Focus Next",
the palette's "Exit the command palette" …) are translated by
``translate_textual()``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from textual.binding import Binding, BindingType

from sipmote.i18n import t


class Tr(str):
    """A catalogue key with fields (each field's value a catalogue key too), for a binding's
    description: ``Tr("prep.key_section", title="life.sec_person")`` reads "F2 Personen"."""

    fields: dict[str, str]

    def __new__(cls, key: str, /, **fields: str) -> Tr:
        self = super().__new__(cls, key)
        self.fields = fields
        return self


def _tr(text: str) -> str:
    if not text:
        return ""
    if isinstance(text, Tr):
        return t(str(text), **{name: t(value) for name, value in text.fields.items()})
    return t(text)


class Keys(list[BindingType]):
    """BINDINGS with catalogue keys as descriptions and tooltips, translated on every read."""

    def __iter__(self) -> Iterator[BindingType]:
        for b in super().__iter__():
            b = b if isinstance(b, Binding) else Binding(*b)
            yield dataclasses.replace(b, description=_tr(b.description), tooltip=_tr(b.tooltip))


def rebind(node: Any) -> None:
    """Give ``node`` its class bindings as they read now (in the current language)."""
    node._bindings = type(node)._merge_bindings()


def all_ids(*classes: type) -> dict[str, Binding]:
    """Binding id -> binding, for the classes given (their own BINDINGS only)."""
    out: dict[str, Binding] = {}
    for cls in classes:
        for b in cls.__dict__.get("BINDINGS", []):
            if isinstance(b, Binding) and b.id:
                out[b.id] = b
    return out


def load_keymap(home: Path | None = None) -> tuple[dict[str, str], str | None]:
    """``[keys]`` from config.toml: (binding id -> keys, an error message or None)."""
    from sipmote import config

    try:
        table = config.section("keys", home)
    except config.ConfigError as exc:
        return {}, str(exc)
    keymap: dict[str, str] = {}
    bad = []
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[str(binding_id)] = keys.replace(" ", "")
        else:
            bad.append(str(binding_id))
    if bad:
        return keymap, t("keys.bad_keymap", ids=", ".join(bad))
    return keymap, None


# Textual's own bindings that a user sees (footer, help panel): (class, action) -> catalogue key
_TEXTUAL: dict[tuple[str, str], str] = {  # Screen first: the others inherit from it
    ("textual.screen:Screen", "app.focus_next"): "keys.focus_next",
    ("textual.screen:Screen", "app.focus_previous"): "keys.focus_previous",
    ("textual.screen:Screen", "screen.copy_text"): "keys.copy",
    ("textual.widgets._select:SelectOverlay", "dismiss"): "keys.dismiss_menu",
    ("textual.command:CommandPalette", "escape"): "keys.palette_exit",
    ("textual.command:CommandPalette", "cursor_down"): "keys.palette_next",
    ("textual.command:CommandPalette", "command_list('cursor_up')"): "keys.palette_previous",
    ("textual.command:CommandPalette", "command_list('page_down')"): "keys.palette_next_page",
    ("textual.command:CommandPalette", "command_list('page_up')"): "keys.palette_previous_page",
    ("textual.command:CommandPalette", "command_list('first')"): "keys.palette_top",
    ("textual.command:CommandPalette", "command_list('last')"): "keys.palette_bottom",
}


def translate_textual() -> None:
    """Textual's own footer and help texts in the current language (its classes, once per run)."""
    from importlib import import_module

    by_class: dict[str, dict[str, str]] = {}
    for (path, action), key in _TEXTUAL.items():
        by_class.setdefault(path, {})[action] = key
    for path, actions in by_class.items():
        module, name = path.split(":")
        try:
            cls = getattr(import_module(module), name)
        except (ImportError, AttributeError):  # another Textual version: its English stays
            continue
        own = [b if isinstance(b, Binding) else Binding(*b) for b in cls.__dict__.get("BINDINGS", [])]
        cls.BINDINGS = [dataclasses.replace(b, description=t(actions[b.action])) if b.action in actions else b
                        for b in own]
        cls._merged_bindings = cls._merge_bindings()
