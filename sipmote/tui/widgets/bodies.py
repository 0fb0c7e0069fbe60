"""The per-phase views of the meeting screen.

Each body shows the model (``show(ctx)``) and turns key presses into model
changes through its screen (``self.ctx``: the MeetingScreen), which saves and
re-renders. All user text reaches the terminal as ``rich.text.Text`` passed
through ``safe_line``: a ``[bold]`` in a name or an escape sequence is shown
literally."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from sipmote.i18n import label, t
from sipmote.model import (
    Attendance,
    Goal,
    Measure,
    MeasureStatus,
    Need,
    OrgKind,
    OwnAction,
    Responsible,
)
from sipmote.textview import safe_line, safe_text
from sipmote.tui.widgets.form import ConfirmModal, FormField, FormModal

if TYPE_CHECKING:
    from sipmote.tui.screens.meeting import MeetingScreen


def lit(text: str | None, style: str = "") -> Text:
    """User text, shown literally on one line."""
    return Text(safe_line(text or ""), style=style)


def clip(text: str, n: int) -> str:
    text = safe_line(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def short_date(d) -> str:
    """Day/month on screen (the full date is in the form and the documents)."""
    return f"{d.day}/{d.month}" if d else "…"


def org_options() -> list[tuple[str, OrgKind]]:
    return [(label(k), k) for k in OrgKind]


def responsible_text(r: Responsible) -> Text:
    if not r.is_set:
        return Text("⚠ " + t("mt.no_responsible"), style="bold red")
    return lit(r.display())


def make_table(table_id: str, enter_label: str, *columns: str) -> DataTable:
    """A row-cursor DataTable whose Enter shows ``enter_label`` in the footer."""
    cls = _TABLE_CLASSES.get(enter_label)
    if cls is None:
        cls = type("MeetingTable", (DataTable,), {
            "BINDINGS": [Binding("enter", "select_cursor", enter_label, show=True, key_display="⏎")]})
        _TABLE_CLASSES[enter_label] = cls
    table = cls(id=table_id, cursor_type="row")
    table.column_labels = list(columns)
    table.add_columns(*columns)
    return table


_TABLE_CLASSES: dict[str, type] = {}


class Body(Vertical):
    """Base: a view bound to the meeting screen."""

    body_kind = ""

    @property
    def ctx(self) -> MeetingScreen:
        return self.screen  # type: ignore[return-value]

    def show(self) -> None:  # pragma: no cover - overridden
        pass

    def on_resize(self) -> None:
        if self.display and self.is_mounted:
            self.show()

    def width_hint(self) -> int:
        """The width this view has (before the first layout: the screen's, less the prompts)."""
        if self.size.width:
            return self.size.width
        width = self.app.size.width
        return width - 31 if width >= self.ctx.prompts_threshold(self.body_kind) else width

    def focus_main(self) -> None:
        tables = self.query(DataTable)
        if tables:
            tables.first().focus()
        else:
            self.focus()

    @staticmethod
    def fill(table: DataTable, rows: list[tuple[str, list]]) -> None:
        """Replace the rows, keeping the cursor on the same row index."""
        row = table.cursor_row
        labels = list(getattr(table, "column_labels", None) or [str(c.label) for c in table.columns.values()])
        # explicit widths from the content: DataTable's auto widths only ever grow
        widths = tuple(
            max([Text(heading).cell_len] + [cells[i].cell_len for _, cells in rows if i < len(cells)])
            for i, heading in enumerate(labels)
        )
        if (tuple(labels), widths) != getattr(table, "_shape", None):
            table.clear(columns=True)
            for heading, width in zip(labels, widths):
                table.add_column(heading, width=width)
            table._shape = (tuple(labels), widths)
        else:
            table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1), animate=False)

    @staticmethod
    def cursor_key(table: DataTable) -> str | None:
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - an empty or moving table has no key
            return None


# --------------------------------------------------------------------------- Lyssna


