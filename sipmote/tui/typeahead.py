"""Typing ahead is safe: a key never lands in the field or screen it was not meant for.

Why keys went astray: Textual routes a key when the *app* takes it from its queue
(to whatever has focus at that moment) but handles it later, in the *widget's*
queue, and a key the widget does not use climbs to its parents one queue at a
time before a binding runs. So after Tab, or a key that opens a dialog, the keys
typed right behind it were already routed to the old field (Tab then
"2026-12-14" became Person "2026-12" and Start "-14").

The cure, ``KeyGate``: a key that may move focus or change the screen (Tab,
Enter, Esc, space, anything bound in the current binding chain, any
non-printable key) is *in flight* until it has travelled the whole way — the
widget it was routed to, each parent up to the screen, then the app — and, when
the screen changed, until the new screen has mounted and drawn. Keys that
arrive meanwhile wait in order and are routed afterwards, to where focus is
then. A plain character typed into a field takes the fast path as before.
The travel is followed with ``call_later`` markers: each node handles its queue
in order, so a marker behind the key runs after the key (and after the copy of
the key that bubbles to the parent, which is posted before the marker runs).
The path is followed twice: a message the key's handler posts (Enter in a field
posts ``Input.Submitted``; the screen's handler adds the row and moves focus)
bubbles one step behind the first markers, so the second pass runs after it
(else the name typed after Enter went into the previous row's role field).
A key whose travel never ends (it cannot happen in sipmote, but a gate must
never hold the keyboard) lets the next keys go after ``MAX_HOLD`` seconds.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Iterable
from typing import Any

from textual import events
from textual.dom import DOMNode
from textual.widgets import DataTable

ALWAYS_GATED = frozenset({"tab", "shift+tab", "enter", "escape", "space"})
#: keys that only move a focused table's cursor: they take the fast path (about 6 messages less
#: per key); a gated key behind them still waits until they have reached the table
CURSOR_KEYS = frozenset({"up", "down"})
MAX_HOLD = 0.75  # seconds: a key still in flight after this no longer holds the next ones


class KeyGate:
    """Mixin for a Textual ``App``: routes keys in the order they were typed, each to where
    focus is once the keys before it have been handled."""

    _gate_waiting: deque[events.Key | events.Paste]
    _gate_busy_since: float | None = None
    _gate_token: int = 0
    _gate_pending: int = 0  # plain characters routed but not yet taken by their field
    _gate_posted: int = 0  # keys a test has posted that the app has not taken from its queue yet

    def _gate_init(self) -> None:
        if "_gate_waiting" not in self.__dict__:
            self._gate_waiting = deque()

    async def on_event(self, event: events.Event) -> None:
        app: Any = self
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._gate_init()
            self._gate_posted = max(0, self._gate_posted - 1)
            if self._gate_busy_since is not None or self._gate_waiting:
                self._gate_waiting.append(event)
                app.call_later(self._gate_drain)
                return
            if self._gate_needed(event):
                if self._gate_pending:
                    # characters routed before it must be in their field first (Ctrl+S saves them)
                    self._gate_waiting.append(event)
                    return
                await self._gate_route(event)
            else:
                await self._gate_fast(event)
            return
        await super().on_event(event)  # type: ignore[misc]

    async def _gate_fast(self, event: events.Event) -> None:
        """A plain character: routed at once; counted until its field has taken it."""
        app: Any = self
        target = app.focused or app.screen
        self._gate_pending += 1
        await super().on_event(event)  # type: ignore[misc]
        if not target.call_later(self._gate_fast_done):
            self._gate_fast_done()

    def _gate_fast_done(self) -> None:
        self._gate_pending = max(0, self._gate_pending - 1)
        if not self._gate_pending and self._gate_waiting and self._gate_busy_since is None:
            app: Any = self
            app.call_later(self._gate_drain)

    def _gate_needed(self, event: events.Event) -> bool:
        if not isinstance(event, events.Key):
            return True  # a paste travels through the screen to the field: follow it
        app: Any = self
        if event.key in CURSOR_KEYS and isinstance(app.focused, DataTable):
            return False  # moves the table's cursor only: focus and screen stay (issue 17)
        if event.key in ALWAYS_GATED or not event.is_printable:
            return True
        try:
            chain = app.screen._modal_binding_chain
        except Exception:  # noqa: BLE001 - no screen yet: route as Textual would
            return False
        return any(event.key in bindings.key_to_bindings for _node, bindings in chain)

    async def _gate_route(self, event: events.Event) -> None:
        """Route one key as Textual does, then hold the next ones until it has travelled."""
        app: Any = self
        screen_before = app.screen
        target = app.focused or screen_before
        self._gate_token += 1
        token = self._gate_token
        self._gate_busy_since = time.monotonic()
        app.set_timer(MAX_HOLD, lambda: self._gate_settled(token))  # never hold the keyboard
        await super().on_event(event)  # type: ignore[misc]
        path: list[DOMNode] = [screen_before] if isinstance(event, events.Paste) else []
        node: Any = target
        while node is not None and node is not app:
            path.append(node)
            node = node.parent
        path.append(app)
        self._gate_follow(path, token, screen_before, path)

    def _gate_follow(self, path: list[DOMNode], token: int, screen_before: Any,
                     again: list[DOMNode] | None = None) -> None:
        if token != self._gate_token:
            return  # released by the time limit; a later key is in flight
        if path:
            head, rest = path[0], path[1:]
            if not head.call_later(self._gate_follow, rest, token, screen_before, again):
                self._gate_follow(rest, token, screen_before, again)  # the node has gone (a dialog closed)
            return
        if again:
            # once more: a message the key's handler posted (Enter -> Input.Submitted, whose
            # handler moves focus) travels the same way one step behind the first markers
            self._gate_follow(again, token, screen_before)
            return
        app: Any = self
        screen = app.screen
        if screen is not screen_before:
            # a dialog opened or closed: wait until it has mounted, focused and drawn
            screen.call_after_refresh(self._gate_settled, token)
        else:
            self._gate_settled(token)

    def _gate_settled(self, token: int) -> None:
        if token == self._gate_token:
            self._gate_open()

    def _gate_open(self) -> None:
        self._gate_busy_since = None
        if self._gate_waiting:
            app: Any = self
            app.call_later(self._gate_drain)

    @property
    def keys_in_flight(self) -> bool:
        """A key is still travelling or waiting to be routed."""
        return (self._gate_busy_since is not None or self._gate_pending > 0 or self._gate_posted > 0
                or bool(self.__dict__.get("_gate_waiting")))

    async def _press_keys(self, keys: Iterable[str]) -> None:
        """Pilot's key presses (tests): each key has arrived before the next is sent, as a
        person's keys have when the screen keeps up. Pilot's own idle check reads CPU time,
        which a loaded machine fools."""
        for key in keys:
            # in flight from now: Pilot's own wait may return before the app has taken the key
            self._gate_posted += 0 if key.startswith("wait:") else 1
            await super()._press_keys([key])  # type: ignore[misc]
            deadline = time.monotonic() + 2 * MAX_HOLD
            while self.keys_in_flight and time.monotonic() < deadline:
                await asyncio.sleep(0.005)
            self._gate_posted = 0  # a key that never came (cannot happen) holds no later key

    async def _gate_drain(self) -> None:
        """Route the waiting keys in order until one of them has to wait."""
        while self._gate_waiting and self._gate_busy_since is None:
            event = self._gate_waiting[0]
            if self._gate_needed(event):
                if self._gate_pending:
                    return  # _gate_fast_done drains again
                self._gate_waiting.popleft()
                await self._gate_route(event)
            else:
                self._gate_waiting.popleft()
                await self._gate_fast(event)
