"""The preparation screen's five sections: what each builds when it is opened, the line a
closed one shows, and the keys that open them (F2-F6). A mixin of PrepareScreen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from sipmote import lifecycle as life
from sipmote.i18n import label, t
from sipmote.model import (
    ConsentForm,
    ConsentRecord,
    GoalCategory,
    MeetingKind,
    MeetingMode,
    NoticedBy,
    OrgKind,
    Participant,
)
from sipmote.textview import safe_line
from sipmote.tui.dialogs.fields import FormInput, SuggestInput
from sipmote.tui.dialogs.select import SearchSelect
from sipmote.tui.screens.prepare_form import FormValues, RowTable, Section
from sipmote.tui.widgets.meeting.common import party_roles

#: section id -> (catalogue key of its title, its key), in the order of the form
SECTIONS: dict[str, tuple[str, str]] = {
    "person": ("life.sec_person", "f2"),
    "need": ("prep.sec_need", "f3"),
    "meeting": ("life.sec_time", "f4"),
    "people": ("life.sec_participants", "f5"),
    "consent": ("life.sec_consent", "f6"),
}

#: every field's starting value (a new plan); the key is the field's id on screen
DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(("name", "pnr", "address", "phone", "g1name", "g1phone", "g2name", "g2phone",
                     "noticed_other", "category_other", "ltg", "questions", "date", "time", "end_time",
                     "place", "leader", "conv_unit", "conv_role", "sent", "video_link", "reply_name",
                     "reply_phone", "reply_email", "reply_by", "p_name", "p_unit", "p_role",
                     "c_who", "c_rel", "c_pnr", "c_phone", "c_from", "c_to", "c_parties", "c_doc"), ""),
    "noticed": [], "more_categories": [], "category": None, "conv_org": None,
    "kind": MeetingKind.new, "mode": MeetingMode.in_person, "p_org": OrgKind.school, "c_form": ConsentForm.written,
}
#: the fields a draft keeps (the tick lists too: they are part of what was typed)
DRAFTED = tuple(DEFAULTS)
_PERSON = ("name", "pnr", "address", "phone", "g1name", "g1phone", "g2name", "g2phone")
_NEED = ("noticed", "noticed_other", "category", "category_other", "more_categories", "ltg", "questions")
#: the section each field is in (a crash draft put back opens the sections it fills)
SECTION_OF: dict[str, str] = {key: ("person" if key in _PERSON else "need" if key in _NEED else
                                    "people" if key.startswith("p_") else "consent" if key.startswith("c_")
                                    else "meeting") for key in DEFAULTS}


class PrepareFields(Screen):
    """Needs the screen's form values, roles, units and tables' refresh."""

    form: FormValues
    roles: dict[str, str]
    participants: list[Participant]
    consents: list[ConsentRecord]
    _person_rows: list[Participant]
    _kind_locked: bool
    _units: Callable[[], list[str]]
    _refresh_tables: Callable[[], None]

    # ------------------------------------------------------------------ building blocks
    def _input(self, key: str, *, password: bool = False, placeholder: str = "",
               suggest: list[str] | None = None, party: str = "") -> Widget:
        if suggest:  # Enter/Tab/→ take the suggestion shown (the kit's SuggestInput)
            # a role: the roles of the party chosen in the field ``party`` are offered first
            prefer = (lambda: party_roles(self.form.get(party, None))) if party else None
            return self.form.keep(key, SuggestInput(self.form.get(key), suggestions=suggest, compact=True, id=key,
                                                    placeholder=placeholder, prefer=prefer))
        field = FormInput(self.form.get(key), compact=True, id=key, password=password, placeholder=placeholder)
        field.caret_at_end_once = key == "name"  # focused as the screen opens: a key adds to the name
        return self.form.keep(key, field)

    def _select(self, key: str, options: list[tuple[str, Any]], *, prompt: str = "", blank: bool = False) -> Widget:
        value = self.form.get(key, None)
        kw: dict[str, Any] = {"prompt": prompt} if blank else {"allow_blank": False}
        return self.form.keep(key, SearchSelect(options, compact=True, id=key,
                                          value=Select.NULL if value is None else value, **kw))

    def _ticks(self, key: str, options: list[tuple[str, str]]) -> Widget:
        chosen = set(self.form.get(key, []))
        return self.form.keep(key, SelectionList[str](*[Selection(p, v, v in chosen) for p, v in options], id=key))

    def _row(self, key: str, text: str, **kw: Any) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Label(text)
            yield self._input(key, **kw)

    def _section(self, sid: str, build: Callable[[], ComposeResult], *, opened: bool = False) -> Section:
        title, key = SECTIONS[sid]
        built = self._refresh_tables if sid in ("people", "consent") else (lambda: None)  # a table's rows
        return Section(sid, t(title), key, build, opened=opened, summary=lambda: self._summary(sid), built=built)

    def sections(self) -> list[Section]:
        return [self._section("person", self._person, opened=True), self._section("need", self._need),
                self._section("meeting", self._meeting), self._section("people", self._people),
                self._section("consent", self._consent)]

    # ------------------------------------------------------------------ the five sections
    def _person(self) -> ComposeResult:
        yield from self._row("name", t("field.name"))
        yield from self._row("pnr", t("field.personnummer"), password=True, placeholder="ÅÅÅÅMMDD-NNNN")
        yield from self._row("address", t("life.address"))
        yield from self._row("phone", t("life.phone"))
        yield Static(t("life.sec_guardians"), classes="subsection")
        for i in (1, 2):
            with Horizontal(classes="row"):
                yield Label(t("life.guardian_n", n=i))
                yield self._input(f"g{i}name", placeholder=t("field.name"))
                yield self._input(f"g{i}phone", placeholder=t("life.phone"))

    def _need(self) -> ComposeResult:
        yield Static(t("life.sec_noticed"), classes="subsection")
        yield self._ticks("noticed", [(label(k), k.value) for k in NoticedBy])
        yield from self._row("noticed_other", t("life.noticed_other_label"))
        yield Static(t("life.sec_goal"), classes="subsection")
        yield from self._row("ltg", t("sip.question"), placeholder=t("life.ltg_hint"))
        with Horizontal(classes="row"):
            yield Label(t("life.goal_category"))
            yield self._select("category", [(label(c), c) for c in GoalCategory], prompt=t("life.choose"), blank=True)
        yield Label(t("life.more_goal_categories"))
        yield self._ticks("more_categories", [(label(c), c.value) for c in GoalCategory])
        yield from self._row("category_other", t("life.goal_category_other"))
        yield Static(t("life.sec_questions"), classes="subsection")
        yield self.form.keep("questions", TextArea(self.form.get("questions"), id="questions", soft_wrap=True))

    def _meeting(self) -> ComposeResult:
        yield from self._row("date", t("life.meeting_date"), placeholder="ÅÅÅÅ-MM-DD")
        yield from self._row("time", t("field.time"), placeholder="TT:MM")
        yield from self._row("end_time", t("life.end_time"), placeholder="TT:MM")
        yield from self._row("place", t("field.place"))
        with Horizontal(classes="row"):
            yield Label(t("life.mode"))
            yield self._select("mode", [(label(m), m) for m in MeetingMode])
        with Horizontal(classes="row"):
            yield Label(t("life.meeting_kind"))
            kind = self._select("kind", [(label(k), k) for k in MeetingKind])
            kind.disabled = self._kind_locked
            yield kind
        yield from self._row("leader", t("life.leader"))
        with Horizontal(classes="row"):
            yield Label(t("life.convened_by"))
            yield self._select("conv_org", [(label(k), k) for k in OrgKind], prompt=t("life.convened_party"),
                               blank=True)
        with Horizontal(classes="row"):  # a row of its own: whole at 80 columns
            yield Label(t("prep.convened_unit_role"))
            yield self._input("conv_unit", placeholder=t("life.organisation_hint"), suggest=self._units())
            yield self._input("conv_role", placeholder=t("life.role"), suggest=list(self.roles), party="conv_org")
        yield from self._row("sent", t("life.invitation_sent"), placeholder="ÅÅÅÅ-MM-DD")
        yield from self._row("video_link", t("life.video_link"), placeholder="https://…")
        yield from self._row("reply_name", t("life.reply_name"))  # the kallelse: whom to answer, how, by when
        yield from self._row("reply_phone", t("life.reply_phone"))
        yield from self._row("reply_email", t("life.reply_email"))
        yield from self._row("reply_by", t("life.reply_by"), placeholder="ÅÅÅÅ-MM-DD")

    def _people(self) -> ComposeResult:
        yield self.form.keep("prep-participants", RowTable(id="prep-participants", cursor_type="row"))
        with Horizontal(classes="row"):  # two fields a row: every hint whole at 80 columns
            yield self._input("p_name", placeholder=t("field.name"))
            yield self._select("p_org", [(label(k), k) for k in OrgKind])
        with Horizontal(classes="row"):
            yield self._input("p_unit", placeholder=t("life.organisation_hint"), suggest=self._units())
            yield self._input("p_role", placeholder=t("life.role"), suggest=list(self.roles), party="p_org")
            yield _add_button("p_add")
        yield Static(t("life.participants_hint"), classes="hint")

    def _consent(self) -> ComposeResult:
        with Horizontal(classes="row"):  # every hint whole at 80 columns; the Tab order as read
            yield self._input("c_who", placeholder=t("life.consent_given_by"))
            yield self._input("c_rel", placeholder=t("life.consent_relation"))
        with Horizontal(classes="row"):
            yield self._input("c_pnr", password=True, placeholder=t("life.consent_pnr"))
            yield self._input("c_phone", placeholder=t("life.consent_phone"))
        with Horizontal(classes="row"):
            yield self._select("c_form", [(label(f), f) for f in ConsentForm])
            yield self._input("c_from", placeholder=t("life.consent_from"))
            yield self._input("c_to", placeholder=t("life.consent_to"))
        with Horizontal(classes="row"):
            yield self._input("c_parties", placeholder=t("life.consent_parties"))
            yield self._input("c_doc", placeholder=t("life.consent_documented_by"))
            yield _add_button("c_add")
        yield Static(t("life.consents_hint"), classes="hint")
        yield self.form.keep("consents", RowTable(id="consents", cursor_type="row"))

    # ------------------------------------------------------------------ closed sections: one line each
    def _summary(self, sid: str) -> str:
        f = self.form.get
        if sid == "need":
            category = f("category", None)
            parts = [label(category) if isinstance(category, GoalCategory) else "",
                     f"”{safe_line(f('ltg'))}”" if f("ltg").strip() else ""]
            return " · ".join(p for p in parts if p)
        if sid == "meeting":
            parts = [f("date"), f("time"), safe_line(f("place"))]
            return " ".join(p for p in parts if p.strip())
        if sid == "people":
            names = [safe_line(f("name")) or t("role.person")] + [safe_line(p.name) for p in self.participants]
            return t("prep.people_summary", n=len(names), names=", ".join(names))
        if sid == "consent":
            if not self.consents:
                return t("prep.no_consent")
            return t("prep.consent_summary", n=len(self.consents),
                     names=", ".join(safe_line(c.given_by) for c in self.consents))
        return ""

    def section(self, sid: str) -> Section:
        return self.query_one(f"#sec-{sid}", Section)

    def show_summaries(self) -> None:
        for s in self.query(Section):
            s.show_head()

    async def open_section(self, sid: str, *, focus: bool = True) -> Section:
        """Open a section (built the first time) and, with ``focus``, put the cursor in its
        first field and the section at the top of the form."""
        sec = self.section(sid)
        await sec.open()
        if focus and sec.body is not None:
            first = sec.first_field()
            if first is not None:
                first.focus(scroll_visible=False)
            form = self.query_one("#prep-form")
            self.call_after_refresh(form.scroll_to_widget, sec, animate=False, top=True)
        return sec

    async def action_section(self, sid: str) -> None:
        await self.open_section(sid)

    async def open_sections(self, keys: list[str]) -> None:
        """Open the sections that hold ``keys`` (what a crash draft put back), without moving the
        cursor: what was restored is in sight, not folded away."""
        for sid in dict.fromkeys(SECTION_OF[k] for k in keys if k in SECTION_OF):
            if not self.section(sid).opened:
                await self.open_section(sid, focus=False)

    def _fill_values(self, prep: life.Preparation) -> None:
        """The form's fields from a preparation (built ones on screen, the rest held)."""
        s = self.form.set
        for key in ("name", "personnummer", "address", "phone", "noticed_other", "long_term_goal", "date", "time",
                    "place", "leader", "invitation_sent", "end_time", "video_link", "reply_name", "reply_phone",
                    "reply_email", "reply_by"):
            s(_FIELD_OF.get(key, key), getattr(prep, key))
        guardians = [*prep.guardians[:2], ("", ""), ("", "")]
        for i, (gname, gphone) in enumerate(guardians[:2], 1):
            s(f"g{i}name", gname)
            s(f"g{i}phone", gphone)
        s("noticed", [k.value for k in prep.noticed_by])
        s("category", prep.goal_category)
        s("more_categories", [c.value for c in prep.more_goal_categories])
        s("category_other", prep.goal_category_other)
        s("questions", "\n".join(prep.questions))
        s("kind", prep.kind)
        self._kind_locked = prep.kind == MeetingKind.follow_up
        kind = self.form.widgets.get("kind")
        if kind is not None:
            kind.disabled = self._kind_locked
        s("mode", prep.mode)
        conv = prep.convened_by
        s("conv_org", conv.org_kind)
        s("conv_unit", conv.organisation)
        s("conv_role", next((lbl for lbl, key in self.roles.items() if key == conv.role), conv.role))


def _add_button(bid: str) -> Button:
    """'Lägg till' for the mouse: no Tab stop (Enter in any field of the row adds it), so a
    participant's name is five Tabs from the consent's, not six (F6 is the one key)."""
    button = Button(t("life.add"), id=bid)
    button.can_focus = False
    return button


_FIELD_OF = {"personnummer": "pnr", "long_term_goal": "ltg", "invitation_sent": "sent"}
