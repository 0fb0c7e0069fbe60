"""The sipmote App: screens, themes, the command palette.

Saving belongs to the plan sessions (``sipmote.session``); ``SessionHost`` runs
them: debounced writes in a thread worker, a failed save kept and retried,
everything saved on quit."""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import Screen
from textual.theme import Theme

from sipmote import i18n
from sipmote.clock import Today, fixed
from sipmote.i18n import t
from sipmote.store import Register, StoreError
from sipmote.tui.autosave import SessionHost
from sipmote.tui.keys import Keys, load_keymap, rebind, translate_textual
from sipmote.tui.safe_errors import SafeErrorsMixin
from sipmote.tui.title import FittedTitle
from sipmote.tui.typeahead import KeyGate

THEMES = [
    Theme(name="sipmote-projector", primary="#FFD700", secondary="#00BFFF", accent="#FFD700",
          warning="#FFB000", error="#FF4040", success="#40FF80", foreground="#FFFFFF",
          background="#000000", surface="#101010", panel="#202020", dark=True),
    Theme(name="sipmote-light", primary="#0B4F9C", secondary="#6A1B9A", accent="#0B4F9C",
          warning="#9A5B00", error="#B00020", success="#1B6E20", foreground="#111111",
          background="#FFFFFF", surface="#F2F2F2", panel="#E0E0E0", dark=False),
    Theme(name="sipmote-dark", primary="#5FA8FF", secondary="#C792EA", accent="#5FA8FF",
          warning="#FFB454", error="#FF6B6B", success="#7BD88F", foreground="#E6E6E6",
          background="#1B1D23", surface="#24272E", panel="#2E323B", dark=True),
]


