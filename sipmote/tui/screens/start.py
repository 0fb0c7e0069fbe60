"""Fallback start screen: the plans in the register, Enter opens the meeting.

Used only until the lifecycle's RegisterScreen (screens/register.py) exists."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from sipmote.i18n import t
from sipmote.personnummer import mask
from sipmote.textview import safe_line


class PlanListScreen(Screen):
    BINDINGS = [Binding("enter", "open", t("mt.b_open"), show=True)]

    def compose(self) -> ComposeResult:
        yield Static(t("mt.plans_title"), id="start-title")
        summaries = self.app.register.summaries()
        options = [Option(Text(f"{safe_line(s.name)}  {mask(s.personnummer)}  ({s.id})"), id=s.id)
                   for s in summaries]
        yield OptionList(*options, id="plans")
        if not summaries:
            yield Static(t("mt.no_plans"), id="start-empty")
        yield Footer(compact=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_plan(event.option.id)

    def action_open(self) -> None:
        ol = self.query_one(OptionList)
        if ol.highlighted is not None:
            self.app.open_plan(ol.get_option_at_index(ol.highlighted).id)
