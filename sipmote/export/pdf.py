"""DOCX -> PDF through LibreOffice, when it is installed.

Every run gets its own private LibreOffice profile (``-env:UserInstallation``)
in a 0700 temporary folder: conversions never collide with a LibreOffice the
user has open, never touch the user's profile, and leave no copy of the
document behind (the folder is removed afterwards).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sipmote.errors import SipmoteError
from sipmote.i18n import t

TIMEOUT_S = 180


class PdfError(SipmoteError):
    """Conversion failed or LibreOffice is missing; the message says which, plainly."""


def find_soffice() -> str | None:
    env = os.environ.get("SIPMOTE_SOFFICE")
    if env:
        return env if Path(env).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    from sipmote.desktop import soffice_candidates  # Windows, macOS and /opt install folders

    return next((str(p) for p in soffice_candidates() if p.is_file()), None)


def docx_to_pdf(docx: bytes, *, timeout: float = TIMEOUT_S) -> bytes:
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(t("export.soffice_missing"))
    work = Path(tempfile.mkdtemp(prefix="sipmote-pdf-"))
    try:
        src = work / "document.docx"
        fd = os.open(src, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(docx)
        profile = work / "profile"
        cmd = [
            soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", str(work), str(src),
        ]
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                                  env={**os.environ, "HOME": str(work)})
        except subprocess.TimeoutExpired:
            raise PdfError(t("export.pdf_timeout", seconds=int(timeout))) from None
        except OSError as exc:
            raise PdfError(t("export.pdf_failed", reason=exc.strerror or type(exc).__name__)) from None
        out = work / "document.pdf"
        if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            tail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip().splitlines()[-1:]
            raise PdfError(t("export.pdf_failed", reason=tail[0] if tail else f"exit {proc.returncode}"))
        return out.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)
