"""``register.json``: the format version and, if encrypted, the key parameters.

Read by the register (to open it) and by the encryption code (to unlock and
re-key it); it imports neither, so they do not import each other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sipmote.store.atomic import StoreError, atomic_write, os_error_message, read_bytes
from sipmote.store.codec import ENCRYPTED_MAGIC

FORMAT = 1
META_NAME = "register.json"
#: bytes of a file enough to recognise the encryption header
_HEAD = 64


def meta_state(meta_path: Path) -> tuple[str, dict[str, Any] | None]:
    """('missing' | 'damaged' | 'plain' | 'encrypted', the encryption entry)."""
    try:
        raw = read_bytes(meta_path)
    except FileNotFoundError:
        return "missing", None
    except OSError as exc:
        raise StoreError(os_error_message(exc), cause=exc) from exc
    try:
        meta = json.loads(raw)
    except ValueError:
        return "damaged", None
    if not isinstance(meta, dict):
        return "damaged", None
    enc = meta.get("encryption")
    if enc is None:
        return "plain", None
    if not isinstance(enc, dict):
        return "damaged", None
    return "encrypted", enc


def read_meta(meta_path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(read_bytes(meta_path))
    except (OSError, ValueError):
        return {"format": FORMAT, "encryption": None}
    return meta if isinstance(meta, dict) else {"format": FORMAT, "encryption": None}


def write_meta(meta_path: Path, meta: dict[str, Any]) -> None:
    atomic_write(meta_path, json.dumps(meta, indent=2).encode())


def encrypted_files(root: Path, limit: int = 5) -> list[Path]:
    """Up to ``limit`` files of the register that start with the encryption header."""
    found: list[Path] = []
    candidates = [root / "index.json"]
    for d in ("plans", "backups"):
        try:
            candidates += sorted((root / d).glob("*.json"))
        except OSError:
            pass
    for p in candidates:
        try:
            if not p.is_file() or p.is_symlink():
                continue
            with open(p, "rb") as f:
                head = f.read(_HEAD)
        except OSError:
            continue
        if head.startswith(ENCRYPTED_MAGIC):
            found.append(p)
            if len(found) >= limit:
                break
    return found


def is_encrypted(root: Path) -> bool:
    state, _ = meta_state(Path(root) / META_NAME)
    return state == "encrypted" or (state in ("missing", "damaged") and bool(encrypted_files(Path(root))))
