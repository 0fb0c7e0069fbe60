"""`sipmote open PLAN` never edits what the lifecycle forbids: a closed plan, a plan
whose consent is withdrawn, or a meeting already held (history stays unchanged)."""

from __future__ import annotations

import datetime as dt

import pytest

from sipmote import lifecycle
from sipmote.model import MeetingStatus
from sipmote.store import Register
from sipmote.tui.app import SipmoteApp


async def _open(home, plan_id, today):
    reg = Register(home).open()
    app = SipmoteApp(register=reg, plan_id=plan_id, today=today, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = type(app.screen).__name__
        notes = [n.message for n in app._notifications]
    reg.close()
    return screen, notes


@pytest.mark.parametrize("case", ["closed", "withdrawn", "held"])
async def test_refused_plans_open_on_the_register_with_the_reason(home, demo, today, case):
    if case == "closed":
        lifecycle.close_plan(demo, lifecycle.CloseReason.goals_met, today, informed=["Familjen"],
                             where_to_turn="Elevhälsan")
        expected = "avslutad"
    elif case == "withdrawn":
        for c in demo.consents:
            c.withdrawn_on = today - dt.timedelta(days=1)
        expected = "återkallat"
    else:
        demo.meetings[0].status = MeetingStatus.held
        expected = "genomfört"
    with Register(home) as reg:
        reg.save(demo)
        before = reg.load(demo.id)
    screen, notes = await _open(home, demo.id, today)
    assert screen == "RegisterScreen"
    assert any(expected in n for n in notes), notes
    with Register(home) as reg:
        after = reg.load(demo.id)
    assert after.meetings == before.meetings


async def test_an_open_plan_opens_the_meeting(home, demo, today):
    with Register(home) as reg:
        reg.save(demo)
    screen, _ = await _open(home, demo.id, today)
    assert screen == "MeetingScreen"
