"""The one open-gate: may the meeting screen open on a plan? The same answer for the
register's ``m``, ``sipmote open PLAN`` and the demo; a withdrawn consent of the person
or of any guardian stops new meetings until consent is given again."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from sipmote import lifecycle as life
from sipmote.model import CloseReason, ConsentRecord, MeetingStatus, Plan


@pytest.fixture
def plan(demo) -> Plan:
    return demo  # a planned first meeting, consent from the guardians and from Elsa


def test_a_planned_meeting_may_open(plan):
    gate = life.meeting_gate(plan, TODAY)
    assert gate.ok and gate.meeting is plan.meetings[-1] and gate.reason == ""


def test_a_running_meeting_may_open_again(plan):
    plan.meetings[-1].status = MeetingStatus.running
    assert life.meeting_gate(plan, TODAY).meeting is plan.meetings[-1]


def test_a_closed_plan_is_refused(plan):
    life.close_plan(plan, CloseReason.goals_met, TODAY, "Familjen", "Elevhälsan")
    gate = life.meeting_gate(plan, TODAY)
    assert not gate.ok and "avslutad" in gate.reason and gate.meeting is None


def test_a_held_meeting_is_history_the_next_step_is_a_follow_up(plan):
    plan.meetings[-1].status = MeetingStatus.held
    gate = life.meeting_gate(plan, TODAY)
    assert not gate.ok and gate.next_step == "follow_up" and "genomfört" in gate.reason
    meeting = life.start_follow_up(plan, TODAY)
    assert life.meeting_gate(plan, TODAY).meeting is meeting


def test_a_plan_without_a_meeting_is_prepared_first(plan):
    plan.meetings.clear()
    gate = life.meeting_gate(plan, TODAY)
    assert not gate.ok and gate.next_step == "prepare" and "förbered" in gate.reason


def test_a_missing_or_expired_consent_only_warns(plan):
    plan.meetings[-1].date = TODAY + dt.timedelta(days=400)
    gate = life.meeting_gate(plan, TODAY)
    assert gate.ok and any("Inget giltigt samtycke" in w for w in gate.warnings)
    plan.consents.clear()
    assert life.meeting_gate(plan, TODAY).ok


@pytest.mark.parametrize("which", [0, 1], ids=["the guardians", "the person"])
def test_any_withdrawn_consent_stops_meetings_and_offers_closing(plan, which):
    who = plan.consents[which].given_by
    life.withdraw_consent(plan, plan.consents[which].id, TODAY)
    gate = life.meeting_gate(plan, TODAY)
    assert not gate.ok and gate.offer_close and gate.next_step == "close"
    assert "återkallat" in gate.reason and who in gate.reason
    with pytest.raises(life.LifecycleError, match="återkallat"):
        plan.meetings[-1].status = MeetingStatus.held
        life.start_follow_up(plan, TODAY)
    check = life.check_preparation(life.Preparation.of(plan), TODAY)
    assert any(who in w for w in check.warnings)


def test_consent_given_again_after_a_withdrawal_lifts_the_stop(plan):
    old = plan.consents[0]
    life.withdraw_consent(plan, old.id, TODAY - dt.timedelta(days=5))
    assert not life.meeting_gate(plan, TODAY).ok
    plan.consents.append(life.make_consent(old.given_by.upper(), "2026-03-01", "2026-12-31", today=TODAY))
    assert life.meeting_gate(plan, TODAY).ok
    # withdrawn again: the latest word counts
    life.withdraw_consent(plan, plan.consents[-1].id, TODAY)
    assert not life.meeting_gate(plan, TODAY).ok


def test_a_newer_consent_by_someone_else_does_not_lift_a_withdrawal(plan):
    life.withdraw_consent(plan, plan.consents[0].id, TODAY)
    plan.consents.append(ConsentRecord(given_by="Mormor Karin", valid_from=TODAY))
    assert not life.meeting_gate(plan, TODAY).ok


def test_a_consent_is_withdrawn_once(plan):
    """Ctrl+O offered to withdraw a withdrawn consent again (issue 12, item 15); the date stays."""
    c = plan.consents[0]
    life.withdraw_consent(plan, c.id, TODAY - dt.timedelta(days=3))
    with pytest.raises(life.LifecycleError, match=r"återkallade samtycket 2026-02-27 – det är redan registrerat"):
        life.withdraw_consent(plan, c.id, TODAY)
    assert c.withdrawn_on == TODAY - dt.timedelta(days=3)
    with pytest.raises(life.LifecycleError, match=c.given_by):
        life.ensure_withdrawable(c)
    life.ensure_withdrawable(plan.consents[1])
