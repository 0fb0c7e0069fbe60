"""SIP and Min plan through LibreOffice: the PDF says what the plan says.

Needs ``soffice`` and ``pdftotext`` (installed by ``.ci/run``); skipped with a
reason where they cannot be had."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess

import pytest

from sipmote.export import DocKind, export
from sipmote.export.pdf import find_soffice
from sipmote.export.samples import in_her_words, signoff_plan

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"),
]


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))


def test_sip_pdf(tmp_path, today):
    plan = signoff_plan(today, measures=6)
    meeting = plan.meetings[-1]
    docx, pdf = tmp_path / "sip.docx", tmp_path / "sip.pdf"
    result = export(DocKind.sip, plan, meeting, docx=docx, pdf=pdf, today=today)
    assert result.written == [docx, pdf]
    assert stat.S_IMODE(os.stat(pdf).st_mode) == 0o600
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "Samordnad individuell plan (SIP)" in flat
    n = pages(pdf)
    assert f"Sida 1 av {n}" in flat and f"Sida {n} av {n}" in flat  # PAGE / NUMPAGES computed
    assert f"Utskriven {today.isoformat()}" in flat
    for goal in meeting.goals:
        assert goal.text in flat
    for m in meeting.all_measures():
        assert m.what in flat
    assert "Underskrifter" in flat and "Ort och datum" in flat and flat.count("Ort och datum") == 1
    for name in ("Elsa Lindqvist", "Maria Lindqvist", "Anna Berg", "Lars Holm"):
        assert name in flat
    assert "Biträdande rektor, Strandskolan" in flat
    # no copy of the document left behind by the conversion
    assert not [p for p in os.listdir(tmp_path) if p not in ("sip.docx", "sip.pdf")]


def page_text(path, page: int) -> str:
    return " ".join(subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())


def test_min_plan_of_eight_goals_shows_every_goal(tmp_path, today):
    plan = in_her_words(signoff_plan(today, measures=12, goals=8))
    pdf = tmp_path / "min.pdf"
    export(DocKind.min_plan, plan, plan.meetings[-1], pdf=pdf, today=today)
    n = pages(pdf)
    assert 1 < n <= 3  # a second page rather than a cut
    flat = " ".join(page_text(pdf, i) for i in range(1, n + 1))
    assert "Min plan – Elsa" in flat and "Nästa gång vi ses" in flat
    for goal in plan.meetings[-1].goals:
        assert goal.child_words in flat
    assert "till)" not in flat and "saker till" not in flat


def test_signature_block_on_one_page(tmp_path, today):
    plan = in_her_words(signoff_plan(today, measures=12, goals=8))
    pdf = tmp_path / "sip.pdf"
    export(DocKind.sip, plan, plan.meetings[-1], pdf=pdf, today=today)
    last = page_text(pdf, pages(pdf))
    assert "Underskrifter" in last and "Ort och datum" in last
    for name in ("Elsa Lindqvist", "Maria Lindqvist", "Johan Lindqvist", "Lars Holm"):
        assert name in last
    assert "Godkände planen muntligt kl. 14:22" in last
