"""How a dialog was opened, so that a draft a crash left can open its dialog again at once.

``capture()`` runs while a dialog (or a screen that is a form) is being built. It finds the
action that builds it — the innermost ``action_…`` method of a widget or screen on the call
stack, whether a key, the command palette or another action ran it — and notes the screen,
the widget, the action with its plain arguments, and the row under the cursor of the
screen's focused table (the plan, the goal, the speaker the action reads). ``reopen(app,
opener)`` does the same again on the screen shown now: that row, that action. The draft
is saved with its opener (``PlanSession.set_draft``), so this works in the next process.

A screen pushed by an action keeps its own opener (``SessionHost.push_screen`` notes it as
``draft_opener``); a dialog on it notes that too, under ``via.``. So a draft of a meeting's
note form, offered on the register after a restart, opens the meeting (the register's action
on the plan's row) and then the form. A form opened from a dialog (the participants
dialog's "add") is replayed when that dialog names the action in ``DRAFT_REPLAY``: the
dialog is opened again first, by its own opener; so is an app action the app names there
(F9, the statistics screen). A view the screen shows only on request
(the meeting's summary) is asked for through the screen's ``show_for_draft(selector)``.
A dialog built outside an action (e.g. after a question was answered) has no opener; its
draft is then kept for the next time the dialog opens."""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import DataTable

Opener = dict[str, str]

VIA = "via."  # the opener of the screen the dialog is on
SCREEN_LOOK = 0.2  # seconds between looks whether that screen is shown
SCREEN_PATIENCE = 40  # looks (8 s) before giving up
APP = "*"  # the opener's screen for an app action: whichever screen is shown
DEPTH = 3  # screens opened on the way to a dialog: register -> meeting -> participants -> form

_PLAIN = (str, int, float, bool)


def _action_frame(frame: FrameType | None) -> tuple[DOMNode, str, list[Any]] | None:
    while frame is not None:
        code = frame.f_code
        node = frame.f_locals.get("self")
        if code.co_name.startswith("action_") and isinstance(node, DOMNode):
            if not isinstance(node, Widget) and code.co_name.removeprefix("action_") not in \
                    getattr(node, "DRAFT_REPLAY", ()):
                return None  # the app's own action (quit, the palette …) is never replayed
            params = code.co_varnames[1:code.co_argcount]
            return node, code.co_name.removeprefix("action_"), [frame.f_locals.get(p) for p in params]
        frame = frame.f_back
    return None


def capture() -> Opener:
    """The action building the dialog now (empty when none, or when it cannot be replayed)."""
    found = _action_frame(sys._getframe(1))
    if found is None:
        return {}
    node, action, args = found
    if not all(isinstance(a, _PLAIN) for a in args):
        return {}
    call = f"{action}({', '.join(map(repr, args))})"
    if not isinstance(node, Widget):  # an app action it names in DRAFT_REPLAY (F9 statistics): on any screen
        return {"screen": APP, "action": f"app.{call}"}
    screen = node if isinstance(node, Screen) else getattr(node, "screen", None)
    if not isinstance(screen, Screen):
        return {}
    if isinstance(screen, ModalScreen) and action not in getattr(screen, "DRAFT_REPLAY", ()):
        return {}  # a dialog's own action (an answer): that dialog is gone after a crash
    opener: Opener = {"screen": type(screen).__name__, "action": call}
    if node is not screen:
        opener["node"] = f"#{node.id}" if node.id else type(node).__name__
    # how the screen itself was opened: a dialog's own opener, a pushed screen's draft_opener
    mine = getattr(screen, "opener", None) if isinstance(screen, ModalScreen) else None
    via: Opener = mine or getattr(screen, "draft_opener", None) or {}
    opener.update({f"{VIA}{k}": v for k, v in via.items() if k.count(VIA) < DEPTH - 1})
    focused = screen.focused
    if isinstance(focused, DataTable) and focused.id:  # the table whose row the action reads
        opener["focus"] = focused.id
        if focused.row_count:
            try:
                row = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value
            except Exception:  # noqa: BLE001 - no row under the cursor: the action reads none
                row = None
            if row is not None:
                opener["row"] = str(row)
    return opener


def reopen(app: Any, opener: Opener, *, strict: bool = False, first: bool = True, show: bool = True) -> bool:
    """Run the opener's action again on the screen shown now (first opening the screen it
    belongs to, when that screen was opened by an action on the one shown). False when that
    cannot be done (``strict``: also when the focused table or its row is not there yet);
    then nothing is done."""
    screen = app.screen
    own = {k: v for k, v in opener.items() if not k.startswith(VIA)}
    via = {k.removeprefix(VIA): v for k, v in opener.items() if k.startswith(VIA)}
    if own.get("screen") == APP and own.get("action"):
        app.call_later(app.run_action, own["action"])
        return True
    if first and own.get("screen") != type(screen).__name__ and via and reopen(app, via):
        _when_ready(app, own)  # the screen is being built: the dialog's action once it is ready
        return True
    if not own.get("action") or type(screen).__name__ != own.get("screen"):
        return False
    node: Widget = screen
    if own.get("node"):
        found = list(screen.query(own["node"]))
        if not found:
            ask = getattr(screen, "show_for_draft", None) if show else None
            if ask is not None and ask(own["node"]):
                _when_ready(app, own, show=False)  # the view is being shown: its action once it is there
                return True
            return False
        node = found[0]
    focus = list(screen.query(f"#{own['focus']}")) if own.get("focus") else []
    table = focus[0] if focus else None
    row: int | None = None
    if isinstance(table, DataTable) and own.get("row"):
        try:
            row = table.get_row_index(own["row"])
        except Exception:  # noqa: BLE001 - the row is not (or no longer) there
            row = None
    if strict and ((own.get("focus") and table is None) or (own.get("row") and row is None)):
        return False  # not built yet: look again
    if table is not None and table.focusable:
        table.focus()
        if isinstance(table, DataTable) and row is not None:
            table.move_cursor(row=row)
    app.call_later(node.run_action, own["action"])
    return True


def _when_ready(app: Any, own: Opener, *, show: bool = True) -> None:
    """Look every SCREEN_LOOK seconds until the opener's screen and view are there, then run
    its action (after SCREEN_PATIENCE looks: whatever can be done then)."""
    looks = 0

    def look() -> None:
        nonlocal looks
        looks += 1
        if reopen(app, own, strict=looks < SCREEN_PATIENCE, first=False, show=show) or looks >= SCREEN_PATIENCE:
            timer.stop()

    timer = app.set_interval(SCREEN_LOOK, look)
