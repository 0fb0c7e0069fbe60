"""The follow-up review of the measures."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from sipmote.i18n import label, t
from sipmote.model import GoalRating, Measure, MeasureStatus
from sipmote.tui.dialogs import Field, FormDialog
from sipmote.tui.keys import Keys
from sipmote.tui.widgets.meeting.common import Body, clip, keep_words, lit, make_table, responsible_text
from sipmote.tui.widgets.meeting.messages import EffectEdited, GoalRated, MeasureStatusSet


class ReviewBody(Body):
    body_kind = "review"
    BINDINGS = Keys([
        Binding("c", "cycle", "mt.b_status", show=False, id="review.cycle"),
        Binding("e", "effect", "mt.b_effect", id="review.effect"),
        Binding("r", "rate_goals", "mt.b_rating", show=False, id="review.rate_goals"),  # the hint line names it
    ])
    CYCLE = [None, MeasureStatus.done, MeasureStatus.ongoing, MeasureStatus.not_done]

    def compose(self) -> ComposeResult:
        yield make_table("review-table", "mt.b_status", t("mt.col_what"), t("mt.col_responsible"),
                         t("mt.col_status"), t("mt.col_effect"))
        yield Static("", id="review-hint", classes="line warn")

    def _measures(self) -> list[Measure]:
        return self.ctx.meeting.all_measures()

    def show(self) -> None:
        rows = []
        # whole on the projector: what, who and the effect wrap in their columns (the status is
        # short); four columns' padding and a scrollbar
        avail = max(40, self.width_hint() - 10)
        status_w = max(len(label(s)) for s in self.CYCLE if s is not None)
        for m in self._measures():
            rows.append((m.id, [lit(m.what), responsible_text(m.responsible),
                                Text(label(m.status) if m.status else "–"), lit(m.effect)]))
        # what and who as wide as they need up to a share each; the effect takes the rest
        # at least as wide as the column's heading (no measures: "V  A" was all the heading showed)
        resp_w = min(26, avail // 4, max([len(t("mt.col_responsible"))] + [cells[1].cell_len for _, cells in rows]))
        resp_w = keep_words(resp_w, [cells[1] for _, cells in rows], avail // 3)  # "familjebehandlingen" whole
        what_w = min((avail - status_w - resp_w) // 2,
                     max([len(t("mt.col_what"))] + [cells[0].cell_len for _, cells in rows]))
        effect_w = avail - status_w - resp_w - what_w
        self.fill(self.query_one("#review-table", DataTable), rows, wrap={0: what_w, 1: resp_w, 3: effect_w})
        open_ = sum(1 for m in self._measures() if m.status is None)
        goals = self.ctx.meeting.goals
        hints = [t("mt.review_open", n=open_) if open_ else (t("mt.review_empty") if not rows else "")]
        if goals:
            hints.append(t("mt.review_rated", n=sum(g.person_rating is not None for g in goals), total=len(goals)))
        self.query_one("#review-hint", Static).update("  ".join(h for h in hints if h))

    def _selected(self) -> Measure | None:
        key = self.cursor_key(self.query_one("#review-table", DataTable))
        return next((m for m in self._measures() if m.id == key), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_cycle()

    def action_cycle(self) -> None:
        m = self._selected()
        if m is not None:
            self.post_message(MeasureStatusSet(m.id, self.CYCLE[(self.CYCLE.index(m.status) + 1) % len(self.CYCLE)]))

    def action_effect(self) -> None:
        m = self._selected()
        if m is None:
            return
        measure_id = m.id

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(EffectEdited(measure_id, v["effect"]))

        # the insats named: which one the room is judging (not just "Effekt")
        self.app.push_screen(FormDialog(t("life.effect_title", what=clip(m.what, 60)), [
            Field("effect", t("mt.col_effect"), "multiline", m.effect)]), done)

    def action_rate_goals(self) -> None:
        """The person's own view of each delmål: better / as before / worse, in their words."""
        goals = list(self.ctx.meeting.goals)
        if not goals:
            return
        options = [(label(r), r) for r in GoalRating]
        fields = []
        for i, g in enumerate(goals):
            fields.append(Field(f"r{i}", clip(g.text, 40), "select", g.person_rating, options))
            fields.append(Field(f"w{i}", t("mt.rating_words"), "text", g.person_words))

        def done(v: dict | None) -> None:
            if v is None:
                return
            for i, g in enumerate(goals):
                rating, words = v[f"r{i}"], (v[f"w{i}"] or "").strip()
                if rating != g.person_rating or words != g.person_words:
                    self.post_message(GoalRated(g.id, rating, words))

        self.app.push_screen(FormDialog(t("mt.rating_title"), fields), done)
