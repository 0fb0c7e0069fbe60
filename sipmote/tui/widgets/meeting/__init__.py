"""The per-phase views of the meeting screen.

Each body shows the model (``show(ctx)``) and turns key presses into model
changes through its screen (``self.ctx``: the MeetingScreen), which saves and
re-renders. All user text reaches the terminal as ``rich.text.Text`` passed
through ``safe_line``: a ``[bold]`` in a name or an escape sequence is shown
literally.

A view's module is imported when the view is first needed (``body_class``): the
meeting's first frame imports only the view it shows."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sipmote.tui.widgets.meeting.common import Body

#: view kind -> (module, class), in the meeting's order
BODIES = {
    "rollcall": ("rollcall", "RollCallBody"),
    "listen": ("listen", "ListenBody"),
    "problem": ("problem", "ProblemBody"),
    "plan": ("plan", "PlanBody"),
    "review": ("review", "ReviewBody"),
    "notes": ("notes", "NotesBody"),
    "summary": ("summary", "SummaryBody"),
}
_BY_CLASS = {cls: module for module, cls in BODIES.values()}


def body_class(kind: str) -> type[Body]:
    """The view class of ``kind`` (its module imported on first use)."""
    module, name = BODIES[kind]
    cls: type[Body] = getattr(import_module(f"{__name__}.{module}"), name)
    return cls


def __getattr__(name: str) -> Any:
    if name in _BY_CLASS:
        return getattr(import_module(f"{__name__}.{_BY_CLASS[name]}"), name)
    if name in ("ATTENDANCE_CYCLE", "Body"):
        return getattr(import_module(f"{__name__}.common"), name)
    raise AttributeError(name)


__all__ = ["ATTENDANCE_CYCLE", "BODIES", "Body", "ListenBody", "NotesBody", "PlanBody", "ProblemBody",
           "ReviewBody", "RollCallBody", "SummaryBody", "body_class"]
