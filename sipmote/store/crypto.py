"""Encryption at rest: AES-256-GCM, the key derived from a passphrase with scrypt.

The ``cryptography`` package is imported only when an encrypted register is
used, so a plain register (and start-up) never pays for it.

File format (every plan, backup, moved-aside file and the index)::

    b"\\x00SIPENC" | version (1) | log2 n, r, p (3) | salt (16) | nonce (12) | ciphertext + tag

The header up to the salt is the GCM associated data, so the KDF parameters
cannot be altered unnoticed. Each file carries the KDF parameters (not the key
and nothing secret), so a lost ``register.json`` can be rebuilt from the
passphrase. ``register.json`` holds the same parameters and a *key-check blob*
(a known text encrypted with the key): a wrong passphrase is recognised before
anything is read or written, and nothing on disk changes.

Changing the passphrase (``rekey``) must never leave a mix of keys behind. It
runs with the register lock held:

1. every file is decoded with the old key and written, re-encrypted with the
   new key, under ``.rekey/`` (same relative paths, each write atomic + fsync);
2. ``register.json`` is rewritten atomically with the new key parameters and a
   ``"rekey"`` marker - **this single rename is the commit point**;
3. the staged files are moved into place with ``os.replace`` (no key needed),
   stale temp files are removed, the marker is cleared, ``.rekey/`` removed.

``Register.open`` calls :func:`check_register`, which finishes an interrupted
change: marker present -> roll forward (step 3 again, idempotent); no marker
but a ``.rekey/`` folder -> the change never committed, the old key still holds
and the folder is removed. So after a crash at any point exactly one passphrase
opens the register and every plan reads back. Re-encrypting needs free space
for one extra copy of the register while it runs.

The passphrase is never stored or echoed; the derived key lives in memory for
the session (``_SESSION``) so it is asked once per process.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sipmote.i18n import t
from sipmote.store.atomic import (
    StoreError,
    atomic_write,
    ensure_dir,
    fsync_dir,
    os_error_message,
    read_bytes,
)
from sipmote.store.codec import ENCRYPTED_MAGIC, Codec, CodecError

VERSION = 1
SALT_LEN = 16
NONCE_LEN = 12
KEY_LEN = 32
HEADER_LEN = len(ENCRYPTED_MAGIC) + 1 + 3 + SALT_LEN
MIN_PASSPHRASE = 8
#: scrypt cost: n=2**17, r=8 needs 128 MiB and ~0.3 s (OWASP's recommended minimum).
#: Stored per register, so a later change of these defaults never breaks old registers.
SCRYPT = {"n": 2**17, "r": 8, "p": 1}
_LOG2N = (10, 22)
_R = (1, 32)
_P = (1, 16)
CHECK_TEXT = b"sipmote key check v1"
STAGING = ".rekey"
PASSPHRASE_ENV = "SIPMOTE_PASSPHRASE_FILE"
NEW_PASSPHRASE_ENV = "SIPMOTE_NEW_PASSPHRASE_FILE"

#: derived codecs of this process, keyed by (register folder, salt, check): asked once per session
_SESSION: dict[tuple[str, str, str], EncryptedCodec] = {}


# --------------------------------------------------------------------------- key derivation


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    n: int
    r: int
    p: int

    @classmethod
    def new(cls) -> KdfParams:
        return cls(secrets.token_bytes(SALT_LEN), **SCRYPT)

    @classmethod
    def checked(cls, salt: bytes, n: int, r: int, p: int) -> KdfParams:
        """Refuse parameters a damaged or hostile register.json could use to exhaust memory."""
        ok = (
            isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
            and len(salt) == SALT_LEN and n > 0 and n & (n - 1) == 0
            and _LOG2N[0] <= n.bit_length() - 1 <= _LOG2N[1]
            and _R[0] <= r <= _R[1] and _P[0] <= p <= _P[1]
        )
        if not ok:
            raise StoreError(t("privacy.bad_params"))
        return cls(salt, n, r, p)

    @classmethod
    def from_entry(cls, enc: dict) -> KdfParams:
        try:
            salt = base64.b64decode(enc["salt"], validate=True)
            return cls.checked(salt, enc["n"], enc["r"], enc["p"])
        except (KeyError, TypeError, ValueError):
            raise StoreError(t("privacy.bad_params")) from None

    @classmethod
    def from_header(cls, data: bytes) -> KdfParams | None:
        if len(data) < HEADER_LEN or not data.startswith(ENCRYPTED_MAGIC):
            return None
        m = len(ENCRYPTED_MAGIC)
        if data[m] != VERSION:
            return None
        try:
            return cls.checked(data[m + 4 : HEADER_LEN], 1 << data[m + 1], data[m + 2], data[m + 3])
        except StoreError:
            return None

    def header(self) -> bytes:
        return ENCRYPTED_MAGIC + bytes([VERSION, self.n.bit_length() - 1, self.r, self.p]) + self.salt


def normalize(passphrase: str) -> bytes:
    """The same passphrase typed on any keyboard (å as one or two code points) gives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    try:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    except ImportError:
        raise StoreError(t("privacy.crypto_missing")) from None
    kdf = Scrypt(salt=params.salt, length=KEY_LEN, n=params.n, r=params.r, p=params.p)
    try:
        return kdf.derive(normalize(passphrase))
    except MemoryError:
        raise StoreError(t("privacy.bad_params")) from None


