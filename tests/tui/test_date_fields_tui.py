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


# preparation field -> (the table, the meeting's attribute, a field emptied first so that no
# rule between two fields - an end before the start, a reply day after the meeting - interferes)
PREPARATION = {"date": (DATES, "date", "reply_by"), "time": (TIMES, "time", "end_time"),
               "end_time": (TIMES, "end_time", "time"), "sent": (DATES, "invitation_sent", ""),
               "reply_by": (DATES, "reply_by", "date")}


@pytest.mark.parametrize("field", list(PREPARATION))
async def test_the_preparation_fields_take_the_table(reg, field):  # noqa: F811 - reg is a fixture
    rows, attribute, other = PREPARATION[field]
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.open_section("meeting")  # built when opened
        if other:
            screen.query_one(f"#{other}", Input).value = ""
        for text, expected in rows:
            screen.query_one(f"#{field}", Input).value = text
            await pilot.press("ctrl+s")
            await pilot.pause()
            problems = str(screen.query_one("#problems", Static).render())
            stored = getattr(app.session(PID).plan.latest_meeting, attribute)
            if expected is REFUSED:
                assert f"”{text.strip()}”" in problems and "Ogiltig" in problems, (text, problems)
            else:
                assert "Ogiltig" not in problems, (text, problems)
                # read as the table says: saved, or named in ISO form by a later check
                # (a meeting day in the past is refused by the consent check, not the parser)
                shown = expected.strftime("%H:%M") if rows is TIMES else expected.isoformat()  # type: ignore[union-attr]
                assert stored == expected or shown in problems, (text, stored, problems)


@pytest.mark.parametrize("field", ["c_from", "c_to"])
async def test_the_consent_dates_take_the_table(reg, field):  # noqa: F811 - reg is a fixture
    """A consent's from and to, read when the consent is added (Enter in its row)."""
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.open_section("consent")
        for text, expected in DATES:
            before = len(screen.consents)
            screen.form.set("c_who", "Maria Lindqvist")
            screen.form.set("c_from", text if field == "c_from" else "2024-01-01")
            screen.form.set("c_to", text if field == "c_to" else "")
            screen.add_consent()
            await pilot.pause()
            problems = str(screen.query_one("#problems", Static).render())
            if expected is REFUSED:
                assert len(screen.consents) == before and f"”{text.strip()}”" in problems, (text, problems)
            else:
                added = screen.consents[-1]
                assert len(screen.consents) == before + 1, (text, problems)
                assert (added.valid_from if field == "c_from" else added.valid_to) == expected, text


async def test_the_statistics_screen_period_takes_the_table(reg):  # noqa: F811 - reg is a fixture
    """The statistics screen's from and to (F5 counts; sipmote stats --from/--to read the same)."""
    from sipmote.tui.screens.stats import StatsScreen

    app = Host(reg, lambda: StatsScreen())
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        for which in ("stats-from", "stats-to"):
            other = "stats-to" if which == "stats-from" else "stats-from"
            screen.query_one(f"#{other}", Input).value = ""
            for text, expected in DATES:
                screen.query_one(f"#{which}", Input).value = text
                await pilot.press("f5")
                await app.workers.wait_for_complete()
                await pilot.pause()
                message = screen.query_one("#stats-message", Static)
                shown = str(message.render())
                if expected is REFUSED:
                    assert message.has_class("error") and text.strip() in shown, (which, text, shown)
                else:
                    assert not message.has_class("error"), (which, text, shown)
