"""Single instance per register: an advisory lock held while the register is open.

The kernel drops the lock when the process dies (even on SIGKILL), so a crash
never leaves a stale lock behind."""

from __future__ import annotations

import os
from pathlib import Path

from sipmote.i18n import t
from sipmote.store.atomic import StoreError, os_error_message

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class RegisterLocked(StoreError):
    pass


class RegisterLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            try:  # a read-only folder: flock needs no write access, so reading still works
                fd = os.open(self.path, os.O_RDONLY)
            except OSError:  # no lock file either: a message, not a traceback
                raise StoreError(os_error_message(exc), cause=exc) from exc
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                try:
                    pid = os.read(fd, 32).decode().strip() or "?"
                except OSError:
                    pid = "?"
                os.close(fd)
                raise RegisterLocked(t("store.locked", pid=pid)) from None
        self._fd = fd
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        except OSError:  # the pid is only informative; the lock is what counts
            pass

    def release(self) -> None:
        if self._fd is not None:
            try:
                if fcntl is not None:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None
