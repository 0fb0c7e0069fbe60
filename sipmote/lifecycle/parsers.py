"""Small parsers for form text; failures raise ``LifecycleError``."""

from __future__ import annotations

import datetime as dt
import re

from sipmote import personnummer as pnr
from sipmote.i18n import t
from sipmote.lifecycle.guards import LifecycleError


def parse_date(text: str | None, field_label: str = "", *, required: bool = False) -> dt.date | None:
    """``ÅÅÅÅ-MM-DD`` (also ``ÅÅÅÅMMDD``) -> date; blank -> None unless required."""
    value = (text or "").strip()
    if not value:
        if required:
            raise LifecycleError(t("life.required", field=field_label))
        return None
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    try:
        if not m:
            raise ValueError
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        msg = t("err.date", value=value)
        raise LifecycleError(f"{field_label}: {msg}" if field_label else msg) from None


def parse_time(text: str | None, field_label: str = "") -> dt.time | None:
    """``TT:MM`` (also ``TT.MM``, ``TTMM`` or ``TT``) -> time; blank -> None."""
    value = (text or "").strip()
    if not value:
        return None
    m = re.fullmatch(r"(\d{1,2})(?:[:.]?(\d{2}))?", value)
    try:
        if not m:
            raise ValueError
        return dt.time(int(m[1]), int(m[2] or 0))
    except ValueError:
        msg = t("err.time", value=value)
        raise LifecycleError(f"{field_label}: {msg}" if field_label else msg) from None


def parse_personnummer(text: str | None, today: dt.date | None = None) -> str | None:
    value = (text or "").strip()
    if not value:
        return None
    try:
        return pnr.normalize(value, today)
    except pnr.PersonnummerError as exc:
        raise LifecycleError(f"{t('field.personnummer')}: {exc}") from None


def parse_answers(text: str) -> list[int | None]:
    """Five evaluation answers: digits 1-5, ``-`` or ``0`` for no answer.

    ``"54-35"``, ``"5 4 - 3 5"`` and ``"5,4,,3,5"`` all mean the same."""
    raw = (text or "").strip()
    if "," in raw or " " in raw:
        parts = [p.strip() for p in re.split(r"[,\s]", raw)] if "," in raw else raw.split()
    else:
        parts = list(raw)
    if len(parts) != 5:
        raise LifecycleError(t("life.eval_count", count=len(parts)))
    out: list[int | None] = []
    for p in parts:
        if p in ("", "-", "0", "x", "X"):
            out.append(None)
        elif p.isdigit() and 1 <= int(p) <= 5:
            out.append(int(p))
        else:
            raise LifecycleError(t("err.evaluation_range"))
    return out
