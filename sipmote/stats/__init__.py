"""Statistics over the register: the regions' "pinnstatistik" (seed 000). No Textual here.

Which meetings count
    A meeting counts when its status is *held* (genomfört) and, when a period
    is given, its date lies in the period (both ends included). A held meeting
    without a date counts only when no period is given; with a period it is
    reported as "undated, left out". Planned, running and cancelled meetings
    never count as held; cancelled meetings in the period are reported apart.

Anonymous by construction
    The figures are a nested dict of counts whose keys come only from closed
    lists: enum values of the model, the role keys of ``model.ROLES`` (a free
    text role becomes ``other``, an empty one ``unspecified``) and the phase
    keys of the known agendas. Names, personnummer, organisation names and
    every other free text are never read into it. Merged files are checked
    against the same closed lists, so a tampered file cannot smuggle text in.

Additive
    Every figure is a count or an integer sum (seconds, answer points), so the
    figures of two registers merged equal the figures of one register holding
    both. Averages and percentages are computed only when rendering.

Main goal categories
    A plan has a primary main goal category (``goal_category``) and may have
    further ones (``more_goal_categories``), as in seed 000 where some SIPs
    name two. A meeting adds one to every category of its plan, each at most
    once, so the goal rows can add up to more than the meetings (and their
    percentages to more than 100). A plan without any category counts as
    ``unset``.

Fast
    Plan files are read as raw JSON (``json.loads``), not through pydantic;
    a file that does not parse falls back to ``Register.load`` (which restores
    from a backup).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from sipmote import parse
from sipmote.i18n import get_language, t
from sipmote.model import (
    ROLES,
    GoalCategory,
    MeetingKind,
    MeetingMode,
    OrgKind,
)

FORMAT_NAME = "sipmote-stats"
FORMAT_VERSION = 1

SCHOOL, SOCIAL, REGION = OrgKind.school.value, OrgKind.social_services.value, OrgKind.regional_health.value
UNSPEC = "unspecified"
OTHER = "other"
UNSET = "unset"

ORGS: tuple[str, ...] = tuple(o.value for o in OrgKind)
ORG_KEYS: tuple[str, ...] = (*ORGS, UNSPEC)
ROLE_KEYS: dict[str, tuple[str, ...]] = {o: tuple(ROLES.get(OrgKind(o), ())) for o in ORGS}
#: organisations with a profession table (family and the person have their own table)
PROFESSION_ORGS: tuple[str, ...] = tuple(o for o in ORGS if o not in ("family", "person"))
GUARDIAN_ROLES = frozenset({"mother", "father", "guardian"})
FAMILY_KEYS: tuple[str, ...] = (*ROLE_KEYS["family"], OTHER, UNSPEC, "two_guardians", "person", "none")
#: the three parties' combinations: a partition of the meetings
PARTY_KEYS: tuple[str, ...] = (
    "all_three", "school_social", "school_region", "social_region",
    "school_only", "social_only", "region_only", "none",
)
GOAL_KEYS: tuple[str, ...] = (*(g.value for g in GoalCategory), UNSET)
KIND_KEYS: tuple[str, ...] = tuple(k.value for k in MeetingKind)
MODE_KEYS: tuple[str, ...] = tuple(m.value for m in MeetingMode)
MEASURE_BUCKETS: tuple[str, ...] = (*(str(i) for i in range(10)), "10+")
PHASE_KEY = re.compile(r"^[a-z0-9_-]{1,40}$")
ORG_COUNT_SECTIONS = ("convened", "attended", "absent_notice", "no_show", "absent_any")
ORG_ROLE_SECTIONS = ("convened_role", "professions")
SCALARS = ("meetings", "plans", "cancelled", "undated", "follow_up_booked")


class StatsError(Exception):
    """A user-facing failure (bad date, bad export file); the message is shown as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------- period


