"""The register: every plan on this laptop, behind one facade.

Layout of the data folder (0700, files 0600)::

    register.json        format version and, if encrypted, the key parameters
    sipmote.lock         held by the one process that has the register open for writing
    index.json           TinyDB database: one small summary per plan (for the start screen)
    plans/<id>.json      one file per plan
    backups/<id>.N.json  the last BACKUPS versions of each plan (1 = newest)
    broken/              unreadable files moved aside, never deleted silently
    sipmote.log          technical log, no personal data

Saving a plan rewrites only that plan's file (and the index only when the
plan's summary changed), so an autosave costs the same with 10 or 5,000 plans.
File names carry only random ids, never personal data.

Front ends use only this class: ``unlock(ask)`` before ``open()``, then
``summaries()``, ``load()``, ``save()``, ``delete()``, ``iter_raw()``,
``encrypt()``, ``rekey()``; ``take_notices()`` hands over what the register
repaired (once each). With ``read_only=True`` (or ``allow_read_only`` when
another process holds the lock) nothing is ever written.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sipmote.i18n import t
from sipmote.logs import Safe
from sipmote.model import Plan
from sipmote.store import heal, meta
from sipmote.store.atomic import StoreError, atomic_write, ensure_dir, fsync_dir, os_error_message
from sipmote.store.codec import PLAIN, Codec, CodecError
from sipmote.store.files import NotAFile, TooLarge, read_regular
from sipmote.store.index import PlanSummary, read_index, write_index
from sipmote.store.limits import MAX_PLAN_BYTES, check_plan, parse_json
from sipmote.store.lock import RegisterLock, RegisterLocked
from sipmote.store.refs import ID_CHARS, check_id, resolve
from sipmote.store.rekey import check_register

FORMAT = meta.FORMAT
BACKUPS = 3


def default_home() -> Path:
    env = os.environ.get("SIPMOTE_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("sipmote", appauthor=False))


@dataclass
class Register:
    root: Path
    codec: Codec = PLAIN
    use_lock: bool = True
    notices: list[str] = field(default_factory=list)
    #: never write (no lock taken): list, show, export, stats while the app has the register
    read_only: bool = False
    #: open read-only instead of refusing when another process holds the lock
    allow_read_only: bool = False
    #: who sees the messages: "window" (the app) or "command" (the CLI)
    front_end: str = "window"

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self._lock: RegisterLock | None = None
        self._summaries: dict[str, PlanSummary] | None = None
        self._opened = False
        self._taken = 0
        self._batch = False
        self._logger: logging.Logger | None = None

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
    def drafts_dir(self) -> Path:
        """What was typed in a plan's open dialogs (``store/drafts.py``), with the plan's key."""
        return self.root / "drafts"

    @property
    def data_dirs(self) -> tuple[Path, ...]:
        """Every folder of files encoded with the register's key, named by plan id."""
        return (self.plans_dir, self.backups_dir, self.broken_dir, self.drafts_dir)

    @property
    def index_path(self) -> Path:
        return self.root / "index.json"

    @property
    def meta_path(self) -> Path:
        return self.root / meta.META_NAME

    @property
    def log_path(self) -> Path:
        return self.root / "sipmote.log"

    def plan_path(self, plan_id: str) -> Path:
        check_id(plan_id)
        return self.plans_dir / f"{plan_id}.json"

    def backup_path(self, plan_id: str, n: int) -> Path:
        return self.backups_dir / f"{plan_id}.{n}.json"

    # ------------------------------------------------------------------ notices
    def notice(self, message: str) -> None:
        if message not in self.notices[self._taken:]:
            self.notices.append(message)

    def take_notices(self) -> list[str]:
        """What the register repaired or wants the user to know, each handed out once."""
        new = self.notices[self._taken:]
        self._taken = len(self.notices)
        return list(dict.fromkeys(new))

    # ------------------------------------------------------------------ lifecycle
    @property
    def encrypted(self) -> bool:
        """The register on disk is encrypted (whether or not it is unlocked)."""
        return meta.is_encrypted(self.root)

    def unlock(self, ask: Callable[[], str], *, tries: int = 1) -> Register:
        """Get the key of an encrypted register (``ask`` returns a passphrase); before ``open``.
        Plain registers: nothing happens and ``ask`` is not called."""
        from sipmote.store.crypto import unlock

        unlock(self, ask, tries=tries)
        return self

    def open(self) -> Register:
        if self._opened:
            return self
        if not self.read_only:
            try:
                ensure_dir(self.root)
            except OSError as exc:
                raise StoreError(os_error_message(exc), cause=exc) from exc
            if self.use_lock:
                self._take_lock()
        if not self.read_only:
            try:
                for d in (self.plans_dir, self.backups_dir):
                    ensure_dir(d)
            except OSError as exc:
                self.close()
                raise StoreError(os_error_message(exc), cause=exc) from exc
        try:
            check_register(self, writable=not self.read_only)
            if not self.read_only:
                self._tidy()
        except StoreError:
            self.close()
            raise
        self._opened = True
        return self

    def _take_lock(self) -> None:
        lock = RegisterLock(self.root / "sipmote.lock")
        try:
            lock.acquire()
        except RegisterLocked as exc:
            if self.allow_read_only:
                self.read_only = True
                return
            pid = _holder_pid(self.root / "sipmote.lock")
            raise RegisterLocked(t(f"store.locked_{self.front_end}", pid=pid)) from exc
        self._lock = lock

    def _tidy(self) -> None:
        """Finish what a crash interrupted (under the lock): see :mod:`sipmote.store.heal`."""
        for pid in heal.pending_deletions(self.root):
            if pid and set(pid) <= ID_CHARS:
                self._delete_files(pid)
                self.log("finished an interrupted deletion of %s", Safe(pid))
        if n := heal.sweep_temp_files((self.root, *self.data_dirs)):
            self.log("removed %d temp files left by an interrupted write", n)
        if n := heal.tighten_modes(self.root, self.data_dirs):
            self.log("tightened the modes of %d files", n)

    def close(self) -> None:
        self._opened = False
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Register:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_meta(self) -> dict[str, Any]:
        return meta.read_meta(self.meta_path)

    def write_meta(self, data: dict[str, Any]) -> None:
        self._writable()
        meta.write_meta(self.meta_path, data)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(t("store.read_only_mode"))

    def log(self, template: str, *args: object) -> None:
        """A technical log line in ``sipmote.log``: values only as :class:`~sipmote.logs.Safe`
        or numbers, anything else is dropped (see :mod:`sipmote.logs`). Never in read-only mode."""
        if self.read_only:
            return
        if self._logger is None:
            from sipmote import logs

            self._logger = logs.folder_logger(self.root)
        self._logger.info(template, *args)

    # ------------------------------------------------------------------ encryption
    def encrypt(self, passphrase: str) -> int:
        """Encrypt this open, plain register. Returns the number of files encrypted."""
        from sipmote.store.crypto import encrypt_register

        self._writable()
        return encrypt_register(self, passphrase)

    def rekey(self, passphrase: str) -> int:
        """Re-encrypt this open, unlocked register under a new passphrase."""
        from sipmote.store.crypto import change_passphrase

        self._writable()
        return change_passphrase(self, passphrase)

    def forget_index(self) -> None:
        self._summaries = None

    # ------------------------------------------------------------------ index
    def _load_index(self) -> dict[str, PlanSummary]:
        if self._summaries is not None:
            return self._summaries
        indexed = read_index(self.index_path, self.codec)
        try:
            on_disk = {p.stem for p in self.plans_dir.glob("*.json") if not p.name.startswith(".")}
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
            if not self.read_only:
                if n := heal.remove_orphans(self.backups_dir, set(summaries)):
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

    # ------------------------------------------------------------------ plans
    def _read(self, path: Path) -> bytes:
        """A stored file's decoded bytes (raises FileNotFoundError, NotAFile, TooLarge,
        OSError, CodecError)."""
        return self.codec.decode(read_regular(path, MAX_PLAN_BYTES + 4096))

    def _decode_plan(self, raw: bytes) -> Plan:
        return Plan.model_validate_json(raw)

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
            message = t("store.unrecoverable", file=path.name, moved=_rel(self.root, moved or earlier or path))
        elif self._summaries is not None and plan_id in self._summaries or self._listed(plan_id):
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

    def resolve(self, ref: str, *, exact: bool = False) -> str:
        """A plan id from an id, an id prefix or a (unique) name; see :func:`refs.resolve`."""
        if not exact and ref.strip() and ref == ref.strip() and 0 < len(ref) <= 64 \
                and set(ref) <= ID_CHARS and self.plan_path(ref).is_file():
            return ref  # a whole id: opening one plan never reads the register's index
        return resolve(ref, self._load_index(), exact=exact)


def _holder_pid(lock_path: Path) -> str:
    """The pid in the lock file; the holder writes it just after locking, so wait a moment."""
    for _ in range(25):
        try:
            text = lock_path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            text = ""
        if text.isdigit():
            return text
        time.sleep(0.02)
    return t("store.pid_unknown")


def _rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


__all__ = ["Register", "PlanSummary", "StoreError", "default_home"]