# --------------------------------------------------------------------------- the codec


class EncryptedCodec(Codec):
    name = "aes-256-gcm"
    encrypted = True

    def __init__(self, key: bytes, params: KdfParams, check: bytes = b"") -> None:
        try:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        except ImportError:
            raise StoreError(t("privacy.crypto_missing")) from None
        self._aead = AESGCM(key)
        self.params = params
        self._header = params.header()
        self.check = check or self.encode(CHECK_TEXT)

    def encode(self, data: bytes) -> bytes:
        nonce = os.urandom(NONCE_LEN)
        return self._header + nonce + self._aead.encrypt(nonce, data, self._header)

    def decode(self, data: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag

        if not data.startswith(self._header):
            raise CodecError("not encrypted with this register's key")
        nonce = data[HEADER_LEN : HEADER_LEN + NONCE_LEN]
        try:
            return self._aead.decrypt(nonce, data[HEADER_LEN + NONCE_LEN :], self._header)
        except (InvalidTag, ValueError):
            raise CodecError("authentication failed") from None

    def verifies(self) -> bool:
        try:
            return self.decode(self.check) == CHECK_TEXT
        except CodecError:
            return False

    def accepts(self, encryption: dict | None) -> bool:
        if not encryption:
            return False
        try:
            params = KdfParams.from_entry(encryption)
        except StoreError:
            return False
        return params == self.params and encryption.get("check") == _b64(self.check)

    def entry(self) -> dict:
        """The ``encryption`` entry of register.json (nothing secret in it)."""
        return {
            "cipher": "AES-256-GCM",
            "kdf": "scrypt",
            "salt": _b64(self.params.salt),
            "n": self.params.n,
            "r": self.params.r,
            "p": self.params.p,
            "check": _b64(self.check),
        }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def check_strength(passphrase: str) -> None:
    if len(unicodedata.normalize("NFC", passphrase).strip()) < MIN_PASSPHRASE:
        raise StoreError(t("privacy.too_short", n=MIN_PASSPHRASE))


def new_codec(passphrase: str) -> EncryptedCodec:
    """A codec with a fresh salt, for a new or re-keyed register."""
    check_strength(passphrase)
    params = KdfParams.new()
    return EncryptedCodec(derive_key(passphrase, params), params)


def codec_from_entry(passphrase: str, enc: dict) -> EncryptedCodec | None:
    """The codec for ``enc`` (register.json), or None when the passphrase is wrong."""
    params = KdfParams.from_entry(enc)
    try:
        check = base64.b64decode(enc["check"], validate=True)
    except (KeyError, TypeError, ValueError):
        raise StoreError(t("privacy.bad_params")) from None
    codec = EncryptedCodec(derive_key(passphrase, params), params, check)
    return codec if codec.verifies() else None


# --------------------------------------------------------------------------- register.json


def meta_state(meta_path: Path) -> tuple[str, dict | None]:
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


def is_encrypted(root: Path) -> bool:
    state, _ = meta_state(Path(root) / "register.json")
    return state == "encrypted" or (state in ("missing", "damaged") and bool(_encrypted_files(Path(root))))


def _encrypted_files(root: Path, limit: int = 5) -> list[Path]:
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
            with open(p, "rb") as f:
                head = f.read(HEADER_LEN)
        except OSError:
            continue
        if head.startswith(ENCRYPTED_MAGIC):
            found.append(p)
            if len(found) >= limit:
                break
    return found


def check_register(reg) -> None:
    """Called by ``Register.open`` with the lock held, before anything is read.

    Finishes an interrupted passphrase change, rebuilds a missing or damaged
    register.json when that is safe, and refuses a codec that does not match
    the register (an encrypted register opened without its key is never
    mistaken for a corrupt one: nothing is moved or rewritten)."""
    from sipmote.store.register import FORMAT

    finish_pending_rekey(reg)
    state, enc = meta_state(reg.meta_path)
    if state in ("missing", "damaged"):
        if reg.codec.encrypted:  # unlocked from a file header by unlock_register
            reg.write_meta({"format": FORMAT, "encryption": reg.codec.entry()})
            reg.notices.append(t("privacy.meta_rebuilt"))
            reg.log("register.json rebuilt from the encrypted files")
            return
        if _encrypted_files(reg.root):
            raise StoreError(t("privacy.needs_passphrase"))
        reg.write_meta({"format": FORMAT, "encryption": None})
        if state == "damaged":
            reg.notices.append(t("privacy.meta_rebuilt"))
            reg.log("register.json was damaged and was rewritten (plain register)")
        return
    if not reg.codec.accepts(enc):
        raise StoreError(t("privacy.needs_passphrase") if enc else t("privacy.not_encrypted"))


# --------------------------------------------------------------------------- asking for the passphrase


def _is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def _getpass(prompt: str) -> str:
    import getpass

    return getpass.getpass(prompt)


def read_secret(prompt: str, *, env: str = PASSPHRASE_ENV, line: int = 0) -> str:
    """A passphrase from the file named by ``$env`` (tests, scripts), the terminal
    (getpass: no echo) or, when stdin is not a terminal, one line of stdin."""
    path = os.environ.get(env)
    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            raise StoreError(t("privacy.passphrase_file", path=path)) from None
        if len(lines) <= line:
            raise StoreError(t("privacy.no_passphrase"))
        return lines[line]
    if _is_tty():
        try:
            return _getpass(prompt)
        except EOFError:
            raise StoreError(t("privacy.no_passphrase")) from None
    try:
        text = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):
        text = ""
    if not text:
        raise StoreError(t("privacy.no_passphrase"))
    return text.rstrip("\r\n")


