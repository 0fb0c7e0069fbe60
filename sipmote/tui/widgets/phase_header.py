"""The big header a room reads from five metres: phase, countdown, whole-meeting progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Digits, ProgressBar, Static

from sipmote.agenda import PhaseClock, format_seconds
from sipmote.i18n import t
from sipmote.textview import safe_line

SHORTEST = 5  # a phase name shortened keeps at least this many letters ("Hur går…", not "Hur…")
DIGITS_WIDTH = 17  # the big countdown's width (app.tcss #ph-digits min-width)
CLOCK_GAP = 1  # a blank column before the clock (app.tcss #ph-digits margin-left): no "… 20╺┓"


def header_room(width: int) -> int:
    """The cells a header line has beside the clock in a terminal ``width`` wide (less the
    header's padding, the clock and the blank column before it)."""
    return width - DIGITS_WIDTH - CLOCK_GAP - 2


def shortenings(name: str) -> list[str]:
    """``name`` whole, then shorter at word boundaries ("Revidera eller avsluta", "Revidera eller…",
    "Revidera…"), each keeping at least ``SHORTEST`` letters: a stub like "Insa" says nothing."""
    words = name.split()
    out = [name]
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k]).rstrip(",.:;!?-–")
        if len(head) < SHORTEST:
            break
        out.append(head + "…")
    return out


class PhaseHeader(Widget):
    """Rendered from a PhaseClock by ``show(clock, view_name)``; remembers only what it drew last."""

    _shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="ph-left"):
                yield Static("", id="ph-name")
                yield Static("", id="ph-state")
                yield ProgressBar(total=100, show_eta=False, id="ph-progress")
                yield Static("", id="ph-agenda")
            yield Digits("00:00", id="ph-digits")

    @staticmethod
    def agenda_line(clock: PhaseClock, form: str, labels: list[str] | None = None) -> Text:
        """Every phase with its minutes, the current one marked: where the meeting stands.

        ``form``: "wide" (spaced arrows, "min") or "tight" (close arrows); ``labels`` the phases'
        names as shown (default: whole)."""
        out = Text()
        for i, p in enumerate(clock.meeting.phases):
            if i:
                out.append(" › " if form == "wide" else "›", style="dim")
            text = f"{safe_line(labels[i] if labels else p.name)} {round(p.planned_minutes)}"
            if i == clock.index:
                out.append("●" + text, style="bold reverse")
            elif i < clock.index:
                out.append("✓" + text, style="dim")
            else:
                out.append(text)
        if form == "wide":
            out.append(" " + t("meet.minutes_short"), style="dim")
        return out

    @staticmethod
    def fit_agenda(clock: PhaseClock, room: int, forms: tuple[str, ...] = ("tight",),
                   stubs: bool = False) -> Text | None:
        """The agenda in ``room`` cells: every phase with its minutes, the current one whole; whole
        names in the first of ``forms`` that fits, else (tight) the others shortened only as far
        as needed, a word at a time from the longest; with ``stubs``, further to the first
        letters when no word fits. None when even that does not fit."""
        names = [safe_line(p.name) for p in clock.meeting.phases]
        for form in forms:
            line = PhaseHeader.agenda_line(clock, form, names)
            if line.cell_len <= room:
                return line
        steps = [[n] if i == clock.index else shortenings(n) for i, n in enumerate(names)]
        if stubs:
            for i, s in enumerate(steps):
                word = s[-1].rstrip("…").split()[0] if i != clock.index and s[-1].strip() else ""
                s.extend(word[:k] + "…" for k in range(min(len(word), len(s[-1]) - 1) - 1, 0, -1))
        at = [0] * len(names)
        while True:
            longer = [i for i, s in enumerate(steps) if at[i] + 1 < len(s)]
            if not longer:
                return None
            i = max(longer, key=lambda i: (len(steps[i][at[i]]), -i))
            at[i] += 1
            line = PhaseHeader.agenda_line(clock, "tight", [s[k] for s, k in zip(steps, at, strict=True)])
            if line.cell_len <= room:
                return line

    @staticmethod
    def lines_for(clock: PhaseClock, view: str | None, room: int) -> tuple[Text, Text | None]:
        """The name line and, when the agenda does not fit beside the name, the agenda line that
        takes the progress bar's place (the state line still says how far the meeting is)."""
        heading = (view or clock.phase.name).upper()
        first_tight: Text | None = None
        for wide, gap in ((True, "  "), (False, "  "), (False, " ")):  # last: "PROBLEMATISERA 2/3"
            name = Text(safe_line(heading), style="bold")
            if not view:  # a view (roll call, summary) is not a phase: the agenda marks the clock's
                where = t("mt.phase_of", n=clock.index + 1, count=clock.count) if wide else (
                    f"{clock.index + 1}/{clock.count}")
                name.append(f"{gap}{where}", style="")
            name.append("   " if wide else "  ")
            left = room - name.cell_len
            agenda = (PhaseHeader.agenda_line(clock, "wide") if wide else PhaseHeader.fit_agenda(clock, left))
            if agenda is not None and agenda.cell_len <= left:
                name.append_text(agenda)
                return name, None
            first_tight = first_tight or (None if wide else name)
        name = first_tight or name  # the agenda below: the name line as spaced as before
        name.rstrip()
        below = PhaseHeader.fit_agenda(clock, room, ("wide", "tight")) or PhaseHeader.fit_agenda(
            clock, room, stubs=True)
        return name, below or PhaseHeader.agenda_line(clock, "tight", [  # cut on screen
            p.name if i == clock.index else "" for i, p in enumerate(clock.meeting.phases)])

    def show(self, clock: PhaseClock, view: str | None = None) -> None:
        room = header_room(self.app.size.width)  # what the name line has beside the clock
        key = (clock.index, view, room, tuple((p.name, p.planned_minutes) for p in clock.meeting.phases))
        if key != self._shown:
            self._shown = key
            name, agenda = self.lines_for(clock, view, room)
            self.query_one("#ph-name", Static).update(name, layout=False)
            below = self.query_one("#ph-agenda", Static)
            if agenda is not None:
                below.update(agenda, layout=False)
            if below.display != (agenda is not None):
                below.display = agenda is not None
                self.query_one("#ph-progress", ProgressBar).display = agenda is None

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
