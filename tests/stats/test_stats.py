"""sipmote stats: anonymity, period rules, clear answers for bad input, export and merge checks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from enum import Enum

import pytest
from conftest import run_cli as run
from pydantic import BaseModel

from sipmote import stats
from sipmote.model import (
    Attendance,
    CloseReason,
    Closure,
    ConvenedBy,
    Deviation,
    DeviationKind,
    Evaluation,
    FollowUpBooking,
    Goal,
    Measure,
    MeetingKind,
    MeetingStatus,
    Need,
    OrgKind,
    OwnAction,
    Participant,
    PhaseRecord,
    Responsible,
)
from sipmote.store import Register

DAY = dt.date(2022, 4, 5)


def full_plan(demo):
    """The demo plan with every part filled in and its meeting held on DAY."""
    plan = demo.model_copy(deep=True)
    m = plan.meetings[0]
    m.date = DAY
    m.status = MeetingStatus.held
    m.leader, m.secretary, m.notes, m.if_critical = "Leader", "Secretary", "Notes", "If critical"
    m.copies_to = ["Copy one", "Copy two"]
    m.phases = [PhaseRecord(key="lyssna", name="Lyssna", planned_minutes=20, elapsed_seconds=1500, notes="n"),
                PhaseRecord(key="egen fas", name="Egen", planned_minutes=10, elapsed_seconds=300)]
    m.participants.append(Participant(name="Free role", org_kind=OrgKind.regional_health, organisation="Unit",
                                      role="Egen titel", attendance=Attendance.no_show, speaker_notes="said"))
    m.needs = [Need(text="Need", parties="Parties")]
    m.goals = [Goal(text="Goal", status_note="Note", measures=[
        Measure(what="What", responsible=Responsible(org_kind=OrgKind.school, organisation="Org", person="Pers"),
                performer="Performer", frequency="Weekly", place="Place", effect="Effect"),
        Measure(what="Unowned"),
    ])]
    m.third_party_measures = [Measure(what="Third", third_party=True, responsible=Responsible(person="P"))]
    m.own_actions = [OwnAction(text="Own action")]
    m.follow_up = FollowUpBooking(date=DAY + dt.timedelta(days=30), place="Follow-up place")
    m.evaluations = [Evaluation(org_kind=OrgKind.school, answers=[5, 4, 3, None, 2])]
    plan.long_term_goal = "Long-term goal"
    plan.goal_category_other = "Goal other"
    plan.deviations = [Deviation(kind=DeviationKind.other, party="Party", text="Text")]
    plan.closure = Closure(reason=CloseReason.goals_met, date=DAY, informed=["Informed"], where_to_turn="Turn",
                           note="Note")
    return plan


def plant_markers(obj, found: list[str]) -> None:
    """Replace every free-text string (not enums, not the personnummer) by a unique marker."""
    if not isinstance(obj, BaseModel):
        return
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if "personnummer" in name:
            continue
        if isinstance(value, str) and not isinstance(value, Enum):
            marker = f"QZX{len(found):04d}"
            try:
                setattr(obj, name, marker)  # validated: a Literal field keeps its value
            except ValueError:
                continue
            found.append(marker)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str) and not isinstance(item, Enum):
                    value[i] = f"QZX{len(found):04d}"
                    found.append(value[i])
                else:
                    plant_markers(item, found)
        else:
            plant_markers(value, found)


def save(home, *plans) -> None:
    with Register(home) as reg:
        for p in plans:
            reg.save(p)


def test_no_name_personnummer_or_free_text_in_any_output(demo, home, tmp_path, capsys):
    plan = full_plan(demo)
    markers: list[str] = []
    plant_markers(plan, markers)
    assert len(markers) > 60  # names, roles, organisations, notes, goals, measures, phases, consents …
    plan = type(plan).model_validate_json(plan.model_dump_json())  # still a valid plan
    pnr = plan.person.personnummer
    assert pnr and plan.meetings[0].participants[0].role.startswith("QZX")
    save(home, plan)

    outputs = []
    for fmt in ("table", "csv", "json"):
        code, out, err = run(capsys, "--home", str(home), "stats", "--format", fmt)
        assert code == 0, err
        outputs += [out, err]
    export = tmp_path / "export.json"
    run(capsys, "--home", str(home), "stats", "--export", str(export))
    outputs.append(export.read_text())
    export2 = tmp_path / "export2.json"
    run(capsys, "--home", str(home), "stats", "--export", str(export2), "--source", "Strandskolan")
    outputs += list(run(capsys, "stats", "--merge", str(export), str(export2))[1:])
    outputs += list(run(capsys, "stats", "--merge", str(export), str(export2), "--layout", "region")[1:])
    csv_file = tmp_path / "stats.csv"
    stats.write_csv(csv_file, stats.read_export(export))
    outputs.append(csv_file.read_text(encoding="utf-8-sig"))

    assert json.loads(outputs[4])["figures"]["meetings"] == 1
    text = "\n".join(outputs)
    assert "QZX" not in text
    digits = pnr.replace("-", "")
    assert digits not in text.replace("-", "") and pnr[-4:] not in text
    # the free-text role and phase are counted, as categories
    figures = json.loads(export.read_text())["figures"]
    assert figures["absent_any"]["regional_health"] == 1
    assert figures["phases"]["other"]["count"] == 2
    assert figures["professions"]["school"] == {"other": 1}  # roles were replaced by markers


def test_figures_of_a_full_meeting(demo, home, capsys):
    save(home, full_plan(demo))
    _, out, _ = run(capsys, "--home", str(home), "stats", "--format", "json")
    f = json.loads(out)["figures"]
    assert f["meetings"] == 1 and f["kind"] == {"new": 1}
    assert f["parties"] == {"all_three": 1}
    assert f["family"] == {"person": 1, "mother": 1, "father": 1, "two_guardians": 1}
    assert f["no_show"] == {"regional_health": 1}
    assert f["measures"] == {"total": 3, "with_responsible": 2, "per_meeting": {"3": 1}}
    assert f["phases"]["lyssna"] == {"count": 1, "planned_seconds": 1200, "elapsed_seconds": 1500}
    assert f["phases"]["other"] == {"count": 1, "planned_seconds": 600, "elapsed_seconds": 300}
    assert f["evaluations"]["statements"][3] == {"n": 0, "sum": 0}
    assert f["evaluations"]["statements"][0] == {"n": 1, "sum": 5}
    assert f["follow_up_booked"] == 1
    assert f["convened_role"] == {"school": {"bitr_rektor": 1}}
    _code, out, _ = run(capsys, "--home", str(home), "stats")
    assert "Lyssna" in out and "25,0 min" in out and "Annan fas" in out


def test_only_held_meetings_in_the_period_count(demo, home, capsys):
    plan = full_plan(demo)
    m = plan.meetings[0]
    plan.meetings = [
        m.model_copy(update={"id": "m1", "date": dt.date(2022, 3, 1)}),
        m.model_copy(update={"id": "m2", "date": dt.date(2022, 5, 31), "kind": MeetingKind.follow_up}),
        m.model_copy(update={"id": "m3", "date": dt.date(2022, 6, 1)}),
        m.model_copy(update={"id": "m4", "date": dt.date(2022, 4, 1), "status": MeetingStatus.cancelled}),
        m.model_copy(update={"id": "m5", "date": dt.date(2022, 4, 2), "status": MeetingStatus.planned}),
        m.model_copy(update={"id": "m6", "date": None}),
    ]
    save(home, plan)
    _, out, _ = run(capsys, "--home", str(home), "stats", "--from", "2022-03-01", "--to", "2022-05-31",
                    "--format", "json")
    doc = json.loads(out)
    assert doc["period"] == {"from": "2022-03-01", "to": "2022-05-31"}
    f = doc["figures"]
    assert (f["meetings"], f["kind"], f["cancelled"], f["undated"], f["plans"]) == (
        2, {"new": 1, "follow_up": 1}, 1, 1, 1)
    _, out, _ = run(capsys, "--home", str(home), "stats", "--format", "json")
    assert json.loads(out)["figures"]["meetings"] == 4  # no period: every held meeting, dated or not
    _, out, _ = run(capsys, "--home", str(home), "stats", "--from", "2022-06-01")
    assert "2022-06-01 – …" in out and "Antal genomförda SIP-möten" in out


@pytest.mark.parametrize("argv, expected", [
    (["--from", "2022-02-30"], "Ogiltigt datum i --from (från och med): ”2022-02-30”. Skriv datumet som ÅÅÅÅ-MM-DD"),
    (["--to", "31/5"], "Ogiltigt datum i --to (till och med): ”31/5”"),
    (["--from", "2022-05-01", "--to", "2022-03-01"], "Perioden är baklänges: 2022-05-01 ligger efter 2022-03-01."),
    (["--format", "xml"], "ogiltigt val: 'xml' (välj bland 'table', 'csv', 'json')"),  # argparse's choices
    (["--merge", "a.json", "--from", "2022-01-01"], "--from och --to kan inte användas med --merge"),
])
def test_bad_input_gets_a_clear_swedish_message(home, capsys, argv, expected):
    code, out, err = run(capsys, "--home", str(home), "stats", *argv)
    assert code == 2 and out == ""
    assert expected in err and "Traceback" not in err


def test_empty_register_and_empty_period(demo, home, capsys):
    code, out, _ = run(capsys, "--home", str(home), "stats")
    assert code == 0 and out.strip() == "Registret är tomt – det finns inga planer och därför ingen statistik."
    code, out, err = run(capsys, "--home", str(home), "stats", "--format", "json")
    assert json.loads(out)["figures"]["meetings"] == 0 and "Registret är tomt" in err
    save(home, full_plan(demo))
    code, out, _ = run(capsys, "--home", str(home), "stats", "--from", "2030-01-01", "--to", "2030-12-31")
    assert code == 0
    assert out.rstrip().endswith("Inga genomförda SIP-möten under perioden 2030-01-01 – 2030-12-31.")
    code, out, err = run(capsys, "--home", str(home), "stats", "--from", "2030-01-01", "--format", "csv")
    assert "Inga genomförda SIP-möten" in err
    assert next(csv.DictReader(io.StringIO(out)))["antal"] == "0"


def test_english_report(demo, home, capsys):
    save(home, full_plan(demo))
    _code, out, _ = run(capsys, "--home", str(home), "--lang", "en", "stats")
    assert "SIP meetings held" in out and "All three parties: school, social services and region" in out
    assert "25.0 min" in out


def test_merge_refuses_files_that_are_not_statistics(home, tmp_path, capsys, demo):
    save(home, full_plan(demo))
    good = tmp_path / "good.json"
    code, out, _ = run(capsys, "--home", str(home), "stats", "--export", str(good))
    assert code == 0 and "1 möten" in out
    if os.name == "posix":
        assert oct(good.stat().st_mode & 0o777) == "0o600"  # figures of a unit are not for everyone

    plan_file = tmp_path / "plan.json"
    plan_file.write_text(demo.model_dump_json())
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    tampered = tmp_path / "tampered.json"
    doc = json.loads(good.read_text())
    doc["figures"]["family"]["Elsa Lindqvist"] = 1
    tampered.write_text(json.dumps(doc))
    negative = tmp_path / "negative.json"
    doc = json.loads(good.read_text())
    doc["figures"]["meetings"] = -3
    negative.write_text(json.dumps(doc))
    cases = [
        (tmp_path / "missing.json", "Hittar inte filen"),
        (plan_file, "är ingen statistikfil från sipmote"),
        (broken, "är ingen statistikfil från sipmote"),
        (tampered, "innehåller uppgifter som inte hör hemma i en statistikfil"),
        (negative, "innehåller uppgifter som inte hör hemma i en statistikfil"),
    ]
    for path, expected in cases:
        code, out, err = run(capsys, "stats", "--merge", str(good), str(path))
        assert code == 2 and out == "", path
        assert expected in err and str(path) in err and "Traceback" not in err
        assert "Elsa" not in err


def test_merged_export_can_be_merged_again(home, tmp_path, capsys, demo):
    save(home, full_plan(demo))
    period = ["--from", "2022-01-01", "--to", "2022-12-31"]
    one, one_b, three = tmp_path / "one.json", tmp_path / "one_b.json", tmp_path / "three.json"
    for path in (one, one_b, three):  # three laptops with the same plan (unnamed sources)
        run(capsys, "--home", str(home), "stats", *period, "--export", str(path))
    two = tmp_path / "two.json"
    code, out, err = run(capsys, "stats", "--merge", str(one), str(one_b), "--export", str(two))
    assert code == 0, err
    code, out, err = run(capsys, "stats", "--merge", str(two), str(three), "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert len(doc["sources"]) == 3 and doc["figures"]["meetings"] == 3
    assert doc["figures"]["measures"]["total"] == 9
    # the merged file already holds one: merging it again is refused
    code, out, err = run(capsys, "stats", "--merge", str(two), str(one))
    assert code == 2 and out == "" and "samma export" in err and str(one) in err
    other = tmp_path / "other.json"
    run(capsys, "--home", str(home), "stats", "--from", "2023-01-01", "--to", "2023-03-31", "--export", str(other))
    code, out, err = run(capsys, "stats", "--merge", str(one), str(other))
    assert code == 0 and "olika perioder" in err and "2022-01-01 – 2023-03-31" in out


def test_a_corrupt_plan_file_is_reported_and_the_rest_counted(demo, home, capsys):
    plan = full_plan(demo)
    other = plan.model_copy(deep=True, update={"id": "other0000001"})
    save(home, plan, other)
    (home / "plans" / "other0000001.json").write_bytes(b"\x00garbage")
    (home / "backups").mkdir(exist_ok=True)
    for b in (home / "backups").glob("other0000001.*"):
        b.unlink()
    code, out, err = run(capsys, "--home", str(home), "stats", "--format", "json")
    assert code == 0
    assert json.loads(out)["figures"]["meetings"] == 1
    assert "other0000001.json" in err


def test_csv_export_opens_in_a_spreadsheet(demo, tmp_path):
    plan = full_plan(demo)
    figures = stats.collect([plan.model_dump(mode="json")], stats.Period(), phase_keys={"lyssna"})
    path = stats.write_csv(tmp_path / "s.csv", stats.document(figures))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Swedish letters right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["avsnitt", "nyckel", "text", "antal", "procent", "värde"]
    by_key = {r["nyckel"]: r for r in rows}
    assert by_key["meetings"]["antal"] == "1"
    assert by_key["parties.all_three"] == {"avsnitt": "Parterna skola – socialtjänst – region",
                                           "nyckel": "parties.all_three",
                                           "text": "Alla tre parter: skola, socialtjänst och region",
                                           "antal": "1", "procent": "100.0", "värde": ""}
    assert by_key["phase.lyssna.actual"]["värde"] == "25.00"
    assert by_key["measures.with_responsible"]["procent"] == "66.7"


def test_collect_equals_sum_of_parts(demo):
    """Additivity, the property merging relies on."""
    plans = []
    for i in range(6):
        p = full_plan(demo).model_copy(deep=True, update={"id": f"p{i}"})
        p.meetings[0].participants[3].attendance = Attendance.absent_notice if i % 2 else Attendance.present
        p.meetings[0].convened_by = ConvenedBy(org_kind=OrgKind.social_services if i % 3 else None, role="x")
        plans.append(p.model_dump(mode="json"))
    whole = stats.collect(plans, phase_keys={"lyssna"})
    parts = stats.collect(plans[:2], phase_keys={"lyssna"}).add(stats.collect(plans[2:], phase_keys={"lyssna"}))
    assert parts == whole
    assert whole.convened == {"social_services": 4, "unspecified": 2}


def test_every_main_goal_category_of_a_plan_counts_once_per_meeting(demo):
    from sipmote.model import GoalCategory

    two = full_plan(demo)
    two.goal_category = GoalCategory.safe_home
    two.more_goal_categories = [GoalCategory.school_absence, GoalCategory.safe_home, GoalCategory.school_absence]
    assert two.more_goal_categories == [GoalCategory.school_absence]  # the model drops repeats and the primary
    raw = two.model_dump(mode="json")
    tampered = json.loads(json.dumps(raw))
    tampered["id"] = "tampered"
    tampered["more_goal_categories"] = ["school_absence", "safe_home", "school_absence", "Kalle Anka", 7]
    only_more = json.loads(json.dumps(raw))
    only_more["id"] = "only_more"
    only_more["goal_category"] = None
    none = json.loads(json.dumps(raw))
    none["id"] = "none"
    none["goal_category"] = None
    del none["more_goal_categories"]  # a file from before the field existed
    fig = stats.collect([raw, tampered, only_more, none], phase_keys=set())
    assert fig.meetings == 4
    assert fig.goal_category == {"safe_home": 2, "school_absence": 3, "unset": 1}


def test_stats_read_an_encrypted_register(demo, home, tmp_path, monkeypatch, capsys):
    from sipmote.store import crypto

    monkeypatch.setattr(crypto, "SCRYPT", {"n": 2**10, "r": 8, "p": 1})
    crypto.forget_session()
    reg = Register(home).open()
    reg.save(full_plan(demo))
    crypto.encrypt_register(reg, "hemlig fras ett")
    reg.close()
    crypto.forget_session()
    assert b"Lindqvist" not in b"".join(p.read_bytes() for p in (home / "plans").iterdir())
    pw = tmp_path / "pw"
    pw.write_text("hemlig fras ett\n")
    monkeypatch.setenv("SIPMOTE_PASSPHRASE_FILE", str(pw))
    try:
        code, out, err = run(capsys, "--home", str(home), "stats", "--format", "json")
    finally:
        crypto.forget_session()
    assert code == 0, err
    assert json.loads(out)["figures"]["meetings"] == 1


def test_a_malformed_plan_adds_nothing_half_way(demo):
    good = full_plan(demo).model_dump(mode="json")
    bad = json.loads(json.dumps(good))
    bad["id"] = "bad"
    bad["meetings"][0]["participants"].append("not a participant")  # after the meeting was begun
    worse = json.loads(json.dumps(good))
    worse["meetings"][0]["phases"][1]["planned_minutes"] = "tjugo"
    alone = stats.collect([good], phase_keys={"lyssna"})
    assert stats.collect([good, bad, worse], phase_keys={"lyssna"}) == alone
    assert alone.meetings == 1


def test_stats_module_stays_headless():
    import subprocess
    import sys

    code = ("import sys, sipmote.stats, sipmote.cli.stats; "
            "print(sorted(m for m in ('textual', 'docx', 'cryptography') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