def _ask(attempt: Callable[[str], EncryptedCodec | None]) -> EncryptedCodec:
    tries = 3 if not os.environ.get(PASSPHRASE_ENV) and _is_tty() else 1
    for i in range(tries):
        codec = attempt(read_secret(t("privacy.prompt")))
        if codec is not None:
            return codec
        if i < tries - 1:
            print(t("privacy.try_again", left=tries - 1 - i), file=sys.stderr)
    raise StoreError(t("privacy.wrong_passphrase"))


def _session_key(reg, enc: dict) -> tuple[str, str, str]:
    return (str(Path(reg.root).resolve()), str(enc.get("salt")), str(enc.get("check")))


def unlock_register(reg, args=None, *, passphrase: str | None = None) -> None:
    """Give ``reg`` the key of an encrypted register before it is opened.

    Plain registers are left alone. The passphrase is asked once per process
    (``passphrase`` given: used instead, e.g. from the TUI modal). A wrong one
    raises StoreError(privacy.wrong_passphrase); nothing has been written."""
    state, enc = meta_state(reg.meta_path)
    if state == "encrypted":
        if reg.codec.accepts(enc):
            return
        key = _session_key(reg, enc)
        cached = _SESSION.get(key)
        if cached is None:
            def attempt(pw: str) -> EncryptedCodec | None:
                return codec_from_entry(pw, enc)

            cached = attempt(passphrase) if passphrase is not None else _ask(attempt)
            if cached is None:
                raise StoreError(t("privacy.wrong_passphrase"))
            _SESSION[key] = cached
        reg.codec = cached
        return
    if state in ("missing", "damaged") and not reg.codec.encrypted:
        files = _encrypted_files(reg.root)
        if not files:
            return  # a plain or a new register: Register.open repairs register.json
        params = KdfParams.from_header(read_bytes(files[0]))
        if params is None:
            raise StoreError(t("privacy.bad_params"))

        def attempt_header(pw: str) -> EncryptedCodec | None:
            codec = EncryptedCodec(derive_key(pw, params), params)
            for f in files:
                try:
                    codec.decode(read_bytes(f))
                    return codec
                except (CodecError, OSError):
                    continue
            return None

        codec = attempt_header(passphrase) if passphrase is not None else _ask(attempt_header)
        if codec is None:
            raise StoreError(t("privacy.wrong_passphrase"))
        reg.codec = codec