@dataclass(frozen=True)
class Period:
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.start is None and self.end is None

    def as_doc(self) -> dict:
        return {"from": _iso(self.start), "to": _iso(self.end)}

    def describe(self) -> str:
        if self.is_open:
            return t("stats.period_all")
        return t("stats.period", start=_iso(self.start) or "…", end=_iso(self.end) or "…")


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def parse_date(text: str | None, which: str) -> dt.date | None:
    """``--from``/``--to``: the dates every field accepts (``sipmote.parse``), with the stats message."""
    try:
        return parse.parse_date(text)
    except parse.ParseError:
        raise StatsError(t("stats.bad_date", which=t(f"stats.{which}"), value=str(text).strip())) from None


def parse_period(start: str | None, end: str | None) -> Period:
    period = Period(parse_date(start, "from"), parse_date(end, "to"))
    if period.start and period.end and period.end < period.start:
        raise StatsError(t("stats.bad_period", start=_iso(period.start), end=_iso(period.end)))
    return period


# --------------------------------------------------------------------------- figures


def empty_figures() -> dict[str, Any]:
    return {
        "meetings": 0,
        "plans": 0,
        "cancelled": 0,
        "undated": 0,
        "kind": {},
        "mode": {},
        "convened": {},
        "convened_role": {},
        "attended": {},
        "absent_notice": {},
        "no_show": {},
        "absent_any": {},
        "parties": {},
        "professions": {},
        "family": {},
        "goal_category": {},
        "phases": {},
        "measures": {"total": 0, "with_responsible": 0, "per_meeting": {}},
        "follow_up_booked": 0,
        "evaluations": {"count": 0, "statements": [{"n": 0, "sum": 0} for _ in range(5)]},
    }


def role_key(org: str, role: object) -> str:
    """A role as a closed-list key: a known role of ``org``, ``unspecified`` or ``other``."""
    r = role.strip() if isinstance(role, str) else ""
    if not r:
        return UNSPEC
    return r if r in ROLE_KEYS.get(org, ()) else OTHER


def _org(value: object) -> str:
    return value if isinstance(value, str) and value in ORGS else OTHER


def known_phase_keys() -> dict[str, str]:
    """Phase key -> display name, from the agendas (shipped and the user's own)."""
    try:
        from sipmote.agenda import scan_agendas

        found, _ = scan_agendas()
    except Exception:  # noqa: BLE001 - statistics must not fail on a broken agenda folder
        return {}
    out: dict[str, str] = {}
    for agenda in found.values():
        for p in agenda.phases:
            if PHASE_KEY.match(p.key):
                out.setdefault(p.key, p.name)
    return out


def _in_period(date: object, lo: str | None, hi: str | None) -> bool | None:
    """True/False for a dated meeting; None when it has no (valid) date."""
    if not isinstance(date, str) or len(date) < 10:
        return None
    d = date[:10]
    return (lo is None or d >= lo) and (hi is None or d <= hi)


_PARTY = {
    (True, True, True): "all_three", (True, True, False): "school_social",
    (True, False, True): "school_region", (False, True, True): "social_region",
    (True, False, False): "school_only", (False, True, False): "social_only",
    (False, False, True): "region_only", (False, False, False): "none",
}


def plan_goal_keys(plan: dict) -> list[str]:
    """The plan's main goal categories as closed-list keys: the primary, then the further ones,
    each once; unknown values are skipped; ``[unset]`` when none is left."""
    more = plan.get("more_goal_categories")
    out: list[str] = []
    for g in [plan.get("goal_category"), *(more if isinstance(more, list) else ())]:
        if isinstance(g, str) and g in GOAL_KEYS and g != UNSET and g not in out:
            out.append(g)
    return out or [UNSET]


