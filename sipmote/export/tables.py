"""Tables that read well on paper.

- Column widths are chosen for the longest unbreakable word of each column at
  the template's table font size (Swedish compound words such as
  "öppenvårdsmottagningen" must not break mid-word), taken from the columns
  that have room; a column whose text is short (dates) gives its spare width to
  the columns with long text (the insats); the table spans the template's text
  width.
- A short row is kept whole on one page; a long one (a 5,000-character insats)
  may split, so Word never has to cut a row taller than a page.
- The header row repeats on every page.
- A hyphen between digits (dates, personnummer, phone numbers) is a
  non-breaking hyphen (``w:noBreakHyphen``; python-docx reads it back as "-").

Rows are built from one XML string each (python-docx's ``add_row()`` and
``cell.text`` cost three times as much).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu

from sipmote.export.clean import clean
from sipmote.export.styles import Styles

#: Arial/Helvetica advance widths in 1/1000 em (Liberation Sans has the same metrics)
_WIDTHS = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
     *[556] * 10, 278, 278, 584, 584, 584, 556, 1015,
     667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611,
     722, 667, 944, 667, 667, 611,
     556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278,
     556, 500, 722, 500, 500, 500],
    strict=True,
))
BOLD = 1.08
#: room for a font wider than Arial and for the renderer's rounding
SLACK = 1.12
CELL_MARGINS_CM = 0.30  # the table style's left + right cell margins (80 twips each) and a hair
#: a row whose tallest cell needs more lines than this may split over two pages
SPLIT_LINES = 12

_DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
_WORDS = re.compile(r"[^\s/–—]+[-/]?")
_BREAKS_TABS = re.compile(r"(\t|\n)")


def text_width_cm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of ``text`` set in Arial at ``size_pt``."""
    total = 0
    for ch in text:
        w = _WIDTHS.get(ch)
        if w is None:
            base = unicodedata.normalize("NFD", ch)[:1]
            w = _WIDTHS.get(base, 556)
        total += w
    return total / 1000 * size_pt * (BOLD if bold else 1.0) / 72 * 2.54


def longest_word_cm(text: str, size_pt: float, *, bold: bool = False) -> float:
    words = _WORDS.findall(text)
    return max((text_width_cm(w, size_pt, bold=bold) for w in words), default=0.0)


def column_widths(preferred: list[float], total: float, needed: list[float]) -> list[float]:
    """``preferred`` scaled to ``total``, each column at least ``needed``: the extra is taken
    from the columns with room, in proportion to their room."""
    scale = total / sum(preferred)
    widths = [w * scale for w in preferred]
    if sum(needed) >= total:  # cannot fit every word: share out in proportion to need
        return [total * n / sum(needed) for n in needed]
    for _ in range(len(widths)):
        short = sum(max(0.0, n - w) for w, n in zip(widths, needed, strict=True))
        if short <= 1e-9:
            break
        widths = [max(w, n) for w, n in zip(widths, needed, strict=True)]
        room = [max(0.0, w - n) for w, n in zip(widths, needed, strict=True)]
        if sum(room) <= 1e-9:
            break
        widths = [w - short * r / sum(room) for w, r in zip(widths, room, strict=True)]
    return widths


def fit_to_content(widths: list[float], natural: list[float], comfortable: list[float]) -> list[float]:
    """Widths from the content. A column of short text gets what it is comfortable with (its
    text on one line, a phrase on two); a column of long text (over three lines at its designed
    width: a long insats) keeps its designed width and gets whatever the short ones leave."""
    total = sum(widths)
    long_ = [n > 3 * w for w, n in zip(widths, natural, strict=True)]
    if not any(long_):  # nothing long: the design as it is
        return widths
    base = [w if lg else c for w, c, lg in zip(widths, comfortable, long_, strict=True)]
    rest = total - sum(base)
    if rest < 0:  # the short columns need more than the design gives: keep the design
        return widths
    share = [w if lg else 0.0 for w, lg in zip(widths, long_, strict=True)]
    return [b + rest * x / sum(share) for b, x in zip(base, share, strict=True)]


def text_width_of(doc: Any) -> float:
    """The template's text width in cm (page width less margins), A4 with 1.8 cm margins if unset."""
    s = doc.sections[-1]
    try:
        width = Emu(s.page_width - s.left_margin - s.right_margin).cm
    except TypeError:  # a template without page size or margins
        return 17.4
    return width if width > 2 else 17.4


