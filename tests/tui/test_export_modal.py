"""The export modal: choose a document and a format, write it in a worker,
never overwrite without asking."""

from __future__ import annotations

import pytest
from conftest import Host
from docx import Document
from textual.widgets import Button, Input, Static

from sipmote.export import DocKind, ExportResult
from sipmote.export.samples import signoff_plan
from sipmote.tui.screens.export_modal import ExportModal, default_name


@pytest.fixture
def plan(today):
    return signoff_plan(today)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def status_text(modal) -> str:
    return str(modal.query_one("#status", Static).render())


async def test_default_writes_the_sip_docx(tmp_path, plan, today):
    modal = ExportModal(plan, plan.meetings[-1], folder=tmp_path, today=today)
    app = Host(modal)
    async with app.run_test(size=(100, 40)) as pilot:
        suggested = tmp_path / default_name(DocKind.sip, "docx", plan.meetings[-1], today)
        assert modal.query_one("#path", Input).value == str(suggested)
        await pilot.click("#write")
        await settle(app, pilot)
        out = tmp_path / default_name(DocKind.sip, "docx", plan.meetings[-1], today)
        assert out.is_file()
        assert isinstance(app.results[0], ExportResult) and app.results[0].written == [out]
        # one toast: what was written and how much the Summary's sign-off check misses (before:
        # one toast per missing item, stacked over the dialogs that follow at 80x24)
        assert len(app.notes) == 1
        assert "Sparat" in app.notes[0] and str(out) in app.notes[0]
        assert "Före underskrift saknas" in app.notes[0] and "se Sammanfattningen (s)" in app.notes[0]
        assert app.screen is not modal
    assert Document(str(out)).paragraphs[0].text == "Samordnad individuell plan (SIP)"


@pytest.mark.parametrize("kind,stem,title", [
    ("min_plan", "Min-plan", "Min plan – Elsa"),
    ("invitation_family", "Inbjudan-familjen", "Inbjudan till SIP-möte"),  # the kallelse in plain words
])
async def test_the_chosen_document_follows_in_the_file_name(tmp_path, plan, today, kind, stem, title):
    modal = ExportModal(plan, plan.meetings[-1], folder=tmp_path, today=today)
    app = Host(modal)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click(f"#kind-{kind}")
        await pilot.pause()
        path = modal.query_one("#path", Input).value
        assert path == str(tmp_path / default_name(DocKind(kind), "docx", plan.meetings[-1], today))
        await pilot.click("#write")
        await settle(app, pilot)
    assert Document(path).paragraphs[0].text == title


async def test_existing_file_asks_before_overwriting(tmp_path, plan, today):
    out = tmp_path / default_name(DocKind.sip, "docx", plan.meetings[-1], today)
    out.write_bytes(b"signed copy")
    modal = ExportModal(plan, plan.meetings[-1], folder=tmp_path, today=today)
    app = Host(modal)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click("#write")
        await settle(app, pilot)
        assert out.read_bytes() == b"signed copy"
        assert "finns redan" in status_text(modal)
        assert modal.query_one("#overwrite", Button).display
        assert app.screen is modal and app.results == []
        await pilot.click("#overwrite")
        await settle(app, pilot)
    assert out.read_bytes()[:2] == b"PK"
    assert app.results[0].written == [out]


async def test_errors_keep_the_modal_open_and_escape_cancels(tmp_path, plan, today):
    modal = ExportModal(plan, plan.meetings[-1], folder=tmp_path, today=today)
    app = Host(modal)
    async with app.run_test(size=(100, 40)) as pilot:
        inp = modal.query_one("#path", Input)
        inp.value = str(tmp_path / "[bold]saknas" / "x.docx")
        await pilot.click("#write")
        await settle(app, pilot)
        assert "[bold]saknas" in status_text(modal) and "finns inte" in status_text(modal)
        assert app.screen is modal
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_plan_id_is_loaded_from_the_register(tmp_path, home, today):
    from sipmote.store import Register

    plan = signoff_plan(today)
    with Register(home) as reg:
        reg.save(plan)
        modal = ExportModal(plan.id, folder=tmp_path, today=today)
        app = Host(modal)
        app.register = reg
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.click("#write")
            await settle(app, pilot)
    assert (tmp_path / default_name(DocKind.sip, "docx", plan.meetings[-1], today)).is_file()


