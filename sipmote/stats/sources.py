"""Export documents: the figures with their period, filter and sources; reading and merging them.

Every export carries one *source* per register it was counted from: a label the user
gives (``--source "Strandskolan, Exempelstad"``, never personal data), a random export
id, and the period. Merging refuses the same export twice and overlapping periods from
the same source (both would count meetings twice) and keeps every source, so a merged
table can say which units have sent figures. Exports are written 0600."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from sipmote.i18n import t
from sipmote.stats.figures import Figures, safe_detail
from sipmote.stats.period import ALL_TIME, Period, StatsError

FORMAT_NAME: Literal["sipmote-stats"] = "sipmote-stats"
FORMAT_VERSION: Literal[2] = 2
LABEL_MAX = 80

ExportId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class PeriodDoc(_Doc):
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")

    @classmethod
    def of(cls, period: Period) -> PeriodDoc:
        return cls.model_validate({"from": period.start, "to": period.end})

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)


class Source(_Doc):
    label: Annotated[str, StringConstraints(max_length=LABEL_MAX)] = ""
    export_id: ExportId
    period: PeriodDoc

    def describe(self) -> str:
        from sipmote.textview import safe_line

        name = safe_line(self.label) if self.label.strip() else t("stats.source_unnamed")
        return t("stats.source_line", label=name, period=self.period.period.describe(), id=self.export_id)


class StatsDoc(_Doc):
    format: Literal["sipmote-stats"] = FORMAT_NAME
    version: Literal[2] = FORMAT_VERSION
    period: PeriodDoc = Field(default_factory=PeriodDoc)
    with_school: bool = False
    sources: list[Source] = Field(default_factory=list)
    figures: Figures = Field(default_factory=Figures)

    @property
    def span(self) -> Period:
        return self.period.period


def new_export_id() -> str:
    return secrets.token_hex(8)


def document(figures: Figures, period: Period = ALL_TIME, *, with_school: bool = False,
             label: str = "") -> StatsDoc:
    """The document for one register: one source, a fresh random export id."""
    label = " ".join(label.split())
    if len(label) > LABEL_MAX:
        raise StatsError(t("stats.source_too_long", n=LABEL_MAX))
    pdoc = PeriodDoc.of(period)
    return StatsDoc(period=pdoc, with_school=with_school, figures=figures,
                    sources=[Source(label=label, export_id=new_export_id(), period=pdoc)])


def export_bytes(doc: StatsDoc) -> bytes:
    data = doc.model_dump(mode="json", by_alias=True)
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def write_export(path: str | Path, doc: StatsDoc) -> Path:
    from sipmote.store.atomic import atomic_write

    target = Path(path).expanduser()
    atomic_write(target, export_bytes(doc), mode=0o600)
    return target


def read_export(path: str | Path) -> StatsDoc:
    """Load and check an export file; raise StatsError with a clear message."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StatsError(t("stats.file_missing", path=str(p))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StatsError(t("stats.file_unreadable", path=str(p), reason=str(exc))) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise StatsError(t("stats.not_stats_file", path=str(p))) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise StatsError(t("stats.not_stats_file", path=str(p)))
    version = data.get("version")
    if version != FORMAT_VERSION:
        raise StatsError(t("stats.wrong_version", path=str(p), version=version, expected=FORMAT_VERSION))
    try:
        return StatsDoc.model_validate_json(text)
    except ValidationError as exc:
        # the detail names a section of the format, never a value from the file
        raise StatsError(t("stats.bad_figures", path=str(p), detail=safe_detail(exc))) from None


def merge(docs: list[tuple[str, StatsDoc]]) -> StatsDoc:
    """Add the documents (each with the name it was read from) into one, after the checks."""
    if not docs:
        raise StatsError(t("stats.merge_nothing"))
    filters = {d.with_school for _, d in docs}
    if len(filters) > 1:
        raise StatsError(t("stats.merge_filter_differs"))
    seen: dict[str, str] = {}
    by_label: list[tuple[str, Source, str]] = []
    for name, d in docs:
        for s in d.sources:
            if s.export_id in seen:
                raise StatsError(t("stats.merge_same_export", path=name, other=seen[s.export_id], id=s.export_id))
            seen[s.export_id] = name
            label = " ".join(s.label.split()).casefold()
            if label:
                for other_label, other, other_name in by_label:
                    if other_label == label and other.period.period.overlaps(s.period.period):
                        raise StatsError(t("stats.merge_overlap", path=name, other=other_name,
                                           source=s.describe(), other_source=other.describe()))
                by_label.append((label, s, name))
    figures = Figures()
    for _, d in docs:
        figures = figures.add(d.figures)
    starts = [d.period.start for _, d in docs]
    ends = [d.period.end for _, d in docs]
    start = None if None in starts else min(s for s in starts if s is not None)
    end = None if None in ends else max(e for e in ends if e is not None)
    return StatsDoc(period=PeriodDoc.of(Period(start, end)), with_school=docs[0][1].with_school,
                    sources=[s for _, d in docs for s in d.sources], figures=figures)


def periods_differ(docs: list[tuple[str, StatsDoc]]) -> bool:
    return len({(d.period.start, d.period.end) for _, d in docs}) > 1
