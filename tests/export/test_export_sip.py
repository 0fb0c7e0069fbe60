"""The SIP document: every goal, measure, responsible party, follow-up and
signature row is where a reader looks for it, in a re-opened DOCX."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from sipmote.export import DocKind, ExportError, export, pick_meeting
from sipmote.export.common import responsible_lines
from sipmote.export.samples import follow_up_plan, signoff_plan
from sipmote.model import Attendance, GoalCategory


def tables(doc) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in tbl.rows] for tbl in doc.tables]


def table_with_header(doc, first_header: str, second_header: str | None = None):
    out = []
    for tbl in doc.tables:
        head = [c.text for c in tbl.rows[0].cells]
        first_ok = head[0] == first_header or head[0].startswith(first_header + " (")
        if first_ok and (second_header is None or head[1] == second_header):
            out.append(tbl)
    return out


def paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


@pytest.fixture
def plan(today):
    return signoff_plan(today, measures=6)


def write(tmp_path, plan, today, kind=DocKind.sip, name="sip.docx", **kw):
    out = tmp_path / name
    result = export(kind, plan, pick_meeting(plan), docx=out, today=today, **kw)
    assert result.written == [out]
    return Document(str(out)), result


def test_goals_and_measures_in_their_tables(tmp_path, plan, today):
    plan.more_goal_categories = [GoalCategory.safe_home, GoalCategory.other]  # a SIP with three main goals
    plan.goal_category_other = "Fotboll på fritiden"
    doc, result = write(tmp_path, plan, today)
    assert result.warnings == []
    assert [p for p in paragraphs(doc) if p.startswith("Huvudsakligt mål")] == [
        "Huvudsakligt mål (för statistiken): Minska skolfrånvaron/öka närvaron; "
        "Trygg hemsituation och fritid med goda sociala kontakter; Annat: Fotboll på fritiden"]
    meeting = plan.meetings[-1]
    measure_tables = table_with_header(doc, "Insats", "Ansvarig huvudman / verksamhet / person")
    # one table per goal, then the third-party measures
    assert len(measure_tables) == len(meeting.goals) + 1
    heads = [p for p in paragraphs(doc) if p.startswith("Delmål ")]
    assert heads == [f"Delmål {i}: {g.text}" for i, g in enumerate(meeting.goals, 1)]
    for i, (goal, tbl) in enumerate(zip(meeting.goals, measure_tables[:-1], strict=True), 1):
        assert tbl.rows[0].cells[0].text == f"Insats (delmål {i})"  # says whose table on a new page
        rows = [[c.text for c in r.cells] for r in tbl.rows[1:]]
        assert len(rows) == len(goal.measures)
        for m, row in zip(goal.measures, rows, strict=True):
            assert row == [m.what, responsible_lines(m), m.start.isoformat(), m.frequency, m.place,
                           m.until.isoformat()]
            # huvudman, verksamhet and person each on their own line of the responsible cell
            assert row[1].split("\n")[:3] == [
                {"school": "Kommun", "social_services": "Kommun", "regional_health": "Region"}[
                    m.responsible.org_kind.value],
                m.responsible.organisation, m.responsible.person]
    third = [[c.text for c in r.cells] for r in measure_tables[-1].rows[1:]]
    assert third[0][0] == "Aktivitetsersättning utreds"
    assert third[0][1].split("\n")[:3] == ["Annan", "Försäkringskassan", "Handläggare Per Ek"]


def test_follow_up_huvudansvarig_kva_and_consent(tmp_path, plan, today):
    doc, _ = write(tmp_path, plan, today)
    fu = table_with_header(doc, "Datum", "Tid")
    assert [[c.text for c in r.cells] for r in fu[0].rows[1:]] == [
        [(today + dt.timedelta(days=35)).isoformat(), "13:00", "Strandskolan, konferensrummet"]]
    all_rows = [row for tbl in tables(doc) for row in tbl]
    assert ["Huvudman", "Kommun"] in all_rows
    assert ["Verksamhet", "Strandskolan"] in all_rows
    assert ["Person", "Anna Berg"] in all_rows
    text = "\n".join(paragraphs(doc))
    assert "KVÅ-kod: AUI24 – Upprättande av SIP" in text
    assert "Den enskilde håller med om planen: Ja" in text
    assert "Vad är viktigt för dig?" in text and plan.long_term_goal in text
    for q in plan.questions:
        assert q.text in text
    assert "Jag lägger mobilen i köket klockan 22" in text
    assert "Vi äter frukost tillsammans på skoldagar" in text
    consent = table_with_header(doc, "Samtycke från")[0]
    assert len(consent.rows) == 1 + len(plan.consents)
    dev = table_with_header(doc, "Datum", "Typ")[0]
    assert [c.text for c in dev.rows[1].cells][1:] == ["Kallad part kom inte", "Vårdcentralen Norr",
                                                       "Kallad läkare kom inte och skickade ingen ersättare."]


def test_participants_absent_and_signature_rows(tmp_path, plan, today):
    doc, _ = write(tmp_path, plan, today)
    meeting = plan.meetings[-1]
    present = table_with_header(doc, "Namn", "Roll")[0]
    names = [r.cells[0].text for r in present.rows[1:]]
    assert names == [p.name for p in meeting.participants if p.attendance.attended]
    absent = table_with_header(doc, "Namn", "Roll")[1]
    assert [[c.text for c in r.cells] for r in absent.rows[1:]] == [
        ["Eva Strand", "Sjuksköterska", "Hemsjukvården", "Frånvarande med återbud"],
        ["Nils Berg", "Läkare", "Vårdcentralen Norr", "Kom inte"],
    ]
    sig = table_with_header(doc, "Namn", "Roll och verksamhet")[0]
    assert [c.text for c in sig.rows[0].cells] == ["Namn", "Roll och verksamhet", "Underskrift"]
    rows = [[c.text for c in r.cells] for r in sig.rows[1:]]
    # the person first, the guardians, then every professional who took part; nobody absent
    assert [r[0] for r in rows] == ["Elsa Lindqvist", "Maria Lindqvist", "Johan Lindqvist", "Anna Berg",
                                    "Omar Haddad", "Karin Ek", "Sofia Nilsson", "Lars Holm"]
    assert rows[3][1] == "Biträdande rektor, Strandskolan"
    # room to sign, except Johan, who took part remotely: he cannot sign, and nobody noted his agreement
    assert [r[2] for r in rows] == ["", "", "Deltog på distans – godkännandet är inte antecknat.", "", "", "", "",
                                    ""]
    assert "Ort och datum: ____" in paragraphs(doc)[-1]  # asked once, above the table
    # the signature table is the document's last block
    assert doc.element.body[-2] is sig._tbl


def test_rows_never_split_and_headers_repeat(tmp_path, plan, today):
    doc, _ = write(tmp_path, plan, today)
    for tbl in doc.tables:
        for i, row in enumerate(tbl.rows):
            trPr = row._tr.trPr
            assert trPr is not None and trPr.find(qn("w:cantSplit")) is not None
            is_header = trPr.find(qn("w:tblHeader")) is not None
            # key/value tables have no header row; all others repeat their first row
            if i > 0:
                assert not is_header
    sig = table_with_header(doc, "Namn", "Roll och verksamhet")[0]
    assert sig.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r.height is not None and r.height >= 1.3 * 360000 for r in sig.rows[1:])


def test_header_footer_have_name_date_and_page_fields_not_the_personnummer(tmp_path, plan, today):
    doc, _ = write(tmp_path, plan, today)
    section = doc.sections[0]
    header = "".join(p.text for p in section.header.paragraphs)
    assert "Samordnad individuell plan (SIP)" in header
    assert "Elsa Lindqvist" in header and f"SIP-möte {today.isoformat()}" in header
    assert plan.person.personnummer not in header and "{" not in header
    footer_xml = section.footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    footer = "".join(p.text for p in section.footer.paragraphs)
    assert f"Utskriven {today.isoformat()}" in footer and "Sida" in footer and " av " in footer
    # the full personnummer is on the first page, in "Planen tillhör"
    rows = [row for tbl in tables(doc) for row in tbl]
    assert ["Personnummer", plan.person.personnummer] in rows
    assert doc.core_properties.title == "Samordnad individuell plan (SIP)"
    assert doc.core_properties.author == "sipmote"


def test_hundred_measures_all_in_order(tmp_path, today):
    plan = signoff_plan(today, measures=100)
    doc, result = write(tmp_path, plan, today)
    found = [row[0] for tbl in table_with_header(doc, "Insats", "Ansvarig huvudman / verksamhet / person")
             for row in ([c.text for c in r.cells] for r in tbl.rows[1:])]
    expected = [m.what for m in plan.meetings[-1].all_measures()]
    assert found == expected and len(expected) == 101
    assert result.seconds < 10


def test_follow_up_lists_each_earlier_measure_with_status_and_effect(tmp_path, today):
    plan = follow_up_plan(today)
    doc, _ = write(tmp_path, plan, today)
    text = "\n".join(paragraphs(doc))
    assert "☒ Följa upp en tidigare SIP" in text and "KVÅ-kod: AW010 – Uppföljning av SIP" in text
    tbl = table_with_header(doc, "Delmål", "Insats")[0]
    rows = [[c.text for c in r.cells] for r in tbl.rows[1:]]
    first = plan.meetings[0]
    assert [r[1] for r in rows] == [m.what for m in first.all_measures()]
    assert [r[3] for r in rows[:4]] == ["Genomförd", "Pågår", "Inte genomförd", "Pågår"]
    assert rows[0][4] == "Effekt 1: närvaron ökade" and rows[2][4] == ""
    assert rows[4][3] == "Inte uppföljd"  # the third-party measure got no status
    assert rows[0][0] == first.goals[0].text


def test_english_document(tmp_path, plan, today):
    from sipmote import i18n

    i18n.set_language("en")
    doc, _ = write(tmp_path, plan, today)
    text = "\n".join(paragraphs(doc))
    assert "Short-term goals and measures" in text and "Signatures" in text
    assert "Page" in "".join(p.text for p in doc.sections[0].footer.paragraphs)


def test_written_atomically_private_and_never_overwritten(tmp_path, plan, today):
    out = tmp_path / "sip.docx"
    export(DocKind.sip, plan, plan.meetings[-1], docx=out, today=today)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["sip.docx"]  # no temp file left
    out.write_bytes(b"signed copy")
    with pytest.raises(ExportError, match="finns redan"):
        export(DocKind.sip, plan, plan.meetings[-1], docx=out, today=today)
    assert out.read_bytes() == b"signed copy"
    export(DocKind.sip, plan, plan.meetings[-1], docx=out, today=today, force=True)
    assert Document(str(out)).paragraphs[0].text == "Samordnad individuell plan (SIP)"
    with pytest.raises(ExportError, match="finns inte"):
        export(DocKind.sip, plan, plan.meetings[-1], docx=tmp_path / "nope" / "x.docx", today=today)
    with pytest.raises(ExportError, match="är en mapp"):
        export(DocKind.sip, plan, plan.meetings[-1], docx=tmp_path, today=today)


def test_meeting_choice(plan, today):
    plan = follow_up_plan(today)
    assert pick_meeting(plan).id == "followup0001"
    assert pick_meeting(plan, plan.meetings[0].id[:5]) is plan.meetings[0]
    with pytest.raises(ExportError, match="Hittar inget möte"):
        pick_meeting(plan, "zzz")
    plan.meetings.clear()
    with pytest.raises(ExportError, match="inga möten"):
        pick_meeting(plan)


def test_person_absent_guardian_not_asked_to_sign_when_absent(tmp_path, plan, today):
    meeting = plan.meetings[-1]
    meeting.participants[2].attendance = Attendance.absent_notice  # Johan
    doc, _ = write(tmp_path, plan, today)
    sig = table_with_header(doc, "Namn", "Roll och verksamhet")[0]
    assert "Johan Lindqvist" not in [r.cells[0].text for r in sig.rows]


def test_no_output_is_an_error(plan):
    with pytest.raises(ExportError):
        export(DocKind.sip, plan, plan.meetings[-1])
    with pytest.raises(ExportError, match="samma fil"):
        export(DocKind.sip, plan, plan.meetings[-1], docx=Path("/tmp/a.docx"), pdf=Path("/tmp/a.docx"))


def test_needs_under_their_heading_with_their_questions_the_childs_words_and_an_unassigned_insats(
        tmp_path, plan, today):
    """What the story found missing in the SIP: the needs under a heading of their own, each with
    the numbers of the questions it answers; the child's words under the delmål; an insats
    without a responsible says so in the responsible column, even when someone carries it out."""
    from sipmote.model import Need, Responsible

    meeting = plan.meetings[-1]
    q1, q2 = plan.questions[0], plan.questions[1]
    meeting.needs = [Need(text="Oro på morgnarna", question_ids=[q1.id]),
                     Need(text="Sömnen", question_ids=[q1.id, q2.id]), Need(text="Utan fråga")]
    goal = meeting.goals[0]
    goal.child_words = "Jag är i skolan varje förmiddag."
    lone = goal.measures[0]
    lone.responsible, lone.performer = Responsible(), "Omar Haddad"
    doc, _ = write(tmp_path, plan, today)
    text = paragraphs(doc)
    heading = text.index("Behov som kom fram")
    assert text[heading + 1:heading + 4] == [
        "Oro på morgnarna (frågeställning 1)", "Sömnen (frågeställningarna 1, 2)", "Utan fråga"]
    first = text.index(f"Delmål 1: {goal.text}")
    assert text[first + 1] == f"Så säger {plan.person.name.split()[0]}: »Jag är i skolan varje förmiddag.«"
    row = next(r for r in table_with_header(doc, "Insats", "Ansvarig huvudman / verksamhet / person")[0].rows
               if r.cells[0].text == lone.what)
    assert row.cells[1].text.split("\n") == ["Ingen ansvarig utsedd", "Utförs av: Omar Haddad"]