async def test_export_from_the_meeting_summary(tmp_path, home, today, monkeypatch):
    """Summary -> x -> the modal on the live plan -> a DOCX in the user's folder."""
    from sipmote.store import Register
    from sipmote.tui.app import SipmoteApp

    monkeypatch.setenv("HOME", str(tmp_path))
    plan = signoff_plan(today)
    reg = Register(home).open()
    try:
        reg.save(plan)
        app = SipmoteApp(register=reg, plan_id=plan.id, today=today)
        async with app.run_test(size=(110, 40)) as pilot:
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            await pilot.press("x")
            await pilot.pause()
            modal = app.screen
            assert isinstance(modal, ExportModal)
            assert modal.plan is app.screen_stack[-2].plan  # the live plan, not a reload
            await pilot.click("#write")
            await settle(app, pilot)
            assert not isinstance(app.screen, ExportModal)
    finally:
        reg.close()
    out = tmp_path / default_name(DocKind.sip, "docx", plan.meetings[-1], today)
    assert Document(str(out)).paragraphs[0].text == "Samordnad individuell plan (SIP)"


async def test_pdf_choice_without_libreoffice_says_so_before_writing(tmp_path, plan, today, monkeypatch):
    monkeypatch.setenv("SIPMOTE_SOFFICE", str(tmp_path / "no-soffice"))
    modal = ExportModal(plan, plan.meetings[-1], folder=tmp_path, today=today)
    app = Host(modal)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click("#fmt-pdf")
        await pilot.pause()
        pdf_name = default_name(DocKind.sip, "pdf", plan.meetings[-1], today)
        assert modal.query_one("#path", Input).value.endswith(pdf_name)
        assert "LibreOffice" in status_text(modal)
        await pilot.click("#write")
        await settle(app, pilot)
        assert "LibreOffice" in status_text(modal) and app.screen is modal
    assert not list(tmp_path.iterdir())  # nothing half-written


async def test_the_chosen_format_is_the_file_suffix(tmp_path, plan, today):
    modal = ExportModal(plan, plan.meetings[-1], folder=tmp_path, today=today)
    app = Host(modal)
    async with app.run_test(size=(100, 40)) as pilot:
        modal.query_one("#path", Input).value = "planen.json"  # relative: in the folder
        await pilot.click("#write")
        await settle(app, pilot)
    assert app.results[0].written == [tmp_path / "planen.json.docx"]
    assert Document(str(tmp_path / "planen.json.docx")).paragraphs[0].text.startswith("Samordnad")


async def test_enter_on_the_document_list_writes(tmp_path, plan, today):
    """The hint says "↑↓ välj · Tab nästa · Enter skriv" and focus starts on the list: Enter
    there wrote nothing before."""
    from textual.widgets import RadioSet

    modal = ExportModal(plan, plan.meetings[-1], folder=tmp_path, today=today)
    app = Host(modal)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(modal.focused, RadioSet) and modal.focused.id == "kind"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is not modal
    assert (tmp_path / default_name(DocKind.sip, "docx", plan.meetings[-1], today)).is_file()


async def test_down_and_enter_writes_the_highlighted_document(tmp_path, plan, today):
    modal = ExportModal(plan, plan.meetings[-1], folder=tmp_path, today=today)
    app = Host(modal)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")  # Kallelse
        await settle(app, pilot)
        assert app.screen is not modal
    written = tmp_path / default_name(DocKind.invitation, "docx", plan.meetings[-1], today)
    assert written.is_file() and written.name.startswith("Kallelse-")
    assert not (tmp_path / default_name(DocKind.sip, "docx", plan.meetings[-1], today)).exists()
