"""The statistics figures: one pydantic model, the one definition of their shape.

Anonymous by construction
    Every key comes from a closed list: the ``Literal`` types below (checked
    against the model's enums by a test), the role keys of ``model.ROLES`` per
    party (a free-text role is ``other``, an empty one ``unspecified``), unit
    keys and group keys (``[a-z0-9_-]``, from the units and layout data files)
    and the phase keys of the agendas. Names, personnummer, organisation names
    and every other free text are never read into it. An export read back is
    validated by the same model (``extra="forbid"``, strict integers >= 0), so a
    tampered file cannot smuggle text in.

Additive
    Every figure is a count or an integer sum (seconds, days, answer points), so
    the figures of two registers added (``Figures.add``) equal the figures of one
    register holding both. Averages and percentages are computed when rendering.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from sipmote.model import ROLES, OrgKind

Count = Annotated[int, Field(strict=True, ge=0)]

UNSPEC = "unspecified"
OTHER = "other"
UNSET = "unset"

OrgKey = Literal[
    "school", "social_services", "regional_health", "municipal_health", "forsakringskassan",
    "arbetsformedlingen", "kriminalvarden", "person", "family", "other", "unspecified",
]
KindKey = Literal["new", "new_after_discharge", "follow_up"]
ModeKey = Literal["in_person", "video", "phone", "mixed"]
GoalKey = Literal[
    "school_absence", "safe_home", "safe_schooling", "mental_health", "school_goals", "school_transition",
    "assessment_medication", "language_growth", "checkin", "behaviour", "other", "unset",
]
#: the three parties' combinations: a partition of the meetings
PartyKey = Literal[
    "all_three", "school_social", "school_region", "social_region", "school_only", "social_only", "region_only",
    "none",
]
FamilyKey = Literal[
    "mother", "father", "guardian", "forvaltare", "family_home", "relative", "other", "unspecified",
    "two_guardians", "mother_alone", "father_alone", "person", "none",
]
BucketKey = Literal["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10+"]
MeasureStatusKey = Literal["done", "ongoing", "not_done", "unset"]
GoalStatusKey = Literal["active", "achieved", "ended"]
RatingKey = Literal["better", "same", "worse", "unset"]
DeviationKindKey = Literal["party_absent", "measure_not_done", "disagreement", "guideline_not_followed", "other"]
#: a unit, group or phase key: from the data files and agendas, never free text of a plan
DataKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{1,40}$")]

ROLE_KEYS: dict[str, tuple[str, ...]] = {o.value: tuple(ROLES.get(o, ())) for o in OrgKind}
PARTY_OF: dict[tuple[bool, bool, bool], PartyKey] = {
    (True, True, True): "all_three", (True, True, False): "school_social",
    (True, False, True): "school_region", (False, True, True): "social_region",
    (True, False, False): "school_only", (False, True, False): "social_only",
    (False, False, True): "region_only", (False, False, False): "none",
}


@functools.cache
def _role_names(org: str) -> dict[str, str]:
    """Folded key, Swedish and English label of each role of ``org`` -> the role key
    (a role typed as its label, "Kurator", is the role ``kurator``)."""
    from sipmote.i18n import catalogue

    out: dict[str, str] = {}
    for key in ROLE_KEYS.get(org, ()):
        for name in (key, catalogue("sv").get(f"role.{key}", ""), catalogue("en").get(f"role.{key}", "")):
            if name:
                out.setdefault(name.strip().casefold(), key)
    return out


def role_key(org: str, role: object) -> str:
    """A role as a closed-list key: a known role of ``org`` (its key or its label in either
    language), ``unspecified`` when empty, else ``other``."""
    r = role.strip() if isinstance(role, str) else ""
    if not r:
        return UNSPEC
    if r in ROLE_KEYS.get(org, ()):
        return r
    return _role_names(org).get(r.casefold(), OTHER)


class _Fig(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PhaseTime(_Fig):
    count: Count = 0
    planned_seconds: Count = 0
    elapsed_seconds: Count = 0


class Measures(_Fig):
    total: Count = 0
    with_responsible: Count = 0
    per_meeting: dict[BucketKey, Count] = Field(default_factory=dict)


class Statement(_Fig):
    n: Count = 0
    sum: Count = 0


class Evaluations(_Fig):
    count: Count = 0
    statements: list[Statement] = Field(default_factory=lambda: [Statement() for _ in range(5)],
                                        min_length=5, max_length=5)


class Outcomes(_Fig):
    """What the follow-up meetings found: the plans' outcomes, not only their number."""

    follow_ups: Count = 0
    measure_status: dict[MeasureStatusKey, Count] = Field(default_factory=dict)
    goal_status: dict[GoalStatusKey, Count] = Field(default_factory=dict)
    goal_rating: dict[RatingKey, Count] = Field(default_factory=dict)
    #: follow-ups whose booked date is known: held on it, later (and the days late), earlier
    booked_known: Count = 0
    on_booked_date: Count = 0
    late: Count = 0
    late_days: Count = 0
    early: Count = 0
    deviations: dict[DeviationKindKey, dict[OrgKey, Count]] = Field(default_factory=dict)


