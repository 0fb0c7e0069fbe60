"""Problematisera: the needs and the meeting's questions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from sipmote.i18n import t
from sipmote.model import Need
from sipmote.textview import safe_line
from sipmote.tui.dialogs import ConfirmDialog, Field, FormDialog
from sipmote.tui.keys import Keys
from sipmote.tui.widgets.meeting.common import Body, hanging, lit, make_table
from sipmote.tui.widgets.meeting.messages import (
    DisagreementToggled,
    NeedAdded,
    NeedEdited,
    NeedRemoved,
    QuestionAnswered,
)


class ProblemBody(Body):
    FOOTER_PRIORITY = ("add", "select_cursor", "answers")  # the footer's first keys (tui/footer.py)
    body_kind = "problem"
    BINDINGS = Keys([
        Binding("a", "add", "mt.b_add_need", id="problem.add"),
        Binding("f", "answers", "meet.b_answers", id="problem.answers"),
        Binding("e", "edit", "mt.b_edit", show=False, id="problem.edit"),
        Binding("o", "disagree", "mt.b_disagree", id="problem.disagree"),
        Binding("delete", "remove", "mt.b_remove", id="problem.remove"),
    ])

    def compose(self) -> ComposeResult:
        yield Static("", id="questions", classes="questions")
        yield make_table("needs", "mt.b_edit", t("mt.col_need"), t("mt.col_questions"),
                         t("mt.col_disagreement"))
        yield Static("", id="needs-hint", classes="line")

    def show(self) -> None:
        plan, meeting = self.ctx.plan, self.ctx.meeting
        numbers = {q.id: f"F{i}" for i, q in enumerate(plan.questions, 1)}
        qs = Text(t("mt.questions") + "\n", style="bold")
        width = self.width_hint() - 2  # the box's padding
        for q in plan.questions:  # questions and answers whole, each wrapped under its own start
            qs.append(f"{numbers[q.id]} ", style="bold")
            qs.append(hanging(safe_line(q.text), width, len(numbers[q.id]) + 1) + "\n", style="")
            if q.answer.strip():
                label = "   " + t("meet.answer") + " "
                qs.append(label, style="bold")
                qs.append(hanging(safe_line(q.answer), width, len(label)) + "\n", style="")
        if not plan.questions:
            qs.append(t("mt.no_questions"), style="italic")
        qs.rstrip()
        self.query_one("#questions", Static).update(qs)
        rows = []
        for n in meeting.needs:
            linked = ", ".join(numbers[q] for q in n.question_ids if q in numbers)
            dis = Text("⚠ " + t("mt.disagree_yes"), style="bold") if n.disagreement else Text("")
            if n.disagreement and n.parties:
                dis.append(": " + safe_line(n.parties), style="")
            rows.append((n.id, [lit(n.text), Text(linked or "–"), dis]))
        # the needs whole: a long one wraps; the columns fit the width (no sideways scrolling)
        need_w = max(20, min(70, self.width_hint() - 44))
        self.fill(self.query_one("#needs", DataTable), rows, wrap={0: need_w, 2: 18})
        hint = t("mt.needs_empty") if not meeting.needs else ""
        self.query_one("#needs-hint", Static).update(hint)

    def _selected(self) -> Need | None:
        key = self.cursor_key(self.query_one("#needs", DataTable))
        return next((n for n in self.ctx.meeting.needs if n.id == key), None)

    def _form(self, need: Need | None) -> FormDialog:
        qopts = [(f"F{i} {safe_line(q.text)}", q.id) for i, q in enumerate(self.ctx.plan.questions, 1)]
        fields = [Field("text", t("mt.col_need"), "multiline", need.text if need else "", required=True)]
        if qopts:
            fields.append(Field("question_ids", t("mt.col_questions"), "multiselect",
                                    need.question_ids if need else [], qopts))
        fields += [
            Field("disagreement", t("mt.col_disagreement"), "bool", need.disagreement if need else False),
            Field("parties", t("mt.disagree_parties"), "text", need.parties if need else ""),
        ]
        # the questions whole above the form: the choice list cuts them at its width
        intro = "\n".join(label for label, _ in qopts)
        return FormDialog(t("mt.need_title"), fields, intro=intro)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(NeedAdded(v["text"], v.get("question_ids", []), v["disagreement"], v["parties"]))

        self.app.push_screen(self._form(None), done)

    def action_edit(self) -> None:
        need = self._selected()
        if need is None:
            self.action_add()
            return
        need_id = need.id

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(NeedEdited(need_id, v["text"], v.get("question_ids"), v["disagreement"],
                                             v["parties"]))

        self.app.push_screen(self._form(need), done)

    def action_disagree(self) -> None:
        need = self._selected()
        if need is not None:
            self.post_message(DisagreementToggled(need.id))

    def action_remove(self) -> None:
        need = self._selected()
        if need is None:
            return
        need_id = need.id

        def done(yes: bool | None) -> None:
            if yes:
                self.post_message(NeedRemoved(need_id))

        self.app.push_screen(ConfirmDialog(t("mt.confirm_remove", what=safe_line(need.text)), default=True), done)

    def action_answers(self) -> None:
        """The meeting's answers to the questions it was called for (printed in the plan)."""
        questions = list(self.ctx.plan.questions)
        if not questions:
            self.app.notify(t("mt.no_questions"), severity="warning")
            return
        before = {q.id: q.answer for q in questions}

        def done(v: dict | None) -> None:
            if v is None:
                return
            for q in questions:
                answer = (v.get(f"q{q.id}") or "").strip()
                if answer != before[q.id].strip():
                    self.post_message(QuestionAnswered(q.id, answer))

        # the questions whole above the fields (a label column cut them at 60 characters)
        intro = "\n".join(f"F{i} {safe_line(q.text)}" for i, q in enumerate(questions, 1))
        dialog = FormDialog(t("meet.answers_title"), intro=intro, fields=[
            Field(f"q{q.id}", f"F{i}", "multiline", q.answer) for i, q in enumerate(questions, 1)])
        dialog.add_class("-answers")  # lower answer boxes (app.tcss): three questions fit 80x24
        self.app.push_screen(dialog, done)
