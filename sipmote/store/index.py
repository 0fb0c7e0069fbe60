"""``index.json``: one small summary per plan, for the start screen and ``list``.

A cache of the plan files (TinyDB format, written atomically, never held
open): when it is missing or wrong it is rebuilt from them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import Storage, TinyDB

from sipmote.errors import SipmoteError
from sipmote.model import MeetingStatus, Plan, PlanStatus
from sipmote.store.atomic import atomic_write
from sipmote.store.codec import PLAIN, Codec, CodecError
from sipmote.store.files import read_regular
from sipmote.store.limits import MAX_PLAN_BYTES

#: an index of 5,000 plans is ~1.5 MB
MAX_INDEX_BYTES = 20 * MAX_PLAN_BYTES


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never rewrites in place and never keeps the file open."""

    def __init__(self, path: str | Path, codec: Codec = PLAIN) -> None:
        self.path = Path(path)
        self.codec = codec

    def read(self) -> dict[str, Any] | None:
        try:
            raw = read_regular(self.path, MAX_INDEX_BYTES)
        except FileNotFoundError:
            return None
        if not raw:
            return None
        data = json.loads(self.codec.decode(raw))
        return data if isinstance(data, dict) else None

    def write(self, data: dict[str, Any]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        atomic_write(self.path, self.codec.encode(payload))

    def close(self) -> None:  # nothing is held open
        pass


@dataclass
class PlanSummary:
    id: str
    name: str
    personnummer: str | None
    status: str
    last_meeting: str | None
    next_meeting: str | None
    updated: str
    #: set when the plan cannot be read and no backup could restore it: what to do (a message)
    damaged: str | None = None
    #: why the plan waits for the coordinator rather than a date: "unfinished" (a meeting was
    #: started and never finished: a crash, or "not yet" on leaving it), "consent_withdrawn"
    #: (no meeting may be held: ``next_meeting`` is then None)
    halt: str | None = None

    @classmethod
    def of(cls, plan: Plan) -> PlanSummary:
        last = plan.last_held_meeting  # 'Senaste möte': a held meeting only, never a planned one
        nxt = plan.next_follow_up
        halt = None
        if plan.status != PlanStatus.closed:
            latest = plan.latest_meeting
            if plan.consent_withdrawn:
                halt, nxt = "consent_withdrawn", None
            elif latest is not None and latest.status == MeetingStatus.running:
                halt = "unfinished"
        return cls(
            id=plan.id,
            name=plan.person.name,
            personnummer=plan.person.personnummer,
            status=plan.status.value,
            last_meeting=last.date.isoformat() if last and last.date else None,
            next_meeting=nxt.isoformat() if nxt else None,
            updated=plan.updated.isoformat(),
            halt=halt,
        )

    @classmethod
    def unreadable(cls, plan_id: str, message: str, known: PlanSummary | None = None) -> PlanSummary:
        """A plan that is listed but cannot be opened (what the index knew of it, if anything)."""
        if known is not None:
            return cls(**{**known.as_doc(), "damaged": message})
        return cls(id=plan_id, name="?", personnummer=None, status="draft", last_meeting=None,
                   next_meeting=None, updated="", damaged=message)

    def as_doc(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def key(self) -> tuple[object, ...]:
        """What the start screen shows: a save that changes none of it leaves the index alone."""
        return (self.name, self.personnummer, self.status, self.last_meeting, self.next_meeting, self.damaged,
                self.halt)


def read_index(path: Path, codec: Codec) -> dict[str, PlanSummary] | None:
    """The summaries in ``index.json``; None when it is missing or unreadable."""
    try:
        docs = TinyDB(path, storage=AtomicJSONStorage, codec=codec).table("plans").all()
        fields = set(PlanSummary.__dataclass_fields__)
        if any("halt" not in d for d in docs):  # an index from before the field: summarised again
            return None
        return {d["id"]: PlanSummary(**{k: v for k, v in d.items() if k in fields}) for d in docs}
    except (ValueError, TypeError, KeyError, AttributeError, CodecError, OSError, SipmoteError):
        return None


def write_index(path: Path, codec: Codec, summaries: dict[str, PlanSummary]) -> None:
    payload = {"plans": {str(i + 1): s.as_doc() for i, s in enumerate(summaries.values())}}
    AtomicJSONStorage(path, codec).write(payload)
