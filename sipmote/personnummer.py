"""Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer): parsing, validation, normalisation and masking.

Accepted input: 10 or 12 digits, with or without a separator ("-" or "+"; "+"
marks a person aged 100 or more when only 10 digits are given). The check
digit (Luhn) must match and the date must exist; in a samordningsnummer the
day is increased by 60.

The normalised form is always ``YYYYMMDD-XXXX``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sipmote.errors import SipmoteError
from sipmote.i18n import t

_PATTERN = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$")


class PersonnummerError(SipmoteError, ValueError):
    """Raised with a user-facing (translated) message (a ValueError too: pydantic turns it
    into a validation error of the field)."""


def luhn_ok(nine_digits_and_check: str) -> bool:
    total = 0
    for i, ch in enumerate(nine_digits_and_check):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def luhn_check_digit(nine_digits: str) -> int:
    for c in range(10):
        if luhn_ok(nine_digits + str(c)):
            return c
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class Personnummer:
    birth: date
    serial: str  # three digits
    check: str  # one digit
    coordination: bool

    @property
    def normalized(self) -> str:
        day = self.birth.day + (60 if self.coordination else 0)
        return f"{self.birth.year:04d}{self.birth.month:02d}{day:02d}-{self.serial}{self.check}"

    @property
    def masked(self) -> str:
        return mask(self.normalized)


def parse(value: str, today: date) -> Personnummer:
    """Parse and validate against ``today`` (the injected one, :mod:`sipmote.clock`); raise
    PersonnummerError with a Swedish/English message."""
    if not isinstance(value, str):
        raise PersonnummerError(t("pnr.format"))
    raw = value.strip().replace(" ", "")
    m = _PATTERN.match(raw)
    if not m:
        raise PersonnummerError(t("pnr.format"))
    century, yy, mm, dd, sep, serial, check = m.groups()
    day = int(dd)
    coordination = day > 60
    if coordination:
        day -= 60
    if century is not None:
        year = int(century + yy)
    else:
        year = _infer_year(int(yy), int(mm), day, sep == "+", today)
    try:
        birth = date(year, int(mm), day)
    except ValueError:
        raise PersonnummerError(t("pnr.date")) from None
    if birth > today:
        raise PersonnummerError(t("pnr.future"))
    if not luhn_ok(yy + mm + dd + serial + check):
        raise PersonnummerError(t("pnr.checksum"))
    return Personnummer(birth, serial, check, coordination)


def _infer_year(yy: int, mm: int, dd: int, plus: bool, today: date) -> int:
    year = (today.year // 100) * 100 + yy
    # A birth date may not lie in the future: step back a century if it would.
    try:
        if date(year, mm, dd) > today:
            year -= 100
    except ValueError:
        if year > today.year:
            year -= 100
    if plus:
        year -= 100
    return year


def normalize(value: str, today: date) -> str:
    return parse(value, today).normalized


def mask(value: str | None) -> str:
    """``YYYYMMDD-XXXX`` or any accepted form -> ``YYMMDD-****``."""
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if len(digits) == 12:
        digits = digits[2:]
    if len(digits) >= 6:
        return f"{digits[:6]}-****"
    return "******-****"


def make_test_number(birth: date, serial: str = "239", coordination: bool = False) -> str:
    """Build a valid number for demos and tests (fictitious by construction)."""
    day = birth.day + (60 if coordination else 0)
    nine = f"{birth.year % 100:02d}{birth.month:02d}{day:02d}{serial}"
    c = luhn_check_digit(nine)
    return f"{birth.year:04d}{birth.month:02d}{day:02d}-{serial}{c}"
