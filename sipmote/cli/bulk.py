"""Bulk import: many plan files (and folders of them) into the register, in one process.

``sipmote import A.json B.json mapp/`` opens the register once (one lock), saves every
plan with one index write at the end (``Register.batch``), reports each file's result
and never lets a bad file stop the rest. Built for loading a whole unit's plans, e.g.
to count them with ``sipmote stats``. The CLI gives the loader (read + validate, with
its Swedish messages) and the errors that mean "this file failed"; no Textual here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sipmote.errors import SipmoteError
from sipmote.i18n import t
from sipmote.model import Plan


@dataclass(frozen=True)
class FileResult:
    path: str
    plan_id: str = ""
    name: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def expand(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(path, error) per file: a folder gives its ``*.json`` files in name order (not its
    subfolders); a folder without any gives one error, so nothing passes unnoticed."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.suffix.lower() == ".json" and f.is_file())
            if not files:
                yield raw, t("cli.bulk_empty_folder", path=raw)
            for f in files:
                yield str(f), ""
        else:
            yield raw, ""


def import_files(register: Any, paths: list[str], load: Callable[[str], Plan],
                 failures: tuple[type[SipmoteError], ...], *, replace: bool = False,
                 on_result: Callable[[int, int, FileResult], None] | None = None) -> list[FileResult]:
    """Import every file; ``failures`` are the errors of one file (members of the error
    family: their ``message`` is shown). ``on_result(done, total, result)`` after each file."""
    from sipmote.store.atomic import StoreError

    todo = list(expand(paths))
    results: list[FileResult] = []
    with register.batch():
        for i, (path, error) in enumerate(todo, 1):
            if error:
                result = FileResult(path, error=error)
            else:
                try:
                    plan = load(path)
                    register.add(plan, replace=replace)
                    result = FileResult(path, plan.id, plan.person.name)
                except StoreError as exc:
                    result = FileResult(path, error=exc.message)
                except failures as exc:
                    result = FileResult(path, error=exc.message)
            results.append(result)
            if on_result is not None:
                on_result(i, len(todo), result)
    return results


def progress_bar(done: int, total: int, width: int = 30) -> str:
    filled = round(width * done / total) if total else width
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
