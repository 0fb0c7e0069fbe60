"""The desktop around sipmote, per operating system (headless, no Textual).

- ``open_in_system(path)``: open an exported DOCX/PDF in the program the system
  uses for it (Word, LibreOffice, Preview …): ``os.startfile`` on Windows,
  ``open`` on macOS, ``xdg-open`` elsewhere. It does not wait for the program.
- ``documents_dir()``: where exported documents go by default: ``[export] folder``
  in config.toml, else the user's Documents folder as the system names it
  (Windows: the known folder, also when it is redirected to OneDrive; Linux: the
  XDG "Dokument"/"Documents" folder), else the home folder.
- ``soffice_candidates()``: where LibreOffice installs itself when it is not on
  PATH (Windows and macOS installers never add it; the TDF Linux packages go to /opt;
  the snap and flatpak builds are left out: their private /tmp cannot see the file).

The system is a parameter (default: this one), so every branch is tested anywhere.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sipmote.errors import SipmoteError
from sipmote.i18n import t

WINDOWS, MACOS = "Windows", "Darwin"

# module attributes, so tests can stand in for the OS
_startfile = getattr(os, "startfile", None)
_popen = subprocess.Popen
_which = shutil.which
_OPT = Path("/opt")  # where LibreOffice's own Linux packages install


class OpenError(SipmoteError):
    """The document could not be opened; the message says why and where the file is."""


def system() -> str:
    return platform.system()


def open_in_system(path: Path, *, system_name: str | None = None) -> None:
    """Open ``path`` with the system's program for its type; raises OpenError."""
    path = Path(path)
    if not path.is_file():
        raise OpenError(t("platform.open_missing", path=str(path)))
    name = system_name or system()
    try:
        if name == WINDOWS:
            if _startfile is None:
                raise OpenError(t("platform.open_no_program", path=str(path)))
            _startfile(str(path))
            return
        opener = "open" if name == MACOS else "xdg-open"
        exe = _which(opener)
        if exe is None:
            raise OpenError(t("platform.open_no_program", path=str(path)))
        # detached and silent: the program must not write over the app's screen, nor die with it
        _popen([exe, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:  # Windows: no program associated with .docx (WinError 1155)
        raise OpenError(t("platform.open_failed", path=str(path),
                          reason=exc.strerror or type(exc).__name__)) from None


def documents_dir(home: Path | None = None) -> Path:
    """The default folder for exported documents (see the module docstring).

    A broken config.toml raises ``sipmote.config.ConfigError`` (a clear message).
    """
    from sipmote import config

    configured = config.path_setting("export", "folder", home)
    if configured is not None:
        return configured
    try:
        from platformdirs import user_documents_dir

        docs = Path(user_documents_dir())
    except Exception:  # noqa: BLE001 - whatever the platform lookup raises, fall back to home
        docs = None
    if docs is not None and docs.is_dir():
        return docs
    return Path.home()


def soffice_candidates(system_name: str | None = None, environ: dict[str, str] | None = None) -> list[Path]:
    """LibreOffice's usual install places on ``system_name``, most likely first."""
    name = system_name or system()
    env = os.environ if environ is None else environ
    found: list[Path] = []
    if name == WINDOWS:
        roots = [env.get("ProgramFiles"), env.get("ProgramW6432"), env.get("ProgramFiles(x86)"),
                 env.get("LOCALAPPDATA") and str(Path(env["LOCALAPPDATA"]) / "Programs")]
        for root in dict.fromkeys(r for r in roots if r):
            program = Path(root) / "LibreOffice" / "program"
            # soffice.com is the console launcher: it waits for the conversion to finish
            found += [program / "soffice.com", program / "soffice.exe"]
    elif name == MACOS:
        app = Path("LibreOffice.app") / "Contents" / "MacOS" / "soffice"
        found += [Path("/Applications") / app, Path(env.get("HOME", "~")).expanduser() / "Applications" / app]
    else:
        try:
            found += sorted(_OPT.glob("libreoffice*/program/soffice"), key=_version, reverse=True)
        except OSError:
            pass
    return found


def _version(soffice: Path) -> tuple[int, ...]:
    """``/opt/libreoffice24.8/program/soffice`` -> (24, 8): the newest install first."""
    digits = re.findall(r"\d+", soffice.parent.parent.name)
    return tuple(int(d) for d in digits)


def utf8_stdio(streams: tuple | None = None, *, system_name: str | None = None) -> None:
    """On Windows, write UTF-8 when output goes to a file or a pipe.

    In a console Python already writes Unicode. Redirected (``sipmote demo --json > d.json``
    in cmd), it would use the ANSI code page: the file would not read back as UTF-8, and a
    character outside cp1252 (a box line, an em dash in a note) would stop the command.
    """
    if (system_name or system()) != WINDOWS:
        return
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        isatty = getattr(stream, "isatty", None)
        if reconfigure is None or (isatty is not None and isatty()):
            continue
        reconfigure(encoding="utf-8")
