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


@pytest.mark.parametrize("via_register", [False, True], ids=["sipmote-open", "register-m"])
async def test_a_draft_plan_is_in_use_once_its_first_meeting_is_held(home, demo, today, via_register):
    """The one rule (lifecycle.begin_meeting), whichever way the meeting was opened: a draft
    plan whose meeting only was looked at stays a draft; once the clock starts it is in use."""
    from test_tui_helpers import stored_plan

    from sipmote.model import PlanStatus
    from sipmote.tui.screens.meeting import MeetingScreen

    demo.status = PlanStatus.draft
    demo.meetings[0].status = MeetingStatus.planned
    with Register(home) as reg:
        reg.save(demo)
    for press, expected in (((), PlanStatus.draft), (("space",), PlanStatus.active)):
        reg = Register(home).open()
        app = SipmoteApp(register=reg, today=today, clock=lambda: 0.0,
                         **({} if via_register else {"plan_id": demo.id}))
        async with app.run_test(size=(100, 30)) as pilot:
            if via_register:
                await pilot.press("m")
            for _ in range(20):
                await pilot.pause(0.05)
                if isinstance(app.screen, MeetingScreen):
                    break
            assert isinstance(app.screen, MeetingScreen)
            await pilot.press(*press)
            await pilot.pause()
            app.save_now()
        reg.close()
        assert stored_plan(home, demo.id).status == expected, press
