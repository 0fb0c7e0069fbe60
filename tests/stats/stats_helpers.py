"""Shared helpers for the statistics tests (no tests here)."""

from __future__ import annotations

from sipmote.store import Register


def make_register(home, plans) -> None:
    """A register holding ``plans`` (one index write: ``Register.batch``)."""
    with Register(home) as reg, reg.batch():
        for plan in plans:
            reg.add(plan)