class SipmoteApp(KeyGate, SessionHost, SafeErrorsMixin, FittedTitle, App):  # no traceback with locals on the projector
    TITLE = "sipmote"
    CSS_PATH = "app.tcss"
    # the projector theme from the start: the stylesheet is parsed once with its colours (setting
    # the theme on mount parsed every CSS source a second time before the first frame)
    theme: Reactive[str] = Reactive(THEMES[0].name)
    ENABLE_COMMAND_PALETTE = True
    DRAFT_REPLAY = ("open_stats",)  # a crash draft of the statistics screen's fields opens it again
    BINDINGS = Keys([
        Binding("ctrl+q", "quit", "mt.b_quit", priority=True, id="app.quit"),
        Binding("ctrl+t", "next_theme", "mt.b_theme", id="app.next_theme"),
        Binding("f9", "open_stats", "stats.tui.title", id="app.open_stats"),
        Binding("ctrl+p", "command_palette", "cmd.palette", show=False, priority=True, id="app.command_palette"),
        # F1 also over dialogs (priority); ? not, so it can still be typed in a field
        Binding("f1", "help", "help.b_help", show=False, priority=True, id="app.help"),
        Binding("question_mark", "help", "help.b_help", show=False, id="app.help_question"),
    ])

    def __init__(self, *, register: Register, plan_id: str | None = None, lang: str = "sv", demo: bool = False,
                 clock: Callable[[], float] = time.monotonic, today: dt.date | None = None,
                 save_clock: Callable[[], float] = time.monotonic) -> None:
        if lang in i18n.LANGUAGES:
            i18n.set_language(lang)
        translate_textual()  # Textual's own footer texts ("Dismiss menu" ...) in this language
        super().__init__()
        for theme in THEMES:
            self.register_theme(theme)
        rebind(self)
        self.register = register
        self.plan_id = plan_id
        self.demo = demo
        self.clock = clock
        # one clock for the app and its register: a plan loaded is validated against the same
        # today the screens use (an injected day, else the register's, i.e. the calendar)
        self._today: Today = fixed(today) if today is not None else register.today
        register.today = self._today
        self.save_clock = save_clock
        self._quit_failed = False

    @property
    def available_themes(self) -> dict[str, Theme]:
        themes = super().available_themes
        if THEMES[0].name not in themes:  # in App.__init__, before they are registered
            themes.update((theme.name, theme) for theme in THEMES)
        return themes

    def today(self) -> dt.date:
        return self._today()

    # ---- screens
    def on_mount(self) -> None:
        self.apply_keymap()
        if self.plan_id:
            self.open_plan(self.plan_id)
        else:
            self.push_screen(self._start_screen())
        self.call_after_refresh(self.start_collector)

    @staticmethod
    def start_collector() -> None:
        """The first frame is drawn: the garbage collector, off since ``run_app``, runs again;
        what start-up built (and keeps) is frozen out of its scans."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def _start_screen(self) -> Screen:
        from sipmote.tui.screens.register import RegisterScreen

        return RegisterScreen()

    def open_plan(self, plan_id: str) -> None:
        """Open the meeting screen on a plan (used by the start screen too)."""
        from sipmote.tui.screens.meeting import MeetingScreen

        try:
            session = self.session(plan_id)
        except StoreError as exc:
            self.notify(exc.message, severity="error", markup=False)
            if len(self.screen_stack) <= 1:
                self.push_screen(self._start_screen())
            return
        plan = session.plan
        self.show_notices(session)
        refusal = self._meeting_refusal(plan)
        if refusal:
            # a closed plan, a withdrawn consent or a meeting already held is never
            # edited from here: the register screen offers what can be done instead
            self.notify(refusal, severity="warning", markup=False, timeout=10)
            if len(self.screen_stack) <= 1:
                self.push_screen(self._start_screen())
            return
        self.push_screen(MeetingScreen(plan, autostart=self.demo))
        self.call_after_refresh(self.offer_drafts, session)

    def _meeting_refusal(self, plan) -> str:
        """Why the meeting screen may not open on ``plan`` ('' when it may)."""
        from sipmote import lifecycle

        gate = lifecycle.meeting_gate(plan, self.today())  # the one open-gate
        for warning in gate.warnings:
            self.notify(warning, severity="warning", markup=False)
        return "" if gate.ok else gate.reason

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from sipmote.tui.commands import system_commands
        from sipmote.tui.encryption import encryption_commands

        own = [SystemCommand(t("mt.b_theme"), t("mt.theme_help"), self.action_next_theme),
               SystemCommand(t("stats.tui.title"), t("stats.tui.help"), self.action_open_stats),
               *encryption_commands(self)]
        yield from system_commands(self, screen, own)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from sipmote.tui.commands import palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(palette())

    def apply_keymap(self) -> None:
        """``[keys]`` from config.toml: a secretary moves a key (binding id = keys)."""
        keymap, error = load_keymap(getattr(self.register, "root", None))
        if error:
            self.notify(error, severity="warning", markup=False, timeout=10)
        if keymap:
            self.set_keymap(keymap)

    def action_help(self) -> None:
        """F1 / ?: the keys of the view on screen (tui/screens/help.py)."""
        from sipmote.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):  # F1 again closes it
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen.for_screen(self.screen))

    def action_open_stats(self) -> None:
        from sipmote.tui.screens.stats import StatsScreen

        if not isinstance(self.screen, StatsScreen):
            self.push_screen(StatsScreen())

    def action_next_theme(self) -> None:
        names = [th.name for th in THEMES]
        i = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(i + 1) % len(names)]
        self.notify(t("mt.theme_now", name=self.theme))

    async def action_quit(self) -> None:
        meeting = next((s for s in reversed(self.screen_stack) if callable(getattr(s, "before_quit", None))), None)
        if meeting is not None:
            for session in self.all_sessions():
                session.save_now()  # on disk before the question (a failure stays pending)
            if meeting.before_quit():
                return  # "Är mötet genomfört?" first; the meeting quits again once answered
        if not self.close_sessions() and not self._quit_failed:
            self._quit_failed = True
            self.notify(t("mt.quit_unsaved"), severity="error")
            return
        self.exit()
