"""Typing conventions mypy cannot state by itself: outside the strictly checked core and store,
a parameter called ``register``, ``app`` or ``screen`` is always annotated, so the type checker
follows the objects every layer hands around (issue 11, "tools that keep it so")."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "sipmote"
NAMES = {"register", "app", "screen"}


def _unannotated(package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                a = node.args
                for arg in [*a.posonlyargs, *a.args, *a.kwonlyargs]:
                    if arg.arg in NAMES and arg.annotation is None:
                        found.append(f"{path.relative_to(package.parent)}:{arg.lineno} {node.name}({arg.arg})")
    return found


def test_register_app_and_screen_parameters_are_typed():
    assert _unannotated() == []


def test_the_check_sees_a_missing_annotation(tmp_path):
    (tmp_path / "sipmote").mkdir()
    (tmp_path / "sipmote" / "m.py").write_text("def f(register, app: object, *, screen=None): ...\n")
    assert _unannotated(tmp_path / "sipmote") == ["sipmote/m.py:1 f(register)", "sipmote/m.py:1 f(screen)"]
