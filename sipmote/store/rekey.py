"""Re-encrypting the register (encrypt, change of passphrase), crash-safe.

Runs with the register lock held:

1. every file is decoded with the old key and written, re-encrypted with the
   new key, under ``.rekey/`` (same relative paths, each write atomic + fsync);
2. ``register.json`` is rewritten atomically with the new key parameters and a
   ``"rekey"`` marker - **this single rename is the commit point**;
3. the staged files are moved into place with ``os.replace`` (no key needed),
   stale temp files are removed, the marker is cleared, ``.rekey/`` removed.

:func:`check_register` (called by ``Register.open``) finishes an interrupted
change: marker present -> roll forward (step 3 again, idempotent); no marker
but a ``.rekey/`` folder -> the change never committed, the old key still holds
and the folder is removed. So after a crash at any point exactly one passphrase
opens the register and every plan reads back. Re-encrypting needs free space
for one extra copy of the register while it runs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Protocol

from sipmote.i18n import t
from sipmote.store.atomic import StoreError, atomic_write, ensure_dir, fsync_dir, os_error_message, read_bytes
from sipmote.store.codec import Codec, CodecError
from sipmote.store.meta import FORMAT, encrypted_files, meta_state, read_meta, write_meta

STAGING = ".rekey"


class Folder(Protocol):
    """What re-keying needs of a register (the register itself; no import of it here)."""

    root: Path
    codec: Codec

    @property
    def meta_path(self) -> Path: ...
    @property
    def index_path(self) -> Path: ...
    @property
    def data_dirs(self) -> tuple[Path, ...]: ...
    def notice(self, message: str) -> None: ...
    def forget_index(self) -> None: ...
    def log(self, template: str, *args: object) -> None: ...


def _register_files(reg: Folder) -> list[str]:
    """Relative paths of every stored file that is encoded with the register's key."""
    rels = ["index.json"] if reg.index_path.exists() else []
    for d in reg.data_dirs:
        if d.is_dir():
            rels += [f"{d.name}/{p.name}" for p in sorted(d.iterdir()) if p.is_file() and not p.name.startswith(".")]
    return rels


def stale_temp_files(reg: Folder) -> list[Path]:
    out: list[Path] = []
    for d in (reg.root, *reg.data_dirs):
        if d.is_dir():
            out += [p for p in d.glob(".*.tmp") if not p.is_dir()]
    return out


def rekey(reg: Folder, new: Codec) -> int:
    """Re-encrypt every file of the open register ``reg`` with ``new``
    (from plain, or from the current key). Returns the number of files."""
    old = reg.codec
    staging = reg.root / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    rels = _register_files(reg)
    try:
        ensure_dir(staging)
        for rel in rels:
            try:
                raw = read_bytes(reg.root / rel)
            except FileNotFoundError:
                continue
            try:
                data = old.decode(raw)
            except (CodecError, StoreError):  # a damaged file stays damaged, but no longer readable in clear
                data = raw
            dest = staging / rel
            ensure_dir(dest.parent)
            atomic_write(dest, new.encode(data))
        fsync_dir(staging)
        meta = read_meta(reg.meta_path)
        meta["encryption"] = new.entry()  # type: ignore[attr-defined]
        meta["rekey"] = {"files": len(rels)}
        write_meta(reg.meta_path, meta)  # the commit point
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(os_error_message(exc), cause=exc) from exc
    except StoreError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    reg.codec = new
    reg.forget_index()
    reg.log("re-encrypted %d files", len(rels))
    finish_pending_rekey(reg, notice=False)
    return len(rels)


def finish_pending_rekey(reg: Folder, *, notice: bool = True) -> None:
    """Complete (marker in register.json) or undo (no marker) an interrupted re-encryption."""
    staging = reg.root / STAGING
    meta: Any
    try:
        meta = json_meta(reg.meta_path)
    except (OSError, ValueError):
        meta = None
    pending = isinstance(meta, dict) and bool(meta.get("rekey"))
    if not pending:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
            if notice:
                reg.notice(t("privacy.rekey_rolled_back"))
            reg.log("interrupted re-encryption rolled back")
        return
    try:
        dirs: set[Path] = set()
        if staging.is_dir():
            for src in sorted(p for p in staging.rglob("*") if p.is_file()):
                rel = src.relative_to(staging)
                if rel.name.startswith("."):
                    continue  # a staging temp file from the crash
                dest = reg.root / rel
                ensure_dir(dest.parent)
                os.replace(src, dest)
                dirs.add(dest.parent)
        for d in dirs:
            fsync_dir(d)
        for p in stale_temp_files(reg):
            p.unlink(missing_ok=True)
    except OSError as exc:
        raise StoreError(t("privacy.rekey_incomplete", reason=os_error_message(exc)), cause=exc) from exc
    meta.pop("rekey", None)
    write_meta(reg.meta_path, meta)
    shutil.rmtree(staging, ignore_errors=True)
    if notice:
        reg.notice(t("privacy.rekey_resumed"))
        reg.log("interrupted re-encryption completed")


def json_meta(path: Path) -> Any:
    import json

    return json.loads(read_bytes(path))


def rekey_pending(reg: Folder) -> bool:
    """An interrupted re-encryption waits to be finished (a reader must not guess the key)."""
    return (reg.root / STAGING).exists()


def check_register(reg: Folder, *, writable: bool = True) -> None:
    """Called by ``Register.open`` before anything is read (with the lock held when ``writable``).

    Finishes an interrupted passphrase change, rebuilds a missing or damaged
    register.json when that is safe, and refuses a codec that does not match
    the register (an encrypted register opened without its key is never
    mistaken for a corrupt one: nothing is moved or rewritten)."""
    if writable:
        finish_pending_rekey(reg)
    elif rekey_pending(reg):
        raise StoreError(t("store.busy_rekey"))
    state, enc = meta_state(reg.meta_path)
    if state in ("missing", "damaged"):
        if reg.codec.encrypted:  # unlocked from a file header
            if writable:
                write_meta(reg.meta_path, {"format": FORMAT, "encryption": reg.codec.entry()})  # type: ignore[attr-defined]
                reg.notice(t("privacy.meta_rebuilt"))
                reg.log("register.json rebuilt from the encrypted files")
            return
        if encrypted_files(reg.root):
            raise StoreError(t("privacy.needs_passphrase"))
        if writable:
            write_meta(reg.meta_path, {"format": FORMAT, "encryption": None})
            if state == "damaged":
                reg.notice(t("privacy.meta_rebuilt"))
                reg.log("register.json was damaged and was rewritten (plain register)")
        return
    if not reg.codec.accepts(enc):
        raise StoreError(t("privacy.needs_passphrase") if enc else t("privacy.not_encrypted"))
