"""Realistic fictitious plans for export tests and the benchmark.

Built from ``sipmote.demo.demo_plan`` plus goals, measures, own actions, a
follow-up booking and huvudansvarig - the state a plan is in at sign-off.
"""

from __future__ import annotations

import datetime as dt

from sipmote import personnummer as pnr
from sipmote.demo import demo_plan
from sipmote.formats import first_name
from sipmote.model import (
    Agreement,
    Attendance,
    Deviation,
    DeviationKind,
    FollowUpBooking,
    Goal,
    Measure,
    MeasureStatus,
    MeetingKind,
    MeetingStatus,
    OrgKind,
    OwnAction,
    Participant,
    Plan,
    Responsible,
)

PARTIES = [
    (OrgKind.school, "Strandskolan", "Omar Haddad", "Strandskolan"),
    (OrgKind.regional_health, "BUP Exempelstad", "Lars Holm", "BUP, Storgatan 3"),
    (OrgKind.social_services, "Socialtjänsten Exempelstad", "Sofia Nilsson", "Hemma hos familjen"),
    (OrgKind.school, "Strandskolan elevhälsa", "Karin Ek", "Kuratorns rum"),
]
FREQUENCIES = ["Varje skoldag", "En gång i veckan", "Varannan vecka", "En gång i månaden"]
GOALS = [
    "Elsa kommer till skolan minst fyra dagar i veckan",
    "Elsa sover minst åtta timmar de flesta skolnätter",
    "Elsa vet vem hon kan prata med när oron kommer",
    "Elsa är med på en fritidsaktivitet varje vecka",
    "Elsa klarar målen i svenska, engelska och matematik",
    "Elsa äter frukost innan hon går till skolan",
    "Elsa och mamma har en lugn morgon utan bråk",
    "Elsa vet vad hon ska göra på lektionerna när hon kommer tillbaka",
]
#: how Elsa says each goal (Goal.child_words)
GOALS_IN_HER_WORDS = [
    "Jag går till skolan minst fyra dagar i veckan.",
    "Jag sover minst åtta timmar när det är skola dagen efter.",
    "Jag vet vem jag kan prata med när jag blir orolig.",
    "Jag håller på med något roligt på fritiden varje vecka.",
    "Jag klarar svenska, engelska och matte.",
    "Jag äter frukost innan jag går till skolan.",
    "Mamma och jag har lugna morgnar.",
    "Jag vet vad jag ska göra på lektionerna.",
]


