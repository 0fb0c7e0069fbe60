"""Key bindings: ids for a user keymap, texts in the language of the run.

``Keys`` is a ``BINDINGS`` list whose descriptions are catalogue keys
(``"mt.b_next"``); every time it is read it yields bindings translated into the
current language, so the language is not fixed when a module is first
imported. A node calls ``rebind(self)`` in ``__init__`` to take its bindings in
the language of that moment.

Every binding has an id (``"meeting.next_phase"``); ``[keys]`` in
``config.toml`` moves a key (posting's pattern, through ``App.set_keymap``); what cannot apply
(an unknown id, no key, a key that then does two things) is told at start (``check_keymap``).
Every id is listed in docs/anvandarguide.md (``keyhelp.keymap_markdown``)::

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
    description: ``Tr("prep.key_section", title="life.sec_person")`` reads "Avsnitt: Planen tillhör"."""

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


def load_keymap(home: Path | None = None) -> tuple[dict[str, str], str | None]:
    """``[keys]`` from config.toml: (binding id -> keys, what is wrong with it, in words, or None).

    What cannot apply is left out and said: a value that is no text, an id no binding has (with the
    id meant, when one is close), a key no keyboard has (the binding keeps its default); a key that
    then does two things in one view is said too (Textual runs one of them)."""
    from sipmote import config

    try:
        table = config.section("keys", home)
    except config.ConfigError as exc:
        return {}, exc.message
    keymap: dict[str, str] = {}
    bad = []
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[str(binding_id)] = keys.replace(" ", "")
        else:
            bad.append(str(binding_id))
    messages = [t("keys.bad_keymap", ids=", ".join(bad))] if bad else []
    if keymap:
        keymap, found = check_keymap(keymap)
        messages += found
    return keymap, "\n".join(messages) or None


_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")


def key_name(key: str) -> str | None:
    """A key as a user writes it in ``[keys]`` (``"ctrl+s"``, ``"?"``, ``"F2"``, ``"ctrl++"``) in
    Textual's form (``"ctrl+s"``, ``"question_mark"``, ``"f2"``, ``"ctrl+plus"``); None when no key
    is called so (``"ctrl+++"``, ``"ctrl+"``, ``"hyperspace"``)."""
    from textual.keys import Keys as TextualKeys
    from textual.keys import _character_to_key, key_to_character

    key = key.strip()
    if key == "+" or key.endswith("++"):
        head, base = key[:-2], "+"
    else:
        head, _, base = key.rpartition("+")
        if "+" in key and not head:  # "+s"
            return None
    mods = [m.lower() for m in head.split("+")] if head else []
    if any(m not in _MODIFIERS for m in mods) or len(set(mods)) != len(mods) or not base:
        return None
    if len(base) == 1:
        if not base.isprintable() or base.isspace():
            return None
        base = _character_to_key(base.lower() if mods else base)
    else:
        base = base.lower()
        names = {k.value.rsplit("+", 1)[-1] for k in TextualKeys}
        if base not in names and key_to_character(base) is None:
            return None
    return "+".join([*mods, base])


def check_keymap(keymap: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """(the part of ``keymap`` that applies, in Textual's key names; a Swedish line for each problem)."""
    import difflib

    from sipmote.tui import keyhelp

    known = keyhelp.all_bindings()
    messages: list[str] = []
    out: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, list(known), n=1, cutoff=0.75)
            messages.append(t("keys.unknown_id_close", id=binding_id, close=close[0]) if close
                            else t("keys.unknown_id", id=binding_id))
            continue
        names = [key_name(k) for k in keys.split(",")]
        wrong = [k for k, name in zip(keys.split(","), names, strict=True) if name is None]
        if wrong or not names:
            default = keyhelp.key_label(known[binding_id][0].key)
            messages.append(t("keys.bad_key", id=binding_id, key=wrong[0] if wrong else keys, default=default))
            continue
        out[binding_id] = ",".join(n for n in names if n)
    return out, messages + clashes(out)


def clashes(keymap: dict[str, str]) -> list[str]:
    """A line for each key that ``keymap`` makes do two things in one view (or dialog)."""
    from sipmote.tui import keyhelp

    out: list[str] = []
    for context, bindings in keyhelp.contexts().items():
        by_key: dict[str, list[str]] = {}
        for b in bindings:
            keys = keymap.get(b.id or "", b.key)
            for key in (k.strip() for k in keys.split(",")):
                ids = by_key.setdefault(key, [])
                if (b.id or b.action) not in ids:
                    ids.append(b.id or b.action)
        for key, ids in by_key.items():
            moved = [i for i in ids if i in keymap]
            if len(ids) > 1 and moved:
                line = t("keys.clash", key=keyhelp.key_label(key), where=keyhelp.where(context),
                         ids=" / ".join(ids))
                if line not in out:
                    out.append(line)
    return out + _taken_by_tables(keymap)


def _taken_by_tables(keymap: dict[str, str]) -> list[str]:
    """A line for each key moved onto one a table keeps (↑, PgDn …; not ← →, which a row cursor
    passes on) in a view where that binding works: the meeting's phases and the register."""
    from textual.widgets import DataTable

    from sipmote.tui import keyhelp

    kept = {k.strip() for b in DataTable.BINDINGS if isinstance(b, Binding)
            and b.action not in ("cursor_left", "cursor_right", "select_cursor") for k in b.key.split(",")}
    views = {view for view, _text in keyhelp.TABLES.values()} | {"register"}  # the register's list of plans
    contexts = keyhelp.contexts()
    out: list[str] = []
    for binding_id, keys in keymap.items():
        places = [v for v in views if any(b.id == binding_id for b in contexts[v])]
        for key in (k for k in keys.split(",") if k in kept and places):
            out.append(t("keys.taken_by_table", id=binding_id, key=keyhelp.key_label(key),
                         where=keyhelp.where(sorted(places, key=list(keyhelp.VIEWS).index)[0])))
    return out


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
