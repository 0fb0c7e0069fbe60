"""The export dialog: Ctrl+O (or "Skriv och öppna") writes the document and opens it in
the system's program; the suggested folder is the documents folder (a setting)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Host
from textual.widgets import Input

from sipmote import desktop
from sipmote.export import DocKind, ExportResult
from sipmote.export.samples import signoff_plan
from sipmote.tui.screens.export_modal import ExportModal, default_name


@pytest.fixture
def plan(today):
    return signoff_plan(today)


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """What the system was asked to open (Windows faked: os.startfile)."""
    calls: list[str] = []
    monkeypatch.setattr(desktop, "system", lambda: "Windows")
    monkeypatch.setattr(desktop, "_startfile", calls.append)
    return calls


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_ctrl_o_writes_and_opens_the_document(tmp_path, plan, today, opened):
    folder = tmp_path / "Åsa Öberg" / "Dokument"
    folder.mkdir(parents=True)
    modal = ExportModal(plan, plan.meetings[-1], folder=folder, today=today)
    app = Host(modal)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+o")
        await settle(app, pilot)
    out = folder / default_name(DocKind.sip, "docx", plan.meetings[-1], today)
    assert out.is_file() and isinstance(app.results[0], ExportResult)
    assert opened == [str(out)]


async def test_write_alone_does_not_open(tmp_path, plan, today, opened):
    modal = ExportModal(plan, plan.meetings[-1], folder=tmp_path, today=today)
    app = Host(modal)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click("#write")
        await settle(app, pilot)
    assert (tmp_path / default_name(DocKind.sip, "docx", plan.meetings[-1], today)).is_file() and opened == []


async def test_no_program_for_docx_is_told_and_the_file_is_kept(tmp_path, plan, today, monkeypatch):
    def startfile(path):
        raise OSError(1155, "Inget program", path)

    monkeypatch.setattr(desktop, "system", lambda: "Windows")
    monkeypatch.setattr(desktop, "_startfile", startfile)
    modal = ExportModal(plan, plan.meetings[-1], folder=tmp_path, today=today)
    app = Host(modal)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+o")
        await settle(app, pilot)
    out = tmp_path / default_name(DocKind.sip, "docx", plan.meetings[-1], today)
    assert out.is_file()
    assert any("Filen är sparad" in n and str(out) in n for n in app.notes)


async def test_the_suggested_folder_is_the_documents_folder_or_the_setting(tmp_path, plan, today, monkeypatch):
    docs = tmp_path / "OneDrive - Skolan" / "Dokument"
    docs.mkdir(parents=True)
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(docs))
    app = Host(ExportModal(plan, plan.meetings[-1], today=today))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert Path(app.screen.query_one("#path", Input).value).parent == docs
    home = Path(tmp_path / "home")  # SIPMOTE_HOME in the tests
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text('[export]\nfolder = "~/SIP-möten"\n', encoding="utf-8")
    app = Host(ExportModal(plan, plan.meetings[-1], today=today))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert Path(app.screen.query_one("#path", Input).value).parent == Path.home() / "SIP-möten"
