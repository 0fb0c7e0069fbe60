"""A realistic, entirely fictitious demo plan: a pupil with school absence;
school, social services and BUP around the table; both guardians.

The personnummer is built with a valid check digit but is fictitious. The
meeting is dated ``today`` (injectable for deterministic tests)."""

from __future__ import annotations

import datetime as dt

from sipmote import clock
from sipmote import personnummer as pnr
from sipmote.model import (
    Attendance,
    ConsentForm,
    ConsentRecord,
    ConvenedBy,
    GoalCategory,
    Guardian,
    Meeting,
    MeetingKind,
    MeetingMode,
    NeedNoticedBy,
    NoticedBy,
    OrgKind,
    Participant,
    Person,
    Plan,
    PlanStatus,
    Question,
    ReplyContact,
    Responsible,
)

DEMO_PLAN_ID = "demo00000001"


def demo_plan(today: dt.date | None = None) -> Plan:
    today = today or clock.calendar()
    born = dt.date(today.year - 14, 3, 14)
    person = Person(
        name="Elsa Lindqvist",
        personnummer=pnr.make_test_number(born, serial="982"),
        address="Björkvägen 12, 123 45 Exempelstad",
        phone="070-000 00 01",
    )
    mother = Guardian(name="Maria Lindqvist", relation="mother", phone="070-000 00 02")
    father = Guardian(name="Johan Lindqvist", relation="father", phone="070-000 00 03")
    questions = [
        Question(text="Hur kan Elsa komma tillbaka till skolan och vara där hela dagar?"),
        Question(text="Vilket stöd behöver Elsa för sin oro och sömn?"),
        Question(text="Hur kan familjen få stöd i vardagen, särskilt på morgnarna?"),
    ]
    consent = ConsentRecord(
        given_by="Maria Lindqvist och Johan Lindqvist",
        relation="Vårdnadshavare",
        form=ConsentForm.written,
        valid_from=today - dt.timedelta(days=21),
        valid_to=today + dt.timedelta(days=365),
        parties=["Strandskolan", "Socialtjänsten Exempelstad", "BUP Exempelstad"],
        documented_by="Anna Berg",
    )
    elsa_consent = ConsentRecord(
        given_by="Elsa Lindqvist",
        relation="Den enskilde (hörd utifrån ålder och mognad)",
        form=ConsentForm.oral,
        valid_from=today - dt.timedelta(days=21),
        valid_to=today + dt.timedelta(days=365),
        parties=["Strandskolan", "Socialtjänsten Exempelstad", "BUP Exempelstad"],
        documented_by="Anna Berg",
    )
    P = Participant
    participants = [
        P(name="Elsa Lindqvist", org_kind=OrgKind.person, role="person", is_person=True,
          attendance=Attendance.present),
        P(name="Maria Lindqvist", org_kind=OrgKind.family, role="mother", attendance=Attendance.present),
        P(name="Johan Lindqvist", org_kind=OrgKind.family, role="father", attendance=Attendance.remote),
        P(name="Anna Berg", org_kind=OrgKind.school, organisation="Strandskolan", role="bitr_rektor",
          attendance=Attendance.present),
        P(name="Omar Haddad", org_kind=OrgKind.school, organisation="Strandskolan", role="mentor",
          attendance=Attendance.present),
        P(name="Karin Ek", org_kind=OrgKind.school, organisation="Strandskolan", role="skolkurator",
          attendance=Attendance.present),
        P(name="Sofia Nilsson", org_kind=OrgKind.social_services,
          organisation="Socialtjänsten Exempelstad", role="socialsekreterare",
          attendance=Attendance.present),
        P(name="Lars Holm", org_kind=OrgKind.regional_health, organisation="BUP Exempelstad",
          role="psykolog", attendance=Attendance.present),
    ]
    meeting = Meeting(
        kind=MeetingKind.new,
        date=today,
        time=dt.time(13, 0),
        end_time=dt.time(14, 30),
        place="Strandskolan, konferensrummet",
        mode=MeetingMode.mixed,
        video_link="https://video.exempelstad.se/m/4417-2208",  # a fictional address, as every name here
        leader="Anna Berg",
        secretary="Karin Ek",
        convened_by=ConvenedBy(org_kind=OrgKind.school, organisation="Strandskolan", role="bitr_rektor"),
        invitation_sent=today - dt.timedelta(days=20),
        # the kallelse is complete: whom to answer, by the default day (a week before)
        reply_to=ReplyContact(name="Anna Berg", organisation="Strandskolan", phone="08-123 45 67",
                              email="anna.berg@exempelstad.se"),
        agenda_id="sip-20-20-20",
        participants=participants,
        situation="Elsa har haft hög frånvaro sedan höstlovet, ungefär 60 %. Hon sover dåligt och "
        "känner oro på morgnarna. Hon trivs med sin mentor och med bild och musik.",
    )
    return Plan(
        id=DEMO_PLAN_ID,
        status=PlanStatus.active,
        person=person,
        guardians=[mother, father],
        noticed_by=NeedNoticedBy(kinds=[NoticedBy.school, NoticedBy.relative]),
        goal_category=GoalCategory.school_absence,
        long_term_goal="",
        questions=questions,
        consents=[consent, elsa_consent],
        huvudansvarig=Responsible(),
        meetings=[meeting],
    )
