"""Lyssna: the round table (speakers, notes, the long-term goal)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from sipmote.i18n import t
from sipmote.lifecycle.edits import situation_from_notes
from sipmote.model import Attendance, ConvenedBy, Participant
from sipmote.textview import safe_line, safe_text
from sipmote.tui.dialogs import Field, FormDialog
from sipmote.tui.keys import Keys
from sipmote.tui.widgets.meeting.common import (
    Body,
    clip,
    clip_words,
    lit,
    make_table,
    org_options,
    unit_options,
)
from sipmote.tui.widgets.meeting.messages import (
    LongTermGoalEdited,
    RolesSet,
    SituationEdited,
    SpeakerMarked,
    SpeakerNotesEdited,
    SpokenSet,
)

NOTES_LEAST = 40  # the notes column's width the roles leave it when both need more


class ListenBody(Body):
    FOOTER_PRIORITY = ("toggle_spoken", "notes", "select_cursor")  # the footer's first keys (tui/footer.py)
    body_kind = "listen"
    BINDINGS = Keys([
        Binding("t", "speak", "mt.b_speak", show=False, id="listen.speak"),
        Binding("x", "toggle_spoken", "mt.b_spoken", id="listen.toggle_spoken"),
        Binding("e", "notes", "mt.b_notes", id="listen.notes"),
        Binding("g", "long_term_goal", "mt.b_ltg", id="listen.long_term_goal"),
        Binding("u", "situation", "meet.b_situation", id="listen.situation"),
        Binding("r", "roles", "meet.b_roles", show=False, id="listen.roles"),
    ])

    def compose(self) -> ComposeResult:
        yield Static("", id="listen-owner", classes="line")
        yield Static("", id="listen-goal", classes="goal")
        yield make_table("speakers", "mt.b_speak", "", t("mt.col_name"), t("mt.col_role"), t("mt.col_notes"))
        yield Static("", id="speaker-detail", classes="line detail")
        yield Static("", id="not-spoken", classes="line warn")

    def show(self) -> None:
        ctx = self.ctx
        plan, meeting = ctx.plan, ctx.meeting
        owner = Text(t("mt.owner") + " ")
        owner.append(safe_line(plan.person.name), style="bold")
        pnr_text = ctx.pnr_display()
        if pnr_text:
            owner.append("  " + pnr_text)
        self.query_one("#listen-owner", Static).update(owner)
        goal = Text(t("sip.question") + " ", style="bold")
        if plan.long_term_goal.strip():
            goal.append("»" + safe_text(plan.long_term_goal) + "«", style="")
        else:
            goal.append(t("mt.ltg_empty"), style="italic")
        self.query_one("#listen-goal", Static).update(goal)
        rows = []
        # the notes take what they need; the role what is left of the rest: whole (wrapped at
        # words), or at 80 columns beside long notes cut after a word (whole in the detail line);
        # the name wraps, "på distans" goes under it
        width = self.width_hint()
        name_w, role_cap = (18, 24) if width >= 90 else (16, 21)
        order = meeting.speaking_order()
        roles = [self._role(p) for p in order]
        remote = " (" + t("mt.remote_short") + ")"  # under the name when it does not fit beside it
        used_name = min(name_w, max([len(t("mt.col_name"))] + [
            len(safe_line(p.name)) + (len(remote) if p.attendance == Attendance.remote else 0) for p in order]))
        room = width - used_name - 1 - 8 - 2  # the cursor mark, 4 columns' padding, a scrollbar
        notes_need = max([len(t("mt.col_notes"))] + [len(safe_line(p.speaker_notes)) for p in order])
        role_need = max([len(t("mt.col_role"))] + [len(safe_line(r)) for r in roles])
        # the notes keep NOTES_LEAST cells (at least 30 characters of a note on a line at 80);
        # the roles wrap whole while the notes fit beside them, and always at 90 columns or more
        role_w = min(role_need, max(role_cap, room - min(notes_need, NOTES_LEAST)))
        whole = notes_need <= room - role_w or width >= 90
        for p, role in zip(order, roles, strict=True):
            current = p.id == meeting.current_speaker_id
            mark = "▶" if current else ("✓" if p.has_spoken else " ")
            style = "reverse bold" if current else ""
            name = lit(p.name, style)
            if p.attendance == Attendance.remote:
                name.append(remote, style="italic")
            rows.append((p.id, [
                Text(mark, style="bold"), name, lit(role if whole else clip_words(role, role_w), style),
                lit(p.speaker_notes, style),
            ]))
        notes_w = max(12, room - role_w)
        table = self.query_one("#speakers", DataTable)
        self.fill(table, rows, wrap={1: name_w, 2: role_w, 3: notes_w})  # names and notes whole: they wrap
        if not getattr(self, "_placed", False):  # first showing: the cursor on the current speaker
            self._placed = True
            ids = [p.id for p in order]
            if meeting.current_speaker_id in ids:
                table.move_cursor(row=ids.index(meeting.current_speaker_id), animate=False)
        waiting = meeting.not_yet_spoken()
        line = Text(t("mt.not_spoken") + " ", style="bold")
        if not order:  # nobody is marked as here: never "alla har talat"
            line = Text(t("meet.nobody_here"), style="bold")
        else:
            line.append(", ".join(safe_line(p.name) for p in waiting) if waiting else t("mt.all_spoken"))
        self.query_one("#not-spoken", Static).update(line)
        self.show_detail()

    @staticmethod
    def _role(p: Participant) -> str:
        return ", ".join(x for x in (p.role_label, p.organisation) if x)

    def show_detail(self) -> None:
        """The selected speaker whole (the role is cut in the table): name, role, where, notes."""
        p = self._selected()
        detail = Text()
        if p is not None:
            detail.append(safe_line(p.name), style="bold")
            for extra in (self._role(p), t("mt.remote_short") if p.attendance == Attendance.remote else ""):
                if extra:
                    detail.append(" · " + safe_line(extra))
            if p.speaker_notes.strip():
                detail.append(": " + safe_line(p.speaker_notes))
        # two lines: the notes are whole in the table already, a longer detail would squeeze it
        self.query_one("#speaker-detail", Static).update(detail, layout=False)  # fixed height: no reflow

    def on_mount(self) -> None:
        # the detail line follows the cursor in the same frame as the table (as in Planera)
        self.watch(self.query_one("#speakers", DataTable), "cursor_coordinate", self.show_detail, init=False)

    def _selected(self) -> Participant | None:
        key = self.cursor_key(self.query_one("#speakers", DataTable))
        return self.ctx.meeting.participant(key) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_speak()

    def action_speak(self) -> None:
        p = self._selected()
        if p is not None:
            self.post_message(SpeakerMarked(p.id))

    def action_toggle_spoken(self) -> None:
        p = self._selected()
        if p is not None:
            self.post_message(SpokenSet(p.id, not p.has_spoken))

    def action_notes(self) -> None:
        p = self._selected()
        if p is None:
            return
        pid = p.id

        def done(values: dict | None) -> None:
            if values is not None:
                self.post_message(SpeakerNotesEdited(pid, values["notes"]))

        self.app.push_screen(FormDialog(t("mt.notes_for", name=clip(p.name, 40)), [
            Field("notes", t("mt.col_notes"), "multiline", p.speaker_notes),
        ]), done)

    def action_long_term_goal(self) -> None:
        plan = self.ctx.plan

        def done(values: dict | None) -> None:
            if values is not None:
                self.post_message(LongTermGoalEdited(values["goal"]))

        self.app.push_screen(FormDialog(t("sip.question"), [
            Field("goal", t("mt.ltg_label"), "multiline", plan.long_term_goal),
        ]), done)

    def action_situation(self) -> None:
        """The nuläge in short: built from the notes per speaker when empty, editable, printed in the plan."""
        meeting = self.ctx.meeting
        text = meeting.situation or situation_from_notes(meeting)

        def done(values: dict | None) -> None:
            if values is not None:
                self.post_message(SituationEdited(values["situation"]))

        self.app.push_screen(FormDialog(t("meet.situation_title"), [
            Field("situation", t("meet.situation_label"), "multiline", text),
        ], hint=t("meet.situation_hint")), done)

    def action_roles(self) -> None:
        """Who leads, who takes the notes and who called the meeting (printed in the plan)."""
        meeting = self.ctx.meeting
        conv = meeting.convened_by

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(RolesSet(v["leader"], v["secretary"], ConvenedBy(
                    org_kind=v["conv_kind"], organisation=v["conv_org"], role=conv.role)))

        self.app.push_screen(FormDialog(t("meet.roles_title"), [
            Field("leader", t("meet.f_leader"), "text", meeting.leader),
            Field("secretary", t("meet.f_secretary"), "text", meeting.secretary),
            Field("conv_kind", t("meet.f_convened_kind"), "select", conv.org_kind, org_options()),
            Field("conv_org", t("mt.f_organisation"), "suggest", conv.organisation, unit_options(self.app)),
        ]), done)
