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

import time
from collections.abc import Callable
from pathlib import Path

from sipmote.i18n import t
from sipmote.logs import Safe
from sipmote.store import heal, meta
from sipmote.store.atomic import StoreError, ensure_dir, os_error_message
from sipmote.store.folder import default_home
from sipmote.store.index import PlanSummary
from sipmote.store.lock import RegisterLock, RegisterLocked
from sipmote.store.plan_files import BACKUPS, PlanFiles
from sipmote.store.refs import ID_CHARS, resolve
from sipmote.store.rekey import check_register

FORMAT = meta.FORMAT


class Register(PlanFiles):
    """The facade front ends use (fields: see :class:`~sipmote.store.folder.RegisterFolder`)."""

    _lock: RegisterLock | None = None

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
            with open(lock_path, "rb") as f:  # the pid is at the start (the Windows lock byte is far past it)
                text = f.read(32).decode("ascii", "replace").strip()
        except OSError:
            text = ""
        if text.isdigit():
            return text
        time.sleep(0.02)
    return t("store.pid_unknown")


__all__ = ["BACKUPS", "FORMAT", "PlanSummary", "Register", "StoreError", "default_home"]
