"""How stored bytes are encoded on disk. Plain JSON by default; the encrypted
codec (``sipmote.store.crypto``) plugs in here, inside the same atomic write path."""

from __future__ import annotations

from sipmote.errors import SipmoteError

#: every encrypted file starts with these bytes (a NUL first: never valid JSON text)
ENCRYPTED_MAGIC = b"\x00SIPENC"


class CodecError(SipmoteError):
    """The bytes could not be decoded (corrupt, or a wrong key); the message says which."""


class Codec:
    name = "plain"
    encrypted = False

    def encode(self, data: bytes) -> bytes:
        return data

    def decode(self, data: bytes) -> bytes:
        if data.startswith(ENCRYPTED_MAGIC):
            # An encrypted file read without the key is not a corrupt file: never
            # move it aside or "restore" it; stop with a clear message instead.
            from sipmote.i18n import t
            from sipmote.store.atomic import StoreError

            raise StoreError(t("privacy.needs_passphrase"))
        return data

    def accepts(self, encryption: dict[str, object] | None) -> bool:
        """Whether this codec can read a register whose register.json says ``encryption``."""
        return not encryption


PLAIN = Codec()
