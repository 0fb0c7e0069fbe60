"""The kallelse a coordinator sends unchanged: the professionals' version and the
plain-language version for the person and the family, re-opened with python-docx."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from sipmote.cli import main
from sipmote.export import DocKind, export, pick_meeting
from sipmote.export.invite import reply_deadline
from sipmote.export.samples import in_her_words, signoff_plan
from sipmote.model import Meeting, MeetingMode


def _rows(doc) -> list[list[str]]:
    return [[c.text for c in r.cells] for tbl in doc.tables for r in tbl.rows]


def _text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


@pytest.fixture
def plan(today):
    plan = in_her_words(signoff_plan(today, measures=6))
    plan.meetings[-1].date = today + dt.timedelta(days=21)  # Monday 2026-03-23
    return plan


def write(tmp_path, plan, today, kind):
    out = tmp_path / f"{kind}.docx"
    result = export(kind, plan, pick_meeting(plan), docx=out, today=today)
    return Document(str(out)), result


def test_professionals_version_roles_time_agenda_and_reply(tmp_path, plan, today):
    doc, result = write(tmp_path, plan, today, DocKind.invitation)
    assert result.warnings == []
    rows = _rows(doc)
    assert ["Datum för mötet", "2026-03-23 (måndag)"] in rows
    assert ["Tid för mötet", "13:00–14:30"] in rows  # start and end
    assert ["Plats", "Strandskolan, konferensrummet"] in rows
    assert ["Mötesform", "Blandat (fysiskt och på distans)"] in rows
    assert ["Videolänk", "https://video.exempelstad.se/m/4417-2208"] in rows  # the mode is mixed
    roles = {r[0]: r[3] for r in rows if len(r) == 4 and r[0] != "Namn"}
    assert roles["Anna Berg"] == "Leder mötet"
    assert roles["Karin Ek"] == "Antecknar (synligt för alla)"
    assert roles["Elsa Lindqvist"].startswith("Den som planen gäller")
    assert roles["Lars Holm"] == "Informerar om BUP:s bedömning av sömn och oro"  # typed in the preparation
    assert roles["Omar Haddad"] == "Informerar om skolsituationen och skolans stöd"  # from the party's kind
    assert roles["Sofia Nilsson"] == "Informerar om socialtjänstens kontakter och insatser"
    assert all(roles.values())  # nobody without a role
    # the agenda from the agenda file, on the clock
    agenda = [r for r in rows if len(r) == 2 and r[0][:2].isdigit() and "–" in r[0]]
    assert [r[0] for r in agenda] == ["13:00–13:20", "13:20–13:40", "13:40–14:00", "14:00–14:30"]
    assert agenda[0][1].startswith("Lyssna: inledning") and agenda[2][1].startswith("Planera:")
    assert agenda[3][1].startswith("Sammanfattning och avslut: insatserna och vem som ansvarar läses upp")
    assert ["Svara senast", "måndag 16 mars 2026"] in rows  # near the top, where it is seen
    text = _text(doc)
    assert ("Meddela senast måndag 16 mars 2026 vem som deltar från er verksamhet till Anna Berg, Strandskolan "
            "(telefon 08-123 45 67, e-post anna.berg@exempelstad.se).") in text
    assert "utse en ersättare med mandat" in text
    assert "Vad är viktigt för dig? Jag vill gå i skolan hela dagar och må bra igen." in text
    assert "Inte ifyllt" not in text
    assert ["Personnummer", plan.person.personnummer] in rows


def test_family_version_in_plain_words(tmp_path, plan, today):
    plan.long_term_goal = ""  # not answered yet: a question to think about
    doc, _ = write(tmp_path, plan, today, DocKind.invitation_family)
    text = _text(doc)
    assert doc.paragraphs[0].text == "Inbjudan till SIP-möte"
    assert "Hej Elsa och familjen!" in text
    assert "skolan, socialtjänsten och vården" in text
    assert "Måndag 23 mars 2026 klockan 13.00–14.30" in text
    assert "Du kan också vara med via video: https://video.exempelstad.se/m/4417-2208" in text
    assert "Fundera gärna före mötet" in text and "\nVad är viktigt för dig?\n" in text
    assert "Inte ifyllt" not in text
    # what only the professionals are asked
    assert "er verksamhet" not in text and "mandat" not in text and "ersättare" not in text
    assert plan.person.personnummer not in text + str(_rows(doc))
    assert "Anna Berg, biträdande rektor, Strandskolan – leder mötet" in text
    assert "Karin Ek, skolkurator, Strandskolan – skriver det vi bestämmer, så att alla ser det" in text
    assert "Från familjen kommer Maria Lindqvist (mamma) och Johan Lindqvist (pappa)." in text
    # the professionals' typed role is theirs; the family reads plain words
    assert "Lars Holm, psykolog, BUP Exempelstad – berättar om stödet från vården" in text
    assert "Du får be om en paus, eller gå ut en stund, när du vill." in text
    assert ("Hör av er till Anna Berg, Strandskolan (telefon 08-123 45 67, e-post anna.berg@exempelstad.se). "
            "Säg gärna till senast måndag 16 mars 2026 om ni inte kan komma.") in text
    assert "13.00: Alla säger vilka de är." in text and "14.30: Slut." in text
    assert "14.00: Vi går igenom vad vi har bestämt" in text
    # whom to call comes with the practical facts, before "Varför vi ses"
    paras = [p.text for p in doc.paragraphs]
    assert paras.index("Om ni inte kan komma, eller undrar något") < paras.index("Varför vi ses")


def test_family_version_quotes_the_answer_when_there_is_one(tmp_path, plan, today):
    doc, _ = write(tmp_path, plan, today, DocKind.invitation_family)
    text = _text(doc)
    assert "Det här har du sagt är viktigt för dig:\n”Jag vill gå i skolan hela dagar och må bra igen.”" in text
    assert "Fundera gärna" not in text


@pytest.mark.parametrize("meeting_in,reply_by", [
    (21, dt.date(2026, 3, 16)),   # a week before
    (8, dt.date(2026, 3, 3)),     # a week before a Tuesday
    (7, dt.date(2026, 3, 2)),     # a week before is today
    (3, dt.date(2026, 3, 2)),     # today, never the meeting day
    (1, dt.date(2026, 3, 2)),     # the day before
    (0, None),                    # the meeting is today: "snarast"
])
def test_reply_deadline_is_before_the_meeting(today, meeting_in, reply_by):
    m = Meeting(date=today + dt.timedelta(days=meeting_in))
    got = reply_deadline(m, today)
    assert got == reply_by
    if got is not None:
        assert today <= got < m.date and got.weekday() < 5


def test_weekend_deadline_moves_to_friday(today):
    m = Meeting(date=dt.date(2026, 3, 21) + dt.timedelta(days=7))  # a Saturday, a week later
    assert reply_deadline(m, today) == dt.date(2026, 3, 20)  # Friday
    m.reply_by = dt.date(2026, 3, 10)  # chosen in the preparation
    assert reply_deadline(m, today) == dt.date(2026, 3, 10)


def test_gaps_are_told_not_printed(tmp_path, today):
    plan = signoff_plan(today)
    m = plan.meetings[-1]
    m.end_time = None
    m.video_link = ""
    m.reply_to.phone = m.reply_to.email = ""
    m.mode = MeetingMode.video
    doc, result = write(tmp_path, plan, today, DocKind.invitation)
    assert any("videolänk" in w for w in result.warnings)
    assert any("telefon eller e-post att svara till saknas" in w for w in result.warnings)
    assert any("ingen dag kvar att svara" in w for w in result.warnings)  # the meeting is today
    rows = _rows(doc)
    assert ["Tid för mötet", "13:00–14:00"] in rows  # the agenda's 60 minutes
    assert ["Videolänk", "Skickas före mötet"] in rows
    assert "Meddela snarast vem som deltar" in _text(doc)


def test_cli_writes_both_versions(tmp_path, plan, capsys):
    src = tmp_path / "plan.json"
    src.write_text(plan.model_dump_json(), encoding="utf-8")
    pro, fam = tmp_path / "kallelse.docx", tmp_path / "familjen.docx"
    assert main(["invitation", str(src), "--docx", str(pro), "--family", str(fam)]) == 0
    assert Document(str(pro)).paragraphs[0].text == "Kallelse till SIP-möte"
    assert Document(str(fam)).paragraphs[0].text == "Inbjudan till SIP-möte"
    assert "Inbjudan till SIP-möte" in "".join(p.text for p in Document(str(fam)).sections[0].header.paragraphs)


def test_the_demo_plans_kallelse_needs_nothing_filled_in(today):
    """`sipmote demo` is what a new user exports first: its kallelse, as on the day it was sent,
    has the end time, the video link of its mixed meeting and whom to answer (it had none)."""
    from sipmote.demo import demo_plan
    from sipmote.export.invite import gaps

    plan = demo_plan(today)
    m = plan.latest_meeting
    assert m.invitation_sent is not None and m.mode == MeetingMode.mixed
    assert gaps(plan, m, m.invitation_sent) == []
