""""Min plan": one page for the child, plain words, large type.

What matters to me, my goals, what I will do, what the adults will do (the
summary's readback per party), when we meet next. The page must stay one page
however large the plan is: items are shortened and, when there are too many,
the last ones in the longest list are folded into "… and N more".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sipmote.export import docxlib as dx
from sipmote.export.clean import clean_line
from sipmote.export.common import fmt_time, long_date
from sipmote.formats import first_name
from sipmote.i18n import t
from sipmote.model import GoalStatus, Meeting, OrgKind, Plan
from sipmote.summary import readback

#: a rough page model at the template's sizes: ~50 characters per body line and
#: ~30 body lines of room once the title and the headings are placed
CHARS_PER_LINE = 50
LINE_BUDGET = 27
ITEM_CHARS = 120


@dataclass
class Section:
    heading: str
    items: list[str] = field(default_factory=list)
    bullets: bool = True
    folded: int = 0

    def lines(self) -> int:
        n = sum(max(1, -(-len(i) // CHARS_PER_LINE)) for i in self.items)
        return n + (1 if self.folded else 0)


def _short(text: str, n: int = ITEM_CHARS) -> str:
    s = clean_line(text)
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _party_line(party: str, items: list[str]) -> str:
    """``Skolan: a; b (+ 7 till)`` - whole items only, within ITEM_CHARS."""
    shown: list[str] = []
    for i, item in enumerate(items):
        rest = len(items) - i - 1
        more = t("export.min.party_more", n=rest) if rest else ""
        line = f"{party}: " + "; ".join([*shown, item])
        if shown and len(line) + len(more) + 1 > ITEM_CHARS:
            break
        shown.append(item)
    hidden = len(items) - len(shown)
    more = " " + t("export.min.party_more", n=hidden) if hidden else ""
    return _short(f"{party}: " + "; ".join(shown), ITEM_CHARS - len(more)) + more


def sections(plan: Plan, meeting: Meeting) -> list[Section]:
    out = [Section(t("export.min.matters"), [_short(plan.long_term_goal, 200) or "–"], bullets=False)]
    goals = [_short(g.text) for g in meeting.goals if g.status == GoalStatus.active and g.text.strip()]
    if goals:
        out.append(Section(t("export.min.goals"), goals))
    mine = [_short(a.text) for a in meeting.own_actions if a.who == "person" and a.text.strip()]
    mine += [_short(m.what) for g in meeting.goals if g.status == GoalStatus.active for m in g.measures
             if m.responsible.org_kind == OrgKind.person and m.what.strip()]
    out.append(Section(t("export.min.i_do"), mine or ["–"]))
    adults = []
    for party in readback(plan, meeting):
        if party.org_kind == OrgKind.person:
            continue
        items = [clean_line(i) for i in party.items if i.strip()]
        if items:
            adults.append(_party_line(clean_line(party.party), items))
    out.append(Section(t("export.min.adults_do"), adults or ["–"]))
    fu = meeting.follow_up
    if fu.date:
        when = long_date(fu.date) + (t("export.min.at", time=fmt_time(fu.time).replace(":", ".")) if fu.time else "")
        nxt = [when] + ([_short(fu.place, 80)] if fu.place.strip() else [])
    else:
        nxt = [t("export.min.not_booked")]
    out.append(Section(t("export.min.next"), nxt, bullets=False))
    h = plan.huvudansvarig
    if h.is_set:
        out.append(Section(t("export.min.ask"), [_short(h.display(), 80)], bullets=False))
    fit(out)
    return out


def fit(secs: list[Section], budget: int = LINE_BUDGET) -> None:
    """Fold the tail of the longest list until the page model fits."""
    while sum(s.lines() for s in secs) > budget:
        candidates = [s for s in secs if s.bullets and len(s.items) > 1]
        if not candidates:
            break
        longest = max(candidates, key=lambda s: s.lines())
        longest.items.pop()
        longest.folded += 1


def build_min_plan(doc, styles: dx.Styles, plan: Plan, meeting: Meeting, *, today: dt.date) -> None:
    dx.add_para(doc, styles, t("export.min.title", name=clean_line(first_name(plan.person.name))), "Min plan Title")
    for sec in sections(plan, meeting):
        dx.add_para(doc, styles, sec.heading, "Min plan Heading", keep_with_next=True)
        style = "Min plan Item" if sec.bullets else "Min plan Text"
        for item in sec.items:
            dx.add_para(doc, styles, item, style)
        if sec.folded:
            dx.add_para(doc, styles, t("export.min.more", n=sec.folded), "Min plan Text")
