"""Drafts: what is being typed in an open form, kept beside the plan until it is confirmed.

One small file per plan, ``drafts/<plan id>.json``: a JSON object of draft key ->
``{"title": str, "values": {field: text or [chosen, ...]}, "opener": {name: text}}`` (the
opener: how the front end opens the dialog again). A plan not yet saved has no id: its
drafts go to the register's one slot for a new plan, ``drafts/+new-plan.json`` (``+``
is never part of a plan id, so the slot cannot meet a plan's file). Written through the one atomic path
(``atomic_write``, 0600), encoded with the register's codec (encrypted when the
register is), removed with the plan. A draft never goes into the plan itself: the
user confirms the dialog first. A draft file that cannot be read is ignored (a
draft is a courtesy; the plan is what must never be lost).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sipmote.store.atomic import StoreError, atomic_write, ensure_dir, read_bytes
from sipmote.store.codec import CodecError

Drafts = dict[str, dict[str, Any]]

NEW_PLAN = "+new-plan"  # the drafts file of a plan that has no id yet (the preparation of a new plan)
HIDDEN = "hidden:"  # a value under a name that starts so is restored but never shown (a masked personnummer)


class DraftStore:
    """Reads and writes the drafts of the plans in one register."""

    def __init__(self, register: Any) -> None:
        self.register = register

    @property
    def folder(self) -> Path:
        """The register's drafts folder (re-encrypted by a passphrase change, emptied of a
        plan's drafts when the plan is deleted: the store treats it as a data folder)."""
        folder = getattr(self.register, "drafts_dir", None)
        return Path(folder) if folder is not None else Path(self.register.root) / "drafts"

    def path(self, plan_id: str) -> Path:
        if plan_id != NEW_PLAN:
            self.register.plan_path(plan_id)  # the same id check as the plan's own file
        return self.folder / f"{plan_id}.json"

    def load(self, plan_id: str) -> Drafts:
        if getattr(self.register, "root", None) is None and getattr(self.register, "drafts_dir", None) is None:
            return {}  # a register without a folder (an in-memory one in tests) has no drafts
        try:
            raw = read_bytes(self.path(plan_id))
            data = json.loads(self.register.codec.decode(raw))
        except (OSError, ValueError, CodecError, StoreError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): _clean(v) for k, v in data.items() if isinstance(v, dict)}

    def save(self, plan_id: str, drafts: Drafts) -> None:
        """Write (or, when there is nothing left, remove) the plan's drafts. Raises StoreError."""
        path = self.path(plan_id)
        if not drafts:
            self.delete(plan_id)
            return
        ensure_dir(self.folder)
        data = json.dumps(drafts, ensure_ascii=False).encode()
        atomic_write(path, self.register.codec.encode(data))

    def delete(self, plan_id: str) -> None:
        path = self.path(plan_id)
        try:
            path.unlink(missing_ok=True)
            for tmp in self.folder.glob(f".{plan_id}.json.*"):
                tmp.unlink(missing_ok=True)
        except OSError:
            pass

    def plan_ids(self) -> list[str]:
        """Plans that have drafts on disk (e.g. left by a crash)."""
        if getattr(self.register, "root", None) is None or not self.folder.is_dir():
            return []  # a register without a folder (an in-memory one in tests) has no drafts
        return sorted(p.stem for p in self.folder.glob("*.json") if not p.name.startswith(".") and p.stem != NEW_PLAN)


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    values = entry.get("values")
    opener = entry.get("opener")
    out: dict[str, Any] = {
        "title": str(entry.get("title", "")),
        "values": {str(k): _value(v) for k, v in values.items()} if isinstance(values, dict) else {},
    }
    if isinstance(opener, dict):
        out["opener"] = {str(k): str(v) for k, v in opener.items()}
    return out


def _value(v: Any) -> str | list[str]:
    """A field's text, or the chosen values of a multi-choice field."""
    return [str(x) for x in v] if isinstance(v, list) else str(v)
