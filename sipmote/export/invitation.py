"""The kallelse for the invited professionals: purpose, questions, time (start and
end) and place or video link, the agenda, who is invited in which role at the
meeting, and whom to answer, how and by when; a substitute with a mandate if
hindered (seed 003, step 3). The plain-language version for the person and the
family is ``invitation_family``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sipmote.export import docxlib as dx
from sipmote.export.clean import clean_line
from sipmote.export.common import fmt_date, fmt_time, goal_categories_text, long_date, role_org
from sipmote.export.invite import (
    agenda_slots,
    contact,
    end_time,
    gaps,
    needs_video_link,
    reply_deadline,
    roles_at_meeting,
)
from sipmote.export.styles import Styles
from sipmote.export.tables import add_table, key_value_table
from sipmote.formats import first_name
from sipmote.i18n import label, t
from sipmote.model import Meeting, Plan

H1, H2 = "Heading 1", "Heading 2"


def time_text(start: dt.time | None, end: dt.time | None) -> str:
    if start is None:
        return ""
    return f"{fmt_time(start)}–{fmt_time(end)}" if end else fmt_time(start)


def date_text(day: dt.date | None) -> str:
    """``2026-12-03 (torsdag)``: the ISO date people file by, and the weekday people read."""
    if day is None:
        return t("export.not_booked")
    return f"{fmt_date(day)} ({t('export.weekdays').split(',')[day.weekday()]})"


def build_invitation(doc: Any, styles: Styles, plan: Plan, meeting: Meeting, *, today: dt.date) -> list[str]:
    p = plan.person
    first = first_name(p.name)
    slots, agenda_warning = agenda_slots(meeting)
    dx.add_para(doc, styles, t("export.inv.title"), "SIP Title")
    dx.add_para(doc, styles, label(meeting.kind), "SIP Subtitle")
    dx.add_para(doc, styles, t("export.inv.intro", name=clean_line(p.name)), "SIP Value")

    dx.add_para(doc, styles, t("export.belongs_to"), H2, keep_with_next=True)
    key_value_table(doc, styles, [(t("field.name"), clean_line(p.name)),
                                  (t("field.personnummer"), p.personnummer or "")])

    dx.add_para(doc, styles, t("export.time_place"), H2, keep_with_next=True)
    pairs = [
        (t("export.meeting_date"), date_text(meeting.date)),
        (t("export.meeting_time"), time_text(meeting.time, end_time(meeting, slots))),
        (t("field.place"), meeting.place),
        (t("export.mode"), label(meeting.mode)),
    ]
    if needs_video_link(meeting):
        pairs.append((t("export.inv.video_link"), meeting.video_link.strip() or t("export.inv.video_link_later")))
    conv = meeting.convened_by
    role_key = f"role.{conv.role}"
    conv_role = t(role_key) if conv.role and t(role_key) != role_key else conv.role.strip()
    convener = ", ".join(x for x in (meeting.leader.strip(), conv_role, conv.organisation.strip()) if x)
    if convener:
        pairs.append((t("export.inv.called_by"), convener))
    if meeting.invitation_sent:
        pairs.append((t("export.inv.sent"), fmt_date(meeting.invitation_sent)))
    by = reply_deadline(meeting, today)
    pairs.append((t("export.inv.reply_by_label"), long_date(by) if by else t("export.inv.reply_soon")))
    key_value_table(doc, styles, pairs)

    dx.add_para(doc, styles, t("export.inv.purpose"), H1, keep_with_next=True)
    goal = plan.long_term_goal.strip()
    dx.add_label_value(doc, styles, t("sip.question"), goal or t("export.inv.goal_at_meeting", name=first))
    if plan.goal_categories:
        dx.add_label_value(doc, styles, t("export.inv.goal_area"), goal_categories_text(plan, with_other=False))
    dx.add_para(doc, styles, t("export.questions"), H2, keep_with_next=True)
    for q in plan.questions:
        dx.add_para(doc, styles, q.text, "List Number")
    if not plan.questions:
        dx.add_para(doc, styles, t("export.inv.questions_at_meeting"), "SIP Note")

    if slots:
        dx.add_para(doc, styles, t("export.inv.agenda"), H1, keep_with_next=True)
        rows = [[time_text(s.start, s.end), _agenda_item(s.name, s.body)] for s in slots]
        add_table(doc, styles, [t("field.time"), t("export.inv.col.item")], [3.0, 14.4], rows, keep_together=True)

    dx.add_para(doc, styles, t("export.inv.invited"), H1, keep_with_next=True)
    if meeting.participants:
        add_table(doc, styles, [t("field.name"), t("export.col.role_org"), t("export.col.huvudman"),
                                t("export.inv.col.task")], [3.8, 4.6, 2.2, 6.8],
                  [[clean_line(x.name), role_org(x), label(x.huvudman), roles_at_meeting(meeting, x)]
                   for x in meeting.participants])
    else:
        dx.add_para(doc, styles, t("export.none"), "SIP Note")

    dx.add_para(doc, styles, t("export.inv.reply"), H1, keep_with_next=True)
    who, how = contact(meeting)
    when = t("export.inv.reply_by", date=long_date(by)) if by else t("export.inv.reply_soon")
    dx.add_para(doc, styles, t("export.inv.reply_text", when=when, who=who) + (f" ({how})." if how else "."),
                "SIP Value")
    dx.add_para(doc, styles, t("export.inv.substitute"), "SIP Value")
    if plan.consents:
        ends = [c.valid_to for c in plan.consents if c.withdrawn_on is None and c.valid_to]
        dx.add_para(doc, styles, t("export.inv.consent", date=fmt_date(max(ends)) if ends else "–"), "SIP Note")
    else:
        dx.add_para(doc, styles, t("export.inv.no_consent"), "SIP Note")
    dx.add_para(doc, styles, t("export.inv.about_sip"), "SIP Note")
    return [w for w in [agenda_warning, *gaps(plan, meeting, today)] if w]


def _agenda_item(name: str, body: str) -> str:
    key = f"export.inv.agenda.{body}"
    text = t(key)
    return f"{name}: {text}" if text != key else name
