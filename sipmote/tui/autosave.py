"""The app's side of the plan sessions: a tick asks each session ``due()`` and writes
its snapshot in a thread worker; a failure is shown and stays pending (the session
retries); quitting closes every session.

``SessionHost`` is a mixin for a Textual ``App`` that has a ``register``: the real
app and the tests' host apps share it, so every screen edits through the same
``PlanSession`` whichever app hosts it."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import Any, cast

from textual.message import Message
from textual.screen import ModalScreen, Screen

from sipmote.i18n import t
from sipmote.session import DraftSession, PlanSession, Sessions
from sipmote.store.drafts import HIDDEN
from sipmote.tui.dialogs.opener import capture, reopen

TICK = 0.2  # seconds between looks at the sessions' deadlines (the promise: saved within 1 s)
REOPEN_WATCH = 0.3  # seconds between looks whether a dialog reopened from a draft is closed again
REOPEN_PATIENCE = 34  # looks (10 s) for the dialog to open before the draft is said to wait for it


class PlanSaved(Message):
    """A session's snapshot is on disk (posted to the app's current screen)."""

    def __init__(self, plan_id: str) -> None:
        super().__init__()
        self.plan_id = plan_id


class SessionHost:
    register: Any
    save_clock: Callable[[], float] = time.monotonic

    # ---- the pools (one per register; normally only the app's)
    def sessions_for(self, register: Any = None) -> Sessions:
        register = self.register if register is None else register
        pools: dict[int, Sessions] = self.__dict__.setdefault("_session_pools", {})
        pool = pools.get(id(register))
        if pool is None:
            pool = pools[id(register)] = Sessions(register, clock=self.save_clock)
            if self.__dict__.get("_autosave_timer") is None:
                self.__dict__["_autosave_timer"] = self.set_interval(TICK, self.autosave_tick)  # type: ignore[attr-defined]
        return pool

    @property
    def sessions(self) -> Sessions:
        return self.sessions_for()

    def all_sessions(self) -> list[DraftSession]:
        """Every session that saves (the new plan's draft slot included)."""
        pools: dict[int, Sessions] = self.__dict__.get("_session_pools", {})
        return [s for pool in pools.values() for s in pool.every()]

    def session(self, plan_id: str, register: Any = None) -> PlanSession:
        """The plan's session (opened on first use). Raises StoreError."""
        return self.sessions_for(register).get(plan_id)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Textual's push_screen; a (non-modal) screen opened by an action keeps that action, so
        a crash draft of a dialog on it can open the screen again first (``opener.reopen``)."""
        if isinstance(screen, Screen) and not isinstance(screen, ModalScreen):
            screen.draft_opener = capture()  # type: ignore[attr-defined]
        return super().push_screen(screen, *args, **kwargs)  # type: ignore[misc]

    def show_notices(self, session: PlanSession) -> None:
        """The register's notices (a plan restored from its backup), shown once."""
        for notice in session.notices:
            self.notify(notice, severity="warning", markup=False, timeout=10)  # type: ignore[attr-defined]
        session.notices.clear()

    def offer_drafts(self, session: DraftSession) -> None:
        """Drafts a crash left (text typed in a dialog, never confirmed): offer each back,
        one at a time. Yes opens the dialog again at once, filled in (the draft's opener: on
        the screen shown, or on the screen its own screen was opened from); when neither is
        shown, the draft waits for the dialog's next opening. No discards it."""
        if session.__dict__.get("_offered") or not session.restored:
            return
        session.__dict__["_offered"] = True
        queue: list[tuple[DraftSession, str]] = self.__dict__.setdefault("_draft_offers", [])
        queue += [(session, key) for key in session.restored]
        if not self.__dict__.get("_offering"):
            self._offer_next()

    def _offer_next(self) -> None:
        queue: list[tuple[DraftSession, str]] = self.__dict__.setdefault("_draft_offers", [])
        while queue and queue[0][1] not in queue[0][0].restored:
            queue.pop(0)  # taken meanwhile (its dialog was opened)
        self.__dict__["_offering"] = bool(queue)
        if not queue:
            return
        session, key = queue.pop(0)
        entry = session.restored[key]
        from sipmote.tui.dialogs import ConfirmDialog

        def answered(keep: bool | None) -> None:
            if not keep:
                session.clear_draft(key)
                self._offer_next()
                return
            if reopen(self, entry.get("opener") or {}):
                self._after_reopen(session, key, entry["title"])
            else:
                self.notify(t("dlg.draft_armed", title=entry["title"]), markup=False, timeout=8)  # type: ignore[attr-defined]
                self._offer_next()

        question = t("dlg.draft_offer", title=entry["title"]) + "\n\n" + draft_preview(entry["values"])
        self.push_screen(ConfirmDialog(question, yes=t("dlg.draft_restore"), no=t("dlg.draft_discard"),
                                       default=True, danger=False), answered)

    def _after_reopen(self, session: DraftSession, key: str, title: str) -> None:
        """The dialog was asked to open again (its screen first, maybe). When it did not take
        the draft in time, or another dialog did, say where the draft waits. The next offer
        comes once the dialog that took the draft is closed."""
        looks = 0
        taken_at: int | None = None  # the depth of the stack with the dialog that took the draft

        def watch() -> None:
            nonlocal looks, taken_at
            looks += 1
            depth = len(self.screen_stack)  # type: ignore[attr-defined]
            if taken_at is None and key not in session.restored:
                taken_at = depth
            if taken_at is not None and depth >= taken_at:
                return  # the reopened dialog is open
            if taken_at is None and looks < REOPEN_PATIENCE:
                return  # still opening (a meeting screen first takes a moment)
            timer.stop()
            if taken_at is None:
                self.notify(t("dlg.draft_armed", title=title), markup=False, timeout=8)  # type: ignore[attr-defined]
            self._offer_next()

        timer = self.set_interval(REOPEN_WATCH, watch)  # type: ignore[attr-defined]

    # ---- saving
    def autosave_tick(self) -> None:
        for session in self.all_sessions():
            if session.due():
                self._write_soon(session)

    def save_soon(self, session: DraftSession) -> None:
        """A confirmed change (a lifecycle step): write it now, in a worker."""
        session.mark_dirty(now=True)
        self._write_soon(session)

    def _write_soon(self, session: DraftSession) -> None:
        snap = session.take()
        if snap is None:
            return

        def job() -> None:
            message = session.write(snap)
            app = self  # the worker reports back on the UI thread
            if message:
                app.call_from_thread(app.save_failed, message)  # type: ignore[attr-defined]
            else:
                app.call_from_thread(app._saved, session.plan_id or "")  # type: ignore[attr-defined]

        self.run_worker(job, thread=True, group="autosave", name="autosave")  # type: ignore[attr-defined]

    def _saved(self, plan_id: str) -> None:
        if not plan_id:
            return  # the new plan's draft slot: no plan was saved
        with contextlib.suppress(Exception):  # no screen (shutting down)
            self.screen.post_message(PlanSaved(plan_id))  # type: ignore[attr-defined]

    def save_failed(self, message: str) -> None:
        self.notify(message, title=t("mt.save_failed"), severity="error", markup=False,  # type: ignore[attr-defined]
                    timeout=10)

    def save_now(self) -> bool:
        """Save every pending change at once (quit, export). True when nothing is left unsaved."""
        failed = [s.error for s in self.all_sessions() if not s.save_now()]
        for message in failed:
            self.save_failed(message or t("mt.quit_unsaved"))
        return not failed

    def close_sessions(self) -> bool:
        """On quit: every session saves (the meeting clock included)."""
        failed = [s.error for s in self.all_sessions() if not s.close()]
        for message in failed:
            self.save_failed(message or t("mt.quit_unsaved"))
        return not failed

    @property
    def has_unsaved(self) -> bool:
        return any(s.pending for s in self.all_sessions())

    def request_save(self, plan: Any) -> None:
        """Compatibility for code that edited the model directly: mark its session dirty."""
        self.sessions.adopt(plan).mark_dirty()

    @contextlib.contextmanager
    def writes_held(self) -> Iterator[None]:
        """No session writes while this is held (re-encryption swaps the key)."""
        with contextlib.ExitStack() as stack:
            for session in self.all_sessions():
                stack.enter_context(session.io_lock)
            yield


def draft_preview(values: dict[str, Any], limit: int = 300) -> str:
    """The typed text of a draft, for the offer (shown as data, never markup; a masked field's
    value is not shown)."""
    parts = [v if isinstance(v, str) else ", ".join(v) for k, v in values.items() if not k.startswith(HIDDEN)]
    text = " · ".join(p.strip() for p in parts if p and p.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def host(app: Any) -> SessionHost:
    """The running app as the host of the plan sessions (the real app and the tests' hosts)."""
    return cast(SessionHost, app)
