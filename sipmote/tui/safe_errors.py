"""No traceback on the projector.

Textual's default for an unhandled exception prints a Rich traceback *with
local variables* when the app exits: plan objects, names and personnummer on
the screen everyone is looking at. ``SafeErrorsMixin`` replaces that with the
short message of ``err.unexpected`` and writes the code locations (never the
values or the exception text) to ``sipmote.log`` in the data folder, like the
CLI does.

    class SipmoteApp(SafeErrorsMixin, App): ...

The app reads ``self.register.root`` for the data folder (falls back to
SIPMOTE_HOME / the default). ``--dev`` debugging is unaffected: set
``SIPMOTE_DEBUG=1`` to get Textual's own traceback.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rich.text import Text

from sipmote.errors import log_unexpected
from sipmote.i18n import t


class SafeErrorsMixin:
    def _data_folder(self) -> Path:
        reg = getattr(self, "register", None)
        if reg is not None and getattr(reg, "root", None) is not None:
            return Path(reg.root)
        from sipmote.store import default_home

        return default_home()

    def _handle_exception(self, error: Exception) -> None:  # Textual's hook for unhandled errors
        if os.environ.get("SIPMOTE_DEBUG"):
            return super()._handle_exception(error)  # type: ignore[misc]
        app: Any = self  # the App this is mixed into (its private hooks are Textual's)
        app._sipmote_error_log = log_unexpected(self._data_folder(), error, "tui")
        app._return_code = 70
        if getattr(app, "_exception", None) is None:  # Pilot re-raises it for test frameworks
            app._exception = error
            app._exception_event.set()
        # what Textual's _fatal_error does, with our message instead of the traceback
        app._exit_renderables.append(Text(t("err.unexpected", log=app._sipmote_error_log)))
        app._close_messages_no_wait()
