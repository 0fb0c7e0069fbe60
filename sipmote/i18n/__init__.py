"""User-facing strings: one catalogue per language (``sv.py``, ``en.py``).

Swedish is the default. ``set_language("en")`` switches for the whole process;
``t(key, **fields)`` looks up a message and fills ``{field}`` placeholders.
A missing key falls back to Swedish, then to the key itself, so a typo is
visible but never a crash.
"""

from __future__ import annotations

import os
from enum import Enum
from importlib import import_module

LANGUAGES = ("sv", "en")
_current = os.environ.get("SIPMOTE_LANG", "sv") if os.environ.get("SIPMOTE_LANG") in LANGUAGES else "sv"
_cache: dict[str, dict[str, str]] = {}


def catalogue(lang: str) -> dict[str, str]:
    if lang not in _cache:
        _cache[lang] = import_module(f"sipmote.i18n.{lang}").MESSAGES
    return _cache[lang]


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def get_language() -> str:
    return _current


def t(key: str, /, **fields: object) -> str:
    text = catalogue(_current).get(key)
    if text is None:
        text = catalogue("sv").get(key, key)
    if fields:
        try:
            return text.format(**fields)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def label(value: Enum | str | None) -> str:
    """The display label of an enum member: key ``enum.<Class>.<value>``."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return t(f"enum.{type(value).__name__}.{value.value}")
    return str(value)
