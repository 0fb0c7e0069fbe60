"""One parser per rule: what every screen and command accepts as a date, a time,
a personnummer and the five evaluation answers. No Textual here.

Every parser takes the text as typed and returns the value, ``None`` for a
blank field (unless it is required), or raises ``ParseError`` whose message is
already translated (Swedish by default) and names the field when a label is
given.

Dates (leading and trailing spaces ignored):

- ``2026-03-09`` (ISO, ``ÅÅÅÅ-MM-DD``)
- ``2026-3-9`` (the same with the leading zeros left out)
- ``20260309`` (``ÅÅÅÅMMDD``, all eight digits)

Nothing else: no two-digit years, no ``/`` or ``.`` separators (``9/3`` is read
differently in different countries), no ISO week dates. The checked text is
handed to ``date.fromisoformat``, so ``2026-02-30`` is refused.

Times: ``14:30``, ``14.30``, ``1430``, ``9:05``, ``905``, ``9.05``, and a bare
hour (``14``, ``9`` -> on the hour). Hours 0-23, minutes 00-59 (two digits);
no seconds.

Personnummer: 10 or 12 digits with or without ``-``/``+`` (see
``sipmote.personnummer``), normalised to ``ÅÅÅÅMMDD-NNNN``. The date it is
checked against (``today``) is always passed in. The result is a
``ParsedPersonnummer``: the model takes it without parsing it a second time.

Evaluation answers: five answers 1-5, ``-``/``0``/``x`` or empty for "no answer";
``"54-35"``, ``"5 4 - 3 5"`` and ``"5,4,,3,5"`` mean the same.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, overload

from sipmote import personnummer as pnr
from sipmote.errors import SipmoteError
from sipmote.i18n import t

__all__ = [
    "ParseError",
    "ParsedPersonnummer",
    "parse_answers",
    "parse_date",
    "parse_personnummer",
    "parse_time",
]

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})(\d{2})(\d{2})", re.ASCII)
_TIME = re.compile(r"(\d{1,2})(?:[:.]?(\d{2}))?", re.ASCII)
_NO_ANSWER = frozenset({"", "-", "0", "x", "X"})


class ParseError(SipmoteError, ValueError):
    """Text that is not a valid value; ``message`` is translated and shown as is."""


class ParsedPersonnummer(str):
    """A personnummer already checked and normalised by ``parse_personnummer``."""

    __slots__ = ()


def _fail(message: str, field: str) -> ParseError:
    return ParseError(t("err.invalid_field", field=field, message=message) if field else message)


def _blank(text: str | None, field: str, required: bool, what: str) -> str | None:
    value = (text or "").strip()
    if not value and required:
        raise ParseError(t("parse.required", field=field or t(what)))
    return value or None


@overload
def parse_date(text: str | None, field: str = "", *, required: Literal[True]) -> dt.date: ...
@overload
def parse_date(text: str | None, field: str = "", *, required: bool = False) -> dt.date | None: ...
def parse_date(text: str | None, field: str = "", *, required: bool = False) -> dt.date | None:
    """A date as the module docstring lists; blank -> None (or an error when required)."""
    value = _blank(text, field, required, "field.date")
    if value is None:
        return None
    m = _DATE.fullmatch(value)
    if m is not None:
        year, month, day = (g for g in m.groups() if g is not None)
        try:
            return dt.date.fromisoformat(f"{year}-{int(month):02d}-{int(day):02d}")
        except ValueError:
            pass
    raise _fail(t("err.date", value=value), field)


def parse_time(text: str | None, field: str = "", *, required: bool = False) -> dt.time | None:
    """A time of day as the module docstring lists; blank -> None (or an error when required)."""
    value = _blank(text, field, required, "field.time")
    if value is None:
        return None
    m = _TIME.fullmatch(value)
    if m is not None:
        try:
            return dt.time(int(m[1]), int(m[2] or 0))
        except ValueError:
            pass
    raise _fail(t("err.time", value=value), field)


def parse_personnummer(text: str | None, today: dt.date, field: str = "") -> ParsedPersonnummer | None:
    """A personnummer or samordningsnummer, normalised; blank -> None."""
    value = (text or "").strip()
    if not value:
        return None
    try:
        return ParsedPersonnummer(pnr.parse(value, today).normalized)
    except pnr.PersonnummerError as exc:
        raise _fail(exc.message, field or t("field.personnummer")) from None


def parse_answers(text: str | None) -> list[int | None]:
    """Five evaluation answers (1-5 or none) as the module docstring lists."""
    raw = (text or "").strip()
    if "," in raw:
        parts = [p.strip() for p in re.split(r"[,\s]", raw)]
    elif " " in raw:
        parts = raw.split()
    else:
        parts = list(raw)
    if len(parts) != 5:
        raise ParseError(t("life.eval_count", count=len(parts)))
    out: list[int | None] = []
    for p in parts:
        if p in _NO_ANSWER:
            out.append(None)
        elif p.isdigit() and 1 <= int(p) <= 5:
            out.append(int(p))
        else:
            raise ParseError(t("err.evaluation_range"))
    return out
