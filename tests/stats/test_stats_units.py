"""Units and the regional layout as data: the closed lists agree with the model, the user's own
unit file extends the shipped one, and both data files work from an installed wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import get_args

from sipmote import cli
from sipmote.i18n import catalogue
from sipmote.model import (
    ROLES,
    Attendance,
    ConvenedBy,
    DeviationKind,
    GoalCategory,
    GoalRating,
    GoalStatus,
    MeasureStatus,
    Meeting,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    OrgKind,
    Participant,
    Person,
    Plan,
)
from sipmote.stats import figures as F
from sipmote.stats import layout
from sipmote.stats.units import load_units
from sipmote.store import Register

ROOT = Path(__file__).resolve().parents[2]


def values(enum) -> list[str]:
    return [e.value for e in enum]


def test_the_literal_keys_are_the_models_lists():
    assert list(get_args(F.OrgKey)) == [*values(OrgKind), "unspecified"]
    assert list(get_args(F.KindKey)) == values(MeetingKind)
    assert list(get_args(F.ModeKey)) == values(MeetingMode)
    assert list(get_args(F.GoalKey)) == [*values(GoalCategory), "unset"]
    assert list(get_args(F.MeasureStatusKey)) == [*values(MeasureStatus), "unset"]
    assert list(get_args(F.GoalStatusKey)) == values(GoalStatus)
    assert list(get_args(F.RatingKey)) == [*values(GoalRating), "unset"]
    assert list(get_args(F.DeviationKindKey)) == values(DeviationKind)
    assert set(ROLES[OrgKind.family]) <= set(get_args(F.FamilyKey))


def test_the_regional_layout_names_only_real_figures_roles_units_and_labels():
    assert layout.check_paths() == []
    units = load_units()
    for section in layout.region_layout():
        for lang in ("sv", "en"):
            assert f"stats_region.section_{section.key}" in catalogue(lang)
            if section.note:
                assert f"stats_region.{section.note}" in catalogue(lang)
        for row in section.rows:
            assert f"stats_region.{row.key}" in catalogue("sv") and f"stats_region.{row.key}" in catalogue("en")
            assert bool(row.sum) != (row.group is not None), row.key  # one or the other
            g = row.group
            if g is not None:
                allowed = {*ROLES.get(OrgKind(g.party), ()), "other", "unspecified"}
                assert g.roles <= allowed, row.key
                assert (g.units | g.exclude_units) <= set(units.units), row.key


def test_units_from_free_text():
    units = load_units()
    assert [units.key_of(t) for t in ("BUP", "bup gävle", "Habiliteringen i Sandviken", "HAB", "  Familjehälsa ",
                                      "Ungdomsmottagningen", "BVC", "Vuxenpsykiatrin", "", "Strandskolan")] == [
        "bup", "bup", "habilitering", "habilitering", "familjehalsa", "ungdomsmottagning", "bvc",
        "vuxenpsykiatri", "unspecified", "other"]
    assert {u.key for u in units.of_party(OrgKind.regional_health)} >= {
        "habilitering", "bup", "familjehalsa", "ungdomsmottagning", "vardcentral", "bvc", "vuxenpsykiatri"}
    assert units.label("other") == "Annan enhet"


def test_a_users_unit_file_extends_the_list(home, capsys):
    home.mkdir(parents=True)
    (home / "units.toml").write_text(
        '[[unit]]\nkey = "strandskolan"\nparty = "school"\nname = "Strandskolan"\naliases = ["Strand"]\n\n'
        '[[unit]]\nkey = "bup"\nparty = "regional_health"\nname = "BUP Gävleborg"\n\n'
        '[[unit]]\nkey = "Kalle Anka"\nparty = "school"\nname = "x"\n', encoding="utf-8")
    units = load_units(home)
    assert units.key_of("Strand") == "strandskolan" and units.label("bup") == "BUP Gävleborg"
    assert len(units.errors) == 1 and "Enhet nr 3" in units.errors[0]
    plan = Plan(id="unitplan0001", person=Person(name="Elsa"), meetings=[Meeting(
        status=MeetingStatus.held, convened_by=ConvenedBy(org_kind=OrgKind.school, organisation="Strandskolan"),
        participants=[Participant(name="R", org_kind=OrgKind.school, organisation="Strand",
                                  attendance=Attendance.present),
                      Participant(name="K", org_kind=OrgKind.regional_health, organisation="Okänd mottagning",
                                  attendance=Attendance.present)])])
    with Register(home) as reg:
        reg.save(plan)
    code, out, err = cli.main(["--home", str(home), "stats"]), *capsys.readouterr()
    assert code == 0 and "Enhet nr 3" in err and "Kalle" not in out
    rows = [" ".join(ln.split()) for ln in out.splitlines()]
    assert "Strandskolan 1 100 %" in rows  # convened, and present, by the user's own unit
    assert rows.count("Strandskolan 1 100 %") == 2 and "Annan enhet 1 100 %" in rows


def test_the_wheel_ships_the_units_and_the_regional_layout(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    wheel = next(wheels.glob("sipmote-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "sipmote/stats/units.toml" in names and "sipmote/stats/region.toml" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    probe = ("import sipmote.stats as s, sipmote.stats.layout as l;"
             "print(s.__file__); print(len(s.load_units().units), len(l.region_layout()))")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); " + probe],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0].startswith(str(target))
    assert out[1] == f"{len(load_units().units)} {len(layout.region_layout())}"


def test_a_role_typed_as_its_label_counts_as_that_role():
    assert [F.role_key("regional_health", r) for r in ("kurator", "Kurator", " KURATOR ", "Counsellor", "Psykolog",
                                                       "Handläggare", "")] == [
        "kurator", "kurator", "kurator", "kurator", "psykolog", "other", "unspecified"]
    assert F.role_key("social_services", "Socialsekreterare/handläggare") == "socialsekreterare"
    assert F.role_key("school", "Kurator") == "other"  # the school's counsellor is skolkurator
