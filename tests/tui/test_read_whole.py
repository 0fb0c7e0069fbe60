"""Issue 12 (Build, 'read whole on the projector'): a long delmål, insats, responsible,
Lyssna note and Problematisera need are shown whole on the meeting screen at 100x30 and
80x24, without moving the cursor: the rows wrap instead of cutting the text at ~30 characters."""

from __future__ import annotations

import re

import pytest
from test_tui_helpers import FakeClock, make_app, open_register

GOAL = "Elsa kommer till skolan till första lektionen varje måndag, onsdag och fredag hela terminen"
MEASURE = "Mentorn ringer hem klockan sju på morgonen och möter Elsa vid skolans grind"
ORG = "Strandskolans elevhälsa"
NOTE = "Elsa säger att hon sover dåligt sedan i höstas och att bussen ofta är sen på morgonen"
NEED = "Oro på morgnarna gör att Elsa stannar hemma, och ingen vet vem hon ska ringa då"


def _screen_words(app) -> str:
    text = "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())
    return " ".join(re.findall(r"[\wåäöÅÄÖ,]+", text))  # words in reading order, borders dropped


def _plan(today):
    from sipmote.export.samples import signoff_plan
    from sipmote.model.parts import Need

    plan = signoff_plan(today, measures=2)
    m = plan.latest_meeting
    m.goals[0].text = GOAL
    m.goals[0].measures[0].what = MEASURE
    m.goals[0].measures[0].responsible.organisation = ORG
    m.needs.append(Need(text=NEED))
    m.speaking_order()[0].speaker_notes = NOTE
    return plan


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_long_goal_and_measure_read_whole_in_planera(home, today, size):
    plan = _plan(today)
    reg = open_register(home)
    reg.save(plan)
    app = make_app(reg, plan.id, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")  # Lyssna -> Problematisera -> Planera
        await pilot.pause()
        table = app.screen.query_one("#plan-table")
        table.move_cursor(row=2)  # the cursor on the second insats, away from the long rows
        await pilot.pause(0.3)
        words = _screen_words(app)
        for text in (GOAL, MEASURE, ORG):
            assert " ".join(re.findall(r"[\wåäöÅÄÖ,]+", text)) in _joined_columns(app, text), text
        assert "…" not in "".join(str(c) for c in table.get_row_at(0))
        assert words


def _joined_columns(app, text: str) -> str:
    """What the screen shows read down a column, from every place where ``text`` starts
    (a wrapped cell continues on the lines below, at the same column)."""
    lines = ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]
    first = text.split()[0]
    found = []
    for i, line in enumerate(lines):
        col = line.find(first)
        while col >= 0:
            cells = [below[col:].split("  ")[0].split("│")[0].strip() for below in lines[i:i + 14]]
            found.append(" ".join(" ".join(re.findall(r"[\wåäöÅÄÖ,]+", c)) for c in cells))
            col = line.find(first, col + 1)
    return " | ".join(found)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_long_note_and_need_read_whole(home, today, size):
    plan = _plan(today)
    plan.latest_meeting.current_phase = 0
    reg = open_register(home)
    reg.save(plan)
    app = make_app(reg, plan.id, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        assert NOTE.split()[-1] in _screen_words(app)
        assert " ".join(NOTE.replace(",", " ,").split()).replace(" ,", ",") in _joined_columns(app, NOTE)
        await pilot.press("n")
        await pilot.pause(0.3)
        assert NEED.replace(",", "") in _joined_columns(app, NEED).replace(",", "")
