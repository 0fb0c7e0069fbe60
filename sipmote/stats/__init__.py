"""Statistics over the register: the regions' "pinnstatistik" (seed 000). No Textual here.

The package, by concern:

``figures``  the figures as one pydantic model (closed-list keys, additive)
``units``    units (enheter) as data: ``units.toml`` plus the user's own file
``layout``   report layouts as data: ``region.toml``, the rows of the regional count
``period``   the period and the error family
``collect``  reading the register's plans and counting them
``sources``  export documents: sources, export ids, reading and merging
``report``   rows in a layout, rendered as a table, CSV or JSON
"""

from __future__ import annotations

from typing import Any

from sipmote.stats.collect import (
    Collector,
    collect,
    collect_register,
    known_phase_keys,
    plan_goal_keys,
    raw_plans,
)
from sipmote.stats.figures import Figures
from sipmote.stats.layout import LAYOUTS
from sipmote.stats.period import ALL_TIME, Period, StatsError, parse_date, parse_period
from sipmote.stats.report import (
    SECTIONS,
    Row,
    empty_message,
    fmt_number,
    fmt_pct,
    header_lines,
    render_csv,
    render_json,
    render_table,
    report_rows,
    section_note,
    section_title,
    write_csv,
)
from sipmote.stats.sources import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Source,
    StatsDoc,
    document,
    export_bytes,
    merge,
    periods_differ,
    read_export,
    write_export,
)
from sipmote.stats.units import Units, load_units


def register_stats(register: Any, period: Period = ALL_TIME, *, with_school: bool = False,
                   label: str = "") -> StatsDoc:
    """The export document for one register (its units file included)."""
    units = load_units(register.root)
    register.notices.extend(units.errors)
    collector = Collector(period, with_school=with_school, units=units)
    collect_register(register, collector)
    figures = collector.figures()
    return document(figures, period, with_school=with_school, label=label)


__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "LAYOUTS",
    "SECTIONS",
    "Collector",
    "Figures",
    "Period",
    "Row",
    "Source",
    "StatsDoc",
    "StatsError",
    "Units",
    "collect",
    "collect_register",
    "document",
    "empty_message",
    "export_bytes",
    "fmt_number",
    "fmt_pct",
    "header_lines",
    "known_phase_keys",
    "load_units",
    "merge",
    "parse_date",
    "parse_period",
    "periods_differ",
    "plan_goal_keys",
    "raw_plans",
    "read_export",
    "register_stats",
    "render_csv",
    "render_json",
    "render_table",
    "report_rows",
    "section_note",
    "section_title",
    "write_csv",
    "write_export",
]
