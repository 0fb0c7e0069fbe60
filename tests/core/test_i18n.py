"""The catalogues: Swedish and English have the same keys and the same {placeholders}."""

from __future__ import annotations

import string

from sipmote import i18n


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_same_keys_in_sv_and_en():
    sv, en = i18n.catalogue("sv"), i18n.catalogue("en")
    assert sorted(set(sv) - set(en)) == [] and sorted(set(en) - set(sv)) == []


def test_same_placeholders_in_sv_and_en():
    sv, en = i18n.catalogue("sv"), i18n.catalogue("en")
    differ = {k: (placeholders(v), placeholders(en[k]))
              for k, v in sv.items() if k in en and placeholders(v) != placeholders(en[k])}
    assert differ == {}


def test_every_message_formats():
    for lang in ("sv", "en"):
        for _key, text in i18n.catalogue(lang).items():
            text.format(**dict.fromkeys(placeholders(text), "x"))  # no stray braces


def test_plural_forms_come_in_pairs():
    for lang in i18n.LANGUAGES:
        cat = i18n.catalogue(lang)
        ones = {k[:-4] for k in cat if k.endswith(".one")}
        assert all(f"{stem}.other" in cat for stem in ones), lang  # every ".one" has its ".other"


def test_plural_picks_the_form_by_n(monkeypatch):
    monkeypatch.setitem(i18n._cache, "sv", {"x.saved.one": "{n} avvikelse sparad",
                                             "x.saved.other": "{n} avvikelser sparade"})
    assert i18n.t("x.saved", n=1) == "1 avvikelse sparad"
    assert i18n.t("x.saved", n=2) == "2 avvikelser sparade"


def test_meeting_strings_switch_language():
    i18n.set_language("en")
    assert i18n.t("mt.paused").startswith("Paused")
    i18n.set_language("sv")
    assert i18n.t("mt.paused").startswith("Pausad")
    assert i18n.t("err.date", value="31/2") == "Ogiltigt datum: ”31/2”. Skriv ÅÅÅÅ-MM-DD."
