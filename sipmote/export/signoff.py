"""The SIP's sign-off part: huvudansvarig, follow-up, consent, reporting,
deviations, closing and the signature block.

The consent table shows who consented (name and relation), the personnummer
masked to the birth date (``YYMMDD-****``), phone, the form (for an oral
consent: who documented it), the period and whom it covers. Masked, because
the signed plan is copied to the child, the family and every party ("alla som
vill får en kopia"): the name, relation and birth date identify the consenting
guardian on paper, while the full number stays where it is needed - in the
register and on the consent form itself (Mall Samtycke). The person's own full
personnummer is printed once, under "Planen tillhör", as the template asks.

The signature block lists the person, the guardians and every professional who
took part. Those present sign; a participant who took part remotely cannot, so
the agreement they gave orally ("godkänner planen", at hh:mm, noted by the
secretary) is printed in their signature cell instead of an empty line. "Ort
och datum" is asked once. Every row keeps with the next, so the block lands on
one page where it fits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.shared import Pt

from sipmote.export import docxlib as dx
from sipmote.export.clean import clean_line
from sipmote.export.common import fmt_date, fmt_time, goal_categories_text, huvudman_of, signature_people
from sipmote.export.styles import Styles
from sipmote.export.tables import add_table, key_value_table
from sipmote.i18n import label, t
from sipmote.model import Attendance, ConsentForm, ConsentRecord, DeviationStatus, Meeting, Participant, Plan
from sipmote.personnummer import mask

H1, H2 = "Heading 1", "Heading 2"
SIGNATURE_WIDTHS = [4.4, 5.2, 7.8]
CONSENT_WIDTHS = [3.6, 2.5, 2.6, 2.9, 2.6, 3.2]


def build_signoff(doc: Any, styles: Styles, plan: Plan, meeting: Meeting, *, today: dt.date) -> None:
    dx.add_para(doc, styles, t("export.huvudansvarig"), H1, keep_with_next=True)
    h = plan.huvudansvarig
    if h.is_set:
        key_value_table(doc, styles, [
            (t("export.col.huvudman"), huvudman_of(h)),
            (t("export.col.organisation"), h.organisation),
            (t("export.col.person"), h.person),
        ])
    else:
        dx.add_para(doc, styles, t("export.not_filled"), "SIP Value")

    dx.add_para(doc, styles, t("export.follow_up"), H1, keep_with_next=True)
    fu = meeting.follow_up
    row = [fmt_date(fu.date), fmt_time(fu.time), fu.place] if fu.is_set or fu.place.strip() \
        else [t("export.not_booked"), "", ""]
    add_table(doc, styles, [t("field.date"), t("field.time"), t("field.place")], [4.0, 3.0, 10.4], [row])
    if meeting.if_critical.strip():
        par = dx.add_label_value(doc, styles, t("export.if_critical"), meeting.if_critical.strip())
        par.paragraph_format.space_before = Pt(6)

    _consent(doc, styles, plan, meeting)
    _reporting(doc, styles, plan, meeting)
    _signatures(doc, styles, plan, meeting)


def consent_row(c: ConsentRecord) -> list[str]:
    who = c.given_by + (f"\n{c.relation}" if c.relation.strip() else "")
    form = label(c.form)
    if c.form == ConsentForm.oral:
        form += "\n" + (t("export.consent_documented_by", name=c.documented_by.strip())
                        if c.documented_by.strip() else t("export.consent_not_documented"))
    valid = f"{fmt_date(c.valid_from)} – {fmt_date(c.valid_to)}".strip()
    if c.withdrawn_on:
        valid += "\n" + t("export.withdrawn", date=fmt_date(c.withdrawn_on))
    return [who, mask(c.given_by_personnummer), c.phone, form, valid, ", ".join(c.parties)]


def _consent(doc: Any, styles: Styles, plan: Plan, meeting: Meeting) -> None:
    dx.add_para(doc, styles, t("export.consent"), H1, keep_with_next=True)
    if not plan.consents:
        dx.add_para(doc, styles, t("export.no_consent"), "SIP Note")
        return
    add_table(doc, styles, [t("export.col.given_by"), t("field.personnummer"), t("export.phone"),
                            t("export.col.form"), t("export.col.valid"), t("export.col.covers")],
              CONSENT_WIDTHS, [consent_row(c) for c in plan.consents])
    if meeting.date and not plan.consent_covers(meeting.date):
        dx.add_para(doc, styles, t("missing.consent"), "SIP Note")


def _reporting(doc: Any, styles: Styles, plan: Plan, meeting: Meeting) -> None:
    dx.add_para(doc, styles, t("export.reporting"), H1, keep_with_next=True)
    dx.add_label_value(doc, styles, t("export.kva"), f"{meeting.kva} – {t('export.kva.' + meeting.kva)}")
    if plan.goal_categories:  # for the statistics: kept away from the child's own goal
        dx.add_label_value(doc, styles, t("export.goal_category"), goal_categories_text(plan))
    agrees = {True: t("export.yes"), False: t("export.no"), None: t("export.not_asked")}[meeting.person_agrees]
    dx.add_label_value(doc, styles, t("export.person_agrees"), agrees)
    if meeting.copies_to:
        dx.add_label_value(doc, styles, t("export.copies_to"), ", ".join(meeting.copies_to))
    devs = [d for d in plan.deviations
            if d.status == DeviationStatus.kept and d.meeting_id in (None, meeting.id)]
    dx.add_para(doc, styles, t("export.deviations"), H2, keep_with_next=True)
    if devs:
        add_table(doc, styles, [t("field.date"), t("field.kind"), t("export.col.party"),
                                t("export.col.description")], [2.4, 4.4, 3.6, 7.0],
                  [[fmt_date(d.created), label(d.kind), d.party, d.text] for d in devs])
    else:
        dx.add_para(doc, styles, t("export.no_deviations"), "SIP Note")

    if plan.closure is not None:
        c = plan.closure
        dx.add_para(doc, styles, t("export.closed"), H2, keep_with_next=True)
        dx.add_label_value(doc, styles, t("export.closed_reason"), f"{label(c.reason)} ({fmt_date(c.date)})")
        if c.where_to_turn.strip():
            dx.add_label_value(doc, styles, t("export.where_to_turn"), c.where_to_turn)


def signature_cell(part: Participant | None) -> str:
    """Empty (room to sign), or the agreement recorded in the meeting for one who cannot sign."""
    if part is None:
        return ""
    a = part.agreement
    remote = part.attendance == Attendance.remote
    if a is None:
        return t("export.sig.remote_unrecorded") if remote else ""
    at = fmt_time(a.at)
    by = clean_line(a.noted_by)
    if not a.agrees:
        text = t("export.sig.disagrees_at", time=at) if at else t("export.sig.disagrees")
    elif a.oral or remote:
        text = t("export.sig.oral_at", time=at) if at else t("export.sig.oral")
    else:
        return ""  # present and agrees: signs on the line
    return text + (" " + t("export.sig.noted_by", name=by) if by else "")


def _signatures(doc: Any, styles: Styles, plan: Plan, meeting: Meeting) -> None:
    dx.add_para(doc, styles, t("export.signatures"), H1, keep_with_next=True)
    remote = any(p.attendance == Attendance.remote for p in meeting.participants)
    intro = t("export.signatures_intro") + (" " + t("export.signatures_remote") if remote else "")
    dx.add_para(doc, styles, intro, "SIP Note", keep_with_next=True)
    dx.add_para(doc, styles, t("export.place_date_line"), "SIP Value", keep_with_next=True)
    rows = [[clean_line(name), role, signature_cell(part)] for name, role, part in signature_people(plan, meeting)]
    add_table(doc, styles, [t("field.name"), t("export.col.role_org"), t("export.col.signature")],
              SIGNATURE_WIDTHS, rows, text_style="SIP Signature", min_height_cm=1.4, keep_together=True)
