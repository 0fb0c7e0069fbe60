"""Help rows from the bindings, and the printed lathund (sipmote lathund --docx)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import docx
import pytest
from textual.binding import Binding

from sipmote.cli import main
from sipmote.tui import keyhelp


def test_key_labels_read_like_the_keyboard():
    assert keyhelp.key_label("ctrl+q") == "Ctrl+Q"
    assert keyhelp.key_label("space") == "Mellanslag"
    assert keyhelp.key_label("escape") == "Esc"
    assert keyhelp.key_label("j,y") == "j / y"
    assert keyhelp.key_label("f9") == "F9"
    assert keyhelp.key_label("slash") == "/"
    assert keyhelp.key_label("f1,question_mark") == "F1 / ?"
    assert keyhelp.key_label("n") == "n"


def test_help_rows_keep_described_bindings_once_in_order():
    rows = keyhelp.help_rows([
        Binding("n", "next", "Nästa"), ("b", "back", "Föreg."), Binding("left", "step(-1)", show=False),
        Binding("n", "next", "Nästa", show=False), Binding("ctrl+c", "copy", "Kopiera", system=True),
    ])
    assert [(r.key, r.description) for r in rows] == [("n", "Nästa"), ("b", "Föreg.")]


def test_a_tooltip_is_the_longer_text_of_the_row():
    rows = keyhelp.help_rows([Binding("b", "back", "Föreg.", tooltip="Föregående fas")])
    assert [(r.key, r.description) for r in rows] == [("b", "Föregående fas")]


def test_a_subclass_overrides_a_key_and_textuals_own_bindings_stay_out():
    from textual.screen import Screen

    class Base(Screen):
        BINDINGS = [Binding("e", "edit", "Ändra"), Binding("x", "cut", "Klipp")]

    class Child(Base):
        BINDINGS = [Binding("e", "effect", "Effekt")]

    Base.__module__ = Child.__module__ = "sipmote.tui.example"
    got = [(b.key, b.action) for b in keyhelp.declared_bindings(Child)]
    assert got == [("x", "cut"), ("e", "effect")]  # Screen's own (Textual) bindings are not listed


def test_every_view_has_a_title_a_purpose_and_keys():
    for view in keyhelp.all_views():
        assert view.rows, view.view
        assert not view.title.startswith("help.") and not view.purpose.startswith("help."), view.view


def test_the_phase_body_shadows_the_screens_key():
    plan = {r.key: r.description for r in keyhelp.view_help("meeting.plan").rows}
    assert plan["g"] == "Delmål"  # PlanBody's g, not another phase's
    listen = {r.key: r.description for r in keyhelp.view_help("meeting.listen").rows}
    assert listen["g"] == "Viktigt"


def _docx_sections(path) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    current = None
    for p in docx.Document(str(path)).paragraphs:
        if "\t" in p.text:
            key, what = p.text.split("\t", 1)
            out[current].append((key, what))
        elif p.runs and p.runs[0].bold and p.runs[0].font.size and p.runs[0].font.size.pt < 14:
            current = p.text
            out[current] = []
    return out


def test_the_lathund_lists_exactly_the_keys_of_every_view(tmp_path, capsys):
    out = tmp_path / "Åsa Öberg" / "lathund.docx"
    out.parent.mkdir()
    assert main(["lathund", "--docx", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    page = _docx_sections(out)
    shared = page[keyhelp.t("help.title_meeting")]
    for view in keyhelp.all_views():
        rows = [(r.key, r.description) for r in view.rows]
        printed = page[view.title]
        if view.view.startswith("meeting."):
            printed = [r for r in rows if r in shared] + printed  # the shared keys are printed once
        assert sorted(printed) == sorted(rows), view.view


def test_the_lathund_does_not_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "lathund.docx"
    out.write_bytes(b"mine")
    assert main(["lathund", "--docx", str(out)]) == 2
    assert "finns redan" in capsys.readouterr().err and out.read_bytes() == b"mine"
    assert main(["lathund", "--docx", str(tmp_path / "lathund.pdf")]) == 2
    assert ".docx" in capsys.readouterr().err
    assert main(["lathund", "--docx", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"PK")


@pytest.mark.soffice
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdfinfo")), reason="needs soffice and pdfinfo")
def test_the_lathund_is_one_printed_page(tmp_path):
    from sipmote.export.pdf import docx_to_pdf

    out = tmp_path / "lathund.docx"
    assert main(["lathund", "--docx", str(out)]) == 0
    pdf = tmp_path / "lathund.pdf"
    pdf.write_bytes(docx_to_pdf(out.read_bytes()))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info, info


def test_lathund_in_english_has_english_descriptions(tmp_path):
    out = tmp_path / "card.docx"
    subprocess.run([sys.executable, "-m", "sipmote", "--lang", "en", "lathund", "--docx", str(out)],
                   check=True, capture_output=True)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Everywhere" in text and "Ctrl+Q\tQuit" in text and "Space\t" in text


def test_the_type_gets_smaller_as_the_views_get_more_keys():
    from sipmote.cli.lathund import MAX_PT, MIN_PT, font_pt

    sections = keyhelp.lathund_sections()
    now = font_pt(sections)
    more = [keyhelp.ViewHelp(v.view, v.title, v.purpose, v.rows * 2) for v in sections]
    assert MIN_PT <= font_pt(more) < now <= MAX_PT
    assert font_pt(sections[:3]) == MAX_PT  # few keys: the largest type
