"""The command palette (Ctrl+P): every command in the language of the run.

``system_commands(app, screen)`` replaces Textual's English built-ins (theme,
quit, keys, maximize, screenshot) with translated ones, adds the app's own
commands and, for whichever screen is open, one command per key of the
current view (read from its active bindings, so the palette always offers
exactly what the footer could and more: the keys the footer has no room for).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen

from sipmote.i18n import t
from sipmote.tui.footer import reachable
from sipmote.tui.keyhelp import declared_bindings, key_label

#: actions the palette does not list as a view's key (they are there already, or are Textual's)
_SKIP = {"command_palette", "quit", "next_theme", "open_stats", "app.focus_next", "app.focus_previous",
         "screen.copy_text", "app.quit"}


def key_text(binding: Any) -> str:
    """The key as the F1 help names it ("Enter", "Mellanslag", "Ctrl+Q"), not the footer's sign."""
    return key_label(binding.key)


def _ours(node: Any, action: str) -> bool:
    """A key sipmote gave ``node`` (not one of Textual's own: a table's "Cursor up" …)."""
    return any(b.action == action for b in declared_bindings(type(node)))


def builtin_commands(app: Any, screen: Screen) -> Iterator[SystemCommand]:
    """Textual's own palette commands, translated."""
    yield SystemCommand(t("cmd.quit"), t("cmd.quit_help"), app.action_quit)
    # sipmote's own key help (F1), in Swedish, instead of Textual's key panel (English texts of its widgets)
    yield SystemCommand(t("cmd.keys"), t("cmd.keys_show"), app.action_help)
    if screen.maximized is not None:
        yield SystemCommand(t("cmd.minimize"), t("cmd.minimize_help"), screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(t("cmd.maximize"), t("cmd.maximize_help"), screen.action_maximize)
    yield SystemCommand(t("cmd.screenshot"), t("cmd.screenshot_help"),
                        lambda: app.set_timer(0.1, app.deliver_screenshot))


def view_commands(screen: Screen) -> Iterator[SystemCommand]:
    """One command per key of the view on ``screen`` (with its key in the help line)."""
    seen: set[tuple[int, str]] = set()
    for _key, active in reachable(screen):  # a key moved onto a table's → included (tui/footer.py)
        b, node = active.binding, active.node
        if not b.description or b.action in _SKIP or not active.enabled or not _ours(node, b.action):
            continue
        if (id(node), b.action) in seen:
            continue
        seen.add((id(node), b.action))
        yield SystemCommand(b.tooltip or b.description, t("cmd.key", key=key_text(b)), _runner(node, b.action))


def _runner(node: Any, action: str) -> Callable[[], None]:
    def run() -> None:
        node.call_later(node.run_action, action)

    return run


def system_commands(app: Any, screen: Screen, extra: Iterable[SystemCommand] = ()) -> Iterator[SystemCommand]:
    """Everything the palette offers on ``screen``: the view's keys first, then the app's commands."""
    yield from view_commands(screen)
    yield from extra
    yield from builtin_commands(app, screen)


def palette() -> CommandPalette:
    """The palette with its search field in the language of the run."""
    return CommandPalette(placeholder=t("cmd.search"), id="--command-palette")
