"""Preparation, before the meeting: the person and guardians, who noticed the
need, the main goal category (and any further ones, ticked in a list), the
long-term goal prepared with the family,
the questions, the invited participants (role and organisation), consent
records, and time, place and mode.

The form is five sections (``prepare_fields``); only the person's is built when the
screen opens, the others when they are opened (F3-F6 or Enter on a heading), so the
screen opens at once. Every field's value lives in ``self.form`` (``FormValues``).

Ctrl+S checks everything (``lifecycle.check_preparation``: personnummer,
dates, consent covering the meeting day) and saves only when there are no
errors; warnings are shown but never block.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Select, SelectionList, Static, TextArea

from sipmote import lifecycle as life
from sipmote.i18n import t
from sipmote.model import (
    ConsentForm,
    ConsentRecord,
    ConvenedBy,
    GoalCategory,
    MeetingKind,
    MeetingMode,
    NoticedBy,
    OrgKind,
    Participant,
    Plan,
)
from sipmote.textview import safe_line
from sipmote.tui.autosave import host
from sipmote.tui.dialogs import ConfirmDialog
from sipmote.tui.dialogs.screen_drafts import NEW_PLAN_DRAFT, ScreenDraft
from sipmote.tui.footer import KeyFooter
from sipmote.tui.keys import Keys, Tr, rebind
from sipmote.tui.screens.dialogs import RegisterContext, load_plan, save_plan, tell
from sipmote.tui.screens.meeting import REVEAL_SECONDS  # the one reveal time (the meeting's v)
from sipmote.tui.screens.prepare_fields import DEFAULTS, DRAFTED, SECTIONS, PrepareFields
from sipmote.tui.screens.prepare_form import FormValues
from sipmote.tui.screens.prepare_people import PeopleAndConsents

if TYPE_CHECKING:
    from sipmote.store import Register

#: the dropdowns' value types (a draft keeps a dropdown's value as text)
_CHOICES: dict[str, Any] = {"category": GoalCategory, "conv_org": OrgKind, "kind": MeetingKind,
                            "mode": MeetingMode, "p_org": OrgKind, "c_form": ConsentForm}


SHORT = 28  # lines: a terminal this short gets the compact form (80x24)


def _role_labels() -> dict[str, str]:
    """Display label -> role key, for every known role."""
    from sipmote.tui.widgets.meeting.common import role_options

    return dict(role_options())


class PrepareDraft(ScreenDraft):
    """The screen draft of the whole form, built sections or not (ScreenDraft keeps the fields
    that differ from what the screen opened with: the offer shows what was typed)."""

    masked = frozenset({"pnr"})  # the personnummer: restored, never shown in the offer

    def values(self) -> dict[str, str]:
        return self.screen.form.as_text(DRAFTED)  # type: ignore[attr-defined]

    def put_back(self, restored: dict[str, Any]) -> None:
        form: FormValues = self.screen.form  # type: ignore[attr-defined]
        self.screen.call_later(self.screen.open_sections, [k for k in DRAFTED if k in restored])  # type: ignore[attr-defined]
        for key in DRAFTED:
            saved = restored.get(key)
            if not isinstance(saved, str):
                continue
            if isinstance(DEFAULTS[key], list):
                form.set(key, [v for v in saved.split(",") if v])
            elif key in _CHOICES:
                value = next((c for c in _CHOICES[key] if c.value == saved), None)
                if value is not None or DEFAULTS[key] is None:
                    form.set(key, value)
            else:
                form.set(key, saved)


PROBLEM_LINES = 3  # the most the check's list takes above the form at 24 rows (it took 6 of 24)


class PrepareScreen(PrepareFields, PeopleAndConsents, RegisterContext, Screen):
    CSS_PATH = "prepare.tcss"
    AUTO_FOCUS = "#name"  # focused once, as the screen is shown (a second focus redraws the footer)

    BINDINGS = Keys([
        Binding("ctrl+s", "save", "life.key_save", id="prepare.save"),
        Binding("escape", "back", "life.key_back", id="prepare.back"),
        Binding("ctrl+r", "reveal", "life.key_reveal", id="prepare.reveal"),
        Binding("ctrl+o", "withdraw", "life.key_withdraw", id="prepare.withdraw"),
        *[Binding(key, f"section('{sid}')", Tr("prep.key_section", title=title), show=False,
                  id=f"prepare.section_{sid}") for sid, (title, key) in SECTIONS.items()],
    ])

    def __init__(self, plan_id: str | None, *, register: Register | None = None, today: dt.date | None = None,
                 new_plan_id: str | None = None) -> None:
        super().__init__()
        rebind(self)  # the keys' texts in the language of this run (tui/keys.py)
        self.plan_id = plan_id
        self._register = register
        self._today = today
        self._new_plan_id = new_plan_id
        self.plan: Plan | None = None
        self.form = FormValues()
        self.form.values.update(DEFAULTS)
        self.participants: list[Participant] = []
        self.consents: list[ConsentRecord] = []
        self._person_rows: list[Participant] = []  # the person: always invited, not edited here
        self._kind_locked = False
        self.roles = _role_labels()
        self._unit_names: list[str] | None = None
        self._hide_timer: Timer | None = None
        self._failed = False
        self.draft: ScreenDraft = PrepareDraft(self, None, "", "")  # replaced once the fields are filled

    def _units(self) -> list[str]:
        if self._unit_names is None:
            from sipmote.stats.units import load_units

            self._unit_names = load_units(self.register.root).names()
        return self._unit_names

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        if self.plan_id is not None:  # the values first: the person's fields are built with them
            self.plan = load_plan(self, self.register, self.plan_id)
            self._failed = self.plan is None
        if self.plan is not None:
            self._fill(life.Preparation.of(self.plan))
        self.title = t("app.title")  # set before the header is built: drawn once
        self.sub_title = (t("life.prepare_title", name=safe_line(self.plan.person.name)) if self.plan is not None
                          else t("life.new_title"))
        self.set_class(self.app.size.height < SHORT, "-short")  # before the first frame: styled once
        yield Header()
        yield Static("", id="problems")
        with VerticalScroll(id="prep-form"):
            yield from self.sections()
        yield KeyFooter()

    def on_mount(self) -> None:
        if self._failed:
            self.dismiss(None)
            return
        self._show(self._check(), initial=True)
        self._saved = self.preparation()
        self.call_after_refresh(self._start_draft)

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT, "-short")

    def _start_draft(self) -> None:
        """What is typed here is a draft of the plan's session until it is saved (a new
        plan's, before its first save: of the register's one slot for a new plan)."""
        if self.plan is not None:
            self.draft.attach(self.session, f"prepare:{self.plan.id}", self.sub_title or "")
        else:
            self.draft.attach(host(self.app).sessions_for(self.register).new_plan(), NEW_PLAN_DRAFT,
                              self.sub_title or "")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.draft.report()
        if event.input.id == "name":
            self.person_name_changed()  # the person's row in the invited list follows the name

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.draft.report()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.draft.report()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.draft.report()

    def _fill(self, prep: life.Preparation) -> None:
        self._fill_values(prep)
        self.participants = [p for p in prep.participants if not p.is_person]
        self._person_rows = [p for p in prep.participants if p.is_person]
        self.consents = list(prep.consents)

    # ------------------------------------------------------------------ save
    def preparation(self) -> life.Preparation:
        f = self.form.get
        category = f("category", None)
        return life.Preparation(
            name=f("name"), personnummer=f("pnr"), address=f("address"), phone=f("phone"),
            guardians=[(f(f"g{i}name"), f(f"g{i}phone")) for i in (1, 2)],
            noticed_by=[NoticedBy(v) for v in f("noticed", [])],
            noticed_other=f("noticed_other"),
            goal_category=category if isinstance(category, GoalCategory) else None,
            more_goal_categories=[c for c in GoalCategory if c.value in f("more_categories", [])],
            goal_category_other=f("category_other"),
            long_term_goal=f("ltg"),
            questions=f("questions").splitlines(),
            participants=self._person_rows + list(self.participants), consents=list(self.consents),
            kind=MeetingKind(str(getattr(f("kind"), "value", f("kind")))), date=f("date"), time=f("time"),
            place=f("place"), mode=MeetingMode(str(getattr(f("mode"), "value", f("mode")))),
            leader=f("leader"),
            invitation_sent=f("sent"),
            convened_by=self._convened_by(),
            **{key: f(key) for key in ("end_time", "video_link", "reply_name", "reply_phone", "reply_email",
                                       "reply_by")},
        )

    def _convened_by(self) -> ConvenedBy:
        org = self.form.get("conv_org", None)
        role_text = self.form.get("conv_role").strip()
        return ConvenedBy(org_kind=org if isinstance(org, OrgKind) else None, organisation=self.form.get("conv_unit"),
                          role=self.roles.get(role_text, role_text))

    def _check(self) -> life.Check:
        return life.check_preparation(self.preparation(), self.today())

    def _show(self, check: life.Check, *, initial: bool = False, saved: bool = False) -> None:
        text = Text()
        if saved:
            text.append(t("life.prep_saved") + "\n", style="bold green")
        items = [Text("✗ " + e, style="bold red") for e in check.errors] + [
            Text("• " + w, style="yellow") for w in check.warnings]
        most = PROBLEM_LINES + max(0, (self.app.size.height - 24) // 3)  # a taller screen shows more (5 at 30)
        shown = self._fit_problems(items, most - len(text.plain.splitlines()))
        for item in shown:
            text.append_text(item)
            text.append("\n")
        if len(shown) < len(items):  # the rest counted: the form stays in view at 80x24
            text.append(t("prep.more_problems", n=len(items) - len(shown)) + "\n", style="bold")
        if not text:
            text.append(t("life.prep_ok"), style="green")
        if initial and not self.plan:
            text = Text(t("life.new_hint"))
        text.rstrip()
        self.query_one("#problems", Static).update(text)
        self.show_summaries()

    def _fit_problems(self, items: list[Text], lines: int) -> list[Text]:
        """The first ``items`` that take at most ``lines`` lines at the list's width, one line
        kept for the count of the rest when some are left out."""
        width = max(20, (self.query_one("#problems").content_region.width or self.app.size.width - 2))
        heights = [len(item.wrap(self.app.console, width)) for item in items]
        if sum(heights) <= lines:
            return items
        shown: list[Text] = []
        used = 0
        for item, h in zip(items, heights, strict=True):
            if used + h > lines - 1:
                break
            shown.append(item)
            used += h
        return shown

    def action_save(self) -> None:
        prep = self.preparation()
        today = self.today()
        plan = self.plan
        try:
            if plan is None:
                plan, check = life.prepare_new_plan(prep, today, plan_id=self._new_plan_id)
            else:
                check = life.apply_preparation(plan, prep, today)
        except life.LifecycleError as exc:
            check = life.Check(errors=[exc.message])
        if plan is None or not check.ok:
            self._show(check)
            return
        if not save_plan(self, self.register, plan):
            return
        self.plan, self.plan_id = plan, plan.id
        self.sub_title = t("life.prepare_title", name=safe_line(plan.person.name))
        self._fill(life.Preparation.of(plan))
        self._refresh_tables()
        self._show(check, saved=True)
        self._saved = self.preparation()
        if self.draft.key == NEW_PLAN_DRAFT:  # a new plan: its own session's drafts from now on
            self.draft.clear()
            self._start_draft()
        self.draft.clear()
        tell(self, t("life.prep_saved"))

    def action_reveal(self) -> None:
        """Show the whole personnummer for REVEAL_SECONDS, like the meeting's ``v``."""
        pnr = self.form.widgets["pnr"]
        assert isinstance(pnr, Input)
        if self._hide_timer is not None:
            self._hide_timer.stop()
            self._hide_timer = None
        pnr.password = not pnr.password
        if not pnr.password:
            self._hide_timer = self.set_timer(REVEAL_SECONDS, self._hide_pnr)

    def _hide_pnr(self) -> None:
        self._hide_timer = None
        pnr = self.form.widgets["pnr"]
        assert isinstance(pnr, Input)
        pnr.password = True

    def action_back(self) -> None:
        """Back to the register; unsaved changes are not dropped without asking."""
        if self.preparation() == getattr(self, "_saved", None):
            self.draft.clear()
            self.dismiss(self.plan_id)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.draft.clear()  # left without saving, on purpose
                self.dismiss(self.plan_id)

        self.app.push_screen(ConfirmDialog(t("life.unsaved"), yes=t("life.key_leave")), answered)
