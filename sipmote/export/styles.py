"""The documents' styles, restyled the way Word users do it.

Every paragraph style is based on Normal (or on another style of ours that is),
and only Normal names a font: changing Normal's font in Word or LibreOffice
restyles the whole document. A style sets only what truly differs from its base
(size, bold, colour, spacing).

``Styles`` resolves a style name against a template. A template that lacks a
style gets it added, built from ``SPECS`` on top of the template's own Normal
(so it takes the template's font) - never plain text. A template saved by
LibreOffice spells built-in names differently ("Heading 1" where Word writes
"heading 1"); names are matched without regard to case, and by style id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from sipmote.i18n import t

FONT = "Arial"  # Normal's font; LibreOffice substitutes the metric-compatible Liberation Sans
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x59, 0x59, 0x59)


@dataclass(frozen=True)
class Spec:
    base: str | None
    size: float
    bold: bool = False
    italic: bool = False
    colour: RGBColor | None = None
    before: float = 0
    after: float = 4
    outline: int | None = None  # 0 for Heading 1: a real heading in the navigation pane


PARAGRAPH_STYLES: dict[str, Spec] = {
    "Normal": Spec(None, 10.5),
    "Title": Spec("Normal", 20, True, colour=ACCENT),
    "Subtitle": Spec("Normal", 12, after=8),
    "Heading 1": Spec("Normal", 13.5, True, colour=ACCENT, before=12, outline=0),
    "Heading 2": Spec("Normal", 11, True, colour=ACCENT, before=8, after=3, outline=1),
    "List Bullet": Spec("Normal", 10.5, after=2),
    "List Number": Spec("Normal", 10.5, after=2),
    "Header": Spec("Normal", 9, colour=GREY, after=0),
    "Footer": Spec("Normal", 8.5, colour=GREY, after=0),
    "SIP Title": Spec("Title", 20, True, colour=ACCENT),
    "SIP Subtitle": Spec("Normal", 11.5, after=8),
    "SIP Label": Spec("Normal", 10.5, True, before=4, after=2),
    "SIP Value": Spec("Normal", 10.5),
    "SIP Note": Spec("Normal", 9, italic=True, colour=GREY),
    "SIP Table Text": Spec("Normal", 9.5, after=0),
    "SIP Table Heading": Spec("SIP Table Text", 9, True, after=0),
    "SIP Signature": Spec("SIP Table Text", 10, after=0),
}
MIN_PLAN_STYLES: dict[str, Spec] = {
    "Min plan Title": Spec("Normal", 28, True, colour=ACCENT, after=10),
    "Min plan Heading": Spec("Normal", 18, True, colour=ACCENT, before=12, after=3, outline=0),
    "Min plan Text": Spec("Normal", 16, after=3),
    "Min plan Item": Spec("List Bullet", 16, after=3),
}
SPECS: dict[str, Spec] = {**PARAGRAPH_STYLES, **MIN_PLAN_STYLES}
TABLE_STYLE = "SIP Table"


def find_style(doc: Any, name: str, kind: WD_STYLE_TYPE) -> Any | None:
    """The template's style called ``name`` (any case, or that style id), or None."""
    want = name.casefold()
    want_id = name.replace(" ", "").casefold()
    by_id = None
    for style in doc.styles:
        if style.type != kind:
            continue
        if (style.name or "").casefold() == want:
            return style
        if by_id is None and (style.style_id or "").casefold() == want_id:
            by_id = style
    return by_id


def strip_fonts(style: Any) -> None:
    """Let the style take its font from its base (in the end from Normal)."""
    rpr = style.element.rPr
    if rpr is not None:
        for el in rpr.findall(qn("w:rFonts")):
            rpr.remove(el)


def set_font(rpr: Any, font: str) -> None:
    for el in rpr.findall(qn("w:rFonts")):
        rpr.remove(el)
    fonts = OxmlElement("w:rFonts")
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(a), font)
    rpr.insert(0, fonts)


