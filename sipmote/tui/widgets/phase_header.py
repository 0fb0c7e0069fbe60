"""The big header a room reads from five metres: phase, countdown, whole-meeting progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Digits, ProgressBar, Static

from sipmote.agenda import PhaseClock, format_seconds
from sipmote.i18n import t

DIGITS_WIDTH = 17  # the big countdown's width (app.tcss #ph-digits min-width)


class PhaseHeader(Widget):
    """Rendered from a PhaseClock by ``show(clock, view_name)``; holds no state of its own."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="ph-left"):
                yield Static("", id="ph-name")
                yield Static("", id="ph-state")
                yield ProgressBar(total=100, show_eta=False, id="ph-progress")
            yield Digits("00:00", id="ph-digits")

    @staticmethod
    def agenda_line(clock: PhaseClock, form: str) -> Text:
        """Every phase with its minutes, the current one marked: where the meeting stands in 20-20-20.

        ``form``: "wide" (names, spaced arrows, "min"), "tight" (names, close arrows), "focus"
        (the current phase named, the others by their first letters) or "compact" (first letters)."""
        out = Text()
        for i, p in enumerate(clock.meeting.phases):
            if i:
                out.append(" › " if form == "wide" else "›", style="dim")
            short = form == "compact" or (form == "focus" and i != clock.index)
            label = p.name[:4].strip() if short else p.name
            text = f"{label} {round(p.planned_minutes)}"
            if i == clock.index:
                out.append("●" + text, style="bold reverse")
            elif i < clock.index:
                out.append("✓" + text, style="dim")
            else:
                out.append(text)
        if form == "wide":
            out.append(" " + t("meet.minutes_short"), style="dim")
        return out

    def show(self, clock: PhaseClock, view: str | None = None) -> None:
        rec = clock.phase
        room = self.app.size.width - DIGITS_WIDTH - 2  # what the name line has beside the clock
        # the longest form that fits beside the clock, never cut: whole names before first letters
        for form in ("wide", "tight", "focus", "compact"):
            name = Text(rec.name.upper(), style="bold")
            where = t("mt.phase_of", n=clock.index + 1, count=clock.count) if form == "wide" else (
                f"{clock.index + 1}/{clock.count}")
            name.append(f"  {where}", style="")
            if view:
                name.append(f"  · {view}", style="bold")
            name.append("   ")
            agenda = self.agenda_line(clock, form)
            if name.cell_len + agenda.cell_len <= room:
                break
        name.append_text(agenda)
        self.query_one("#ph-name", Static).update(name, layout=False)

        remaining = clock.remaining()
        over = remaining < 0
        digits = ("+" if over else "") + format_seconds(remaining)
        self.query_one("#ph-digits", Digits).update(digits)
        self.set_class(over, "-overrun")
        self.set_class(not clock.running, "-paused")

        state = Text()
        if over:
            state.append(t("mt.overrun", time=format_seconds(remaining)), style="bold")
        elif clock.running:
            state.append(t("mt.running"))
        else:
            state.append(t("mt.paused"))
        state.append("  ·  " + t(
            "mt.total", elapsed=int(clock.total_elapsed // 60), planned=int(clock.total_planned // 60)
        ))
        if clock.total_overrun > 0:
            state.append("  " + t("mt.total_overrun", time=format_seconds(clock.total_overrun)), style="bold")
        self.query_one("#ph-state", Static).update(state, layout=False)
        self.query_one("#ph-progress", ProgressBar).update(progress=round(clock.progress * 100, 1))
