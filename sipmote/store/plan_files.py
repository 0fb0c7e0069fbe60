"""Plan files: load (restoring from a backup), save (rotating backups), delete."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from sipmote.i18n import t
from sipmote.logs import Safe
from sipmote.model import Plan
from sipmote.store import heal
from sipmote.store.atomic import StoreError, atomic_write, ensure_dir, fsync_dir, os_error_message
from sipmote.store.codec import CodecError
from sipmote.store.files import NotAFile, TooLarge, read_regular
from sipmote.store.index import PlanSummary, read_index, write_index
from sipmote.store.indexed import IndexedRegister
from sipmote.store.limits import MAX_PLAN_BYTES, check_plan
from sipmote.store.refs import check_id

BACKUPS = 3


class PlanFiles(IndexedRegister):
    def load(self, plan_id: str, *, _index: bool = True) -> Plan:
        path = self.plan_path(plan_id)
        had = True
        try:
            raw: bytes | None = self._read(path)
        except FileNotFoundError:
            raw, had = None, False
        except (NotAFile, TooLarge) as exc:
            raise StoreError(t("store.unreadable", file=f"plans/{path.name}", reason=exc.message)) from None
        except OSError as exc:
            raise StoreError(t("store.read_failed", file=f"plans/{path.name}",
                               reason=exc.strerror or type(exc).__name__), cause=exc) from exc
        except CodecError:
            raw = None
        if raw is not None:
            try:
                plan = self._decode_plan(raw)
            except ValidationError as exc:
                newer = [e for e in exc.errors() if e.get("loc") == ("schema_version",)]
                if newer:  # written by a newer sipmote: not corrupt, never move it aside
                    raise StoreError(t("err.schema_newer", version=newer[0].get("input"))) from None
            except ValueError:
                pass
            else:
                self._mark_readable(plan)
                return plan
        return self._recover(plan_id, had_file=had)

    def _mark_readable(self, plan: Plan) -> None:
        if self._summaries is not None and (s := self._summaries.get(plan.id)) and s.damaged:
            self._summaries[plan.id] = PlanSummary.of(plan)

    def _recover(self, plan_id: str, *, had_file: bool) -> Plan:
        """The newest good backup, put back in place (moving the bad file aside first)."""
        path = self.plan_path(plan_id)
        moved: Path | None = None
        if had_file and not self.read_only:
            moved = self.broken_dir / f"{plan_id}.{time.strftime('%Y%m%d-%H%M%S')}.{os.urandom(2).hex()}.json"
            try:
                ensure_dir(self.broken_dir)
                os.replace(path, moved)
            except OSError as exc:
                raise StoreError(os_error_message(exc), cause=exc) from exc
            fsync_dir(self.plans_dir)
        for n in range(1, BACKUPS + 1):
            b = self.backup_path(plan_id, n)
            try:
                raw = read_regular(b, MAX_PLAN_BYTES + 4096)
                plan = self._decode_plan(self.codec.decode(raw))
            except (OSError, ValueError, CodecError, StoreError, NotAFile, TooLarge):
                continue
            if self.read_only:
                self.notice(t("store.restored_read_only", file=path.name))
                return plan
            atomic_write(path, raw)
            if moved is not None:
                self.notice(t("store.restored", file=path.name, moved=_rel(self.root, moved)))
            else:
                self.notice(t("store.restored_missing", file=path.name))
            self.log("restored %s.json from backup %d", Safe(plan_id), n)
            self._mark_readable(plan)
            return plan
        earlier = self._moved_aside(plan_id)
        if had_file or earlier is not None:
            message = t("store.unrecoverable", file=path.name, id=plan_id,
                        moved=_rel(self.root, moved or earlier or path))
        elif (self._summaries is not None and plan_id in self._summaries) or self._listed(plan_id):
            message = t("store.lost", file=path.name, id=plan_id)
        else:
            raise StoreError(t("store.not_found", ref=plan_id))
        if self._summaries is not None and plan_id in self._summaries:
            self._summaries[plan_id] = PlanSummary.unreadable(plan_id, message, self._summaries[plan_id])
        raise StoreError(message)

    def _moved_aside(self, plan_id: str) -> Path | None:
        try:
            earlier = sorted(self.broken_dir.glob(f"{plan_id}.*.json"))
        except OSError:
            return None
        return earlier[-1] if earlier else None

    def _listed(self, plan_id: str) -> bool:
        indexed = read_index(self.index_path, self.codec)
        return indexed is not None and plan_id in indexed

    def iter_raw(self) -> Iterator[tuple[str, bytes | None]]:
        """Every listed plan as (id, its decoded JSON bytes), for statistics without the cost of
        validation; None for a file that cannot be read or decoded (the caller then ``load``s
        it, which restores it from a backup or says why it cannot)."""
        for pid in sorted(self._load_index()):
            try:
                data: bytes | None = self._read(self.plan_path(pid))
            except (OSError, CodecError, StoreError, NotAFile, TooLarge):
                data = None
            yield pid, data

    def save(self, plan: Plan) -> None:
        """Durably save one plan. Returns only once the new version is on disk."""
        self._writable()
        plan.touch()
        data = self.codec.encode(check_plan(plan))
        path = self.plan_path(plan.id)
        if path.is_file():
            self._rotate_backups(plan.id)
        atomic_write(path, data)
        summaries = self._load_index()
        summary = PlanSummary.of(plan)
        old = summaries.get(plan.id)
        summaries[plan.id] = summary  # keeps 'updated' fresh in memory
        if self._batch:
            pass  # the index is written once, when the batch ends
        elif old is None or old.key() != summary.key():
            # the plan is durable here: an index failure must not report the save as lost
            self._write_index_quietly(summaries)

    def _rotate_backups(self, plan_id: str) -> None:
        """backups N-1 -> N ... 1 -> 2, then the current file -> 1 (hard link, no copy)."""
        try:
            ensure_dir(self.backups_dir)
            for n in range(BACKUPS - 1, 0, -1):
                src = self.backup_path(plan_id, n)
                if src.exists():
                    os.replace(src, self.backup_path(plan_id, n + 1))
            tmp = self.backups_dir / f".{plan_id}.link.tmp"
            tmp.unlink(missing_ok=True)
            try:
                os.link(self.plan_path(plan_id), tmp)
            except OSError:  # file systems without hard links
                atomic_write(tmp, read_regular(self.plan_path(plan_id), MAX_PLAN_BYTES + 4096))
            try:
                if os.name != "nt":
                    os.chmod(tmp, 0o600)  # the link shares the plan file's mode: whoever loosened it
                os.replace(tmp, self.backup_path(plan_id, 1))
            except OSError:
                tmp.unlink(missing_ok=True)  # no stray copy of the plan left behind
                raise
        except OSError as exc:
            raise StoreError(os_error_message(exc), cause=exc) from exc

    @contextmanager
    def batch(self) -> Iterator[PlanFiles]:
        """Save many plans with one index write at the end (bulk import). Every plan file is
        durable when its save returns; the index is a cache the register rebuilds if lost."""
        self._batch = True
        try:
            yield self
        finally:
            self._batch = False
            if self._summaries is not None:
                self._write_index_quietly(self._summaries)

    def add(self, plan: Plan, *, replace: bool = False) -> None:
        self._writable()
        if not replace and self.plan_path(plan.id).exists():
            raise StoreError(t("store.exists", id=plan.id))
        self.save(plan)

    def delete(self, plan_id: str) -> None:
        """Remove the plan, its backups, temp files and moved-aside copies.

        A marker file (``.deleting.<id>``) is written first: a crash part-way
        is finished on the next open, never left half done or undone."""
        self._writable()
        check_id(plan_id)
        marker = self.root / f"{heal.DELETING}{plan_id}"
        atomic_write(marker, b"")
        self._delete_files(plan_id)

    def _delete_files(self, plan_id: str) -> None:
        # the plan file, its backups, drafts, temp files and moved-aside copies
        victims = [self.plan_path(plan_id)]
        for d in self.data_dirs:
            try:
                victims += list(d.glob(f"{plan_id}.*")) + list(d.glob(f".{plan_id}.*"))
            except OSError:
                continue
        # stale temp files of the index may hold the name (a crash mid-write); we hold the lock
        victims += list(self.root.glob(".index.json.*.tmp"))
        summaries = self._load_index() if self._summaries is not None or self.index_path.exists() else {}
        try:
            for v in victims:
                v.unlink(missing_ok=True)
            summaries.pop(plan_id, None)
            try:
                write_index(self.index_path, self.codec, summaries)
            except StoreError:
                # the name must not stay behind in the index: drop it, it is rebuilt on next open
                self.index_path.unlink(missing_ok=True)
            for d in (self.root, *self.data_dirs):
                fsync_dir(d)
            (self.root / f"{heal.DELETING}{plan_id}").unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(os_error_message(exc), cause=exc) from exc
        fsync_dir(self.root)


def _rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
