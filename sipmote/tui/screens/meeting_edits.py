"""The meeting screen's answers to its views' edit messages.

Every handler applies its edit through ``sipmote.lifecycle.edits`` (the rules:
the plan is editable, the meeting still open); a refusal is shown in Swedish and
changes nothing. An edit runs through the plan's session (which saves it) and the screen
re-renders (``changed``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from sipmote import clock
from sipmote.i18n import t
from sipmote.lifecycle import LifecycleError, edits
from sipmote.lifecycle.followup import begin_meeting
from sipmote.model import MeasureStatus, Meeting, MeetingStatus, Plan
from sipmote.session import PlanSession
from sipmote.tui.widgets.meeting import messages as msg
from sipmote.tui.widgets.meeting.common import clip

R = TypeVar("R")


class MeetingEditHandlers:
    """Mixed into MeetingScreen; ``plan``, ``meeting``, ``changed``, ``current_body`` come from it."""

    plan: Plan
    meeting: Meeting
    session: PlanSession

    def apply(self, edit: Callable[..., R], *args: Any, render: bool = True) -> R | None:
        """Run one edit on the open meeting; on a refusal show why and change nothing. The
        session saves it; ``render=False`` when the caller re-renders anyway (a phase change)."""
        meeting = self.meeting
        today: dt.date = self._today()  # type: ignore[attr-defined]

        def run(plan: Plan) -> R:
            result = edit(plan, meeting, *args)
            if meeting.status in (MeetingStatus.planned, MeetingStatus.running):
                begin_meeting(plan, meeting, today)  # something is recorded: the meeting is being held
            return result

        try:
            result = self.session.apply(run)
        except LifecycleError as exc:
            self.notify(exc.message, severity="error", markup=False, timeout=8)  # type: ignore[attr-defined]
            return None
        if render:
            self.changed()  # type: ignore[attr-defined]
        return result

    def _select(self, key: str) -> None:
        self.current_body().select(key)  # type: ignore[attr-defined]

    # ---- roll call, Lyssna
    def on_attendance_set(self, m: msg.AttendanceSet) -> None:
        self.apply(edits.set_attendance, m.pid, m.attendance)

    def on_all_present(self, m: msg.AllPresent) -> None:
        self.apply(edits.all_present)

    def on_participant_added(self, m: msg.ParticipantAdded) -> None:
        self.apply(edits.add_participant, m.participant)

    def on_speaker_marked(self, m: msg.SpeakerMarked) -> None:
        self.apply(edits.give_word, m.pid)

    def end_turn(self) -> None:
        """Moving on (next phase, the summary) ends the turn of whoever has the word; the
        caller shows the next view (one render, not two)."""
        if self.meeting.current_speaker_id:
            self.apply(edits.end_turn, render=False)

    def on_spoken_set(self, m: msg.SpokenSet) -> None:
        self.apply(edits.set_spoken, m.pid, m.spoken)

    def on_speaker_notes_edited(self, m: msg.SpeakerNotesEdited) -> None:
        self.apply(edits.set_speaker_notes, m.pid, m.notes)

    def on_long_term_goal_edited(self, m: msg.LongTermGoalEdited) -> None:
        self.apply(edits.set_long_term_goal, m.text)

    def on_situation_edited(self, m: msg.SituationEdited) -> None:
        self.apply(edits.set_situation, m.text)

    def on_roles_set(self, m: msg.RolesSet) -> None:
        self.apply(edits.set_roles, m.leader, m.secretary, m.convened_by)

    # ---- Problematisera
    def on_need_added(self, m: msg.NeedAdded) -> None:
        need = self.apply(edits.add_need, m.text, m.question_ids, m.disagreement, m.parties)
        if need is not None:
            self._select(need.id)

    def on_need_edited(self, m: msg.NeedEdited) -> None:
        self.apply(edits.update_need, m.need_id, m.text, m.question_ids, m.disagreement, m.parties)

    def on_disagreement_toggled(self, m: msg.DisagreementToggled) -> None:
        self.apply(edits.toggle_disagreement, m.need_id)

    def on_need_removed(self, m: msg.NeedRemoved) -> None:
        self.apply(edits.remove_need, m.need_id)

    def on_question_answered(self, m: msg.QuestionAnswered) -> None:
        self.apply(edits.answer_question, m.question_id, m.answer)

    # ---- Planera
    def on_goal_added(self, m: msg.GoalAdded) -> None:
        goal = self.apply(edits.add_goal, m.text)
        if goal is not None:
            if m.child_words.strip():
                self.apply(edits.set_child_words, f"goal:{goal.id}", m.child_words)
            self._select(f"goal:{goal.id}")

    def on_child_words_edited(self, m: msg.ChildWordsEdited) -> None:
        self.apply(edits.set_child_words, m.key, m.words)

    def on_item_text_edited(self, m: msg.ItemTextEdited) -> None:
        self.apply(edits.set_item_text, m.key, m.text)

    def on_item_removed(self, m: msg.ItemRemoved) -> None:
        self.apply(edits.remove_item, m.key)

    def on_measure_added(self, m: msg.MeasureAdded) -> None:
        measure = self.apply(edits.add_measure, m.goal_id, m.data)
        if measure is None:
            return
        self._select(f"measure:{m.goal_id}:{measure.id}" if m.goal_id else f"third:{measure.id}")
        self._warn_unassigned(measure)

    def on_measure_edited(self, m: msg.MeasureEdited) -> None:
        measure = self.apply(edits.update_measure, m.measure_id, m.data)
        if measure is not None:
            self._warn_unassigned(measure)

    def _warn_unassigned(self, measure: Any) -> None:
        if not measure.responsible.is_set:
            self.notify(t("mt.warn_measure", what=clip(measure.what, 40)),  # type: ignore[attr-defined]
                        severity="warning", markup=False)

    def on_own_action_added(self, m: msg.OwnActionAdded) -> None:
        action = self.apply(edits.add_own_action, m.who, m.text)
        if action is not None:
            self._select(f"own:{action.id}")

    def on_huvudansvarig_set(self, m: msg.HuvudansvarigSet) -> None:
        self.apply(edits.set_huvudansvarig, m.responsible)

    def on_follow_up_booked(self, m: msg.FollowUpBooked) -> None:
        self.apply(edits.book_follow_up, m.date, m.at, m.place)

    # ---- follow-up review, notes, summary
    def on_measure_status_set(self, m: msg.MeasureStatusSet) -> None:
        """Set at the follow-up. "Inte genomförd": the deviation naming the insats is offered at
        once (as on the register's follow-up screen), kept or dropped there, not again at the end."""
        if self.apply(edits.set_measure_status, m.measure_id, m.status) is None or m.status != MeasureStatus.not_done:
            return
        from sipmote.lifecycle.deviations import measure_not_done_drafts  # not on the start-up path

        drafts = measure_not_done_drafts(self.plan, self.meeting, m.measure_id, self._today())  # type: ignore[attr-defined]
        if drafts:
            self.propose_deviations(lambda: None, drafts)  # type: ignore[attr-defined]

    def on_effect_edited(self, m: msg.EffectEdited) -> None:
        self.apply(edits.set_measure_effect, m.measure_id, m.effect)

    def on_goal_rated(self, m: msg.GoalRated) -> None:
        self.apply(edits.set_goal_rating, m.goal_id, m.rating, m.words)

    def on_phase_notes_edited(self, m: msg.PhaseNotesEdited) -> None:
        self.apply(edits.set_phase_notes, m.phase_key, m.notes)

    def on_copies_set(self, m: msg.CopiesSet) -> None:
        self.apply(edits.set_copies, m.copies)

    def on_critical_edited(self, m: msg.CriticalEdited) -> None:
        self.apply(edits.set_if_critical, m.text)

    def on_participant_agreed(self, m: msg.ParticipantAgreed) -> None:
        now = clock.now().time()  # wall time, for the record on paper
        self.apply(edits.record_agreement, m.pid, m.agrees, now, self.meeting.secretary)

    def on_agreement_set(self, m: msg.AgreementSet) -> None:
        self.apply(edits.set_person_agrees, m.agrees)

