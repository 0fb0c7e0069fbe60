"""The model's base class, ids and the personnummer field type."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, ValidationInfo, ValidatorFunctionWrapHandler, WrapValidator

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
    today = (info.context or {}).get("today")
    return pnr.normalize(text, today)


Personnummer = Annotated[str | None, WrapValidator(_check_pnr)]


class _Base(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="forbid", use_enum_values=False)
