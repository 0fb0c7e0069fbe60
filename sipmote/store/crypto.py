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

Changing the passphrase never leaves a mix of keys behind: see
:mod:`sipmote.store.rekey`. The passphrase is never stored; the derived key
lives in memory for the session (``_SESSION``) so it is asked once per process.
Asking for it is the front end's job: :meth:`Register.unlock` takes an ``ask``
callable.
"""

from __future__ import annotations

import base64
import os
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sipmote.i18n import t
from sipmote.store import rekey as _rekey
from sipmote.store.atomic import StoreError, read_bytes
from sipmote.store.codec import ENCRYPTED_MAGIC, Codec, CodecError
from sipmote.store.meta import encrypted_files, is_encrypted, meta_state

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
    def from_entry(cls, enc: dict[str, Any]) -> KdfParams:
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
            raise CodecError(t("errors.codec_other_key"))
        nonce = data[HEADER_LEN : HEADER_LEN + NONCE_LEN]
        try:
            return self._aead.decrypt(nonce, data[HEADER_LEN + NONCE_LEN :], self._header)
        except (InvalidTag, ValueError):
            raise CodecError(t("errors.codec_damaged")) from None

    def verifies(self) -> bool:
        try:
            return self.decode(self.check) == CHECK_TEXT
        except CodecError:
            return False

    def accepts(self, encryption: dict[str, object] | None) -> bool:
        if not encryption:
            return False
        try:
            params = KdfParams.from_entry(encryption)
        except StoreError:
            return False
        return params == self.params and encryption.get("check") == _b64(self.check)

    def entry(self) -> dict[str, object]:
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


def codec_from_entry(passphrase: str, enc: dict[str, Any]) -> EncryptedCodec | None:
    """The codec for ``enc`` (register.json), or None when the passphrase is wrong."""
    params = KdfParams.from_entry(enc)
    try:
        check = base64.b64decode(enc["check"], validate=True)
    except (KeyError, TypeError, ValueError):
        raise StoreError(t("privacy.bad_params")) from None
    codec = EncryptedCodec(derive_key(passphrase, params), params, check)
    return codec if codec.verifies() else None


# --------------------------------------------------------------------------- unlocking


class Lockable(_rekey.Folder, Protocol):
    """What unlocking needs of a register."""


def _session_key(reg: Lockable, enc: dict[str, Any]) -> tuple[str, str, str]:
    return (str(Path(reg.root).resolve()), str(enc.get("salt")), str(enc.get("check")))


def _try(ask: Callable[[], str], tries: int, attempt: Callable[[str], EncryptedCodec | None]) -> EncryptedCodec:
    for _ in range(max(1, tries)):
        codec = attempt(ask())
        if codec is not None:
            return codec
    raise StoreError(t("privacy.wrong_passphrase"))


def unlock(reg: Lockable, ask: Callable[[], str], *, tries: int = 1) -> None:
    """Give ``reg`` the key of an encrypted register before it is opened.

    Plain registers are left alone and ``ask`` is not called. The key is derived
    once per process. ``ask`` returns a passphrase (or raises a SipmoteError: no
    passphrase); it is called up to ``tries`` times. A wrong one raises
    StoreError(privacy.wrong_passphrase); nothing has been written."""
    state, enc = meta_state(reg.meta_path)
    if state == "encrypted" and enc is not None:
        if reg.codec.accepts(enc):
            return
        key = _session_key(reg, enc)
        cached = _SESSION.get(key)
        if cached is None:
            entry = enc
            cached = _try(ask, tries, lambda pw: codec_from_entry(pw, entry))
            _SESSION[key] = cached
        reg.codec = cached
        return
    if state in ("missing", "damaged") and not reg.codec.encrypted:
        files = encrypted_files(reg.root)
        if not files:
            return  # a plain or a new register: Register.open repairs register.json
        params = KdfParams.from_header(read_bytes(files[0]))
        if params is None:
            raise StoreError(t("privacy.bad_params"))
        found = params

        def attempt_header(pw: str) -> EncryptedCodec | None:
            codec = EncryptedCodec(derive_key(pw, found), found)
            for f in files:
                try:
                    codec.decode(read_bytes(f))
                    return codec
                except (CodecError, OSError):
                    continue
            return None

        reg.codec = _try(ask, tries, attempt_header)


def unlock_register(reg: Lockable, args: object = None, *, passphrase: str | None = None) -> None:
    """Unlock with a known passphrase (the TUI's modal, tests). Prefer ``Register.unlock``."""
    if passphrase is None:
        raise StoreError(t("privacy.no_passphrase"))
    given = passphrase
    unlock(reg, lambda: given)


def forget_session() -> None:
    """Drop every key this process holds (tests; 'lock' in the TUI)."""
    _SESSION.clear()


# --------------------------------------------------------------------------- change of key


def rekey(reg: Lockable, new: EncryptedCodec) -> int:
    """Re-encrypt the open register with ``new``; its key is kept for this process."""
    files = _rekey.rekey(reg, new)
    _SESSION[_session_key(reg, new.entry())] = new
    return files


def encrypt_register(reg: Lockable, passphrase: str) -> int:
    """Encrypt an open plain register in place. Returns the number of files encrypted."""
    if reg.codec.encrypted:
        raise StoreError(t("privacy.already_encrypted"))
    return rekey(reg, new_codec(passphrase))


def change_passphrase(reg: Lockable, new_passphrase: str) -> int:
    """Re-encrypt an open, unlocked register under a new passphrase (and a new salt)."""
    if not reg.codec.encrypted:
        raise StoreError(t("privacy.not_encrypted"))
    return rekey(reg, new_codec(new_passphrase))


__all__ = [
    "EncryptedCodec",
    "KdfParams",
    "change_passphrase",
    "check_strength",
    "encrypt_register",
    "forget_session",
    "is_encrypted",
    "new_codec",
    "unlock",
    "unlock_register",
]
