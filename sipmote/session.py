"""PlanSession: the one owner of an open plan (headless: no Textual here).

Every front end changes a plan through its session:

* ``PlanSession.open(register, plan_id)`` loads the plan and takes the register's
  notices (a plan restored from its backup is announced to whoever opened it);
* ``apply(edit)`` runs an edit — a callable that goes through ``sipmote.lifecycle``,
  which refuses a closed plan or a held meeting with a Swedish ``LifecycleError``
  (then nothing is marked for saving) — and marks the plan dirty;
* the session records a deadline (``delay`` after the first unsaved change); the
  front end asks ``due()`` from a timer and then ``take()`` a snapshot on its own
  thread and ``write()`` it in a worker thread (``flush()`` does both at once);
* a failed save stays pending and is retried ``retry`` seconds later; writes hold
  one lock and a newer version is never overwritten by an older one;
* ``close()`` saves whatever is left (quit, leaving the plan).

Drafts — what is typed in an open dialog — are part of the session's state:
``set_draft``/``clear_draft`` mark them dirty under the same deadline; they are
written to ``drafts/<plan id>.json`` (never into the plan). Drafts found on open
(a crash) are in ``restored`` until the front end has offered them back. A plan not
yet saved has no session: its preparation is drafted in the register's one slot for
a new plan (``Sessions.new_plan()``, a ``DraftSession``: drafts without a plan).

The clock is injected (``clock``), so tests need no sleeps.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sipmote.model import Plan
from sipmote.store.atomic import StoreError
from sipmote.store.drafts import NEW_PLAN, Drafts, DraftStore

SAVE_DELAY = 0.5  # seconds from the first unsaved change to its save (the promise is 1 s)
RETRY_DELAY = 2.0  # seconds between tries of a save that failed

T = TypeVar("T")


def take_notices(register: Any) -> list[str]:
    """The register's notices (e.g. a plan restored from its backup), delivered once."""
    return [] if register is None else list(register.take_notices())


@dataclass
class Snapshot:
    """What one save writes: a copy of the plan and of the drafts, with their versions."""

    plan: Plan | None
    seq: int
    drafts: Drafts | None
    drafts_seq: int