def forget_session() -> None:
    """Drop every key this process holds (tests; 'lock' in the TUI)."""
    _SESSION.clear()


# --------------------------------------------------------------------------- change of key


def _register_files(reg) -> list[str]:
    """Relative paths of every stored file that is encoded with the register's key."""
    rels = ["index.json"] if reg.index_path.exists() else []
    for d in (reg.plans_dir, reg.backups_dir, reg.broken_dir):
        if d.is_dir():
            rels += [f"{d.name}/{p.name}" for p in sorted(d.iterdir()) if p.is_file() and not p.name.startswith(".")]
    return rels


def _stale_temp_files(reg) -> list[Path]:
    out: list[Path] = []
    for d in (reg.root, reg.plans_dir, reg.backups_dir, reg.broken_dir):
        if d.is_dir():
            out += [p for p in d.glob(".*.tmp") if p.is_file()]
    return out


def rekey(reg, new: EncryptedCodec) -> int:
    """Re-encrypt every file of the open register ``reg`` with ``new``
    (from plain, or from the current key). Crash-safe, see the module doc.
    Returns the number of files re-encrypted."""
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
        meta = reg.read_meta()
        meta["encryption"] = new.entry()
        meta["rekey"] = {"files": len(rels)}
        reg.write_meta(meta)  # the commit point
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(os_error_message(exc), cause=exc) from exc
    except StoreError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    reg.codec = new
    reg._summaries = None
    _SESSION[_session_key(reg, new.entry())] = new
    reg.log(f"re-encrypted {len(rels)} files")
    finish_pending_rekey(reg, notice=False)
    return len(rels)


def finish_pending_rekey(reg, *, notice: bool = True) -> None:
    """Complete (marker in register.json) or undo (no marker) an interrupted re-encryption."""
    staging = reg.root / STAGING
    try:
        meta = json.loads(read_bytes(reg.meta_path))
    except (OSError, ValueError):
        meta = None
    pending = isinstance(meta, dict) and bool(meta.get("rekey"))
    if not pending:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
            if notice:
                reg.notices.append(t("privacy.rekey_rolled_back"))
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
        for p in _stale_temp_files(reg):
            p.unlink(missing_ok=True)
    except OSError as exc:
        raise StoreError(t("privacy.rekey_incomplete", reason=os_error_message(exc)), cause=exc) from exc
    meta.pop("rekey", None)
    reg.write_meta(meta)
    shutil.rmtree(staging, ignore_errors=True)
    if notice:
        reg.notices.append(t("privacy.rekey_resumed"))
        reg.log("interrupted re-encryption completed")


def encrypt_register(reg, passphrase: str) -> int:
    """Encrypt an open plain register in place. Returns the number of files encrypted."""
    if reg.codec.encrypted:
        raise StoreError(t("privacy.already_encrypted"))
    return rekey(reg, new_codec(passphrase))


def change_passphrase(reg, new_passphrase: str) -> int:
    """Re-encrypt an open, unlocked register under a new passphrase (and a new salt)."""
    if not reg.codec.encrypted:
        raise StoreError(t("privacy.not_encrypted"))
    return rekey(reg, new_codec(new_passphrase))


__all__ = [
    "EncryptedCodec",
    "KdfParams",
    "change_passphrase",
    "check_register",
    "encrypt_register",
    "forget_session",
    "is_encrypted",
    "new_codec",
    "read_secret",
    "unlock_register",
]
