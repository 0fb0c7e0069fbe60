"""Units (enheter) as data: the shipped ``units.toml`` extended by the user's own file.

A plan records a participant's or convenor's unit as text (``organisation``), chosen
from this list or typed freely. ``Units.key_of`` turns that text into a closed-list key
for the statistics: the unit it names, ``unspecified`` when empty, ``other`` ("annan
enhet") for any other text. The shipped list is package data (read with
``importlib.resources``, so it works from an installed wheel); the user's file is
``units.toml`` in the data folder and adds units or replaces shipped ones by key.
No Textual here."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sipmote.i18n import get_language, t
from sipmote.model import OrgKind
from sipmote.stats.figures import OTHER, UNSPEC

USER_FILE = "units.toml"
_KEY = re.compile(r"^[a-z0-9_-]{1,40}$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Unit:
    key: str
    party: OrgKind
    name: str
    name_en: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass
class Units:
    units: dict[str, Unit] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._names: dict[str, str] = {}
        for u in self.units.values():
            for text in (u.name, u.name_en, *u.aliases):
                if text.strip():
                    self._names.setdefault(_fold(text), u.key)
        self._cache: dict[str, str] = {}

    def key_of(self, organisation: object) -> str:
        """The unit key the text names: exact (case and spaces folded), or a unit's name
        followed by more words ("BUP Gävle"); ``unspecified`` for no text, ``other`` else."""
        if not isinstance(organisation, str) or not organisation.strip():
            return UNSPEC
        hit = self._cache.get(organisation)
        if hit is None:
            folded = _fold(organisation)
            hit = self._names.get(folded)
            if hit is None:
                words = folded.split(" ")
                hit = next((self._names[" ".join(words[:n])] for n in range(len(words) - 1, 0, -1)
                            if " ".join(words[:n]) in self._names), OTHER)
            self._cache[organisation] = hit
        return hit

    def names(self) -> list[str]:
        """Every unit's name to choose from (in the current language), sorted; free text stays possible."""
        return sorted({u.label for u in self.units.values()}, key=str.casefold)

    def of_party(self, party: OrgKind | str) -> list[Unit]:
        return [u for u in self.units.values() if u.party == party]

    def label(self, key: str) -> str:
        if key == UNSPEC:
            return t("stats.unit_unspecified")
        if key == OTHER:
            return t("stats.unit_other")
        unit = self.units.get(key)
        return unit.label if unit else key  # a unit of another laptop's list: its key


def _parse(text: str, source: str) -> tuple[list[Unit], list[str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [], [t("stats.units_bad_file", path=source, detail=str(exc))]
    out: list[Unit] = []
    errors: list[str] = []
    for i, raw in enumerate(data.get("unit") or [], 1):
        try:
            key, party, name = raw["key"], raw["party"], raw["name"]
            aliases = raw.get("aliases", [])
            if not (isinstance(key, str) and _KEY.match(key)) or key in (OTHER, UNSPEC):
                raise ValueError("key")
            if not isinstance(name, str) or not name.strip() or not isinstance(aliases, list):
                raise ValueError("name")
            out.append(Unit(key, OrgKind(party), name.strip(), str(raw.get("name_en", "")).strip(),
                            tuple(str(a) for a in aliases)))
        except (KeyError, TypeError, ValueError):
            errors.append(t("stats.units_bad_unit", path=source, n=i))
    return out, errors


def load_units(home: Path | None = None) -> Units:
    """The shipped units, extended (or replaced by key) by ``<home>/units.toml``."""
    shipped = resources.files(__package__).joinpath("units.toml").read_text(encoding="utf-8")
    units, errors = _parse(shipped, "units.toml")
    if home is not None:
        path = Path(home) / USER_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = None
        except (OSError, UnicodeDecodeError) as exc:
            text = None
            errors.append(t("stats.units_bad_file", path=str(path), detail=str(exc)))
        if text is not None:
            mine, errs = _parse(text, str(path))
            units += mine
            errors += errs
    return Units({u.key: u for u in units}, errors)
