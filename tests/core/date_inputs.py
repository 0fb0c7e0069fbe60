"""The one table of date and time inputs every field and command must treat alike.

Importable by any test run from the repository root
(``from tests.core.date_inputs import BLANKS, DATES, REFUSED, TIMES``; tests in
this folder may also write ``from date_inputs import ...``): each row is
``(typed text, expected value)`` where the expected value is ``REFUSED`` for
text that must get a clear message instead of a value. The accepted set is
documented in ``sipmote/parse.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Final


class _Refused:
    def __repr__(self) -> str:
        return "REFUSED"


REFUSED: Final = _Refused()

DATES: Final[list[tuple[str, dt.date | _Refused]]] = [
    ("2026-03-09", dt.date(2026, 3, 9)),
    ("2026-3-9", dt.date(2026, 3, 9)),
    ("2026-03-9", dt.date(2026, 3, 9)),
    ("20260309", dt.date(2026, 3, 9)),
    ("  2026-03-09 ", dt.date(2026, 3, 9)),
    ("2024-02-29", dt.date(2024, 2, 29)),
    ("2026-02-29", REFUSED),  # not a leap year
    ("2026-02-30", REFUSED),
    ("2026-13-01", REFUSED),
    ("2026-00-10", REFUSED),
    ("2026/03/09", REFUSED),
    ("9/3 2026", REFUSED),
    ("09.03.2026", REFUSED),
    ("26-03-09", REFUSED),
    ("260309", REFUSED),
    ("202639", REFUSED),  # ambiguous: 2026-3-9? the form used to accept it
    ("2026-003-09", REFUSED),
    ("2026-W11-1", REFUSED),  # ISO week date: date.fromisoformat takes it, we do not
    ("2026-03-09T10:00", REFUSED),
    ("igår", REFUSED),
    ("٢٠٢٦-٠٣-٠٩", REFUSED),  # non-ASCII digits
]

TIMES: Final[list[tuple[str, dt.time | _Refused]]] = [
    ("14:30", dt.time(14, 30)),
    ("1430", dt.time(14, 30)),
    ("14.30", dt.time(14, 30)),
    ("9:05", dt.time(9, 5)),
    ("09:05", dt.time(9, 5)),
    ("905", dt.time(9, 5)),
    ("9.05", dt.time(9, 5)),
    ("14", dt.time(14, 0)),
    ("9", dt.time(9, 0)),
    (" 14:30 ", dt.time(14, 30)),
    ("0:00", dt.time(0, 0)),
    ("23:59", dt.time(23, 59)),
    ("24:00", REFUSED),
    ("14:60", REFUSED),
    ("14:3", REFUSED),
    ("14:30:00", REFUSED),
    ("14,30", REFUSED),
    ("kl 14", REFUSED),
    ("2 pm", REFUSED),
    ("-1:00", REFUSED),
    ("١٤:٣٠", REFUSED),
]

#: blank text: no value (None) in an optional field
BLANKS: Final[list[str]] = ["", "   "]