class Collector:
    """Adds plans (raw JSON dicts, as the register stores them) into figures.

    A plan is first read into a list of increments (``ops``) and only then
    applied, so a plan with a malformed part adds nothing half-way."""

    def __init__(self, period: Period = Period(), phase_keys: Iterable[str] | None = None) -> None:
        self.period = period
        self.lo = _iso(period.start)
        self.hi = _iso(period.end)
        self.phase_keys = frozenset(known_phase_keys() if phase_keys is None else phase_keys)
        self.figures = empty_figures()

    def add_plan(self, plan: dict) -> None:
        ops: list[tuple[tuple, int]] = []
        goals = plan_goal_keys(plan)
        counted = 0
        for m in plan.get("meetings") or ():
            status = m.get("status")
            inside = True if self.period.is_open else _in_period(m.get("date"), self.lo, self.hi)
            if status == "cancelled":
                if inside:
                    ops.append((("cancelled",), 1))
                continue
            if status != "held":
                continue
            if inside is None:
                ops.append((("undated",), 1))
                continue
            if not inside:
                continue
            counted += 1
            self._meeting_ops(m, goals, ops)
        if counted:
            ops.append((("plans",), 1))
        self._apply(ops)

    def _apply(self, ops: list[tuple[tuple, int]]) -> None:
        for path, n in ops:
            d: Any = self.figures
            for k in path[:-1]:
                d = d[k] if isinstance(d, list) else d.setdefault(k, {})
            d[path[-1]] = d.get(path[-1], 0) + n

    def _meeting_ops(self, m: dict, goals: list[str], ops: list) -> None:
        add = ops.append
        add((("meetings",), 1))
        kind = m.get("kind")
        add((("kind", kind if kind in KIND_KEYS else MeetingKind.new.value), 1))
        mode = m.get("mode")
        add((("mode", mode if mode in MODE_KEYS else MeetingMode.in_person.value), 1))
        for goal in goals:
            add((("goal_category", goal), 1))

        conv = m.get("convened_by") or {}
        c_org = conv.get("org_kind")
        c_org = c_org if c_org in ORGS else UNSPEC
        add((("convened", c_org), 1))
        add((("convened_role", c_org, role_key(c_org, conv.get("role"))), 1))

        attended: set[str] = set()
        absent: set[str] = set()
        no_show: set[str] = set()
        roles: set[tuple[str, str]] = set()
        family: set[str] = set()
        guardians = 0
        for p in m.get("participants") or ():
            org = "person" if p.get("is_person") else _org(p.get("org_kind"))
            att = p.get("attendance")
            if att in ("present", "remote"):
                attended.add(org)
                if org == "person":
                    family.add("person")
                elif org == "family":
                    rk = role_key("family", p.get("role"))
                    family.add(rk)
                    guardians += rk in GUARDIAN_ROLES
                else:
                    roles.add((org, role_key(org, p.get("role"))))
            elif att == "absent_notice":
                absent.add(org)
            elif att == "no_show":
                no_show.add(org)
        ops += [(("attended", org), 1) for org in attended]
        ops += [(("absent_notice", org), 1) for org in absent]
        ops += [(("no_show", org), 1) for org in no_show]
        ops += [(("absent_any", org), 1) for org in absent | no_show]
        ops += [(("professions", org, rk), 1) for org, rk in roles]
        if guardians >= 2:
            family.add("two_guardians")
        if not family - {"person"}:
            family.add("none")
        ops += [(("family", k), 1) for k in family]
        add((("parties", _PARTY[(SCHOOL in attended, SOCIAL in attended, REGION in attended)]), 1))

        for ph in m.get("phases") or ():
            key = ph.get("key")
            key = key if key in self.phase_keys else OTHER
            add((("phases", key, "count"), 1))
            add((("phases", key, "planned_seconds"), round(float(ph.get("planned_minutes") or 0) * 60)))
            add((("phases", key, "elapsed_seconds"), round(float(ph.get("elapsed_seconds") or 0))))

        measures = [ms for g in m.get("goals") or () for ms in g.get("measures") or ()]
        measures += list(m.get("third_party_measures") or ())
        add((("measures", "total"), len(measures)))
        add((("measures", "with_responsible"), sum(1 for ms in measures if _responsible_set(ms.get("responsible")))))
        add((("measures", "per_meeting", MEASURE_BUCKETS[min(len(measures), 10)]), 1))

        if (m.get("follow_up") or {}).get("date"):
            add((("follow_up_booked",), 1))

        for e in m.get("evaluations") or ():
            add((("evaluations", "count"), 1))
            for i, a in enumerate((e.get("answers") or [])[:5]):
                if isinstance(a, int) and not isinstance(a, bool) and 1 <= a <= 5:
                    add((("evaluations", "statements", i, "n"), 1))
                    add((("evaluations", "statements", i, "sum"), a))


