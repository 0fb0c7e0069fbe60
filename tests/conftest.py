"""Shared fixtures: an isolated data folder, Swedish by default, a fixed 'today'."""

from __future__ import annotations

import datetime as dt

import pytest

from sipmote import i18n


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