class ListenBody(Body):
    body_kind = "listen"
    BINDINGS = [
        Binding("t", "speak", t("mt.b_speak"), show=False),
        Binding("x", "toggle_spoken", t("mt.b_spoken")),
        Binding("e", "notes", t("mt.b_notes")),
        Binding("g", "long_term_goal", t("mt.b_ltg")),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="listen-owner", classes="line")
        yield Static("", id="listen-goal", classes="goal")
        yield make_table("speakers", t("mt.b_speak"), "", t("mt.col_name"), t("mt.col_role"), "",
                         t("mt.col_notes"))
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
        width = self.width_hint()
        name_w, role_w = (24, 28) if width >= 90 else (18, 20)
        notes_w = max(6, width - name_w - role_w - 23)
        order = meeting.speaking_order()
        for p in order:
            current = p.id == meeting.current_speaker_id
            mark = "▶" if current else ("✓" if p.has_spoken else " ")
            style = "reverse bold" if current else ""
            role = ", ".join(x for x in (p.role_label, p.organisation) if x)
            where = t("mt.remote_short") if p.attendance == Attendance.remote else ""
            rows.append((p.id, [
                Text(mark, style="bold"), lit(clip(p.name, name_w), style), lit(clip(role, role_w), style),
                Text(where, style=style), lit(clip(p.speaker_notes, notes_w), style),
            ]))
        table = self.query_one("#speakers", DataTable)
        self.fill(table, rows)
        if not getattr(self, "_placed", False):  # first showing: the cursor on the current speaker
            self._placed = True
            ids = [p.id for p in order]
            if meeting.current_speaker_id in ids:
                table.move_cursor(row=ids.index(meeting.current_speaker_id), animate=False)
        waiting = meeting.not_yet_spoken()
        line = Text(t("mt.not_spoken") + " ", style="bold")
        line.append(", ".join(safe_line(p.name) for p in waiting) if waiting else t("mt.all_spoken"))
        self.query_one("#not-spoken", Static).update(line)

    def _selected(self):
        key = self.cursor_key(self.query_one("#speakers", DataTable))
        return self.ctx.meeting.participant(key) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_speak()

    def action_speak(self) -> None:
        p = self._selected()
        if p is None:
            return
        meeting = self.ctx.meeting
        prev = meeting.participant(meeting.current_speaker_id) if meeting.current_speaker_id else None
        if prev is not None and prev.id != p.id:
            prev.has_spoken = True
        meeting.current_speaker_id = p.id
        self.ctx.changed()

    def action_toggle_spoken(self) -> None:
        p = self._selected()
        if p is not None:
            p.has_spoken = not p.has_spoken
            self.ctx.changed()

    def action_notes(self) -> None:
        p = self._selected()
        if p is None:
            return

        def done(values: dict | None) -> None:
            if values is not None:
                p.speaker_notes = values["notes"]
                self.ctx.changed()

        self.app.push_screen(FormModal(t("mt.notes_for", name=clip(p.name, 40)), [
            FormField("notes", t("mt.col_notes"), "multiline", p.speaker_notes),
        ]), done)

    def action_long_term_goal(self) -> None:
        plan = self.ctx.plan

        def done(values: dict | None) -> None:
            if values is not None:
                plan.long_term_goal = values["goal"]
                self.ctx.changed()

        self.app.push_screen(FormModal(t("sip.question"), [
            FormField("goal", t("mt.ltg_label"), "multiline", plan.long_term_goal),
        ]), done)


# --------------------------------------------------------------------------- Problematisera


