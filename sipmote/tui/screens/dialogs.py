"""The plan-lifecycle dialogs, built on the dialog kit (``sipmote.tui.dialogs``): close a
plan, keep or drop deviation drafts, evaluation entry, a read-only view; and the
helpers the lifecycle screens share (``tell``, ``RegisterContext``, ``load_plan``,
``save_plan`` through the plan sessions, ``push_meeting``).

Each dialog dismisses a typed value (None on Esc) and keeps all user text as
data (``markup=False`` / ``rich.text.Text``). Validation that needs the domain
runs inside the dialog so a bad value keeps the dialog open with a message.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from sipmote import lifecycle as life
from sipmote.i18n import label, t
from sipmote.model import CloseReason, Deviation, OrgKind, Plan
from sipmote.textview import safe_line
from sipmote.tui.autosave import host
from sipmote.tui.dialogs import Dialog, Field, FormDialog

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from sipmote.store import Register

__all__ = ["ClosePlanDialog", "DeviationDraftsDialog", "EvaluationDialog", "TextViewDialog", "load_plan",
           "push_meeting", "save_plan", "tell"]


class ClosePlanDialog(FormDialog):
    """Reason, date, who was informed, where to turn. Dismisses a dict for
    ``lifecycle.close_plan`` after checking it against a copy of the plan."""

    BINDINGS = [Binding("escape", "cancel", t("dlg.cancel")),
                Binding("ctrl+s", "save", t("life.key_close_plan"), show=True, priority=True)]

    def __init__(self, plan: Plan, today: dt.date, reason: CloseReason | None = None, *,
                 session=None) -> None:
        self.plan, self.today = plan, today
        super().__init__(t("life.close_title", name=safe_line(plan.person.name)), [
            Field("reason", t("life.close_reason"), "select", reason or CloseReason.goals_met,
                  [(label(r), r) for r in CloseReason], required=True),
            Field("day", t("field.date"), "date", today),
            Field("informed", t("life.close_informed_label"), placeholder=t("life.close_informed_hint")),
            Field("where", t("life.close_where_label"), placeholder=t("life.close_where_hint")),
            Field("note", t("life.note")),
        ], check=self._check, session=session, draft_key=f"close:{plan.id}")

    initial_focus = "informed"

    def result(self, values: dict) -> dict:
        return {"reason": values["reason"], "day": values["day"] or self.today, "informed": values["informed"],
                "where_to_turn": values["where"], "note": values["note"]}

    def _check(self, values: dict) -> str | None:
        try:
            life.close_plan(self.plan.model_copy(deep=True), **self.result(values))
        except life.LifecycleError as exc:
            return str(exc)
        return None


class _SaveOrCancel(Dialog[list]):
    """A list dialog with a save and a cancel button."""

    def action_save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)


class DeviationDraftsDialog(_SaveOrCancel):
    """Each draft with a check box: checked = keep, unchecked = drop.
    Dismisses the list of kept drafts (possibly empty), None on Esc (decide later)."""

    BINDINGS = [Binding("escape", "cancel", t("life.key_later")),
                Binding("ctrl+s", "save", t("life.key_keep_checked"), show=True)]

    def __init__(self, drafts: list[Deviation]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog"):
            yield Static(t("life.dev_title", count=len(self.drafts)), markup=False, id="form-title")
            yield Static(t("life.dev_hint"), markup=False, classes="hint")
            with VerticalScroll(classes="scroll"):
                for i, d in enumerate(self.drafts):
                    # a check box label keeps one line: the kind there, who and what below, wrapped
                    # (read whole at 80x24; the text was cut to its first line)
                    yield Checkbox(Text(label(d.kind)), value=True, id=f"draft-{i}")
                    yield Static(Text(f"{safe_line(d.party) or '—'}: {safe_line(d.text)}"), classes="hint draft-text")
            with Horizontal(classes="buttons"):
                yield Button(t("life.key_keep_checked"), id="save", variant="primary")
                yield Button(t("life.key_later"), id="cancel")

    def on_mount(self) -> None:
        if self.drafts:
            self.query_one("#draft-0", Checkbox).focus()

    def action_save(self) -> None:
        kept = [d for i, d in enumerate(self.drafts) if self.query_one(f"#draft-{i}", Checkbox).value]
        self.dismiss(kept)


class EvaluationDialog(_SaveOrCancel):
    """Quick entry of each participant's five answers: type e.g. ``5 4 - 3 5``
    and Enter; the next participant follows. Names are not stored, only the
    kind of party. Dismisses a list of (org_kind, answers)."""

    BINDINGS = [Binding("escape", "cancel", t("life.key_cancel")),
                Binding("ctrl+s", "save", t("life.key_done"), show=True)]

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading = heading
        self.entries: list[tuple[OrgKind | None, list[int | None]]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog"):
            yield Static(self.heading, markup=False, id="form-title")
            statements = "\n".join(f"{i}. {t(f'eval.s{i}')}" for i in range(1, 6))
            yield Static(statements, markup=False)
            yield Label(t("life.eval_party"))
            yield Select(compact=True, options=[(label(k), k) for k in OrgKind], prompt=t("life.eval_party_blank"),
                         id="party")
            yield Label(t("life.eval_answers"))
            yield Input(compact=True, id="answers", placeholder="5 4 - 3 5")
            yield Static(t("life.eval_count_so_far", n=0), id="count", markup=False, classes="hint")
            yield Static("", id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(t("life.key_done"), id="save", variant="primary")
                yield Button(t("life.key_cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#answers", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._add(event.value)

    def _add(self, value: str) -> bool:
        try:
            answers = life.parse_answers(value)
            if all(a is None for a in answers):
                raise life.LifecycleError(t("life.eval_empty"))
        except life.LifecycleError as exc:
            self.show_error(str(exc))
            return False
        party = self.query_one("#party", Select).value
        self.entries.append((party if isinstance(party, OrgKind) else None, answers))
        self.query_one("#answers", Input).value = ""
        self.show_error("")
        self.query_one("#count", Static).update(t("life.eval_count_so_far", n=len(self.entries)))
        return True

    def action_save(self) -> None:
        pending = self.query_one("#answers", Input).value.strip()
        if pending and not self._add(pending):
            return
        self.dismiss(list(self.entries))


class TextViewDialog(Dialog[None]):
    """A read-only, scrollable text (the plan's overview and history)."""

    BINDINGS = [Binding("escape,q", "cancel", t("life.key_back"), show=True)]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog"):
            yield Static(self.title_text, markup=False, id="form-title")
            with VerticalScroll():
                yield Static(self.body, markup=False)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()


# --------------------------------------------------------------------------- shared by the lifecycle screens


def tell(screen: Screen[Any], message: str, *, severity: SeverityLevel = "information",
         timeout: float | None = None) -> None:
    """A notification whose text is shown literally (a name may hold ``[``)."""
    kwargs: dict[str, Any] = {"timeout": timeout} if timeout is not None else {}
    screen.notify(message, severity=severity, markup=False, **kwargs)


class RegisterContext:
    """For screens that tests give their own register and 'today'; else the app's."""

    _register: Register | None = None
    _today: dt.date | None = None
    app: Any  # the screen's (RegisterContext is mixed into Screen subclasses)

    @property
    def register(self):
        return self._register if self._register is not None else self.app.register

    def today(self) -> dt.date:
        return today_of(self.app, self._today)

    @property
    def session(self):
        """The session of the screen's plan (None before there is one): its dialogs keep
        their typed text there as drafts."""
        plan = getattr(self, "plan", None)
        return host(self.app).sessions_for(self.register).adopt(plan) if plan is not None else None


def today_of(app: App[Any], override: dt.date | None = None) -> dt.date:
    """The injected 'today': the screen's own, else the app's ``today()``, else the calendar."""
    if override is not None:
        return override
    value = getattr(app, "today", None)
    if callable(value):
        value = value()
    return value if isinstance(value, dt.date) else dt.date.today()


def save_plan(screen: Screen[Any], register: Register, plan: Plan) -> bool:
    """Hand the changed plan to its session: written at once in a worker. A failed save is
    shown, kept pending and retried by the session — never dropped."""
    app = host(screen.app)
    app.save_soon(app.sessions_for(register).adopt(plan))
    return True


def load_plan(screen: Screen[Any], register: Register, plan_id: str) -> Plan | None:
    """The plan's session (the same plan object the other screens edit); its register
    notices (e.g. restored from a backup) are shown once."""
    from sipmote.store import StoreError

    try:
        session = host(screen.app).session(plan_id, register)
    except StoreError as exc:
        tell(screen, exc.message, severity="error", timeout=10)
        return None
    host(screen.app).show_notices(session)
    return session.plan


def push_meeting(screen: Screen[Any], plan_id: str, callback=None) -> bool:
    """Open the meeting screen (owned by the meeting module) on the plan."""
    try:
        from sipmote.tui.screens.meeting import MeetingScreen
    except ImportError:
        tell(screen, t("life.no_meeting_screen"), severity="warning")
        return False
    screen.app.push_screen(MeetingScreen(plan_id), callback)  # MeetingScreen(plan | plan_id)
    return True
