"""Shared by the issue-14 tests: a small register and a digest of every file in it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sipmote.model import Person, Plan
from sipmote.store import Register


def plan(pid: str, name: str, goal: str = "mål") -> Plan:
    p = Plan(id=pid, person=Person(name=name, personnummer="20120314-9826"))
    p.long_term_goal = goal
    return p


def stocked(home: Path, *plans: Plan, saves: int = 1) -> None:
    with Register(home) as reg:
        for p in plans:
            for i in range(saves):
                p.long_term_goal = f"v{i}"
                reg.save(p)


def digest(home: Path) -> dict[str, str]:
    """Every file's content (not the lock, not the log: those are not the register's data)."""
    return {
        str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.name not in ("sipmote.lock", "sipmote.log")
    }
