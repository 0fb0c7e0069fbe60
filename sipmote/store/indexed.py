"""The register's index, kept true to the plan files: a plan whose file is missing is
restored from its newest good backup (or listed as damaged, with what to do), a plan file
the index does not know is added, and backups of plans that are gone are removed."""

from __future__ import annotations

import os
from pathlib import Path

from sipmote.i18n import t
from sipmote.logs import Safe
from sipmote.store import heal
from sipmote.store.atomic import StoreError
from sipmote.store.folder import RegisterFolder
from sipmote.store.index import PlanSummary, read_index, write_index


def plan_file_ids(folder: Path) -> set[str]:
    """The ids of the plan files in ``folder``: regular ``<id>.json`` files; temp files (dot
    names) and anything else that happens to be there (a folder called ``x.json``) are not plans."""
    with os.scandir(folder) as entries:
        return {e.name[:-5] for e in entries
                if e.name.lower().endswith(".json") and not e.name.startswith(".") and e.is_file()}


class IndexedRegister(RegisterFolder):
    def _load_index(self) -> dict[str, PlanSummary]:
        if self._summaries is not None:
            return self._summaries
        indexed = read_index(self.index_path, self.codec)
        try:
            on_disk = plan_file_ids(self.plans_dir)
        except OSError:
            on_disk = set()
        if indexed is None:
            # no usable index: every plan file, and every plan that only has backups left
            ids = on_disk | set(heal.backup_ids(self.backups_dir))
            summaries = self._summarise(sorted(ids), {})
            if self.index_path.exists():
                self.notice(t("store.index_rebuilt"))
        else:
            missing = set(indexed) - on_disk
            new = on_disk - set(indexed)
            summaries = dict(indexed)
            if missing or new:
                summaries.update(self._summarise(sorted(missing | new), indexed))
            self._refresh_stale(summaries, skip=missing | new)
            if not self.read_only and (n := heal.remove_orphans(self.backups_dir, set(summaries))):
                self.log("removed the backups of %d deleted plans", n)
        if summaries != indexed:
            self._write_index_quietly(summaries)
        self._summaries = summaries
        return summaries

    def _summarise(self, ids: list[str], known: dict[str, PlanSummary]) -> dict[str, PlanSummary]:
        out: dict[str, PlanSummary] = {}
        for pid in ids:
            try:
                out[pid] = PlanSummary.of(self.load(pid, _index=False))
            except StoreError as exc:
                self.notice(exc.message)
                out[pid] = PlanSummary.unreadable(pid, exc.message, known.get(pid))
        return out

    def _refresh_stale(self, summaries: dict[str, PlanSummary], skip: set[str]) -> None:
        """Saves that did not change a summary leave the index alone, and a crash can fall
        between a plan's write and the index's. So plan files written since the index
        are summarised again (usually only the few edited last session)."""
        try:
            since = self.index_path.stat().st_mtime_ns
        except OSError:
            since = 0
        for pid in list(summaries):
            if pid in skip:
                continue
            try:
                if self.plan_path(pid).stat().st_mtime_ns < since and summaries[pid].damaged is None:
                    continue
                fresh = PlanSummary.of(self.load(pid, _index=False))
            except OSError:
                continue
            except StoreError as exc:
                self.notice(exc.message)
                summaries[pid] = PlanSummary.unreadable(pid, exc.message, summaries[pid])
                continue
            if fresh.key() != summaries[pid].key():
                summaries[pid] = fresh

    def _write_index_quietly(self, summaries: dict[str, PlanSummary]) -> None:
        """The index is a cache of the plan files: when it cannot be written (full disk,
        read-only folder or mode) the register keeps working from memory and the index is
        refreshed from the plan files next time (they are newer than it)."""
        if self.read_only:
            return
        try:
            write_index(self.index_path, self.codec, summaries)
        except StoreError as exc:
            self.log("index not written (%s); kept in memory", Safe(type(exc.__cause__).__name__))

    def summaries(self) -> list[PlanSummary]:
        return sorted(self._load_index().values(), key=lambda s: s.updated, reverse=True)

    def ids(self) -> list[str]:
        return list(self._load_index())
