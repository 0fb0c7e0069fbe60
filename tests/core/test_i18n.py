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


def test_the_catalogue_kept_beside_the_bytecode_follows_every_edit_of_the_toml(tmp_path):
    """The parsed catalogue is kept in __pycache__ (start-up); an edited TOML is read afresh,
    a damaged kept copy is never believed, and only the newest copy stays."""
    from sipmote.i18n import _load

    toml = tmp_path / "xx.toml"
    toml.write_text('[mt]\nhello = "Hej"\n', encoding="utf-8")
    assert _load("xx", tmp_path) == {"mt.hello": "Hej"}
    kept = list((tmp_path / "__pycache__").glob("catalogue-xx-*.marshal"))
    assert len(kept) == 1
    assert _load("xx", tmp_path) == {"mt.hello": "Hej"}  # from the kept copy

    toml.write_text('[mt]\nhello = "Hejsan"\n', encoding="utf-8")  # a translator's edit
    assert _load("xx", tmp_path) == {"mt.hello": "Hejsan"}
    now = list((tmp_path / "__pycache__").glob("catalogue-xx-*.marshal"))
    assert len(now) == 1 and now != kept

    now[0].write_bytes(b"\x00garbage")  # a copy cut short by a crash
    assert _load("xx", tmp_path) == {"mt.hello": "Hejsan"}


def test_a_catalogue_in_a_folder_that_cannot_be_written_is_still_read(tmp_path):
    from sipmote.i18n import _load

    (tmp_path / "xx.toml").write_text('[mt]\nhello = "Hej"\n', encoding="utf-8")
    (tmp_path / "__pycache__").write_text("a file where the folder would be", encoding="utf-8")
    assert _load("xx", tmp_path) == {"mt.hello": "Hej"}
