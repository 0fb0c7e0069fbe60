"""Reading a file that may be hostile, without ever blocking or following a link.

The type is checked before opening (``lstat``: a folder, FIFO, device, socket
or symlink is refused by name), the open is non-blocking and does not follow a
final symlink where the OS offers it (a FIFO swapped in between the check and
the open cannot hang the reader), and at most ``limit`` bytes are read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from sipmote.errors import SipmoteError
from sipmote.i18n import t

_O_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


class NotAFile(SipmoteError):
    """The path is there but is not a regular file (folder, FIFO, device, link)."""


class TooLarge(SipmoteError):
    """The file is over its size limit."""


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISFIFO(mode):
        return "fifo"
    return "device"


def refuse_kind(path: Path, mode: int) -> None:
    kind = _kind(mode)
    if kind is not None:
        raise NotAFile(t(f"files.not_regular_{kind}", path=str(path)))


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``; more is TooLarge).

    Raises FileNotFoundError when it is not there, NotAFile, TooLarge or OSError."""
    refuse_kind(path, os.lstat(path).st_mode)
    try:
        fd = os.open(path, _O_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a symlink after the check
            raise NotAFile(t("files.not_regular_link", path=str(path))) from None
        raise
    try:
        st = os.fstat(fd)
        refuse_kind(path, st.st_mode)
        if st.st_size > limit:
            raise TooLarge(t("files.too_large", path=str(path), mb=_mb(limit)))
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew while being read
                raise TooLarge(t("files.too_large", path=str(path), mb=_mb(limit)))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:g}"