class ProblemBody(Body):
    body_kind = "problem"
    BINDINGS = [
        Binding("a", "add", t("mt.b_add_need")),
        Binding("e", "edit", t("mt.b_edit"), show=False),
        Binding("o", "disagree", t("mt.b_disagree")),
        Binding("delete", "remove", t("mt.b_remove")),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="questions", classes="questions")
        yield make_table("needs", t("mt.b_edit"), t("mt.col_need"), t("mt.col_questions"),
                         t("mt.col_disagreement"))
        yield Static("", id="needs-hint", classes="line")

    def show(self) -> None:
        plan, meeting = self.ctx.plan, self.ctx.meeting
        numbers = {q.id: f"F{i}" for i, q in enumerate(plan.questions, 1)}
        qs = Text(t("mt.questions") + "\n", style="bold")
        for q in plan.questions:
            qs.append(f"{numbers[q.id]} ", style="bold")
            qs.append(safe_line(q.text) + "\n", style="")
        if not plan.questions:
            qs.append(t("mt.no_questions"), style="italic")
        self.query_one("#questions", Static).update(qs.rstrip() or qs)
        rows = []
        for n in meeting.needs:
            linked = ", ".join(numbers[q] for q in n.question_ids if q in numbers)
            dis = Text("⚠ " + t("mt.disagree_yes"), style="bold") if n.disagreement else Text("")
            if n.disagreement and n.parties:
                dis.append(": " + safe_line(n.parties), style="")
            rows.append((n.id, [lit(clip(n.text, 70)), Text(linked or "–"), dis]))
        self.fill(self.query_one("#needs", DataTable), rows)
        hint = t("mt.needs_empty") if not meeting.needs else ""
        self.query_one("#needs-hint", Static).update(hint)

    def _selected(self) -> Need | None:
        key = self.cursor_key(self.query_one("#needs", DataTable))
        return next((n for n in self.ctx.meeting.needs if n.id == key), None)

    def _form(self, need: Need | None) -> FormModal:
        qopts = [(f"F{i} {clip(q.text, 50)}", q.id) for i, q in enumerate(self.ctx.plan.questions, 1)]
        fields = [FormField("text", t("mt.col_need"), "multiline", need.text if need else "", required=True)]
        if qopts:
            fields.append(FormField("question_ids", t("mt.col_questions"), "multiselect",
                                    need.question_ids if need else [], qopts))
        fields += [
            FormField("disagreement", t("mt.col_disagreement"), "bool", need.disagreement if need else False),
            FormField("parties", t("mt.disagree_parties"), "text", need.parties if need else ""),
        ]
        return FormModal(t("mt.need_title"), fields)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        def done(v: dict | None) -> None:
            if v is not None:
                self.ctx.meeting.needs.append(Need(
                    text=v["text"], question_ids=v.get("question_ids", []),
                    disagreement=v["disagreement"], parties=v["parties"]))
                self.ctx.changed()
                table = self.query_one("#needs", DataTable)
                table.move_cursor(row=table.row_count - 1, animate=False)

        self.app.push_screen(self._form(None), done)

    def action_edit(self) -> None:
        need = self._selected()
        if need is None:
            self.action_add()
            return

        def done(v: dict | None) -> None:
            if v is not None:
                need.text = v["text"]
                need.question_ids = v.get("question_ids", need.question_ids)
                need.disagreement = v["disagreement"]
                need.parties = v["parties"]
                self.ctx.changed()

        self.app.push_screen(self._form(need), done)

    def action_disagree(self) -> None:
        need = self._selected()
        if need is not None:
            need.disagreement = not need.disagreement
            self.ctx.changed()

    def action_remove(self) -> None:
        need = self._selected()
        if need is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.ctx.meeting.needs.remove(need)
                self.ctx.changed()

        self.app.push_screen(ConfirmModal(t("mt.confirm_remove", what=clip(need.text, 50))), done)


# --------------------------------------------------------------------------- Planera


