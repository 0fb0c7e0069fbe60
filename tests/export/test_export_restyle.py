"""Restyling the way Word users do it: change only Normal's font in a copy of a
template, and every paragraph of the exported document takes the new font, while
the section headings keep a heading style. Once with a template changed by
python-docx, once with a template saved by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn

from sipmote.export import DocKind, export
from sipmote.export.build_templates import FILES
from sipmote.export.pdf import find_soffice
from sipmote.export.samples import in_her_words, signoff_plan
from sipmote.resources import templates_dir

NEW_FONT = "Georgia"
KINDS = {DocKind.sip: "sip", DocKind.invitation: "invitation", DocKind.invitation_family: "invitation",
         DocKind.min_plan: "min_plan"}
HEADINGS = {  # a section heading per document and the heading style it must keep
    DocKind.sip: [("Underskrifter", "Heading 1"), ("Deltagare på mötet", "Heading 1"),
                  ("Planen tillhör", "Heading 2")],
    DocKind.invitation: [("Kallade och deras roll på mötet", "Heading 1"), ("Tid och plats", "Heading 2")],
    DocKind.invitation_family: [("När och var", "Heading 1"), ("Bra att veta", "Heading 1")],
    DocKind.min_plan: [("Mina mål", "Min plan Heading")],
}


def _font_of(rpr) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(qn("w:rFonts"))
    return fonts.get(qn("w:ascii")) if fonts is not None else None


def resolved_fonts(doc) -> set[str | None]:
    """The font every run of text resolves to: the run's own, else its paragraph style's
    chain (basedOn), else the document defaults - as Word and LibreOffice resolve it."""
    styles_el = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
    default_para = next((s.get(qn("w:styleId")) for s in styles_el.findall(qn("w:style"))
                         if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")), None)
    defaults = styles_el.find(qn("w:docDefaults"))
    default_font = _font_of(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))) if defaults is not None else None

    def style_font(style_id: str | None) -> str | None:
        seen = 0
        while style_id and style_id in by_id and seen < 20:
            font = _font_of(by_id[style_id].find(qn("w:rPr")))
            if font:
                return font
            based = by_id[style_id].find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
            seen += 1
        return default_font

    parts = [doc.element.body] + [s.footer._element for s in doc.sections] + [
        s.header._element for s in doc.sections]
    found: set[str | None] = set()
    for part in parts:
        for p in part.iter(qn("w:p")):
            ppr = p.find(qn("w:pPr"))
            pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
            style_id = pstyle.get(qn("w:val")) if pstyle is not None else default_para
            for r in p.findall(qn("w:r")):
                if not "".join(t.text or "" for t in r.iter(qn("w:t"))).strip():
                    continue
                found.add(_font_of(r.find(qn("w:rPr"))) or style_font(style_id))
    return found


def _normal_font_changed(src, dst) -> None:
    doc = Document(str(src))
    doc.styles["Normal"].font.name = NEW_FONT  # the one change a Word user makes
    doc.save(str(dst))


def _export_all(tmp_path, template_for_kind, today):
    plan = in_her_words(signoff_plan(today, measures=8, goals=4))
    (tmp_path / "out").mkdir()
    for kind in KINDS:
        out = tmp_path / "out" / f"{kind}.docx"
        result = export(kind, plan, plan.meetings[-1], docx=out, template=template_for_kind(kind), today=today)
        assert not [w for w in result.warnings if "formatmallen" in w]  # the template has every style
        doc = Document(str(out))
        assert resolved_fonts(doc) == {NEW_FONT}, kind
        for text, style in HEADINGS[kind]:
            para = next(p for p in doc.paragraphs if p.text == text)
            assert para.style.name == style, (kind, text)


def test_changing_normal_restyles_every_paragraph(tmp_path, today):
    copies = {}
    for kind, name in FILES.items():
        copies[kind] = tmp_path / f"mall-{name}"
        _normal_font_changed(templates_dir() / name, copies[kind])
    _export_all(tmp_path, lambda k: copies[KINDS[k]], today)


def test_the_shipped_templates_name_a_font_only_in_normal():
    for name in FILES.values():
        doc = Document(str(templates_dir() / name))
        named = [s.name for s in doc.styles if s.type in (1, 2) and s.name != "Normal"
                 and _font_of(s.element.find(qn("w:rPr")))]
        assert named == [], name


@pytest.mark.soffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_a_template_saved_by_libreoffice(tmp_path, today):
    """LibreOffice writes "Heading 1" where Word writes "heading 1": still found, never plain text."""
    saved = tmp_path / "lo"
    for name in FILES.values():
        shutil.copy(templates_dir() / name, tmp_path / name)
        subprocess.run([find_soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved), str(tmp_path / name)],
                       check=True, capture_output=True, timeout=180)
    copies = {}
    for kind, name in FILES.items():
        assert "Heading 1" in {s.name for s in Document(str(saved / name)).styles}  # LibreOffice's spelling
        copies[kind] = tmp_path / f"mall-{name}"
        _normal_font_changed(saved / name, copies[kind])
    _export_all(tmp_path, lambda k: copies[KINDS[k]], today)
