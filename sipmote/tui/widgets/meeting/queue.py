"""The speaking queue on the meeting screen: raised hands, in order, above every view."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from sipmote.i18n import t
from sipmote.lifecycle.hands import queued
from sipmote.model import Attendance, Meeting
from sipmote.textview import safe_line


@dataclass
class HandToggled(Message):
    """``pid`` raised a hand (or is taken out of the queue if already in it)."""

    pid: str


@dataclass
class WordToNext(Message):
    """The first in the queue gets the word."""


class QueueLine(Static):
    """One line: 'Handuppräckning: 1 Johan Lindqvist (distans) · 2 Anna Berg'; hidden when empty."""

    DEFAULT_CSS = """
    QueueLine { height: 1; padding: 0 1; background: $warning 30%; display: none; }
    """

    def show(self, meeting: Meeting) -> None:
        people = queued(meeting)
        self.display = bool(people)
        line = Text(t("hand.queue") + " ", style="bold")
        for i, p in enumerate(people, 1):
            if i > 1:
                line.append(" · ")
            line.append(f"{i} ", style="bold")
            line.append(safe_line(p.name))
            if p.attendance == Attendance.remote:
                line.append(" (" + t("mt.remote_short") + ")")
        line.append("   " + t("hand.hint"), style="italic")
        line.no_wrap = True
        line.overflow = "ellipsis"
        self.update(line)
