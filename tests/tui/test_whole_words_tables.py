"""A responsible's words whole in the meeting's tables at 80x24 and 100x30 (final audit: the
Ansvarig column broke 'familjebehandlingen' as 'familjebehandl / ingen' in Planera and as
'familjebehandling / en' in the follow-up's review and Insatserna): a wrapped column keeps room
for its longest word."""

from __future__ import annotations

import pytest
from test_tui_helpers import FakeClock, make_app, open_register
from test_tui_snapshots import held_and_followed_up, prepared

from sipmote.model import OrgKind, Responsible

SIZES = pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
UNIT = "Socialtjänsten, familjebehandlingen"


def _screen(app) -> str:
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def _with_long_responsible(plan):
    for m in plan.latest_meeting.all_measures():
        m.responsible = Responsible(org_kind=OrgKind.social_services, organisation=UNIT)
    return plan


async def _check(home, plan, presses, size):
    reg = open_register(home)
    reg.save(plan)
    app = make_app(reg, plan.id, FakeClock())
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for key in presses:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause()
            screen = _screen(app)
            assert "familjebehandlingen" in screen, screen
    finally:
        reg.close()


@SIZES
async def test_planera_keeps_the_responsibles_words_whole(home, demo, size):
    await _check(home, _with_long_responsible(prepared(demo)), ["n", "n"], size)


@SIZES
async def test_the_follow_up_review_keeps_the_responsibles_words_whole(home, demo, size):
    plan = _with_long_responsible(prepared(demo))
    plan.latest_meeting.agenda_id = "uppfoljning"
    plan.latest_meeting.phases = []
    await _check(home, plan, ["n", "enter"], size)


@SIZES
async def test_the_follow_up_insatserna_keeps_the_responsibles_words_whole(home, demo, size):
    plan = held_and_followed_up(demo)
    _with_long_responsible(plan)
    await _check(home, plan, ["a", "n", "n"], size)
