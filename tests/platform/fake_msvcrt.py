"""A stand-in for Windows' ``msvcrt`` module, for running the Windows lock branch on Linux.

``locking(fd, mode, nbytes)`` locks ``nbytes`` from the file's current position,
as the real one does. Two layers give Windows' semantics here:

- per handle, like Windows: a table of held ranges, so a second handle in the
  same process is refused too (POSIX record locks would let it through);
- across processes: a POSIX record lock (``fcntl.lockf``) on the same range, so a
  real second process is refused, and the kernel drops it when the holder dies.

Windows' locks are also mandatory (a locked range cannot be read); that cannot be
emulated here, so tests check instead that the locked range avoids the pid.
"""

from __future__ import annotations

import errno
import fcntl
import os
import types

LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4


def make() -> types.ModuleType:
    mod = types.ModuleType("msvcrt")
    held: dict[tuple[int, int, int], int] = {}  # (dev, ino, offset) -> fd
    calls: list[tuple[int, int, int]] = []

    def locking(fd: int, mode: int, nbytes: int) -> None:
        pos = os.lseek(fd, 0, os.SEEK_CUR)
        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino, pos)
        calls.append((mode, pos, nbytes))
        if mode == LK_UNLCK:
            if held.get(key) != fd:
                raise OSError(errno.EACCES, "Permission denied")
            del held[key]
            fcntl.lockf(fd, fcntl.LOCK_UN, nbytes, pos)
            return
        if mode != LK_NBLCK:
            raise NotImplementedError(mode)
        if key in held:
            raise OSError(errno.EDEADLK, "Resource deadlock avoided")
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, nbytes, pos)
        except OSError:
            raise OSError(errno.EDEADLK, "Resource deadlock avoided") from None
        held[key] = fd

    mod.LK_UNLCK, mod.LK_LOCK, mod.LK_NBLCK, mod.LK_RLCK, mod.LK_NBRLCK = (
        LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK)
    mod.locking = locking  # type: ignore[attr-defined]
    mod.held = held  # type: ignore[attr-defined]
    mod.calls = calls  # type: ignore[attr-defined]
    return mod


def install_in(lock_module: types.ModuleType) -> types.ModuleType:
    """Make ``sipmote.store.lock`` take its Windows branch; returns the fake."""
    fake = make()
    lock_module.fcntl = None  # type: ignore[attr-defined]
    lock_module.msvcrt = fake  # type: ignore[attr-defined]
    return fake
