"""The preparation screen in a real terminal (issue 12 item 10, issue 17): a new plan typed
in one burst from an empty register, across the sections that are built when their key is
pressed (no key lost while a section is built), at 80x24 and 100x30; and what is typed in
a section survives a SIGKILL and is offered back."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from test_drafts_kill import home, offered_back, type_and_kill  # noqa: F401 - home is a fixture
from tmux_app import needs_sipmote, run_cli, start

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


def sipmote(where: Path, *args: str) -> str:
    return run_cli(where, *args).stdout


def send(tmux, burst: list[tuple[str, ...]]) -> None:
    """One send-keys per item, no waits: as fast as tmux types (("text", "lit") is typed literally)."""
    for keys in burst:
        if keys[-1] == "lit":
            tmux.keys(keys[0], literal=True)
        else:
            tmux.keys(*keys)


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
    needs_sipmote()
    tmux = start(empty, "open", size=size)
    try:
        tmux.wait_for("Ny plan")  # the register's footer: the app takes keys
        burst = [("n",), ("Sara Testsson", "lit"), ("F4",), (day.isoformat(), "lit"), ("Tab",), ("13:00", "lit"),
                 ("Tab", "Tab"), ("Strandskolan", "lit"),
                 ("F5",), ("Anna Berg", "lit"), ("Tab", "Tab"), ("Strandskolan", "lit"), ("Tab",), ("Rektor", "lit"),
                 ("Enter", "F6"), ("Maria Testsson", "lit"), ("Tab",), ("Mamma", "lit"), ("Tab", "Tab", "Tab", "Tab"),
                 (since.isoformat(), "lit"), ("Enter", "C-s")]
        send(tmux, burst)
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
        tmux.quit()


def test_what_is_typed_in_a_section_survives_sigkill(home):  # noqa: F811 - home is a fixture
    tmux = start(home, "open")
    tmux.wait_for("Ny plan")
    tmux.keys("p")
    tmux.wait_for("F4 Tid och plats")
    tmux.keys("F4")
    tmux.wait_for("Mötesdatum")
    tmux.keys("Tab", "Tab", "Tab")  # to Plats: its text is selected, what is typed replaces it
    type_and_kill(tmux, "Biblioteket rum 12")
    offered_back(home, "Förberedelse", "Biblioteket rum 12", then=("F4",))  # the screen opens again at once


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_letters_typed_on_closed_dropdowns_land(tmp_path, size):
    """Audit: F4 Tab "vid" Tab Tab "Karin Berg" Tab "sko" Tab left Mötesform "Fysiskt möte" and
    Kallas av empty: a closed dropdown ignored letters until opened with Enter."""
    empty = tmp_path / "empty"
    day = dt.date.today() + dt.timedelta(days=14)
    needs_sipmote()
    tmux = start(empty, "open", size=size)
    try:
        tmux.wait_for("Ny plan")
        burst = [("n",), ("Sara Testsson", "lit"), ("F4",), (day.isoformat(), "lit"), ("Tab", "Tab", "Tab"),
                 ("Strandskolan", "lit"), ("Tab",), ("vid", "lit"), ("Tab", "Tab"), ("Karin Berg", "lit"),
                 ("Tab",), ("sko", "lit"), ("Tab",), ("Elevhälsan", "lit"), ("C-s",)]
        send(tmux, burst)
        plan = wait_for_plan(empty, "Sara Testsson")
        assert plan is not None, tmux.screen()
        meeting = plan["meetings"][-1]
        assert (meeting["place"], meeting["mode"], meeting["leader"]) == ("Strandskolan", "video", "Karin Berg")
        assert meeting["convened_by"]["org_kind"] == "school", meeting["convened_by"]
        assert meeting["convened_by"]["organisation"].startswith("Elevhälsan"), meeting["convened_by"]
    finally:
        tmux.quit()
