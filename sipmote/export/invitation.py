"""The invitation (kallelse): purpose, questions, time and place, who is invited
in which role, and how to reply or send a substitute (seed 003, step 3)."""

from __future__ import annotations

import datetime as dt

from sipmote.export import docxlib as dx
from sipmote.export.clean import clean_line
from sipmote.export.common import fmt_date, fmt_time, goal_categories_text
from sipmote.i18n import label, t
from sipmote.model import Meeting, Plan


def reply_by(meeting: Meeting, today: dt.date) -> dt.date | None:
    """A week before the meeting, but never before today."""
    if meeting.date is None:
        return None
    return max(meeting.date - dt.timedelta(days=7), today)


def build_invitation(doc, styles: dx.Styles, plan: Plan, meeting: Meeting, *, today: dt.date) -> None:
    H1, H2 = "Heading 1", "Heading 2"
    p = plan.person
    dx.add_para(doc, styles, t("export.inv.title"), "SIP Title")
    dx.add_para(doc, styles, label(meeting.kind), "SIP Subtitle")
    dx.add_para(doc, styles, t("export.inv.intro"), "SIP Value")

    dx.add_para(doc, styles, t("export.belongs_to"), H2, keep_with_next=True)
    dx.key_value_table(doc, styles, [(t("field.name"), clean_line(p.name)), (t("field.personnummer"), p.personnummer or "")])

    dx.add_para(doc, styles, t("export.time_place"), H2, keep_with_next=True)
    conv = meeting.convened_by
    role_key = f"role.{conv.role}"
    convener = ", ".join(x for x in (meeting.leader.strip(), t(role_key) if conv.role and t(role_key) != role_key
                                     else conv.role.strip(), conv.organisation.strip()) if x)
    pairs = [
        (t("export.meeting_date"), fmt_date(meeting.date) or t("export.not_booked")),
        (t("export.meeting_time"), fmt_time(meeting.time)),
        (t("field.place"), meeting.place),
        (t("export.mode"), label(meeting.mode)),
    ]
    if convener:
        pairs.append((t("export.inv.called_by"), convener))
    if meeting.invitation_sent:
        pairs.append((t("export.inv.sent"), fmt_date(meeting.invitation_sent)))
    dx.key_value_table(doc, styles, pairs)

    dx.add_para(doc, styles, t("export.inv.purpose"), H1, keep_with_next=True)
    dx.add_label_value(doc, styles, t("sip.question"), plan.long_term_goal.strip() or t("export.not_filled"))
    if plan.goal_categories:
        dx.add_label_value(doc, styles, t("export.goal_category"), goal_categories_text(plan, with_other=False))

    dx.add_para(doc, styles, t("export.questions"), H2, keep_with_next=True)
    if plan.questions:
        for q in plan.questions:
            dx.add_para(doc, styles, q.text, "List Number")
    else:
        dx.add_para(doc, styles, t("export.not_filled"), "SIP Note")

    dx.add_para(doc, styles, t("export.inv.invited"), H1, keep_with_next=True)
    table = dx.Table(doc, styles, [t("field.name"), t("export.col.role"), t("export.col.organisation"),
                                   t("export.col.huvudman"), t("export.inv.col.task")], [3.8, 3.6, 3.8, 2.2, 4.0])
    for x in meeting.participants:
        task = t("export.inv.task_person") if x.is_person else ""
        if x.substitute_for.strip():
            task = t("export.substitute_for", role=x.role_label, name=x.substitute_for.strip())
        table.add([clean_line(x.name), x.role_label, x.organisation or label(x.org_kind), label(x.huvudman), task])
    if not meeting.participants:
        dx.add_para(doc, styles, t("export.none"), "SIP Note")

    dx.add_para(doc, styles, t("export.inv.reply"), H1, keep_with_next=True)
    who = ", ".join(x for x in (meeting.leader.strip(), conv.organisation.strip()) if x) or t("export.inv.convener")
    by = reply_by(meeting, today)
    dx.add_para(doc, styles, t("export.inv.reply_text", who=who, date=fmt_date(by) if by else "–"), "SIP Value")
    dx.add_para(doc, styles, t("export.inv.substitute"), "SIP Value")
    if plan.consents:
        ends = [c.valid_to for c in plan.consents if c.withdrawn_on is None and c.valid_to]
        dx.add_para(doc, styles, t("export.inv.consent", date=fmt_date(max(ends)) if ends else "–"), "SIP Note")
    else:
        dx.add_para(doc, styles, t("export.inv.no_consent"), "SIP Note")
    dx.add_para(doc, styles, t("export.inv.about_sip"), "SIP Note")
