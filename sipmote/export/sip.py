"""The SIP document, laid out like the regional template (Mall SIP).

Order: kind (new / follow-up), need noticed by, the person, guardians, time and
place, who took part and who was absent, "Vad är viktigt för dig?", questions,
the current situation, short-term goals each with its measures table, what the
person and the family do, third-party measures, huvudansvarig, follow-up,
consent, KVÅ, deviations, at a follow-up the earlier measures' status and
effect, and last the signature block.
"""

from __future__ import annotations

import datetime as dt

from docx.shared import Pt

from sipmote.export import docxlib as dx
from sipmote.export.clean import clean_line
from sipmote.export.common import (
    earlier_measures,
    fmt_date,
    fmt_time,
    goal_categories_text,
    huvudman_of,
    responsible_lines,
    signature_people,
)
from sipmote.i18n import label, t
from sipmote.model import (
    DeviationStatus,
    GoalStatus,
    Measure,
    MeetingKind,
    NoticedBy,
    Plan,
    Meeting,
)

CHECKED, UNCHECKED = "☒", "☐"

#: column widths (cm) of the measures table; the page's text width is 17.4 cm
MEASURE_WIDTHS = [4.6, 3.8, 2.1, 2.3, 2.5, 2.1]
SIGNATURE_WIDTHS = [4.0, 4.4, 5.4, 3.6]


def measure_headers(goal_no: int | None = None) -> list[str]:
    """The header row; with the goal's number, so a table continued on the next page says whose it is."""
    what = t("export.col.what_goal", n=goal_no) if goal_no else t("export.col.what")
    return [what, t("export.col.responsible"), t("export.col.start"),
            t("export.col.frequency"), t("export.col.place"), t("export.col.until")]


def measure_row(m: Measure) -> list[str]:
    return [m.what, responsible_lines(m), fmt_date(m.start), m.frequency, m.place, fmt_date(m.until)]