class Figures(_Fig):
    meetings: Count = 0
    plans: Count = 0
    cancelled: Count = 0
    undated: Count = 0
    follow_up_booked: Count = 0
    kind: dict[KindKey, Count] = Field(default_factory=dict)
    mode: dict[ModeKey, Count] = Field(default_factory=dict)
    convened: dict[OrgKey, Count] = Field(default_factory=dict)
    convened_role: dict[OrgKey, dict[str, Count]] = Field(default_factory=dict)
    convened_unit: dict[OrgKey, dict[DataKey, Count]] = Field(default_factory=dict)
    attended: dict[OrgKey, Count] = Field(default_factory=dict)
    absent_notice: dict[OrgKey, Count] = Field(default_factory=dict)
    no_show: dict[OrgKey, Count] = Field(default_factory=dict)
    absent_any: dict[OrgKey, Count] = Field(default_factory=dict)
    parties: dict[PartyKey, Count] = Field(default_factory=dict)
    professions: dict[OrgKey, dict[str, Count]] = Field(default_factory=dict)
    units: dict[OrgKey, dict[DataKey, Count]] = Field(default_factory=dict)
    groups: dict[DataKey, Count] = Field(default_factory=dict)
    family: dict[FamilyKey, Count] = Field(default_factory=dict)
    goal_category: dict[GoalKey, Count] = Field(default_factory=dict)
    phases: dict[DataKey, PhaseTime] = Field(default_factory=dict)
    measures: Measures = Field(default_factory=Measures)
    follow_up: Outcomes = Field(default_factory=Outcomes)
    evaluations: Evaluations = Field(default_factory=Evaluations)

    @model_validator(mode="after")
    def _closed_roles(self) -> Figures:
        for section in (self.convened_role, self.professions):
            for org, roles in section.items():
                allowed = (*ROLE_KEYS.get(org, ()), OTHER, UNSPEC)
                if any(r not in allowed for r in roles):
                    raise ValueError("role")  # never echo the key: it may be a name
        return self

    def add(self, other: Figures) -> Figures:
        """The figures of both (dicts by key, lists element-wise, counts added)."""
        return Figures.model_validate(_add(self.model_dump(), other.model_dump()))

    @classmethod
    def from_tree(cls, tree: dict[str, Any]) -> Figures:
        return cls.model_validate(tree)


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for k, v in b.items():
            out[k] = _add(out[k], v) if k in out else v
        return out
    if isinstance(a, list) and isinstance(b, list):
        return [_add(x, y) for x, y in zip(a, b, strict=True)]
    return a + b


def safe_detail(exc: Exception) -> str:
    """The section of the format a validation error is in, never a value from the file."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        for err in exc.errors():
            loc = err.get("loc") or ()
            if loc and loc[0] in Figures.model_fields:
                return str(loc[0])
    return "figures"
