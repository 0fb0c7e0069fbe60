"""The INSTALLED ``sipmote demo`` in a real terminal (tmux): type into the meeting and
read the screen back with ``capture-pane``.

The checkout is installed non-editable (``pip install .``) into a temporary
virtual environment whose dependencies come from the running one, so the test
also proves the wheel carries the agenda files."""

from __future__ import annotations

import importlib.util
import shutil
import site
import subprocess
import sys
import sysconfig
import time
import uuid
from pathlib import Path

import pytest
from tmux_app import Tmux

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


def _site_packages(venv: Path) -> Path:
    return Path(subprocess.check_output(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True).strip())


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the real-terminal test needs it (apt-get install tmux)")
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # dependencies from the running environment (only its path: its .pth files, e.g. an
    # editable sipmote, are not processed there)
    deps = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    (_site_packages(venv) / "_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    cmd = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-deps",
           "--quiet", "--disable-pip-version-check"]
    if importlib.util.find_spec("hatchling") is not None:
        cmd.append("--no-build-isolation")  # offline and faster when the build backend is here
    build = tmp_path_factory.mktemp("build")
    src = build / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info",
                                                            "build", "dist", ".pytest_cache", ".mypy_cache",
                                                            ".ruff_cache"))
    result = subprocess.run([*cmd, str(src)], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"pip install . failed:\n{result.stdout}\n{result.stderr}")
    where = subprocess.check_output(
        [str(venv / "bin" / "python"), "-c",
         "import sipmote, sipmote.resources as r; print(sipmote.__file__); print(r.agenda_dir())"],
        text=True, cwd=build).split("\n")
    assert str(venv) in where[0], f"sipmote imported from {where[0]}, not the installed copy"
    assert "_data" in where[1]  # the agenda files travel inside the wheel
    return venv


def test_installed_demo_in_tmux(installed, tmp_path):
    name = f"sipmote-test-{uuid.uuid4().hex[:8]}"
    env = f"SIPMOTE_HOME={tmp_path / 'home'} TERM=xterm-256color"
    exe = installed / "bin" / "sipmote"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", "-c", str(tmp_path),
                    f"env {env} {exe} demo"], check=True)
    tmux = Tmux(name)
    try:
        screen = tmux.wait_for("LYSSNA")
        assert ("fas 1 av 3" in screen or "1/3" in screen) and "Elsa Lindqvist" in screen
        assert "Prob" in screen and "20" in screen  # the agenda: every phase with its minutes
        assert "-****" in screen  # the personnummer masked
        assert "Inte talat än:" in screen
        tmux.wait_for("Talar nu")  # the footer is drawn: the app takes keys
        tmux.keys("g")
        tmux.wait_for("Med egna ord")
        time.sleep(1.0)  # the form is drawn; let it take the focus (slow under load)
        tmux.keys("Fotboll på fredagar", literal=True)
        tmux.wait_for("Fotboll på fredagar")  # typed into the form
        tmux.keys("C-s")
        tmux.wait_for("»Fotboll på fredagar«")
        tmux.keys("Enter")  # Elsa, first in the round, speaks
        screen = tmux.wait_for("▶")
        assert "▶  Elsa Lindqvist" in screen or "▶ Elsa Lindqvist" in screen
        tmux.keys("n")
        tmux.wait_for("PROBLEMATISERA")  # the header first: the phase's view is built when first shown
        screen = tmux.wait_for("F1 Hur kan Elsa komma tillbaka till skolan")
        assert "PROBLEMATISERA" in screen
        tmux.keys("C-q")
        tmux.wait_for("Är mötet genomfört?")  # never a meeting silently left running
        tmux.keys("n")  # not yet: it stays under way, and the app quits
        end = time.monotonic() + 10
        while tmux.alive() and time.monotonic() < end:
            time.sleep(0.1)
        assert not tmux.alive(), "sipmote did not quit on Ctrl+Q"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