def run_xml(text: str, *, bold: bool = False, italic: bool = False) -> str:
    """One ``w:r``: tabs and line breaks as ``w:tab`` / ``w:br``, a hyphen between digits
    as ``w:noBreakHyphen``, text in ``w:t`` (whitespace kept)."""
    out = []
    if bold or italic:
        out.append("<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + "</w:rPr>")
    for piece in _BREAKS_TABS.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece == "\n":
            out.append("<w:br/>")
        elif piece:
            for i, part in enumerate(_DIGIT_HYPHEN.split(piece)):
                if i:
                    out.append("<w:noBreakHyphen/>")
                if part:
                    esc = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    out.append(f'<w:t xml:space="preserve">{esc}</w:t>')
    return "<w:r>" + "".join(out) + "</w:r>"


def add_run(p_el: Any, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """Append ``text`` as one run to the paragraph element ``p_el``."""
    if text:
        p_el.append(parse_xml(run_xml(text, bold=bold, italic=italic).replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)))


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def add_table(doc: Any, styles: Styles, headers: list[str] | None, widths_cm: list[float],
              rows: list[list[str]], *, text_style: str = "SIP Table Text",
              heading_style: str = "SIP Table Heading", shade_first_column: bool = False,
              min_height_cm: float | None = None, keep_together: bool = False) -> Any:
    """A table of ``rows`` under a repeating header row (none when ``headers`` is None).

    ``keep_together``: every row stays with the next one (the block lands on one page
    where it fits). ``shade_first_column``: a label column (key/value tables)."""
    size = styles.font_size(text_style)
    head_size = styles.font_size(heading_style) if headers else size
    ncols = len(widths_cm)
    needed: list[float] = []
    natural: list[float] = []
    comfortable: list[float] = []
    for c in range(ncols):
        cells = [clean(r[c]) for r in rows if c < len(r)]
        body = max((longest_word_cm(x, size) for x in cells), default=0.0)
        head = longest_word_cm(clean(headers[c]), head_size, bold=True) if headers else 0.0
        needed.append(max(body, head) * SLACK + CELL_MARGINS_CM)
        line = max((text_width_cm(ln, size) for x in cells for ln in x.split("\n")), default=0.0)
        natural.append(max(line * SLACK + CELL_MARGINS_CM, needed[-1]))
        # a phrase may wrap onto two lines; a cell already on several lines (huvudman / unit / person) not
        two = line / 2 if not any("\n" in x for x in cells) else line
        comfortable.append(max(two * SLACK + CELL_MARGINS_CM, needed[-1]))
    total = text_width_of(doc)
    widths = fit_to_content([w * total / sum(widths_cm) for w in widths_cm], natural, comfortable)
    widths = column_widths(widths, total, needed)
    twips = [round(w / 2.54 * 1440) for w in widths]

    table = doc.add_table(rows=0, cols=ncols)
    table.style = styles.table()
    table.autofit = False
    for gc, tw in zip(table._tbl.tblGrid.gridCol_lst, twips, strict=True):
        gc.set(qn("w:w"), str(tw))
    tbl = table._tbl
    text_id = styles.para_id(text_style)
    if headers:
        head_id = styles.para_id(heading_style)
        tbl.append(_row(headers, twips, head_id, header=True, bold=True, shade="E7E6E6"))
    chars_per_cm = [1 / max(text_width_cm("n", size), 0.01) for _ in widths]
    for i, values in enumerate(rows):
        lines = max((_lines(clean(v), (w - CELL_MARGINS_CM) * cpc)
                     for v, w, cpc in zip(values, widths, chars_per_cm, strict=False)), default=1)
        last = i == len(rows) - 1
        tbl.append(_row(values, twips, text_id, split=lines > SPLIT_LINES,
                        keep_next=keep_together and not last,
                        shade="F2F2F2" if shade_first_column else None,
                        min_height=min_height_cm))
    return table


def _lines(text: str, chars_per_line: float) -> int:
    per = max(chars_per_line, 1.0)
    return sum(max(1, -(-len(line) // int(per))) for line in text.split("\n"))


def _row(values: list[str], twips: list[int], style_id: str, *, header: bool = False, bold: bool = False,
         split: bool = False, keep_next: bool = False, shade: str | None = None,
         min_height: float | None = None) -> Any:
    trpr = []
    if not split:
        trpr.append("<w:cantSplit/>")
    if min_height:
        trpr.append(f'<w:trHeight w:val="{round(Cm(min_height).twips)}"/>')
    if header:
        trpr.append("<w:tblHeader/>")
    ppr = f'<w:pStyle w:val="{_attr(style_id)}"/>' + ("<w:keepNext/>" if keep_next or header else "")
    cells = []
    for i, tw in enumerate(twips):
        text = clean(values[i]) if i < len(values) else ""
        fill = shade if shade and (header or i == 0) else None
        shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        run = run_xml(text, bold=bold or (shade is not None and not header and i == 0)) if text else ""
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{tw}" w:type="dxa"/>{shd}</w:tcPr>'
                     f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p></w:tc>")
    return parse_xml(f'<w:tr {nsdecls("w")}><w:trPr>{"".join(trpr)}</w:trPr>{"".join(cells)}</w:tr>')


def key_value_table(doc: Any, styles: Styles, pairs: list[tuple[str, str]],
                    widths_cm: tuple[float, float] = (4.5, 12.9)) -> Any:
    """Labels and values in two columns, no header row (label column shaded, bold)."""
    return add_table(doc, styles, None, list(widths_cm), [[k, v] for k, v in pairs], shade_first_column=True)
