"""Preparation, before the meeting: the person and guardians, who noticed the
need, the main goal category (and any further ones, ticked in a list), the
long-term goal prepared with the family,
the questions, the invited participants (role and organisation), consent
records, and time, place and mode.

Ctrl+S checks everything (``lifecycle.check_preparation``: personnummer,
dates, consent covering the meeting day) and saves only when there are no
errors; warnings are shown but never block.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Select, SelectionList, Static, TextArea

from sipmote import lifecycle as life
from sipmote.i18n import label, t
from sipmote.model import (
    ROLES,
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
from sipmote.stats.units import load_units
from sipmote.textview import safe_line
from sipmote.tui.dialogs import ConfirmDialog
from sipmote.tui.dialogs.screen_drafts import ScreenDraft
from sipmote.tui.screens.dialogs import RegisterContext, load_plan, save_plan, tell
from sipmote.tui.screens.meeting import REVEAL_SECONDS  # the one reveal time (the meeting's v)
from sipmote.tui.screens.prepare_people import PeopleAndConsents

if TYPE_CHECKING:
    from sipmote.store import Register


def _role_labels() -> dict[str, str]:
    """Display label -> role key, for every known role."""
    out: dict[str, str] = {}
    for keys in ROLES.values():
        for k in keys:
            out.setdefault(t(f"role.{k}"), k)
    return out


class PrepareScreen(PeopleAndConsents, RegisterContext, Screen):
    CSS_PATH = "prepare.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", t("life.key_save")),
        Binding("escape", "back", t("life.key_back")),
        Binding("ctrl+r", "reveal", t("life.key_reveal")),
        Binding("ctrl+o", "withdraw", t("life.key_withdraw")),
    ]

    def __init__(self, plan_id: str | None, *, register: Register | None = None, today: dt.date | None = None,
                 new_plan_id: str | None = None) -> None:
        super().__init__()
        self.plan_id = plan_id
        self._register = register
        self._today = today
        self._new_plan_id = new_plan_id
        self.plan: Plan | None = None
        self.participants: list[Participant] = []
        self.consents: list[ConsentRecord] = []
        self._person_rows: list[Participant] = []  # the person: always invited, not edited here
        self.roles = _role_labels()
        self._hide_timer: Timer | None = None
        self.draft = ScreenDraft(self, None, "", "")  # replaced once the fields are filled


    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="problems")
        with VerticalScroll(id="prep-form"):
            yield Static(t("life.sec_person"), classes="section")
            yield from self._row("name", t("field.name"))
            yield from self._row("pnr", t("field.personnummer"), password=True, placeholder="ÅÅÅÅMMDD-NNNN")
            yield from self._row("address", t("life.address"))
            yield from self._row("phone", t("life.phone"))
            yield Static(t("life.sec_guardians"), classes="section")
            for i in (1, 2):
                with Horizontal(classes="row"):
                    yield Label(t("life.guardian_n", n=i))
                    yield Input(compact=True, id=f"g{i}name", placeholder=t("field.name"))
                    yield Input(compact=True, id=f"g{i}phone", placeholder=t("life.phone"))
            yield Static(t("life.sec_noticed"), classes="section")
            yield SelectionList[str](*[(label(k), k.value) for k in NoticedBy], id="noticed")
            yield from self._row("noticed_other", t("life.noticed_other_label"))
            yield Static(t("life.sec_goal"), classes="section")
            with Horizontal(classes="row"):
                yield Label(t("life.goal_category"))
                yield Select(compact=True, options=[(label(c), c) for c in GoalCategory],
                             prompt=t("life.choose"), id="category")
            yield Label(t("life.more_goal_categories"))
            yield SelectionList[str](*[(label(c), c.value) for c in GoalCategory], id="more_categories")
            yield from self._row("category_other", t("life.goal_category_other"))
            yield from self._row("ltg", t("sip.question"), placeholder=t("life.ltg_hint"))
            yield Static(t("life.sec_questions"), classes="section")
            yield TextArea(id="questions", soft_wrap=True)
            yield Static(t("life.sec_time"), classes="section")
            with Horizontal(classes="row"):
                yield Label(t("life.meeting_kind"))
                yield Select(compact=True, options=[(label(k), k) for k in MeetingKind],
                             allow_blank=False, value=MeetingKind.new,
                             id="kind")
            yield from self._row("date", t("life.meeting_date"), placeholder="ÅÅÅÅ-MM-DD")
            yield from self._row("time", t("field.time"), placeholder="TT:MM")
            yield from self._row("end_time", t("life.end_time"), placeholder="TT:MM")
            yield from self._row("place", t("field.place"))
            with Horizontal(classes="row"):
                yield Label(t("life.mode"))
                yield Select(compact=True, options=[(label(m), m) for m in MeetingMode],
                             allow_blank=False, value=MeetingMode.in_person,
                             id="mode")
            yield from self._row("leader", t("life.leader"))
            with Horizontal(classes="row"):
                yield Label(t("life.convened_by"))
                yield Select(compact=True, options=[(label(k), k) for k in OrgKind], prompt=t("life.convened_party"),
                             id="conv_org")
                yield Input(compact=True, id="conv_unit", placeholder=t("life.organisation_hint"),
                            suggester=SuggestFromList(load_units(self.register.root).names(), case_sensitive=False))
                yield Input(compact=True, id="conv_role", placeholder=t("life.role"),
                            suggester=SuggestFromList(list(self.roles), case_sensitive=False))
            yield from self._row("sent", t("life.invitation_sent"), placeholder="ÅÅÅÅ-MM-DD")
            yield from self._row("video_link", t("life.video_link"), placeholder="https://…")
            yield from self._row("reply_name", t("life.reply_name"))  # the kallelse: whom to answer, how, by when
            yield from self._row("reply_phone", t("life.reply_phone"))
            yield from self._row("reply_email", t("life.reply_email"))
            yield from self._row("reply_by", t("life.reply_by"), placeholder="ÅÅÅÅ-MM-DD")
            yield Static(t("life.sec_participants"), classes="section")
            yield DataTable(id="prep-participants", cursor_type="row")
            with Horizontal(classes="row"):
                yield Input(compact=True, id="p_name", placeholder=t("field.name"))
                yield Select(compact=True, options=[(label(k), k) for k in OrgKind],
                             allow_blank=False, value=OrgKind.school, id="p_org")
                yield Input(compact=True, id="p_unit", placeholder=t("life.organisation_hint"),
                            suggester=SuggestFromList(load_units(self.register.root).names(), case_sensitive=False))
                yield Input(compact=True, id="p_role", placeholder=t("life.role"),
                            suggester=SuggestFromList(list(self.roles), case_sensitive=False))
                yield Button(t("life.add"), id="p_add")
            yield Static(t("life.participants_hint"), classes="hint")
            yield Static(t("life.sec_consent"), classes="section")
            yield DataTable(id="consents", cursor_type="row")
            with Horizontal(classes="row"):
                yield Input(compact=True, id="c_who", placeholder=t("life.consent_given_by"))
                yield Input(compact=True, id="c_rel", placeholder=t("life.consent_relation"))
                yield Select(compact=True, options=[(label(f), f) for f in ConsentForm],
                             allow_blank=False, value=ConsentForm.written,
                             id="c_form")
            with Horizontal(classes="row"):
                yield Input(compact=True, id="c_from", placeholder=t("life.consent_from"))
                yield Input(compact=True, id="c_to", placeholder=t("life.consent_to"))
                yield Input(compact=True, id="c_parties", placeholder=t("life.consent_parties"))
                yield Button(t("life.add"), id="c_add")
            yield Static(t("life.consents_hint"), classes="hint")
        yield Footer()

    def _row(self, key: str, text: str, *, password: bool = False, placeholder: str = ""):
        with Horizontal(classes="row"):
            yield Label(text)
            yield Input(compact=True, id=key, password=password, placeholder=placeholder)

    def on_mount(self) -> None:
        self.title = t("app.title")
        if self.plan_id is not None:
            self.plan = load_plan(self, self.register, self.plan_id)
            if self.plan is None:
                self.dismiss(None)
                return
        pt = self.query_one("#prep-participants", DataTable)
        for key in ("name", "role", "organisation", "party", "attendance"):
            pt.add_column(t(f"life.pcol_{key}"), key=key)
        ct = self.query_one("#consents", DataTable)
        for key in ("who", "form", "from", "to", "parties", "state"):
            ct.add_column(t(f"life.ccol_{key}"), key=key)
        if self.plan is not None:
            self._fill(life.Preparation.of(self.plan))
            self.sub_title = t("life.prepare_title", name=safe_line(self.plan.person.name))
        else:
            self.sub_title = t("life.new_title")
            self.query_one("#date", Input).value = ""
        self._refresh_tables()
        self.query_one("#name", Input).focus()
        self._show(self._check(), initial=True)
        self._saved = self.preparation()
        self.call_after_refresh(self._start_draft)

    def _start_draft(self) -> None:
        """What is typed here is a draft of the plan's session until it is saved."""
        if self.plan is not None:
            self.draft = ScreenDraft(self, self.session, f"prepare:{self.plan.id}", self.sub_title or "")
            self.draft.start()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.draft.report()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.draft.report()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.draft.report()

    def _fill(self, prep: life.Preparation) -> None:
        q = self.query_one
        q("#name", Input).value = prep.name
        q("#pnr", Input).value = prep.personnummer
        q("#address", Input).value = prep.address
        q("#phone", Input).value = prep.phone
        for i, (gname, gphone) in enumerate(prep.guardians[:2], 1):
            q(f"#g{i}name", Input).value = gname
            q(f"#g{i}phone", Input).value = gphone
        sel = q("#noticed", SelectionList)
        for k in prep.noticed_by:
            sel.select(k.value)
        q("#noticed_other", Input).value = prep.noticed_other
        if prep.goal_category is not None:
            q("#category", Select).value = prep.goal_category
        more = q("#more_categories", SelectionList)
        more.deselect_all()
        for c in prep.more_goal_categories:
            more.select(c.value)
        q("#category_other", Input).value = prep.goal_category_other
        q("#ltg", Input).value = prep.long_term_goal
        q("#questions", TextArea).text = "\n".join(prep.questions)
        kind = q("#kind", Select)
        kind.value = prep.kind
        kind.disabled = prep.kind == MeetingKind.follow_up
        q("#date", Input).value = prep.date
        q("#time", Input).value = prep.time
        q("#place", Input).value = prep.place
        q("#mode", Select).value = prep.mode
        q("#leader", Input).value = prep.leader
        conv = prep.convened_by
        if conv.org_kind is None:
            q("#conv_org", Select).clear()
        else:
            q("#conv_org", Select).value = conv.org_kind
        q("#conv_unit", Input).value = conv.organisation
        q("#conv_role", Input).value = next((lbl for lbl, key in self.roles.items() if key == conv.role), conv.role)
        q("#sent", Input).value = prep.invitation_sent
        for key in ("end_time", "video_link", "reply_name", "reply_phone", "reply_email", "reply_by"):
            q(f"#{key}", Input).value = getattr(prep, key)
        self.participants = [p for p in prep.participants if not p.is_person]
        self._person_rows = [p for p in prep.participants if p.is_person]
        self.consents = list(prep.consents)

    # ------------------------------------------------------------------ the lists
    # ------------------------------------------------------------------ save
    def preparation(self) -> life.Preparation:
        q = self.query_one
        category = q("#category", Select).value
        return life.Preparation(
            name=q("#name", Input).value, personnummer=q("#pnr", Input).value,
            address=q("#address", Input).value, phone=q("#phone", Input).value,
            guardians=[(q(f"#g{i}name", Input).value, q(f"#g{i}phone", Input).value) for i in (1, 2)],
            noticed_by=[NoticedBy(v) for v in q("#noticed", SelectionList).selected],
            noticed_other=q("#noticed_other", Input).value,
            goal_category=category if isinstance(category, GoalCategory) else None,
            more_goal_categories=[c for c in GoalCategory if c.value in q("#more_categories", SelectionList).selected],
            goal_category_other=q("#category_other", Input).value,
            long_term_goal=q("#ltg", Input).value,
            questions=q("#questions", TextArea).text.splitlines(),
            participants=self._person_rows + list(self.participants), consents=list(self.consents),
            kind=MeetingKind(str(q("#kind", Select).value)), date=q("#date", Input).value, time=q("#time", Input).value,
            place=q("#place", Input).value, mode=MeetingMode(str(q("#mode", Select).value)),
            leader=q("#leader", Input).value,
            invitation_sent=q("#sent", Input).value,
            convened_by=self._convened_by(),
            **{key: q(f"#{key}", Input).value for key in ("end_time", "video_link", "reply_name", "reply_phone",
                                                           "reply_email", "reply_by")},
        )

    def _convened_by(self) -> ConvenedBy:
        q = self.query_one
        org = q("#conv_org", Select).value
        role_text = q("#conv_role", Input).value.strip()
        return ConvenedBy(org_kind=org if isinstance(org, OrgKind) else None, organisation=q("#conv_unit", Input).value,
                          role=self.roles.get(role_text, role_text))

    def _check(self) -> life.Check:
        return life.check_preparation(self.preparation(), self.today())

    def _show(self, check: life.Check, *, initial: bool = False, saved: bool = False) -> None:
        text = Text()
        if saved:
            text.append(t("life.prep_saved") + "\n", style="bold green")
        for e in check.errors:
            text.append("✗ " + e + "\n", style="bold red")
        for w in check.warnings:
            text.append("• " + w + "\n", style="yellow")
        if not text:
            text.append(t("life.prep_ok"), style="green")
        if initial and not self.plan:
            text = Text(t("life.new_hint"))
        text.rstrip()
        self.query_one("#problems", Static).update(text)

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
            check = life.Check(errors=[str(exc)])
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
        if self.draft.session is None:  # a new plan: its drafts from now on
            self._start_draft()
        self.draft.clear()
        tell(self, t("life.prep_saved"))

    def action_reveal(self) -> None:
        """Show the whole personnummer for REVEAL_SECONDS, like the meeting's ``v``."""
        pnr = self.query_one("#pnr", Input)
        if self._hide_timer is not None:
            self._hide_timer.stop()
            self._hide_timer = None
        pnr.password = not pnr.password
        if not pnr.password:
            self._hide_timer = self.set_timer(REVEAL_SECONDS, self._hide_pnr)

    def _hide_pnr(self) -> None:
        self._hide_timer = None
        self.query_one("#pnr", Input).password = True

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
