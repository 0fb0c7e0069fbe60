"""What was said round the table reaches the plan even when the secretary never built the nuläge
(issue 12 item 1): `sipmote show` and the SIP document print the notes per speaker under
"Nuläge i korthet"; a nuläge written in the meeting wins."""

from __future__ import annotations

from docx import Document

from sipmote.export import export
from sipmote.textview import plan_text


def _with_notes(demo):
    m = demo.latest_meeting
    m.situation = ""
    m.participants[0].speaker_notes = "Vill ha lugn i klassen"
    m.participants[1].speaker_notes = "Sover dåligt på söndagar"
    return demo


def _docx_text(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_show_and_the_document_print_the_notes_per_speaker(demo, tmp_path):
    plan = _with_notes(demo)
    text = plan_text(plan)
    assert "Nuläge i korthet:" in text
    assert "Vill ha lugn i klassen" in text and "Sover dåligt på söndagar" in text
    out = tmp_path / "sip.docx"
    export("sip", plan, plan.latest_meeting, docx=out)
    doc = _docx_text(out)
    assert "Vill ha lugn i klassen" in doc and "Sover dåligt på söndagar" in doc


def test_a_written_nulage_wins(demo, tmp_path):
    plan = _with_notes(demo)
    plan.latest_meeting.situation = "Elsa trivs med mentorn."
    assert "Elsa trivs med mentorn." in plan_text(plan)
    assert "Sover dåligt" not in plan_text(plan)
    out = tmp_path / "sip.docx"
    export("sip", plan, plan.latest_meeting, docx=out)
    doc = _docx_text(out)
    assert "Elsa trivs med mentorn." in doc and "Sover dåligt på söndagar" not in doc
