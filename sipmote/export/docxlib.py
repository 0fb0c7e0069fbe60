"""Low-level python-docx helpers shared by the three documents.

- open a template (``.docx`` or a Word ``.dotx``), keep its styles, headers,
  footers and page setup, drop its body;
- resolve style names with a clean fallback and a warning when the template
  lacks one;
- fill ``{token}`` placeholders in headers and footers (fields such as PAGE and
  NUMPAGES are left alone);
- build tables with rows that never split across pages and header rows that
  repeat (body rows parsed from one XML string each: python-docx's ``add_row()``
  and ``cell.text`` cost three times as much).

python-docx is imported lazily by the callers' first use of this module.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import _Row

from sipmote.export.clean import clean, clean_line
from sipmote.i18n import t

TOKEN = re.compile(r"\{([^{}\s]{1,40})\}")

_DOTX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

#: what a missing style falls back to (first one the template has wins)
FALLBACKS: dict[str, tuple[str, ...]] = {
    "SIP Title": ("Title", "Heading 1", "Normal"),
    "SIP Subtitle": ("Subtitle", "Normal"),
    "SIP Label": ("Normal",),
    "SIP Value": ("Normal",),
    "SIP Note": ("Normal",),
    "SIP Table Text": ("Normal",),
    "SIP Table Heading": ("SIP Table Text", "Normal"),
    "SIP Signature": ("SIP Table Text", "Normal"),
    "Min plan Title": ("Title", "Heading 1", "Normal"),
    "Min plan Heading": ("Heading 1", "Normal"),
    "Min plan Text": ("Normal",),
    "Min plan Item": ("List Bullet", "Min plan Text", "Normal"),
    "Heading 1": ("Normal",),
    "Heading 2": ("Heading 1", "Normal"),
    "List Bullet": ("Normal",),
    "List Number": ("List Bullet", "Normal"),
    "Title": ("Heading 1", "Normal"),
    "Normal": (),
}
TABLE_FALLBACKS: dict[str, tuple[str, ...]] = {"SIP Table": ("Table Grid",)}


class TemplateError(Exception):
    """The template cannot be used at all (missing, not a Word file)."""


def load_template(path: Path):
    """Open ``path`` as a python-docx Document; a ``.dotx`` is accepted too."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise TemplateError(t("export.template_missing", path=str(path))) from None
    except OSError as exc:
        raise TemplateError(t("export.template_unreadable", path=str(path), reason=exc.strerror or "")) from None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zin:
            types = zin.read("[Content_Types].xml")
            if _DOTX in types:  # a Word template: present it as a document
                out = io.BytesIO()
                with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
                    for item in zin.infolist():
                        data = zin.read(item.filename)
                        if item.filename == "[Content_Types].xml":
                            data = data.replace(_DOTX, _DOCX)
                        zout.writestr(item, data)
                raw = out.getvalue()
        return Document(io.BytesIO(raw))
    except Exception:  # noqa: BLE001 - any failure here means "not a usable Word file"
        raise TemplateError(t("export.template_invalid", path=str(path))) from None