@dataclass
class DraftSession:
    """Drafts and their save deadline, without a plan: the register's slot for a plan that
    has no id yet (a new plan's preparation). ``PlanSession`` adds the plan itself."""

    register: Any
    clock: Callable[[], float] = time.monotonic
    delay: float = SAVE_DELAY
    retry: float = RETRY_DELAY
    notices: list[str] = field(default_factory=list)
    #: run (on the front end's thread) before each snapshot, e.g. the meeting clock's sync
    before_save: list[Callable[[], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.draft_store = DraftStore(self.register)
        self.drafts: Drafts = {}
        self.restored: Drafts = {}
        self.error: str | None = None  # the last save failure, None once a save succeeds
        self._seq = self._saved_seq = 0
        self._drafts_seq = self._saved_drafts_seq = 0
        self._deadline: float | None = None
        self._state = threading.Lock()  # seq numbers and deadline (UI thread and worker)
        self.io_lock = threading.Lock()  # one write at a time, in order

    @property
    def plan_id(self) -> str | None:
        """The plan's id (None: no plan yet, only drafts)."""
        return None

    @property
    def draft_file(self) -> str:
        """The name of the drafts file: the plan's id, or the new plan's slot."""
        return NEW_PLAN

    def load_drafts(self) -> DraftSession:
        """Take the drafts a crash left (in ``restored`` until offered back)."""
        self.restored = self.draft_store.load(self.draft_file)
        self.drafts = {k: dict(v) for k, v in self.restored.items()}
        return self

    def _plan_copy(self) -> Plan | None:
        return None

    def mark_dirty(self, *, now: bool = False) -> None:
        """The plan changed (also for edits made on the model directly): save it soon."""
        with self._state:
            self._seq += 1
            self._arm(0.0 if now else self.delay)

    def _arm(self, after: float) -> None:
        deadline = self.clock() + after
        if self._deadline is None or deadline < self._deadline:
            self._deadline = deadline

    # ------------------------------------------------------------------ drafts
    def set_draft(self, key: str, title: str, values: dict[str, Any],
                  opener: dict[str, str] | None = None) -> None:
        """What is typed in an open dialog; saved as a draft within ``delay``. ``opener``
        tells the front end how to open the dialog again after a crash."""
        entry: dict[str, Any] = {"title": title, "values": dict(values)}
        if opener:
            entry["opener"] = dict(opener)
        with self._state:
            if self.drafts.get(key) == entry:
                return
            self.drafts[key] = entry
            self._drafts_seq += 1
            self._arm(self.delay)

    def clear_draft(self, key: str) -> None:
        """The dialog was confirmed or cancelled: its draft goes."""
        self.restored.pop(key, None)
        with self._state:
            if self.drafts.pop(key, None) is None:
                return
            self._drafts_seq += 1
            self._arm(self.delay)

    def draft(self, key: str) -> dict[str, Any] | None:
        """The values a restored draft left for the dialog with this key (None when none)."""
        entry = self.restored.get(key)
        return dict(entry["values"]) if entry else None

    def discard_drafts(self) -> None:
        """The user declined the restored drafts: forget them (on disk too, at the next save)."""
        for key in list(self.restored):
            self.clear_draft(key)

    # ------------------------------------------------------------------ saving
    @property
    def pending(self) -> bool:
        """Something is not on disk yet (a change, a draft, a failed save)."""
        with self._state:
            return self._seq > self._saved_seq or self._drafts_seq > self._saved_drafts_seq

    @property
    def plan_pending(self) -> bool:
        """The plan itself has a change not yet on disk (drafts aside)."""
        with self._state:
            return self._seq > self._saved_seq

    def due(self) -> bool:
        with self._state:
            return self._deadline is not None and self.clock() >= self._deadline

    def take(self) -> Snapshot | None:
        """A snapshot to write, taken on the thread that changes the plan (None: nothing to do)."""
        for hook in list(self.before_save):
            hook()
        with self._state:
            self._deadline = None
            plan_dirty = self._seq > self._saved_seq
            drafts_dirty = self._drafts_seq > self._saved_drafts_seq
            if not (plan_dirty or drafts_dirty):
                return None
            return Snapshot(
                plan=self._plan_copy() if plan_dirty else None,
                seq=self._seq,
                drafts={k: dict(v) for k, v in self.drafts.items()} if drafts_dirty else None,
                drafts_seq=self._drafts_seq,
            )

    def write(self, snap: Snapshot) -> str | None:
        """Write a snapshot (any thread). Returns the Swedish error message, None when saved.
        A failure keeps the change pending and arms a retry."""
        with self.io_lock:
            try:
                if snap.seq > self._saved_seq:
                    if snap.plan is not None:
                        self.register.save(snap.plan)
                    with self._state:
                        self._saved_seq = max(self._saved_seq, snap.seq)
                if snap.drafts is not None and snap.drafts_seq > self._saved_drafts_seq:
                    self.draft_store.save(self.draft_file, snap.drafts)
                    with self._state:
                        self._saved_drafts_seq = max(self._saved_drafts_seq, snap.drafts_seq)
            except StoreError as exc:
                return self._failed(exc.message)
            except OSError as exc:  # the store maps OS errors itself; never lose the change
                from sipmote.i18n import t

                return self._failed(t("store.write_failed", reason=exc.strerror or type(exc).__name__))
        self.error = None
        return None

    def _failed(self, message: str) -> str:
        self.error = message
        with self._state:
            self._arm(self.retry)
        return message

    def flush(self) -> str | None:
        """Take and write at once (tests, quit, before an export). None when all is saved."""
        snap = self.take()
        return self.write(snap) if snap is not None else None

    def save_now(self) -> bool:
        """Save everything pending now. True when nothing is left unsaved."""
        self.flush()
        return not self.pending

    def close(self) -> bool:
        """Save on quit or when the plan is left; True when nothing is left unsaved."""
        if self.before_save:
            self.mark_dirty()  # the meeting clock has moved since the last save
        return self.save_now()


@dataclass
class PlanSession(DraftSession):
    """The one owner of an open plan: its edits, saves and drafts."""

    plan: Plan = field(kw_only=True)
    #: deviation drafts dropped while this plan was open (``lifecycle.deviation_key``): one
    #: offered when a measure was marked not done is not proposed again at the meeting's end
    declined: set[tuple[str, str | None, str, str]] = field(default_factory=set, kw_only=True)

    # ------------------------------------------------------------------ open
    @classmethod
    def open(cls, register: Any, plan_id: str, **kwargs: Any) -> PlanSession:
        """Load the plan (StoreError when it cannot be read) and any drafts a crash left."""
        plan = register.load(plan_id)
        session = cls(register, plan=plan, notices=take_notices(register), **kwargs)
        session.load_drafts()
        return session

    @property
    def plan_id(self) -> str:
        return self.plan.id

    @property
    def draft_file(self) -> str:
        return self.plan.id

    def _plan_copy(self) -> Plan:
        return self.plan.model_copy(deep=True)

    # ------------------------------------------------------------------ edits
    def apply(self, edit: Callable[[Plan], T]) -> T:
        """Run ``edit`` on the plan and mark it for saving. A ``LifecycleError`` (a closed
        plan, a held meeting, a bad value) propagates and nothing is marked."""
        result = edit(self.plan)
        self.mark_dirty()
        return result


class Sessions:
    """The open plans of one register, one session each (the same plan object for every
    screen that shows it)."""

    def __init__(self, register: Any, *, clock: Callable[[], float] = time.monotonic,
                 delay: float = SAVE_DELAY, retry: float = RETRY_DELAY) -> None:
        self.register = register
        self._kw: dict[str, Any] = {"clock": clock, "delay": delay, "retry": retry}
        self.open_sessions: dict[str, PlanSession] = {}
        self._new_plan: DraftSession | None = None

    def get(self, plan_id: str) -> PlanSession:
        """The plan's session, opened (loaded from disk) on first use. Raises StoreError."""
        session = self.open_sessions.get(plan_id)
        if session is None:
            session = PlanSession.open(self.register, plan_id, **self._kw)
            self.open_sessions[plan_id] = session
        return session

    def adopt(self, plan: Plan) -> PlanSession:
        """A session for a plan the caller already holds (a new plan, a test's plan)."""
        session = self.open_sessions.get(plan.id)
        if session is None:
            session = PlanSession(self.register, plan=plan, **self._kw)
            session.load_drafts()
            self.open_sessions[plan.id] = session
        elif session.plan is not plan:
            session.plan = plan  # the caller's object is the one being edited now
        return session

    def forget(self, plan_id: str) -> None:
        """The plan was deleted: drop its session (its drafts went with it)."""
        self.open_sessions.pop(plan_id, None)

    def new_plan(self) -> DraftSession:
        """The register's one draft slot for a plan that has no id yet (with what a crash left)."""
        if self._new_plan is None:
            self._new_plan = DraftSession(self.register, **self._kw).load_drafts()
        return self._new_plan

    def __iter__(self) -> Iterator[PlanSession]:
        """The open plans' sessions."""
        return iter(list(self.open_sessions.values()))

    def every(self) -> list[DraftSession]:
        """Everything that saves: the plans' sessions and the new plan's draft slot."""
        slot: list[DraftSession] = [self._new_plan] if self._new_plan is not None else []
        return [*self.open_sessions.values(), *slot]

    @property
    def pending(self) -> bool:
        return any(s.pending for s in self.every())

    def due(self) -> list[DraftSession]:
        return [s for s in self.every() if s.due()]

    def save_all(self) -> list[str]:
        """Save every session now; the error messages of those that failed."""
        return [s.error or "" for s in self.every() if not s.save_now()]

    def close_all(self) -> list[str]:
        return [s.error or "" for s in self.every() if not s.close()]