def _responsible_set(r: object) -> bool:
    if not isinstance(r, dict):
        return False
    return bool(r.get("org_kind") or str(r.get("organisation") or "").strip() or str(r.get("person") or "").strip())


# --------------------------------------------------------------------------- reading the register


def plan_dicts(register) -> Iterator[dict]:
    """Every plan of the register as a raw JSON dict, read straight from its file.

    A file that does not decode falls back to ``Register.load`` (restore from
    backup); a plan that cannot be read at all is skipped with a notice."""
    from sipmote.store.atomic import StoreError

    folder = register.plans_dir
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return
    codec = register.codec
    for name in names:
        if name.startswith(".") or not name.endswith(".json"):
            continue
        try:
            with open(folder / name, "rb") as fh:
                data = json.loads(codec.decode(fh.read()))
        except Exception:  # noqa: BLE001 - corrupt/undecodable: take the validated path below
            data = None
        if isinstance(data, dict):
            yield data
            continue
        try:
            yield register.load(name[:-5]).model_dump(mode="json")
        except StoreError as exc:
            register.notices.append(exc.message)


def collect(plans: Iterable[dict], period: Period = Period(), phase_keys: Iterable[str] | None = None) -> dict:
    c = Collector(period, phase_keys)
    for plan in plans:
        try:
            c.add_plan(plan)
        except (AttributeError, TypeError, ValueError, KeyError):
            # a hand-edited file with a wrong type somewhere: validate it, then count
            from pydantic import ValidationError

            from sipmote.model import Plan

            try:
                c.add_plan(Plan.model_validate(plan).model_dump(mode="json"))
            except (ValidationError, AttributeError, TypeError, ValueError, KeyError):
                continue
    return c.figures


def register_stats(register, period: Period = Period()) -> dict:
    """The export document for one register (see ``document``)."""
    figures = collect(plan_dicts(register), period)
    return document(figures, period)


def document(figures: dict, period: Period = Period(), sources: int = 1) -> dict:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "period": period.as_doc(),
        "sources": sources,
        "figures": figures,
    }


# --------------------------------------------------------------------------- export / merge


def export_bytes(doc: dict) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def write_export(path: str | Path, doc: dict) -> Path:
    from sipmote.store.atomic import atomic_write

    target = Path(path).expanduser()
    atomic_write(target, export_bytes(doc), mode=0o644)
    return target


def read_export(path: str | Path) -> dict:
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
        figures = clean_figures(data.get("figures"))
        period = Period(_opt_date(data.get("period", {}).get("from")), _opt_date(data.get("period", {}).get("to")))
        sources = data.get("sources", 1)
        if type(sources) is not int or sources < 1:
            raise ValueError("sources")
    except (ValueError, TypeError, AttributeError) as exc:
        # the detail names a section of the format, never a value from the file
        detail = exc.args[0] if isinstance(exc, ValueError) and exc.args and exc.args[0] in _SAFE_DETAILS else "?"
        raise StatsError(t("stats.bad_figures", path=str(p), detail=detail)) from None
    return document(figures, period, sources)


_SAFE_DETAILS = frozenset({
    "figures", "period", "sources", *SCALARS, "kind", "mode", *ORG_COUNT_SECTIONS, *ORG_ROLE_SECTIONS,
    "parties", "family", "goal_category", "phases", "measures", "measures.total", "measures.with_responsible",
    "measures.per_meeting", "evaluations", "evaluations.count", "evaluations.statements",
})


