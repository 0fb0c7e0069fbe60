"""The catalogues: Swedish and English have the same keys and the same {placeholders}."""

from __future__ import annotations

import string

from sipmote import i18n
from sipmote.i18n import en, sv


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_same_keys_in_sv_and_en():
    missing_en = sorted(set(sv.MESSAGES) - set(en.MESSAGES))
    missing_sv = sorted(set(en.MESSAGES) - set(sv.MESSAGES))
    assert missing_en == [] and missing_sv == []


def test_same_placeholders_in_sv_and_en():
    differ = {k: (placeholders(v), placeholders(en.MESSAGES[k]))
              for k, v in sv.MESSAGES.items() if k in en.MESSAGES and placeholders(v) != placeholders(en.MESSAGES[k])}
    assert differ == {}


def test_every_message_formats():
    for lang in ("sv", "en"):
        for key, text in i18n.catalogue(lang).items():
            text.format(**{name: "x" for name in placeholders(text)})  # no stray braces


def test_meeting_strings_switch_language():
    i18n.set_language("en")
    assert i18n.t("mt.paused").startswith("Paused")
    i18n.set_language("sv")
    assert i18n.t("mt.paused").startswith("Pausad")
    assert i18n.t("err.date", value="31/2") == "Ogiltigt datum: ”31/2”. Skriv ÅÅÅÅ-MM-DD."
