"""``sipmote lathund --docx OUT``: one printable page with the keys of every view.

Generated from the same bindings as the F1 help (``sipmote.tui.keyhelp``), with the
keys a user moved in ``[keys]`` of config.toml, so the page and the app cannot disagree.
A4, two columns, small type: it fits one page.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from sipmote.i18n import t

#: type size by the number of lines, so one A4 page (two columns) holds them as views get
#: more keys: 950 / lines pt (measured: 111 lines fit at 8.5 pt, not at 9.5), 7-9.5 pt
MAX_PT, MIN_PT, PT_LINES = 9.5, 7.0, 950.0


def font_pt(sections: list) -> float:
    lines = 4 + sum(3 + len(v.rows) for v in sections)  # heading, purpose (often two lines), rows
    return max(MIN_PT, min(MAX_PT, round(PT_LINES / lines * 2) / 2))


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("lathund", parents=[common], help=t("cli_help.lathund"), description=t("cli_help.lathund"))
    p.add_argument("--docx", required=True, metavar=t("cli_help.out"), help=t("cli_help.lathund_docx"))
    p.add_argument("--force", action="store_true", help=t("cli_help.export_force"))
    p.set_defaults(func=cmd_lathund)


def lathund_docx(keymap: dict[str, str] | None = None) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from sipmote.tui.keyhelp import lathund_sections

    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = sec.top_margin = sec.bottom_margin = Cm(1.2)
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "454")  # 0.8 cm between the columns
    sec._sectPr.append(cols)
    normal = doc.styles["Normal"]
    sections = lathund_sections(keymap)
    size = font_pt(sections)
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    doc.core_properties.title = t("help.lathund_title")

    title = doc.add_paragraph()
    run = title.add_run(t("help.lathund_title"))
    run.bold, run.font.size = True, Pt(14)
    doc.add_paragraph(t("help.lathund_intro")).paragraph_format.space_after = Pt(4)
    for view in sections:
        head = doc.add_paragraph()
        head.paragraph_format.space_before = Pt(5)
        head.paragraph_format.keep_with_next = True
        r = head.add_run(view.title)
        r.bold, r.font.size = True, Pt(size + 1.5)
        purpose = doc.add_paragraph()
        purpose.paragraph_format.keep_with_next = True
        purpose.add_run(view.purpose).italic = True
        for row in view.rows:
            p = doc.add_paragraph()
            p.paragraph_format.tab_stops.add_tab_stop(Cm(2.2))
            p.paragraph_format.left_indent = Cm(2.2)
            p.paragraph_format.first_line_indent = Cm(-2.2)
            p.add_run(row.key).bold = True
            p.add_run("\t" + row.description)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def cmd_lathund(args: argparse.Namespace) -> int:
    from sipmote.cli import UserError
    from sipmote.store.atomic import atomic_write

    out = Path(args.docx).expanduser()
    if out.suffix.lower() != ".docx":
        raise UserError(t("help.lathund_not_docx"))
    if out.exists() and not args.force:
        raise UserError(t("help.lathund_exists", path=str(out)))
    from sipmote.tui.keys import load_keymap

    keymap, error = load_keymap(Path(args.home) if getattr(args, "home", None) else None)
    if error:
        print(error, file=sys.stderr)
    atomic_write(out, lathund_docx(keymap), mode=0o644)  # no personal data: an ordinary file
    print(t("help.lathund_written", path=str(out)))
    return 0
