"""The start screen: every plan in the register.

Status, the person (masked personnummer), last and next meeting; search by
name; filter by status; follow-ups that are overdue or due within 14 days
stand out (against an injectable 'today'). Actions: open, new, prepare, start
meeting, follow up, close, reopen, deviations, evaluation, delete.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Select, Static
from textual.widgets.data_table import ColumnKey

from sipmote import lifecycle as life
from sipmote.formats import date_text, stored_date_text
from sipmote.i18n import label, t
from sipmote.model import CloseReason, MeetingStatus, Plan, PlanStatus
from sipmote.personnummer import mask
from sipmote.session import take_notices
from sipmote.textview import safe_line
from sipmote.tui.autosave import host
from sipmote.tui.dialogs import ConfirmDialog, TextDialog
from sipmote.tui.footer import KeyFooter
from sipmote.tui.keys import Keys, rebind
from sipmote.tui.screens.dialogs import ClosePlanDialog, RegisterContext, load_plan, push_meeting, save_plan, tell
from sipmote.tui.screens.register_actions import PlanRecordActions, day_of

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from sipmote.store import Register

_ALL = "all"
#: rows drawn at most; overdue and due-soon plans sort first, search narrows the rest
MAX_ROWS = 200


class RegisterScreen(PlanRecordActions, RegisterContext, Screen):
    CSS_PATH = "register.tcss"
    FOOTER_PRIORITY = ("new", "prepare", "start_meeting", "follow_up", "search", "quit")  # tui/footer.py
    BINDINGS = Keys([
        Binding("n", "new", "life.key_new", id="register.new"),
        Binding("p", "prepare", "life.key_prepare", id="register.prepare"),
        Binding("m", "start_meeting", "life.key_meeting", id="register.start_meeting"),
        Binding("u", "follow_up", "life.key_follow_up", id="register.follow_up"),
        Binding("c", "close_plan", "life.key_close_plan", id="register.close_plan"),
        Binding("r", "reopen", "life.key_reopen", show=False, id="register.reopen"),
        Binding("v", "deviations", "life.key_deviations", show=False, id="register.deviations"),
        Binding("e", "evaluation", "life.key_evaluation", show=False, id="register.evaluation"),
        Binding("delete", "delete", "life.key_delete", id="register.delete"),
        Binding("slash", "search", "life.key_search", id="register.search"),
        Binding("f", "cycle_filter", "life.key_filter", show=False, id="register.filter"),
    ])

    def __init__(self, register: Register | None = None, *, today: dt.date | None = None) -> None:
        super().__init__()
        rebind(self)  # the keys' texts in the language of this run (tui/keys.py)
        self._register = register
        self._today = today

    # ------------------------------------------------------------------ context

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="bar"):
            yield Input(placeholder=t("life.search_hint"), id="search")
            options = [(t("life.filter_all"), _ALL)] + [(label(s), s.value) for s in PlanStatus]
            yield Select(options, allow_blank=False, value=_ALL, id="status")
        yield Static("", id="due")
        table: DataTable[Text] = DataTable(id="plans", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(t("life.register_empty"), id="empty", markup=False)
        yield Static("", id="more", markup=False)
        yield Static(t("life.register_keys"), id="keys", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.sub_title = t("life.register_title")
        table = self.query_one("#plans", DataTable)
        for key, width in self.COLUMNS:
            table.add_column(t(f"life.col_{key}"), key=key, width=width)
        self._fit_name_column()
        self.refresh_rows()
        table.focus()
        self.call_after_refresh(self._offer_drafts)

    #: the columns and their widths; the name takes what the others leave (at most 30)
    COLUMNS = (("status", 8), ("name", 30), ("pnr", 12), ("last", 12), ("next", 22))

    def on_resize(self) -> None:
        if self._fit_name_column():
            self.refresh_rows()  # the rows' heights follow the name column's width

    def _fit_name_column(self) -> bool:
        """At 80 columns the date of the next meeting is never cut: the name gives way."""
        table = self.query_one("#plans", DataTable)
        others = sum(w for key, w in self.COLUMNS if key != "name")
        room = self.size.width - others - 2 * len(self.COLUMNS) - 2  # cell padding, scrollbar
        column = table.columns.get(ColumnKey("name"))
        if column is None or column.width == max(12, min(30, room)):
            return False
        column.width = max(12, min(30, room))
        table.refresh()
        return True

    def _offer_drafts(self) -> None:
        """Text typed in a dialog when sipmote last stopped (a crash): offered back."""
        from sipmote.store.drafts import DraftStore

        for pid in DraftStore(self.register).plan_ids():
            if load_plan(self, self.register, pid) is not None:
                host(self.app).offer_drafts(host(self.app).session(pid, self.register))
        host(self.app).offer_drafts(host(self.app).sessions_for(self.register).new_plan())  # a new plan's

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    # ------------------------------------------------------------------ rows
    def refresh_rows(self, select: str | None = None) -> None:
        table = self.query_one("#plans", DataTable)
        keep = select or self.selected_id()
        today = self.today()
        summaries = self._summaries()
        query = self.query_one("#search", Input).value
        status = self.query_one("#status", Select).value
        rows = life.filter_summaries(summaries, query, status if isinstance(status, str) and status != _ALL else None,
                                     today)
        table.clear()
        shown = rows[:MAX_ROWS]
        name_w = table.columns[ColumnKey("name")].width
        for s in shown:
            due = life.due_state(s.next_meeting, s.status, today)
            cells = self._cells(s, due, today)
            table.add_row(*cells, key=s.id, height=None if cells[1].cell_len > name_w else 1)
        more = self.query_one("#more", Static)
        more.display = len(rows) > len(shown)
        if more.display:
            more.update(t("life.more_rows", shown=len(shown), total=len(rows)))
        if keep and keep in {s.id for s in shown}:
            table.move_cursor(row=table.get_row_index(keep))
        self.query_one("#empty", Static).display = not rows
        table.display = bool(rows)
        if not summaries:
            self.query_one("#empty", Static).update(t("life.register_empty"))
        elif not rows:
            self.query_one("#empty", Static).update(t("life.no_match"))
        self._show_due(summaries, today)

    def _summaries(self) -> list:
        """The register's rows, with the plans open in a session as they are now (a change
        being written in the background already shows)."""
        from sipmote.store import PlanSummary

        for notice in take_notices(self.register):
            tell(self, notice, severity="warning", timeout=10)
        rows = {s.id: s for s in self.register.summaries()}
        for session in host(self.app).sessions_for(self.register):
            if session.pending or session.plan_id not in rows:
                rows[session.plan_id] = PlanSummary.of(session.plan)
        return list(rows.values())

    def _cells(self, s, due: str | None, today: dt.date) -> list[Text]:
        closed = s.status == PlanStatus.closed.value
        dim = "dim" if closed else ""
        status = Text(t(f"enum.PlanStatus.{s.status}"), style=dim)
        name = Text(safe_line(s.name), style="bold" if due else dim)  # a long name wraps in its row
        last = Text(stored_date_text(s.last_meeting, "—"), style=dim)
        if not closed and s.halt:  # the coordinator acts before any date: finish the meeting / close
            nxt = Text(t(f"life.halt_{s.halt}"), style="bold red" if s.halt == "consent_withdrawn" else "bold yellow")
        elif closed or not s.next_meeting:
            nxt = Text("—", style=dim)
        elif due == "overdue":
            days = (today - dt.date.fromisoformat(s.next_meeting)).days
            nxt = Text(f"{stored_date_text(s.next_meeting)} ⚠ {t('life.overdue', days=days)}", style="bold red")
        elif due == "soon":
            days = (dt.date.fromisoformat(s.next_meeting) - today).days
            when = t("life.due_today") if days == 0 else t("life.due_in", days=days)
            nxt = Text(f"{stored_date_text(s.next_meeting)} ● {when}", style="bold yellow")
        else:
            nxt = Text(stored_date_text(s.next_meeting))
        return [status, name, Text(mask(s.personnummer), style=dim), last, nxt]

    def _show_due(self, summaries, today: dt.date) -> None:
        states = [life.due_state(s.next_meeting, s.status, today) for s in summaries]
        overdue, soon = states.count("overdue"), states.count("soon")
        due = self.query_one("#due", Static)
        due.set_class(bool(overdue or soon), "alert")
        if overdue or soon:
            due.update(t("life.due_line", overdue=overdue, soon=soon, today=date_text(today)))
        else:
            due.update(t("life.due_none", today=date_text(today)))

    def selected_id(self) -> str | None:
        table = self.query_one("#plans", DataTable)
        if not table.row_count or not table.display:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - no valid cursor
            return None

    # ------------------------------------------------------------------ search and filter
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.refresh_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.query_one("#plans", DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "status":
            self.refresh_rows()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_cycle_filter(self) -> None:
        sel = self.query_one("#status", Select)
        values = [_ALL] + [s.value for s in PlanStatus]
        sel.value = values[(values.index(str(sel.value)) + 1) % len(values)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    # ------------------------------------------------------------------ helpers
    def _plan(self) -> Plan | None:
        pid = self.selected_id()
        if pid is None:
            tell(self, t("life.none_selected"), severity="warning")
            return None
        return load_plan(self, self.register, pid)

    def _session(self, plan: Plan):
        """The plan's session: a dialog's typed text is kept there as a draft."""
        return host(self.app).sessions_for(self.register).adopt(plan)

    def _save(self, plan: Plan) -> bool:
        ok = save_plan(self, self.register, plan)
        self.refresh_rows(select=plan.id)
        return ok

    def _editable(self, plan: Plan) -> bool:
        try:
            life.ensure_editable(plan)
        except life.PlanClosedError as exc:
            tell(self, exc.message, severity="warning")
            return False
        return True

    def _try(self, plan: Plan, change, *, severity: SeverityLevel = "warning"):
        """Run a lifecycle change on the plan through its session (which saves it); a user
        error is told, never raised, and nothing is marked for saving. The change's result,
        or False when it was refused."""
        try:
            result = self._session(plan).apply(lambda _plan: change())
        except life.LifecycleError as exc:
            tell(self, exc.message, severity=severity)
            return False
        return True if result is None else result

    def _gate(self, plan: Plan, gate: life.Gate | None = None) -> bool:
        gate = gate or life.can_start_meeting(plan, self.today())
        if gate.ok:
            for w in gate.warnings:
                tell(self, w, severity="warning", timeout=8)
            return True
        if gate.offer_close:
            def answered(yes: bool | None) -> None:
                if yes:
                    self._close(plan, CloseReason.consent_withdrawn)
            self.app.push_screen(ConfirmDialog(gate.reason, yes=t("life.key_close_plan")), answered)
        else:
            tell(self, gate.reason, severity="warning")
            if gate.next_step == "prepare":
                self.action_prepare()
        return False

    # ------------------------------------------------------------------ actions
    def action_new(self) -> None:
        from sipmote.tui.screens.prepare import PrepareScreen

        self.app.push_screen(PrepareScreen(None, register=self._register, today=self._today),
                             lambda pid: self.refresh_rows(select=pid if isinstance(pid, str) else None))

    def action_prepare(self) -> None:
        plan = self._plan()
        if plan is None or not self._editable(plan):
            return
        if life.unfinished_meeting(plan) is not None:
            tell(self, t("life.prepare_running"), severity="warning")
            return
        from sipmote.tui.screens.prepare import PrepareScreen

        self.app.push_screen(PrepareScreen(plan.id, register=self._register, today=self._today),
                             lambda _: self.refresh_rows(select=plan.id))

    def action_start_meeting(self) -> None:
        plan = self._plan()
        if plan is None:
            return
        gate = life.meeting_gate(plan, self.today())  # the one open-gate
        if not self._gate(plan, gate) or gate.meeting is None:
            return
        current = gate.meeting
        push_meeting(self, plan.id, lambda _: self.after_meeting(plan.id, current.id))

    def after_meeting(self, plan_id: str, meeting_id: str) -> None:
        """Back from the meeting, which asked "Är mötet genomfört?" on the way out
        (meeting_finish): propose the deviation drafts of a finished one (a no-show, a
        measure not done, a disagreement); one still under way was answered "not yet"."""
        self.refresh_rows(select=plan_id)
        plan = load_plan(self, self.register, plan_id)
        meeting = plan.meeting(meeting_id) if plan else None
        if plan is None or meeting is None or plan.status == PlanStatus.closed:
            return
        if meeting.status != MeetingStatus.running:
            self._propose(plan, meeting)

    def action_follow_up(self) -> None:
        plan = self._plan()
        if plan is None or not self._editable(plan) or not self._gate(plan):
            return
        running = life.unfinished_meeting(plan)
        if running is not None:
            def answered(yes: bool | None) -> None:
                finished = yes and self._try(plan, lambda: life.finish_meeting(plan, running.id, self.today()))
                if finished and self._save(plan):  # as on leaving a meeting: its deviations, then on
                    self._propose(plan, running, then=lambda: self._follow_up(plan))

            # 'u' means the meeting is over: finishing it is the answer expected (focused, not red)
            self.app.push_screen(ConfirmDialog(t("life.confirm_finish", date=_day(running, self.today())),
                                               yes=t("life.key_finish"), default=True, danger=False), answered)
            return
        self._follow_up(plan)

    def _follow_up(self, plan: Plan) -> None:
        meeting = self._try(plan, lambda: life.start_follow_up(plan, self.today()))
        if not meeting or not self._save(plan):
            return
        from sipmote.tui.screens.followup import FollowUpScreen

        def back(result) -> None:
            if isinstance(result, tuple) and result[0] == "met":
                self.after_meeting(plan.id, result[1])
            else:
                self.refresh_rows(select=plan.id)

        self.app.push_screen(FollowUpScreen(plan.id, meeting.id, register=self._register, today=self._today),
                             back)

    def action_close_plan(self) -> None:
        plan = self._plan()
        if plan is None or not self._editable(plan):
            return
        self._close(plan, CloseReason.consent_withdrawn if plan.consent_withdrawn else None)

    def _close(self, plan: Plan, reason: CloseReason | None) -> None:
        def done(values: dict | None) -> None:
            if not values:
                return
            if self._try(plan, lambda: life.close_plan(plan, **values), severity="error") and self._save(plan):
                tell(self, t("life.closed_done", name=safe_line(plan.person.name)))

        self.app.push_screen(ClosePlanDialog(plan, self.today(), reason, session=self._session(plan)), done)

    def action_reopen(self) -> None:
        plan = self._plan()
        if plan is None:
            return
        if plan.status != PlanStatus.closed:
            tell(self, t("life.not_closed"), severity="warning")
            return

        def done(reason: str | None) -> None:
            reopened = reason and self._try(plan, lambda: life.reopen_plan(plan, reason, self.today()))
            if reopened and self._save(plan):
                tell(self, t("life.reopened_done"))

        self.app.push_screen(TextDialog(t("life.reopen_title"), hint=t("life.reopen_hint"),
                                        session=self._session(plan), draft_key=f"reopen:{plan.id}"), done)

_day = day_of

