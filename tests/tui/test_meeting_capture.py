"""Issue 12 item 1: what is said at the table reaches the plan and the document.

The Lyssna notes per speaker become the nuläge with one key (editable); the
note-taker, the leader and who called the meeting, the answers to the meeting's
questions and an insats's utförare are typed in the meeting; all of it is in the
saved plan and in the exported SIP document."""

from __future__ import annotations

from docx import Document
from test_tui_helpers import FakeClock, make_app, open_register, settle, text_of, type_text

from sipmote.export import DocKind, export
from sipmote.tui.dialogs import FormDialog


def _docx_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


async def _field(pilot, name: str, text: str) -> None:
    """Put the cursor in the form's field ``name`` and type ``text`` there."""
    pilot.app.screen.query_one(f"#f-{name}").focus()
    await pilot.pause()
    await type_text(pilot, text)


async def test_notes_nulage_roles_answers_and_performer_reach_plan_and_document(home, demo, tmp_path, today):
    for p in demo.latest_meeting.participants:
        p.speaker_notes = ""
    demo.latest_meeting.situation = ""
    demo.latest_meeting.secretary = ""
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # Lyssna: notes for the first two speakers
        await pilot.press("e")
        await type_text(pilot, "Jag vill gå i skolan igen.")
        await pilot.press("ctrl+s", "down", "e")
        await type_text(pilot, "Elsa sover dåligt sedan hösten.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # one key builds the nuläge from the notes; it is editable before it is saved
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        area = app.screen.query_one("#f-situation")
        built = area.text
        assert "Jag vill gå i skolan igen." in built and "Elsa sover dåligt sedan hösten." in built
        assert built.index("Jag vill") < built.index("sover dåligt")  # the person first
        await type_text(pilot, " Frånvaron är 60 %.")  # the cursor waits after the built text
        assert area.text == built + " Frånvaron är 60 %."
        await pilot.press("ctrl+s")
        await pilot.pause()
        # the meeting's roles
        await pilot.press("r")
        await pilot.pause()
        await _field(pilot, "secretary", "Karin Ek")
        await _field(pilot, "conv_org", "Strandskolan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Problematisera: the answer to the first question
        await pilot.press("n", "f")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        q1 = demo.questions[0]
        await _field(pilot, f"q{q1.id}", "Ja, med stöd av mentorn från vecka 12.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Ja, med stöd av mentorn från vecka 12." in text_of(app, "#questions")
        # Planera: a goal and an insats with its utförare
        await pilot.press("n", "g")
        await type_text(pilot, "Elsa går till skolan varje dag")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await _field(pilot, "what", "Morgonsamtal")
        await _field(pilot, "organisation", "Strandskolan")
        await _field(pilot, "performer", "Elevassistent Sara")
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.7)
    reg.close()

    reg = open_register(home)
    plan = reg.load(demo.id)
    reg.close()
    m = plan.latest_meeting
    assert m.situation.endswith("Frånvaron är 60 %.") and "Jag vill gå i skolan igen." in m.situation
    assert m.secretary == "Karin Ek" and m.convened_by.organisation == "Strandskolan"
    assert plan.questions[0].answered and plan.questions[0].answer == "Ja, med stöd av mentorn från vecka 12."
    assert m.goals[-1].measures[0].performer == "Elevassistent Sara"
    out = tmp_path / "sip.docx"
    export(DocKind.sip, plan, m, docx=out, today=today)
    text = _docx_text(out)
    for typed in ("Jag vill gå i skolan igen.", "Elsa sover dåligt sedan hösten.", "Frånvaron är 60 %.", "Karin Ek",
                  "Ja, med stöd av mentorn från vecka 12.", "Elevassistent Sara"):
        assert typed in text, typed
    assert "Nuläge i korthet" in text


async def test_the_insats_responsible_is_picked_from_the_participants_by_typing(home, demo):
    """Issue 12 item 6: no retyping who is responsible; 'so' in the verksamhet means Socialtjänst."""
    from sipmote.model import OrgKind

    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n", "g")
        await type_text(pilot, "Elsa sover bättre")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("a")
        await type_text(pilot, "Samtal om sömnen")
        await pilot.press("tab")  # 'Välj bland deltagarna'
        await pilot.press("s", "o", "f")  # typing searches: Sofia Nilsson
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("t")  # a third party's insats: the verksamhet by typing 'so'
        await type_text(pilot, "Fritidsaktivitet")
        app.screen.query_one("#f-org_kind").focus()
        await pilot.press("s", "o")
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.7)
        m = app.screen.meeting
    sofia = next(p for p in demo.latest_meeting.participants if p.name == "Sofia Nilsson")
    measure = m.goals[-1].measures[0]
    assert (measure.responsible.person, measure.responsible.organisation, measure.responsible.org_kind) == (
        "Sofia Nilsson", sofia.organisation, sofia.org_kind)
    assert m.third_party_measures[-1].responsible.org_kind == OrgKind.social_services
    reg.close()