def apply_spec(doc: Any, style: Any, name: str, spec: Spec, *, font: bool = False) -> None:
    """Give ``style`` what ``spec`` says; a font only when ``font`` (Normal)."""
    if spec.base:
        base = find_style(doc, spec.base, WD_STYLE_TYPE.PARAGRAPH)
        if base is None:
            base = add_paragraph_style(doc, spec.base)
        style.base_style = base
    if font:
        set_font(style.element.get_or_add_rPr(), FONT)
    else:
        strip_fonts(style)
    style.font.size = Pt(spec.size)
    style.font.bold = spec.bold
    style.font.italic = spec.italic
    style.font.color.rgb = spec.colour if spec.colour is not None else RGBColor(0, 0, 0)
    pf = style.paragraph_format
    pf.space_before = Pt(spec.before)
    pf.space_after = Pt(spec.after)
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):  # no border/underline from a default theme
        ppr.remove(old)
    if spec.outline is not None:
        pf.keep_with_next = True
        for old in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(old)
        ppr.append(OxmlElement("w:outlineLvl", {qn("w:val"): str(spec.outline)}))


def add_paragraph_style(doc: Any, name: str) -> Any:
    """Add ``name`` to the template from its spec, based on the template's own styles."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.quick_style = True
    spec = SPECS.get(name, Spec("Normal", 10.5))
    if name == "Normal":  # a template without even a Normal: ours, with the document's defaults
        apply_spec(doc, style, name, spec, font=True)
        style.element.set(qn("w:default"), "1")
    else:
        apply_spec(doc, style, name, spec)
    return style


def add_table_style(doc: Any) -> Any:
    """The grid table the documents use: thin grey borders, small cell margins."""
    style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    grid = find_style(doc, "Table Grid", WD_STYLE_TYPE.TABLE)
    if grid is not None:
        style.base_style = grid
    tblPr = style.element.find(qn("w:tblPr"))
    if tblPr is None:
        tblPr = OxmlElement("w:tblPr")
        style.element.append(tblPr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(OxmlElement(f"w:{edge}", {qn("w:val"): "single", qn("w:sz"): "4", qn("w:space"): "0",
                                                 qn("w:color"): "808080"}))
    tblPr.append(borders)
    mar = OxmlElement("w:tblCellMar")
    for edge, w in (("top", 40), ("left", 80), ("bottom", 40), ("right", 80)):
        mar.append(OxmlElement(f"w:{edge}", {qn("w:w"): str(w), qn("w:type"): "dxa"}))
    tblPr.append(mar)
    return style


@dataclass
class Styles:
    """Resolve style names against the template once each; add what it lacks."""

    doc: Any
    warnings: list[str] = field(default_factory=list)
    _ids: dict[str, str] = field(default_factory=dict)
    # the style objects and resolved sizes: finding a style walks every style of the template,
    # and a 100-measure SIP asked 58 times (two thirds of its export time)
    _found: dict[str, Any] = field(default_factory=dict)
    _sizes: dict[str, float] = field(default_factory=dict)

    def para_id(self, name: str) -> str:
        """The style id to write in ``w:pStyle`` for ``name``."""
        if name not in self._ids:
            style = find_style(self.doc, name, WD_STYLE_TYPE.PARAGRAPH)
            if style is None:
                before = {s.name for s in self.doc.styles}
                style = add_paragraph_style(self.doc, name)  # and any base style it lacks
                added = [s.name for s in self.doc.styles if s.name not in before]
                for new in sorted(added, key=lambda n: n != "Normal"):
                    self.warnings.append(t("export.style_added", style=new))
            self._ids[name] = style.style_id
        return self._ids[name]

    def para(self, name: str) -> Any:
        if name not in self._found:
            self.para_id(name)
            self._found[name] = find_style(self.doc, name, WD_STYLE_TYPE.PARAGRAPH)
        return self._found[name]

    def table(self) -> Any:
        key = "table:" + TABLE_STYLE
        if key not in self._ids:
            style = find_style(self.doc, TABLE_STYLE, WD_STYLE_TYPE.TABLE)
            if style is None:
                style = add_table_style(self.doc)
                self.warnings.append(t("export.style_added", style=TABLE_STYLE))
            self._ids[key] = style.style_id
            self._found[key] = find_style(self.doc, TABLE_STYLE, WD_STYLE_TYPE.TABLE)
        return self._found[key]

    def font_size(self, name: str) -> float:
        """The size (pt) text in style ``name`` resolves to, through its base styles."""
        if name not in self._sizes:
            self._sizes[name] = self._resolve_size(self.para(name))
        return self._sizes[name]

    @staticmethod
    def _resolve_size(style: Any) -> float:
        seen = 0
        while style is not None and seen < 20:
            if style.font.size is not None:
                return float(style.font.size.pt)
            style = style.base_style
            seen += 1
        return 11.0
