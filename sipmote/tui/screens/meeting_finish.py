"""Leaving a meeting: one clear question, "Är mötet genomfört?", never a meeting silently left running.

Asked from the summary (``a``), when the meeting is left with Esc and when the app
quits with the meeting open - the same dialog each time, whose answer defaults to
yes (focused, not red) once the summary has been reached. Yes finishes the meeting
through the lifecycle (held: it counts in the statistics and its booked follow-up
shows on the register) and proposes the deviations (a party that did not come, a
measure not done, a disagreement; after Esc the register proposes them). Esc on the
question itself answers nothing: back to the meeting, its clock as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sipmote import lifecycle
from sipmote.i18n import t
from sipmote.model import MeetingStatus


class MeetingFinish:
    """Mixed into MeetingScreen (``plan``, ``meeting``, ``session``, ``apply`` come from it)."""

    summary_reached = False
    _quit_ok = False
    _leave_ok = False
    _asking = False

    def meeting_open(self) -> bool:
        return self.meeting.status not in (MeetingStatus.held, MeetingStatus.cancelled)  # type: ignore[attr-defined]

    def worth_asking(self) -> bool:
        """The meeting is under way (or its summary was reached): leaving it asks first."""
        return self.meeting_open() and (
            self.meeting.status == MeetingStatus.running or self.summary_reached)  # type: ignore[attr-defined]

    def ask_finished(self, then: Callable[[bool], None]) -> None:
        """Ask "Är mötet genomfört?"; yes finishes it. ``then(finished)`` runs after the answer."""
        from sipmote.tui.dialogs import ConfirmDialog

        host: Any = self
        if not self.meeting_open():
            then(False)
            return
        was_running = host.clock.running
        host.clock.pause()
        self._asking = True

        def answered(yes: bool | None) -> None:
            self._asking = False
            if yes is None:  # Esc: not answered - back to the meeting, as it was
                if was_running:
                    host.clock.start()
                host.show_header()
                return
            finished = False
            if yes:
                host.clock.finish()  # the phase it ends in gets its end time (others got theirs when left)
                today = host._today()
                done = host.apply(lambda plan, meeting: lifecycle.finish_meeting(plan, meeting.id, today,
                                                                                 held_today=True))
                finished = done is not None
                if finished:
                    host.notify(t("meet.finished_done"), markup=False)
            then(finished)

        host.app.push_screen(ConfirmDialog(t("meet.finished_question"), yes=t("meet.finished_yes"),
                                           no=t("meet.finished_no"), default=self.summary_reached, danger=False,
                                           escape=None),
                             answered)

    def propose_deviations(self, then: Callable[[], None], drafts: list[Any] | None = None) -> None:
        """The deviation drafts of the finished meeting (or the ``drafts`` given: a measure just
        marked not done), each kept or dropped, then ``then()``. A dropped one is not proposed
        again at the meeting's end (the session's ``declined``)."""
        from sipmote.tui.screens.dialogs import DeviationDraftsDialog

        host: Any = self
        if drafts is None:
            drafts = lifecycle.deviation_drafts(host.plan, host.meeting, host._today(), host.session.declined)
        if not drafts:
            then()
            return

        def done(kept: list[Any] | None) -> None:
            if kept is not None:
                kept_keys = {lifecycle.deviation_key(d) for d in kept}
                host.session.declined.update(k for d in drafts if (k := lifecycle.deviation_key(d)) not in kept_keys)
                try:
                    host.session.apply(lambda plan: lifecycle.keep_deviations(plan, kept))
                except lifecycle.LifecycleError as exc:
                    host.notify(exc.message, severity="error", markup=False)
                else:
                    host.notify(t("life.dev_saved", n=len(kept), dropped=len(drafts) - len(kept)), markup=False)
            then()

        host.app.push_screen(DeviationDraftsDialog(drafts), done)

    def action_finish(self) -> None:
        """From the summary: finish the meeting, then back to the register (which proposes the
        deviations) or, when the meeting is the only screen, propose them here."""
        host: Any = self

        def after(finished: bool) -> None:
            if not finished:
                return
            if host.check_action("leave", ()):
                host.action_leave()
            else:
                self.propose_deviations(lambda: None)

        self.ask_finished(after)

    def before_leave(self) -> bool:
        """Esc with the meeting under way: ask first (the register then proposes the deviations
        of a finished meeting and asks nothing more). True when the leave waits for the answer."""
        host: Any = self
        if self._leave_ok or not self.worth_asking():
            return False
        if not self._asking:
            def leave(_finished: bool) -> None:
                self._leave_ok = True
                host.action_leave()

            self.ask_finished(leave)
        return True

    def before_quit(self) -> bool:
        """Ctrl+Q with the meeting open: ask first. True when the quit waits for the answer."""
        host: Any = self
        if self._quit_ok or not self.worth_asking():
            return False  # never started: nothing to finish
        if self._asking:
            return True  # the question is on screen already

        def quit_now() -> None:
            self._quit_ok = True
            host.app.call_later(host.app.action_quit)

        def after(finished: bool) -> None:
            if finished:
                self.propose_deviations(quit_now)
            else:
                quit_now()

        self.ask_finished(after)
        return True
