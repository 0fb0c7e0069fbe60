"""The parsers of ``sipmote.parse`` as the lifecycle raises them: a ``ParseError``
becomes a ``LifecycleError`` with the same message, so callers catch one type.
The rules themselves live in ``sipmote.parse`` only."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sipmote import parse
from sipmote.lifecycle.guards import LifecycleError

P = ParamSpec("P")
R = TypeVar("R")


def _lifted(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except parse.ParseError as exc:
            raise LifecycleError(exc.message) from None

    return wrapper


parse_date = _lifted(parse.parse_date)
parse_time = _lifted(parse.parse_time)
parse_personnummer = _lifted(parse.parse_personnummer)
parse_answers = _lifted(parse.parse_answers)