class PlanBody(Body):
    body_kind = "plan"
    BINDINGS = [
        Binding("g", "add_goal", t("mt.b_goal")),
        Binding("a", "add_measure", t("mt.b_measure")),
        Binding("o", "add_own", t("mt.b_own")),
        Binding("t", "add_third", t("mt.b_third"), show=False),
        Binding("h", "huvudansvarig", t("mt.b_huvudansvarig")),
        Binding("u", "follow_up", t("mt.b_follow_up")),
        Binding("e", "edit", t("mt.b_edit"), show=False),
        Binding("delete", "remove", t("mt.b_remove"), show=False),
    ]

    def compose(self) -> ComposeResult:
        yield make_table("plan-table", t("mt.b_edit"), "", t("mt.col_what"), t("mt.col_responsible"),
                         t("mt.col_when"), t("mt.col_how"))
        yield Static("", id="plan-detail", classes="line detail")
        yield Static("", id="plan-status", classes="line")
        yield Static("", id="plan-warn", classes="line warn")

    def show(self) -> None:
        plan, meeting = self.ctx.plan, self.ctx.meeting
        rows: list[tuple[str, list]] = []
        blank = Text("")
        width = self.width_hint()
        wide = width >= 90  # the 'how often, where' column; below, the detail line carries it
        table = self.query_one("#plan-table", DataTable)
        table.column_labels = ["", t("mt.col_what"), t("mt.col_responsible"), t("mt.col_when")] + (
            [t("mt.col_how")] if wide else [])
        avail = max(30, width - 12 - (11 if wide else 9))
        when_w = 11
        resp_w = int(avail * 0.27) if wide else 16
        what_w = int(avail * 0.40) if wide else avail - resp_w - when_w
        how_w = max(6, avail - what_w - resp_w - when_w)
        self._widths = (what_w, resp_w)

        def when(m: Measure) -> str:
            if not (m.start or m.until):
                return ""
            return f"{short_date(m.start)}→{short_date(m.until)}"

        def row(key: str, cells: list) -> tuple[str, list]:
            return key, cells + [blank] * (len(table.column_labels) - len(cells))

        def measure_row(key: str, m: Measure, mark: str) -> tuple[str, list]:
            r = responsible_text(m.responsible)
            r.truncate(resp_w, overflow="ellipsis")
            how = ", ".join(x for x in (m.frequency, m.place) if x.strip())
            cells = [Text(mark), lit(clip(m.what, what_w)), r, Text(when(m))]
            return key, cells + ([lit(clip(how, how_w))] if wide else [])

        for i, g in enumerate(meeting.goals, 1):
            status = "" if g.status.value == "active" else f" ({label(g.status)})"
            rows.append(row(f"goal:{g.id}", [Text(f"{t('mt.goal_short')} {i}", style="bold"),
                                             lit(clip(g.text + status, what_w), "bold")]))
            for m in g.measures:
                rows.append(measure_row(f"measure:{g.id}:{m.id}", m, "  –"))
        first = plan.person.name.split()[0] if plan.person.name.split() else plan.person.name
        for a in meeting.own_actions:
            who = clip(first, 8) if a.who == "person" else t("summary.family")
            rows.append(row(f"own:{a.id}", [Text(t("mt.own_mark", who=who)), lit(clip(a.text, what_w))]))
        for m in meeting.third_party_measures:
            rows.append(measure_row(f"third:{m.id}", m, t("mt.third_mark")))
        self.fill(table, rows)
        self.show_detail()

        status = Text(t("mt.huvudansvarig") + " ", style="bold")
        status.append(safe_line(plan.huvudansvarig.display()) if plan.huvudansvarig.is_set else "–")
        status.append("   " + t("mt.follow_up") + " ", style="bold")
        fu = meeting.follow_up
        if fu.is_set:
            status.append(" ".join(x for x in (fu.date.isoformat(), fu.time.strftime("%H:%M") if fu.time else "",
                                               safe_line(fu.place)) if x))
        else:
            status.append("–")
        self.query_one("#plan-status", Static).update(status)
        missing = sum(1 for m in meeting.all_measures() if not m.responsible.is_set)
        warn = t("mt.warn_no_responsible", n=missing) if missing else ""
        if not meeting.goals:
            warn = t("mt.plan_empty")
        self.query_one("#plan-warn", Static).update(warn)

    def show_detail(self) -> None:
        """The whole row under the cursor, unclipped: the table is cut to fit 80 columns."""
        key = self._key()
        detail = Text()
        if key:
            _, item, _ = self._find(key)
            if isinstance(item, Measure):
                detail.append(safe_line(item.what), style="bold")
                r = item.responsible
                detail.append(" · " + (safe_line(r.display()) if r.is_set else "⚠ " + t("mt.no_responsible")))
                dates = " → ".join(d.isoformat() if d else "…" for d in (item.start, item.until))
                if item.start or item.until:
                    detail.append(" · " + dates)
                for extra in (item.frequency, item.place):
                    if extra.strip():
                        detail.append(" · " + safe_line(extra))
            elif item is not None:
                detail.append(safe_line(getattr(item, "text", "")), style="bold")
        self.query_one("#plan-detail", Static).update(detail, layout=False)  # fixed height: no reflow

    def on_mount(self) -> None:
        # the detail line follows the cursor in the same frame as the table: a RowHighlighted
        # handler runs a turn later and repaints the whole screen a second time per key
        self.watch(self.query_one("#plan-table", DataTable), "cursor_coordinate", self.show_detail, init=False)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()

    # ---- helpers
    def _key(self) -> str | None:
        return self.cursor_key(self.query_one("#plan-table", DataTable))

    def _goal_at_cursor(self) -> Goal | None:
        key = self._key()
        meeting = self.ctx.meeting
        if key and key.startswith(("goal:", "measure:")):
            gid = key.split(":")[1]
            return next((g for g in meeting.goals if g.id == gid), None)
        return meeting.goals[-1] if meeting.goals else None

    def _measure_form(self, title: str, m: Measure | None) -> FormModal:
        r = m.responsible if m else Responsible()
        return FormModal(title, [
            FormField("what", t("mt.col_what"), "text", m.what if m else "", required=True),
            FormField("org_kind", t("mt.f_org_kind"), "select", r.org_kind, org_options()),
            FormField("organisation", t("mt.f_organisation"), "text", r.organisation),
            FormField("person", t("mt.f_person"), "text", r.person),
            FormField("start", t("mt.col_start"), "date", m.start if m else None),
            FormField("frequency", t("mt.col_frequency"), "text", m.frequency if m else ""),
            FormField("place", t("mt.col_place"), "text", m.place if m else ""),
            FormField("until", t("mt.col_until"), "date", m.until if m else None),
        ])

    def _apply_measure(self, m: Measure | None, v: dict, third: bool) -> Measure | None:
        """Build or update a measure; a model error (until before start) is shown, nothing lost."""
        from pydantic import ValidationError

        from sipmote.errors import describe

        resp = Responsible(org_kind=v["org_kind"], organisation=v["organisation"], person=v["person"])
        data = dict(what=v["what"], responsible=resp, start=v["start"], frequency=v["frequency"],
                    place=v["place"], until=v["until"], third_party=third)
        try:
            if m is None:
                m = Measure(**data)
            else:
                Measure(**{**m.model_dump(exclude={"id"}), **data})  # check before changing
                for k, val in data.items():
                    setattr(m, k, val)
        except ValidationError as exc:
            self.app.notify("\n".join(describe(exc)), severity="error", markup=False)
            return None
        if not resp.is_set:
            self.app.notify(t("mt.warn_measure", what=clip(m.what, 40)), severity="warning", markup=False)
        return m

    # ---- actions
    def action_add_goal(self) -> None:
        def done(v: dict | None) -> None:
            if v is not None:
                self.ctx.meeting.goals.append(Goal(text=v["text"]))
                self.ctx.changed()
                self._cursor_to(f"goal:{self.ctx.meeting.goals[-1].id}")

        self.app.push_screen(FormModal(t("mt.goal_title"), [
            FormField("text", t("mt.goal_label"), "text", "", required=True)]), done)

    def _cursor_to(self, key: str) -> None:
        table = self.query_one("#plan-table", DataTable)
        try:
            table.move_cursor(row=table.get_row_index(key), animate=False)
        except Exception:  # noqa: BLE001 - the row is gone
            pass

    def action_add_measure(self) -> None:
        goal = self._goal_at_cursor()
        if goal is None:
            self.app.notify(t("mt.need_goal_first"), severity="warning")
            return

        def done(v: dict | None) -> None:
            if v is None:
                return
            m = self._apply_measure(None, v, third=False)
            if m is not None:
                goal.measures.append(m)
                self.ctx.changed()
                self._cursor_to(f"measure:{goal.id}:{m.id}")

        self.app.push_screen(self._measure_form(t("mt.measure_title", goal=clip(goal.text, 40)), None), done)

    def action_add_third(self) -> None:
        def done(v: dict | None) -> None:
            if v is None:
                return
            m = self._apply_measure(None, v, third=True)
            if m is not None:
                self.ctx.meeting.third_party_measures.append(m)
                self.ctx.changed()

        self.app.push_screen(self._measure_form(t("mt.third_title"), None), done)

    def action_add_own(self) -> None:
        def done(v: dict | None) -> None:
            if v is not None:
                self.ctx.meeting.own_actions.append(OwnAction(who=v["who"] or "person", text=v["text"]))
                self.ctx.changed()

        first = self.ctx.plan.person.name
        self.app.push_screen(FormModal(t("mt.own_title"), [
            FormField("who", t("mt.own_who"), "select", "person",
                      [(safe_line(first), "person"), (t("summary.family"), "family")], required=True),
            FormField("text", t("mt.col_what"), "text", "", required=True),
        ]), done)

    def action_huvudansvarig(self) -> None:
        plan = self.ctx.plan
        r = plan.huvudansvarig
        attending = [p for p in self.ctx.meeting.participants if not p.is_person and p.org_kind != OrgKind.family]

        def done(v: dict | None) -> None:
            if v is None:
                return
            org_kind, organisation, person = v["org_kind"], v["organisation"], v["person"]
            pick = next((p for p in attending if p.id == v.get("pick")), None)
            if pick is not None:
                org_kind, organisation, person = pick.org_kind, pick.organisation, pick.name
            plan.huvudansvarig = Responsible(org_kind=org_kind, organisation=organisation, person=person)
            self.ctx.changed()

        fields = []
        if attending:
            fields.append(FormField("pick", t("mt.f_pick"), "select", None,
                                    [(clip(f"{p.name} ({p.organisation or label(p.org_kind)})", 50), p.id)
                                     for p in attending]))
        fields += [
            FormField("org_kind", t("mt.f_org_kind"), "select", r.org_kind, org_options()),
            FormField("organisation", t("mt.f_organisation"), "text", r.organisation),
            FormField("person", t("mt.f_person"), "text", r.person),
        ]
        self.app.push_screen(FormModal(t("mt.huvudansvarig_title"), fields), done)

    def action_follow_up(self) -> None:
        fu = self.ctx.meeting.follow_up

        def done(v: dict | None) -> None:
            if v is not None:
                fu.date, fu.time, fu.place = v["date"], v["time"], v["place"]
                self.ctx.changed()

        self.app.push_screen(FormModal(t("mt.follow_up_title"), [
            FormField("date", t("mt.f_date"), "date", fu.date),
            FormField("time", t("mt.f_time"), "time", fu.time),
            FormField("place", t("mt.col_place"), "text", fu.place),
        ]), done)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def _find(self, key: str):
        meeting = self.ctx.meeting
        kind, _, rest = key.partition(":")
        if kind == "goal":
            return kind, next((g for g in meeting.goals if g.id == rest), None), meeting.goals
        if kind == "measure":
            gid, mid = rest.split(":")
            goal = next((g for g in meeting.goals if g.id == gid), None)
            if goal:
                return kind, next((m for m in goal.measures if m.id == mid), None), goal.measures
        if kind == "own":
            return kind, next((a for a in meeting.own_actions if a.id == rest), None), meeting.own_actions
        if kind == "third":
            return kind, next((m for m in meeting.third_party_measures if m.id == rest), None), \
                meeting.third_party_measures
        return kind, None, None

    def action_edit(self) -> None:
        key = self._key()
        if key is None:
            self.action_add_goal()
            return
        kind, item, _ = self._find(key)
        if item is None:
            return
        if kind in ("measure", "third"):
            def done_m(v: dict | None) -> None:
                if v is not None and self._apply_measure(item, v, third=kind == "third") is not None:
                    self.ctx.changed()

            self.app.push_screen(self._measure_form(t("mt.edit_title"), item), done_m)
            return

        def done(v: dict | None) -> None:
            if v is not None:
                item.text = v["text"]
                self.ctx.changed()

        self.app.push_screen(FormModal(t("mt.edit_title"), [
            FormField("text", t("mt.col_what"), "text", item.text, required=True)]), done)

    def action_remove(self) -> None:
        key = self._key()
        if key is None:
            return
        kind, item, container = self._find(key)
        if item is None:
            return
        what = getattr(item, "text", None) or getattr(item, "what", "")

        def done(yes: bool | None) -> None:
            if yes and item in container:
                container.remove(item)
                self.ctx.changed()

        self.app.push_screen(ConfirmModal(t("mt.confirm_remove", what=clip(what, 50))), done)


