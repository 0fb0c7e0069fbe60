"""Opening an exported document, the documents folder and LibreOffice's install places,
per operating system (the system is faked: every branch runs here)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sipmote import desktop
from sipmote.config import ConfigError
from sipmote.export import pdf


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "Åsa Öberg" / "SIP Elsa 2026-03-02.docx"
    path.parent.mkdir()
    path.write_bytes(b"PK")
    return path


def test_windows_opens_with_startfile(doc, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(desktop, "_startfile", calls.append)
    monkeypatch.setattr(desktop, "_popen", lambda *a, **k: pytest.fail("no subprocess on Windows"))
    desktop.open_in_system(doc, system_name="Windows")
    assert calls == [str(doc)]


def test_windows_without_a_program_for_docx_says_where_the_file_is(doc, monkeypatch):
    def startfile(path):
        raise OSError(1155, "Det finns inget program associerat", path)

    monkeypatch.setattr(desktop, "_startfile", startfile)
    with pytest.raises(desktop.OpenError) as err:
        desktop.open_in_system(doc, system_name="Windows")
    assert str(doc) in str(err.value) and "Filen är sparad" in str(err.value)


@pytest.mark.parametrize(("system", "opener"), [("Darwin", "open"), ("Linux", "xdg-open"), ("FreeBSD", "xdg-open")])
def test_macos_and_others_run_the_opener_detached_and_silent(doc, monkeypatch, system, opener):
    runs: list[tuple[list[str], dict]] = []
    monkeypatch.setattr(desktop, "_which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(desktop, "_popen", lambda cmd, **kw: runs.append((cmd, kw)))
    desktop.open_in_system(doc, system_name=system)
    (cmd, kw), = runs
    assert cmd == [f"/usr/bin/{opener}", str(doc)]  # a list: spaces and å/ö in the path are safe
    assert kw["start_new_session"] is True
    assert kw["stdout"] is kw["stderr"] is kw["stdin"] is subprocess.DEVNULL  # nothing over the app's screen


def test_no_opener_installed_is_a_message(doc, monkeypatch):
    monkeypatch.setattr(desktop, "_which", lambda name: None)
    with pytest.raises(desktop.OpenError) as err:
        desktop.open_in_system(doc, system_name="Linux")
    assert "inget program" in str(err.value)


def test_a_missing_file_is_not_handed_to_the_system(tmp_path, monkeypatch):
    monkeypatch.setattr(desktop, "_popen", lambda *a, **k: pytest.fail("must not run"))
    with pytest.raises(desktop.OpenError):
        desktop.open_in_system(tmp_path / "borta.docx", system_name="Linux")


def test_documents_folder_is_the_systems_documents_not_home(home, tmp_path, monkeypatch):
    docs = tmp_path / "OneDrive - Skolan" / "Dokument"
    docs.mkdir(parents=True)
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(docs))
    assert desktop.documents_dir(home) == docs
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(tmp_path / "saknas"))
    assert desktop.documents_dir(home) == Path.home()  # no such folder: home, never a crash


def test_documents_folder_from_config(home, tmp_path):
    home.mkdir(parents=True)
    (home / "config.toml").write_text('[export]\nfolder = "~/SIP-möten"\n', encoding="utf-8")
    assert desktop.documents_dir(home) == Path.home() / "SIP-möten"
    (home / "config.toml").write_text("[export]\nfolder = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        desktop.documents_dir(home)


def test_libreoffice_install_folders_on_windows_and_macos():
    env = {"ProgramFiles": "C:\\Program Files", "ProgramFiles(x86)": "C:\\Program Files (x86)",
           "ProgramW6432": "C:\\Program Files", "LOCALAPPDATA": "C:\\Users\\Åsa Öberg\\AppData\\Local"}
    win = [str(p) for p in desktop.soffice_candidates("Windows", env)]
    assert win[0].startswith("C:\\Program Files") and win[0].endswith("soffice.com")
    assert any("Program Files (x86)" in p for p in win)
    assert len(win) == len(set(win)) == 6  # ProgramW6432 == ProgramFiles is not searched twice
    mac = desktop.soffice_candidates("Darwin", {"HOME": "/Users/asa"})
    assert mac == [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
                   Path("/Users/asa/Applications/LibreOffice.app/Contents/MacOS/soffice")]


def test_find_soffice_uses_the_install_folders_when_not_on_path(tmp_path, monkeypatch):
    exe = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.com"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    monkeypatch.delenv("SIPMOTE_SOFFICE", raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(desktop, "system", lambda: "Windows")
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert pdf.find_soffice() == str(exe)
    exe.unlink()
    assert pdf.find_soffice() is None


def test_libreoffice_from_its_own_linux_packages_in_opt_newest_first(tmp_path, monkeypatch):
    for version in ("7.6", "24.8"):
        exe = tmp_path / f"libreoffice{version}" / "program" / "soffice"
        exe.parent.mkdir(parents=True)
        exe.write_bytes(b"")
    monkeypatch.setattr(desktop, "_OPT", tmp_path)
    found = desktop.soffice_candidates("Linux", {})
    assert found == [tmp_path / "libreoffice24.8" / "program" / "soffice",  # newest first, as numbers
                     tmp_path / "libreoffice7.6" / "program" / "soffice"]


def test_windows_output_into_a_file_is_utf8(tmp_path):
    import io

    raw = io.BytesIO()
    piped = io.TextIOWrapper(raw, encoding="cp1252")  # what Windows gives a redirected stdout
    console = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    console.isatty = lambda: True  # type: ignore[method-assign]
    desktop.utf8_stdio((piped, console), system_name="Windows")
    piped.write('{"name": "Åsa Öberg", "note": "━ ☐"}\n')  # not all of it exists in cp1252
    piped.flush()
    assert raw.getvalue().decode("utf-8") == '{"name": "Åsa Öberg", "note": "━ ☐"}\n'
    assert console.encoding == "cp1252"  # a console gets Unicode from Python anyway
    linux = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    desktop.utf8_stdio((linux,), system_name="Linux")
    assert linux.encoding == "latin-1"  # elsewhere the locale decides, as before