def clear_body(doc) -> None:
    """Remove the template's body content, keep the final section properties."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


@dataclass
class Styles:
    """Resolve style names against the template, once each, with warnings."""

    doc: object
    warnings: list[str] = field(default_factory=list)
    _para: dict[str, str | None] = field(default_factory=dict)
    _ids: dict[str, str | None] = field(default_factory=dict)

    def _has(self, name: str, kind) -> bool:
        try:
            style = self.doc.styles[name]
        except KeyError:
            return False
        return style.type == kind

    def para(self, name: str) -> str | None:
        """The paragraph style to use for ``name`` (None: the document default)."""
        if name not in self._para:
            self._para[name] = self._resolve(name, WD_STYLE_TYPE.PARAGRAPH, FALLBACKS)
        return self._para[name]

    def table(self, name: str) -> str | None:
        key = "table:" + name
        if key not in self._para:
            self._para[key] = self._resolve(name, WD_STYLE_TYPE.TABLE, TABLE_FALLBACKS)
        return self._para[key]

    def _resolve(self, name: str, kind, fallbacks: dict[str, tuple[str, ...]]) -> str | None:
        if self._has(name, kind):
            return name
        chain = [f for f in fallbacks.get(name, ()) if self._has(f, kind)]
        chosen = chain[0] if chain else None
        self.warnings.append(
            t("export.style_missing", style=name, fallback=chosen or t("export.style_default"))
        )
        return chosen

    def para_id(self, name: str) -> str | None:
        """The style id (for writing ``w:pStyle`` directly in tight loops)."""
        resolved = self.para(name)
        if resolved is None:
            return None
        if resolved not in self._ids:
            self._ids[resolved] = self.doc.styles[resolved].style_id
        return self._ids[resolved]


# --------------------------------------------------------------------------- text


def add_para(doc, styles: Styles, text: str = "", style: str = "Normal", *, bold: bool = False,
             keep_with_next: bool = False):
    p = doc.add_paragraph()
    _set_pstyle(p._p, styles.para_id(style))  # by id: python-docx's name lookup scans every style
    if text:
        run = p.add_run(clean(text))
        if bold:
            run.bold = True
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    return p


def add_label_value(doc, styles: Styles, label: str, value: str):
    """``Label: value`` in one paragraph, the label bold."""
    p = doc.add_paragraph()
    _set_pstyle(p._p, styles.para_id("SIP Value"))
    label = clean(label)
    p.add_run(label + (" " if label.endswith(("?", ":")) else ": ")).bold = True
    p.add_run(clean(value))
    return p


# --------------------------------------------------------------------------- tables


def _set_pstyle(p, style_id: str | None) -> None:
    """Put ``w:pStyle`` first in the paragraph's properties (built directly: the
    generic python-docx setters search the schema order on every call)."""
    if not style_id:
        return
    pPr = p.find(qn("w:pPr"))
    if pPr is None:
        pPr = OxmlElement("w:pPr")
        p.insert(0, pPr)
    old = pPr.find(qn("w:pStyle"))
    if old is not None:
        pPr.remove(old)
    pPr.insert(0, OxmlElement("w:pStyle", {qn("w:val"): style_id}))


def _row_props(tr, *, header: bool = False) -> None:
    trPr = tr.get_or_add_trPr()
    trPr.insert(0, OxmlElement("w:cantSplit"))
    if header:
        trPr.append(OxmlElement("w:tblHeader"))


def _fill_tc(tc, text: str, style_id: str | None, *, bold: bool = False) -> None:
    p = tc.p_lst[0]
    _set_pstyle(p, style_id)
    if text:
        r = p.add_r()
        r.text = text
        if bold:
            rPr = OxmlElement("w:rPr")
            rPr.append(OxmlElement("w:b"))
            r.insert(0, rPr)


def _shade(tc, fill: str) -> None:
    tcPr = tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


class Table:
    """A table with a repeating header row; every row is kept on one page."""

    def __init__(self, doc, styles: Styles, headers: list[str], widths_cm: list[float],
                 *, text_style: str = "SIP Table Text", heading_style: str = "SIP Table Heading") -> None:
        self.styles = styles
        self.table = doc.add_table(rows=1, cols=len(headers))
        style = styles.table("SIP Table")
        if style:
            self.table.style = doc.styles[style]
        self.table.autofit = False
        for col, w in zip(self.table.columns, widths_cm):
            col.width = Cm(w)
        self._text_id = styles.para_id(text_style)
        self._grid: list[str | None] | None = None
        head_id = styles.para_id(heading_style)
        head = self.table.rows[0]
        _row_props(head._tr, header=True)
        for cell, text, w in zip(head.cells, headers, widths_cm):
            cell.width = Cm(w)
            _fill_tc(cell._tc, clean(text), head_id, bold=True)
            _shade(cell._tc, "E7E6E6")

    def add(self, values: list[str], *, min_height_cm: float | None = None):
        """One row, parsed from one XML string: the same elements ``add_row().cells`` and
        ``run.text`` make (cell widths from the grid, kept on one page), at a third of the cost."""
        tbl = self.table._tbl
        if self._grid is None:
            self._grid = [gc.get(qn("w:w")) for gc in tbl.tblGrid.gridCol_lst]
        ppr = f'<w:pPr><w:pStyle w:val="{_attr(self._text_id)}"/></w:pPr>' if self._text_id else ""
        cells = []
        for i, w in enumerate(self._grid):
            text = clean(values[i]) if i < len(values) else ""
            tcpr = f'<w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>' if w is not None else ""
            run = f"<w:r>{_run_xml(text)}</w:r>" if text else ""
            cells.append(f"<w:tc>{tcpr}<w:p>{ppr}{run}</w:p></w:tc>")
        tr = parse_xml(f'<w:tr {nsdecls("w")}><w:trPr><w:cantSplit/></w:trPr>{"".join(cells)}</w:tr>')
        tbl.append(tr)
        row = _Row(tr, self.table)
        if min_height_cm:
            row.height = Cm(min_height_cm)
        return row


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def _run_xml(text: str) -> str:
    """A run's content as python-docx's ``run.text`` writes it: tabs and line breaks as
    ``w:tab`` / ``w:br``, text in ``w:t`` (whitespace kept)."""
    out = []
    for piece in _BREAKS_TABS.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece == "\n":
            out.append("<w:br/>")
        elif piece:
            out.append(f'<w:t xml:space="preserve">{piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}</w:t>')
    return "".join(out)


_BREAKS_TABS = re.compile(r"(\t|\n)")


def key_value_table(doc, styles: Styles, pairs: list[tuple[str, str]], widths_cm=(4.5, 12.9)):
    """A two-column table of labels and values, no header row (label column shaded)."""
    table = doc.add_table(rows=0, cols=2)
    style = styles.table("SIP Table")
    if style:
        table.style = doc.styles[style]
    table.autofit = False
    for col, w in zip(table.columns, widths_cm):
        col.width = Cm(w)
    text_id = styles.para_id("SIP Table Text")
    for label, value in pairs:
        row = table.add_row()
        _row_props(row._tr)
        c0, c1 = row.cells
        _fill_tc(c0._tc, clean(label), text_id, bold=True)
        _shade(c0._tc, "F2F2F2")
        _fill_tc(c1._tc, clean(value), text_id)
    return table


def spacer(doc, styles: Styles, points: float = 4) -> None:
    p = doc.add_paragraph(style=styles.para("SIP Note"))
    p.paragraph_format.space_after = Pt(points)


# --------------------------------------------------------------------------- headers


def _token_groups(p_el) -> list[list]:
    """Adjacent ``w:t`` elements (across runs) outside any field, split at tabs and breaks."""
    groups: list[list] = []
    cur: list = []
    depth = 0

    def flush() -> None:
        nonlocal cur
        if cur:
            groups.append(cur)
        cur = []

    for r in p_el.iter(qn("w:r")):
        for child in r:
            if child.tag == qn("w:rPr"):
                continue
            if child.tag == qn("w:fldChar"):
                kind = child.get(qn("w:fldCharType"))
                depth += 1 if kind == "begin" else -1 if kind == "end" else 0
                flush()
            elif child.tag == qn("w:t") and depth == 0:
                cur.append(child)
            else:
                flush()
    flush()
    return groups


def fill_tokens(part_element, values: dict[str, str]) -> set[str]:
    """Replace ``{token}`` in every paragraph under ``part_element``; return the tokens found.

    A token Word split over several runs is found too: the text of adjacent runs is
    joined, replaced, and written back into the first run of the group."""
    found: set[str] = set()

    def sub(m: re.Match) -> str:
        if m.group(1) in values:
            found.add(m.group(1))
            return values[m.group(1)]
        return m.group(0)

    for p in part_element.iter(qn("w:p")):
        for texts in _token_groups(p):
            text = "".join(el.text or "" for el in texts)
            if "{" not in text:
                continue
            new = TOKEN.sub(sub, text)
            if new == text:
                continue
            texts[0].text = new
            texts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            for el in texts[1:]:
                run = el.getparent()
                run.remove(el)
                if not [c for c in run if c.tag != qn("w:rPr")]:
                    run.getparent().remove(run)
    return found


def fill_headers(doc, values: dict[str, str]) -> set[str]:
    values = {k: clean_line(v) for k, v in values.items()}
    found: set[str] = set()
    seen: set[int] = set()
    for section in doc.sections:
        for hf in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                   section.even_page_header, section.even_page_footer):
            if hf.is_linked_to_previous:
                continue
            el = hf._element
            if id(el) in seen:
                continue
            seen.add(id(el))
            found |= fill_tokens(el, values)
    return found


def set_properties(doc, *, title: str, subject: str = "") -> None:
    cp = doc.core_properties
    cp.title = clean_line(title)[:250]
    cp.subject = clean_line(subject)[:250]
    cp.author = "sipmote"
    cp.last_modified_by = "sipmote"
    cp.comments = ""
    cp.keywords = ""
    cp.revision = 1


def save_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
