"""The closed lists of the model: statuses, kinds, parties, roles."""

from __future__ import annotations

from enum import StrEnum


class PlanStatus(StrEnum):
    draft = "draft"
    active = "active"
    closed = "closed"


class CloseReason(StrEnum):
    goals_met = "goals_met"
    no_longer_needed = "no_longer_needed"
    consent_withdrawn = "consent_withdrawn"


class NoticedBy(StrEnum):
    school = "school"
    social_services = "social_services"
    regional_health = "regional_health"
    municipal_health = "municipal_health"
    person = "person"
    relative = "relative"
    other = "other"


class GoalCategory(StrEnum):
    """Main goal categories, from the regional count (seed 000), plus other."""

    school_absence = "school_absence"
    safe_home = "safe_home"
    safe_schooling = "safe_schooling"
    mental_health = "mental_health"
    school_goals = "school_goals"
    school_transition = "school_transition"
    assessment_medication = "assessment_medication"
    language_growth = "language_growth"
    checkin = "checkin"
    behaviour = "behaviour"
    other = "other"


class OrgKind(StrEnum):
    """The party a participant or a responsible comes from."""

    school = "school"
    social_services = "social_services"
    regional_health = "regional_health"
    municipal_health = "municipal_health"
    forsakringskassan = "forsakringskassan"
    arbetsformedlingen = "arbetsformedlingen"
    kriminalvarden = "kriminalvarden"
    person = "person"
    family = "family"
    other = "other"


class Huvudman(StrEnum):
    kommun = "kommun"
    region = "region"
    annan = "annan"
    person = "person"
    narstaende = "narstaende"


HUVUDMAN_OF_ORG: dict[OrgKind, Huvudman] = {
    OrgKind.school: Huvudman.kommun,
    OrgKind.social_services: Huvudman.kommun,
    OrgKind.municipal_health: Huvudman.kommun,
    OrgKind.regional_health: Huvudman.region,
    OrgKind.forsakringskassan: Huvudman.annan,
    OrgKind.arbetsformedlingen: Huvudman.annan,
    OrgKind.kriminalvarden: Huvudman.annan,
    OrgKind.person: Huvudman.person,
    OrgKind.family: Huvudman.narstaende,
    OrgKind.other: Huvudman.annan,
}


#: Roles/professions per organisation, from the regional count (seed 000).
#: Keys of the i18n catalogue ``role.<key>``; free text is always allowed too.
ROLES: dict[OrgKind, tuple[str, ...]] = {
    OrgKind.school: (
        "rektor", "bitr_rektor", "mentor", "specialpedagog", "skolkurator", "skolskoterska",
        "skolpsykolog", "resursperson", "fritidslarare", "forskoleteam", "syv", "elevhalsa",
    ),
    OrgKind.social_services: (
        "socialsekreterare", "familjebehandlare", "enhetschef", "lss_handlaggare", "ungdomsgrupp",
        "kontaktperson", "familjehemssekreterare",
    ),
    OrgKind.regional_health: (
        "sjukskoterska", "kurator", "psykolog", "lakare", "arbetsterapeut", "logoped",
        "specialpedagog", "bvc_skoterska",
    ),
    OrgKind.municipal_health: ("sjukskoterska", "arbetsterapeut", "fysioterapeut"),
    OrgKind.person: ("person",),
    OrgKind.family: ("mother", "father", "guardian", "forvaltare", "family_home", "relative"),
}


class Attendance(StrEnum):
    invited = "invited"
    present = "present"
    remote = "remote"
    absent_notice = "absent_notice"
    no_show = "no_show"

    @property
    def attended(self) -> bool:
        return self in (Attendance.present, Attendance.remote)


class MeetingKind(StrEnum):
    new = "new"
    new_after_discharge = "new_after_discharge"
    follow_up = "follow_up"

    @property
    def kva(self) -> str:
        return {"new": "AUI24", "new_after_discharge": "AUI25", "follow_up": "AW010"}[self.value]


class MeetingMode(StrEnum):
    in_person = "in_person"
    video = "video"
    phone = "phone"
    mixed = "mixed"


class MeetingStatus(StrEnum):
    planned = "planned"
    running = "running"
    held = "held"
    cancelled = "cancelled"


class MeasureStatus(StrEnum):
    done = "done"
    ongoing = "ongoing"
    not_done = "not_done"


class GoalStatus(StrEnum):
    active = "active"
    achieved = "achieved"
    ended = "ended"


class GoalRating(StrEnum):
    """The person's own view of a delmål at follow-up: better, as before, worse."""

    better = "better"
    same = "same"
    worse = "worse"


class ConsentForm(StrEnum):
    oral = "oral"
    written = "written"


class DeviationKind(StrEnum):
    party_absent = "party_absent"
    measure_not_done = "measure_not_done"
    disagreement = "disagreement"
    guideline_not_followed = "guideline_not_followed"
    other = "other"


class DeviationStatus(StrEnum):
    draft = "draft"
    kept = "kept"
