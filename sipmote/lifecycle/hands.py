"""The speaking queue: a raised hand (a remote participant above all) waits its turn.

Meeting state like the current speaker: kept in ``Meeting.hand_queue`` and saved with the
plan, so a crash mid-meeting does not lose who was waiting."""

from __future__ import annotations

from sipmote.lifecycle.edits import _participant, give_word, guard
from sipmote.model import Meeting, Participant, Plan


def toggle_hand(plan: Plan, meeting: Meeting, pid: str) -> bool:
    """Put ``pid`` last in the queue, or take them out if already there; True if now queued."""
    guard(plan, meeting)
    _participant(meeting, pid)
    if pid in meeting.hand_queue:
        meeting.hand_queue.remove(pid)
        return False
    meeting.hand_queue.append(pid)
    return True


def word_to_next(plan: Plan, meeting: Meeting) -> Participant | None:
    """The first in the queue speaks now (and leaves the queue); the one before has spoken."""
    guard(plan, meeting)
    while meeting.hand_queue:
        pid = meeting.hand_queue.pop(0)
        if meeting.participant(pid) is not None:  # a participant removed meanwhile is skipped
            return give_word(plan, meeting, pid)
    return None


def queued(meeting: Meeting) -> list[Participant]:
    """The queue in order, as participants."""
    people = (meeting.participant(pid) for pid in meeting.hand_queue)
    return [p for p in people if p is not None]
