"""Turn pydantic validation errors into clear messages in the user's language."""

from __future__ import annotations

import os
import time
import traceback
from pathlib import Path

from pydantic import ValidationError

from sipmote.i18n import t

_KNOWN = {
    "missing", "date_parsing", "date_from_datetime_parsing", "date_type", "time_parsing",
    "time_type", "datetime_parsing", "datetime_from_date_parsing", "string_type", "enum",
    "int_parsing", "int_type", "bool_parsing", "bool_type", "list_type", "extra_forbidden",
    "string_too_short", "model_type", "literal_error", "dict_type", "json_invalid",
    "model_attributes_type", "float_parsing",
}


def _where(loc: tuple) -> str:
    parts = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"#{p + 1}")
        else:
            parts.append(t(f"field.{p}") if t(f"field.{p}") != f"field.{p}" else str(p))
    return " → ".join(parts)


def describe(exc: ValidationError) -> list[str]:
    """One line per problem: where it is and what is wrong, in the current language."""
    lines = []
    for err in exc.errors(include_url=False):
        kind = err.get("type", "")
        if kind == "value_error":
            # our own validators raise already-translated messages
            msg = str(err.get("ctx", {}).get("error", err.get("msg", "")))
        elif kind in _KNOWN:
            msg = t(f"verr.{kind}", input=_short(err.get("input")))
        else:
            msg = t("verr.other", detail=err.get("msg", kind))
        where = _where(tuple(err.get("loc", ())))
        lines.append(f"{where}: {msg}" if where else msg)
    return lines


def _short(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "…"


def log_unexpected(home: Path, exc: BaseException, where: str = "cli") -> str:
    """Append the exception type and the code locations (never values: no personal data)
    to ``home/sipmote.log``; return the log's path, or "-" when it cannot be written."""
    path = Path(home) / "sipmote.log"
    try:
        Path(home).mkdir(mode=0o700, parents=True, exist_ok=True)
        frames = "".join(traceback.format_tb(exc.__traceback__))
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} unexpected {type(exc).__name__} ({where})\n{frames}\n")
    except OSError:
        return "-"
    return str(path)
