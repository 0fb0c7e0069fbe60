"""The model's base class, ids and the personnummer field type."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, ValidationInfo, ValidatorFunctionWrapHandler, WrapValidator

from sipmote import clock
from sipmote import personnummer as pnr
from sipmote.parse import ParsedPersonnummer

SCHEMA_VERSION = 1


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def _check_pnr(value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> str | None:
    """Normalise a personnummer; the date it is checked against is ``context["today"]``
    when the caller validates with one (``Plan.model_validate(data, context={"today": d})``).
    A number from ``parse.parse_personnummer`` was checked already and is not parsed again."""
    if isinstance(value, ParsedPersonnummer):
        return str(value)
    text = handler(value)
    if text is None or text.strip() == "":
        return None
    return pnr.normalize(text, context_today(info))


def context_today(info: ValidationInfo) -> dt.date:
    """The day validation is checked against: ``context["today"]`` (the register and the
    import pass their injected today), else the calendar (a model built in code)."""
    today = (info.context or {}).get("today")
    return today if isinstance(today, dt.date) else clock.calendar()


Personnummer = Annotated[str | None, WrapValidator(_check_pnr)]


class _Base(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="forbid", use_enum_values=False)
