"""How stored bytes are encoded on disk. Plain JSON by default; the encrypted
codec (``sipmote.store.crypto``) plugs in here, inside the same atomic write path."""

from __future__ import annotations


class CodecError(Exception):
    """The bytes could not be decoded (corrupt, or a wrong key)."""


class Codec:
    name = "plain"

    def encode(self, data: bytes) -> bytes:
        return data

    def decode(self, data: bytes) -> bytes:
        return data


PLAIN = Codec()
