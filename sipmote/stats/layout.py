"""Report layouts as data: the regional layout (``region.toml``), rows and groupings of seed 000.

A row is either a sum of figures (paths into ``Figures``) or a *group*: the occasions
where at least one attending participant of a party has one of some roles and units.
Groups are counted while the plans are read (``GROUPS`` is what the collector counts)
and travel in the export like every other figure, so a merged table has them too."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sipmote.stats.figures import Figures

LAYOUTS = ("detailed", "region")


@dataclass(frozen=True)
class Group:
    party: str
    roles: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    exclude_units: frozenset[str] = frozenset()

    def matches(self, party: str, role: str, unit: str) -> bool:
        return (party == self.party and (not self.roles or role in self.roles)
                and (not self.units or unit in self.units) and unit not in self.exclude_units)


@dataclass(frozen=True)
class LayoutRow:
    key: str
    level: int = 0
    sum: tuple[str, ...] = ()
    group: Group | None = None
    base: str = "meetings"

    def count(self, fig: dict[str, Any]) -> int:
        if self.group is not None:
            return int(fig["groups"].get(self.key, 0))
        return sum(_path(fig, p) for p in self.sum)


@dataclass(frozen=True)
class LayoutSection:
    key: str
    rows: tuple[LayoutRow, ...]
    note: str = ""


def _path(fig: dict[str, Any], path: str) -> int:
    node: Any = fig
    for part in path.split("."):
        if not isinstance(node, dict):
            return 0
        node = node.get(part, 0)
    return node if isinstance(node, int) else 0


@functools.cache
def region_layout() -> tuple[LayoutSection, ...]:
    data = tomllib.loads(resources.files(__package__).joinpath("region.toml").read_text(encoding="utf-8"))
    sections = []
    for sec in data["section"]:
        rows = []
        for r in sec["row"]:
            g = r.get("group")
            group = None if g is None else Group(
                g["party"], frozenset(g.get("roles", ())), frozenset(g.get("units", ())),
                frozenset(g.get("exclude_units", ())))
            rows.append(LayoutRow(r["key"], int(r.get("level", 0)), tuple(r.get("sum", ())), group,
                                  r.get("base", "meetings")))
        sections.append(LayoutSection(sec["key"], tuple(rows), sec.get("note", "")))
    return tuple(sections)


@functools.cache
def groups() -> dict[str, Group]:
    """Every group of every layout, by row key: what the collector counts."""
    return {r.key: r.group for s in region_layout() for r in s.rows if r.group is not None}


def check_paths() -> list[str]:
    """Sum paths of the layout that name no figure (a test keeps this empty)."""
    fields = Figures.model_fields
    return [p for s in region_layout() for r in s.rows for p in r.sum if p.split(".")[0] not in fields]
