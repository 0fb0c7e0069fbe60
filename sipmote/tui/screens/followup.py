"""The follow-up meeting's review: each measure agreed at the earlier meeting
gets a status (done / ongoing / not done) and an effect; goals are revised,
added or ended. Works on the follow-up meeting only (KVÅ AW010): the earlier
meeting stays unchanged in the history. Every change is saved at once.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from sipmote import lifecycle as life
from sipmote.formats import date_text, period_text, when_text
from sipmote.i18n import label, t
from sipmote.model import GoalRating, GoalStatus, Measure, MeasureStatus, Meeting, Plan
from sipmote.textview import safe_line
from sipmote.tui.dialogs import TextDialog
from sipmote.tui.footer import KeyFooter
from sipmote.tui.keys import Keys, rebind
from sipmote.tui.screens.dialogs import DeviationDraftsDialog, RegisterContext, load_plan, push_meeting, save_plan, tell

if TYPE_CHECKING:
    from sipmote.store import Register

_STATUS_STYLE = {
    MeasureStatus.done: "bold green",
    MeasureStatus.ongoing: "bold yellow",
    MeasureStatus.not_done: "bold red",
}
_THIRD = "third-party"


def add_row(table: DataTable, cells: list[Text], key: str) -> None:
    """A row as high as its longest cell needs (read whole on the projector), else one line.
    The height is counted here, as the table would wrap the cell: a row of unknown height
    (``height=None``) is measured by drawing it after the first frame, and the table is
    laid out and drawn again (a third of the screen's opening)."""
    console = table.app.console
    height = 1
    for cell, column in zip(cells, table.columns.values(), strict=False):
        if cell.cell_len > column.width:
            height = max(height, len(cell.wrap(console, column.width)))
    table.add_row(*cells, key=key, height=height)


class FollowUpScreen(RegisterContext, Screen):
    CSS_PATH = "followup.tcss"

    BINDINGS = Keys([
        Binding("1", "status('done')", "life.key_done_status", id="followup.done"),
        Binding("2", "status('ongoing')", "life.key_ongoing", id="followup.ongoing"),
        Binding("3", "status('not_done')", "life.key_not_done", id="followup.not_done"),
        Binding("e", "effect", "life.key_effect", id="followup.effect"),
        Binding("r", "revise", "life.key_revise", id="followup.revise"),
        Binding("a", "add_goal", "life.key_add_goal", id="followup.add_goal"),
        Binding("k", "end_goal('achieved')", "life.key_achieved", id="followup.achieved"),
        Binding("x", "end_goal('ended')", "life.key_end_goal", id="followup.end_goal"),
        Binding("b", "rate", "life.key_rating", show=False, id="followup.rate"),  # the goal's hint line names it
        Binding("v", "deviations", "life.key_deviations", show=False, id="followup.deviations"),
        Binding("m", "start_meeting", "life.key_meeting", id="followup.start_meeting"),
        Binding("escape", "back", "life.key_back", id="followup.back"),
    ])

    def __init__(self, plan_id: str, meeting_id: str | None = None, *, register: Register | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__()
        rebind(self)  # the keys' texts in the language of this run (tui/keys.py)
        self.plan_id = plan_id
        self.meeting_id: str = meeting_id or ""  # "": the plan's latest meeting, found on mount
        self._register = register
        self._today = today
        # set on mount; the screen dismisses itself when the plan cannot be read
        self.plan: Plan = None  # type: ignore[assignment]


    @property
    def meeting(self) -> Meeting:
        return self.plan.meeting(self.meeting_id)  # type: ignore[return-value]  # checked on mount

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="head")
        yield DataTable(id="items", cursor_type="row")
        yield Static("", id="detail")
        yield Static(t("life.followup_keys"), id="keys", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.plan = load_plan(self, self.register, self.plan_id)  # type: ignore[assignment]
        if self.plan is None:
            self.dismiss(None)
            return
        if not self.meeting_id:
            latest = self.plan.latest_meeting
            self.meeting_id = latest.id if latest else ""
        if self.meeting is None:
            tell(self, t("life.no_such_meeting"), severity="error")
            self.dismiss(None)
            return
        self.sub_title = t("life.followup_title", name=safe_line(self.plan.person.name))
        table = self.query_one("#items", DataTable)
        for key, width in self._widths():
            table.add_column(t(f"life.fcol_{key}"), key=key, width=width)
        self.refresh_view()
        table.focus()

    def _widths(self, rows: list[list[Text]] | None = None) -> list[tuple[str, int]]:
        """The columns fill the screen's width, never more (a longer cell wraps in its row): four
        columns' padding and a scroll bar; the status is short, what and who as wide as they need up
        to a share each, the effect takes the rest."""
        avail = max(50, self.app.size.width - 10)
        need = [max([8] + [r[i].cell_len for r in rows or []]) for i in range(4)]
        status = 14
        resp = min(26, avail // 4, need[1]) if rows else min(26, avail // 4)
        rest = avail - status - resp
        effect = min(need[3], rest * 45 // 100) if rows else rest // 2  # the effects written so far
        item = min(rest - max(effect, 8), need[0]) if rows else rest - effect
        return [("item", item), ("responsible", resp), ("status", status), ("effect", avail - status - resp - item)]

    _laid_width = 0  # the screen width the columns were last fitted to
    _detail_shown: Text | None = None  # what the detail line shows

    def on_resize(self) -> None:
        table = self.query_one("#items", DataTable)
        if table.columns and self.app.size.width != self._laid_width:
            self.refresh_view()  # the columns follow the width (not on the first show: laid out already)

    # ------------------------------------------------------------------ view
    def refresh_view(self, select: str | None = None) -> None:
        plan, m = self.plan, self.meeting
        prev = plan.meeting(m.previous_meeting_id) if m.previous_meeting_id else None
        when = when_text(m.date, m.time)
        head = Text()
        head.append(f"{label(m.kind)} ({m.kva})", style="bold")
        head.append(f" · {when or '—'} · {safe_line(m.place) or '—'}")
        if prev is not None:
            head.append("\n" + t("life.follows_up", date=date_text(prev.date, "—")))
        if plan.long_term_goal:
            head.append("\n" + t("sip.question") + " ", style="bold")
            head.append(safe_line(plan.long_term_goal))
        if not _open(m):
            head.append("\n" + life.meeting_closed_text(m), style="bold red")
        self.query_one("#head", Static).update(head)

        table = self.query_one("#items", DataTable)
        keep = select or self._row_key()
        table.clear()
        rows: list[tuple[str, list[Text]]] = []
        for g in m.goals:
            style = "bold" if g.status == GoalStatus.active else "dim strike"
            gtext = Text("● ", style="bold")
            gtext.append(safe_line(g.text), style=style)
            gstatus = Text("" if g.status == GoalStatus.active else label(g.status), style="bold")
            rows.append((f"g:{g.id}", [gtext, Text(""), gstatus, Text(safe_line(g.status_note), style="dim")]))
            for ms in g.measures:
                rows.append((f"m:{ms.id}", self._measure_cells(ms)))
        if m.third_party_measures:
            rows.append((f"g:{_THIRD}", [Text("● " + t("life.third_party"), style="bold"), Text(""), Text(""),
                                         Text("")]))
            for ms in m.third_party_measures:
                rows.append((f"m:{ms.id}", self._measure_cells(ms)))
        self._laid_width = self.app.size.width
        for (_key, width), column in zip(self._widths([c for _, c in rows]), table.columns.values(), strict=True):
            column.width = width
        for key, cells in rows:
            add_row(table, cells, key)
        if keep:
            try:
                table.move_cursor(row=table.get_row_index(keep))
            except Exception:  # noqa: BLE001 - the row is gone
                pass
        self._show_detail()

    def _measure_cells(self, ms: Measure) -> list[Text]:
        status = Text(label(ms.status) if ms.status else t("life.not_reviewed"),
                      style=_STATUS_STYLE.get(ms.status, "italic") if ms.status else "italic")
        return [Text("   – " + safe_line(ms.what)), Text(safe_line(ms.responsible.display()) or "—"), status,
                Text(safe_line(ms.effect))]

    def _row_key(self) -> str | None:
        table = self.query_one("#items", DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001
            return None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        key = self._row_key()
        text = Text()
        m = self.meeting
        if key is None:
            text.append(t("life.no_goals_yet"))
        elif key.startswith("m:") and (ms := m.measure(key[2:])) is not None:
            earlier = life.earlier_measure(self.plan, m, ms.id) or ms
            text.append(t("life.agreed_before") + " ", style="bold")
            text.append(safe_line(earlier.what))
            parts = [(t("life.d_responsible"), earlier.responsible.display()),
                     (t("life.d_performer"), earlier.performer),
                     (t("formats.period"), period_text(earlier.start, earlier.until)),
                     (t("life.d_frequency"), earlier.frequency), (t("field.place"), earlier.place)]
            shown = [f"{k}: {safe_line(v)}" for k, v in parts if v]
            if shown:
                text.append("\n" + " · ".join(shown))
            if ms.effect:
                text.append("\n" + t("life.effect") + ": ", style="bold")
                text.append(safe_line(ms.effect))
        elif key == f"g:{_THIRD}":
            text.append(t("life.third_party_hint"))
        elif (g := m.goal(key[2:])) is not None:
            text.append(t("life.goal") + ": ", style="bold")
            text.append(safe_line(g.text))
            if g.status_note:
                text.append("\n" + safe_line(g.status_note))
            if g.person_rating is not None:
                text.append("\n" + t("life.rating") + ": ", style="bold")
                text.append(label(g.person_rating) + (f" – {safe_line(g.person_words)}" if g.person_words else ""))
            text.append("\n" + t("life.goal_hint"), style="dim")
        if text != self._detail_shown:  # the same text again (a redraw, the cursor put back): no relayout
            self._detail_shown = text
            self.query_one("#detail", Static).update(text)

    # ------------------------------------------------------------------ helpers
    def _apply(self, change, select: str | None = None) -> bool:
        """Run a lifecycle change through the plan's session (a user error is shown and
        nothing is marked for saving); the session saves it; redraw."""
        try:
            self.session.apply(lambda _plan: change())
        except life.LifecycleError as exc:
            tell(self, exc.message, severity="warning")
            return False
        save_plan(self, self.register, self.plan)
        self.refresh_view(select=select)
        return True

    def _writable(self) -> bool:
        try:
            life.ensure_editable(self.plan)
            life.ensure_meeting_open(self.meeting)
        except life.LifecycleError as exc:
            tell(self, exc.message, severity="warning")
            return False
        return True

    def _selected_measure(self) -> Measure | None:
        if not self._writable():
            return None
        key = self._row_key()
        if not key or not key.startswith("m:"):
            tell(self, t("life.choose_measure"), severity="warning")
            return None
        return self.meeting.measure(key[2:])

    def _selected_goal_id(self) -> str | None:
        if not self._writable():
            return None
        key = self._row_key()
        if key and key.startswith("g:") and key != f"g:{_THIRD}":
            return key[2:]
        if key and key.startswith("m:"):
            for g in self.meeting.goals:
                if any(x.id == key[2:] for x in g.measures):
                    return g.id
        tell(self, t("life.choose_goal"), severity="warning")
        return None

    # ------------------------------------------------------------------ actions
    def action_status(self, value: str) -> None:
        ms = self._selected_measure()
        if ms is not None:
            status = MeasureStatus(value)
            if self._apply(lambda: life.set_measure_status(self.plan, self.meeting_id, ms.id, status),
                           select=f"m:{ms.id}"):
                # not done: the deviation naming this measure is offered now, not only on leaving
                self._offer_deviations(life.measure_not_done_drafts(self.plan, self.meeting, ms.id, self.today()))

    def action_effect(self) -> None:
        ms = self._selected_measure()
        if ms is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self._apply(lambda: life.set_measure_effect(self.plan, self.meeting_id, ms.id, text),
                            select=f"m:{ms.id}")

        self.app.push_screen(TextDialog(t("life.effect_title", what=safe_line(ms.what)), ms.effect,
                                        check=lambda v: None), done)

    def action_revise(self) -> None:
        gid = self._selected_goal_id()
        goal = self.meeting.goal(gid) if gid is not None else None
        if gid is None or goal is None:
            return

        def done(text: str | None) -> None:
            if text:
                self._apply(lambda: life.revise_goal(self.plan, self.meeting_id, gid, text), select=f"g:{gid}")

        self.app.push_screen(TextDialog(t("life.revise_title"), goal.text, hint=t("life.goal_rule")), done)

    def action_add_goal(self) -> None:
        if not self._writable():
            return

        def done(text: str | None) -> None:
            if text:
                holder: list = []
                self._apply(lambda: holder.append(life.add_goal(self.plan, self.meeting_id, text)))
                if holder:
                    self.refresh_view(select=f"g:{holder[0].id}")

        self.app.push_screen(TextDialog(t("life.add_goal_title"), hint=t("life.goal_rule")), done)

    def action_end_goal(self, value: str) -> None:
        gid = self._selected_goal_id()
        goal = self.meeting.goal(gid) if gid is not None else None
        if gid is None or goal is None:
            return
        status = GoalStatus(value)
        if goal.status == status:  # pressing again takes the goal up again
            status = GoalStatus.active
        self._apply(lambda: life.end_goal(self.plan, self.meeting_id, gid, status), select=f"g:{gid}")

    RATINGS = [None, GoalRating.better, GoalRating.same, GoalRating.worse]

    def action_rate(self) -> None:
        """The person's own rating of the selected goal: better, as before, worse (b again: the next)."""
        gid = self._selected_goal_id()
        goal = self.meeting.goal(gid) if gid is not None else None
        if gid is None or goal is None:
            return
        rating = self.RATINGS[(self.RATINGS.index(goal.person_rating) + 1) % len(self.RATINGS)]
        self._apply(lambda: life.set_goal_rating(self.plan, self.meeting_id, gid, rating), select=f"g:{gid}")

    def action_deviations(self) -> None:
        try:
            life.ensure_editable(self.plan)  # a closed plan takes no deviations
        except life.PlanClosedError as exc:
            tell(self, exc.message, severity="warning")
            return
        drafts = life.deviation_drafts(self.plan, self.meeting, self.today())
        if not drafts:
            tell(self, t("life.dev_none"))
            return
        self._offer_deviations(drafts)

    def _offer_deviations(self, drafts: list) -> None:
        if not drafts:
            return

        def done(kept: list | None) -> None:
            if kept is not None:  # the dropped ones are not proposed again on leaving
                kept_keys = {life.deviation_key(d) for d in kept}
                self.session.declined.update(k for d in drafts if (k := life.deviation_key(d)) not in kept_keys)
            if kept is not None and self._apply(lambda: life.keep_deviations(self.plan, kept)):
                tell(self, t("life.dev_saved", n=len(kept), dropped=len(drafts) - len(kept)))

        self.app.push_screen(DeviationDraftsDialog(drafts), done)

    def action_start_meeting(self) -> None:
        gate = life.can_start_meeting(self.plan, self.today())
        if not gate.ok:
            tell(self, gate.reason, severity="warning")
            return
        mid = self.meeting_id
        # back from the meeting: the register asks whether it is held and proposes deviations
        push_meeting(self, self.plan.id, lambda _: self.dismiss(("met", mid)))

    def action_back(self) -> None:
        """Leaving the review proposes deviations for measures marked not done."""
        drafts = [d for d in life.deviation_drafts(self.plan, self.meeting, self.today(), self.session.declined)
                  if d.kind.value == "measure_not_done"]
        if not drafts or not _open(self.meeting):
            self.dismiss(self.plan_id)
            return

        def done(kept: list | None) -> None:
            if kept:
                self._apply(lambda: life.keep_deviations(self.plan, kept))
            self.dismiss(self.plan_id)

        self.app.push_screen(DeviationDraftsDialog(drafts), done)


def _open(m: Meeting) -> bool:
    return m.status.value in ("planned", "running")
