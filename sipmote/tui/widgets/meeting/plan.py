"""Planera: goals, measures, own actions, huvudansvarig and the follow-up."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from sipmote.formats import first_name, follow_up_text, period_text, short_period_text
from sipmote.i18n import label, t
from sipmote.lifecycle.edits import find_item, measure_data
from sipmote.model import Goal, Measure, OrgKind, Participant, Responsible
from sipmote.textview import safe_line
from sipmote.tui.dialogs import ConfirmDialog, Field, FormDialog
from sipmote.tui.keys import Keys
from sipmote.tui.widgets.meeting.common import (
    Body,
    MeetingTable,
    clip,
    keep_words,
    lit,
    make_table,
    org_options,
    responsible_text,
)
from sipmote.tui.widgets.meeting.messages import (
    ChildWordsEdited,
    FollowUpBooked,
    GoalAdded,
    HuvudansvarigSet,
    ItemRemoved,
    ItemTextEdited,
    MeasureAdded,
    MeasureEdited,
    OwnActionAdded,
)


class PlanBody(Body):
    #: the footer's first keys (tui/footer.py)
    FOOTER_PRIORITY = ("add_goal", "add_measure", "select_cursor", "huvudansvarig")
    body_kind = "plan"
    BINDINGS = Keys([
        Binding("g", "add_goal", "mt.b_goal", id="plan.add_goal"),
        Binding("a", "add_measure", "mt.b_measure", id="plan.add_measure"),
        Binding("o", "add_own", "mt.b_own", id="plan.add_own"),
        Binding("t", "add_third", "mt.b_third", show=False, id="plan.add_third"),
        Binding("h", "huvudansvarig", "mt.b_huvudansvarig", id="plan.huvudansvarig"),
        Binding("u", "follow_up", "mt.b_follow_up", id="plan.follow_up"),
        Binding("e", "edit", "mt.b_edit", show=False, id="plan.edit"),
        Binding("delete", "remove", "mt.b_remove", show=False, id="plan.remove"),
    ])

    _detail_shown: Text | None = None

    def compose(self) -> ComposeResult:
        yield make_table("plan-table", "mt.b_edit", "", t("mt.col_what"), t("mt.col_responsible"),
                         t("mt.col_when"), t("mt.col_how"))
        yield Static("", id="plan-detail", classes="line detail")
        yield Static("", id="plan-status", classes="line")
        yield Static("", id="plan-warn", classes="line warn")

    def show(self) -> None:
        plan, meeting = self.ctx.plan, self.ctx.meeting
        rows: list[tuple[str, list]] = []
        blank = Text("")
        width = self.width_hint()
        wide = width >= 90  # the 'how often, where' column; below, it shares the 'when' column
        table = self.query_one("#plan-table", MeetingTable)
        table.column_labels = ["", t("mt.col_what"), t("mt.col_responsible")] + (
            [t("mt.col_when"), t("mt.col_how")] if wide else [t("layout.col_when_how")])

        def when(m: Measure) -> str:
            return short_period_text(m.start, m.until)

        def row(key: str, cells: list) -> tuple[str, list]:
            return key, cells + [blank] * (len(table.column_labels) - len(cells))

        def measure_row(key: str, m: Measure, mark: str) -> tuple[str, list]:
            how = ", ".join(x for x in (m.frequency, m.place) if x.strip())
            cells = [Text(mark), lit(m.what), responsible_text(m.responsible)]
            if wide:
                return key, [*cells, Text(when(m)), lit(how)]
            return key, [*cells, lit(" ".join(x for x in (when(m), how) if x))]  # wraps in its column

        for i, g in enumerate(meeting.goals, 1):
            gstat = "" if g.status.value == "active" else f" ({label(g.status)})"
            rows.append(row(f"goal:{g.id}", [Text(f"{t('mt.goal_short')} {i}", style="bold"),
                                             lit(g.text + gstat, "bold")]))
            for m in g.measures:
                rows.append(measure_row(f"measure:{g.id}:{m.id}", m, "  –"))
        first = first_name(plan.person.name)
        for a in meeting.own_actions:
            who = clip(first, 8) if a.who == "person" else t("summary.family")
            rows.append(row(f"own:{a.id}", [Text(t("mt.own_mark", who=who)), lit(a.text)]))
        for m in meeting.third_party_measures:
            rows.append(measure_row(f"third:{m.id}", m, t("mt.third_mark")))
        avail = max(30, width - 12 - (11 if wide else 9))
        when_w = 11 if wide else 18
        # a responsible's longest word whole ("familjebehandlingen"), taken from the 'what' column
        resp_w = keep_words(int(avail * 0.27) if wide else 14, [cells[2] for _, cells in rows], avail // 3)
        what_w = int(avail * 0.40) - max(0, resp_w - int(avail * 0.27)) if wide else avail - resp_w - when_w
        how_w = max(6, avail - what_w - resp_w - when_w)
        self._widths = (what_w, resp_w)
        # whole on the projector: long goals, measures and responsibles wrap onto more lines
        self.fill(table, rows, wrap={1: what_w, 2: resp_w, 4: how_w} if wide else {1: what_w, 2: resp_w, 3: when_w})
        self.show_detail()

        status = Text(t("mt.huvudansvarig") + " ", style="bold")
        status.append(safe_line(plan.huvudansvarig.display()) if plan.huvudansvarig.is_set else "–")
        status.append("   " + t("mt.follow_up") + " ", style="bold")
        fu = meeting.follow_up
        status.append(safe_line(follow_up_text(fu)) if fu.date is not None else "–")
        self.query_one("#plan-status", Static).update(status)
        missing = sum(1 for m in meeting.all_measures() if not m.responsible.is_set)
        warn = t("mt.warn_no_responsible", n=missing) if missing else ""
        if not meeting.goals:
            warn = t("mt.plan_empty")
        self.query_one("#plan-warn", Static).update(warn)

    def show_detail(self) -> None:
        """The whole row under the cursor, on more lines when it needs them (the table's columns
        are narrow at 80 columns)."""
        key = self._key()
        detail = Text()
        if key:
            _, item, _ = self._find(key)
            if isinstance(item, Measure):
                detail.append(safe_line(item.what), style="bold")
                r = item.responsible
                detail.append(" · " + (safe_line(r.display()) if r.is_set else "⚠ " + t("mt.no_responsible")))
                if item.start or item.until:
                    detail.append(" · " + period_text(item.start, item.until))
                for extra in (item.frequency, item.place):
                    if extra.strip():
                        detail.append(" · " + safe_line(extra))
            elif item is not None:
                detail.append(safe_line(getattr(item, "text", "")), style="bold")
        if detail == self._detail_shown:
            return  # the same text (show() again after an edit elsewhere): nothing to redraw
        self._detail_shown = detail
        self.put_detail(self.query_one("#plan-detail", Static), detail)  # whole, wrapped

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
            return meeting.goal(gid)
        return meeting.goals[-1] if meeting.goals else None

    def _measure_form(self, title: str, m: Measure | None) -> FormDialog:
        r = m.responsible if m else Responsible()
        return FormDialog(title, [
            Field("what", t("mt.col_what"), "text", m.what if m else "", required=True),
            *self._pick_field(r),
            Field("org_kind", t("mt.f_org_kind"), "select", r.org_kind, org_options()),
            Field("organisation", t("mt.f_organisation"), "text", r.organisation),
            Field("person", t("mt.f_person"), "text", r.person),
            Field("performer", t("meet.f_performer"), "text", m.performer if m else ""),
            Field("start", t("mt.col_start"), "date", m.start if m else None),
            Field("frequency", t("mt.col_frequency"), "text", m.frequency if m else ""),
            Field("place", t("mt.col_place"), "text", m.place if m else ""),
            Field("until", t("mt.col_until"), "date", m.until if m else None),
            Field("child_words", t("mt.f_child_words_measure"), "text", m.child_words if m else "",
                  placeholder=t("mt.f_child_words_measure_hint")),
        ])

    # ---- actions (each posts its edit; the screen applies it through lifecycle.edits)
    def action_add_goal(self) -> None:
        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(GoalAdded(v["text"], v.get("child_words") or ""))

        self.app.push_screen(FormDialog(t("mt.goal_title"), [
            Field("text", t("mt.goal_label"), "text", "", required=True),
            Field("child_words", t("mt.f_child_words_goal"), "text", "",
                  placeholder=t("mt.f_child_words_goal_hint"))]), done)

    def action_add_measure(self) -> None:
        goal = self._goal_at_cursor()
        if goal is None:
            self.app.notify(t("mt.need_goal_first"), severity="warning")
            return
        goal_id = goal.id

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(MeasureAdded(goal_id, measure_data(v, third=False)))

        self.app.push_screen(self._measure_form(t("mt.measure_title", goal=clip(goal.text, 120)), None), done)

    def action_add_third(self) -> None:
        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(MeasureAdded(None, measure_data(v, third=True)))

        self.app.push_screen(self._measure_form(t("mt.third_title"), None), done)

    def action_add_own(self) -> None:
        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(OwnActionAdded(v["who"] or "person", v["text"]))

        first = self.ctx.plan.person.name
        # the family named, so typing a guardian's name ("an" for Anna) finds "Familjen (Anna …)"
        kin = [safe_line(p.name) for p in self.ctx.meeting.participants
               if not p.is_person and p.org_kind in (OrgKind.family, OrgKind.person)]
        family = t("mt.own_family_named", names=", ".join(kin)) if kin else t("summary.family")
        self.app.push_screen(FormDialog(t("mt.own_title"), [
            Field("who", t("mt.own_who"), "select", "person",
                      [(safe_line(first), "person"), (clip(family, 60), "family")], required=True),
            Field("text", t("mt.col_what"), "text", "", required=True),
        ]), done)

    def _professionals(self) -> list[Participant]:
        """Whom a responsibility can be given to: the participants who are not the family."""
        return [p for p in self.ctx.meeting.participants if not p.is_person and p.org_kind != OrgKind.family]

    def _pick_field(self, r: Responsible, *, enter_saves: bool = False) -> list[Field]:
        """'Välj bland deltagarna': a searchable choice that, as it is chosen, fills party,
        organisation and person on screen (they stay free text: what is in them is saved).
        It opens on the participant who is the responsible ``r`` already, if one is."""
        people = self._professionals()
        if not people:
            return []
        by_id = {p.id: p for p in people}
        current = next((p.id for p in people if r.is_set and (p.name, p.organisation, p.org_kind)
                        == (r.person, r.organisation, r.org_kind)), None)

        def fills(pid: object) -> dict:
            p = by_id.get(str(pid))
            return {} if p is None else {"org_kind": p.org_kind, "organisation": p.organisation, "person": p.name}

        return [Field("pick", t("mt.f_pick"), "select", current,
                      [(clip(f"{p.name} ({p.organisation or label(p.org_kind)})", 50), p.id) for p in people],
                      fills=fills, enter_saves=enter_saves)]

    def action_huvudansvarig(self) -> None:
        r = self.ctx.plan.huvudansvarig

        def done(v: dict | None) -> None:
            if v is None:
                return
            self.post_message(HuvudansvarigSet(Responsible(org_kind=v["org_kind"], organisation=v["organisation"],
                                                           person=v["person"])))

        self.app.push_screen(FormDialog(t("mt.huvudansvarig_title"), [
            *self._pick_field(r, enter_saves=True),  # 'sara' Enter: done (the pick fills the rest)
            Field("org_kind", t("mt.f_org_kind"), "select", r.org_kind, org_options()),
            Field("organisation", t("mt.f_organisation"), "text", r.organisation),
            Field("person", t("mt.f_person"), "text", r.person),
        ]), done)

    def action_follow_up(self) -> None:
        fu = self.ctx.meeting.follow_up

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(FollowUpBooked(v["date"], v["time"], v["place"]))

        self.app.push_screen(FormDialog(t("mt.follow_up_title"), [
            Field("date", t("mt.f_date"), "date", fu.date),
            Field("time", t("mt.f_time"), "time", fu.time),
            Field("place", t("mt.col_place"), "text", fu.place),
        ]), done)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def _find(self, key: str):
        return find_item(self.ctx.meeting, key)

    def action_edit(self) -> None:
        key = self._key()
        if key is None:
            self.action_add_goal()
            return
        kind, item, _ = self._find(key)
        if item is None:
            return
        if kind in ("measure", "third"):
            measure_id, third = item.id, kind == "third"

            def done_m(v: dict | None) -> None:
                if v is not None:
                    self.post_message(MeasureEdited(measure_id, measure_data(v, third=third)))

            self.app.push_screen(self._measure_form(t("mt.edit_measure_title"), item), done_m)
            return

        is_goal = kind == "goal"

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(ItemTextEdited(key, v["text"]))
                if is_goal and v.get("child_words", "") != item.child_words:
                    self.post_message(ChildWordsEdited(key, v.get("child_words") or ""))

        fields = [Field("text", t("mt.col_what"), "text", item.text, required=True)]
        if is_goal:
            fields.append(Field("child_words", t("mt.f_child_words_goal"), "text", item.child_words,
                                placeholder=t("mt.f_child_words_goal_hint")))
        self.app.push_screen(FormDialog(t("mt.edit_goal_title" if is_goal else "mt.edit_own_title"), fields), done)

    def action_remove(self) -> None:
        key = self._key()
        if key is None:
            return
        _, item, _ = self._find(key)
        if item is None:
            return
        what = str(getattr(item, "text", None) or getattr(item, "what", ""))

        def done(yes: bool | None) -> None:
            if yes:
                self.post_message(ItemRemoved(key))

        self.app.push_screen(ConfirmDialog(t("mt.confirm_remove", what=clip(what, 50)), default=True), done)
