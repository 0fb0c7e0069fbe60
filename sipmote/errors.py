"""The one error family, and pydantic validation errors as clear messages.

Every failure a user can cause or fix is a :class:`SipmoteError`: ``message``
is shown as it is (already in the user's language) and ``exit_code`` is what
the command returns. Front ends show ``err.message``; they never probe.
"""

from __future__ import annotations

from pydantic import ValidationError

from sipmote.i18n import t

_KNOWN = {
    "missing", "date_parsing", "date_from_datetime_parsing", "date_type", "time_parsing",
    "time_type", "datetime_parsing", "datetime_from_date_parsing", "string_type", "enum",
    "int_parsing", "int_type", "bool_parsing", "bool_type", "list_type", "extra_forbidden",
    "string_too_short", "model_type", "literal_error", "dict_type", "json_invalid",
    "model_attributes_type", "float_parsing",
}


class SipmoteError(Exception):
    """A failure with a message for the user (in the current language)."""

    #: the exit status of a command that ends with this error
    exit_code: int = 2

    def __init__(self, message: str, *, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.message = message
        if cause is not None:
            self.__cause__ = cause

    def __str__(self) -> str:
        return self.message


class InvalidData(SipmoteError):
    """Input that is not a valid plan (or is over a limit): nothing was changed."""


def _where(loc: tuple[object, ...]) -> str:
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
    text = text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate never reaches the terminal
    return text if len(text) <= 40 else text[:37] + "…"


def log_unexpected(home: object, exc: BaseException, where: str = "cli") -> str:
    """Log an unexpected exception (type and code locations, never values); the log's path.

    Kept for the front ends' last line of defence; see :mod:`sipmote.logs`."""
    from pathlib import Path

    from sipmote import logs

    return logs.unexpected(Path(str(home)), exc, where)
