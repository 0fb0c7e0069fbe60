"""The offline bundle's builder (.ci/bundle/build.py), offline parts.

The real build (PyPI) and the offline install run in CI (.ci/bundle/ci_check.sh);
here: the completeness walk with the target's markers, the scripts as rendered.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bundle_build", ROOT / ".ci" / "bundle" / "build.py")
build = importlib.util.module_from_spec(_spec)
sys.modules["bundle_build"] = build
_spec.loader.exec_module(build)


def _wheel(folder: Path, name: str, version: str, requires: list[str], tag: str = "py3-none-any") -> None:
    dist = f"{name.replace('-', '_')}-{version}"
    meta = "\n".join(["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
                      *[f"Requires-Dist: {r}" for r in requires]]) + "\n"
    with zipfile.ZipFile(folder / f"{dist}-{tag}.whl", "w") as zf:
        zf.writestr(f"{dist}.dist-info/METADATA", meta)


def test_a_windows_only_dependency_is_required_for_the_windows_bundle_only(tmp_path):
    """pip evaluates sys_platform against the machine it runs on; the walk uses the target's."""
    _wheel(tmp_path, "sipmote", "0.1.0", ["rich>=13", 'colorama>=0.4; sys_platform == "win32"',
                                          "tzdata; extra == 'tz'"])
    _wheel(tmp_path, "rich", "13.9.0", ["markdown-it-py[linkify]>=2"])
    _wheel(tmp_path, "markdown-it-py", "3.0.0", ['linkify-it-py>=1; extra == "linkify"'])
    win, linux = build.TARGETS["win_amd64"], build.TARGETS["linux_x86_64"]
    assert build.missing_requirements(tmp_path, "sipmote", linux, "3.12") == [
        "markdown-it-py needs linkify-it-py>=1; extra == \"linkify\" - no wheel"]
    _wheel(tmp_path, "linkify-it-py", "2.0.0", [])
    assert build.missing_requirements(tmp_path, "sipmote", linux, "3.12") == []
    assert build.missing_requirements(tmp_path, "sipmote", win, "3.12") == [
        'sipmote needs colorama>=0.4; sys_platform == "win32" - no wheel']
    _wheel(tmp_path, "colorama", "0.3.0", [])
    assert "have 0.3.0" in build.missing_requirements(tmp_path, "sipmote", win, "3.12")[0]


def test_every_target_and_python_is_in_the_matrix():
    assert set(build.TARGETS) == {"win_amd64", "macos_arm64", "macos_x86_64", "linux_x86_64"}
    assert {"3.11", "3.12", "3.13"} <= set(build.PYTHONS)
    assert build.TARGETS["win_amd64"].script == "installera.cmd"
    assert build.TARGETS["macos_arm64"].script == build.TARGETS["linux_x86_64"].script == "installera.sh"


def test_the_windows_script_has_crlf_and_installs_offline_only():
    text = build.render_script(build.TARGETS["win_amd64"], "3.12", "0.1.0")
    assert b"\r\n" in text and b"\n" not in text.replace(b"\r\n", b"")  # cmd.exe misreads LF-only
    body = text.decode("utf-8")
    assert "@PYTHON@" not in body and 'set "WANT=3.12"' in body
    assert body.count("--no-index") == 1 and "--find-links" in body
    assert "%LOCALAPPDATA%\\sipmote-program" in body  # under the user's profile, no admin needed
    # paths only ever in quotes, so spaces, parentheses and å/ä/ö in a user name are safe
    for var in ("%DIR%", "%VENV%", "%BIN%", "%WHEELS%"):
        for line in body.splitlines():
            parts = line.split(var)
            for i in range(1, len(parts)):
                assert var.join(parts[:i]).count('"') % 2 == 1, line


def test_the_shell_script_refuses_a_python_it_was_not_built_for(tmp_path):
    script = tmp_path / "installera.sh"
    script.write_bytes(build.render_script(build.TARGETS["linux_x86_64"], "3.99", "0.1.0"))
    (tmp_path / "wheels").mkdir()
    proc = subprocess.run(["sh", str(script), str(tmp_path / "program")], capture_output=True, text=True, check=False,
                          env={**os.environ, "HOME": str(tmp_path), "PYTHON": sys.executable})
    assert proc.returncode == 1
    assert "Python 3.99 hittades inte" in proc.stderr
    assert not (tmp_path / "program").exists() and not (tmp_path / ".local").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")
def test_the_shell_script_parses():
    script = build.render_script(build.TARGETS["macos_arm64"], "3.12", "0.1.0")
    assert subprocess.run(["sh", "-n"], check=False, input=script, capture_output=True).returncode == 0
