"""The register screen's actions on the record of one plan: its overview and history,
deviations, the participants' evaluation, and deleting it. A mixin of RegisterScreen
(kept apart so that neither module grows past a screenful of concerns)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from sipmote import lifecycle as life
from sipmote.formats import date_text
from sipmote.i18n import label, t
from sipmote.model import Meeting, MeetingStatus, Plan
from sipmote.textview import plan_text, safe_line
from sipmote.tui.autosave import host
from sipmote.tui.dialogs import ConfirmDialog, TextViewDialog
from sipmote.tui.screens.dialogs import DeviationDraftsDialog, EvaluationDialog, tell


def day_of(m: Meeting, today: dt.date) -> str:
    return date_text(m.date or today)


class PlanRecordActions(Screen):
    """Needs the screen's _plan, _editable, _try, _save, _summaries, refresh_rows, today."""

    # provided by RegisterScreen and RegisterContext (annotations only: nothing shadowed)
    register: Any
    _plan: Callable[[], Plan | None]
    _editable: Callable[[Plan], bool]
    _try: Callable[..., Any]
    _save: Callable[[Plan], bool]
    _summaries: Callable[[], list[Any]]
    _session: Callable[[Plan], Any]
    refresh_rows: Callable[..., None]
    selected_id: Callable[[], str | None]
    today: Callable[[], dt.date]

    def action_open(self) -> None:
        plan = self._plan()
        if plan is None:
            return
        lines = [plan_text(plan, today=self.today()), "", t("life.history")]  # with the consents' states
        lines += ["  " + safe_line(x) for x in life.history(plan)] or ["  —"]
        for m in plan.meetings:
            if m.evaluations:
                means = " · ".join(f"{i}: {v if v is not None else '–'}"
                                   for i, v in enumerate(life.evaluation_means(m), 1))
                lines += ["", t("life.eval_summary", date=day_of(m, self.today()), count=len(m.evaluations)),
                          "  " + means]
        if plan.deviations:
            lines += ["", t("life.deviations")]
            lines += [f"  {date_text(d.created)} {label(d.kind)} · {safe_line(d.party)}: {safe_line(d.text)}"
                      for d in plan.deviations]
        if plan.closure:
            closure = plan.closure
            lines += ["", t("life.closed_info", reason=label(closure.reason), date=date_text(closure.date)),
                      "  " + t("life.close_informed_label") + ": " + safe_line(", ".join(closure.informed)),
                      "  " + t("life.close_where_label") + ": " + safe_line(closure.where_to_turn)]
        self.app.push_screen(TextViewDialog(safe_line(plan.person.name), "\n".join(lines)))

    def action_deviations(self) -> None:
        plan = self._plan()
        if plan is None or not self._editable(plan):
            return
        meeting = life.current_meeting(plan) or plan.last_held_meeting
        if meeting is None:
            tell(self, t("life.dev_none"))
            return
        if not self._propose(plan, meeting):
            tell(self, t("life.dev_none"))

    def _propose(self, plan: Plan, meeting: Meeting, then: Callable[[], None] | None = None) -> bool:
        """The deviation drafts of a finished meeting, each kept or dropped; then ``then()``
        (also when there is nothing to propose, or the dialog is left with Esc)."""
        session = self._session(plan)
        drafts = life.deviation_drafts(plan, meeting, self.today(), session.declined if session else ())
        if not drafts:
            if then is not None:
                then()
            return False

        def done(kept: list | None) -> None:
            if kept is not None and self._try(plan, lambda: life.keep_deviations(plan, kept)) and self._save(plan):
                tell(self, t("life.dev_saved", n=len(kept), dropped=len(drafts) - len(kept)))
            if then is not None:
                then()

        self.app.push_screen(DeviationDraftsDialog(drafts, session=self._session(plan)), done)
        return True

    def action_evaluation(self) -> None:
        plan = self._plan()
        if plan is None or not self._editable(plan):
            return
        meeting = plan.last_held_meeting or life.current_meeting(plan)
        if meeting is None or meeting.status == MeetingStatus.planned:
            tell(self, t("life.eval_no_meeting"), severity="warning")
            return

        def done(entries: list | None) -> None:
            if not entries:
                return
            def add_all() -> None:
                for org_kind, answers in entries:
                    life.add_evaluation(plan, meeting.id, answers, org_kind)

            if self._try(plan, add_all) and self._save(plan):
                tell(self, t("life.eval_saved", n=len(entries)))

        heading = t("life.eval_title", date=date_text(meeting.date, "—"))
        dialog = EvaluationDialog(heading, session=self._session(plan), draft_key=f"evaluation:{meeting.id}")
        self.app.push_screen(dialog, done)

    def action_delete(self) -> None:
        pid = self.selected_id()
        if pid is None:
            tell(self, t("life.none_selected"), severity="warning")
            return
        summary = next((s for s in self._summaries() if s.id == pid), None)
        name = safe_line(summary.name) if summary else pid

        def done(yes: bool | None) -> None:
            if not yes:
                return
            from sipmote.store import StoreError
            from sipmote.store.atomic import os_error_message

            try:
                self.register.delete(pid)
            except StoreError as exc:
                tell(self, exc.message, severity="error")
                return
            except OSError as exc:
                tell(self, os_error_message(exc), severity="error")
                return
            host(self.app).sessions_for(self.register).forget(pid)
            tell(self, t("life.deleted", name=name))
            self.refresh_rows()

        self.app.push_screen(ConfirmDialog(t("life.confirm_delete", name=name), yes=t("life.key_delete")), done)