def _opt_date(v: object) -> dt.date | None:
    if v is None:
        return None
    try:
        return dt.date.fromisoformat(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError("period") from None


def _count(v: object, where: str) -> int:
    if type(v) is not int or v < 0:
        raise ValueError(where)
    return v


def _counts(d: object, allowed: Iterable[str], where: str) -> dict[str, int]:
    if not isinstance(d, dict):
        raise ValueError(where)
    allowed = set(allowed)
    out = {}
    for k, v in d.items():
        if k not in allowed:
            raise ValueError(where)  # never echo the unknown key: it may be a name
        out[k] = _count(v, where)
    return out


def clean_figures(fig: object) -> dict:
    """Rebuild figures from untrusted data, accepting only the closed lists of keys."""
    if not isinstance(fig, dict):
        raise ValueError("figures")
    out = empty_figures()
    if set(fig) - set(out):
        raise ValueError("figures")
    for k in SCALARS:
        out[k] = _count(fig.get(k, 0), k)
    out["kind"] = _counts(fig.get("kind", {}), KIND_KEYS, "kind")
    out["mode"] = _counts(fig.get("mode", {}), MODE_KEYS, "mode")
    for sec in ORG_COUNT_SECTIONS:
        out[sec] = _counts(fig.get(sec, {}), ORG_KEYS, sec)
    for sec in ORG_ROLE_SECTIONS:
        d = fig.get(sec, {})
        if not isinstance(d, dict):
            raise ValueError(sec)
        for org, roles in d.items():
            if org not in ORG_KEYS:
                raise ValueError(sec)
            out[sec][org] = _counts(roles, (*ROLE_KEYS.get(org, ()), OTHER, UNSPEC), sec)
    out["parties"] = _counts(fig.get("parties", {}), PARTY_KEYS, "parties")
    out["family"] = _counts(fig.get("family", {}), FAMILY_KEYS, "family")
    out["goal_category"] = _counts(fig.get("goal_category", {}), GOAL_KEYS, "goal_category")
    phases = fig.get("phases", {})
    if not isinstance(phases, dict):
        raise ValueError("phases")
    for key, rec in phases.items():
        if not PHASE_KEY.match(str(key)):
            raise ValueError("phases")
        out["phases"][key] = _counts(rec, ("count", "planned_seconds", "elapsed_seconds"), "phases")
        for f in ("count", "planned_seconds", "elapsed_seconds"):
            out["phases"][key].setdefault(f, 0)
    ms = fig.get("measures", {})
    if not isinstance(ms, dict) or set(ms) - {"total", "with_responsible", "per_meeting"}:
        raise ValueError("measures")
    out["measures"] = {
        "total": _count(ms.get("total", 0), "measures.total"),
        "with_responsible": _count(ms.get("with_responsible", 0), "measures.with_responsible"),
        "per_meeting": _counts(ms.get("per_meeting", {}), MEASURE_BUCKETS, "measures.per_meeting"),
    }
    ev = fig.get("evaluations", {})
    if not isinstance(ev, dict) or set(ev) - {"count", "statements"}:
        raise ValueError("evaluations")
    st = ev.get("statements", [{"n": 0, "sum": 0}] * 5)
    if not isinstance(st, list) or len(st) != 5:
        raise ValueError("evaluations.statements")
    out["evaluations"] = {
        "count": _count(ev.get("count", 0), "evaluations.count"),
        "statements": [{"n": 0, "sum": 0, **_counts(s, ("n", "sum"), "evaluations")} for s in st],
    }
    return out


def add_figures(a: Any, b: Any) -> Any:
    """Sum two figure trees (dicts by key, lists element-wise, ints added)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for k, v in b.items():
            out[k] = add_figures(out[k], v) if k in out else _copy(v)
        return out
    if isinstance(a, list) and isinstance(b, list):
        return [add_figures(x, y) for x, y in zip(a, b)]
    return a + b


def _copy(v: Any) -> Any:
    return json.loads(json.dumps(v))


def merge(docs: list[dict]) -> dict:
    if not docs:
        raise StatsError(t("stats.merge_nothing"))
    figures = empty_figures()
    for d in docs:
        figures = add_figures(figures, d["figures"])
    starts = [d["period"]["from"] for d in docs]
    ends = [d["period"]["to"] for d in docs]
    start = None if None in starts else min(starts)
    end = None if None in ends else max(ends)
    period = Period(_opt_date(start), _opt_date(end))
    return document(figures, period, sum(d.get("sources", 1) for d in docs))


def periods_differ(docs: list[dict]) -> bool:
    return len({(d["period"]["from"], d["period"]["to"]) for d in docs}) > 1


# --------------------------------------------------------------------------- report rows


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
    if org == UNSPEC:
        return t("stats.unspecified")
    return t(f"enum.OrgKind.{org}")


def _role_label(role: str) -> str:
    if role == UNSPEC:
        return t("stats.role_unspecified")
    if role == OTHER:
        return t("stats.role_other")
    return t(f"role.{role}")


def _sorted_counts(d: dict[str, int], last: Iterable[str] = (UNSPEC, OTHER, UNSET)) -> list[tuple[str, int]]:
    tail = list(last)
    return sorted(d.items(), key=lambda kv: (kv[0] in tail, tail.index(kv[0]) if kv[0] in tail else 0, -kv[1], kv[0]))


def report_rows(doc: dict) -> list[Row]:
    """The report as rows: the one source for the table, the CSV and the TUI screen."""
    f = doc["figures"]
    n = f["meetings"]
    rows: list[Row] = []

    def add(section: str, key: str, label: str, count: int | None = None, *, level: int = 0,
            base: int | None = n, value: float | None = None, unit: str = "") -> None:
        rows.append(Row(section, key, label, level, count, base if count is not None else None, value, unit))

    # overview
    add("overview", "meetings", t("stats.meetings"), n, base=None)
    for kind in KIND_KEYS:
        c = f["kind"].get(kind, 0)
        if c or kind != MeetingKind.new_after_discharge.value:
            add("overview", f"kind.{kind}", t("stats.kind_row", kind=t(f"enum.MeetingKind.{kind}"),
                                               kva=MeetingKind(kind).kva), c, level=1)
    add("overview", "plans", t("stats.plans"), f["plans"], base=None)
    add("overview", "cancelled", t("stats.cancelled"), f["cancelled"], base=None)
    if f["undated"]:
        add("overview", "undated", t("stats.undated"), f["undated"], base=None)
    for mode in MODE_KEYS:
        if f["mode"].get(mode):
            add("mode", f"mode.{mode}", t(f"enum.MeetingMode.{mode}"), f["mode"][mode])

    # who convened
    for org, c in _sorted_counts(f["convened"]):
        add("convened", f"convened.{org}", _org_label(org), c)
        for role, rc in _sorted_counts(f["convened_role"].get(org, {})):
            if org == UNSPEC and role == UNSPEC:
                continue
            add("convened", f"convened.{org}.{role}", _role_label(role), rc, level=1)

    # attendance per organisation and the three parties
    for org, c in _sorted_counts({o: v for o, v in f["attended"].items() if o not in ("family", "person")}):
        add("attended", f"attended.{org}", _org_label(org), c)
    for key in PARTY_KEYS:
        c = f["parties"].get(key, 0)
        if c or key in ("all_three", "school_social", "school_region"):
            add("parties", f"parties.{key}", t(f"stats.party.{key}"), c)

    # absences
    for org in ORG_KEYS:
        total = f["absent_any"].get(org, 0)
        if not total:
            continue
        add("absences", f"absent_any.{org}", _org_label(org), total)
        add("absences", f"absent_notice.{org}", t("stats.absent_notice"), f["absent_notice"].get(org, 0), level=1)
        add("absences", f"no_show.{org}", t("stats.no_show"), f["no_show"].get(org, 0), level=1)

    # professions
    for org in PROFESSION_ORGS:
        table = f["professions"].get(org)
        if not table:
            continue
        add("professions", f"professions.{org}", _org_label(org), f["attended"].get(org, 0))
        for role, c in _sorted_counts(table):
            add("professions", f"professions.{org}.{role}", _role_label(role), c, level=1)

    # guardians and family
    fam = f["family"]
    fam_order = ["mother", "father", "two_guardians", "guardian", "forvaltare", "family_home", "relative",
             OTHER, UNSPEC, "person", "none"]
    for key in fam_order:
        c = fam.get(key, 0)
        if c or key in ("mother", "father", "two_guardians", "none"):
            add("family", f"family.{key}", t(f"stats.family.{key}"), c)

    # goal categories
    for goal, c in _sorted_counts(f["goal_category"]):
        add("goals", f"goal.{goal}", t("stats.goal_unset") if goal == UNSET else t(f"enum.GoalCategory.{goal}"), c)

    # time per phase
    names = known_phase_keys()
    order = list(names)
    for key, rec in sorted(f["phases"].items(),
                           key=lambda kv: (kv[0] not in names, order.index(kv[0]) if kv[0] in names else 0,
                                           kv[0] == OTHER, kv[0])):
        cnt = rec["count"]
        if not cnt:
            continue
        name = t("stats.phase_other") if key == OTHER else names.get(key, key)
        add("phases", f"phase.{key}", name, cnt, base=None)
        add("phases", f"phase.{key}.planned", t("stats.planned_min"), level=1,
            value=rec["planned_seconds"] / cnt / 60, unit="min")
        add("phases", f"phase.{key}.actual", t("stats.actual_min"), level=1,
            value=rec["elapsed_seconds"] / cnt / 60, unit="min")

    # measures and follow-up
    ms = f["measures"]
    add("measures", "measures.total", t("stats.measures_total"), ms["total"], base=None)
    if n:
        add("measures", "measures.per_meeting", t("stats.measures_per_meeting"), value=ms["total"] / n)
    add("measures", "measures.with_responsible", t("stats.measures_responsible"), ms["with_responsible"],
        base=ms["total"])
    add("measures", "measures.none", t("stats.measures_none"), ms["per_meeting"].get("0", 0))
    add("measures", "follow_up_booked", t("stats.follow_up_booked"), f["follow_up_booked"])

    # evaluations
    ev = f["evaluations"]
    add("evaluations", "evaluations.count", t("stats.evaluations"), ev["count"], base=None)
    for i, s in enumerate(ev["statements"], 1):
        if s["n"]:
            add("evaluations", f"evaluations.s{i}", t(f"eval.s{i}"), s["n"], base=None, level=1,
                value=s["sum"] / s["n"], unit="/5")
    return rows


SECTIONS = ("overview", "mode", "convened", "attended", "parties", "absences", "professions", "family",
            "goals", "phases", "measures", "evaluations")


def section_title(section: str) -> str:
    return t(f"stats.section.{section}")


# --------------------------------------------------------------------------- rendering


def fmt_number(v: float, decimals: int = 1) -> str:
    text = f"{v:.{decimals}f}"
    return text.replace(".", ",") if get_language() == "sv" else text


def fmt_pct(p: float | None) -> str:
    return "" if p is None else f"{p:.0f} %"


def empty_message(doc: dict) -> str | None:
    """A clear sentence when there is nothing to count, else None."""
    f = doc["figures"]
    if f["meetings"]:
        return None
    period = Period(_opt_date(doc["period"]["from"]), _opt_date(doc["period"]["to"]))
    if period.is_open:
        return t("stats.no_meetings_all")
    return t("stats.no_meetings_period", period=period.describe())


def header_lines(doc: dict) -> list[str]:
    period = Period(_opt_date(doc["period"]["from"]), _opt_date(doc["period"]["to"]))
    lines = [t("stats.title", period=period.describe())]
    if doc.get("sources", 1) > 1:
        lines.append(t("stats.sources", n=doc["sources"]))
    lines.append(t("stats.pct_note"))
    return lines


def render_table(doc: dict, width: int = 64) -> str:
    out = header_lines(doc)
    msg = empty_message(doc)
    if msg:
        return "\n".join([*out, "", msg])
    current = None
    for row in report_rows(doc):
        if row.section != current:
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
    return "\n".join(out)


def render_csv(doc: dict) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([t("stats.col.section"), t("stats.col.key"), t("stats.col.label"), t("stats.col.count"),
                t("stats.col.percent"), t("stats.col.value")])
    for row in report_rows(doc):
        w.writerow([
            section_title(row.section), row.key, row.label,
            "" if row.count is None else row.count,
            "" if row.pct is None else f"{row.pct:.1f}",
            "" if row.value is None else f"{row.value:.2f}",
        ])
    return buf.getvalue()


def render_json(doc: dict) -> str:
    return export_bytes(doc).decode()


def write_csv(path: str | Path, doc: dict) -> Path:
    from sipmote.store.atomic import atomic_write

    target = Path(path).expanduser()
    atomic_write(target, render_csv(doc).encode("utf-8-sig"), mode=0o644)
    return target
