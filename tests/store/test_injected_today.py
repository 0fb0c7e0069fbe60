"""One 'today' (``sipmote.clock``): the register validates every plan it loads, and the CLI
every plan it imports, against the front end's injected today, never the calendar; a
deviation without a date gets that same today. The app hands its today to its register."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import TODAY

from sipmote import clock
from sipmote.demo import demo_plan
from sipmote.model import Plan
from sipmote.personnummer import make_test_number
from sipmote.store import Register, StoreError

IN_2030 = dt.date(2030, 1, 15)
BORN_2029 = make_test_number(dt.date(2029, 6, 1), serial="123")


def plan_data(**extra: object) -> dict:
    """A plan (as JSON data) for a child born in 2029."""
    data = json.loads(demo_plan(TODAY).model_dump_json())
    data["person"]["personnummer"] = BORN_2029
    data.update(extra)
    return data


def store(home: Path, data: dict) -> str:
    """Write the plan file as a plan from 2030 would have been written."""
    reg = Register(home, today=clock.fixed(IN_2030)).open()
    try:
        plan = Plan.model_validate(data, context={"today": IN_2030})
        reg.save(plan)
    finally:
        reg.close()
    return plan.id


def test_the_register_checks_a_personnummer_against_its_injected_today(home):
    pid = store(home, plan_data())
    with Register(home, today=clock.fixed(IN_2030)) as reg:
        assert reg.load(pid).person.personnummer == BORN_2029
    # the same file, in a register whose today is in 2026: born in the future, refused
    with Register(home, today=clock.fixed(TODAY)) as reg, pytest.raises(StoreError):
        reg.load(pid)


def test_a_deviation_without_a_date_gets_the_registers_today(home):
    data = plan_data()
    data["deviations"] = [{"kind": "measure_not_done", "party": "BUP", "text": "Ingen tid"}]
    pid = store(home, data)
    with Register(home, today=clock.fixed(IN_2030)) as reg:
        assert reg.load(pid).deviations[0].created == IN_2030


def test_import_checks_against_the_commands_today(home, tmp_path, capsys):
    from sipmote import cli

    path = tmp_path / "plan.json"
    data = plan_data()
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["import", str(path)], today=clock.fixed(TODAY)) != 0
    err = capsys.readouterr().err
    assert "födelsedatum i framtiden" in err
    assert cli.main(["import", str(path)], today=clock.fixed(IN_2030)) == 0
    capsys.readouterr()
    # and the register the command opens reads it back with the same today
    assert cli.main(["show", data["id"], "--json"], today=clock.fixed(IN_2030)) == 0
    assert BORN_2029 in capsys.readouterr().out


def test_the_app_hands_its_today_to_its_register(home):
    from sipmote.tui.app import SipmoteApp

    reg = Register(home)
    app = SipmoteApp(register=reg, today=IN_2030)
    assert app.today() == IN_2030
    assert reg.today() == IN_2030  # every plan the app loads is validated against it
    plain = Register(home)
    assert SipmoteApp(register=plain).today() == plain.today() == clock.calendar()


def test_only_the_clock_reads_the_calendar():
    """``date.today()`` has one home; everything else gets its today passed in."""
    root = Path(__file__).resolve().parents[2] / "sipmote"
    readers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                     if re.search(r"\bdate\.today\b", p.read_text(encoding="utf-8")))
    assert readers == ["clock.py"]
    # nor the wall clock (a plan's timestamps, a phase's start, an oral agreement's time)
    wall = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                  if re.search(r"\bdatetime\.now\b", p.read_text(encoding="utf-8")))
    assert wall == ["clock.py"]
