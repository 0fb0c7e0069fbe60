"""The kallelse in plain language, for the person and the family.

No personnummer, no "who attends from your organisation", no "substitute with a
mandate": when and where (the video link if any), why we meet - the person's own
words, or "Vad är viktigt för dig?" as a question to think about when it is not
answered yet -, who comes and what they do there, how the meeting goes, what is
good to know (seed 003 "Delaktighet"). Whom to call or write to comes right after
when and where, with the practical facts, so it is never alone on a second page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sipmote.export import docxlib as dx
from sipmote.export.clean import clean_line
from sipmote.export.common import fmt_time, long_date, relation_label
from sipmote.export.invite import (
    agenda_slots,
    contact,
    end_time,
    gaps,
    needs_video_link,
    parties_text,
    reply_deadline,
    roles_at_meeting,
    same_name,
)
from sipmote.export.styles import Styles
from sipmote.formats import first_name
from sipmote.i18n import t
from sipmote.model import Meeting, OrgKind, Plan

H1 = "Heading 1"


def clock(tm: dt.time | None) -> str:
    """``13.00``: how a Swedish letter writes the time of day."""
    return fmt_time(tm).replace(":", ".") if tm else ""


def build_invitation_family(doc: Any, styles: Styles, plan: Plan, meeting: Meeting, *,
                            today: dt.date) -> list[str]:
    p = plan.person
    first = clean_line(first_name(p.name))
    slots, agenda_warning = agenda_slots(meeting)
    dx.add_para(doc, styles, t("export.fam.title"), "SIP Title")
    dx.add_para(doc, styles, t("export.fam.hello", name=first), "SIP Subtitle")
    dx.add_para(doc, styles, t("export.fam.intro", parties=parties_text(meeting)), "SIP Value")

    dx.add_para(doc, styles, t("export.fam.when"), H1, keep_with_next=True)
    if meeting.date is not None:
        end = end_time(meeting, slots)
        when = long_date(meeting.date)
        if meeting.time is not None:
            when += t("export.fam.at", time=clock(meeting.time) + (f"–{clock(end)}" if end else ""))
        dx.add_para(doc, styles, when[:1].upper() + when[1:], "SIP Value", bold=True)
    else:
        dx.add_para(doc, styles, t("export.fam.date_later"), "SIP Value")
    if meeting.place.strip():
        dx.add_label_value(doc, styles, t("export.fam.place"), meeting.place.strip())
    if needs_video_link(meeting):
        link = meeting.video_link.strip()
        dx.add_para(doc, styles, t("export.fam.video", link=link) if link else t("export.fam.video_later"),
                    "SIP Value")

    dx.add_para(doc, styles, t("export.fam.questions"), H1, keep_with_next=True)
    who, how = contact(meeting)
    by = reply_deadline(meeting, today)
    text = t("export.fam.contact", who=who) + (f" ({how})" if how else "") + "."
    if by:
        text += " " + t("export.fam.contact_by", date=long_date(by))
    dx.add_para(doc, styles, text, "SIP Value")
    dx.add_para(doc, styles, t("export.fam.why"), H1, keep_with_next=True)
    goal = plan.long_term_goal.strip()
    if goal:
        dx.add_para(doc, styles, t("export.fam.your_goal"), "SIP Value", keep_with_next=True)
        dx.add_para(doc, styles, f"”{goal}”", "SIP Value", italic=True)
    else:
        dx.add_para(doc, styles, t("export.fam.think_about"), "SIP Value", keep_with_next=True)
        dx.add_para(doc, styles, t("sip.question"), "SIP Subtitle", bold=True)
        dx.add_para(doc, styles, t("export.fam.think_why"), "SIP Value")
    if plan.questions:
        dx.add_para(doc, styles, t("export.fam.talk_about"), "SIP Value", keep_with_next=True)
        for q in plan.questions:
            dx.add_para(doc, styles, q.text, "List Bullet")

    professionals = [x for x in meeting.participants if x.org_kind not in (OrgKind.person, OrgKind.family)]
    family = [x for x in meeting.participants if x.org_kind == OrgKind.family]
    dx.add_para(doc, styles, t("export.fam.who"), H1, keep_with_next=True)
    kin = []
    for x in family:
        guardian = next((g for g in plan.guardians if same_name(g.name, x.name)), None)
        rel = relation_label(guardian.relation) if guardian else x.role_label
        kin.append(f"{clean_line(x.name)} ({rel.lower()})")
    together = kin[0] if len(kin) == 1 else ", ".join(kin[:-1]) + t("export.inv.and_word") + kin[-1] if kin else ""
    dx.add_para(doc, styles, t("export.fam.you_first") + (" " + t("export.fam.from_family", names=together)
                                                         if together else ""), "SIP Value", keep_with_next=True)
    for x in professionals:
        what = ", ".join(v for v in (x.role_label.lower(), x.organisation.strip()) if v)
        role = roles_at_meeting(meeting, x, plain=True)
        line = f"{clean_line(x.name)}, {what} – {role[:1].lower()}{role[1:]}"
        dx.add_para(doc, styles, line, "List Bullet")

    if slots:
        dx.add_para(doc, styles, t("export.fam.how"), H1, keep_with_next=True)
        for s in slots:
            key = f"export.fam.agenda.{s.body}"
            text = t(key) if t(key) != key else s.name
            if s.start is not None:
                dx.add_label_value(doc, styles, clock(s.start), text)
            else:
                dx.add_para(doc, styles, text, "List Bullet")
        end = end_time(meeting, slots)
        if end is not None:
            dx.add_label_value(doc, styles, clock(end), t("export.fam.agenda.end"))

    dx.add_para(doc, styles, t("export.fam.good_to_know"), H1, keep_with_next=True)
    keys = ("bring", "pause", "part", "screen", "copy")
    for i, key in enumerate(keys):  # the list moves as a whole rather than leave one line behind
        dx.add_para(doc, styles, t(f"export.fam.know.{key}"), "List Bullet", keep_with_next=i < len(keys) - 1)

    return [w for w in [agenda_warning, *gaps(plan, meeting, today)] if w]
