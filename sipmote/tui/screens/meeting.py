"""The live meeting: big header with the phase clock, one view per phase, the summary.

Data flow: a key press -> a view posts an edit message -> the screen applies it
through ``lifecycle.edits`` (``meeting_edits``) -> ``changed()`` asks the app to
save (debounced, in a worker) and re-renders the visible view."""

from __future__ import annotations

import datetime as dt
import importlib.util
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from sipmote.agenda import Agenda, AgendaError, PhaseClock, init_phases, load_agenda
from sipmote.clock import today_of
from sipmote.i18n import t
from sipmote.lifecycle import LifecycleError
from sipmote.lifecycle.followup import begin_meeting, meeting_to_run
from sipmote.model import Attendance, Meeting, Plan
from sipmote.personnummer import mask
from sipmote.textview import safe_line
from sipmote.tui.footer import KeyFooter
from sipmote.tui.keys import Keys, rebind
from sipmote.tui.screens.meeting_edits import MeetingEditHandlers
from sipmote.tui.screens.meeting_finish import MeetingFinish
from sipmote.tui.screens.meeting_hands import MeetingHands
from sipmote.tui.widgets.meeting import body_class
from sipmote.tui.widgets.meeting.common import Body
from sipmote.tui.widgets.meeting.queue import QueueLine
from sipmote.tui.widgets.phase_header import PhaseHeader

REVEAL_SECONDS = 5.0
SAVE_CLOCK_EVERY = 15  # seconds: keep the elapsed time on disk while the clock runs
WIDE = 100  # from this width the leader prompts are shown beside the view
WIDE_TABLES = 130  # ... beside Lyssna, Planera, the follow-up tables, the summary (`l` toggles)
TABLE_VIEWS = ("listen", "plan", "review", "summary")


