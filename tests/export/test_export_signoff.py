"""The SIP as it is signed: the sign-off check on stderr, agreement rows in the
signature block, the consent table, the wording, tables on paper, Word 2013 mode."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document
from docx.oxml.ns import qn

from sipmote.cli import main
from sipmote.export import DocKind, export, pick_meeting
from sipmote.export.samples import in_her_words, signoff_plan
from sipmote.export.tables import CELL_MARGINS_CM, SLACK, text_width_cm
from sipmote.model import Agreement, Attendance, ConsentForm, Responsible


def write(tmp_path, plan, today, name="sip.docx"):
    out = tmp_path / name
    result = export(DocKind.sip, plan, pick_meeting(plan), docx=out, today=today)
    return Document(str(out)), result


def table_starting(doc, *headers):
    return next(tbl for tbl in doc.tables if [c.text for c in tbl.rows[0].cells][:len(headers)] == list(headers))


def _bare_plan_file(tmp_path, today):
    plan = signoff_plan(today)
    m = plan.meetings[-1]
    plan.long_term_goal = ""
    m.goals = []
    m.third_party_measures = []
    plan.huvudansvarig = Responsible()
    m.follow_up.date = None
    src = tmp_path / "plan.json"
    src.write_text(plan.model_dump_json(), encoding="utf-8")
    return src


def test_export_names_each_missing_item_on_stderr(tmp_path, today, capsys):
    src = _bare_plan_file(tmp_path, today)
    out = tmp_path / "sip.docx"
    assert main(["export", str(src), "--docx", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    missing = [line.removeprefix("Saknas före underskrift: ") for line in err if line.startswith("Saknas")]
    assert "Det långsiktiga målet (”Vad är viktigt för dig?”) är inte ifyllt" in missing
    assert "Inga delmål är satta" in missing
    assert "Ingen huvudansvarig är utsedd" in missing
    assert "Ingen uppföljning är bokad" in missing
    assert any(m.startswith("Johan Lindqvist deltog på distans") for m in missing)
    assert out.exists()


def test_strict_is_an_error_exit_and_writes_nothing(tmp_path, today, capsys):
    src = _bare_plan_file(tmp_path, today)
    out = tmp_path / "sip.docx"
    assert main(["export", str(src), "--docx", str(out), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "Ingen huvudansvarig är utsedd" in err and "--strict" in err
    assert not out.exists()
    # a complete plan passes --strict
    plan = in_her_words(signoff_plan(today))
    src.write_text(plan.model_dump_json(), encoding="utf-8")
    assert main(["export", str(src), "--docx", str(out), "--strict"]) == 0
    assert "Saknas" not in capsys.readouterr().err


def test_agreement_rows_and_a_block_kept_together(tmp_path, today):
    plan = in_her_words(signoff_plan(today))
    m = plan.meetings[-1]
    omar = next(p for p in m.participants if p.name == "Omar Haddad")
    omar.agreement = Agreement(agrees=False, at=dt.time(14, 25), noted_by="Karin Ek")
    doc, result = write(tmp_path, plan, today)
    assert result.missing == []
    sig = table_starting(doc, "Namn", "Roll och verksamhet", "Underskrift")
    rows = {r.cells[0].text: r.cells[2].text for r in sig.rows[1:]}
    assert rows["Johan Lindqvist"] == "Godkände planen muntligt kl. 14:22 (på distans). Antecknat av Karin Ek."
    assert rows["Omar Haddad"] == "Godkänner inte planen (kl. 14:25). Antecknat av Karin Ek."
    assert rows["Elsa Lindqvist"] == rows["Maria Lindqvist"] == rows["Anna Berg"] == ""  # present: they sign
    # kept together: every row but the last keeps with the next; the heading, the intro and
    # "Ort och datum" (asked once) keep with the table
    keeps = [r.cells[0].paragraphs[0].paragraph_format.keep_with_next for r in sig.rows]
    assert keeps[:-1] == [True] * (len(keeps) - 1) and not keeps[-1]
    tail = doc.paragraphs[-3:]
    assert tail[0].text == "Underskrifter" and tail[2].text.startswith("Ort och datum: ___")
    assert all(p.paragraph_format.keep_with_next for p in tail)
    assert "på distans har godkänt planen muntligt" in tail[1].text  # said only when someone was remote
    next(p for p in m.participants if p.name == "Johan Lindqvist").attendance = Attendance.present
    doc, _ = write(tmp_path, plan, today, name="alla-pa-plats.docx")
    assert "distans" not in doc.paragraphs[-2].text


def test_consent_table_complete(tmp_path, today):
    plan = signoff_plan(today)
    parent, child = plan.consents
    parent.given_by_personnummer = "19800101-0027"
    parent.phone = "070-000 00 02"
    child.documented_by = "Anna Berg"
    doc, _ = write(tmp_path, plan, today)
    tbl = table_starting(doc, "Samtycke från")
    assert [c.text for c in tbl.rows[0].cells] == ["Samtycke från", "Personnummer", "Telefon", "Form", "Gäller",
                                                   "Omfattar"]
    first, second = ([c.text for c in r.cells] for r in tbl.rows[1:])
    assert first[1] == "800101-****"  # masked on the paper copies (see signoff.py)
    assert first[2] == "070-000 00 02"
    assert child.form == ConsentForm.oral and second[3] == "Muntligt\ndokumenterat av Anna Berg"


def test_wording_and_the_template_intro(tmp_path, today):
    plan = signoff_plan(today)
    doc, _ = write(tmp_path, plan, today)
    paras = [p.text for p in doc.paragraphs]
    assert paras[1].startswith("En SIP, samordnad individuell plan, samlar dina behov, dina insatser")
    noticed = next(p for p in paras if p.startswith("☒\u00a0Skola"))
    assert "☐\u00a0Annan:\u00a0______" in noticed  # a line to write on
    part = table_starting(doc, "Namn", "Roll", "Verksamhet")
    assert part.rows[1].cells[1].text == "Den som planen gäller"
    goal_at = paras.index("Vad är viktigt för dig?")
    assert not paras[goal_at + 2].startswith("Huvudsakligt mål")  # not under the child's own goal
    category = next(i for i, p in enumerate(paras) if p.startswith("Huvudsakligt mål (för statistiken)"))
    assert category > paras.index("Avslutning och rapportering")


def test_word_2013_compatibility(tmp_path, today):
    doc, _ = write(tmp_path, signoff_plan(today), today)
    settings = doc.settings.element
    modes = [el.get(qn("w:val")) for el in settings.iter(qn("w:compatSetting"))
             if el.get(qn("w:name")) == "compatibilityMode"]
    assert modes == ["15"]


def test_dates_never_break_and_long_rows_may_split(tmp_path, today):
    plan = signoff_plan(today, measures=4)
    m = plan.meetings[-1]
    m.goals[0].measures[0].what = "Stöd i klassrummet. " * 250  # 5,000 characters
    m.goals[0].measures[1].place = "Öppenvårdsmottagningen"
    doc, _ = write(tmp_path, plan, today)
    tbl = table_starting(doc, "Insats (delmål 1)")
    long_row, short_row = tbl.rows[1], tbl.rows[2]
    assert long_row._tr.trPr.find(qn("w:cantSplit")) is None  # may split: Word never cuts it
    assert short_row._tr.trPr.find(qn("w:cantSplit")) is not None  # a short row stays whole
    start = long_row.cells[2]
    assert start.text == plan.meetings[-1].goals[0].measures[0].start.isoformat()
    assert len(list(start._tc.iter(qn("w:noBreakHyphen")))) == 2 and "-" not in "".join(
        t.text for t in start._tc.iter(qn("w:t")))
    # the place column is wide enough for the compound word at the table's font size (9.5 pt)
    widths = [int(gc.get(qn("w:w"))) / 1440 * 2.54 for gc in tbl._tbl.tblGrid.gridCol_lst]
    need = text_width_cm("Öppenvårdsmottagningen", 9.5) * SLACK + CELL_MARGINS_CM
    assert widths[4] >= need - 0.01
    assert sum(widths) == pytest.approx(17.4, abs=0.05)


def test_remote_participant_without_agreement_is_missing(today):
    from sipmote.summary import missing_before_signoff

    plan = signoff_plan(today)
    m = plan.meetings[-1]
    texts = [x.text() for x in missing_before_signoff(plan, m)]
    assert texts == ["Johan Lindqvist deltog på distans – anteckna om hen godkänner planen (muntligt, klockslag)"]
    next(p for p in m.participants if p.name == "Johan Lindqvist").attendance = Attendance.present
    assert missing_before_signoff(plan, m) == []


def test_short_columns_give_their_room_to_long_text(tmp_path, today):
    plan = signoff_plan(today, measures=2)
    goal = plan.meetings[-1].goals[0]
    goal.measures[0].what = "Samtal med kuratorn om oron på morgnarna och vad som hjälper. " * 6
    doc, _ = write(tmp_path, plan, today)
    tbl = table_starting(doc, "Insats (delmål 1)")
    widths = [int(gc.get(qn("w:w"))) / 1440 * 2.54 for gc in tbl._tbl.tblGrid.gridCol_lst]
    preferred = 4.6  # of 17.4: the insats column gets more than its share, the date columns keep the dates whole
    assert widths[0] > preferred + 0.3
    date_need = text_width_cm("2026-03-02", 9.5) * SLACK + CELL_MARGINS_CM
    assert widths[2] >= date_need - 0.01 and widths[5] >= date_need - 0.01
