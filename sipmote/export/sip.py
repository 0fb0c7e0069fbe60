"""The SIP document, laid out like the regional template (Mall SIP).

Order: the template's introductory sentence, kind (new / follow-up), need
noticed by, the person, guardians, time and place, who took part and who was
absent, "Vad är viktigt för dig?", questions, the current situation, at a
follow-up the earlier measures' status and effect, short-term goals each with
its measures table, what the person and the family do, third-party measures;
then the sign-off part (``signoff``): huvudansvarig, follow-up, consent,
reporting, deviations and last the signature block.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sipmote.export import docxlib as dx
from sipmote.export.clean import clean_line
from sipmote.export.common import earlier_measures, fmt_date, fmt_time, relation_label, responsible_lines
from sipmote.export.signoff import build_signoff
from sipmote.export.styles import Styles
from sipmote.export.tables import add_table, key_value_table
from sipmote.formats import first_name
from sipmote.i18n import label, t
from sipmote.lifecycle.edits import situation_from_notes
from sipmote.model import GoalStatus, Measure, Meeting, MeetingKind, NoticedBy, Plan

CHECKED, UNCHECKED = "☒", "☐"
H1, H2 = "Heading 1", "Heading 2"
NBSP = "\u00a0"
WRITE_LINE = "_" * 22  # room to write by hand

#: preferred column widths (cm) of the measures table, scaled to the template's text width
MEASURE_WIDTHS = [4.6, 3.8, 2.1, 2.3, 2.5, 2.1]


def measure_headers(goal_no: int | None = None) -> list[str]:
    """The header row; with the goal's number, so a table continued on the next page says whose it is."""
    what = t("export.col.what_goal", n=goal_no) if goal_no else t("export.col.what")
    return [what, t("export.col.responsible"), t("export.col.start"),
            t("export.col.frequency"), t("export.col.place"), t("export.col.until")]


def measure_row(m: Measure) -> list[str]:
    return [m.what, responsible_lines(m), fmt_date(m.start), m.frequency, m.place, fmt_date(m.until)]


def noticed_by_line(plan: Plan) -> str:
    """Every box of "Behov uppmärksammat av"; "Annan" always with its text or a line to write on."""
    marks = []
    for kind in NoticedBy:
        box = CHECKED if kind in plan.noticed_by.kinds else UNCHECKED
        text = label(kind).replace(" ", NBSP)  # a label never breaks over two lines
        if kind == NoticedBy.other:
            other = clean_line(plan.noticed_by.other_text)
            text += ":" + NBSP + (other if other and kind in plan.noticed_by.kinds else WRITE_LINE)
        marks.append(f"{box}{NBSP}{text}")
    return "    ".join(marks)


def build_sip(doc: Any, styles: Styles, plan: Plan, meeting: Meeting, *, today: dt.date) -> list[str]:
    p = plan.person
    dx.add_para(doc, styles, t("sip.long"), "SIP Title")
    dx.add_para(doc, styles, t("export.template_intro"), "SIP Value")
    follow = meeting.kind == MeetingKind.follow_up
    dx.add_para(doc, styles, f"{UNCHECKED if follow else CHECKED} {t('export.kind_new')}    "
                f"{CHECKED if follow else UNCHECKED} {t('export.kind_follow_up')}", "SIP Subtitle")
    if meeting.kind == MeetingKind.new_after_discharge:
        dx.add_para(doc, styles, label(meeting.kind), "SIP Note")

    dx.add_para(doc, styles, t("export.noticed_by"), H2, keep_with_next=True)
    dx.add_para(doc, styles, noticed_by_line(plan), "SIP Value")

    dx.add_para(doc, styles, t("export.belongs_to"), H2, keep_with_next=True)
    key_value_table(doc, styles, [
        (t("field.name"), clean_line(p.name)),
        (t("field.personnummer"), p.personnummer or ""),
        (t("export.address"), p.address),
        (t("export.phone"), p.phone),
    ])

    if plan.guardians:
        dx.add_para(doc, styles, t("export.guardians"), H2, keep_with_next=True)
        add_table(doc, styles, [t("field.name"), t("export.relation"), t("export.phone")], [6.4, 5.0, 6.0],
                  [[clean_line(g.name), relation_label(g.relation), g.phone] for g in plan.guardians])

    dx.add_para(doc, styles, t("export.time_place"), H2, keep_with_next=True)
    pairs = [
        (t("export.meeting_date"), fmt_date(meeting.date)),
        (t("export.meeting_time"), time_span(meeting)),
        (t("field.place"), meeting.place),
        (t("export.mode"), label(meeting.mode)),
    ]
    if meeting.leader.strip():
        pairs.append((t("export.leader"), meeting.leader))
    if meeting.secretary.strip():
        pairs.append((t("export.secretary"), meeting.secretary))
    key_value_table(doc, styles, pairs)

    _participants(doc, styles, meeting)

    dx.add_para(doc, styles, t("sip.question"), H1, keep_with_next=True)
    dx.add_para(doc, styles, plan.long_term_goal.strip() or t("export.not_filled"), "SIP Value")

    if plan.questions:
        dx.add_para(doc, styles, t("export.questions"), H2, keep_with_next=True)
        for q in plan.questions:
            par = dx.add_para(doc, styles, q.text, "List Number")
            if q.answered and q.answer.strip():
                par.add_run("\n" + t("export.answer", answer=dx.clean(q.answer.strip()))).italic = True

    dx.add_para(doc, styles, t("export.situation"), H2, keep_with_next=True)
    # the nuläge written in the meeting, else what was said round the table (notes per speaker)
    situation = meeting.situation.strip() or situation_from_notes(meeting)
    dx.add_para(doc, styles, situation or t("export.not_filled"), "SIP Value")
    if meeting.needs:
        dx.add_para(doc, styles, t("export.needs"), "SIP Label", keep_with_next=True)
    numbers = {q.id: i for i, q in enumerate(plan.questions, 1)}
    for need in meeting.needs:
        par = dx.add_para(doc, styles, need.text, "List Bullet")
        linked = [str(numbers[q]) for q in need.question_ids if q in numbers]
        if linked:
            par.add_run(" " + t("export.need_questions", n=len(linked), numbers=", ".join(linked)))
        if need.disagreement:
            par.add_run(" " + t("export.disagreement", parties=dx.clean(need.parties))).italic = True

    if meeting.kind == MeetingKind.follow_up:
        _earlier(doc, styles, plan, meeting)
    _goals(doc, styles, plan, meeting)
    build_signoff(doc, styles, plan, meeting, today=today)
    return []


