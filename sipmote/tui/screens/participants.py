"""Who is at the meeting: change attendance, add a participant, during the meeting."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from sipmote.i18n import label, t
from sipmote.lifecycle import LifecycleError, edits
from sipmote.model import Attendance, Meeting, OrgKind, Participant, Plan
from sipmote.tui.dialogs import Dialog, FormDialog
from sipmote.tui.dialogs import Field as FormField
from sipmote.tui.keys import Keys, rebind
from sipmote.tui.widgets.meeting.common import (
    ATTENDANCE_CYCLE,
    clip,
    lit,
    party_roles,
    role_options,
    unit_options,
)


class ParticipantsModal(Dialog[bool]):
    """Dismisses True when something changed (the caller saves)."""

    DRAFT_REPLAY = ("add",)  # a crash draft of the add form opens this dialog, then the form

    BINDINGS = Keys([
        Binding("enter", "cycle", "mt.b_attendance", id="participants.cycle"),
        Binding("a", "add", "mt.b_add_participant", id="participants.add"),
        Binding("escape,d", "close", "mt.b_close", id="participants.close"),
    ])

    def __init__(self, plan: Plan, meeting: Meeting) -> None:
        super().__init__()
        rebind(self)
        self.plan = plan
        self.meeting = meeting
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog"):
            yield Static(t("mt.participants_title"), id="form-title")
            yield DataTable(id="participants", cursor_type="row")
            yield Static(t("mt.participants_hint"), id="form-hint")

    def on_mount(self) -> None:
        self.show()
        self.query_one(DataTable).focus()

    def show(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        people = self.meeting.participants
        # whole roles: the role column takes the rest of the dialog's width (90 % of the screen,
        # at most 90 columns, less border, padding, three columns' padding and a scrollbar when the
        # rows pass the table's 16 lines) and a longer role wraps onto a second line of its row
        inner = min(int(self.app.size.width * 0.9), 90) - 4
        name_w = min(24, max((len(p.name) for p in people), default=4))
        att_w = max((len(label(p.attendance)) for p in people), default=4)
        role_w = max(16, inner - name_w - att_w - 6 - (2 if len(people) > 12 else 0))
        table.clear(columns=True)
        for heading, width in ((t("mt.col_name"), name_w), (t("mt.col_attendance"), att_w), (t("mt.col_role"), role_w)):
            table.add_column(heading, width=width)
        for p in people:
            role = ", ".join(x for x in (p.role_label, p.organisation) if x)
            table.add_row(lit(clip(p.name, 24)), Text(label(p.attendance), style="bold"), lit(role),
                          key=p.id, height=None if len(role) > role_w else 1)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1), animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_cycle()

    def action_cycle(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        p = self.meeting.participants[table.cursor_row]
        i = ATTENDANCE_CYCLE.index(p.attendance) if p.attendance in ATTENDANCE_CYCLE else -1
        if self._apply(edits.set_attendance, p.id, ATTENDANCE_CYCLE[(i + 1) % len(ATTENDANCE_CYCLE)]):
            self.show()

    def _apply(self, edit, *args) -> bool:
        """An edit through the lifecycle's rules (this modal is a screen: it applies its own)."""
        try:
            edit(self.plan, self.meeting, *args)
        except LifecycleError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return False
        self.changed = True
        return True

    def action_add(self) -> None:
        def done(v: dict | None) -> None:
            if v is None:
                return
            if not self._apply(edits.add_participant, Participant(
                    name=v["name"], org_kind=v["org_kind"] or OrgKind.other, organisation=v["organisation"],
                    role=v["role"], attendance=v["attendance"] or Attendance.present)):
                return
            self.show()
            table = self.query_one(DataTable)
            table.move_cursor(row=table.row_count - 1, animate=False)

        self.app.push_screen(FormDialog(t("mt.add_participant"), [
            FormField("name", t("mt.col_name"), "text", "", required=True),
            FormField("org_kind", t("mt.f_org_kind"), "select", OrgKind.other, [(label(k), k) for k in OrgKind]),
            FormField("organisation", t("mt.f_organisation"), "suggest", "", unit_options(self.app)),
            FormField("role", t("mt.col_role"), "suggest", "", role_options(),
                      prefer=lambda value: party_roles(value("org_kind"))),
            FormField("attendance", t("mt.col_attendance"), "select", Attendance.present,
                      [(label(a), a) for a in ATTENDANCE_CYCLE], required=True),
        ]), done)

    def action_close(self) -> None:
        self.dismiss(self.changed)
