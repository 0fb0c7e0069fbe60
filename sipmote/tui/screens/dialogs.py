"""The plan-lifecycle dialogs, kit forms (``sipmote.tui.dialogs.FormDialog``: one look, one
set of keys, drafts from the kit): close a plan, keep or drop deviation drafts, evaluation
entry; and the helpers the lifecycle screens share (``tell``, ``RegisterContext``,
``load_plan``, ``save_plan`` through the plan sessions, ``push_meeting``).

Each dialog dismisses a typed value (None on Esc) and keeps all user text as
data (``markup=False`` / ``rich.text.Text``). Validation that needs the domain
runs inside the dialog so a bad value keeps the dialog open with a message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.widgets import Input, Static

from sipmote import lifecycle as life
from sipmote.clock import today_of
from sipmote.i18n import label, t
from sipmote.model import CloseReason, Deviation, OrgKind, Plan
from sipmote.textview import safe_line
from sipmote.tui.autosave import host
from sipmote.tui.dialogs import Field, FormDialog
from sipmote.tui.keys import Keys

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from sipmote.store import Register

__all__ = ["ClosePlanDialog", "DeviationDraftsDialog", "EvaluationDialog", "load_plan", "push_meeting", "save_plan",
           "tell"]


class ClosePlanDialog(FormDialog):
    """Reason, date, who was informed, where to turn. Dismisses a dict for
    ``lifecycle.close_plan`` after checking it against a copy of the plan."""

    BINDINGS = Keys([Binding("escape", "cancel", "dlg.cancel", id="dialog.cancel"),
                     Binding("ctrl+s", "save", "life.key_close_plan", show=True, priority=True, id="dialog.save")])

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
            return exc.message
        return None


class DeviationDraftsDialog(FormDialog):
    """Each proposed deviation with a check box: checked = keep, unchecked = drop (space
    toggles). Ctrl+S dismisses the list of kept drafts (possibly empty), Esc None (decide
    later). The boxes are a draft of the plan's session until then."""

    BINDINGS = Keys([Binding("escape", "cancel", "life.key_later", id="dialog.cancel"),
                     Binding("ctrl+s", "save", "life.key_keep_checked", show=True, priority=True, id="dialog.save")])

    def __init__(self, drafts: list[Deviation], *, session: Any = None) -> None:
        self.drafts = drafts
        # the kind beside the box, who and what below it, wrapped (read whole at 80x24)
        boxes = [Field(f"d{i}", label(d.kind), "check", True, note=f"{safe_line(d.party) or '—'}: {safe_line(d.text)}")
                 for i, d in enumerate(drafts)]
        which = hashlib.sha256("\n".join(f"{d.kind}|{d.party}|{d.text}" for d in drafts).encode()).hexdigest()
        super().__init__(t("life.dev_title", count=len(drafts)), boxes, session=session,
                         draft_key=f"deviations:{which[:16]}")

    def keys_hint(self) -> str:
        return t("life.dev_hint")

    def on_mount(self) -> None:
        # proposed after a question (the meeting's end), not by an action: after a crash the
        # register's 'v' (deviations) on the plan's row proposes the same drafts again
        session = self.session
        if not self.opener and session is not None and session.plan_id:
            self.opener = {"screen": "RegisterScreen", "action": "deviations()", "focus": "plans",
                           "row": session.plan_id}

    def result(self, values: dict[str, Any]) -> list[Deviation]:
        return [d for i, d in enumerate(self.drafts) if values[f"d{i}"]]


def _entry_text(org_kind: OrgKind | None, answers: list[int | None]) -> str:
    """One participant's answers as a draft keeps them (and the offer shows): ``5 4 - 3 5 (school)``."""
    text = " ".join("-" if a is None else str(a) for a in answers)
    return f"{text} ({org_kind.value})" if org_kind else text


def _entry_of(text: str) -> tuple[OrgKind | None, list[int | None]]:
    answers, _, kind = text.removesuffix(")").partition(" (") if text.endswith(")") else (text, "", "")
    return (OrgKind(kind) if kind else None), life.parse_answers(answers)


class EvaluationDialog(FormDialog):
    """Quick entry of each participant's five answers: type e.g. ``5 4 - 3 5`` and Enter;
    the next participant follows. Names are not stored, only the kind of party. Ctrl+S
    dismisses a list of (org_kind, answers); Esc None. The answers entered so far and the
    line being typed are a draft of the plan's session."""

    BINDINGS = Keys([Binding("escape", "cancel", "life.key_cancel", id="dialog.cancel"),
                     Binding("ctrl+s", "save", "life.key_done", show=True, priority=True, id="dialog.save")])

    def __init__(self, heading: str, *, session: Any = None, draft_key: str | None = None) -> None:
        self.heading = heading
        self.entries: list[tuple[OrgKind | None, list[int | None]]] = []
        super().__init__(heading, [
            Field("party", t("dlg.eval_party"), "select", None, [(label(k), k) for k in OrgKind]),
            Field("answers", t("dlg.eval_answers"), placeholder="5 4 - 3 5"),
        ], intro="\n".join([*(f"{i}. {t(f'eval.s{i}')}" for i in range(1, 6)), "", t("life.eval_answers"),
                            t("life.eval_party")]),
            hint=t("life.eval_count_so_far", n=0), session=session, draft_key=draft_key)

    initial_focus = "answers"

    def keys_hint(self) -> str:
        return t("dlg.eval_keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # Enter adds a participant's answers; the form's Enter would save
        self._add(event.value)

    def _add(self, value: str) -> bool:
        try:
            answers = life.parse_answers(value)
            if all(a is None for a in answers):
                raise life.LifecycleError(t("life.eval_empty"))
        except life.LifecycleError as exc:
            self.show_error(exc.message)
            return False
        party = self.widget(self.fields[0]).value
        self.entries.append((party if isinstance(party, OrgKind) else None, answers))
        field = self.widget(self.fields[1])
        # keys typed after Enter, before it was handled, are the next participant's answers
        field.value = field.value[len(value):] if field.value.startswith(value) else ""
        field.cursor_position = len(field.value)
        self.show_error("")
        self._show_count()
        self.report_draft()
        return True

    def _show_count(self) -> None:
        self.query_one("#form-note", Static).update(t("life.eval_count_so_far", n=len(self.entries)))

    def draft_values(self) -> dict[str, Any]:
        return {**super().draft_values(), "entries": [_entry_text(k, a) for k, a in self.entries]}

    def restore_values(self, values: dict[str, Any]) -> None:
        super().restore_values(values)
        self.entries = []
        for text in values.get("entries") or []:
            try:
                self.entries.append(_entry_of(str(text)))
            except (ValueError, life.LifecycleError):
                continue  # a draft is a courtesy: a line that no longer reads is left out
        self._show_count()

    def action_save(self) -> None:
        pending = self.widget(self.fields[1]).value.strip()
        if pending and not self._add(pending):
            return
        self.finish(list(self.entries))


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
