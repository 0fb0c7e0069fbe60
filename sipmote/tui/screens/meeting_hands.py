"""The meeting screen's speaking queue: 'q' raises a hand, 'w' gives the word to the first.

'q' asks whom in every phase (a choice of those present, searchable by typing; Enter
takes it): one behaviour, so the same keys do the same everywhere. In Lyssna the
highlighted participant is chosen already (q Enter). Choosing someone already queued
(marked so in the list) takes them out."""

from __future__ import annotations

from typing import Any

from sipmote.i18n import t
from sipmote.lifecycle import hands
from sipmote.tui.dialogs import Field, FormDialog
from sipmote.tui.widgets.meeting.queue import HandToggled, QueueLine, WordToNext


class MeetingHands:
    """Mixin of MeetingScreen: the actions and the handlers of the queue."""

    meeting: Any

    def show_queue(self) -> None:
        self.query_one(QueueLine).show(self.meeting)  # type: ignore[attr-defined]

    def action_raise_hand(self) -> None:
        meeting = self.meeting
        highlighted = None
        if self.body_kind() == "listen":  # type: ignore[attr-defined]
            highlighted = self.current_body().cursor_key(self.query_one("#speakers"))  # type: ignore[attr-defined]

        def done(v: dict | None) -> None:
            if v and v.get("pid"):
                self.post_message(HandToggled(v["pid"]))  # type: ignore[attr-defined]

        options = [(t("hand.queued_name", name=p.name) if p.id in meeting.hand_queue else p.name, p.id)
                   for p in meeting.speaking_order()]
        self.app.push_screen(FormDialog(t("hand.pick_title"), [  # type: ignore[attr-defined]
            Field("pid", t("hand.pick_label"), "select", highlighted, options, required=True)],
            hint=t("hand.queued_hint") if meeting.hand_queue else ""), done)

    def action_word_to_next(self) -> None:
        self.post_message(WordToNext())  # type: ignore[attr-defined]

    def on_hand_toggled(self, m: HandToggled) -> None:
        now = self.apply(hands.toggle_hand, m.pid)  # type: ignore[attr-defined]
        p = self.meeting.participant(m.pid)
        if now is None or p is None:
            return
        text = t("hand.raised", name=p.name, n=len(self.meeting.hand_queue)) if now else t(
            "hand.lowered", name=p.name)
        self.notify(text, markup=False)  # type: ignore[attr-defined]

    def on_word_to_next(self, m: WordToNext) -> None:
        if not self.meeting.hand_queue:
            self.notify(t("hand.empty"), severity="warning")  # type: ignore[attr-defined]
            return
        p = self.apply(hands.word_to_next)  # type: ignore[attr-defined]
        if p is not None:
            if self.body_kind() == "listen":  # type: ignore[attr-defined]
                self._select(p.id)  # type: ignore[attr-defined]  # e writes the notes of who has the word
            self.notify(t("hand.given", name=p.name), markup=False)  # type: ignore[attr-defined]
