"""How a dialog was opened, so that a draft a crash left can open its dialog again at once.

``capture()`` runs while a dialog (or a screen that is a form) is being built. It finds the
action that builds it — the innermost ``action_…`` method of a widget or screen on the call
stack, whether a key, the command palette or another action ran it — and notes the screen,
the widget, the action with its plain arguments, and the row under the cursor of the
screen's focused table (the plan, the goal, the speaker the action reads). ``reopen(app,
opener)`` does the same again on the screen shown now: that row, that action. The draft
is saved with its opener (``PlanSession.set_draft``), so this works in the next process.

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

_PLAIN = (str, int, float, bool)


def _action_frame(frame: FrameType | None) -> tuple[DOMNode, str, list[Any]] | None:
    while frame is not None:
        code = frame.f_code
        node = frame.f_locals.get("self")
        if code.co_name.startswith("action_") and isinstance(node, DOMNode):
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
    screen = node if isinstance(node, Screen) else getattr(node, "screen", None)
    if not isinstance(screen, Screen) or isinstance(screen, ModalScreen):
        return {}  # a dialog's own action (an answer): that dialog is gone after a crash
    opener: Opener = {"screen": type(screen).__name__, "action": f"{action}({', '.join(map(repr, args))})"}
    if node is not screen:
        opener["node"] = f"#{node.id}" if node.id else type(node).__name__
    focused = screen.focused
    if focused is not None and focused.id:
        opener["focus"] = focused.id
        if isinstance(focused, DataTable) and focused.row_count:
            try:
                row = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value
            except Exception:  # noqa: BLE001 - no row under the cursor: the action reads none
                row = None
            if row is not None:
                opener["row"] = str(row)
    return opener


def reopen(app: Any, opener: Opener) -> bool:
    """Run the opener's action again on the screen shown now. False when that screen is not
    shown (or lacks the widget); then nothing is done."""
    screen = app.screen
    if not opener.get("action") or type(screen).__name__ != opener.get("screen"):
        return False
    node: Widget = screen
    if opener.get("node"):
        found = list(screen.query(opener["node"]))
        if not found:
            return False
        node = found[0]
    focus = list(screen.query(f"#{opener['focus']}")) if opener.get("focus") else []
    if focus and focus[0].focusable:
        focus[0].focus()
        table = focus[0]
        if isinstance(table, DataTable) and opener.get("row"):
            try:
                table.move_cursor(row=table.get_row_index(opener["row"]))
            except Exception:  # noqa: BLE001 - the row is gone: the action reads the row it finds
                pass
    app.call_later(node.run_action, opener["action"])
    return True
