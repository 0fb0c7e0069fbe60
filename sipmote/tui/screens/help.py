"""F1 / ?: the keys of the current view, and one line on what the view is for.

The rows come from the bindings (``sipmote.tui.keyhelp``), the same rows the
printed lathund has, so the help is true by construction. A screen that is not
one of the named views (a dialog) gets the keys its own classes declare.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from sipmote.i18n import t
from sipmote.tui import keyhelp
from sipmote.tui.dialogs.base import Dialog
from sipmote.tui.keys import Keys


def help_for(screen: Screen) -> tuple[keyhelp.ViewHelp, keyhelp.ViewHelp]:
    """(the view's help, the keys that work everywhere) for a live screen."""
    keymap = getattr(screen.app, "_keymap", None) or None  # keys moved in [keys] of config.toml
    view = keyhelp.view_of(screen)
    if view is not None:
        here = keyhelp.view_help(view, keymap)
    else:
        rows = tuple(keyhelp.help_rows(keyhelp._remapped(keyhelp.declared_bindings(type(screen)), keymap)))
        here = keyhelp.ViewHelp("other", t("help.title_other"), t("help.purpose_other"), rows)
    everywhere = keyhelp.view_help(keyhelp.GLOBAL, keymap)
    if screen.is_modal:  # over a dialog only the app's priority keys work (Ctrl+Q, Ctrl+P, F1)
        priority = [b for b in keyhelp.view_bindings(keyhelp.GLOBAL, keymap) if b.priority]
        everywhere = keyhelp.ViewHelp(everywhere.view, everywhere.title, everywhere.purpose,
                                      tuple(keyhelp.help_rows(priority)))
    extra = keyhelp.live_rows(screen, here.rows + everywhere.rows)
    if extra:  # e.g. Enter in a table, whose label the view sets when it is built
        here = keyhelp.ViewHelp(here.view, here.title, here.purpose, here.rows + tuple(extra))
    return here, everywhere


class HelpScreen(Dialog[None]):
    """The kit's look (dialogs.tcss): title, what the view is for, the keys, the hint line."""

    BINDINGS = Keys([Binding("escape,f1,question_mark,q", "close", "help.b_close", id="help.close")])

    def __init__(self, here: keyhelp.ViewHelp, everywhere: keyhelp.ViewHelp) -> None:
        super().__init__()
        self.here = here
        self.everywhere = everywhere

    @classmethod
    def for_screen(cls, screen: Screen) -> HelpScreen:
        return cls(*help_for(screen))

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="dialog help"):
            yield Static(Text(t("help.screen_title", view=self.here.title)), id="form-title")
            yield Static(Text(self.here.purpose), id="help-purpose")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Static(Text(t("help.screen_hint")), id="form-hint")

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        table.add_columns(t("help.col_key"), t("help.col_what"))
        for row in self.here.rows:
            table.add_row(Text(row.key, style="bold"), Text(row.description))
        table.add_row(Text(""), Text(""))
        table.add_row(Text(""), Text(t("help.screen_everywhere"), style="bold"))
        for row in self.everywhere.rows:
            table.add_row(Text(row.key, style="bold"), Text(row.description))
        table.focus()

    def shown_rows(self) -> list[tuple[str, str]]:
        """(key, description) of every key row in the table, in order (for tests)."""
        table = self.query_one("#help-keys", DataTable)
        out = []
        for r in range(table.row_count):
            key, what = (str(getattr(c, "plain", c)) for c in table.get_row_at(r))
            if key:
                out.append((key, what))
        return out

    def action_close(self) -> None:
        self.dismiss(None)
