"""The summary read back before the meeting ends."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from sipmote.formats import follow_up_text, period_text, time_text
from sipmote.i18n import t
from sipmote.model import Attendance, Measure, Participant
from sipmote.textview import safe_line
from sipmote.tui.dialogs import Field, FormDialog
from sipmote.tui.keys import Keys
from sipmote.tui.widgets.meeting.common import Body
from sipmote.tui.widgets.meeting.messages import (
    AgreementSet,
    CopiesSet,
    CriticalEdited,
    ParticipantAgreed,
)

WIDE = 90  # from this width the checklist stands beside the read-back
CHECKLIST_W = 40  # its width there (app.tcss)


def hanging(line: str, width: int, indent: str) -> str:
    """``line`` wrapped to ``width`` with the lines after the first indented (a list item whose
    continuation stays under its text); ends with a newline."""
    first = len(line) - len(line.lstrip())
    return textwrap.fill(line.lstrip(), max(20, width), initial_indent=line[:first] or "",
                         subsequent_indent=indent, break_on_hyphens=False) + "\n"


class SummaryBody(Body):
    body_kind = "summary"
    BINDINGS = Keys([
        Binding("a", "screen.finish", "meet.b_finish", id="summary.finish"),
        Binding("x", "screen.export", "mt.b_export", id="summary.export"),
        Binding("k", "copies", "mt.b_copies", id="summary.copies"),
        Binding("i", "critical", "mt.b_critical", id="summary.critical"),
        Binding("j", "agrees", "mt.b_agrees", id="summary.agrees"),
        Binding("g", "agreement", "mt.b_agreement", show=False, id="summary.agreement"),
    ])
    can_focus = True
    #: the keys the checklist asks for (an item still missing), tui/footer.py
    ASKED_BY = {"missing.person_agrees": "agrees"}

    @property
    def FOOTER_PRIORITY(self) -> tuple[str, ...]:  # the footer reads it (tui/footer.py)
        """The footer's order: first the keys the checklist asks for ("… har inte tillfrågats":
        j), so they are never the ones cut at 80 columns; then finishing and exporting."""
        from sipmote.summary import missing_before_signoff

        asked = [self.ASKED_BY[m.key] for m in missing_before_signoff(self.ctx.plan, self.ctx.meeting)
                 if m.key in self.ASKED_BY]
        return (*asked, "screen.finish", "screen.export", "copies", "critical", "agrees")

    def compose(self) -> ComposeResult:
        # the checklist stays in sight: beside the read-back when there is room, else above it
        yield Static("", id="summary-missing")
        with VerticalScroll(id="summary-scroll"):
            yield Static("", id="summary-text")

    def focus_main(self) -> None:
        self.query_one("#summary-scroll").focus()  # arrows and page keys scroll the summary

    def show(self) -> None:
        from sipmote.summary import readback

        plan, meeting = self.ctx.plan, self.ctx.meeting
        wide = self.width_hint() >= WIDE
        self.set_class(wide, "-wide")
        width = self.width_hint() - (CHECKLIST_W if wide else 0) - 4  # padding and a scrollbar
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
            if pr.measures:  # what, who and when: read back as agreed
                for m in pr.measures:
                    out.append(hanging(f"  • {safe_line(m.what)}", width, "    "))
                    out.append(hanging("    " + self._who_when(m), width, "    "), style="italic")
            else:  # the person's and the family's own actions
                for item in pr.items:
                    out.append(hanging(f"  • {safe_line(item)}", width, "    "))
        out.append("\n")
        pairs = [
            (t("mt.huvudansvarig"), safe_line(plan.huvudansvarig.display()) if plan.huvudansvarig.is_set else "–"),
        ]
        fu = meeting.follow_up
        fu_text = safe_line(follow_up_text(fu, "–"))
        pairs.append((t("mt.follow_up"), fu_text))
        pairs.append((t("mt.copies"), ", ".join(safe_line(c) for c in meeting.copies_to) or "–"))
        pairs.append((t("mt.critical"), safe_line(meeting.if_critical) or "–"))
        agrees = {None: t("mt.agrees_unasked"), True: t("mt.yes"), False: t("mt.no")}[meeting.person_agrees]
        pairs.append((t("mt.agrees"), agrees))
        noted = [p for p in meeting.participants if p.agreement is not None]
        if noted:  # "godkänner planen" per participant, as the signature block will print it
            pairs.append((t("mt.agreements"), "; ".join(safe_line(self._agreement_text(p)) for p in noted)))
        for k, v in pairs:
            out.append(k + " ", style="bold")
            out.append(v + "\n")
        self.query_one("#summary-text", Static).update(out)
        checklist = self._checklist()
        checklist.rstrip()  # no blank line under it
        self.query_one("#summary-missing", Static).update(checklist)

    @staticmethod
    def _who_when(m: Measure) -> str:
        """The person responsible and when (period, how often, where) of one insats, "–" when not set."""
        when = ", ".join(x for x in (period_text(m.start, m.until), safe_line(m.frequency)) if x.strip())
        parts = [f"{t('readback.who')} {safe_line(m.responsible.person) or '–'}", f"{t('readback.when')} {when or '–'}"]
        if m.place.strip():
            parts.append(f"{t('readback.where')} {safe_line(m.place)}")
        return " · ".join(parts)

    def _checklist(self) -> Text:
        """What is missing before sign-off, short: those not yet heard on one line."""
        from sipmote.summary import missing_before_signoff

        missing = missing_before_signoff(self.ctx.plan, self.ctx.meeting)
        out = Text(t("mt.missing") + "\n", style="bold underline")
        if not missing:
            out.append("✓ " + t("mt.nothing_missing") + "\n")
            return out
        width = CHECKLIST_W - 3 if self.has_class("-wide") else self.width_hint() - 2
        unheard = [m.detail for m in missing if m.key == "missing.not_spoken"]
        for m in missing:
            if m.key != "missing.not_spoken":
                out.append(hanging("☐ " + safe_line(m.text()), width, "  "), style="bold")
            elif m.detail == unheard[0]:  # in the place of the first one
                names = ", ".join(safe_line(n) for n in unheard)
                out.append(hanging("☐ " + t("readback.not_spoken", n=len(unheard), names=names), width, "  "),
                           style="bold")
        return out

    def action_copies(self) -> None:
        meeting = self.ctx.meeting

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(CopiesSet(v["copies"].split(",")))

        default = meeting.copies_to or [self.ctx.plan.person.name, *(g.name for g in self.ctx.plan.guardians)]
        self.app.push_screen(FormDialog(t("mt.copies"), [
            Field("copies", t("mt.copies_label"), "text", ", ".join(default))]), done)

    def action_critical(self) -> None:
        meeting = self.ctx.meeting

        def done(v: dict | None) -> None:
            if v is not None:
                self.post_message(CriticalEdited(v["text"]))

        self.app.push_screen(FormDialog(t("mt.critical"), [
            Field("text", t("mt.f_critical"), "multiline", meeting.if_critical)]), done)

    @staticmethod
    def _agreement_text(p: Participant) -> str:
        a = p.agreement
        at = time_text(a.at) if a else ""
        key = "mt.agreed" if a and a.agrees else "mt.not_agreed"
        return t(key, name=p.name) + (" " + t("mt.agreed_orally", time=at) if a and a.oral else "")

    def action_agreement(self) -> None:
        """Note a participant's "godkänner planen" (a remote one cannot sign on paper)."""
        meeting = self.ctx.meeting
        attending = [p for p in meeting.participants if p.attendance.attended]
        if not attending:
            return
        first = next((p for p in attending if p.attendance == Attendance.remote and p.agreement is None), attending[0])

        def done(v: dict | None) -> None:
            if v is not None and v.get("pick"):
                choice = str(v.get("agrees") or "clear")
                self.post_message(ParticipantAgreed(v["pick"], {"yes": True, "no": False}.get(choice)))

        remote = t("mt.remote_mark")
        self.app.push_screen(FormDialog(t("mt.agreement_title"), [
            Field("pick", t("mt.f_participant"), "select", first.id,
                      [(safe_line(p.name) + (f" ({remote})" if p.attendance == Attendance.remote else ""), p.id)
                       for p in attending], required=True),
            Field("agrees", t("mt.f_agrees"), "select", "yes",
                      [(t("mt.agree_yes"), "yes"), (t("mt.agree_no"), "no"), (t("mt.agree_clear"), "clear")],
                      required=True),
        ]), done)

    def action_agrees(self) -> None:
        meeting = self.ctx.meeting
        self.post_message(AgreementSet({None: True, True: False, False: None}[meeting.person_agrees]))
