"""``sipmote export`` / ``sipmote invitation`` from the command line."""

from __future__ import annotations

import os
import stat

import pytest
from docx import Document

from sipmote.cli import main
from sipmote.export.samples import follow_up_plan, signoff_plan
from sipmote.store import Register


@pytest.fixture
def stored(home, today):
    plan = follow_up_plan(today)
    with Register(home) as reg:
        reg.save(plan)
    return plan


def test_export_sip_min_plan_and_invitation(tmp_path, stored, capsys):
    sip, mine, inv = tmp_path / "sip.docx", tmp_path / "min.docx", tmp_path / "kallelse.docx"
    assert main(["export", stored.id[:6], "--docx", str(sip), "--min-plan", str(mine)]) == 0
    assert main(["invitation", stored.id, "--docx", str(inv)]) == 0
    out = capsys.readouterr().out
    assert f"Skrev {sip}" in out and f"Skrev {mine}" in out and f"Skrev {inv}" in out
    for p in (sip, mine, inv):
        assert stat.S_IMODE(os.stat(p).st_mode) == 0o600
    # default meeting: the latest, here the follow-up
    assert "☒ Följa upp en tidigare SIP" in [p.text for p in Document(str(sip)).paragraphs][2]
    assert Document(str(mine)).paragraphs[0].text == "Min plan – Elsa"
    assert Document(str(inv)).paragraphs[0].text == "Kallelse till SIP-möte"


def test_meeting_option_picks_an_earlier_meeting(tmp_path, stored):
    sip = tmp_path / "sip.docx"
    assert main(["export", stored.id, "--meeting", stored.meetings[0].id, "--docx", str(sip)]) == 0
    assert "☒ Ta fram en ny SIP" in Document(str(sip)).paragraphs[2].text


def test_plan_json_file_works_without_a_register(tmp_path, today):
    src = tmp_path / "plan.json"
    src.write_text(signoff_plan(today).model_dump_json(), encoding="utf-8")
    assert main(["export", str(src), "--docx", str(tmp_path / "o.docx")]) == 0


@pytest.mark.parametrize("args,message", [
    (["export", "{id}"], "Ange vart dokumentet ska skrivas: --docx"),
    (["export", "{id}", "--docx", "{tmp}/o.docx", "--meeting", "nope"], "Hittar inget möte"),
    (["export", "nosuchplan", "--docx", "{tmp}/o.docx"], "Hittar ingen plan"),
    (["export", "{id}", "--docx", "{tmp}/missing/o.docx"], "finns inte"),
    (["export", "{id}", "--docx", "{tmp}/o.docx", "--template", "{tmp}/nej.docx"], "Hittar inte mallen"),
])
def test_bad_input_is_a_message_not_a_traceback(tmp_path, stored, capsys, args, message):
    argv = [a.format(id=stored.id, tmp=tmp_path) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "o.docx").exists()


def test_existing_file_needs_force(tmp_path, stored, capsys):
    sip = tmp_path / "sip.docx"
    sip.write_bytes(b"signed")
    assert main(["export", stored.id, "--docx", str(sip)]) == 2
    assert "finns redan" in capsys.readouterr().err and sip.read_bytes() == b"signed"
    assert main(["export", stored.id, "--docx", str(sip), "--force"]) == 0
    assert sip.read_bytes()[:2] == b"PK"


def test_existing_pdf_blocks_before_anything_is_written(tmp_path, stored, capsys):
    (tmp_path / "sip.pdf").write_bytes(b"old")
    assert main(["export", stored.id, "--docx", str(tmp_path / "sip.docx"), "--pdf"]) == 2
    assert not (tmp_path / "sip.docx").exists()


def test_pdf_without_libreoffice_says_so_plainly(tmp_path, stored, capsys, monkeypatch):
    monkeypatch.setenv("SIPMOTE_SOFFICE", str(tmp_path / "no-soffice"))
    assert main(["export", stored.id, "--docx", str(tmp_path / "sip.docx"), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert "LibreOffice" in err and "inte finns" in err and "Traceback" not in err
    assert (tmp_path / "sip.docx").exists()  # the DOCX is still there to print
    assert not (tmp_path / "sip.pdf").exists()


def test_template_warning_on_stderr(tmp_path, stored, capsys):
    bare = tmp_path / "bare.docx"
    Document().save(bare)
    assert main(["export", stored.id, "--docx", str(tmp_path / "o.docx"), "--template", str(bare)]) == 0
    assert "Varning: Mallen saknade formatmallen ”SIP Title” – den är tillagd" in capsys.readouterr().err


def test_export_modules_import_light():
    """The CLI loads the export commands on every run: no python-docx, no Textual until used."""
    import subprocess
    import sys

    code = ("import sys, sipmote.cli.export, sipmote.export, sipmote.config; "
            "bad = [m for m in ('docx', 'textual', 'lxml') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
