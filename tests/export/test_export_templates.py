"""The Word templates: the committed files hold what the builder describes, and a
municipality's own template (or a poor one) never crashes an export."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm

from sipmote.export import DocKind, ExportError, export, template_for
from sipmote.export import build_templates as bt
from sipmote.export.samples import signoff_plan
from sipmote.resources import templates_dir


def _styles(doc, kind):
    return {s.name for s in doc.styles if s.type == kind}


@pytest.mark.parametrize("kind,name", list(bt.FILES.items()))
def test_committed_template_matches_the_builder(kind, name):
    doc = Document(str(templates_dir() / name))
    needed = set(bt.PARAGRAPH_STYLES) | (set(bt.MIN_PLAN_STYLES) if kind == "min_plan" else set())
    assert needed <= _styles(doc, WD_STYLE_TYPE.PARAGRAPH)
    assert bt.TABLE_STYLE in _styles(doc, WD_STYLE_TYPE.TABLE)
    for style in needed:  # same sizes as described
        assert doc.styles[style].font.size.pt == pytest.approx(
            {**bt.PARAGRAPH_STYLES, **bt.MIN_PLAN_STYLES}[style].size)
    s = doc.sections[0]
    assert abs(s.page_width - Cm(21)) < Cm(0.05) and abs(s.page_height - Cm(29.7)) < Cm(0.05)
    header = "".join(p.text for p in s.header.paragraphs)
    footer = "".join(p.text for p in s.footer.paragraphs)
    if kind != "min_plan":
        for token in bt.HEADER_TOKENS:
            assert token in header
    for token in bt.FOOTER_TOKENS:
        assert token in footer
    instr = [el.text.strip() for el in s.footer._element.iter(qn("w:instrText"))]
    assert instr == list(bt.FOOTER_FIELDS)
    assert not doc.paragraphs or all(not p.text for p in doc.paragraphs)
    # and the builder still describes the same thing
    fresh = bt.build(kind)
    assert _styles(fresh, WD_STYLE_TYPE.PARAGRAPH) == _styles(doc, WD_STYLE_TYPE.PARAGRAPH)


def test_builder_writes_all_three(tmp_path):
    assert bt.main([str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(bt.FILES.values())


def test_a_bare_template_gets_the_missing_styles_added(tmp_path, today):
    bare = tmp_path / "bare.docx"
    doc = Document()
    doc.add_paragraph("Instruktion som inte ska med i dokumentet")
    doc.save(bare)
    plan = signoff_plan(today)
    out = tmp_path / "out.docx"
    result = export(DocKind.sip, plan, plan.meetings[-1], docx=out, template=bare, today=today)
    assert any("”SIP Table Text” – den är tillagd, baserad på mallens Normal" in w for w in result.warnings)
    assert any("”SIP Table”" in w for w in result.warnings)
    assert len(result.warnings) == len(set(result.warnings))  # once per style
    got = Document(str(out))
    # every style the document uses is there, based (in the end) on the template's Normal
    used = {p.style.name for p in got.paragraphs} | {p.style.name for t in got.tables for r in t.rows
                                                      for c in r.cells for p in c.paragraphs}
    assert {"SIP Title", "SIP Table Text", "SIP Signature", "Heading 1", "Heading 2"} <= used
    for name in used - {"Normal"}:
        style, seen = got.styles[name], 0
        while style.base_style is not None and seen < 10:
            style, seen = style.base_style, seen + 1
        assert style.name == "Normal", name
    assert got.tables[0].style.name == "SIP Table"
    assert "Instruktion" not in "\n".join(p.text for p in got.paragraphs)
    assert got.paragraphs[0].text == "Samordnad individuell plan (SIP)"
    assert any(c.text == "Insats 1: stöd enligt plan för kommer" for t in got.tables for r in t.rows
               for c in r.cells)


def test_a_template_without_any_styles_we_know(tmp_path, today):
    """Even Normal and Table Grid missing: they are added too, never a KeyError."""
    src = io.BytesIO()
    Document().save(src)
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                data = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                        b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
            zout.writestr(item, data)
    path = tmp_path / "nostyles.docx"
    path.write_bytes(out.getvalue())
    plan = signoff_plan(today)
    result = export(DocKind.min_plan, plan, plan.meetings[-1], docx=tmp_path / "m.docx", template=path, today=today)
    assert any("”Normal”" in w for w in result.warnings)
    got = Document(str(tmp_path / "m.docx"))
    assert got.paragraphs[0].text == "Min plan – Elsa"
    assert got.paragraphs[0].style.name == "Min plan Title"
    assert got.styles["Min plan Title"].base_style.name == "Normal"


def test_a_dotx_template_and_split_tokens(tmp_path, today):
    """A municipality saves its letterhead as .dotx; Word splits "{namn}" over runs."""
    doc = bt.build("sip")
    hp = doc.sections[0].header.add_paragraph()
    for part in ("Brev: {na", "m", "n} / {okänd}"):
        hp.add_run(part)
    buf = io.BytesIO()
    doc.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    path = tmp_path / "kommun.dotx"
    path.write_bytes(out.getvalue())
    plan = signoff_plan(today)
    export(DocKind.sip, plan, plan.meetings[-1], docx=tmp_path / "o.docx", template=path, today=today)
    header = [p.text for p in Document(str(tmp_path / "o.docx")).sections[0].header.paragraphs]
    assert "Brev: Elsa Lindqvist / {okänd}" in header


@pytest.mark.parametrize("content,message", [(None, "Hittar inte mallen"), (b"not a zip", "ingen Word-fil")])
def test_unusable_template_is_a_clear_error(tmp_path, today, content, message):
    path = tmp_path / "mall.docx"
    if content is not None:
        path.write_bytes(content)
    plan = signoff_plan(today)
    with pytest.raises(ExportError, match=message):
        export(DocKind.sip, plan, plan.meetings[-1], docx=tmp_path / "o.docx", template=path, today=today)
    assert not (tmp_path / "o.docx").exists()


def test_config_setting_chooses_the_template(tmp_path, home, today):
    home.mkdir(parents=True)
    (home / "mallar").mkdir()
    doc = bt.build("sip")
    doc.sections[0].header.add_paragraph("Exempelstads kommun")
    doc.save(home / "mallar" / "kommun.docx")
    (home / "config.toml").write_text('[export]\ntemplate = "mallar/kommun.docx"\n', encoding="utf-8")
    assert template_for(DocKind.sip) == home / "mallar" / "kommun.docx"
    assert template_for(DocKind.invitation).name == "kallelse.docx"  # not configured: shipped
    plan = signoff_plan(today)
    export(DocKind.sip, plan, plan.meetings[-1], docx=tmp_path / "o.docx", today=today)
    header = [p.text for p in Document(str(tmp_path / "o.docx")).sections[0].header.paragraphs]
    assert "Exempelstads kommun" in header
    # --template wins over the setting
    assert template_for(DocKind.sip, tmp_path / "x.docx") == tmp_path / "x.docx"


@pytest.mark.parametrize("text,message", [
    ("[export\ntemplate = 1", "inte giltig TOML"),
    ("export = 3", "ska \\[export\\] vara en sektion"),
    ("[export]\ntemplate = 3", "ska export.template vara en text"),
])
def test_broken_config_is_a_clear_error(home, today, tmp_path, text, message):
    home.mkdir(parents=True)
    (home / "config.toml").write_text(text, encoding="utf-8")
    plan = signoff_plan(today)
    with pytest.raises(ExportError, match=message):
        export(DocKind.sip, plan, plan.meetings[-1], docx=tmp_path / "o.docx", today=today)
