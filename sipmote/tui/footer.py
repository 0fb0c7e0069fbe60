"""The footer: the keys of the current view in priority order, never a key cut in half.

Textual's own footer lays the keys out left to right and lets the line cut the
last ones off (at 100 columns the meeting lost Esc and Ctrl+Q, and a letter of a
longer line stayed in the corner). ``KeyFooter`` instead ranks the keys that
may be shown and takes them while they fit whole; what has no room stays in the
palette (the last item, ``^P Fler``) and in the F1 help.

The ranking, highest first, follows the screen's ``FOOTER_PRIORITY``: a tuple of
actions and two tokens, ``"view"`` (the keys of the focused widget and its
parents below the screen - in the meeting the body of the phase - each node's own
``FOOTER_PRIORITY`` first, then in the order the node declares them) and
``"view:N"`` (the next N of those). Without one a screen ranks its Esc key, the
view's keys, ``quit``, then its own keys in order; whatever is not named comes
after, the screen's keys before the app's. The keys shown are drawn in rank
order, Esc and quit last before the palette.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.binding import ActiveBinding
from textual.widget import Widget

from sipmote.i18n import t

PALETTE = "command_palette"
QUIT = "quit"

_SHORT = {"escape": "Esc", "enter": "⏎", "delete": "Del", "backspace": "⌫", "space": "␣", "slash": "/",
          "question_mark": "?", "left": "←", "right": "→", "up": "↑", "down": "↓", "pageup": "PgUp",
          "pagedown": "PgDn", "home": "Home", "end": "End", "tab": "Tab", "plus": "+", "minus": "-"}


def short_key(key: str) -> str:
    """A key as the footer prints it: ``ctrl+q`` -> ``^Q``, ``escape`` -> ``Esc``, ``f9`` -> ``F9``."""
    *mods, base = key.split("+")
    name = _SHORT.get(base, base.upper() if len(base) > 1 and base[0] == "f" and base[1:].isdigit() else base)
    if mods == ["ctrl"]:
        return "^" + name.upper()
    return "+".join([m.capitalize() for m in mods] + [name])


@dataclass
class Item:
    """One thing a key does: its keys as printed, its text, the action and the node that binds it."""

    keys: str
    description: str
    action: str
    node: Any
    order: int  # the node's declaration order
    key: str = ""  # the first key bound (what a click on the item presses)

    @property
    def width(self) -> int:
        return cell_len(self.keys) + 1 + cell_len(self.description)


def _passes_on(node: Any, action: str) -> bool:
    """Whether a widget's own ``action`` lets its key go on to the keys above it now (Textual's
    SkipAction): a row-cursor table's ←/→ and a scroll key where there is nothing to scroll."""
    if action in ("cursor_left", "cursor_right") and getattr(node, "cursor_type", None) == "row":
        action = action.replace("cursor", "scroll")
    if action in ("scroll_left", "scroll_right"):
        return not node.allow_horizontal_scroll
    if action in ("scroll_up", "scroll_down"):
        return not node.allow_vertical_scroll
    return False


def reachable(screen: Any, bindings: dict[str, Any] | None = None) -> list[tuple[str, Any]]:
    """``bindings`` (default: the screen's active ones), where a key moved in ``[keys]`` that the focused
    widget holds with a hidden binding of Textual's (a table's cursor keys) is also listed with
    the shown binding further up that it passes the key on to: → in the meeting still shows."""
    bindings = screen.active_bindings if bindings is None else bindings
    out = list(bindings.items())
    moved = {k for keys in getattr(screen.app, "_keymap", {}).values() for k in keys.split(",")}
    # Textual's own hidden keys (sipmote's all have an id) on a key a user moved, that the widget
    # passes on: a row cursor has no →
    hidden = {key for key, active in out if key in moved and not active.binding.show and active.binding.id is None
              and _passes_on(active.node, active.binding.action)}
    if not hidden:
        return out
    shown = {(id(a.node), a.binding.action) for _key, a in out}
    for node, bindings_map in screen._modal_binding_chain:
        for key, binding in bindings_map:
            if key in hidden and binding.show and binding.description and bindings[key].node is not node \
                    and (id(node), binding.action) not in shown:
                state = screen.app._check_action_state(binding.action, node)
                if state is not False:
                    out.append((key, ActiveBinding(node, binding, bool(state), binding.tooltip)))
                    shown.add((id(node), binding.action))
    return out


def items(screen: Any, bindings: Any = None) -> list[Item]:
    """The keys the footer may show on ``screen`` (shown, enabled, with a text), one per action."""
    out: dict[tuple[int, str], Item] = {}
    for key, active in reachable(screen, bindings):
        b, node = active.binding, active.node
        if not active.enabled or (not b.show and b.action != PALETTE) or not b.description:
            continue
        label = b.key_display or short_key(key)
        found = out.get((id(node), b.action))
        if found is None:
            bound = getattr(node, "_bindings", None)
            declared = [bs for _key, bs in bound.key_to_bindings.items()] if bound is not None else []
            # by the action, not the key: a key moved in [keys] keeps its place
            order = next((i for i, bs in enumerate(declared) if any(x.action == b.action for x in bs)), len(declared))
            out[(id(node), b.action)] = Item(label, b.description, b.action, node, order, key)
        elif label not in found.keys.split("/"):
            found.keys += "/" + label
    return list(out.values())


