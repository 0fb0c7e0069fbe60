"""The keys of each view, read from the bindings: the F1 help and the printed lathund.

Nothing here is written by hand but the views' names and one line on what each
view is for (the catalogue, ``[help]``); the rows come from the ``BINDINGS`` the
app really uses, so the help cannot drift from the keys. No running app is needed
(``sipmote lathund`` uses it headless).

A view is a screen, or in the meeting a screen plus the body of the current
phase; its rows are the bindings declared by sipmote's classes along their MRO
(Textual's own widget bindings - cursor keys in a table, editing in a field -
are the same in every program and left out). A key bound by the body shadows
the same key on the screen, as it does in the app.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module

from textual.binding import Binding

from sipmote.i18n import t

#: view id -> the classes whose bindings make up the view ("module:Class"), outermost first
VIEWS: dict[str, tuple[str, ...]] = {
    "register": ("sipmote.tui.screens.register:RegisterScreen",),
    "prepare": ("sipmote.tui.screens.prepare:PrepareScreen",),
    "meeting.rollcall": ("sipmote.tui.screens.meeting:MeetingScreen",
                         "sipmote.tui.widgets.meeting.rollcall:RollCallBody"),
    "meeting.listen": ("sipmote.tui.screens.meeting:MeetingScreen", "sipmote.tui.widgets.meeting.listen:ListenBody"),
    "meeting.problem": ("sipmote.tui.screens.meeting:MeetingScreen",
                        "sipmote.tui.widgets.meeting.problem:ProblemBody"),
    "meeting.plan": ("sipmote.tui.screens.meeting:MeetingScreen", "sipmote.tui.widgets.meeting.plan:PlanBody"),
    "meeting.summary": ("sipmote.tui.screens.meeting:MeetingScreen",
                        "sipmote.tui.widgets.meeting.summary:SummaryBody"),
    "meeting.review": ("sipmote.tui.screens.meeting:MeetingScreen", "sipmote.tui.widgets.meeting.review:ReviewBody"),
    "meeting.notes": ("sipmote.tui.screens.meeting:MeetingScreen", "sipmote.tui.widgets.meeting.notes:NotesBody"),
    "followup": ("sipmote.tui.screens.followup:FollowUpScreen",),
    "stats": ("sipmote.tui.screens.stats:StatsScreen",),
}
GLOBAL = "global"
APP = "sipmote.tui.app:SipmoteApp"

_KEY_NAMES = {
    "escape": "Esc", "enter": "Enter", "delete": "Delete", "backspace": "Backspace", "tab": "Tab",
    "slash": "/", "question_mark": "?", "left": "←", "right": "→", "up": "↑", "down": "↓",
    "pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End", "insert": "Insert",
    "plus": "+", "minus": "-", "full_stop": ".", "comma": ",",
}


@dataclass(frozen=True)
class HelpRow:
    key: str  # as printed: "Ctrl+Q", "Esc", "j / y"
    description: str
    action: str


@dataclass(frozen=True)
class ViewHelp:
    view: str
    title: str
    purpose: str
    rows: tuple[HelpRow, ...]


def key_label(keys: str) -> str:
    """``"ctrl+q"`` -> ``"Ctrl+Q"``, ``"space"`` -> ``"Mellanslag"``, ``"j,y"`` -> ``"j / y"``."""
    out = []
    for key in (k.strip() for k in keys.split(",") if k.strip()):
        *mods, base = key.split("+")
        if base == "space":
            name = t("help.key_space")
        elif base in _KEY_NAMES:
            name = _KEY_NAMES[base]
        elif len(base) > 1 and base[0] == "f" and base[1:].isdigit():
            name = base.upper()
        else:
            name = base.upper() if mods else base
        out.append("+".join([m.capitalize() for m in mods] + [name]))
    return " / ".join(out)


def help_rows(bindings: Iterable[Binding | tuple]) -> list[HelpRow]:
    """One row per thing a key does, in order: keys for the same action and text are
    one row ("F1 / ?"); repeats removed."""
    keys: dict[tuple[str, str], list[str]] = {}
    for b in bindings:
        if not isinstance(b, Binding):
            b = Binding(*b)
        if not b.description or b.system:
            continue
        # the longer tooltip when the binding has one: the footer's label is kept short
        labels = keys.setdefault((b.action, b.tooltip or b.description), [])
        for label in key_label(b.key).split(" / "):
            if label not in labels:
                labels.append(label)
    return [HelpRow(" / ".join(labels), description, action) for (action, description), labels in keys.items()]


def _textuals_own(klass: type) -> bool:
    """A class of Textual itself (not one sipmote made, even with ``type()`` at run time)."""
    module = sys.modules.get(klass.__module__)
    return klass.__module__.split(".")[0] in ("textual", "builtins") and \
        getattr(module, klass.__qualname__, None) is klass


def declared_bindings(cls: type) -> list[Binding]:
    """The bindings sipmote's classes in ``cls``'s MRO declare; a subclass overrides a key."""
    by_key: dict[str, Binding] = {}
    for klass in reversed(cls.__mro__):
        if _textuals_own(klass) or "BINDINGS" not in vars(klass):
            continue
        for b in vars(klass)["BINDINGS"]:
            b = b if isinstance(b, Binding) else Binding(*b)
            by_key.pop(b.key, None)
            by_key[b.key] = b
    return list(by_key.values())


def _load(path: str) -> type:
    module, name = path.split(":")
    return getattr(import_module(module), name)


def _keys(b: Binding) -> set[str]:
    return {k.strip() for k in b.key.split(",")}


def _remapped(bindings: list[Binding], keymap: dict[str, str] | None) -> list[Binding]:
    """The keys a user moved in ``[keys]`` of config.toml (binding id -> keys)."""
    if not keymap:
        return bindings
    return [dataclasses.replace(b, key=keymap[b.id]) if b.id and b.id in keymap else b for b in bindings]


def view_bindings(view: str, keymap: dict[str, str] | None = None) -> list[Binding]:
    """The bindings of ``view``: outer classes first, a key bound deeper shadows it."""
    if view == GLOBAL:
        return _remapped(declared_bindings(_load(APP)), keymap)
    layers = [_remapped(declared_bindings(_load(p)), keymap) for p in VIEWS[view]]
    out: list[Binding] = []
    for i, layer in enumerate(layers):
        deeper = set().union(*(_keys(b) for later in layers[i + 1:] for b in later))
        out += [b for b in layer if b.priority or not (_keys(b) & deeper)]
    return out


def view_help(view: str, keymap: dict[str, str] | None = None) -> ViewHelp:
    return ViewHelp(view, t(f"help.title_{view.replace('.', '_')}"), t(f"help.purpose_{view.replace('.', '_')}"),
                    tuple(help_rows(view_bindings(view, keymap))))


def all_views(keymap: dict[str, str] | None = None) -> list[ViewHelp]:
    """Every view, the keys that work everywhere first (the lathund's order)."""
    return [view_help(GLOBAL, keymap), *(view_help(v, keymap) for v in VIEWS)]


def view_of(screen: object) -> str | None:
    """The view id of a live screen (the meeting: by the body of the current phase)."""
    cls = type(screen)
    path = f"{cls.__module__}:{cls.__qualname__}"
    matches = [v for v, owners in VIEWS.items() if owners[0] == path]
    if len(matches) == 1:
        return matches[0]
    kind = getattr(screen, "body_kind", None)
    if matches and callable(kind):
        view = f"meeting.{kind()}"
        return view if view in VIEWS else None
    return None


def lathund_sections(keymap: dict[str, str] | None = None) -> list[ViewHelp]:
    """Every view for the printed page, the meeting's shared keys once.

    The rows of each meeting phase in ``all_views()`` are exactly the shared
    section's rows plus that phase's own section's rows.
    """
    views = all_views(keymap)
    meeting = [v for v in views if v.view.startswith("meeting.")]
    shared = tuple(r for r in meeting[0].rows if all(r in v.rows for v in meeting))
    out: list[ViewHelp] = []
    for v in views:
        if v.view.startswith("meeting."):
            if v is meeting[0]:
                out.append(ViewHelp("meeting", t("help.title_meeting"), t("help.purpose_meeting"), shared))
            v = ViewHelp(v.view, v.title, v.purpose, tuple(r for r in v.rows if r not in shared))
        out.append(v)
    return out


def live_rows(screen: object, known: Iterable[HelpRow]) -> list[HelpRow]:
    """Rows the live ``screen`` has beyond ``known``: bindings sipmote declared on a
    widget in focus whose label is set at run time (a table's Enter)."""
    seen = {(r.key, r.description) for r in known}
    ours: list[Binding] = []
    for ab in getattr(screen, "active_bindings", {}).values():
        declared = {(b.action, b.description) for b in declared_bindings(type(ab.node))}
        if (ab.binding.action, ab.binding.description) in declared:
            ours.append(ab.binding)
    return [r for r in help_rows(ours) if (r.key, r.description) not in seen
            and not any(r.description == k.description and r.key in k.key.split(" / ") for k in known)]
