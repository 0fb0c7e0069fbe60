"""User-facing strings: one catalogue per language, as data (``sv.toml``, ``en.toml``).

Swedish is the default. ``set_language("en")`` switches for the whole process;
``t(key, **fields)`` looks up a message and fills ``{field}`` placeholders.
A catalogue has one table per area; the key ``mt.paused`` is ``paused`` in the
table ``[mt]``. Plural forms are two keys, ``<key>.one`` and ``<key>.other``;
``t(key, n=3)`` picks the form by ``n`` (Swedish and English share the rule).
A missing key falls back to Swedish, then to the key itself, so a typo is
visible but never a crash.

Adding a language: copy ``sv.toml`` to ``<code>.toml``, translate the values,
add the code to ``LANGUAGES``; the parity test checks keys and placeholders.
"""

from __future__ import annotations

import os
import tomllib
from enum import Enum
from importlib import resources

LANGUAGES = ("sv", "en")
_current = os.environ.get("SIPMOTE_LANG", "sv") if os.environ.get("SIPMOTE_LANG") in LANGUAGES else "sv"
_cache: dict[str, dict[str, str]] = {}


def catalogue(lang: str) -> dict[str, str]:
    """The flat catalogue of ``lang``: ``{"area.key": text}``."""
    if lang not in _cache:
        raw = resources.files(__package__).joinpath(f"{lang}.toml").read_text(encoding="utf-8")
        tables = tomllib.loads(raw)
        _cache[lang] = {f"{area}.{key}": text for area, table in tables.items() for key, text in table.items()}
    return _cache[lang]


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def get_language() -> str:
    return _current


def _lookup(key: str, fields: dict[str, object]) -> str | None:
    for lang in (_current, "sv"):
        cat = catalogue(lang)
        text = cat.get(key)
        if text is None and "n" in fields:
            n = fields["n"]
            form = "one" if n == 1 else "other"
            text = cat.get(f"{key}.{form}")
        if text is not None:
            return text
    return None


def t(key: str, /, **fields: object) -> str:
    text = _lookup(key, fields)
    if text is None:
        return key
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
