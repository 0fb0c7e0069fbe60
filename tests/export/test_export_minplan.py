""""Min plan" in the child's words: every goal, the child's "Jag …", the plan's text
as a fallback with the secretary told."""

from __future__ import annotations

from docx import Document

from sipmote.export import DocKind, export
from sipmote.export.samples import in_her_words, signoff_plan


def write(tmp_path, plan, today):
    out = tmp_path / "min.docx"
    result = export(DocKind.min_plan, plan, plan.meetings[-1], docx=out, today=today)
    return [p.text for p in Document(str(out)).paragraphs], result


def section(text: list[str], heading: str) -> list[str]:
    start = text.index(heading) + 1
    end = next((i for i in range(start, len(text)) if text[i].startswith("Det här") or text[i] in (
        "Mina mål", "Nästa gång vi ses", "Om du undrar något kan du fråga")), len(text))
    return text[start:end]


def test_every_goal_in_her_words(tmp_path, today):
    plan = in_her_words(signoff_plan(today, measures=12, goals=8))
    text, result = write(tmp_path, plan, today)
    assert result.warnings == []  # nothing fell back to the plan's text
    goals = plan.meetings[-1].goals
    assert len(goals) == 8
    assert section(text, "Mina mål") == [g.child_words for g in goals]
    assert all(g.startswith(("Jag", "Mamma och jag")) for g in section(text, "Mina mål"))
    adults = section(text, "Det här gör de vuxna")
    assert "Lars hjälper mig med sömnen." in adults
    assert not any("BUP Exempelstad" in a or "Strandskolan:" in a for a in adults)
    # each adult's items together, each line once
    firsts = [a.split()[0] for a in adults]
    assert all(firsts.index(f) == i or firsts[i - 1] == f for i, f in enumerate(firsts))
    assert len(adults) == len(set(adults))
    assert "Vi äter frukost tillsammans på skoldagar" in section(text, "Det här gör min familj")
    assert not any("till)" in x or "saker till" in x for x in text)
    assert text[0] == "Min plan – Elsa"


def test_fallback_to_the_plan_text_tells_the_secretary(tmp_path, today):
    plan = in_her_words(signoff_plan(today, measures=12, goals=8))
    m = plan.meetings[-1]
    m.goals[1].child_words = ""
    m.goals[6].child_words = ""
    m.goals[0].measures[0].child_words = ""
    text, result = write(tmp_path, plan, today)
    assert section(text, "Mina mål")[1] == m.goals[1].text  # shown, in the plan's words
    assert len(section(text, "Mina mål")) == 8
    assert ("Min plan: delmål 2, 7 saknar barnets egna ord – planens text används. "
            "Skriv hur barnet säger det (”Jag …”).") in result.warnings
    assert "Min plan: 1 av 13 insatser saknar barnets egna ord – planens text används." in result.warnings
    first = m.goals[0].measures[0]
    assert f"{first.responsible.person}, {first.responsible.organisation}: {first.what}" in text


def test_a_hundred_measures_are_all_shown(tmp_path, today):
    plan = signoff_plan(today, measures=100)
    text, _ = write(tmp_path, plan, today)
    for m in plan.meetings[-1].all_measures():
        assert any(m.what in line for line in text)
