"""The sipmote App (placeholder until the meeting screen lands): shows the plan."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from sipmote.textview import plan_text


class SipmoteApp(App):
    TITLE = "sipmote"
    BINDINGS = [("q", "quit", "Avsluta")]

    def __init__(self, *, register, plan_id=None, lang="sv", demo=False) -> None:
        super().__init__()
        self.register = register
        self.plan_id = plan_id
        self.demo = demo

    def compose(self) -> ComposeResult:
        yield Header()
        if self.plan_id:
            plan = self.register.load(self.plan_id)
            yield Static(plan_text(plan), markup=False)
        else:
            yield Static("\n".join(s.name for s in self.register.summaries()), markup=False)
        yield Footer()