class MeetingScreen(MeetingEditHandlers, MeetingFinish, MeetingHands, Screen):
    BINDINGS = Keys([
        Binding("space", "toggle_clock", "mt.b_clock", key_display="␣", id="meeting.toggle_clock"),
        Binding("n", "next_phase", "mt.b_next", id="meeting.next_phase"),
        Binding("b", "previous_phase", "mt.b_previous", id="meeting.previous_phase"),
        Binding("s", "summary", "mt.b_summary", id="meeting.summary"),
        Binding("d", "participants", "mt.b_participants", id="meeting.participants"),
        Binding("v", "reveal", "mt.b_reveal", id="meeting.reveal"),
        Binding("q", "raise_hand", "hand.b_raise_short", id="meeting.raise_hand", tooltip="hand.b_raise"),
        Binding("w", "word_to_next", "hand.b_next", show=False, id="meeting.word_to_next"),
        Binding("l", "prompts", "mt.b_prompts", show=False, id="meeting.prompts"),
        Binding("escape", "leave", "mt.b_leave", id="meeting.leave"),
    ])

    def __init__(self, plan: Plan | str, *, autostart: bool = False) -> None:
        super().__init__()
        rebind(self)  # the keys' texts in the language of this run
        host = self.host
        if isinstance(plan, str):  # a plan id: its session (the plan loaded once for every screen)
            self.session = host.session(plan)
            plan = self.session.plan
        else:
            self.session = host.sessions.adopt(plan)
        self.plan = plan
        if plan.meetings:
            self.meeting: Meeting = plan.latest_meeting  # type: ignore[assignment]
        else:  # a plan without a meeting (imported so): its first, through the lifecycle's rule
            self.meeting = self.session.apply(lambda p: meeting_to_run(p, self._today()))
        self.agenda = self._agenda()
        init_phases(self.meeting, self.agenda)
        self.clock = PhaseClock(self.meeting, clock=self._monotonic)
        self.in_summary = False
        # the roll call first while nobody's attendance is recorded (a meeting just prepared)
        self.in_rollcall = self.meeting.current_phase == 0 and bool(self.meeting.participants) and all(
            p.attendance == Attendance.invited for p in self.meeting.participants)
        self.revealed = False
        self.autostart = autostart
        self._prompts_forced: bool | None = None
        self._ticks = 0

    # ---- environment from the app (injected clock, today)
    @property
    def host(self) -> Any:
        """The running SipmoteApp (typed loosely: this screen also runs in test hosts)."""
        return self.app

    def _monotonic(self) -> float:
        return self.host.clock()

    def _today(self) -> dt.date:
        try:
            host = self.host
        except Exception:  # noqa: BLE001 - before the screen is attached
            host = None
        return today_of(host)

    def _agenda(self) -> Agenda:
        self._agenda_error: str | None = None
        try:
            return load_agenda(self.meeting.agenda_id)
        except AgendaError as exc:
            self._agenda_error = exc.message
            return load_agenda("sip-20-20-20")

    # ---- layout
    def compose(self) -> ComposeResult:
        yield PhaseHeader(id="header")
        yield QueueLine("", id="hand-queue")
        with Horizontal(id="main"):
            with ContentSwitcher(id="bodies", initial=self.body_kind()):
                kind = self.body_kind()  # only the visible view; the others when first shown
                yield body_class(kind)(id=kind)
            yield Static("", id="prompts")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.session.before_save.append(self.clock.sync)
        if self._agenda_error:
            self.notify(self._agenda_error, severity="error", markup=False)
        if self.autostart:
            self.clock.start()
            self.begun()
        self.set_interval(1.0, self.tick)
        self._apply_width(self.app.size.width)
        self._show_view()  # composed with the screen

    def on_unmount(self) -> None:
        if self.clock.sync in self.session.before_save:
            self.session.before_save.remove(self.clock.sync)

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    @property
    def FOOTER_PRIORITY(self) -> tuple[str, ...]:  # the footer reads it (tui/footer.py)
        """The footer's order: a way out, the view's first keys, the next phase (none after the
        summary, the last view), the rest."""
        onward = () if self.in_summary else ("next_phase",)
        return ("leave", "quit", "view:3", *onward, "view", "raise_hand", "participants", "toggle_clock",
                "previous_phase", "summary", "reveal")

    def prompts_threshold(self, kind: str) -> int:
        """From this width the leader prompts are shown beside the view (wide tables need more)."""
        return WIDE_TABLES if kind in TABLE_VIEWS else WIDE

    def _apply_width(self, width: int) -> None:
        auto = width >= self.prompts_threshold(self.body_kind())
        self.query_one("#prompts").display = auto if self._prompts_forced is None else self._prompts_forced

    # ---- state
    def body_kind(self) -> str:
        if self.in_summary:
            return "summary"
        if self.in_rollcall:
            return "rollcall"
        spec = self.agenda.phase(self.clock.phase.key)
        return spec.body if spec else "notes"

    def current_body(self) -> Body:
        return self.query_one(f"#{self.body_kind()}", Body)

    def _mounted_body(self) -> Body | None:
        """The current view, if it is mounted (a view is mounted when it is first shown)."""
        found = self.query_one(ContentSwitcher).query_children(f"#{self.body_kind()}")
        return found.first(Body) if found else None

    def _show_body(self) -> None:
        """Re-render the current view (one being mounted is rendered by ``show_view``)."""
        body = self._mounted_body()
        if body is not None:
            body.show()

    def pnr_display(self) -> str:
        pnr = self.plan.person.personnummer
        if not pnr:
            return ""
        return pnr if self.revealed else mask(pnr)

    def view_name(self) -> str | None:
        if self.in_rollcall and not self.in_summary:
            return t("meet.rollcall")
        return t("mt.summary") if self.in_summary else None

    async def show_view(self, focus: bool = True) -> None:
        """Show the current view, mounting it the first time. Awaited by the key's action, so the
        keys typed behind it reach the new view (the key gate routes them once it has run)."""
        if self._mounted_body() is None:
            body = body_class(self.body_kind())(id=self.body_kind())
            body.display = False
            await self.query_one(ContentSwitcher).mount(body)
        self._show_view(focus)

    def _show_view(self, focus: bool = True) -> None:
        switcher = self.query_one(ContentSwitcher)
        kind = self.body_kind()
        changed = switcher.current != kind
        switcher.current = kind
        self._apply_width(self.app.size.width)
        body = self.current_body()
        body.show()
        self.show_header()
        self.show_prompts()
        if focus and (changed or self.focused is None):
            body.focus_main()

    def show_for_draft(self, selector: str) -> bool:
        """A crash draft of a summary form (copies, if critical): show the summary, whose view
        the form belongs to (a phase's view is shown as the meeting stands; not changed here)."""
        if selector != "#summary" or self.in_summary:
            return False
        self.app.call_later(self.run_action, "summary")
        return True

    def show_header(self) -> None:
        self.query_one(PhaseHeader).show(self.clock, self.view_name())
        self.show_queue()

    def show_prompts(self) -> None:
        spec = self.agenda.phase(self.clock.phase.key)
        text = Text(t("mt.prompts") + "\n", style="bold")
        for p in (spec.prompts if spec else []):
            text.append(f"• {safe_line(p)}\n")
        self.query_one("#prompts", Static).update(text)

    def tick(self) -> None:
        self.show_header()
        if self.clock.running:
            self._ticks += 1
            if self._ticks % SAVE_CLOCK_EVERY == 0:
                self.host.request_save(self.plan)

    def changed(self) -> None:
        """The model changed: save (debounced, in a worker) and re-render the visible view."""
        self.clock.sync()
        self.host.request_save(self.plan)
        self._show_body()
        self.show_header()

    # ---- actions
    def begun(self) -> None:
        """The clock started, or people were added or changed: the meeting is being held, today
        (``lifecycle.begin_meeting``). An edit through ``apply`` does the same (meeting_edits)."""
        if not self.meeting_open():
            return
        try:
            self.session.apply(lambda plan: begin_meeting(plan, self.meeting, self._today()))
        except LifecycleError as exc:  # a closed plan: shown, nothing changes
            self.notify(exc.message, severity="error", markup=False)

    def action_toggle_clock(self) -> None:
        self.clock.toggle()
        if self.clock.running:
            self.begun()
        self.changed()

    async def action_next_phase(self) -> None:
        if self.in_rollcall and not self.in_summary:  # the roll call is done: Lyssna
            self.in_rollcall = False
            await self.show_view()
            return
        if self.in_summary:
            self.notify(t("mt.at_end"))
            return
        self.end_turn()
        if self.clock.is_last:
            self.in_summary = self.summary_reached = True
        else:
            self.clock.next()
        self.changed()
        await self.show_view()

    async def action_previous_phase(self) -> None:
        if self.in_summary:
            self.in_summary = False
        elif not self.clock.previous():
            if self.in_rollcall:
                return
            self.in_rollcall = True  # back from the first phase to the roll call
            await self.show_view()
            return
        self.changed()
        await self.show_view()

    async def action_summary(self) -> None:
        if not self.in_summary:
            self.end_turn()
        self.in_summary = not self.in_summary
        self.summary_reached = self.summary_reached or self.in_summary
        await self.show_view()

    def action_participants(self) -> None:
        from sipmote.tui.screens.participants import ParticipantsModal

        def done(changed: bool | None) -> None:
            if changed:
                self.begun()
                self.changed()

        self.app.push_screen(ParticipantsModal(self.plan, self.meeting), done)

    def action_reveal(self) -> None:
        if not self.plan.person.personnummer:
            return
        self.revealed = True
        self._show_body()
        self.set_timer(REVEAL_SECONDS, self._hide_pnr)

    def _hide_pnr(self) -> None:
        self.revealed = False
        self._show_body()

    def action_prompts(self) -> None:
        shown = self.query_one("#prompts").display
        self._prompts_forced = not shown
        self._apply_width(self.size.width)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "leave":  # only when opened from another screen (not `sipmote demo`)
            return len(self.app.screen_stack) > 2 and self.app.screen is self
        return True

    def action_leave(self) -> None:
        """Back to the screen that opened the meeting, once "Är mötet genomfört?" is answered
        (meeting_finish); everything is saved first."""
        if self.before_leave():
            return
        self.clock.pause()
        self.host.request_save(self.plan)
        self.host.save_now()
        self.dismiss(self.plan.id)

    def action_export(self) -> None:
        """The summary's x: save, then the export dialog (an action, so a crash draft of the
        dialog opens it again: opener.capture)."""
        if importlib.util.find_spec("sipmote.tui.screens.export_modal") is None:
            self.notify(t("mt.export_missing"))
            return
        from sipmote.tui.screens.export_modal import ExportModal

        self.clock.sync()
        self.host.save_now()
        self.app.push_screen(ExportModal(self.plan, self.meeting))
