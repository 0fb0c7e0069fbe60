"""Free notes of a phase."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from sipmote.i18n import t
from sipmote.textview import safe_text
from sipmote.tui.dialogs import Field, FormDialog
from sipmote.tui.keys import Keys
from sipmote.tui.widgets.meeting.common import Body
from sipmote.tui.widgets.meeting.messages import PhaseNotesEdited


class NotesBody(Body):
    body_kind = "notes"
    BINDINGS = Keys([Binding("e", "edit", "mt.b_edit", id="notes.edit")])
    can_focus = True

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("", id="phase-notes")

    def show(self) -> None:
        notes = self.ctx.clock.phase.notes
        self.query_one("#phase-notes", Static).update(
            Text(safe_text(notes)) if notes.strip() else Text(t("mt.notes_empty"), style="italic"))

    def action_edit(self) -> None:
        rec = self.ctx.clock.phase

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(PhaseNotesEdited(rec.key, v["notes"]))

        self.app.push_screen(FormDialog(rec.name, [Field("notes", t("mt.col_notes"), "multiline", rec.notes)]),
                             done)
