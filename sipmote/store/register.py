"""The register: every plan on this laptop.

Layout of the data folder (0700, files 0600)::

    register.json        format version and, if encrypted, the key parameters
    sipmote.lock         held (flock) by the one process that has the register open
    index.json           TinyDB database: one small summary per plan (for the start screen)
    plans/<id>.json      one file per plan
    backups/<id>.N.json  the last BACKUPS versions of each plan (1 = newest)
    broken/              unreadable files moved aside, never deleted silently
    sipmote.log          technical log, no personal data

Saving a plan rewrites only that plan's file (and the index only when the
plan's summary changed), so an autosave costs the same with 10 or 5,000 plans.
File names carry only random ids, never personal data.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from tinydb import Query, Storage, TinyDB

from sipmote.i18n import t
from sipmote.model import Plan
from sipmote.store.atomic import (
    StoreError,
    atomic_write,
    ensure_dir,
    fsync_dir,
    os_error_message,
    read_bytes,
)
from sipmote.store.codec import PLAIN, Codec, CodecError
from sipmote.store.lock import RegisterLock

FORMAT = 1
BACKUPS = 3


def default_home() -> Path:
    env = os.environ.get("SIPMOTE_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("sipmote", appauthor=False))


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never rewrites in place and never keeps the file open."""

    def __init__(self, path: str | Path, codec: Codec = PLAIN) -> None:
        self.path = Path(path)
        self.codec = codec

    def read(self) -> dict | None:
        try:
            raw = read_bytes(self.path)
        except FileNotFoundError:
            return None
        if not raw:
            return None
        return json.loads(self.codec.decode(raw))

    def write(self, data: dict) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        atomic_write(self.path, self.codec.encode(payload))

    def close(self) -> None:  # nothing is held open
        pass


