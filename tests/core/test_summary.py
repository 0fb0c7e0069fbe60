"""The summary read back to the room: who does what, and what is missing before sign-off."""

from __future__ import annotations

import datetime as dt

from sipmote.model import Agreement, FollowUpBooking, Goal, Measure, OrgKind, OwnAction, Responsible
from sipmote.summary import missing_before_signoff, readback


def _fill(plan):
    m = plan.meetings[0]
    m.goals = [
        Goal(text="Elsa är i skolan tre hela dagar i veckan", measures=[
            Measure(what="Anpassat schema", responsible=Responsible(
                org_kind=OrgKind.school, organisation="Strandskolan", person="Omar Haddad")),
            Measure(what="Samtal om sömn", responsible=Responsible(
                org_kind=OrgKind.regional_health, organisation="BUP Exempelstad")),
            Measure(what="Morgonstöd hemma", responsible=Responsible(org_kind=OrgKind.social_services)),
            Measure(what="Läxhjälp"),
        ]),
        Goal(text="Elsa sover bättre", measures=[
            Measure(what="Veckosamtal med mentor", responsible=Responsible(organisation="Strandskolan")),
        ]),
    ]
    m.own_actions = [OwnAction(who="person", text="Går och lägger mig 22"),
                     OwnAction(who="family", text="Väcker Elsa 7.00")]
    return plan, m


def test_readback_groups_per_party_in_order_person_and_family_last(demo):
    plan, m = _fill(demo)
    parts = readback(plan, m)
    names = [p.party for p in parts]
    assert names == ["Strandskolan", "BUP Exempelstad", "Socialtjänst", "Ingen ansvarig angiven",
                     "Elsa", "Familjen"]
    by = {p.party: p for p in parts}
    assert by["Strandskolan"].items == ["Anpassat schema", "Veckosamtal med mentor"]
    assert by["Ingen ansvarig angiven"].unassigned and by["Ingen ansvarig angiven"].items == ["Läxhjälp"]
    assert not by["Strandskolan"].unassigned
    assert by["Elsa"].items == ["Går och lägger mig 22"]


def test_checklist_names_what_is_missing_and_empties_when_done(demo):
    plan, m = _fill(demo)
    texts = [x.text() for x in missing_before_signoff(plan, m)]
    assert "Insatsen ”Läxhjälp” saknar ansvarig" in texts
    assert "Ingen huvudansvarig är utsedd" in texts
    assert "Ingen uppföljning är bokad" in texts
    assert "Elsa Lindqvist har inte kommit till tals" in texts
    assert "Johan Lindqvist deltog på distans – anteckna om hen godkänner planen (muntligt, klockslag)" in texts
    # fill in everything the checklist asks for
    plan.long_term_goal = "Jag vill orka gå till skolan och träffa mina kompisar"
    m.goals[0].measures[3].responsible = Responsible(organisation="Strandskolan")
    plan.huvudansvarig = Responsible(organisation="Strandskolan", person="Anna Berg")
    m.follow_up = FollowUpBooking(date=dt.date(2026, 4, 20), place="Strandskolan")
    for p in m.participants:
        p.has_spoken = True
    m.person_agrees = True
    johan = next(p for p in m.participants if p.name == "Johan Lindqvist")  # took part remotely
    johan.agreement = Agreement(oral=True, at=dt.time(14, 20), noted_by="Karin Ek")
    assert missing_before_signoff(plan, m) == []
