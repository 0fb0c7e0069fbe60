"""The domain model: validation users hit, and the lossless JSON format."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from sipmote.errors import describe
from sipmote.model import (
    Attendance,
    ConsentRecord,
    Evaluation,
    Goal,
    Measure,
    MeetingKind,
    OrgKind,
    Participant,
    Person,
    Plan,
    Responsible,
)


def test_kva_codes_follow_meeting_kind():
    assert MeetingKind.new.kva == "AUI24"
    assert MeetingKind.new_after_discharge.kva == "AUI25"
    assert MeetingKind.follow_up.kva == "AW010"


def test_person_requires_a_name():
    with pytest.raises(ValidationError) as err:
        Person(name="   ")
    assert describe(err.value) == ["Namn: Namn måste anges."]


def test_personnummer_is_optional_and_normalised(demo):
    assert Person(name="X").personnummer is None
    assert Person(name="X", personnummer="").personnummer is None
    assert demo.person.personnummer.count("-") == 1 and len(demo.person.personnummer) == 13


def test_assignment_is_validated_too(demo):
    with pytest.raises(ValidationError):
        demo.person.personnummer = "19811218-9875"
    assert demo.person.personnummer != "19811218-9875"


def test_bad_dates_get_swedish_messages_with_location():
    data = {"person": {"name": "A"}, "meetings": [{"date": "2024-02-30", "time": "25:00"}]}
    with pytest.raises(ValidationError) as err:
        Plan.model_validate(data)
    lines = describe(err.value)
    assert "Möte → #1 → Datum: ”2024-02-30” är inget giltigt datum (skriv ÅÅÅÅ-MM-DD)" in lines
    assert any(line.startswith("Möte → #1 → Tid:") and "TT:MM" in line for line in lines)


def test_missing_person_is_reported():
    with pytest.raises(ValidationError) as err:
        Plan.model_validate({})
    assert describe(err.value) == ["Planen tillhör: måste anges"]


def test_unknown_fields_are_refused_not_dropped():
    with pytest.raises(ValidationError) as err:
        Plan.model_validate({"person": {"name": "A"}, "favourite_colour": "blue"})
    assert "okänt fält" in describe(err.value)[0]


def test_consent_period_and_coverage():
    with pytest.raises(ValidationError) as err:
        ConsentRecord(given_by="M", valid_from=dt.date(2026, 5, 1), valid_to=dt.date(2026, 4, 1))
    assert "slutdatum" in describe(err.value)[0]
    c = ConsentRecord(given_by="M", valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 12, 31))
    assert c.covers(dt.date(2026, 6, 1)) and not c.covers(dt.date(2027, 1, 1))
    c.withdrawn_on = dt.date(2026, 3, 1)
    assert c.covers(dt.date(2026, 2, 28)) and not c.covers(dt.date(2026, 3, 1))


def test_measure_until_before_start_refused():
    with pytest.raises(ValidationError):
        Measure(what="Läxhjälp", start=dt.date(2026, 3, 1), until=dt.date(2026, 2, 1))


def test_evaluation_answers_are_one_to_five():
    assert Evaluation(answers=[5, 4, None, 1, 3]).answers[2] is None
    with pytest.raises(ValidationError):
        Evaluation(answers=[6, 4, 4, 4, 4])
    with pytest.raises(ValidationError):
        Evaluation(answers=[4, 4])


def test_participant_huvudman_defaults_from_organisation():
    assert Participant(name="L", org_kind=OrgKind.regional_health).huvudman.value == "region"
    assert Participant(name="S", org_kind=OrgKind.school).huvudman.value == "kommun"
    assert Participant(name="M", org_kind=OrgKind.family).huvudman.value == "narstaende"


def test_speaking_order_puts_the_person_first_and_skips_absent(demo):
    m = demo.meetings[0]
    m.participants.reverse()
    m.participants[0].attendance = Attendance.no_show
    order = m.speaking_order()
    assert order[0].is_person
    assert all(p.attendance.attended for p in order)


def test_newer_schema_version_is_refused_clearly(demo):
    data = json.loads(demo.model_dump_json())
    data["schema_version"] = 99
    with pytest.raises(ValidationError) as err:
        Plan.model_validate(data)
    assert "nyare version" in describe(err.value)[0]


def test_json_round_trip_is_lossless(demo):
    m = demo.meetings[0]
    m.goals.append(Goal(text="Elsa är i skolan tre hela dagar i veckan", measures=[
        Measure(what="Anpassat schema", responsible=Responsible(org_kind=OrgKind.school,
                organisation="Strandskolan", person="Omar Haddad"),
                start=dt.date(2026, 3, 9), frequency="dagligen", place="Skolan",
                until=dt.date(2026, 6, 12)),
    ]))
    m.evaluations.append(Evaluation(org_kind=OrgKind.school, answers=[5, 4, 4, 3, None]))
    text = demo.model_dump_json()
    again = Plan.model_validate_json(text)
    assert again == demo
    assert again.model_dump_json() == text


def test_derived_facts_live_on_the_model():
    """Facts other layers read (statistics, documents, gates) are model properties, not re-spelled."""
    import datetime as dt

    from sipmote.model import Attendance, ConsentRecord, FollowUpBooking, OrgKind, Participant, Responsible

    assert [a for a in Attendance if a.attended] == [Attendance.present, Attendance.remote]
    assert not Responsible().is_set and Responsible(org_kind=OrgKind.school).is_set
    assert Responsible(person=" Anna ").is_set and not Responsible(person="  ").is_set
    assert FollowUpBooking(date=dt.date(2026, 4, 1)).is_set and not FollowUpBooking(place="Rum 3").is_set
    child = Participant(name="Elsa", org_kind=OrgKind.school, is_person=True)
    assert child.party_kind == OrgKind.person
    assert Participant(name="Anna", org_kind=OrgKind.school).party_kind == OrgKind.school
    c = ConsentRecord(given_by=" Maria  Lindqvist", valid_from=dt.date(2026, 1, 1))
    assert not c.withdrawn and c.consenter == "maria lindqvist"
    c.withdrawn_on = dt.date(2026, 2, 1)
    assert c.withdrawn
