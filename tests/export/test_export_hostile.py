"""Hostile text: what XML cannot hold is cleaned; <, >, &, åäö and emoji survive."""

from __future__ import annotations

from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from sipmote.export import DocKind, export
from sipmote.export.clean import clean, clean_line
from sipmote.export.samples import hostile_plan

BAD = ["\x00", "\x07", "\x1b", "\ud800", "\u202e", "\x0b", "\x01", "\x1f"]


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    for s in doc.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(parts)


def test_clean_keeps_what_matters():
    s = clean("a<b>&c\x00d\x07e\ud800f\u202eg åäö ÅÄÖ 😀\r\nrad\ttab\x0cff")
    assert s == "a<b>&cdefg åäö ÅÄÖ 😀\nrad\ttab\nff"
    assert clean_line(" x\n\ty ") == "x y"
    assert clean(None) == ""


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_any_text_survives_lxml(text):
    from docx.oxml import OxmlElement

    el = OxmlElement("w:t")
    el.text = clean(text)  # raises ValueError if the text is not XML-compatible
    assert "\x00" not in el.text


def test_hostile_plan_exports_every_document(tmp_path, today):
    plan = hostile_plan(today)
    meeting = plan.meetings[-1]
    for kind in DocKind:
        out = tmp_path / f"{kind.value}.docx"
        export(kind, plan, meeting, docx=out, today=today)
        text = all_text(Document(str(out)))
        for bad in BAD:
            assert bad not in text, (kind, repr(bad))
        if kind != DocKind.min_plan:  # Min plan says only the first name
            assert "Elsa <Lindqvist> & 😀" in text
        assert "<b>&amp;</b> [bold red]x[/]" in text
    sip = all_text(Document(str(tmp_path / "sip.docx")))
    assert "<b>&amp;</b> [bold red]x[/] NULbell[31m ÅÄÖ åäö 😀 evil ' \" } {namn}" in sip
    assert "Anna <Berg> & Co 😀" in sip
    # a name stays on one line wherever it is printed (the vertical tab is not a line break)
    sig = Document(str(tmp_path / "sip.docx")).tables[-1]
    assert sig.rows[1].cells[0].text == "Elsa <Lindqvist> & 😀 Åsa"
    assert "Rum <3> & 😀" in sip
    assert "andra raden" in sip
    # a "{namn}" typed by a user is data, not a header token
    assert "{namn}" in sip
    header = "".join(p.text for p in Document(str(tmp_path / "sip.docx")).sections[0].header.paragraphs)
    assert "Elsa <Lindqvist> & 😀 Åsa" in header


def test_a_bare_plan_still_exports_every_document(tmp_path, today):
    """Nothing filled in yet: every section says so instead of failing."""
    from sipmote.model import Meeting, Person, Plan

    plan = Plan(person=Person(name="Kim"), meetings=[Meeting()])
    for kind in DocKind:
        out = tmp_path / f"{kind.value}.docx"
        export(kind, plan, plan.meetings[0], docx=out, today=today)
        text = all_text(Document(str(out)))
        assert "Kim" in text
    sip = all_text(Document(str(tmp_path / "sip.docx")))
    assert "Inte ifyllt." in sip and "Inte bokad" in sip and "Inget samtycke är registrerat." in sip
    header = "".join(p.text for p in Document(str(tmp_path / "sip.docx")).sections[0].header.paragraphs)
    assert header.endswith("Kim · SIP-möte")