def signoff_plan(today: dt.date, *, measures: int = 5, goals: int | None = None) -> Plan:
    """The demo plan at sign-off, with ``measures`` measures spread over up to five goals
    (or exactly ``goals`` goals, at most eight)."""
    plan = demo_plan(today)
    m = plan.meetings[0]
    m.status = MeetingStatus.running
    plan.long_term_goal = "Jag vill gå i skolan hela dagar och må bra igen."
    n_goals = min(5, max(1, measures // 2)) if measures else 2
    if goals is not None:
        n_goals = max(1, min(len(GOALS), goals))
    goal_list = [Goal(text=GOALS[i]) for i in range(n_goals)]
    for i in range(measures):
        kind, org, person, place = PARTIES[i % len(PARTIES)]
        goal_list[i % n_goals].measures.append(Measure(
            what=f"Insats {i + 1}: stöd enligt plan för {GOALS[i % n_goals].split()[1]}",
            responsible=Responsible(org_kind=kind, organisation=org, person=person),
            start=today + dt.timedelta(days=i % 14),
            frequency=FREQUENCIES[i % len(FREQUENCIES)],
            place=place,
            until=today + dt.timedelta(days=90 + i % 30),
        ))
    m.goals = goal_list
    m.own_actions = [
        OwnAction(who="person", text="Jag lägger mobilen i köket klockan 22"),
        OwnAction(who="person", text="Jag säger till Omar när det känns svårt"),
        OwnAction(who="family", text="Vi äter frukost tillsammans på skoldagar"),
    ]
    m.third_party_measures = [Measure(
        what="Aktivitetsersättning utreds", third_party=True,
        responsible=Responsible(org_kind=OrgKind.forsakringskassan, organisation="Försäkringskassan",
                                person="Handläggare Per Ek"),
        start=today, frequency="En gång", place="Telefon",
    )]
    m.follow_up = FollowUpBooking(date=today + dt.timedelta(days=35), time=dt.time(13, 0),
                                  place="Strandskolan, konferensrummet")
    m.if_critical = "Ring Anna Berg på skolan, eller socialjouren efter kl. 17."
    m.person_agrees = True
    for part in m.participants:  # round the table is done at sign-off
        part.has_spoken = part.attendance.attended
    m.participants.append(Participant(name="Eva Strand", org_kind=OrgKind.municipal_health,
                                      organisation="Hemsjukvården", role="sjukskoterska",
                                      attendance=Attendance.absent_notice))
    m.participants.append(Participant(name="Nils Berg", org_kind=OrgKind.regional_health,
                                      organisation="Vårdcentralen Norr", role="lakare",
                                      attendance=Attendance.no_show))
    plan.huvudansvarig = Responsible(org_kind=OrgKind.school, organisation="Strandskolan", person="Anna Berg")
    plan.deviations.append(Deviation(kind=DeviationKind.party_absent, party="Vårdcentralen Norr",
                                     text="Kallad läkare kom inte och skickade ingen ersättare.",
                                     meeting_id=m.id, created=today))
    return plan


def in_her_words(plan: Plan) -> Plan:
    """The sign-off plan with Elsa's own words for every goal and measure, Lars's meeting role,
    and Johan's oral agreement (he took part remotely)."""
    m = plan.meetings[-1]
    for goal, words in zip(m.goals, GOALS_IN_HER_WORDS, strict=False):
        goal.child_words = words
    for i, ms in enumerate(x for g in m.goals for x in g.measures):
        first = first_name(ms.responsible.person) or "De vuxna"
        ms.child_words = f"{first} hjälper mig med {['skoldagen', 'sömnen', 'oron', 'morgnarna'][i % 4]}."
    for ms in m.third_party_measures:
        ms.child_words = "Försäkringskassan tar reda på om jag kan få pengar för att jag går i skolan."
    lars = next(p for p in m.participants if p.name == "Lars Holm")
    lars.meeting_role = "informerar om BUP:s bedömning av sömn och oro"
    johan = next(p for p in m.participants if p.name == "Johan Lindqvist")
    johan.agreement = Agreement(agrees=True, oral=True, at=dt.time(14, 22), noted_by="Karin Ek")
    parents = plan.consents[0]
    parents.phone = "070-000 00 02"
    parents.given_by_personnummer = pnr.make_test_number(dt.date(1984, 5, 2), serial="044")
    return plan


def follow_up_plan(today: dt.date) -> Plan:
    """The sign-off plan, held, with a follow-up meeting where each measure got a status."""
    plan = signoff_plan(today, measures=4)
    first = plan.meetings[0]
    first.status = MeetingStatus.held
    later = today + dt.timedelta(days=35)
    second = first.model_copy(deep=True, update={
        "id": "followup0001", "kind": MeetingKind.follow_up, "status": MeetingStatus.running,
        "date": later, "previous_meeting_id": first.id,
    })
    statuses = [MeasureStatus.done, MeasureStatus.ongoing, MeasureStatus.not_done, MeasureStatus.ongoing]
    for i, ms in enumerate(x for g in second.goals for x in g.measures):
        ms.status = statuses[i % len(statuses)]
        ms.effect = f"Effekt {i + 1}: närvaron ökade" if ms.status != MeasureStatus.not_done else ""
    plan.meetings.append(second)
    return plan


HOSTILE = "<b>&amp;</b> [bold red]x[/] \x00NUL\x07bell\x1b[31m\ud800 ÅÄÖ åäö 😀 \u202eevil\u202c ' \" } {namn}"


def hostile_plan(today: dt.date) -> Plan:
    """Every free-text field carries text XML cannot hold next to text that must survive."""
    plan = signoff_plan(today, measures=3)
    m = plan.meetings[0]
    plan.person.name = "Elsa <Lindqvist> & 😀\x0b Åsa"
    plan.person.address = HOSTILE
    plan.long_term_goal = HOSTILE + "\r\nandra raden"
    plan.questions[0].text = HOSTILE
    m.situation = HOSTILE * 50
    m.goals[0].text = "Mål " + HOSTILE
    m.goals[0].measures[0].what = "Insats " + HOSTILE
    m.goals[0].measures[0].responsible.person = "Ansvarig " + HOSTILE
    m.goals[0].measures[0].frequency = "\x0c" * 3
    m.own_actions[0].text = HOSTILE
    m.participants[3].name = "Anna <Berg> & Co 😀\x01"
    m.follow_up.place = "Rum <3> & 😀\x1f"
    plan.huvudansvarig.person = HOSTILE
    plan.deviations[0].text = HOSTILE
    return plan