# --------------------------------------------------------------------------- follow-up review


class ReviewBody(Body):
    body_kind = "review"
    BINDINGS = [
        Binding("c", "cycle", t("mt.b_status"), show=False),
        Binding("e", "effect", t("mt.b_effect")),
    ]
    CYCLE = [None, MeasureStatus.done, MeasureStatus.ongoing, MeasureStatus.not_done]

    def compose(self) -> ComposeResult:
        yield make_table("review-table", t("mt.b_status"), t("mt.col_what"), t("mt.col_responsible"),
                         t("mt.col_status"), t("mt.col_effect"))
        yield Static("", id="review-hint", classes="line warn")

    def _measures(self) -> list[Measure]:
        return self.ctx.meeting.all_measures()

    def show(self) -> None:
        rows = []
        for m in self._measures():
            rows.append((m.id, [lit(clip(m.what, 40)), responsible_text(m.responsible),
                                Text(label(m.status) if m.status else "–"), lit(clip(m.effect, 40))]))
        self.fill(self.query_one("#review-table", DataTable), rows)
        open_ = sum(1 for m in self._measures() if m.status is None)
        self.query_one("#review-hint", Static).update(
            t("mt.review_open", n=open_) if open_ else (t("mt.review_empty") if not rows else ""))

    def _selected(self) -> Measure | None:
        key = self.cursor_key(self.query_one("#review-table", DataTable))
        return next((m for m in self._measures() if m.id == key), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_cycle()

    def action_cycle(self) -> None:
        m = self._selected()
        if m is not None:
            m.status = self.CYCLE[(self.CYCLE.index(m.status) + 1) % len(self.CYCLE)]
            self.ctx.changed()

    def action_effect(self) -> None:
        m = self._selected()
        if m is None:
            return

        def done(v: dict | None) -> None:
            if v is not None:
                m.effect = v["effect"]
                self.ctx.changed()

        self.app.push_screen(FormModal(t("mt.col_effect"), [
            FormField("effect", t("mt.col_effect"), "multiline", m.effect)]), done)


# --------------------------------------------------------------------------- free notes


class NotesBody(Body):
    body_kind = "notes"
    BINDINGS = [Binding("e", "edit", t("mt.b_edit"))]
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
                rec.notes = v["notes"]
                self.ctx.changed()

        self.app.push_screen(FormModal(rec.name, [FormField("notes", t("mt.col_notes"), "multiline", rec.notes)]),
                             done)


# --------------------------------------------------------------------------- summary


class SummaryBody(Body):
    body_kind = "summary"
    BINDINGS = [
        Binding("x", "export", t("mt.b_export")),
        Binding("k", "copies", t("mt.b_copies")),
        Binding("i", "critical", t("mt.b_critical")),
        Binding("j", "agrees", t("mt.b_agrees")),
    ]
    can_focus = True

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-scroll"):
            yield Static("", id="summary-text")

    def focus_main(self) -> None:
        self.query_one("#summary-scroll").focus()  # arrows and page keys scroll the summary

    def show(self) -> None:
        from sipmote.summary import missing_before_signoff, readback

        plan, meeting = self.ctx.plan, self.ctx.meeting
        out = Text()
        out.append(t("mt.readback") + "\n", style="bold underline")
        parties = readback(plan, meeting)
        if not parties:
            out.append("  " + t("mt.readback_empty") + "\n", style="italic")
        for pr in parties:
            if pr.unassigned:
                out.append("⚠ " + t("mt.party_unassigned") + "\n", style="bold red")
            else:
                out.append(t("mt.party_does", party=safe_line(pr.party)) + "\n", style="bold")
            for item in pr.items:
                out.append(f"  • {safe_line(item)}\n")
        out.append("\n")
        pairs = [
            (t("mt.huvudansvarig"), safe_line(plan.huvudansvarig.display()) if plan.huvudansvarig.is_set else "–"),
        ]
        fu = meeting.follow_up
        fu_text = " ".join(x for x in (fu.date.isoformat() if fu.date else "", fu.time.strftime("%H:%M")
                                       if fu.time else "", safe_line(fu.place)) if x) or "–"
        pairs.append((t("mt.follow_up"), fu_text))
        pairs.append((t("mt.copies"), ", ".join(safe_line(c) for c in meeting.copies_to) or "–"))
        pairs.append((t("mt.critical"), safe_line(meeting.if_critical) or "–"))
        agrees = {None: t("mt.agrees_unasked"), True: t("mt.yes"), False: t("mt.no")}[meeting.person_agrees]
        pairs.append((t("mt.agrees"), agrees))
        for k, v in pairs:
            out.append(k + " ", style="bold")
            out.append(v + "\n")
        out.append("\n")
        missing = missing_before_signoff(plan, meeting)
        out.append(t("mt.missing") + "\n", style="bold underline")
        if missing:
            for m in missing:
                out.append(f"  ☐ {safe_line(m.text())}\n", style="bold")
        else:
            out.append("  ✓ " + t("mt.nothing_missing") + "\n")
        self.query_one("#summary-text", Static).update(out)

    def action_export(self) -> None:
        self.ctx.start_export()

    def action_copies(self) -> None:
        meeting = self.ctx.meeting

        def done(v: dict | None) -> None:
            if v is not None:
                meeting.copies_to = [c.strip() for c in v["copies"].split(",") if c.strip()]
                self.ctx.changed()

        default = meeting.copies_to or [self.ctx.plan.person.name, *(g.name for g in self.ctx.plan.guardians)]
        self.app.push_screen(FormModal(t("mt.copies"), [
            FormField("copies", t("mt.copies_label"), "text", ", ".join(default))]), done)

    def action_critical(self) -> None:
        meeting = self.ctx.meeting

        def done(v: dict | None) -> None:
            if v is not None:
                meeting.if_critical = v["text"]
                self.ctx.changed()

        self.app.push_screen(FormModal(t("mt.critical"), [
            FormField("text", t("mt.critical"), "multiline", meeting.if_critical)]), done)

    def action_agrees(self) -> None:
        meeting = self.ctx.meeting
        meeting.person_agrees = {None: True, True: False, False: None}[meeting.person_agrees]
        self.ctx.changed()


# --------------------------------------------------------------------------- attendance


ATTENDANCE_CYCLE = [Attendance.present, Attendance.remote, Attendance.absent_notice, Attendance.no_show,
                    Attendance.invited]

BODY_CLASSES = {cls.body_kind: cls for cls in (ListenBody, ProblemBody, PlanBody, ReviewBody, NotesBody,
                                               SummaryBody)}
