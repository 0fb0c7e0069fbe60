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
#: every other screen and dialog: its keys are its own classes' (over the app's priority keys);
#: with ``VIEWS`` this is every screen sipmote has (tests/tui/test_keymap.py checks none is missing)
DIALOGS: tuple[str, ...] = (
    "sipmote.tui.dialogs.confirm:ConfirmDialog",
    "sipmote.tui.dialogs.form:FormDialog",
    "sipmote.tui.dialogs.form:TextDialog",
    "sipmote.tui.dialogs.choice:ChoiceDialog",
    "sipmote.tui.dialogs.view:TextViewDialog",
    "sipmote.tui.screens.dialogs:ClosePlanDialog",
    "sipmote.tui.screens.dialogs:DeviationDraftsDialog",
    "sipmote.tui.screens.dialogs:EvaluationDialog",
    "sipmote.tui.screens.export_modal:ExportModal",
    "sipmote.tui.screens.participants:ParticipantsModal",
    "sipmote.tui.screens.passphrase:PassphraseModal",
    "sipmote.tui.screens.help:HelpScreen",
)
#: widgets with keys of their own (hidden: a field's or a table's own moves) -> the view they are in
WIDGETS: dict[str, str] = {
    "sipmote.tui.dialogs.fields:ChoiceField": "sipmote.tui.dialogs.form:FormDialog",
    "sipmote.tui.screens.export_modal:ChoiceList": "sipmote.tui.screens.export_modal:ExportModal",
    "sipmote.tui.screens.prepare_form:SectionHead": "prepare",
    "sipmote.tui.screens.prepare_form:RowTable": "prepare",
}
#: the meeting's tables (``widgets/meeting/common.py`` ``make_table``): Enter on a row, id ``<table>.enter``;
#: table -> (its view, the text of its Enter) as the views build them (a test reads their make_table calls)
TABLES: dict[str, tuple[str, str]] = {
    "rollcall-table": ("meeting.rollcall", "meet.b_present"),
    "speakers": ("meeting.listen", "mt.b_speak"),
    "needs": ("meeting.problem", "mt.b_edit"),
    "plan-table": ("meeting.plan", "mt.b_edit"),
    "review-table": ("meeting.review", "mt.b_status"),
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


def contexts() -> dict[str, list[Binding]]:
    """Where keys are pressed together -> the bindings there (the app's included), as declared:
    each view, each dialog (only the app's priority keys work over a dialog). A key bound twice
    in one of these is a clash."""
    app = view_bindings(GLOBAL)
    out = {view: view_bindings(view) + app for view in VIEWS}
    for table, (view, text) in TABLES.items():  # the focused table's Enter comes first
        out[view].insert(0, Binding("enter", "select_cursor", t(text), id=f"{table}.enter"))
    priority = [b for b in app if b.priority]
    for path in DIALOGS:
        out[path] = declared_bindings(_load(path)) + priority
    return out


def where(context: str) -> str:
    """A context of ``contexts()`` as the user knows it: the view's title, or "a dialog"."""
    known = context in VIEWS or context in (GLOBAL, "meeting")
    return t(f"help.title_{context.replace('.', '_')}") if known else t("keys.in_dialog")


def all_bindings() -> dict[str, tuple[Binding, str]]:
    """Every binding id sipmote has -> (its binding as declared, the context it is first found in)."""
    out: dict[str, tuple[Binding, str]] = {}
    for b in view_bindings(GLOBAL):
        out.setdefault(b.id or "", (b, GLOBAL))
    for view, owners in VIEWS.items():  # a screen's key a phase shadows is still the screen's
        for path in owners:
            shared = sum(path == o[0] for o in VIEWS.values()) > 1  # the meeting's screen: every phase
            for b in declared_bindings(_load(path)):
                out.setdefault(b.id or "", (b, view.split(".")[0] if shared else view))
        for table, (table_view, text) in TABLES.items():  # Enter on a row of the view's table
            if table_view == view:
                out.setdefault(f"{table}.enter", (Binding("enter", "select_cursor", t(text)), view))
    for context, bindings in contexts().items():
        for b in bindings:
            out.setdefault(b.id or "", (b, context))
    for path, view in WIDGETS.items():
        for b in declared_bindings(_load(path)):
            out.setdefault(b.id or "", (b, view))
    out.pop("", None)
    return out


def keymap_rows() -> list[tuple[str, str, str, str]]:
    """(id, default key, what it does, where) of every binding a user may move in ``[keys]``."""
    out = []
    for binding_id, (b, context) in all_bindings().items():
        what = b.tooltip or b.description or t(f"keys.about_{binding_id.replace('.', '_')}")
        place = t("keys.doc_dialogs") if context.count(":") else where(context)
        out.append((binding_id, key_label(b.key), what, place))
    return out


def keymap_markdown() -> str:
    """The table of every id in the user guide (docs/anvandarguide.md; a test keeps it true)."""
    head = (t("keys.doc_id"), t("keys.doc_key"), t("keys.doc_what"), t("keys.doc_where"))
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for binding_id, key, what, place in keymap_rows():
        cells = (f"`{binding_id}`", key.replace("|", "\\|"), what.replace("|", "\\|"), place)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
