"""The kit's base: one look (``dialogs.tcss``), Esc cancels, an error line, and drafts.

A dialog that opens clears the app's notifications that were said already: at 80x24 toasts
covered a dialog's buttons and text. An echo of what was done ("Mötet är genomfört") is
said at once; a warning or an error once it has been on screen for ``READ`` seconds (one
raised just before, e.g. a plan restored from its backup as the register opened, stays).

A dialog that holds typed text reports its values to the plan's session on every
change (``session.set_draft``); the session saves them within a second. Confirming
or cancelling clears the draft. When the session holds a draft left by a crash for
this dialog's key, the dialog opens with it filled in. The draft also keeps how the
dialog was opened (``opener.capture``), so accepting it after a crash opens the dialog
again at once."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from sipmote.i18n import t
from sipmote.tui.dialogs.opener import capture
from sipmote.tui.keys import Keys, rebind

R = TypeVar("R")

CSS_FILE = Path(__file__).with_name("dialogs.tcss")
READ = 2.0  # seconds: a warning or error on screen this long has been said


class Dialog(ModalScreen[R], Generic[R]):
    """Base of every dialog: ``.dialog`` box, Esc cancels (dismisses None)."""

    CSS_PATH: ClassVar[Any] = CSS_FILE  # absolute: subclasses in other modules share the one file
    BINDINGS = Keys([Binding("escape", "cancel", "dlg.cancel", id="dialog.cancel")])

    def __init__(self, *, session: Any = None, draft_key: str | None = None) -> None:
        super().__init__()
        rebind(self)  # the keys' texts in the language of this run (tui/keys.py)
        self._session = session
        self.draft_key = draft_key
        self._initial: dict[str, Any] | None = None
        self.opener = capture()  # built inside the action that opens it: how to open it again

    def on_mount(self) -> None:
        # (Textual runs every class's on_mount, a subclass's first: what a dialog says as it
        # opens is said through call_later, after this)
        app = self.app
        now = time.time()
        said = [n for n in app._notifications if n.severity == "information" or now - n.raised_at >= READ]
        for n in said:
            app._unnotify(n, refresh=False)
        if said:
            app._refresh_notifications()

    # ---- the plan session that keeps this dialog's draft (None: no drafts)
    @property
    def session(self) -> Any:
        """The session given, else that of the nearest screen below that has one."""
        if self._session is None:
            stack = self.app.screen_stack
            below = stack[: stack.index(self)] if self in stack else stack
            for screen in reversed(below):
                found = getattr(screen, "session", None)
                if found is not None:
                    self._session = found
                    break
        return self._session

    def draft_title(self) -> str:
        return ""

    def draft_values(self) -> dict[str, Any]:
        """What is typed now (overridden by dialogs with fields)."""
        return {}

    def restore_values(self, values: dict[str, Any]) -> None:
        """Fill the fields from a draft (overridden by dialogs with fields)."""

    def start_drafts(self) -> None:
        """Call at the end of on_mount: remember the opening values, restore a crash's draft."""
        session = self.session
        if session is None or not self.draft_key:
            return
        self._initial = self.draft_values()
        restored = session.draft(self.draft_key)
        if restored:
            self.restore_values(restored)
            session.restored.pop(self.draft_key, None)  # offered back once
            self.call_later(self.notify, t("dlg.draft_restored"), timeout=5)  # after the opening clear
            self.report_draft()
            self.call_after_refresh(self._caret_to_end)

    def _caret_to_end(self) -> None:
        """After a draft is put back, typing goes on after its text (never replaces it)."""
        w = self.focused
        if isinstance(w, Input):
            w.cursor_position = len(w.value)
        elif isinstance(w, TextArea):
            w.move_cursor(w.document.end)

    def report_draft(self) -> None:
        """The fields changed: the session keeps them as a draft (saved within a second)."""
        session = self.session
        if session is None or not self.draft_key or self._initial is None:
            return
        values = self.draft_values()
        if values == self._initial:
            session.clear_draft(self.draft_key)
        else:
            session.set_draft(self.draft_key, self.draft_title(), values, self.opener)

    def finish(self, result: R | None) -> None:
        """Confirm or cancel: the draft goes, the dialog closes with ``result``."""
        session = self.session
        if session is not None and self.draft_key:
            session.clear_draft(self.draft_key)
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.finish(None)

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Text(message))
        error.set_class(bool(message), "-visible")
