"""The Textual user interface: a thin layer over the headless domain."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sipmote.store import Register


def _terminal_size_wins() -> None:
    """Let the terminal's own size win over COLUMNS/LINES in the environment.

    Textual asks ``shutil.get_terminal_size``, which prefers those variables: exported by a
    shell profile or a CI runner, they pinned the app at their size (80x24 in a 100x30
    window) and every resize was read back as the same size. Where the terminal reports
    a size, they are dropped for this process; where it does not (no terminal), they stay."""
    import os
    import sys

    try:
        cols, rows = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return
    if cols > 0 and rows > 0:
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)


def run_app(*, register: Register, plan_id: str | None = None, lang: str = "sv", demo: bool = False) -> int:
    import gc

    # Start-up builds tens of thousands of long-lived objects (Textual's modules, the widgets);
    # the collector scanned them over and over on the way to the first frame (150 collections,
    # 40-60 ms of CPU, about a tenth of it). Off until the first frame is drawn; then what
    # start-up built is frozen out of later scans (SipmoteApp.start_collector).
    _terminal_size_wins()
    gc.disable()
    try:
        from sipmote.tui.app import SipmoteApp

        app = SipmoteApp(register=register, plan_id=plan_id, lang=lang, demo=demo)
        app.run()
    finally:
        gc.enable()
    if app.has_unsaved and not app.save_now():  # the app ended without its last save: once more
        import sys

        from sipmote.i18n import t

        print(t("mt.quit_unsaved"), file=sys.stderr)
        return 1
    return app.return_code or 0
