"""The edits the meeting views ask for, as messages (frogmouth's pattern).

A view never changes the model itself and never knows its screen: it posts one
of these; the message bubbles up to the meeting screen, which applies it
through ``sipmote.lifecycle.edits`` (where the rules are), saves and shows the
result. Field names avoid ``time``, which every Textual message has.
"""

from __future__ import annotations

import datetime as dt
import inspect
from typing import TYPE_CHECKING, Any, TypeVar

from textual.message import Message

from sipmote.model import Attendance, ConvenedBy, GoalRating, MeasureStatus, Participant, Responsible

M = TypeVar("M", bound=type[Message])


def _message(cls: M) -> M:
    """``@dataclass`` for these messages without generating code: dataclasses compiles an
    ``__init__``, ``__repr__`` and ``__eq__`` for every class, 5 ms of the app's start for
    these 32 (measured). The fields are the class's annotations, in order, with their
    defaults; arguments by position or by name, as a dataclass takes them."""
    names = tuple(inspect.get_annotations(cls))
    defaults = {n: cls.__dict__[n] for n in names if n in cls.__dict__}

    def __init__(self: Message, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__} takes {len(names)} arguments")
        values = dict(zip(names, args, strict=False))
        for key, value in kwargs.items():
            if key not in names or key in values:
                raise TypeError(f"{cls.__name__}: unexpected or repeated argument {key!r}")
            values[key] = value
        for name in names:
            if name not in values:
                if name not in defaults:
                    raise TypeError(f"{cls.__name__}: missing argument {name!r}")
                values[name] = defaults[name]
            setattr(self, name, values[name])
        self.__post_init__()  # Textual's own set-up of a message (as after a dataclass's __init__)

    def __repr__(self: Message) -> str:
        return f"{cls.__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"

    cls.__init__ = __init__  # type: ignore[method-assign]
    cls.__repr__ = __repr__  # type: ignore[method-assign,assignment]
    return cls


if TYPE_CHECKING:  # the type checker reads them as the dataclasses they behave as
    from dataclasses import dataclass
else:
    dataclass = _message


@dataclass
class AttendanceSet(Message):
    pid: str
    attendance: Attendance


@dataclass
class AllPresent(Message):
    """'Alla är här': everyone still only invited is present."""


@dataclass
class ParticipantAdded(Message):
    participant: Participant


@dataclass
class SpeakerMarked(Message):
    """``pid`` has the word now."""

    pid: str


@dataclass
class SpokenSet(Message):
    pid: str
    spoken: bool


@dataclass
class SpeakerNotesEdited(Message):
    pid: str
    notes: str


@dataclass
class LongTermGoalEdited(Message):
    text: str


@dataclass
class SituationEdited(Message):
    text: str


@dataclass
class RolesSet(Message):
    leader: str
    secretary: str
    convened_by: ConvenedBy


@dataclass
class NeedAdded(Message):
    text: str
    question_ids: list[str]
    disagreement: bool
    parties: str


@dataclass
class NeedEdited(Message):
    need_id: str
    text: str
    question_ids: list[str] | None
    disagreement: bool
    parties: str


@dataclass
class DisagreementToggled(Message):
    need_id: str


@dataclass
class NeedRemoved(Message):
    need_id: str


@dataclass
class QuestionAnswered(Message):
    question_id: str
    answer: str


@dataclass
class GoalAdded(Message):
    text: str
    child_words: str = ""  # how the child says it (Min plan)


@dataclass
class ChildWordsEdited(Message):
    """How the child says a goal or a measure (``key`` is the Planera row key), for Min plan."""

    key: str
    words: str


@dataclass
class ParticipantAgreed(Message):
    """``pid`` agrees to the plan (True), does not (False), or the note is cleared (None)."""

    pid: str
    agrees: bool | None


@dataclass
class ItemTextEdited(Message):
    """The text of a goal or an own action (``key`` is the Planera row key)."""

    key: str
    text: str


@dataclass
class ItemRemoved(Message):
    key: str


@dataclass
class MeasureAdded(Message):
    goal_id: str | None  # None: a third party's measure
    data: dict[str, Any]


@dataclass
class MeasureEdited(Message):
    measure_id: str
    data: dict[str, Any]


@dataclass
class OwnActionAdded(Message):
    who: str
    text: str


@dataclass
class HuvudansvarigSet(Message):
    responsible: Responsible


@dataclass
class FollowUpBooked(Message):
    date: dt.date | None
    at: dt.time | None
    place: str


@dataclass
class MeasureStatusSet(Message):
    measure_id: str
    status: MeasureStatus | None


@dataclass
class EffectEdited(Message):
    measure_id: str
    effect: str


@dataclass
class GoalRated(Message):
    """The person's own rating of a delmål at follow-up, and their words."""

    goal_id: str
    rating: GoalRating | None
    words: str


@dataclass
class PhaseNotesEdited(Message):
    phase_key: str
    notes: str


@dataclass
class CopiesSet(Message):
    copies: list[str]


@dataclass
class CriticalEdited(Message):
    text: str


@dataclass
class AgreementSet(Message):
    agrees: bool | None


