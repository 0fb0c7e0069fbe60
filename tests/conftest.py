"""Shared fixtures and test doubles, one home each: an isolated data folder, Swedish by default,
cheap scrypt, no network for any test, one fixed 'today' (``TODAY`` / the ``today`` fixture),
one ``FakeClock`` (the ``clock`` fixture) and one ``Host`` that hosts a single screen the
way the real app does.

Test modules import ``TODAY``, ``FakeClock`` and ``Host`` with ``from conftest import ...``
(pytest puts this folder on sys.path). That works because this is the only conftest.py:
a second one would take over the module name ``conftest``, so ``pytest_plugin_registered``
below refuses one.

The network guard: ``socket.socket`` / ``create_connection`` / ``getaddrinfo`` are replaced
for Python code, and an audit hook catches sockets made at C level. Local socketpairs
(AF_UNIX, used by asyncio's event loop) stay allowed. A test that so much as tries to reach
the network fails, even if the code under test swallowed the error."""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen

from sipmote import i18n
from sipmote.tui.autosave import SessionHost
from sipmote.tui.title import FittedTitle

TODAY = dt.date(2026, 3, 2)


def pytest_plugin_registered(plugin: object) -> None:
    where = Path(getattr(plugin, "__file__", None) or ".")
    if where.name == "conftest.py" and where.resolve() != Path(__file__).resolve():
        raise pytest.UsageError(f"{where}: tests/conftest.py is the only conftest.py (test modules import "
                                "TODAY, FakeClock and Host from the module 'conftest'); put fixtures there")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two workers per core, at most eight. The suite is mostly waiting - Pilot
    idles after every key, tmux tests poll a real terminal, kill tests wait on children -
    so one worker per core left the cores idle a third of the time (on 2 cores: 4:32 wall
    for 3:05 of CPU with 2 workers, 2:44 with 4)."""
    return min(8, 2 * (os.cpu_count() or 1))


INET = {socket.AF_INET, socket.AF_INET6}


class NetworkForbidden(AssertionError):
    pass


_GUARD: dict = {"on": False, "attempts": []}


def _audit(event: str, args: tuple) -> None:
    if not _GUARD["on"]:
        return
    if event == "socket.__new__" and len(args) > 1 and args[1] in INET:
        _GUARD["attempts"].append(event)
        raise NetworkForbidden(f"socket {args[1]!r}")
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto"):
        _GUARD["attempts"].append(event)
        raise NetworkForbidden(event)


sys.addaudithook(_audit)  # cannot be removed; inert while _GUARD["on"] is False


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Every test runs offline; yields the list of attempts (empty at the end, or the test fails)."""
    real = socket.socket

    class GuardedSocket(real):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if family in INET or (family == -1 and fileno is None):
                _GUARD["attempts"].append("socket.socket")
                raise NetworkForbidden("socket.socket")
            super().__init__(family, type, proto, fileno)

    def forbidden(*a, **kw):
        _GUARD["attempts"].append("call")
        raise NetworkForbidden("network call")

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    monkeypatch.setattr(socket, "getaddrinfo", forbidden)
    attempts = _GUARD["attempts"]
    attempts.clear()
    _GUARD["on"] = True
    try:
        yield attempts
    finally:
        _GUARD["on"] = False
    assert attempts == [], f"the test tried to use the network: {attempts}"


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    monkeypatch.setenv("SIPMOTE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SIPMOTE_LANG", raising=False)
    i18n.set_language("sv")
    yield
    i18n.set_language("sv")


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """Cheap scrypt for speed (the parameters live in register.json, so reading still uses
    whatever a register was created with); no unlocked key survives a test."""
    from sipmote.store import crypto

    monkeypatch.setattr(crypto, "SCRYPT", {"n": 2**10, "r": 8, "p": 1})
    crypto.forget_session()
    yield
    crypto.forget_session()


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def run_cli(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """``sipmote ARGV`` in this process: (exit code, stdout, stderr)."""
    from sipmote import cli

    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def today() -> dt.date:
    return TODAY


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


class Host(FittedTitle, SessionHost, App):
    """A bare app that hosts one screen like the real app does: the ``register`` and ``today()``
    the screens ask the app for, plan sessions with autosave, no blinking cursors (snapshots must
    not depend on when they are taken). What the screen is dismissed with lands in ``results``,
    what the user is told in ``notes``. ``screen`` is a Screen or a function that makes one
    (called when the app mounts); ``Host(screen)`` alone hosts a screen that needs no register."""

    def __init__(self, register: Any, screen: Screen[Any] | Callable[[], Screen[Any]] | None = None,
                 today: dt.date = TODAY) -> None:
        if screen is None:
            register, screen = None, register
        super().__init__()
        self.register = register
        self._today = today
        self._screen = screen
        self.results: list[Any] = []
        self.notes: list[str] = []

    def today(self) -> dt.date:
        return self._today

    def on_descendant_focus(self, event: Any) -> None:
        if hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    def on_mount(self) -> None:
        screen = self._screen if isinstance(self._screen, Screen) else self._screen()
        self.push_screen(screen, self.results.append)

    def notify(self, message: Any, **kw: Any) -> None:
        self.notes.append(str(message))
        super().notify(message, **kw)


@pytest.fixture
def demo(today):
    from sipmote.demo import demo_plan

    return demo_plan(today)


@pytest.fixture
def demo_reg(home, demo):
    """The demo plan saved in an open register at ``home`` (closed after the test)."""
    from sipmote.store import Register

    register = Register(home).open()
    register.save(demo)
    yield register
    register.close()
