"""The preparation screen's invited participants and consent records: the two tables,
adding a row from the fields under each, removing one, and recording a withdrawn
consent. A mixin of PrepareScreen (apart to keep each module to one concern)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input

from sipmote import lifecycle as life
from sipmote.errors import SipmoteError
from sipmote.formats import date_text
from sipmote.i18n import label, t
from sipmote.model import ConsentForm, ConsentRecord, OrgKind, Participant, Plan
from sipmote.textview import safe_line
from sipmote.tui.dialogs import ConfirmDialog
from sipmote.tui.screens.dialogs import save_plan, tell
from sipmote.tui.screens.prepare_form import FormValues, RowTable

PERSON_ROW = "person"  # the participants table's row of the person the plan belongs to


class PeopleAndConsents(Screen):
    """Needs the screen's participants, consents, plan, roles, session helpers and _show/_check."""

    # provided by PrepareScreen and RegisterContext (annotations only: nothing shadowed)
    register: Any
    form: FormValues
    _person_rows: list[Participant]
    open_section: Callable[..., Awaitable[Any]]
    section: Callable[[str], Any]
    plan: Plan | None
    participants: list[Participant]
    consents: list[ConsentRecord]
    roles: dict[str, str]
    _show: Callable[..., None]
    _check: Callable[[], life.Check]
    today: Callable[[], dt.date]

    def _room(self, table: RowTable) -> int:
        """The width a table has: the form's, less its padding and scroll bar, and the
        table's own scroll bar (kept free: a long list must not push a column out)."""
        form = self.query_one("#prep-form")
        width = form.region.width or self.app.size.width  # the whole box: its padding and bar come off below
        return (width - form.styles.gutter.width - form.styles.scrollbar_size_vertical
                - table.styles.scrollbar_size_vertical)

    def _refresh_tables(self) -> None:
        """The tables that are built, with every column in view at the width there is."""
        pt = self.form.widgets.get("prep-participants")
        if isinstance(pt, RowTable):
            name = self.form.get("name").strip()
            person = self._person_rows[:1] or [Participant(name=name, org_kind=OrgKind.person, role="person",
                                                           is_person=True)]
            rows = [(PERSON_ROW if p.is_person else p.id,
                     [Text(safe_line(name if p.is_person else p.name) or "—"),
                      Text(safe_line(t("role.person") if p.is_person else p.role_label)),
                      Text(safe_line(p.organisation)), Text(label(p.org_kind)), Text(label(p.attendance))])
                    for p in person + self.participants]
            pt.fill([(key, t(f"life.pcol_{key}"), key != "attendance")
                     for key in ("name", "role", "organisation", "party", "attendance")], rows, self._room(pt))
        ct = self.form.widgets.get("consents")
        if isinstance(ct, RowTable):
            today = self.today()
            crows = []
            for c in self.consents:
                if c.withdrawn_on:
                    state = Text(t("life.consent_withdrawn_on", date=date_text(c.withdrawn_on)), style="bold red")
                elif c.covers(today):
                    state = Text(t("life.consent_valid"))
                else:
                    state = Text(t("life.consent_not_now"), style="yellow")
                crows.append((c.id, [Text(safe_line(c.given_by)), Text(label(c.form)), Text(date_text(c.valid_from)),
                                     Text(date_text(c.valid_to, "—")),
                                     Text(safe_line(", ".join(c.parties)) or "—"), state]))
            ct.fill([(key, t(f"life.ccol_{key}"), key in ("who", "parties"))
                     for key in ("who", "form", "from", "to", "parties", "state")], crows, self._room(ct))

    def on_resize(self) -> None:
        self._refresh_tables()

    def person_name_changed(self) -> None:
        """The person's cell only (a key typed in the name redraws one cell, not the tables)."""
        pt = self.form.widgets.get("prep-participants")
        if isinstance(pt, RowTable) and pt.row_count:
            pt.update_cell(PERSON_ROW, "name", Text(safe_line(self.form.get("name").strip()) or "—"),
                           update_width=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "p_add":
            self.add_participant()
        elif event.button.id == "c_add":
            self.add_consent()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        wid = event.input.id or ""
        if wid.startswith("p_"):
            self.add_participant()
        elif wid.startswith("c_"):
            self.add_consent()
        else:
            self.focus_next()

    def add_participant(self) -> None:
        f = self.form
        role_text = f.get("p_role").strip()
        role = self.roles.get(role_text, role_text)
        try:
            p = life.make_participant(f.get("p_name"), OrgKind(str(getattr(f.get("p_org"), "value", f.get("p_org")))),
                                      f.get("p_unit"), role)
        except life.LifecycleError as exc:
            self._show(life.Check(errors=[exc.message]))
            return
        self.participants.append(p)
        for key in ("p_name", "p_unit", "p_role"):
            f.set(key, "")
        self._refresh_tables()
        self.form.widgets["p_name"].focus()

    def add_consent(self) -> None:
        f = self.form
        try:
            c = life.make_consent(f.get("c_who"), f.get("c_from"), f.get("c_to"), relation=f.get("c_rel"),
                                  form=ConsentForm(str(getattr(f.get("c_form"), "value", f.get("c_form")))),
                                  parties=f.get("c_parties"), given_by_personnummer=f.get("c_pnr"),
                                  phone=f.get("c_phone"), documented_by=f.get("c_doc"), today=self.today())
        except SipmoteError as exc:  # a refused date or personnummer too
            self._show(life.Check(errors=[exc.message]))
            return
        self.consents.append(c)
        for key in ("c_who", "c_rel", "c_pnr", "c_phone", "c_from", "c_to", "c_parties", "c_doc"):
            f.set(key, "")
        self._refresh_tables()
        self.form.widgets["c_who"].focus()

    def on_key(self, event) -> None:
        """Delete removes the selected participant or consent from the form."""
        if event.key != "delete":
            return
        focused = self.focused
        if isinstance(focused, DataTable) and focused.row_count and focused.id in ("prep-participants", "consents"):
            event.stop()
            if not self._editable_now():
                return
            key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value
            if key == PERSON_ROW:  # the plan's own person is always invited
                tell(self, t("prep.person_stays"), severity="warning")
                return
            # asked first, naming who goes: the row is fixed now, whatever the cursor does meanwhile
            if focused.id == "prep-participants":
                who = next((p for p in self.participants if p.id == key), None)
                question = t("life.confirm_remove_participant", name=safe_line(who.name) if who else "?")
            else:
                gone = next((c for c in self.consents if c.id == key), None)
                question = t("life.confirm_remove_consent", name=safe_line(gone.given_by) if gone else "?")

            def done(yes: bool | None) -> None:
                if not yes:
                    return
                if focused.id == "prep-participants":
                    self.participants = [p for p in self.participants if p.id != key]
                else:
                    self.consents = [c for c in self.consents if c.id != key]
                self._refresh_tables()

            self.app.push_screen(ConfirmDialog(question, yes=t("life.key_delete")), done)

    def _editable_now(self) -> bool:
        """A closed plan is read only: refused before any question is asked (lifecycle's rule)."""
        if self.plan is None:
            return True
        try:
            life.ensure_editable(self.plan)
        except life.LifecycleError as exc:
            tell(self, exc.message, severity="warning")
            return False
        return True

    async def action_withdraw(self) -> None:
        """Record that the selected consent was withdrawn today (it is kept, marked)."""
        if not self._editable_now():
            return
        if not self.section("consent").opened:  # opened first (built if need be): it shows whose
            await self.open_section("consent", focus=False)
        ct = self.query_one("#consents", DataTable)
        if not ct.row_count:
            tell(self, t("life.no_consent_selected"), severity="warning")
            return
        key = ct.coordinate_to_cell_key(ct.cursor_coordinate).row_key.value
        consent = next(c for c in self.consents if c.id == key)
        try:
            life.ensure_withdrawable(consent)
        except life.LifecycleError as exc:
            tell(self, exc.message, severity="warning")
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            consent.withdrawn_on = max(self.today(), consent.valid_from)
            plan = self.plan
            if plan is not None and any(c.id == consent.id for c in plan.consents):  # recorded at once
                try:
                    life.withdraw_consent(plan, consent.id, self.today())
                except life.LifecycleError as exc:
                    tell(self, exc.message, severity="error")
                    return
                if save_plan(self, self.register, plan):
                    tell(self, t("life.consent_withdrawn_on", date=date_text(consent.withdrawn_on)))
            self._refresh_tables()
            self._show(self._check())

        self.app.push_screen(ConfirmDialog(t("life.confirm_withdraw", who=safe_line(consent.given_by)),
                                           yes=t("life.key_withdraw")), done)
