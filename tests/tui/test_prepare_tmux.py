"""The preparation screen in a real terminal (issue 12 item 10, issue 17): a new plan typed
in one burst from an empty register, across the sections that are built when their key is
pressed (no key lost while a section is built), at 80x24 and 100x30; and what is typed in
a section survives a SIGKILL and is offered back."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from test_drafts_kill import EXE, home, offered_back, type_and_kill  # noqa: F401 - home is a fixture
from test_drafts_kill import start as start_open
from test_tmux_demo import Tmux

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


def start(where: Path, size: tuple[int, int]) -> Tmux:
    name = f"sipmote-prep-{uuid.uuid4().hex[:8]}"
    env = f"SIPMOTE_HOME={where} TERM=xterm-256color"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]),
                    f"env {env} {EXE} open"], check=True)
    return Tmux(name)


def sipmote(where: Path, *args: str) -> str:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, check=False,
                          env={**os.environ, "SIPMOTE_HOME": str(where)}).stdout


def wait_for_plan(where: Path, name: str, timeout: float = 30.0) -> dict | None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            rows = json.loads(sipmote(where, "list", "--json") or "[]")
        except ValueError:
            rows = []
        row = next((r for r in rows if r.get("name") == name), None)
        if row is not None:
            return json.loads(sipmote(where, "show", row["id"], "--json"))
        time.sleep(0.3)
    return None


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_a_new_plan_typed_in_one_burst_across_the_sections(tmp_path, size):
    empty = tmp_path / "empty"  # an empty register
    day = dt.date.today() + dt.timedelta(days=14)
    since = dt.date.today() - dt.timedelta(days=30)
    tmux = start(empty, size)
    try:
        tmux.wait_for("Ny plan")  # the register's footer: the app takes keys
        burst = [("n",), ("Sara Testsson", "lit"), ("F4",), (day.isoformat(), "lit"), ("Tab",), ("13:00", "lit"),
                 ("Tab", "Tab"), ("Strandskolan", "lit"),
                 ("F5",), ("Anna Berg", "lit"), ("Tab", "Tab"), ("Strandskolan", "lit"), ("Tab",), ("Rektor", "lit"),
                 ("Enter", "F6"), ("Maria Testsson", "lit"), ("Tab",), ("Mamma", "lit"), ("Tab", "Tab"),
                 (since.isoformat(), "lit"), ("Enter", "C-s")]
        for keys in burst:  # one send-keys each, no waits: as fast as tmux types
            if keys[-1] == "lit":
                tmux.keys(keys[0], literal=True)
            else:
                tmux.keys(*keys)
        plan = wait_for_plan(empty, "Sara Testsson")
        assert plan is not None, tmux.screen()
        meeting = plan["meetings"][-1]
        assert (meeting["date"], meeting["time"][:5], meeting["place"]) == (day.isoformat(), "13:00", "Strandskolan")
        people = [(p["name"], p["role"], p["organisation"]) for p in meeting["participants"]]
        assert people == [("Sara Testsson", "person", ""), ("Anna Berg", "rektor", "Strandskolan")]
        [consent] = plan["consents"]
        assert (consent["given_by"], consent["relation"], consent["valid_from"]) == (
            "Maria Testsson", "Mamma", since.isoformat())
        screen = tmux.wait_for("Förberedelsen är sparad")
        assert "F6 Samtycke" in screen or size[1] < 30, screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", tmux.name], capture_output=True)


def test_what_is_typed_in_a_section_survives_sigkill(home):  # noqa: F811 - home is a fixture
    tmux = start_open(home)
    tmux.wait_for("Ny plan")
    tmux.keys("p")
    tmux.wait_for("F4 Tid och plats")
    tmux.keys("F4")
    tmux.wait_for("Mötesdatum")
    tmux.keys("Tab", "Tab", "Tab")  # to Plats: its text is selected, what is typed replaces it
    type_and_kill(tmux, "Biblioteket rum 12")
    offered_back(home, "Förberedelse", "Biblioteket rum 12", ["p", "F4"])