def time_span(meeting: Meeting) -> str:
    """``13:00–14:30``, or the start alone."""
    start, end = fmt_time(meeting.time), fmt_time(meeting.end_time)
    return f"{start}–{end}" if start and end else start


def _participants(doc: Any, styles: Styles, meeting: Meeting) -> None:
    attending = [x for x in meeting.participants if x.attendance.attended]
    absent = [x for x in meeting.participants if not x.attendance.attended]
    dx.add_para(doc, styles, t("export.participants"), H1, keep_with_next=True)
    rows = []
    for x in attending:
        role = x.role_label
        if x.substitute_for.strip():
            role = t("export.substitute_for", role=role, name=x.substitute_for.strip())
        rows.append([clean_line(x.name), role, x.organisation or label(x.org_kind), label(x.huvudman),
                     label(x.attendance)])
    if rows:
        add_table(doc, styles, [t("field.name"), t("export.col.role"), t("export.col.organisation"),
                                t("export.col.huvudman"), t("export.col.attendance")],
                  [4.2, 3.8, 4.0, 2.4, 3.0], rows)
    else:
        dx.add_para(doc, styles, t("export.none"), "SIP Note")
    if absent:
        dx.add_para(doc, styles, t("export.absent"), H2, keep_with_next=True)
        add_table(doc, styles, [t("field.name"), t("export.col.role"), t("export.col.organisation"),
                                t("export.col.attendance")], [4.6, 4.4, 4.8, 3.6],
                  [[clean_line(x.name), x.role_label, x.organisation or label(x.org_kind), label(x.attendance)]
                   for x in absent])


def _earlier(doc: Any, styles: Styles, plan: Plan, meeting: Meeting) -> None:
    """At a follow-up: how did the earlier measures go?"""
    earlier = earlier_measures(plan, meeting)
    dx.add_para(doc, styles, t("export.earlier"), H1, keep_with_next=True)
    if not earlier:
        dx.add_para(doc, styles, t("export.none"), "SIP Note")
        return
    add_table(doc, styles, [t("export.col.goal"), t("export.col.what"), t("export.col.responsible"),
                            t("export.col.status"), t("export.col.effect")], [3.4, 4.0, 3.4, 2.2, 4.4],
              [[goal_text or t("export.third_party"), m.what, responsible_lines(m),
                label(m.status) if m.status else t("export.not_followed_up"), m.effect]
               for goal_text, m in earlier])


def _goals(doc: Any, styles: Styles, plan: Plan, meeting: Meeting) -> None:
    dx.add_para(doc, styles, t("export.goals"), H1, keep_with_next=True)
    if not meeting.goals:
        dx.add_para(doc, styles, t("export.none"), "SIP Note")
    for i, goal in enumerate(meeting.goals, 1):
        par = dx.add_para(doc, styles, t("export.goal_n", n=i, text=goal.text.strip()), H2, keep_with_next=True)
        if goal.status != GoalStatus.active:
            note = label(goal.status) + (f" – {goal.status_note.strip()}" if goal.status_note.strip() else "")
            par.add_run(f" ({dx.clean(note)})")
        if goal.child_words.strip():
            dx.add_para(doc, styles, t("export.child_words", name=first_name(plan.person.name),
                                       words=goal.child_words.strip()), "SIP Note", keep_with_next=True)
        if goal.measures:
            add_table(doc, styles, measure_headers(i), MEASURE_WIDTHS, [measure_row(m) for m in goal.measures])
        else:
            dx.add_para(doc, styles, t("export.no_measures"), "SIP Note")

    person_acts = [a.text for a in meeting.own_actions if a.who == "person"]
    family_acts = [a.text for a in meeting.own_actions if a.who == "family"]
    dx.add_para(doc, styles, t("export.own_actions"), H1, keep_with_next=True)
    if not person_acts and not family_acts:
        dx.add_para(doc, styles, t("export.none"), "SIP Note")
    if person_acts:
        dx.add_para(doc, styles, t("export.person_does", name=clean_line(plan.person.name)), "SIP Label",
                    keep_with_next=True)
        for text in person_acts:
            dx.add_para(doc, styles, text, "List Bullet")
    if family_acts:
        dx.add_para(doc, styles, t("export.family_does"), "SIP Label", keep_with_next=True)
        for text in family_acts:
            dx.add_para(doc, styles, text, "List Bullet")

    if meeting.third_party_measures:
        dx.add_para(doc, styles, t("export.third_party"), H1, keep_with_next=True)
        add_table(doc, styles, measure_headers(), MEASURE_WIDTHS,
                  [measure_row(m) for m in meeting.third_party_measures])
