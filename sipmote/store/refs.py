"""Plan references: a whole id, an id prefix or a person's name (or, except for
``delete``, the start of it), resolved to one id.

A reference is never empty or blank (an empty prefix matches every plan: a
script with an empty variable must not reach ``delete``). ``exact`` (for
``delete``) accepts a whole id, an exact name, or a prefix of at least
:data:`MIN_PREFIX` characters that fits one plan only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from sipmote.i18n import t
from sipmote.store.atomic import StoreError

ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
MIN_PREFIX = 4


class Named(Protocol):
    @property
    def name(self) -> str: ...


def check_id(plan_id: str) -> None:
    """Plan ids become file names and glob patterns: a hostile import (``../x``, ``*``)
    must never reach outside plans/ or match other plans' files."""
    if not (isinstance(plan_id, str) and 0 < len(plan_id) <= 64 and set(plan_id) <= ID_CHARS):
        raise StoreError(t("privacy.bad_id"))


def resolve(ref: str, plans: Mapping[str, Named], *, exact: bool = False) -> str:
    if not isinstance(ref, str) or not ref.strip():
        raise StoreError(t("store.empty_ref"))
    ref = ref.strip()
    if ref in plans:
        return ref
    low = ref.casefold()
    names = [pid for pid, s in plans.items() if s.name.strip().casefold() == low]
    prefix = [pid for pid in plans if pid.startswith(ref)]
    if exact:
        if len(names) == 1:
            return names[0]
        if len(prefix) == 1 and len(ref) >= MIN_PREFIX and not names:
            return prefix[0]
        if len(prefix) == 1 and len(ref) < MIN_PREFIX:
            raise StoreError(t("store.prefix_too_short", ref=ref, n=MIN_PREFIX))
        hits = sorted(set(names) | set(prefix))
    else:  # show, open, export: also the start of a name ("Alva" for Alva Nyström)
        starts = [pid for pid, s in plans.items() if s.name.strip().casefold().startswith(low)]
        hits = prefix or names or starts
        if len(hits) == 1:
            return hits[0]
    if not hits:
        raise StoreError(t("store.not_found", ref=ref))
    raise StoreError(t("store.ambiguous", ref=ref, ids=", ".join(sorted(hits))))
