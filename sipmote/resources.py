"""Find the shipped data folders (``agenda/``, ``templates/``).

In a wheel they are installed inside the package (``sipmote/_data/...``); in a
source checkout they are the top-level folders beside ``sipmote/``."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"sipmote data folder {name!r} is missing from the installation")


def agenda_dir() -> Path:
    return data_dir("agenda")


def templates_dir() -> Path:
    return data_dir("templates")
