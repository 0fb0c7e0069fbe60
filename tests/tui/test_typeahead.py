"""Typing ahead is safe (issue 12 item 5): keys sent at full speed, in one burst, across field
changes, a searchable choice, dates and a dialog opening, each land in their own field.

A real ``sipmote`` in tmux: in Planera the secretary presses ``a`` (the insats form opens) and
types the whole insats without waiting for the screen, then Ctrl+S. Before the key gate, the
characters typed right after Tab went to the field before it (Tab then "2026-12-14" became
Person "2026-12" and Start "-14"), and those typed right after ``a`` went to the table behind
the dialog. A second burst types a new plan's first fields in the preparation screen."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from tmux_app import home_with, run_cli, start

from sipmote.demo import DEMO_PLAN_ID, demo_plan
from sipmote.model import Attendance

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

KEY = {" ": "Space", ";": "\\;"}  # tmux key names

INSATS = {
    "what": "Extra stöd i matematik två gånger i veckan",
    "performer": "Omar Haddad och speciallärare",
    "start": "2026-12-14",
    "frequency": "tisdagar och torsdagar 10-11",
    "place": "Lilla grupprummet",
    "until": "2027-06-10",
    "child_words": "Jag får hjälp med matten",
}


@pytest.fixture
def home(tmp_path):
    plan = demo_plan(dt.date.today())
    for p in plan.latest_meeting.participants:  # attendance taken: the meeting opens on Lyssna
        p.attendance = Attendance.present
    return home_with(tmp_path, [plan])


def show_json(home: Path) -> dict:
    return json.loads(run_cli(home, "show", DEMO_PLAN_ID, "--json", "--reveal").stdout)


def wait_until(check, timeout: float = 30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    return check()


def first_measure(home: Path) -> dict | None:
    """The first insats saved in the plan's meeting (None until there is one)."""
    goals = show_json(home)["meetings"][-1]["goals"]
    measures = [m for g in goals for m in g.get("measures", [])]
    return measures[0] if measures else None


def test_an_insats_typed_in_one_burst_lands_field_by_field(home):
    tmux = start(home, "open", DEMO_PLAN_ID)
    try:
        tmux.wait_for("LYSSNA")
        tmux.wait_for("Talar nu")  # the footer is drawn: the app takes keys
        # one burst: to Planera, a goal, then the insats form and every field of it
        burst = ["n", "n", "g", *list("Elsa går till skolan varje dag"), "C-s", "a"]
        burst += [*list(INSATS["what"]), "Tab", *list("om"), "Tab", "Tab", "Tab", "Tab"]
        burst += [*list(INSATS["performer"]), "Tab", *list(INSATS["start"]), "Tab"]
        burst += [*list(INSATS["frequency"]), "Tab", *list(INSATS["place"]), "Tab"]
        burst += [*list(INSATS["until"]), "Tab", *list(INSATS["child_words"]), "C-s"]
        tmux.keys(*[KEY.get(k, k) for k in burst])

        m = wait_until(lambda: first_measure(home))
        assert m is not None, tmux.screen()
        goals = show_json(home)["meetings"][-1]["goals"]
        assert [g["text"] for g in goals] == ["Elsa går till skolan varje dag"]
        for key, typed in INSATS.items():
            assert m[key] == typed, (key, m[key])
        # the choice took "om": Omar Haddad, the school's teacher, fills party, organisation, person
        assert m["responsible"]["person"] == "Omar Haddad"
        assert m["responsible"]["org_kind"] == "school"
    finally:
        tmux.quit()


def test_a_new_plan_typed_in_one_burst(home):
    tmux = start(home)
    try:
        tmux.wait_for("Registret")
        tmux.wait_for("Ny plan")  # the footer is drawn
        fields = ["Sara Testsson", "20120315-1236", "Storgatan 1, Exempelstad", "070-123 45 67",
                  "Eva Testsson", "070-765 43 21"]
        burst = ["n"]
        for i, text in enumerate(fields):
            burst += list(text) + (["Tab"] if i < len(fields) - 1 else [])
        burst += ["C-s"]
        tmux.keys(*[KEY.get(k, k) for k in burst])

        def new_plan():
            out = run_cli(home, "list", "--json").stdout
            try:
                rows = json.loads(out)
            except ValueError:
                return None
            return next((r for r in rows if r.get("name") == "Sara Testsson"), None)

        row = wait_until(new_plan)
        assert row is not None, tmux.screen()
        plan = json.loads(run_cli(home, "show", row["id"], "--json", "--reveal").stdout)
        person = plan["person"]
        assert person["name"] == "Sara Testsson"
        assert person["personnummer"].replace("-", "").endswith("1203151236")
        assert person["address"] == "Storgatan 1, Exempelstad"
        assert person["phone"] == "070-123 45 67"
        guardian = plan["guardians"][0]
        assert (guardian["name"], guardian["phone"]) == ("Eva Testsson", "070-765 43 21")
    finally:
        tmux.quit()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_what_is_typed_over_a_picked_responsible_is_saved(home, size):
    """Audit: a "Samtal…" Tab "sara" Tab Tab "Elevhälsan Åbyskolan" Tab "Eva Skolsköterska" saved the
    picked participant's organisation and name: the typed ones were lost. The pick now fills the
    fields on screen at once; the text typed into them after it is what is saved."""
    tmux = start(home, "open", DEMO_PLAN_ID, size=size)
    try:
        tmux.wait_for("LYSSNA")
        tmux.wait_for("Talar nu")
        burst = ["n", "n", "g", *list("Elsa sover bättre"), "C-s", "a", *list("Samtal om sömnen"), "Tab"]
        burst += [*list("sof"), "Tab", "Tab", *list("Elevhälsan Åbyskolan"), "Tab", *list("Eva Skolsköterska"), "C-s"]
        tmux.keys(*[KEY.get(k, k) for k in burst])

        m = wait_until(lambda: first_measure(home))
        assert m is not None, tmux.screen()
        r = m["responsible"]
        assert (r["org_kind"], r["organisation"], r["person"]) == (
            "social_services", "Elevhälsan Åbyskolan", "Eva Skolsköterska"), tmux.screen()
    finally:
        tmux.quit()
