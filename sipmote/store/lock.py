"""Single instance per register: an OS lock held while the register is open.

Two backends, chosen by what the OS offers:

- POSIX (Linux, macOS): ``fcntl.flock`` on the whole lock file.
- Windows: ``msvcrt.locking`` on one byte far beyond the end of the file.
  Windows locks are mandatory (a locked range cannot be read by anybody else),
  so the range is placed away from the process id written at the start of the
  file: a second copy can still read whose lock it is and say so.

Either way the OS drops the lock when the process dies (even on SIGKILL or a
killed task in Task Manager), so a crash never leaves a stale lock behind.
A platform with neither backend refuses to open the register rather than
running unlocked, where two copies could overwrite each other's edits.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

from sipmote.i18n import t
from sipmote.store.atomic import StoreError, os_error_message

fcntl: ModuleType | None
msvcrt: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None

# Where the Windows lock byte sits: far past the pid at offset 0 (locking past the
# end of a file is allowed on Windows and does not grow the file).
MSVCRT_LOCK_OFFSET = 1 << 30
PID_BYTES = 32


class RegisterLocked(StoreError):
    pass


def _try_lock(fd: int) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True
    if msvcrt is not None:
        os.lseek(fd, MSVCRT_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True
    raise StoreError(t("platform.lock_unsupported"))


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    elif msvcrt is not None:
        os.lseek(fd, MSVCRT_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


class RegisterLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            try:  # a read-only folder: the lock needs no write access, so reading still works
                fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            except OSError:  # no lock file either: a message, not a traceback
                raise StoreError(os_error_message(exc), cause=exc) from exc
        try:
            locked = _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if not locked:
            try:
                pid = os.read(fd, PID_BYTES).decode("ascii", "replace").strip() or "?"
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
                _unlock(self._fd)
            except OSError:  # closing the file drops the lock anyway
                pass
            finally:
                os.close(self._fd)
                self._fd = None
