"""Every date and time field on screen accepts and refuses the inputs of the one table
(tests/core/date_inputs.py), typed into the field itself (issue 11).

Two kinds of field exist in the app: the dialog kit's date/time fields (the insats form's start
and end, the follow-up booking, closing a plan …) and the preparation screen's fields (meeting
date, time, end time, reply day; consent from/to), which the lifecycle reads on Ctrl+S. A refused
input keeps the dialog open (or the preparation unsaved) with a message naming what was typed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import Host
from textual.widgets import Input, Static

from sipmote.tui.dialogs import Field, FormDialog
from sipmote.tui.screens.prepare import PrepareScreen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from date_inputs import DATES, REFUSED, TIMES
from test_prepare_screen import PID, reg  # noqa: F401 - the fixture with the prepared plan


async def _kit_result(app: Host, pilot, kind: str, text: str) -> object:
    dialog = FormDialog("Prov", [Field("v", "Värde", kind)])
    got: list[object] = []
    app.push_screen(dialog, got.append)
    await pilot.pause()
    field = dialog.query_one(Input)
    field.value = text
    await pilot.press("ctrl+s")
    await pilot.pause()
    if got:
        result = got[0]
        assert isinstance(result, dict)
        return result["v"]
    error = str(dialog.query_one("#form-error", Static).render())
    assert text.strip() in error, error  # the message names what was typed
    await pilot.press("escape")
    await pilot.pause()
    return REFUSED


async def test_the_kit_date_and_time_fields_take_the_table():
    app = Host(None, lambda: FormDialog("Prov", [Field("d", "Datum", "date")]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # the first dialog
        await pilot.pause()
        for text, expected in DATES:
            assert await _kit_result(app, pilot, "date", text) == expected, text
        for text, expected in TIMES:
            assert await _kit_result(app, pilot, "time", text) == expected, text


@pytest.mark.parametrize(("field", "rows"), [("date", DATES), ("time", TIMES)])
async def test_the_preparation_fields_take_the_table(reg, field, rows):  # noqa: F811 - reg is a fixture
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.open_section("meeting")  # built when opened
        for text, expected in rows:
            screen.query_one(f"#{field}", Input).value = text
            await pilot.press("ctrl+s")
            await pilot.pause()
            problems = str(screen.query_one("#problems", Static).render())
            meeting = app.session(PID).plan.latest_meeting
            stored = meeting.date if field == "date" else meeting.time
            if expected is REFUSED:
                assert f"”{text.strip()}”" in problems and "Ogiltig" in problems, (text, problems)
            else:
                assert "Ogiltig" not in problems, (text, problems)
                # read as the table says: saved, or named in ISO form by a later check
                # (a meeting day in the past is refused by the consent check, not the parser)
                shown = expected.strftime("%H:%M") if field == "time" else expected.isoformat()  # type: ignore[union-attr]
                assert stored == expected or shown in problems, (text, stored, problems)
