"""Build the shipped Word templates: ``python -m sipmote.export.build_templates [FOLDER]``.

This script is the source of ``templates/sip.docx``, ``templates/kallelse.docx``
and ``templates/min_plan.docx``; a test checks the committed files hold what it
describes (every style, the header and footer tokens, the PAGE/NUMPAGES fields).

A municipality can open a template in Word, change fonts, colours, logo and
letterhead, and keep these in the header and footer as plain text:

    {titel}        the document's title         {namn}        the person's name
    {mötesdatum}   "SIP-möte 2026-03-02"       {utskriven}   "Utskriven 2026-03-02"
    {sida} / {av}  "Sida" / "av" around the PAGE and NUMPAGES fields
    {personnummer} the full personnummer (not used by default: the first page has it)

The styles the documents use are listed in ``styles.PARAGRAPH_STYLES``; only
Normal names a font, every other style is based on Normal and sets only what
differs, so changing Normal restyles everything. A template that lacks a style
gets it added (based on its Normal).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from sipmote.export.styles import (
    FONT,
    MIN_PLAN_STYLES,
    PARAGRAPH_STYLES,
    TABLE_STYLE,
    add_table_style,
    apply_spec,
    find_style,
    set_font,
    strip_fonts,
)

TEXT_WIDTH_CM = 17.4

__all__ = ["FONT", "MIN_PLAN_STYLES", "PARAGRAPH_STYLES", "TABLE_STYLE", "build", "main"]

HEADER_TOKENS = ("{titel}", "{namn}", "{mötesdatum}")
FOOTER_TOKENS = ("{utskriven}", "{sida}", "{av}")
FOOTER_FIELDS = ("PAGE", "NUMPAGES")


def _defaults(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(rpr, FONT)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "sv-SE")
    lang.set(qn("w:eastAsia"), "sv-SE")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "80")
    spacing.set(qn("w:line"), "252")


def _style(doc, name: str) -> None:
    spec = {**PARAGRAPH_STYLES, **MIN_PLAN_STYLES}[name]
    style = find_style(doc, name, WD_STYLE_TYPE.PARAGRAPH)
    if style is None:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
    apply_spec(doc, style, name, spec, font=name == "Normal")
    if name in ("Header", "Footer"):  # one right tab at the text width, not Letter's
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:tabs")):
            ppr.remove(old)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)


def _no_theme_fonts(doc) -> None:
    """Only Normal names a font: the default template's theme fonts (headings, titles and
    their linked character styles) go, so a change to Normal reaches every style."""
    for style in doc.styles:
        if style.name != "Normal" and style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            strip_fonts(style)


def _field(paragraph, instr: str) -> None:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice compute it on render."""
    for kind, text in (("begin", None), (None, f" {instr} "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            run._r.append(fc)
        elif text is not None and text.strip() == instr:
            it = OxmlElement("w:instrText")
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            it.text = text
            run._r.append(it)
        else:
            run.text = text


def _bottom_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "808080")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)


def _page(doc, *, header: bool) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = Cm(21.0), Cm(29.7)
    s.left_margin = s.right_margin = Cm((21.0 - TEXT_WIDTH_CM) / 2)
    s.top_margin, s.bottom_margin = Cm(2.0), Cm(1.8)
    s.header_distance, s.footer_distance = Cm(0.9), Cm(0.8)
    if header:
        hp = s.header.paragraphs[0]
        hp.style = doc.styles["Header"]
        hp.add_run("{titel}").bold = True
        hp.add_run("\t{namn} · {mötesdatum}")
        _bottom_border(hp)
    fp = s.footer.paragraphs[0]
    fp.style = doc.styles["Footer"]
    fp.add_run("{utskriven}\t{sida} ")
    _field(fp, "PAGE")
    fp.add_run(" {av} ")
    _field(fp, "NUMPAGES")


def build(kind: str):
    """The template for ``kind`` (sip, invitation, min_plan) as a python-docx Document."""
    doc = Document()
    _defaults(doc)
    _no_theme_fonts(doc)
    for name in PARAGRAPH_STYLES:
        _style(doc, name)
    if kind == "min_plan":
        for name in MIN_PLAN_STYLES:
            _style(doc, name)
    add_table_style(doc)
    from sipmote.export.docxlib import set_compatibility

    set_compatibility(doc)
    _page(doc, header=kind != "min_plan")
    cp = doc.core_properties
    cp.author = cp.last_modified_by = "sipmote"
    cp.title = {"sip": "Samordnad individuell plan (SIP)", "invitation": "Kallelse till SIP-möte",
                "min_plan": "Min plan"}[kind]
    cp.created = cp.modified = dt.datetime(2026, 1, 1)
    cp.revision = 1
    cp.comments = "Byggd av python -m sipmote.export.build_templates"
    return doc


FILES = {"sip": "sip.docx", "invitation": "kallelse.docx", "min_plan": "min_plan.docx"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        folder = Path(argv[0])
    else:
        from sipmote.resources import templates_dir

        folder = templates_dir()
    for kind, name in FILES.items():
        build(kind).save(folder / name)
        print(folder / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
