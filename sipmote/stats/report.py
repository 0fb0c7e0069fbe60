"""The report: rows from an export document, rendered as a table, CSV or JSON.

Two layouts: ``detailed`` (every figure, by party, role and unit) and ``region``
(the rows, groupings and labels of the regions' count, seed 000; defined in
``region.toml``). The rows are the one source for the table, the CSV and the TUI."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sipmote.i18n import get_language, t
from sipmote.model import MeetingKind
from sipmote.stats.collect import known_phase_keys
from sipmote.stats.figures import OTHER, UNSET, UNSPEC, KindKey, ModeKey, PartyKey
from sipmote.stats.layout import region_layout
from sipmote.stats.sources import StatsDoc, export_bytes
from sipmote.stats.units import Units, load_units

KIND_KEYS: tuple[KindKey, ...] = ("new", "new_after_discharge", "follow_up")
MODE_KEYS: tuple[ModeKey, ...] = ("in_person", "video", "phone", "mixed")
PARTY_KEYS: tuple[PartyKey, ...] = (
    "all_three", "school_social", "school_region", "social_region", "school_only", "social_only", "region_only",
    "none",
)
PROFESSION_ORGS = ("school", "social_services", "regional_health", "municipal_health", "forsakringskassan",
                   "arbetsformedlingen", "kriminalvarden", "other", UNSPEC)
ORG_KEYS = (*PROFESSION_ORGS[:-2], "person", "family", OTHER, UNSPEC)
FAMILY_ORDER = ("mother", "mother_alone", "father", "father_alone", "two_guardians", "guardian", "forvaltare",
                "family_home", "relative", OTHER, UNSPEC, "person", "none")
SECTIONS = ("overview", "mode", "convened", "convened_unit", "attended", "parties", "absences", "professions",
            "units", "family", "goals", "outcomes", "phases", "measures", "evaluations")


@dataclass(frozen=True)
class Row:
    """One line of the report. ``base`` is what ``count`` is a share of (for % and bars)."""

    section: str
    key: str
    label: str
    level: int = 0
    count: int | None = None
    base: int | None = None
    value: float | None = None
    unit: str = ""

    @property
    def pct(self) -> float | None:
        if self.count is None or not self.base:
            return None
        return 100.0 * self.count / self.base


def _org_label(org: str) -> str:
    return t("stats.unspecified") if org == UNSPEC else t(f"enum.OrgKind.{org}")


def _role_label(role: str) -> str:
    if role == UNSPEC:
        return t("stats.role_unspecified")
    if role == OTHER:
        return t("stats.role_other")
    return t(f"role.{role}")


def _sorted_counts(d: dict[str, int], last: Iterable[str] = (UNSPEC, OTHER, UNSET)) -> list[tuple[str, int]]:
    tail = list(last)
    return sorted(d.items(), key=lambda kv: (kv[0] in tail, tail.index(kv[0]) if kv[0] in tail else 0, -kv[1], kv[0]))


class _Rows:
    def __init__(self, base: int) -> None:
        self.rows: list[Row] = []
        self.n = base

    def add(self, section: str, key: str, label: str, count: int | None = None, *, level: int = 0,
            base: int | None = -1, value: float | None = None, unit: str = "") -> None:
        b = self.n if base == -1 else base
        self.rows.append(Row(section, key, label, level, count, b if count is not None else None, value, unit))


def report_rows(doc: StatsDoc, layout: str = "detailed", units: Units | None = None) -> list[Row]:
    """The report as rows in the given layout."""
    if layout == "region":
        return region_rows(doc)
    f: dict[str, Any] = doc.figures.model_dump()
    units = units or load_units()
    r = _Rows(f["meetings"])
    add = r.add

    add("overview", "meetings", t("stats.meetings"), r.n, base=None)
    for kind in KIND_KEYS:
        c = f["kind"].get(kind, 0)
        if c or kind != "new_after_discharge":
            add("overview", f"kind.{kind}", t("stats.kind_row", kind=t(f"enum.MeetingKind.{kind}"),
                                               kva=MeetingKind(kind).kva), c, level=1)
    add("overview", "plans", t("stats.plans"), f["plans"], base=None)
    add("overview", "cancelled", t("stats.cancelled"), f["cancelled"], base=None)
    if f["undated"]:
        add("overview", "undated", t("stats.undated"), f["undated"], base=None)
    for mode in MODE_KEYS:
        if f["mode"].get(mode):
            add("mode", f"mode.{mode}", t(f"enum.MeetingMode.{mode}"), f["mode"][mode])

    for org, c in _sorted_counts(f["convened"]):
        add("convened", f"convened.{org}", _org_label(org), c)
        for role, rc in _sorted_counts(f["convened_role"].get(org, {})):
            if not (org == UNSPEC and role == UNSPEC):
                add("convened", f"convened.{org}.{role}", _role_label(role), rc, level=1)
    _unit_rows(add, "convened_unit", f["convened_unit"], units, f["convened"])

    for org, c in _sorted_counts({o: v for o, v in f["attended"].items() if o not in ("family", "person")}):
        add("attended", f"attended.{org}", _org_label(org), c)
    for party in PARTY_KEYS:
        c = f["parties"].get(party, 0)
        if c or party in ("all_three", "school_social", "school_region"):
            add("parties", f"parties.{party}", t(f"stats.party.{party}"), c)

    for org in ORG_KEYS:
        total = f["absent_any"].get(org, 0)
        if total:
            add("absences", f"absent_any.{org}", _org_label(org), total)
            add("absences", f"absent_notice.{org}", t("stats.absent_notice"), f["absent_notice"].get(org, 0), level=1)
            add("absences", f"no_show.{org}", t("stats.no_show"), f["no_show"].get(org, 0), level=1)

    for org in PROFESSION_ORGS:
        table = f["professions"].get(org)
        if table:
            add("professions", f"professions.{org}", _org_label(org), f["attended"].get(org, 0))
            for role, c in _sorted_counts(table):
                add("professions", f"professions.{org}.{role}", _role_label(role), c, level=1)
    _unit_rows(add, "units", f["units"], units, f["attended"])

    fam = f["family"]
    for key in FAMILY_ORDER:
        c = fam.get(key, 0)
        if c or key in ("mother", "father", "two_guardians", "none"):
            add("family", f"family.{key}", t(f"stats.family.{key}"), c, level=int(key.endswith("_alone")))

    for goal, c in _sorted_counts(f["goal_category"]):
        add("goals", f"goal.{goal}", t("stats.goal_unset") if goal == UNSET else t(f"enum.GoalCategory.{goal}"), c)

    _outcome_rows(add, f["follow_up"])
    _phase_rows(add, f["phases"])

    ms = f["measures"]
    add("measures", "measures.total", t("stats.measures_total"), ms["total"], base=None)
    if r.n:
        add("measures", "measures.per_meeting", t("stats.measures_per_meeting"), value=ms["total"] / r.n)
    add("measures", "measures.with_responsible", t("stats.measures_responsible"), ms["with_responsible"],
        base=ms["total"])
    add("measures", "measures.none", t("stats.measures_none"), ms["per_meeting"].get("0", 0))
    add("measures", "follow_up_booked", t("stats.follow_up_booked"), f["follow_up_booked"])

    ev = f["evaluations"]
    add("evaluations", "evaluations.count", t("stats.evaluations"), ev["count"], base=None)
    for i, s in enumerate(ev["statements"], 1):
        if s["n"]:
            add("evaluations", f"evaluations.s{i}", t(f"eval.s{i}"), s["n"], base=None, level=1,
                value=s["sum"] / s["n"], unit="/5")
    return r.rows


def _unit_rows(add: Any, section: str, table: dict[str, dict[str, int]], units: Units,
               totals: dict[str, int]) -> None:
    for org in PROFESSION_ORGS:
        by_unit = table.get(org)
        if not by_unit or set(by_unit) == {UNSPEC}:
            continue
        add(section, f"{section}.{org}", _org_label(org), totals.get(org, 0))
        for key, c in _sorted_counts(by_unit):
            add(section, f"{section}.{org}.{key}", units.label(key), c, level=1)


def _outcome_rows(add: Any, o: dict[str, Any]) -> None:
    n = o["follow_ups"]
    if not n:
        return
    add("outcomes", "follow_up.follow_ups", t("stats.out.follow_ups"), n, base=None)
    ms = o["measure_status"]
    total = sum(ms.values())
    add("outcomes", "follow_up.measures", t("stats.out.measures"), total, base=None)
    for key in ("done", "ongoing", "not_done", UNSET):
        if ms.get(key) or key != UNSET:
            label = t("stats.out.unset") if key == UNSET else t(f"enum.MeasureStatus.{key}")
            add("outcomes", f"follow_up.measure_status.{key}", label, ms.get(key, 0), level=1, base=total)
    gs = o["goal_status"]
    goals = sum(gs.values())
    add("outcomes", "follow_up.goals", t("stats.out.goals"), goals, base=None)
    for key in ("achieved", "active", "ended"):
        add("outcomes", f"follow_up.goal_status.{key}", t(f"stats.out.goal_{key}"), gs.get(key, 0), level=1,
            base=goals)
    gr = o["goal_rating"]
    add("outcomes", "follow_up.ratings", t("stats.out.ratings"), goals, base=None)
    for key in ("better", "same", "worse", UNSET):
        label = t("stats.out.unset") if key == UNSET else t(f"enum.GoalRating.{key}")
        add("outcomes", f"follow_up.goal_rating.{key}", label, gr.get(key, 0), level=1, base=goals)
    known = o["booked_known"]
    add("outcomes", "follow_up.booked_known", t("stats.out.booked_known"), known, base=n)
    add("outcomes", "follow_up.on_booked_date", t("stats.out.on_date"), o["on_booked_date"], level=1, base=known)
    add("outcomes", "follow_up.late", t("stats.out.late"), o["late"], level=1, base=known)
    if o["late"]:
        add("outcomes", "follow_up.late_days", t("stats.out.late_days"), level=2,
            value=o["late_days"] / o["late"], unit=t("stats.out.days"))
    add("outcomes", "follow_up.early", t("stats.out.early"), o["early"], level=1, base=known)
    devs = o["deviations"]
    add("outcomes", "follow_up.deviations", t("stats.out.deviations"),
        sum(sum(v.values()) for v in devs.values()), base=None)
    for kind, by_party in sorted(devs.items()):
        add("outcomes", f"follow_up.deviations.{kind}", t(f"enum.DeviationKind.{kind}"), sum(by_party.values()),
            level=1, base=None)
        for org, c in _sorted_counts(by_party):
            add("outcomes", f"follow_up.deviations.{kind}.{org}", _org_label(org), c, level=2, base=None)


def _phase_rows(add: Any, phases: dict[str, dict[str, int]]) -> None:
    names = known_phase_keys()
    order = list(names)
    for key, rec in sorted(phases.items(), key=lambda kv: (kv[0] not in names, order.index(kv[0])
                                                             if kv[0] in names else 0, kv[0] == OTHER, kv[0])):
        cnt = rec["count"]
        if not cnt:
            continue
        name = t("stats.phase_other") if key == OTHER else names.get(key, key)
        add("phases", f"phase.{key}", name, cnt, base=None)
        add("phases", f"phase.{key}.planned", t("stats.planned_min"), level=1,
            value=rec["planned_seconds"] / cnt / 60, unit="min")
        add("phases", f"phase.{key}.actual", t("stats.actual_min"), level=1,
            value=rec["elapsed_seconds"] / cnt / 60, unit="min")


def region_rows(doc: StatsDoc) -> list[Row]:
    """The rows of the regional count (seed 000), as ``region.toml`` defines them."""
    f: dict[str, Any] = doc.figures.model_dump()
    n = f["meetings"]
    rows: list[Row] = []
    for sec in region_layout():
        for row in sec.rows:
            c = row.count(f)
            base = n if row.base == "meetings" else None
            rows.append(Row(f"region.{sec.key}", row.key, t(f"stats_region.{row.key}"), row.level, c, base))
    return rows


def section_title(section: str) -> str:
    if section.startswith("region."):
        return t(f"stats_region.section_{section[7:]}")
    return t(f"stats.section.{section}")


def section_note(section: str) -> str:
    """A note under a section's rows (the regional goals' "more than 100 %")."""
    if section.startswith("region."):
        note = next((s.note for s in region_layout() if s.key == section[7:]), "")
        return t(f"stats_region.{note}") if note else ""
    return t("stats.goals_note") if section == "goals" else ""


# --------------------------------------------------------------------------- rendering


def fmt_number(v: float, decimals: int = 1) -> str:
    text = f"{v:.{decimals}f}"
    return text.replace(".", ",") if get_language() == "sv" else text


def fmt_pct(p: float | None) -> str:
    return "" if p is None else f"{p:.0f} %"


def empty_message(doc: StatsDoc) -> str | None:
    """A clear sentence when there is nothing to count, else None."""
    if doc.figures.meetings:
        return None
    if doc.span.is_open:
        return t("stats.no_meetings_all")
    return t("stats.no_meetings_period", period=doc.span.describe())


def header_lines(doc: StatsDoc) -> list[str]:
    lines = [t("stats.title", period=doc.span.describe())]
    if doc.with_school:
        lines.append(t("stats.with_school_note"))
    if len(doc.sources) > 1:
        lines.append(t("stats.sources", n=len(doc.sources)))
        lines += ["  " + s.describe() for s in doc.sources]
    lines.append(t("stats.pct_note"))
    return lines


def render_table(doc: StatsDoc, width: int = 64, layout: str = "detailed", units: Units | None = None) -> str:
    """The report as text; the label column widens (up to 100) so no label is cut."""
    out = header_lines(doc)
    msg = empty_message(doc)
    if msg:
        return "\n".join([*out, "", msg])
    current = None
    rows = report_rows(doc, layout, units)
    width = min(100, max([width, *(2 * (r.level + 1) + len(r.label) + 2 for r in rows)]))
    for row in rows:
        if row.section != current:
            if current and section_note(current):
                out.append(section_note(current))
            current = row.section
            out += ["", section_title(current)]
        label = "  " * (row.level + 1) + row.label
        if len(label) > width:
            label = label[: width - 1] + "…"
        if row.value is not None:
            right = f"{fmt_number(row.value):>8} {row.unit}".rstrip()
            if row.count is not None and row.unit == "/5":
                right += f"  (n={row.count})"
        else:
            right = f"{row.count:>8}" + (f"  {fmt_pct(row.pct):>5}" if row.pct is not None else "")
        out.append(f"{label:<{width}}{right}")
    if current and section_note(current):
        out.append(section_note(current))
    return "\n".join(out)


def render_csv(doc: StatsDoc, layout: str = "detailed", units: Units | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([t("stats.col.section"), t("stats.col.key"), t("stats.col.label"), t("stats.col.count"),
                t("stats.col.percent"), t("stats.col.value")])
    for row in report_rows(doc, layout, units):
        w.writerow([
            section_title(row.section), row.key, row.label,
            "" if row.count is None else row.count,
            "" if row.pct is None else f"{row.pct:.1f}",
            "" if row.value is None else f"{row.value:.2f}",
        ])
    return buf.getvalue()


def render_json(doc: StatsDoc) -> str:
    return export_bytes(doc).decode()


def write_csv(path: str | Path, doc: StatsDoc, layout: str = "detailed", units: Units | None = None) -> Path:
    from sipmote.store.atomic import atomic_write

    target = Path(path).expanduser()
    atomic_write(target, render_csv(doc, layout, units).encode("utf-8-sig"), mode=0o600)
    return target
