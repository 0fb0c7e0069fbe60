"""The period a statistic covers, and the one error family of the statistics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sipmote import parse
from sipmote.errors import SipmoteError
from sipmote.formats import date_text
from sipmote.i18n import t


class StatsError(SipmoteError):
    """A user-facing failure (bad date, bad export file); the message is shown as is."""


@dataclass(frozen=True)
class Period:
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.start is None and self.end is None

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        """True when the two periods share a day (an open end reaches as far as it goes)."""
        lo = dt.date.min
        hi = dt.date.max
        return (self.start or lo) <= (other.end or hi) and (other.start or lo) <= (self.end or hi)

    def describe(self) -> str:
        if self.is_open:
            return t("stats.period_all")
        return t("stats.period", start=date_text(self.start, "…"), end=date_text(self.end, "…"))


#: every date: the default period
ALL_TIME = Period()


def parse_date(text: str | None, which: str) -> dt.date | None:
    """``--from``/``--to``: the dates every field accepts (``sipmote.parse``), with the stats message."""
    try:
        return parse.parse_date(text)
    except parse.ParseError:
        raise StatsError(t("stats.bad_date", which=t(f"stats.{which}"), value=str(text).strip())) from None


def parse_period(start: str | None, end: str | None) -> Period:
    period = Period(parse_date(start, "from"), parse_date(end, "to"))
    if period.start and period.end and period.end < period.start:
        raise StatsError(t("stats.bad_period", start=date_text(period.start), end=date_text(period.end)))
    return period
