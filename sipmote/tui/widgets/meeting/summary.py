"""The summary read back before the meeting ends."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from sipmote.i18n import t
from sipmote.textview import safe_line
from sipmote.tui.widgets.form import FormField, FormModal
from sipmote.tui.widgets.meeting.common import Body
from sipmote.tui.widgets.meeting.messages import AgreementSet, CopiesSet, CriticalEdited, ExportRequested


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
        self.post_message(ExportRequested())

    def action_copies(self) -> None:
        meeting = self.ctx.meeting

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(CopiesSet(v["copies"].split(",")))

        default = meeting.copies_to or [self.ctx.plan.person.name, *(g.name for g in self.ctx.plan.guardians)]
        self.app.push_screen(FormModal(t("mt.copies"), [
            FormField("copies", t("mt.copies_label"), "text", ", ".join(default))]), done)

    def action_critical(self) -> None:
        meeting = self.ctx.meeting

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(CriticalEdited(v["text"]))

        self.app.push_screen(FormModal(t("mt.critical"), [
            FormField("text", t("mt.critical"), "multiline", meeting.if_critical)]), done)

    def action_agrees(self) -> None:
        meeting = self.ctx.meeting
        self.post_message(AgreementSet({None: True, True: False, False: None}[meeting.person_agrees]))