def build_sip(doc, styles: dx.Styles, plan: Plan, meeting: Meeting, *, today: dt.date) -> None:
    H1, H2 = "Heading 1", "Heading 2"
    p = plan.person

    dx.add_para(doc, styles, t("sip.long"), "SIP Title")
    follow = meeting.kind == MeetingKind.follow_up
    dx.add_para(doc, styles, f"{UNCHECKED if follow else CHECKED} {t('export.kind_new')}    "
                f"{CHECKED if follow else UNCHECKED} {t('export.kind_follow_up')}", "SIP Subtitle")
    if meeting.kind == MeetingKind.new_after_discharge:
        dx.add_para(doc, styles, label(meeting.kind), "SIP Note")

    # --- behov uppmärksammat av
    dx.add_para(doc, styles, t("export.noticed_by"), H2, keep_with_next=True)
    marks = []
    for kind in NoticedBy:
        box = CHECKED if kind in plan.noticed_by.kinds else UNCHECKED
        text = label(kind).replace(" ", "\u00a0")  # a label never breaks over two lines
        if kind == NoticedBy.other and plan.noticed_by.other_text.strip():
            text += ": " + plan.noticed_by.other_text.strip()
        marks.append(f"{box}\u00a0{text}")
    dx.add_para(doc, styles, "    ".join(marks), "SIP Value")

    # --- planen tillhör
    dx.add_para(doc, styles, t("export.belongs_to"), H2, keep_with_next=True)
    dx.key_value_table(doc, styles, [
        (t("field.name"), clean_line(p.name)),
        (t("field.personnummer"), p.personnummer or ""),
        (t("export.address"), p.address),
        (t("export.phone"), p.phone),
    ])

    if plan.guardians:
        dx.add_para(doc, styles, t("export.guardians"), H2, keep_with_next=True)
        table = dx.Table(doc, styles, [t("field.name"), t("export.relation"), t("export.phone")], [6.4, 5.0, 6.0])
        for g in plan.guardians:
            key = f"role.{g.relation}"
            rel = t(key)
            table.add([clean_line(g.name), rel if rel != key else g.relation, g.phone])

    # --- tid och plats
    dx.add_para(doc, styles, t("export.time_place"), H2, keep_with_next=True)
    pairs = [
        (t("export.meeting_date"), fmt_date(meeting.date)),
        (t("export.meeting_time"), fmt_time(meeting.time)),
        (t("field.place"), meeting.place),
        (t("export.mode"), label(meeting.mode)),
    ]
    if meeting.leader.strip():
        pairs.append((t("export.leader"), meeting.leader))
    if meeting.secretary.strip():
        pairs.append((t("export.secretary"), meeting.secretary))
    dx.key_value_table(doc, styles, pairs)

    # --- deltagare
    attending = [x for x in meeting.participants if x.attendance.attended]
    absent = [x for x in meeting.participants if not x.attendance.attended]
    dx.add_para(doc, styles, t("export.participants"), H1, keep_with_next=True)
    table = dx.Table(doc, styles, [t("field.name"), t("export.col.role"), t("export.col.organisation"),
                                   t("export.col.huvudman"), t("export.col.attendance")],
                     [4.2, 3.8, 4.0, 2.4, 3.0])
    for x in attending:
        role = x.role_label
        if x.substitute_for.strip():
            role = t("export.substitute_for", role=role, name=x.substitute_for.strip())
        table.add([clean_line(x.name), role, x.organisation or label(x.org_kind), label(x.huvudman),
                   label(x.attendance)])
    if not attending:
        dx.add_para(doc, styles, t("export.none"), "SIP Note")
    if absent:
        dx.add_para(doc, styles, t("export.absent"), H2, keep_with_next=True)
        table = dx.Table(doc, styles, [t("field.name"), t("export.col.role"), t("export.col.organisation"),
                                       t("export.col.attendance")], [4.6, 4.4, 4.8, 3.6])
        for x in absent:
            table.add([clean_line(x.name), x.role_label, x.organisation or label(x.org_kind), label(x.attendance)])

    # --- vad är viktigt för dig?
    dx.add_para(doc, styles, t("sip.question"), H1, keep_with_next=True)
    dx.add_para(doc, styles, plan.long_term_goal.strip() or t("export.not_filled"), "SIP Value")
    if plan.goal_categories:  # the primary first, then any further main goal categories
        dx.add_label_value(doc, styles, t("export.goal_category"), goal_categories_text(plan))

    if plan.questions:
        dx.add_para(doc, styles, t("export.questions"), H2, keep_with_next=True)
        for q in plan.questions:
            par = dx.add_para(doc, styles, q.text, "List Number")
            if q.answered and q.answer.strip():
                par.add_run("\n" + t("export.answer", answer=dx.clean(q.answer.strip()))).italic = True

    dx.add_para(doc, styles, t("export.situation"), H2, keep_with_next=True)
    dx.add_para(doc, styles, meeting.situation.strip() or t("export.not_filled"), "SIP Value")
    for need in meeting.needs:
        par = dx.add_para(doc, styles, need.text, "List Bullet")
        if need.disagreement:
            par.add_run(" " + t("export.disagreement", parties=dx.clean(need.parties))).italic = True

    # --- at a follow-up: how did the earlier measures go?
    if meeting.kind == MeetingKind.follow_up:
        earlier = earlier_measures(plan, meeting)
        dx.add_para(doc, styles, t("export.earlier"), H1, keep_with_next=True)
        if earlier:
            table = dx.Table(doc, styles, [t("export.col.goal"), t("export.col.what"), t("export.col.responsible"),
                                           t("export.col.status"), t("export.col.effect")],
                             [3.4, 4.0, 3.4, 2.2, 4.4])
            for goal_text, m in earlier:
                table.add([goal_text or t("export.third_party"), m.what, responsible_lines(m),
                           label(m.status) if m.status else t("export.not_followed_up"), m.effect])
        else:
            dx.add_para(doc, styles, t("export.none"), "SIP Note")

    # --- goals and measures
    dx.add_para(doc, styles, t("export.goals"), H1, keep_with_next=True)
    if not meeting.goals:
        dx.add_para(doc, styles, t("export.none"), "SIP Note")
    for i, goal in enumerate(meeting.goals, 1):
        head = t("export.goal_n", n=i, text=goal.text.strip())
        par = dx.add_para(doc, styles, head, H2, keep_with_next=True)
        if goal.status != GoalStatus.active:
            note = label(goal.status) + (f" – {goal.status_note.strip()}" if goal.status_note.strip() else "")
            par.add_run(f" ({dx.clean(note)})")
        if goal.measures:
            table = dx.Table(doc, styles, measure_headers(i), MEASURE_WIDTHS)
            for m in goal.measures:
                table.add(measure_row(m))
        else:
            dx.add_para(doc, styles, t("export.no_measures"), "SIP Note")

    # --- own actions
    person_acts = [a.text for a in meeting.own_actions if a.who == "person"]
    family_acts = [a.text for a in meeting.own_actions if a.who == "family"]
    dx.add_para(doc, styles, t("export.own_actions"), H1, keep_with_next=True)
    if not person_acts and not family_acts:
        dx.add_para(doc, styles, t("export.none"), "SIP Note")
    if person_acts:
        dx.add_para(doc, styles, t("export.person_does", name=clean_line(p.name)), "SIP Label", keep_with_next=True)
        for text in person_acts:
            dx.add_para(doc, styles, text, "List Bullet")
    if family_acts:
        dx.add_para(doc, styles, t("export.family_does"), "SIP Label", keep_with_next=True)
        for text in family_acts:
            dx.add_para(doc, styles, text, "List Bullet")

    if meeting.third_party_measures:
        dx.add_para(doc, styles, t("export.third_party"), H1, keep_with_next=True)
        table = dx.Table(doc, styles, measure_headers(), MEASURE_WIDTHS)
        for m in meeting.third_party_measures:
            table.add(measure_row(m))

    # --- huvudansvarig, uppföljning
    dx.add_para(doc, styles, t("export.huvudansvarig"), H1, keep_with_next=True)
    h = plan.huvudansvarig
    if h.is_set:
        dx.key_value_table(doc, styles, [
            (t("export.col.huvudman"), huvudman_of(h)),
            (t("export.col.organisation"), h.organisation),
            (t("export.col.person"), h.person),
        ])
    else:
        dx.add_para(doc, styles, t("export.not_filled"), "SIP Value")

    dx.add_para(doc, styles, t("export.follow_up"), H1, keep_with_next=True)
    fu = meeting.follow_up
    table = dx.Table(doc, styles, [t("field.date"), t("field.time"), t("field.place")], [4.0, 3.0, 10.4])
    if fu.is_set or fu.place.strip():
        table.add([fmt_date(fu.date), fmt_time(fu.time), fu.place])
    else:
        table.add([t("export.not_booked"), "", ""])
    if meeting.if_critical.strip():
        par = dx.add_label_value(doc, styles, t("export.if_critical"), meeting.if_critical.strip())
        par.paragraph_format.space_before = Pt(6)

    # --- consent
    dx.add_para(doc, styles, t("export.consent"), H1, keep_with_next=True)
    if plan.consents:
        table = dx.Table(doc, styles, [t("export.col.given_by"), t("export.col.form"), t("export.col.valid"),
                                       t("export.col.covers")], [4.6, 2.2, 4.4, 6.2])
        for c in plan.consents:
            who = c.given_by + (f"\n{c.relation}" if c.relation.strip() else "")
            valid = f"{fmt_date(c.valid_from)} – {fmt_date(c.valid_to)}".strip()
            if c.withdrawn_on:
                valid += "\n" + t("export.withdrawn", date=fmt_date(c.withdrawn_on))
            table.add([who, label(c.form), valid, ", ".join(c.parties)])
        if meeting.date and not plan.consent_covers(meeting.date):
            dx.add_para(doc, styles, t("missing.consent"), "SIP Note")
    else:
        dx.add_para(doc, styles, t("export.no_consent"), "SIP Note")

    # --- KVÅ, person agrees, deviations
    dx.add_para(doc, styles, t("export.reporting"), H1, keep_with_next=True)
    dx.add_label_value(doc, styles, t("export.kva"), f"{meeting.kva} – {t('export.kva.' + meeting.kva)}")
    agrees = {True: t("export.yes"), False: t("export.no"), None: t("export.not_asked")}[meeting.person_agrees]
    dx.add_label_value(doc, styles, t("export.person_agrees"), agrees)
    if meeting.copies_to:
        dx.add_label_value(doc, styles, t("export.copies_to"), ", ".join(meeting.copies_to))
    devs = [d for d in plan.deviations
            if d.status == DeviationStatus.kept and d.meeting_id in (None, meeting.id)]
    dx.add_para(doc, styles, t("export.deviations"), H2, keep_with_next=True)
    if devs:
        table = dx.Table(doc, styles, [t("field.date"), t("field.kind"), t("export.col.party"),
                                       t("export.col.description")], [2.4, 4.4, 3.6, 7.0])
        for d in devs:
            table.add([fmt_date(d.created), label(d.kind), d.party, d.text])
    else:
        dx.add_para(doc, styles, t("export.no_deviations"), "SIP Note")

    if plan.closure is not None:
        c = plan.closure
        dx.add_para(doc, styles, t("export.closed"), H2, keep_with_next=True)
        dx.add_label_value(doc, styles, t("export.closed_reason"), f"{label(c.reason)} ({fmt_date(c.date)})")
        if c.where_to_turn.strip():
            dx.add_label_value(doc, styles, t("export.where_to_turn"), c.where_to_turn)

    # --- signatures
    dx.add_para(doc, styles, t("export.signatures"), H1, keep_with_next=True)
    dx.add_para(doc, styles, t("export.signatures_intro"), "SIP Note", keep_with_next=True)
    table = dx.Table(doc, styles, [t("field.name"), t("export.col.role_org"), t("export.col.signature"),
                                   t("export.col.place_date")], SIGNATURE_WIDTHS,
                     text_style="SIP Signature")
    for name, role in signature_people(plan, meeting):
        table.add([clean_line(name), role, "", ""], min_height_cm=1.4)
