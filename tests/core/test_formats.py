"""One formatter per displayed value: the follow-up, dates, times and the first
name read the same on screen, in ``sipmote show`` and in the documents."""

from __future__ import annotations

import datetime as dt

import pytest

from sipmote import cli, formats, lifecycle
from sipmote.export import common
from sipmote.model import FollowUpBooking, Meeting, OwnAction
from sipmote.store import Register
from sipmote.summary import readback
from sipmote.textview import plan_text


@pytest.mark.parametrize(("booking", "text"), [
    (FollowUpBooking(date=dt.date(2026, 4, 20), time=dt.time(14, 30), place="Strandskolan, rum 3"),
     "2026-04-20 14:30 Strandskolan, rum 3"),
    (FollowUpBooking(date=dt.date(2026, 4, 20), time=dt.time(9, 5)), "2026-04-20 09:05"),
    (FollowUpBooking(date=dt.date(2026, 4, 20), place=" Rum 3 "), "2026-04-20 Rum 3"),
    (FollowUpBooking(), ""),
])
def test_follow_up_text(booking, text):
    assert formats.follow_up_text(booking) == text
    assert formats.follow_up_text(FollowUpBooking(), "–") == "–"


def test_dates_and_times():
    assert formats.date_text(dt.date(2026, 3, 9)) == "2026-03-09"
    assert formats.date_text(None, "—") == "—"
    assert formats.time_text(dt.time(14, 30, 59)) == "14:30"  # never seconds
    assert formats.when_text(dt.date(2026, 3, 9), None) == "2026-03-09"
    assert formats.when_text(None, dt.time(8, 0)) == "08:00"
    assert formats.when_text(None, None, "—") == "—"
    # the documents use the same ones
    assert common.fmt_date is formats.date_text and common.fmt_time is formats.time_text


@pytest.mark.parametrize(("name", "first"), [
    ("Elsa Lindqvist", "Elsa"), ("  Anna-Karin  Berg ", "Anna-Karin"), ("Elsa", "Elsa"), ("", ""), ("   ", "")])
def test_first_name(name, first):
    assert formats.first_name(name) == first


def test_show_prints_the_follow_up_like_the_screens(demo, home, capsys):
    """``sipmote show`` printed ``2026-04-20 14:30:00`` where every screen shows ``14:30``."""
    meeting = demo.meetings[-1]
    meeting.follow_up = FollowUpBooking(date=dt.date(2026, 4, 20), time=dt.time(14, 30), place="Rum 3")
    meeting.time = dt.time(13, 0)
    with Register(home) as reg:
        reg.save(demo)
    assert cli.main(["--home", str(home), "show", demo.id]) == 0
    out = capsys.readouterr().out
    assert "→ 2026-04-20 14:30 Rum 3" in out
    assert "14:30:00" not in out and "13:00:00" not in out
    assert plan_text(demo).count(formats.follow_up_text(meeting.follow_up)) == 1


def test_show_keeps_a_hostile_place_visible(demo):
    demo.meetings[-1].follow_up = FollowUpBooking(date=dt.date(2026, 4, 20), place="Rum\x1b[31m 3\n")
    text = plan_text(demo)
    assert "\x1b" not in text and "Rum<U+001B>[31m 3" in text


def test_the_person_is_named_by_first_name_in_the_readback(demo):
    meeting = Meeting(own_actions=[OwnAction(who="person", text="Packar väskan kvällen före")])
    parties = [p.party for p in readback(demo, meeting)]
    assert parties == [formats.first_name(demo.person.name)] == ["Elsa"]


def test_the_preparation_form_shows_the_time_as_typed_back(demo):
    plan = lifecycle.create_plan("Elsa", plan_id="p1")
    plan.meetings.append(Meeting(date=dt.date(2026, 3, 16), time=dt.time(9, 5)))
    prep = lifecycle.Preparation.of(plan)
    assert (prep.date, prep.time) == ("2026-03-16", "09:05")


def test_a_period_in_a_narrow_column():
    assert formats.short_period_text(dt.date(2026, 3, 9), dt.date(2026, 6, 12)) == "9/3→12/6"
    assert formats.short_period_text(dt.date(2026, 3, 9), None) == "9/3→…"
    assert formats.short_period_text(None, None) == ""


def test_a_date_the_index_keeps_as_text_is_shown_like_every_date():
    assert formats.stored_date_text("2026-03-09") == formats.date_text(dt.date(2026, 3, 9))
    assert formats.stored_date_text(None, "—") == "—"
    assert formats.stored_date_text("ingen", "—") == "ingen"
