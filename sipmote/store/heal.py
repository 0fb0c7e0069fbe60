"""What ``Register.open`` tidies, with the lock held, before anything is read.

- temp files of writes a crash interrupted (``.<name>.<rand>.tmp``: they can
  hold a whole plan in clear) are removed;
- a deletion a crash interrupted (its ``.deleting.<id>`` marker) is finished;
- every file is 0600 and every folder 0700 again (POSIX), whoever changed them;
- backups of a plan that is gone (neither a plan file nor in the index) are removed.

A plan whose file is missing while the index lists it is restored from its
newest good backup by the register itself (``Register._load_index``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from sipmote.store.atomic import DIR_MODE, FILE_MODE, fsync_dir

DELETING = ".deleting."


def temp_files(dirs: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for d in dirs:
        try:
            out += [p for p in d.glob(".*.tmp") if not p.is_dir()]
        except OSError:
            continue
    return out


def sweep_temp_files(dirs: Iterable[Path]) -> int:
    n = 0
    for p in temp_files(dirs):
        try:
            p.unlink()
            n += 1
        except OSError:
            continue
    return n


def pending_deletions(root: Path) -> list[str]:
    try:
        return sorted(p.name[len(DELETING):] for p in root.glob(DELETING + "*"))
    except OSError:
        return []


def tighten_modes(root: Path, dirs: Iterable[Path]) -> int:
    """chmod 0600/0700 what is looser (POSIX only: Windows has no such bits)."""
    if os.name == "nt":
        return 0
    fixed = 0
    for d in (root, *dirs):
        try:
            entries = [d, *d.iterdir()]
        except OSError:
            continue
        for p in entries:
            try:
                st = os.lstat(p)
            except OSError:
                continue
            if stat.S_ISDIR(st.st_mode):
                want = DIR_MODE
            elif stat.S_ISREG(st.st_mode):
                want = FILE_MODE
            else:
                continue
            if stat.S_IMODE(st.st_mode) != want:
                try:
                    os.chmod(p, want)
                    fixed += 1
                except OSError:
                    continue
    return fixed


def backup_ids(backups_dir: Path) -> dict[str, list[Path]]:
    """Backups by plan id (``<id>.<n>.json``)."""
    out: dict[str, list[Path]] = {}
    try:
        names = list(backups_dir.iterdir())
    except OSError:
        return out
    for p in names:
        parts = p.name.split(".")
        if len(parts) == 3 and parts[2] == "json" and parts[1].isdigit() and not p.name.startswith("."):
            out.setdefault(parts[0], []).append(p)
    return out


def remove_orphans(backups_dir: Path, keep: set[str]) -> int:
    """Remove the backups of plans that are not in ``keep``; how many plans had some."""
    n = 0
    for pid, files in backup_ids(backups_dir).items():
        if pid in keep:
            continue
        for f in files:
            try:
                f.unlink()
            except OSError:
                continue
        n += 1
    if n:
        fsync_dir(backups_dir)
    return n
