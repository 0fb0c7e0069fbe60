"""What both versions of the kallelse say, headless (no python-docx): the reply
deadline, each invited party's role at the meeting, the agenda with clock times,
whom to answer and how, and what the coordinator still has to fill in.

Seed 003, step 3: the kallelse states the purpose (the long-term goal) and the
questions, and "av kallelsen ska också klart framgå vad varje deltagande part
har för roll på mötet"; the invited answer who attends and send a substitute.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sipmote.export.clean import clean_line
from sipmote.export.common import fmt_date, long_date
from sipmote.i18n import t
from sipmote.model import Meeting, MeetingMode, OrgKind, Participant, Plan

#: the reply is asked for this long before the meeting (never later than the day before)
REPLY_DAYS = 7
#: end time when none is set and no agenda is found
DEFAULT_MINUTES = 90


@dataclass(frozen=True)
class Slot:
    start: dt.time | None
    end: dt.time | None
    name: str
    body: str  # the agenda's body kind: listen, problem, plan, review, notes


def same_name(a: str, b: str) -> bool:
    return bool(a.strip()) and " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def reply_deadline(meeting: Meeting, today: dt.date) -> dt.date | None:
    """The day to answer by: the one set in the preparation, else a week before the meeting;
    never the meeting day or later, never before today, a weekend moved back to Friday.
    None when the meeting has no date or is today (then: "as soon as possible")."""
    if meeting.date is None:
        return None
    latest = meeting.date - dt.timedelta(days=1)
    if meeting.reply_by is not None and meeting.reply_by <= latest:
        return meeting.reply_by
    if latest < today:
        return None
    day = min(max(meeting.date - dt.timedelta(days=REPLY_DAYS), today), latest)
    while day.weekday() >= 5 and day - dt.timedelta(days=1) >= today:
        day -= dt.timedelta(days=1)
    return day


def _add(start: dt.time, minutes: float) -> dt.time:
    return (dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=minutes)).time()


def agenda_slots(meeting: Meeting) -> tuple[list[Slot], str | None]:
    """The meeting's agenda phases with clock times from the start time, and a warning if the
    agenda file cannot be read (then no slots)."""
    from sipmote.agenda import AgendaError, load_agenda

    try:
        agenda = load_agenda(meeting.agenda_id)
    except AgendaError as exc:
        return [], t("export.inv.no_agenda", reason=exc.message)
    slots: list[Slot] = []
    at = meeting.time
    for phase in agenda.phases:
        end = _add(at, phase.minutes) if at is not None else None
        slots.append(Slot(at, end, phase.name, phase.body))
        at = end
    if at is not None and meeting.end_time is not None and meeting.end_time > at:
        # the meeting is booked longer than the agenda: the rest is the summary and the close
        slots.append(Slot(at, meeting.end_time, t("export.inv.closing"), "closing"))
    return slots, None


def end_time(meeting: Meeting, slots: list[Slot]) -> dt.time | None:
    """The end time set in the preparation, else the start plus the agenda's time."""
    if meeting.end_time is not None or meeting.time is None:
        return meeting.end_time
    if slots and slots[-1].end is not None:
        return slots[-1].end
    return _add(meeting.time, DEFAULT_MINUTES)


def roles_at_meeting(meeting: Meeting, p: Participant, *, plain: bool = False) -> str:
    """Leader, note-taker, the person, a substitute, and what the party informs about
    (typed in the preparation, else what the party's kind usually brings)."""
    pre = "export.fam.role." if plain else "export.inv.role."
    roles: list[str] = []
    if same_name(p.name, meeting.leader):
        roles.append(t(pre + "leader"))
    if same_name(p.name, meeting.secretary):
        roles.append(t(pre + "secretary"))
    if p.is_person:
        roles.append(t(pre + "person"))
    if p.substitute_for.strip():
        roles.append(t("export.inv.role.substitute", name=clean_line(p.substitute_for)))
    if p.meeting_role.strip() and not plain:  # typed for the professionals; the family gets plain words
        roles.append(clean_line(p.meeting_role))
    elif not roles:
        key = pre + "informs." + p.org_kind.value
        text = t(key)
        roles.append(text if text != key else t(pre + "informs.other"))
    text = "; ".join(roles)
    return text[:1].upper() + text[1:]


def contact(meeting: Meeting) -> tuple[str, str]:
    """(who to answer: "Anna Berg, Strandskolan", how: "telefon …, e-post …")."""
    r = meeting.reply_to
    name = r.name.strip() or meeting.leader.strip()
    org = r.organisation.strip() or meeting.convened_by.organisation.strip()
    who = ", ".join(clean_line(x) for x in (name, org) if x) or t("export.inv.convener")
    ways = []
    if r.phone.strip():
        ways.append(t("export.inv.by_phone", phone=clean_line(r.phone)))
    if r.email.strip():
        ways.append(t("export.inv.by_email", email=clean_line(r.email)))
    return who, t("export.inv.and").join(ways)


def needs_video_link(meeting: Meeting) -> bool:
    return meeting.mode in (MeetingMode.video, MeetingMode.mixed)


def parties_text(meeting: Meeting) -> str:
    """"skolan, socialtjänsten och vården": the kinds of party invited, in plain words."""
    kinds: list[str] = []
    for p in meeting.participants:
        if p.org_kind in (OrgKind.person, OrgKind.family):
            continue
        key = f"export.fam.party.{p.org_kind.value}"
        word = t(key)
        word = word if word != key else t("export.fam.party.other")
        if word not in kinds:
            kinds.append(word)
    if not kinds:
        return t("export.fam.party.other")
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + t("export.inv.and_word") + kinds[-1]


def gaps(plan: Plan, meeting: Meeting, today: dt.date) -> list[str]:
    """What the coordinator still has to fill in before sending (told on stderr / in the dialog)."""
    out = []
    if meeting.date is None:
        out.append(t("export.inv.gap.date"))
    if meeting.time is None:
        out.append(t("export.inv.gap.time"))
    if meeting.end_time is None and meeting.time is not None:
        out.append(t("export.inv.gap.end_time"))
    if not meeting.place.strip() and meeting.mode != MeetingMode.video:
        out.append(t("export.inv.gap.place"))
    if needs_video_link(meeting) and not meeting.video_link.strip():
        out.append(t("export.inv.gap.video_link"))
    if not meeting.reply_to.is_set:
        out.append(t("export.inv.gap.reply_to"))
    if meeting.date is not None and reply_deadline(meeting, today) is None:
        out.append(t("export.inv.gap.deadline", date=fmt_date(meeting.date)))
    if meeting.reply_by is not None and meeting.date is not None and meeting.reply_by >= meeting.date:
        out.append(t("export.inv.gap.reply_by_late", date=long_date(meeting.reply_by)))
    return out
