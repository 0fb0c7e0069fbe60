"""What a plan can hold, checked wherever plan data comes in (import, load, save).

JSON allows what a plan cannot hold: numbers of any size, ``NaN``/``Infinity``,
lone surrogates (``"\\ud800"``), any depth, strings of any length. Each is a
clear :class:`~sipmote.errors.InvalidData` message here, never an unexpected
error later when the plan is saved or shown.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from pydantic import ValidationError

from sipmote.errors import InvalidData, describe
from sipmote.i18n import t
from sipmote.model import Plan

#: the longest text one field may hold (a long note is ~5,000; a pasted report 100,000 stays whole)
MAX_TEXT = 100_000
#: the largest plan file (a plan with 40 meetings is ~200 kB)
MAX_PLAN_BYTES = 5_000_000
#: the largest file ``sipmote import`` reads
MAX_IMPORT_BYTES = MAX_PLAN_BYTES
#: nesting deeper than any plan has
MAX_DEPTH = 32
#: integers a plan holds are years, counts and scores
MAX_INT = 10**15


def _refuse_constant(name: str) -> float:
    raise InvalidData(t("limits.not_a_number", value=name))


def parse_json(data: bytes, source: str) -> Any:
    """``data`` as JSON: UTF-8 (a BOM is accepted), no NaN/Infinity, no absurd numbers."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidData(t("limits.not_utf8", path=source)) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_float)
    except json.JSONDecodeError as exc:
        raise InvalidData(t("cli.bad_json", path=source, line=exc.lineno, col=exc.colno, msg=exc.msg)) from None
    except RecursionError:  # thousands of nested brackets
        raise InvalidData(t("privacy.json_too_deep", path=source)) from None
    except ValueError:  # an integer of more than 4,300 digits
        raise InvalidData(t("limits.number_too_large")) from None


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InvalidData(t("limits.number_too_large"))
    return value


def check_tree(value: Any, where: tuple[str | int, ...] = (), depth: int = 0) -> None:
    """Refuse what no plan field can hold, naming where it is."""
    if depth > MAX_DEPTH:
        raise InvalidData(t("limits.too_deep"))
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise InvalidData(_at(where, t("limits.text_too_long", n=MAX_TEXT, got=len(value))))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidData(_at(where, t("limits.bad_character"))) from None
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if abs(value) > MAX_INT:
            raise InvalidData(_at(where, t("limits.number_too_large")))
    elif isinstance(value, float):
        if not math.isfinite(value) or abs(value) > MAX_INT:
            raise InvalidData(_at(where, t("limits.number_too_large")))
    elif isinstance(value, dict):
        for k, v in value.items():
            check_tree(k, where, depth + 1)
            check_tree(v, (*where, k), depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_tree(v, (*where, i), depth + 1)


def _at(where: tuple[str | int, ...], message: str) -> str:
    from sipmote.errors import _where

    place = _where(where)
    return f"{place}: {message}" if place else message


def plan_from_data(data: Any, today: dt.date) -> Plan:
    """A validated plan from parsed JSON (checked against the injected ``today``), or
    InvalidData with one line per problem."""
    check_tree(data)
    try:
        plan = Plan.model_validate(data, context={"today": today})
    except ValidationError as exc:
        raise InvalidData("\n".join([t("err.invalid_plan"), *("  " + line for line in describe(exc))])) from None
    except (ValueError, TypeError, OverflowError, RecursionError):
        raise InvalidData(t("err.invalid_plan")) from None
    return plan


def check_plan(plan: Plan) -> bytes:
    """The plan as JSON bytes, refused (InvalidData) when over a limit: before any save."""
    try:
        data = plan.model_dump_json().encode("utf-8")
    except (UnicodeEncodeError, ValueError):
        raise InvalidData(t("limits.bad_character")) from None
    if len(data) > MAX_PLAN_BYTES:
        raise InvalidData(t("limits.plan_too_large", mb=MAX_PLAN_BYTES // 1_000_000))
    if len(data) > MAX_TEXT:  # only then can one field be over the limit
        check_tree(json.loads(data))
    return data
