"""One error family: every failure a user can cause is a ``SipmoteError`` with a message in
the user's language and an exit code, so each front end shows ``err.message`` and nothing else."""

from __future__ import annotations

import pytest

from sipmote import i18n
from sipmote.agenda import AgendaError, load_agenda
from sipmote.desktop import OpenError
from sipmote.errors import SipmoteError
from sipmote.export.docxlib import TemplateError
from sipmote.export.pdf import PdfError
from sipmote.personnummer import PersonnummerError
from sipmote.store.codec import CodecError


@pytest.mark.parametrize("cls", [AgendaError, TemplateError, PdfError, OpenError, CodecError, PersonnummerError])
def test_every_user_facing_error_is_in_the_family(cls):
    err = cls("Meddelandet")
    assert isinstance(err, SipmoteError)
    assert err.message == str(err) == "Meddelandet"
    assert isinstance(err.exit_code, int) and err.exit_code != 0


def test_a_personnummer_error_stays_a_value_error_for_the_model():
    """pydantic turns a ValueError of a validator into the field's message."""
    assert issubclass(PersonnummerError, ValueError)


def test_a_missing_agenda_is_said_in_swedish():
    with pytest.raises(SipmoteError) as caught:
        load_agenda("finns-inte")
    assert "finns-inte" in caught.value.message


@pytest.mark.parametrize(("data", "sv", "en"), [
    (b"garbage", "inte krypterad med det här registrets lösenfras", "not encrypted with this register's passphrase"),
])
def test_the_codec_says_what_is_wrong_in_the_users_language(data, sv, en):
    from sipmote.store.crypto import new_codec

    codec = new_codec("ett långt lösenord")
    for lang, text in (("sv", sv), ("en", en)):
        i18n.set_language(lang)
        with pytest.raises(SipmoteError) as caught:
            codec.decode(data)
        assert text in caught.value.message
    damaged = bytearray(codec.encode(b"{}"))
    damaged[-1] ^= 1
    i18n.set_language("sv")
    with pytest.raises(CodecError) as caught:
        codec.decode(bytes(damaged))
    assert "skadad" in caught.value.message
