"""Shared helpers for the statistics tests (no tests here)."""

from __future__ import annotations

from sipmote import cli
from sipmote.store import Register


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``sipmote ARGV`` in this process: (exit code, stdout, stderr)."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def make_register(home, plans) -> None:
    """A register holding ``plans`` (one index write: ``Register.batch``)."""
    with Register(home) as reg, reg.batch():
        for plan in plans:
            reg.add(plan)
