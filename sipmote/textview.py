"""Plain-text rendering of a plan for the terminal (``sipmote show``).

User text is data: control characters and terminal escape sequences are made
visible instead of being sent to the terminal."""

from __future__ import annotations

import datetime as dt
import re

from sipmote import clock
from sipmote.formats import consent_state, follow_up_text, period_text, when_text
from sipmote.i18n import label, t
from sipmote.lifecycle.edits import situation_from_notes
from sipmote.model import Measure, MeetingKind, Plan

#: bidi overrides, embeddings and isolates reorder everything after them on the line
#: (a name could flip the columns of ``sipmote list``); right-to-left letters stay as they are
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + _BIDI + "]")
#: what JSON may carry raw inside a string but a terminal would obey (C1 such as U+009B = CSI)
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029" + _BIDI + "]")


def safe_text(text: str) -> str:
    """Keep newlines and tabs; show every other control character as <U+XXXX>."""
    return _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def json_safe(text: str) -> str:
    """JSON text with the characters a terminal would act on written as \\uXXXX escapes
    (the same JSON value; C0 controls are escaped by every JSON encoder already)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def safe_line(text: str) -> str:
    return safe_text(text).replace("\n", " ").replace("\t", " ")


def plan_text(plan: Plan, *, reveal: bool = False, today: dt.date | None = None) -> str:
    """The plan as plain text: the person, the questions with the meeting's answers, each
    consent with its state (a withdrawal shows), each meeting with what it decided."""
    today = today or clock.calendar()
    p = plan.person
    pnr_shown = (p.personnummer or "") if reveal else p.masked_personnummer
    out = [
        t("sip.long"),
        f"{safe_line(p.name)}  {pnr_shown}".rstrip(),
        f"{label(plan.status)} · id {plan.id}",
    ]
    if plan.goal_categories:
        out.append("; ".join(label(c) for c in plan.goal_categories))
    if plan.long_term_goal:
        out += ["", t("sip.question"), "  " + safe_text(plan.long_term_goal)]
    if plan.questions:
        out.append("")
        for q in plan.questions:
            out.append(f"  ? {safe_line(q.text)}")
            if q.answered and q.answer.strip():
                out.append(f"    {t('export.answer', answer=safe_line(q.answer))}")
    if plan.consents:
        out += ["", t("life.sec_consent")]
        for c in plan.consents:
            period = period_text(c.valid_from, c.valid_to)
            out.append(f"  {safe_line(c.given_by)} ({label(c.form)}, {period}): {consent_state(c, today)}")
    for m in plan.meetings:
        when = when_text(m.date, m.time)
        out += ["", f"{label(m.kind)} ({m.kva}) · {label(m.status)} · {when} · {safe_line(m.place)}"]
        situation = m.situation.strip() or situation_from_notes(m)  # else the notes per speaker
        if situation:
            out.append(f"  {t('export.situation')}:")
            out += [f"    {safe_line(line)}" for line in situation.splitlines() if line.strip()]
        for g in m.goals:
            out.append(f"  • {safe_line(g.text)} [{label(g.status)}]")
            out += [line for ms in g.measures for line in _measure_lines(ms, m.kind)]
        if m.third_party_measures:
            out.append(f"  • {t('sip.third_party')}")
            out += [line for ms in m.third_party_measures for line in _measure_lines(ms, m.kind)]
        for a in m.own_actions:
            out.append(f"  ◦ {safe_line(a.text)}")
        if m.follow_up.is_set:
            out.append(f"  → {safe_line(follow_up_text(m.follow_up))}")
    return "\n".join(out)


def _measure_lines(ms: Measure, kind: MeetingKind) -> list[str]:
    """A measure and, at a follow-up, its result: status and effect (as the DOCX has them)."""
    resp = safe_line(ms.responsible.display()) or "—"
    lines = [f"      – {safe_line(ms.what)} ({resp})"]
    if kind == MeetingKind.follow_up or ms.status is not None or ms.effect:
        status = label(ms.status) if ms.status is not None else t("sip.not_assessed")
        result = t("sip.measure_result", status=status)
        if ms.effect.strip():
            result += " · " + t("sip.measure_effect", effect=safe_line(ms.effect))
        lines.append(f"          {result}")
    return lines
