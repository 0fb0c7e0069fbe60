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

The styles the documents use are listed in ``PARAGRAPH_STYLES``; a template that
lacks one still works (fallback with a warning).
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
from docx.shared import Cm, Pt, RGBColor

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
TEXT_WIDTH_CM = 17.4
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x59, 0x59, 0x59)

#: name -> (base style, size pt, bold, italic, colour, space before, space after)
PARAGRAPH_STYLES: dict[str, tuple] = {
    "Normal": (None, 10.5, False, False, None, 0, 4),
    "Title": ("Normal", 20, True, False, ACCENT, 0, 4),
    "Subtitle": ("Normal", 12, False, False, None, 0, 8),
    "Heading 1": ("Normal", 13.5, True, False, ACCENT, 12, 4),
    "Heading 2": ("Normal", 11, True, False, ACCENT, 8, 3),
    "List Bullet": ("Normal", 10.5, False, False, None, 0, 2),
    "List Number": ("Normal", 10.5, False, False, None, 0, 2),
    "Header": ("Normal", 9, False, False, GREY, 0, 0),
    "Footer": ("Normal", 8.5, False, False, GREY, 0, 0),
    "SIP Title": ("Title", 20, True, False, ACCENT, 0, 4),
    "SIP Subtitle": ("Normal", 11.5, False, False, None, 0, 8),
    "SIP Label": ("Normal", 10.5, True, False, None, 4, 2),
    "SIP Value": ("Normal", 10.5, False, False, None, 0, 4),
    "SIP Note": ("Normal", 9, False, True, GREY, 0, 4),
    "SIP Table Text": ("Normal", 9.5, False, False, None, 0, 0),
    "SIP Table Heading": ("SIP Table Text", 9, True, False, None, 0, 0),
    "SIP Signature": ("SIP Table Text", 10, False, False, None, 0, 0),
}
MIN_PLAN_STYLES: dict[str, tuple] = {
    "Min plan Title": ("Normal", 28, True, False, ACCENT, 0, 10),
    "Min plan Heading": ("Normal", 18, True, False, ACCENT, 12, 3),
    "Min plan Text": ("Normal", 16, False, False, None, 0, 3),
    "Min plan Item": ("List Bullet", 16, False, False, None, 0, 3),
}
TABLE_STYLE = "SIP Table"

HEADER_TOKENS = ("{titel}", "{namn}", "{mötesdatum}")
FOOTER_TOKENS = ("{utskriven}", "{sida}", "{av}")
FOOTER_FIELDS = ("PAGE", "NUMPAGES")


def _fonts(rpr, size: float | None = None) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(a), FONT)


def _defaults(doc) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "sv-SE")
    lang.set(qn("w:eastAsia"), "sv-SE")
    ppr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "80")
    spacing.set(qn("w:line"), "252")


def _style(doc, name: str, spec: tuple) -> None:
    base, size, bold, italic, colour, before, after = spec
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
    if base:
        style.base_style = doc.styles[base]
    _fonts(style.element.get_or_add_rPr())
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = colour if colour is not None else RGBColor(0, 0, 0)
    pf = style.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if name in ("Header", "Footer"):  # one right tab at the text width, not Letter's
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:tabs")):
            ppr.remove(old)
        pf.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    if name.startswith("Heading") or name in ("Min plan Heading",):
        pf.keep_with_next = True
        # no border/underline from the default theme
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:pBdr")):
            ppr.remove(old)


def _table_style(doc) -> None:
    try:
        style = doc.styles[TABLE_STYLE]
    except KeyError:
        style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Table Grid"]
    tblPr = style.element.find(qn("w:tblPr"))
    if tblPr is None:
        tblPr = OxmlElement("w:tblPr")
        style.element.append(tblPr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "808080")
        borders.append(el)
    tblPr.append(borders)
    mar = OxmlElement("w:tblCellMar")
    for edge, w in (("top", 40), ("left", 80), ("bottom", 40), ("right", 80)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(w))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblPr.append(mar)


def _field(paragraph, instr: str) -> None:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice compute it on render."""
    for kind, text in (("begin", None), (None, f" {instr} "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            run._r.append(fc)
        elif text.strip() == instr:
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
    for name, spec in PARAGRAPH_STYLES.items():
        _style(doc, name, spec)
    if kind == "min_plan":
        for name, spec in MIN_PLAN_STYLES.items():
            _style(doc, name, spec)
    _table_style(doc)
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
