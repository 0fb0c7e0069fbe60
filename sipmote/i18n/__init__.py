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

import contextlib
import marshal
import os
import sys
import tomllib
import zlib
from enum import Enum
from importlib import resources
from pathlib import Path

LANGUAGES = ("sv", "en")
_current = os.environ.get("SIPMOTE_LANG", "sv") if os.environ.get("SIPMOTE_LANG") in LANGUAGES else "sv"
_cache: dict[str, dict[str, str]] = {}


def catalogue(lang: str) -> dict[str, str]:
    """The flat catalogue of ``lang``: ``{"area.key": text}``."""
    if lang not in _cache:
        _cache[lang] = _load(lang)
    return _cache[lang]


def _load(lang: str, package: object = None) -> dict[str, str]:
    """``<lang>.toml`` read, flattened, and kept beside the bytecode (``__pycache__``): parsing the
    73 kB of TOML took 7-9 ms of every start, loading the kept copy 0.2 ms. The copy is named by
    the TOML's checksum and size (an edited catalogue is parsed afresh) and the Python version
    (marshal's format); where the folder cannot be written it is parsed each time, as before."""
    package = package or resources.files(__package__)
    raw = package.joinpath(f"{lang}.toml").read_bytes()  # type: ignore[attr-defined]
    kept = _kept_path(package, lang, raw)
    if kept is not None:
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            flat = marshal.loads(kept.read_bytes())
            if isinstance(flat, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in flat.items()):
                return flat
    tables = tomllib.loads(raw.decode("utf-8"))
    flat = {f"{area}.{key}": text for area, table in tables.items() for key, text in table.items()}
    if kept is not None:
        _keep(kept, lang, marshal.dumps(flat))
    return flat


def _kept_path(package: object, lang: str, raw: bytes) -> Path | None:
    if not isinstance(package, Path):  # a zip import: nowhere to keep it
        return None
    version = f"{sys.version_info[0]}{sys.version_info[1]}"
    return package / "__pycache__" / f"catalogue-{lang}-{zlib.crc32(raw):08x}-{len(raw)}-py{version}.marshal"


def _keep(path: Path, lang: str, data: bytes) -> None:
    """Write ``path`` whole or not at all (a temporary file, then a rename), and drop the older copies."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        for old in path.parent.glob(f"catalogue-{lang}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)


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