@dataclass
class PlanSummary:
    id: str
    name: str
    personnummer: str | None
    status: str
    last_meeting: str | None
    next_meeting: str | None
    updated: str

    @classmethod
    def of(cls, plan: Plan) -> PlanSummary:
        last = plan.last_held_meeting or plan.latest_meeting
        nxt = plan.next_follow_up
        return cls(
            id=plan.id,
            name=plan.person.name,
            personnummer=plan.person.personnummer,
            status=plan.status.value,
            last_meeting=last.date.isoformat() if last and last.date else None,
            next_meeting=nxt.isoformat() if nxt else None,
            updated=plan.updated.isoformat(),
        )

    def as_doc(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Register:
    root: Path
    codec: Codec = PLAIN
    use_lock: bool = True
    notices: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self._lock: RegisterLock | None = None
        self._summaries: dict[str, PlanSummary] | None = None
        self._opened = False
        self._batch = False

    # ------------------------------------------------------------------ paths
    @property
    def plans_dir(self) -> Path:
        return self.root / "plans"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def broken_dir(self) -> Path:
        return self.root / "broken"

    @property
    def index_path(self) -> Path:
        return self.root / "index.json"

    @property
    def meta_path(self) -> Path:
        return self.root / "register.json"

    @property
    def log_path(self) -> Path:
        return self.root / "sipmote.log"

    def plan_path(self, plan_id: str) -> Path:
        _check_id(plan_id)
        return self.plans_dir / f"{plan_id}.json"

    def backup_path(self, plan_id: str, n: int) -> Path:
        return self.backups_dir / f"{plan_id}.{n}.json"

    # ------------------------------------------------------------------ lifecycle
    def open(self) -> Register:
        if self._opened:
            return self
        try:
            for d in (self.root, self.plans_dir, self.backups_dir):
                ensure_dir(d)
        except OSError as exc:
            raise StoreError(os_error_message(exc), cause=exc) from exc
        if self.use_lock:
            self._lock = RegisterLock(self.root / "sipmote.lock")
            self._lock.acquire()
        try:
            # finishes an interrupted passphrase change, repairs register.json and
            # refuses a codec that does not fit (encrypted register, no key)
            from sipmote.store.crypto import check_register

            check_register(self)
        except StoreError:
            self.close()
            raise
        self._opened = True
        return self

    def close(self) -> None:
        self._opened = False
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Register:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_meta(self) -> dict:
        try:
            return json.loads(read_bytes(self.meta_path))
        except (OSError, ValueError):
            return {"format": FORMAT, "encryption": None}

    def write_meta(self, meta: dict) -> None:
        atomic_write(self.meta_path, json.dumps(meta, indent=2).encode())

    # ------------------------------------------------------------------ index
    def _db(self) -> TinyDB:
        return TinyDB(self.index_path, storage=AtomicJSONStorage, codec=self.codec)

    def _load_index(self) -> dict[str, PlanSummary]:
        if self._summaries is not None:
            return self._summaries
        summaries: dict[str, PlanSummary] | None = None
        try:
            docs = self._db().table("plans").all()
            summaries = {d["id"]: PlanSummary(**d) for d in docs}
        except (ValueError, TypeError, KeyError, AttributeError, CodecError, OSError):
            summaries = None
        on_disk = {p.stem for p in self.plans_dir.glob("*.json")}
        if summaries is None or set(summaries) != on_disk:
            summaries = self._rebuild_index(on_disk)
        else:
            self._refresh_stale(summaries)
        self._summaries = summaries
        return summaries

    def _refresh_stale(self, summaries: dict[str, PlanSummary]) -> None:
        """Saves that did not change a summary leave the index alone, and a crash can fall
        between a plan's write and the index's. So plan files written since the index
        are summarised again (usually only the few edited last session)."""
        try:
            since = self.index_path.stat().st_mtime_ns
        except OSError:
            since = 0
        changed = False
        for pid in list(summaries):
            try:
                if self.plan_path(pid).stat().st_mtime_ns < since:
                    continue
                fresh = PlanSummary.of(self.load(pid, _index=False))
            except OSError:
                continue
            except StoreError as exc:
                self.notices.append(exc.message)
                continue
            if _summary_key(fresh) != _summary_key(summaries[pid]):
                summaries[pid] = fresh
                changed = True
        if changed:
            self._write_index_quietly(summaries)

    def _rebuild_index(self, ids: set[str]) -> dict[str, PlanSummary]:
        summaries: dict[str, PlanSummary] = {}
        for pid in sorted(ids):
            try:
                summaries[pid] = PlanSummary.of(self.load(pid, _index=False))
            except StoreError as exc:
                self.notices.append(exc.message)
        self._write_index_quietly(summaries)
        return summaries

    def _write_index_quietly(self, summaries: dict[str, PlanSummary]) -> None:
        """The index is a cache of the plan files: when it cannot be written (full disk,
        read-only folder) the register keeps working from memory and the index is
        refreshed from the plan files next time (they are newer than it)."""
        try:
            self._write_index(summaries)
        except StoreError as exc:
            self.log(f"index not written ({type(exc.__cause__).__name__}); kept in memory")

    def _write_index(self, summaries: dict[str, PlanSummary]) -> None:
        payload = {"plans": {str(i + 1): s.as_doc() for i, s in enumerate(summaries.values())}}
        AtomicJSONStorage(self.index_path, self.codec).write(payload)

    def summaries(self) -> list[PlanSummary]:
        return sorted(self._load_index().values(), key=lambda s: s.updated, reverse=True)

    def ids(self) -> list[str]:
        return list(self._load_index())

    # ------------------------------------------------------------------ plans
    def _decode_plan(self, raw: bytes) -> Plan:
        return Plan.model_validate_json(self.codec.decode(raw))

    def load(self, plan_id: str, *, _index: bool = True) -> Plan:
        path = self.plan_path(plan_id)
        try:
            raw = read_bytes(path)
        except FileNotFoundError:
            raw = None
        except OSError as exc:
            raise StoreError(os_error_message(exc), cause=exc) from exc
        if raw is not None:
            try:
                return self._decode_plan(raw)
            except ValidationError as exc:
                newer = [e for e in exc.errors() if e.get("loc") == ("schema_version",)]
                if newer:  # written by a newer sipmote: not corrupt, never move it aside
                    raise StoreError(t("err.schema_newer", version=newer[0].get("input"))) from None
            except (ValueError, CodecError):
                pass
        return self._recover(plan_id, had_file=raw is not None)

    def _recover(self, plan_id: str, *, had_file: bool) -> Plan:
        path = self.plan_path(plan_id)
        moved = None
        if had_file:
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
                raw = read_bytes(b)
                plan = self._decode_plan(raw)
            except (OSError, ValueError, ValidationError, CodecError):
                continue
            atomic_write(path, raw)
            self.notices.append(t("store.restored", file=path.name, moved=moved or "-"))
            self.log(f"restored {path.name} from backup {n}")
            return plan
        if not had_file and self.broken_dir.is_dir():
            # moved aside earlier in this session or a previous one: say so, not "not found"
            earlier = sorted(self.broken_dir.glob(f"{plan_id}.*.json"))
            if earlier:
                had_file, moved = True, earlier[-1]
        if had_file:
            raise StoreError(t("store.unrecoverable", file=path.name, moved=moved))
        raise StoreError(t("store.not_found", ref=plan_id))

    def save(self, plan: Plan) -> None:
        """Durably save one plan. Returns only once the new version is on disk."""
        plan.touch()
        data = self.codec.encode(plan.model_dump_json().encode())
        path = self.plan_path(plan.id)
        if path.exists():
            self._rotate_backups(plan.id)
        atomic_write(path, data)
        summaries = self._load_index()
        summary = PlanSummary.of(plan)
        old = summaries.get(plan.id)
        if self._batch:
            summaries[plan.id] = summary  # the index is written once, when the batch ends
        elif old is None or _summary_key(old) != _summary_key(summary):
            summaries[plan.id] = summary
            # the plan is durable here: an index failure must not report the save as lost
            self._write_index_quietly(summaries)
        else:
            summaries[plan.id] = summary  # keep 'updated' fresh in memory only

    def _rotate_backups(self, plan_id: str) -> None:
        """backups N-1 -> N ... 1 -> 2, then the current file -> 1 (hard link, no copy)."""
        try:
            for n in range(BACKUPS - 1, 0, -1):
                src = self.backup_path(plan_id, n)
                if src.exists():
                    os.replace(src, self.backup_path(plan_id, n + 1))
            tmp = self.backups_dir / f".{plan_id}.link.tmp"
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass
            try:
                os.link(self.plan_path(plan_id), tmp)
            except OSError:  # file systems without hard links
                atomic_write(tmp, read_bytes(self.plan_path(plan_id)))
            try:
                os.replace(tmp, self.backup_path(plan_id, 1))
            except OSError:
                tmp.unlink(missing_ok=True)  # no stray copy of the plan left behind
                raise
        except OSError as exc:
            raise StoreError(os_error_message(exc), cause=exc) from exc

    @contextmanager
    def batch(self) -> Iterator[Register]:
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
        if not replace and self.plan_path(plan.id).exists():
            raise StoreError(t("store.exists", id=plan.id))
        self.save(plan)

    def delete(self, plan_id: str) -> None:
        """Remove the plan, its backups, drafts, temp files and moved-aside copies."""
        victims = [self.plan_path(plan_id)]
        victims += list(self.backups_dir.glob(f"{plan_id}.*"))
        victims += list(self.backups_dir.glob(f".{plan_id}.*"))
        victims += list(self.plans_dir.glob(f".{plan_id}.json.*"))
        drafts = self.root / "drafts"  # what was typed in its open dialogs (store/drafts.py)
        victims += [drafts / f"{plan_id}.json", *drafts.glob(f".{plan_id}.json.*")]
        if self.broken_dir.exists():
            victims += list(self.broken_dir.glob(f"{plan_id}.*"))
            victims += list(self.broken_dir.glob(f".{plan_id}.*"))
        # stale temp files of the index may hold the name (a crash mid-write); we hold the lock
        victims += list(self.root.glob(".index.json.*.tmp"))
        summaries = self._load_index()
        try:
            for v in victims:
                v.unlink(missing_ok=True)
            summaries.pop(plan_id, None)
            try:
                self._write_index(summaries)
            except StoreError:
                # the name must not stay behind in the index: drop it, it is rebuilt on next open
                self.index_path.unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(os_error_message(exc), cause=exc) from exc
        for d in (self.root, self.plans_dir, self.backups_dir, self.broken_dir):
            fsync_dir(d)

    def resolve(self, ref: str) -> str:
        """A plan id from an id, an id prefix or a (unique) name."""
        if 0 < len(ref) <= 64 and set(ref) <= _ID_CHARS and self.plan_path(ref).is_file():
            return ref  # a whole id: opening one plan never reads the register's index
        summaries = self._load_index()
        if ref in summaries:
            return ref
        hits = [pid for pid in summaries if pid.startswith(ref)]
        if not hits:
            low = ref.casefold()
            hits = [s.id for s in summaries.values() if s.name.casefold() == low]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise StoreError(t("store.not_found", ref=ref))
        raise StoreError(t("store.ambiguous", ref=ref, ids=", ".join(sorted(hits))))

    # ------------------------------------------------------------------ log
    def log(self, line: str) -> None:
        """Technical log line. Callers never pass personal data."""
        try:
            fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as f:
                f.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}\n")
        except OSError:
            pass


_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def _check_id(plan_id: str) -> None:
    """Plan ids become file names and glob patterns: a hostile import (``../x``, ``*``)
    must never reach outside plans/ or match other plans' files."""
    if not (isinstance(plan_id, str) and 0 < len(plan_id) <= 64 and set(plan_id) <= _ID_CHARS):
        raise StoreError(t("privacy.bad_id"))


def _summary_key(s: PlanSummary) -> tuple:
    return (s.name, s.personnummer, s.status, s.last_meeting, s.next_meeting)


__all__ = ["Register", "PlanSummary", "StoreError", "default_home", "Query"]
