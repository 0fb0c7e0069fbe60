"""The app takes the terminal's size, not COLUMNS/LINES left in the environment.

Exported by a shell profile or a CI runner (and inherited by every tmux window), they
pinned the app at 80x24 in a 100x30 window and every resize read back as 80x24: the
meeting's footer stopped at column 80 and dialogs wrapped as on the small screen."""

from __future__ import annotations

import datetime as dt
import subprocess
import time

import pytest
from tmux_app import home_with, start

from sipmote.demo import demo_plan

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


def _footer(tmux) -> str:
    return tmux.screen().rstrip("\n").splitlines()[-1]


def _wait_footer_width(tmux, width: int, timeout: float = 20.0) -> str:
    end = time.monotonic() + timeout
    line = ""
    while time.monotonic() < end:
        line = _footer(tmux)
        if len(line) == width:  # the palette key is drawn at the right end
            return line
        time.sleep(0.1)
    raise AssertionError(f"footer not {width} wide: {line!r}")


def test_the_terminal_size_wins_over_columns_in_the_environment_and_resizes_follow(tmp_path):
    home = home_with(tmp_path, [demo_plan(dt.date.today())])
    tmux = start(home, "open", size=(100, 30), env="COLUMNS=80 LINES=24")
    try:
        tmux.wait_for("Ny plan")
        _wait_footer_width(tmux, 100)
        subprocess.run(["tmux", "resize-window", "-t", tmux.name, "-x", "120", "-y", "30"], check=True)
        _wait_footer_width(tmux, 120)
    finally:
        tmux.quit()
