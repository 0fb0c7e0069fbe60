"""Low-level python-docx helpers shared by the documents.

- open a template (``.docx`` or a Word ``.dotx``), keep its styles, headers,
  footers and page setup, drop its body;
- paragraphs in a named style (``styles.Styles`` adds a style the template lacks);
- fill ``{token}`` placeholders in headers and footers (fields such as PAGE and
  NUMPAGES are left alone);
- declare Word 2013+ compatibility (``compatibilityMode`` 15), so Word does not
  open the document in compatibility mode.

Tables are in ``tables``. python-docx is imported lazily by the callers' first use.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from sipmote.errors import SipmoteError
from sipmote.export.clean import clean, clean_line
from sipmote.export.styles import Styles
from sipmote.export.tables import add_run
from sipmote.i18n import t

TOKEN = re.compile(r"\{([^{}\s]{1,40})\}")

_DOTX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_WORD_URI = "http://schemas.microsoft.com/office/word"


class TemplateError(SipmoteError):
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


# --------------------------------------------------------------------------- text


def _set_pstyle(p: Any, style_id: str | None) -> None:
    """Put ``w:pStyle`` first in the paragraph's properties."""
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


def add_para(doc: Any, styles: Styles, text: str = "", style: str = "Normal", *, bold: bool = False,
             italic: bool = False, keep_with_next: bool = False, page_break_before: bool = False) -> Any:
    p = doc.add_paragraph()
    _set_pstyle(p._p, styles.para_id(style))  # by id: python-docx's name lookup scans every style
    add_run(p._p, clean(text), bold=bold, italic=italic)
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    if page_break_before:
        p.paragraph_format.page_break_before = True
    return p


def add_label_value(doc: Any, styles: Styles, label: str, value: str, style: str = "SIP Value") -> Any:
    """``Label: value`` in one paragraph, the label bold."""
    p = doc.add_paragraph()
    _set_pstyle(p._p, styles.para_id(style))
    label = clean(label)
    add_run(p._p, label + (" " if label.endswith(("?", ":")) else ": "), bold=True)
    add_run(p._p, clean(value))
    return p


def spacer(doc: Any, styles: Styles, points: float = 4) -> None:
    p = add_para(doc, styles, "", "SIP Note")
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


def set_compatibility(doc: Any, mode: int = 15) -> None:
    """``w:compatSetting compatibilityMode`` = 15: Word 2013 and later, not compatibility mode."""
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        # schema order: w:compat comes after the document-protection/zoom group; before w:rsids
        after = {qn(f"w:{n}") for n in ("docVars", "rsids", "attachedSchema", "themeFontLang",
                                         "clrSchemeMapping", "decimalSymbol", "listSeparator")}
        anchor = next((el for el in settings if el.tag in after), None)
        if anchor is not None:
            anchor.addprevious(compat)
        else:
            settings.append(compat)
    for el in compat.findall(qn("w:compatSetting")):
        if el.get(qn("w:name")) == "compatibilityMode":
            compat.remove(el)
    compat.append(OxmlElement("w:compatSetting", {qn("w:name"): "compatibilityMode", qn("w:uri"): _WORD_URI,
                                                  qn("w:val"): str(mode)}))


def save_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