def _chain(screen: Any) -> list[Any]:
    return [node for node, _bindings in screen._modal_binding_chain]


DEFAULT_PRIORITY = ("escape", "view", QUIT)


def ranked(screen: Any, candidates: list[Item]) -> list[Item]:
    """``candidates`` (without the palette) highest priority first (see the module's docstring)."""
    chain = _chain(screen)
    below = chain[:chain.index(screen)] if screen in chain else []
    firsts = [a for node in reversed(below) for a in getattr(node, "FOOTER_PRIORITY", ())]  # the view's own first
    view = sorted((i for i in candidates if i.node in below),
                  key=lambda i: (firsts.index(i.action) if i.action in firsts else len(firsts), below.index(i.node),
                                 i.order))
    left = [i for i in candidates if i not in view]
    out: list[Item] = []
    for token in getattr(screen, "FOOTER_PRIORITY", DEFAULT_PRIORITY):
        if token == "view" or token.startswith("view:"):
            n = int(token[5:]) if token != "view" else len(view)
            out += view[:n]
            del view[:n]
            continue
        for item in [i for i in left if (i.action == token or (token == "escape" and _is_escape(i)))]:
            out.append(item)
            left.remove(item)
    out += view
    out += sorted(left, key=lambda i: (i.node is not screen, i.order))
    return out


def _is_escape(item: Item) -> bool:
    return "Esc" in item.keys.split("/")


def footer_items(screen: Any, width: int, bindings: Any = None) -> tuple[list[Item], Item | None, bool]:
    """What fits in ``width`` columns: (the keys in drawing order, the palette item, whether keys were left out)."""
    found = items(screen, bindings)
    palette = next((i for i in found if i.action == PALETTE), None)
    rest = ranked(screen, [i for i in found if i is not palette])
    more = Item(palette.keys, t("footer.more"), PALETTE, palette.node, 0, palette.key) if palette else None
    full = Item(palette.keys, palette.description, PALETTE, palette.node, 0, palette.key) if palette else None
    if sum(i.width + 1 for i in rest) + (full.width if full else 0) <= width:
        chosen, dropped = rest, False
    else:
        room = width - (more.width + 1 if more else 0)
        chosen = []
        for item in rest:  # strictly by priority: a lower key never shows while a higher one has no room
            if item.width > room:
                break
            chosen.append(item)
            room -= item.width + 1
        dropped = True
    last = [i for i in chosen if i.action == QUIT or _is_escape(i)]
    drawn = [i for i in chosen if i not in last] + last
    return drawn, (more if dropped else full), dropped


class KeyFooter(Widget, can_focus=False):
    """One line: the keys of the view that fit whole, the palette key at the right end."""

    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyFooter > .key-footer--description { color: $footer-description-foreground; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.screen_change_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Any) -> None:
        if self._state()[1] != self._drawn[1]:  # a signal that changed nothing shown: no repaint
            self.refresh()

    _spans: list[tuple[int, int, str]] = []  # (from column, to column, key) of what is drawn
    _drawn: tuple[int, tuple, Text] = (-1, (), Text())  # (width, signature, line) last drawn

    def _state(self) -> tuple[Any, tuple]:
        """The screen's active keys (none while a dialog is over it) and the signature of what the
        line is made of: the theme, whether the screen is shown, and each key's action, text and
        state. Opening a screen sent three signals that changed none of it."""
        shown = self.app.screen is self.screen
        bindings = self.screen.active_bindings if shown else {}
        keys = tuple((key, ab.binding.action, ab.binding.description, ab.binding.show, ab.enabled, id(ab.node))
                     for key, ab in bindings.items())
        return bindings, (self.app.theme, shown, keys)

    def line(self, width: int, bindings: Any = None) -> Text:
        """The footer's text at ``width`` columns (also read by the tests)."""
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        text_style = self.get_component_rich_style("key-footer--description", partial=True)
        drawn, palette, _dropped = footer_items(self.screen, width, bindings)
        text = Text(no_wrap=True, overflow="crop", end="")
        spans = []
        for item in drawn:
            spans.append((text.cell_len, text.cell_len + item.width, item.key))
            text.append(item.keys, key_style)
            text.append(" " + item.description + " ", text_style)
        if palette is not None:
            tail = Text.assemble((palette.keys, key_style), (" " + palette.description, text_style))
            text.append(" " * max(0, width - text.cell_len - tail.cell_len))
            spans.append((text.cell_len, text.cell_len + tail.cell_len, palette.key))
            text.append_text(tail)
        self._spans = spans
        return text

    def on_click(self, event: Any) -> None:
        """A click on a key presses it (as on Textual's footer)."""
        key = next((k for start, end, k in self._spans if start <= event.x < end), "")
        if key and self.app.screen is self.screen:
            self.app.simulate_key(key)

    def render(self) -> Text:
        width, (bindings, signature) = self.size.width, self._state()
        if (width, signature) == self._drawn[:2]:
            return self._drawn[2]
        # a dialog is open: its keys are in its own hint line, these do not work now
        line = self.line(width, bindings) if signature[1] else Text()
        self._drawn = (width, signature, line)
        return line
