"""Upprop: the roll call at the start of the meeting, one keystroke per person.

Shown before Lyssna while nobody's attendance is recorded. Enter marks the
highlighted person present and moves on; ``a`` marks everyone still only
invited as present ("alla är här"); ``r``, ``f``, ``k`` mark remote, absent
with notice, did not come - one key each; ``n`` ends the roll call (the agenda's first phase)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from sipmote.formats import date_text
from sipmote.i18n import label, t
from sipmote.lifecycle.followup import last_time
from sipmote.model import Attendance, Participant
from sipmote.textview import safe_line
from sipmote.tui.keys import Keys
from sipmote.tui.widgets.meeting.common import Body, lit, make_table, share_room, wrap_items
from sipmote.tui.widgets.meeting.messages import AllPresent, AttendanceSet


class RollCallBody(Body):
    body_kind = "rollcall"
    BINDINGS = Keys([
        Binding("a", "all_present", "meet.b_all_present", id="rollcall.all_present"),
        Binding("r", "mark('remote')", "meet.b_remote", id="rollcall.remote"),
        Binding("f", "mark('absent_notice')", "meet.b_absent", id="rollcall.absent"),
        Binding("k", "mark('no_show')", "meet.b_no_show", id="rollcall.no_show"),
    ])

    def compose(self) -> ComposeResult:
        yield Static("", id="rollcall-title", classes="line")
        yield make_table("rollcall-table", "meet.b_present", t("mt.col_name"), t("mt.col_role"),
                         t("mt.col_attendance"))
        yield Static("", id="rollcall-hint", classes="line")

    def show(self) -> None:
        meeting = self.ctx.meeting
        first = safe_line(meeting.phases[0].name) if meeting.phases else ""  # n goes there (the agenda's)
        title = wrap_items(t("meet.rollcall_title", phase=first), self.width_hint() - 2)  # a key with its meaning
        self.query_one("#rollcall-title", Static).update(Text(title, style="bold"))
        width = self.width_hint()
        people = self._people()
        name_w = min(30 if width >= 90 else 22, max([4] + [len(p.name) for p in people]))
        rows = []
        for p in people:
            role = ", ".join(x for x in (p.role_label, p.organisation) if x)
            mark = Text(label(p.attendance), style="bold" if p.attendance != Attendance.invited else "dim")
            rows.append((p.id, [lit(p.name), lit(role), mark]))
        # names, roles and attendance whole, wrapped at words, the two sharing the room in the
        # fewest lines (a role broke mid-word beside a wide Närvaro)
        role_w, att_w = share_room(width - name_w - 6 - 2,  # three columns' padding, a scrollbar
                                   [t("mt.col_role")] + [cells[1].plain for _, cells in rows],
                                   [t("mt.col_attendance")] + [cells[2].plain for _, cells in rows])
        self.fill(self.query_one("#rollcall-table", DataTable), rows, wrap={0: name_w, 1: role_w, 2: att_w})
        waiting = sum(1 for p in meeting.participants if p.attendance == Attendance.invited)
        here = sum(1 for p in meeting.participants if p.attendance.attended)
        hint = Text(t("meet.rollcall_hint", here=here, waiting=waiting))
        before = last_time(self.ctx.plan, meeting)  # a follow-up: who did not come in person last time
        if before:
            prev = self.ctx.plan.meeting(meeting.previous_meeting_id or "")
            who = "; ".join(t("followup_rollcall.item", name=safe_line(p.name), attendance=label(a).lower())
                            for p, a in before)
            date = date_text(prev.date if prev else None, "—")
            hint.append("\n" + t("followup_rollcall.last_time", date=date, who=who))
        self.query_one("#rollcall-hint", Static).update(hint)

    def _people(self) -> list[Participant]:
        """The person first, then everyone invited in the order of the invitation."""
        return sorted(self.ctx.meeting.participants, key=lambda p: not p.is_person)

    def _selected(self) -> Participant | None:
        key = self.cursor_key(self.query_one("#rollcall-table", DataTable))
        return self.ctx.meeting.participant(key) if key else None

    def _next_row(self) -> None:
        table = self.query_one("#rollcall-table", DataTable)
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1, animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_mark("present")

    def action_mark(self, attendance: str) -> None:
        p = self._selected()
        if p is None:
            return
        self.post_message(AttendanceSet(p.id, Attendance(attendance)))
        self._next_row()

    def action_all_present(self) -> None:
        self.post_message(AllPresent())
