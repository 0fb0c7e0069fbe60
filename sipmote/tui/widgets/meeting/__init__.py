"""The per-phase views of the meeting screen.

Each body shows the model (``show(ctx)``) and turns key presses into model
changes through its screen (``self.ctx``: the MeetingScreen), which saves and
re-renders. All user text reaches the terminal as ``rich.text.Text`` passed
through ``safe_line``: a ``[bold]`` in a name or an escape sequence is shown
literally."""

from sipmote.tui.widgets.meeting.common import ATTENDANCE_CYCLE, Body
from sipmote.tui.widgets.meeting.listen import ListenBody
from sipmote.tui.widgets.meeting.notes import NotesBody
from sipmote.tui.widgets.meeting.plan import PlanBody
from sipmote.tui.widgets.meeting.problem import ProblemBody
from sipmote.tui.widgets.meeting.review import ReviewBody
from sipmote.tui.widgets.meeting.rollcall import RollCallBody
from sipmote.tui.widgets.meeting.summary import SummaryBody

BODY_CLASSES = {cls.body_kind: cls for cls in (RollCallBody, ListenBody, ProblemBody, PlanBody, ReviewBody, NotesBody,
                                               SummaryBody)}

__all__ = ["ATTENDANCE_CYCLE", "BODY_CLASSES", "Body", "ListenBody", "NotesBody", "PlanBody", "ProblemBody",
           "ReviewBody", "RollCallBody", "SummaryBody"]
