"""Shared fixtures: an isolated data folder, Swedish by default, a fixed 'today', cheap
scrypt, and no network for any test.

The network guard: ``socket.socket`` / ``create_connection`` / ``getaddrinfo`` are replaced
for Python code, and an audit hook catches sockets made at C level. Local socketpairs
(AF_UNIX, used by asyncio's event loop) stay allowed. A test that so much as tries to reach
the network fails, even if the code under test swallowed the error."""

from __future__ import annotations

import datetime as dt
import socket
import sys

import pytest

from sipmote import i18n

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


@pytest.fixture
def today():
    return dt.date(2026, 3, 2)


@pytest.fixture
def demo(today):
    from sipmote.demo import demo_plan

    return demo_plan(today)
