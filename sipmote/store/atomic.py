"""The one write path for every file sipmote stores.

temp file in the same folder -> write -> fsync -> os.replace -> fsync the folder.
A reader therefore sees either the old or the new file, never a torn one, and a
save is acknowledged (the function returns) only after the rename is durable.

The OS calls go through module attributes (``_write``, ``_fsync``, ``_replace``)
so fault-injection tests can make each of them fail in turn.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from sipmote.errors import SipmoteError
from sipmote.i18n import t

FILE_MODE = 0o600
DIR_MODE = 0o700

_write = os.write
_fsync = os.fsync
_replace = os.replace


class StoreError(SipmoteError):
    """A storage failure with a user-facing message; the previous state is intact."""


def os_error_message(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return t("store.no_space")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return t("store.read_only")
    if exc.errno == errno.EIO:
        return t("store.write_failed", reason=t("privacy.reason_io"))
    return t("store.write_failed", reason=exc.strerror or type(exc).__name__)


def ensure_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    try:
        os.chmod(path, DIR_MODE)
    except OSError:
        pass


def dir_fsync_supported() -> bool:
    """Whether a folder can be fsynced to make a rename durable.

    POSIX: yes (open the folder read-only, fsync it). Windows: no - a folder
    cannot be opened with ``os.open`` there. The file's data is still flushed
    (``os.fsync`` is ``FlushFileBuffers``) and NTFS journals the rename
    (``MoveFileEx``), so after a power cut the file holds the old or the new
    version, never a torn one; a rename made in the last moment may be lost.
    """
    return os.name != "nt"


def fsync_dir(path: Path) -> None:
    if not dir_fsync_supported():
        return
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        _fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def tmp_name(path: Path) -> Path:
    """Temp files are hidden and carry the target's name, so deletion finds them."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def atomic_write(path: Path, data: bytes, *, mode: int = FILE_MODE) -> None:
    """Write ``data`` to ``path`` atomically and durably. Raises StoreError."""
    tmp = tmp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        try:
            if hasattr(os, "fchmod"):  # the umask or an inherited ACL never loosens it (no fchmod on Windows)
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                n = _write(fd, view)
                view = view[n:]
            _fsync(fd)
        finally:
            os.close(fd)
        _replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise StoreError(os_error_message(exc), cause=exc) from exc
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def read_bytes(path: Path) -> bytes:
    """A small file of the register's own (register.json); plans go through ``files.read_regular``."""
    from sipmote.store.files import read_regular

    return read_regular(path, 1_000_000)
