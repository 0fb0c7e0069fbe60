"""Seed 000 ("SIP i Skolan – pinnstatistik", 1 March–31 May 2022) as a register, checked row by
row against ``sipmote stats --layout region --with-school``, and merged from two sources.

Every figure the seed states consistently is reproduced, the four convenor units included. Where
the seed leaves a gap or contradicts itself the register chooses, and says so here:

* School convened 116 = "skolan" 31 + bitr. rektor 31 + rektor 25 + elevhälsa 7 (recorded as
  skolkurator 4 + specialpedagog 3: the seed says "kurator eller specialpedagog") + 22 the seed does
  not break down (mentor 10, skolsköterska 12).
* Region convened 19, but its units add up to 17 (8 + 6 + 2 + 1): two region convenors give no unit.
  Social services convened the remaining 17 (socialsekreterare 10, familjebehandlare 5, free text 2).
* Region attended 111, all three parties 55, school + social services without region 5; the rest are
  school + region 56 and school only 36 (the prose "all but 5" contradicts 111 of 152).
* Professions are occasions: "Bitr. rektor/rektor 109" has both roles at ten meetings (role sums 119),
  "Socialsekreterare/…/familjehemssekreterare 37" both at twelve; "Arbetsterapeut/specialpedagog/BVC 3
  (3 av vardera)" is three meetings with one of each.
* Guardians: mother 120, father 70, both 59, father alone 10 (the eleventh father without the mother
  came with a grandmother); eight meetings had another relative (free text) the seed does not list.
* Goals add up to 162 for 152 meetings: ten plans name school absence as a further main goal.
* Decoys the count must leave out: five SIPs without the school (only with --with-school left out),
  held meetings before and after the period, two cancelled and two planned meetings in the period.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from conftest import run_cli as run
from stats_helpers import make_register

from sipmote.model import (
    Attendance,
    ConvenedBy,
    GoalCategory,
    Meeting,
    MeetingKind,
    MeetingStatus,
    OrgKind,
    Participant,
    Person,
    Plan,
    PlanStatus,
)

START = dt.date(2022, 3, 1)
N = 152
ALL3, SCHOOL_SOCIAL, SCHOOL_REGION = range(55), range(55, 60), range(60, 116)
SOCIAL_CONVENED = [*range(12), *SCHOOL_SOCIAL]  # 17
REGION_CONVENED = list(range(60, 79))  # 19
SCHOOL_CONVENED = [i for i in range(N) if i not in SOCIAL_CONVENED and i not in REGION_CONVENED]  # 116
FOLLOW_UPS = range(145, 152)

SCHOOL_CONVENER = ([""] * 31 + ["bitr_rektor"] * 31 + ["rektor"] * 25 + ["skolkurator"] * 4
                   + ["specialpedagog"] * 3 + ["mentor"] * 10 + ["skolskoterska"] * 12)
SOCIAL_CONVENER = ["socialsekreterare"] * 10 + ["familjebehandlare"] * 5 + ["Handläggare"] * 2
# free-text units as people type them: a unit's name plus a place, other case, an alias
REGION_CONVENER = ([("Habiliteringen Gävle", "kurator")] * 8 + [("BUP", "psykolog")] * 6
                   + [("Familjehälsan", "kurator")] * 2 + [("ungdomsmottagningen", "kurator")] + [("", "")] * 2)
# school professions: role -> (first meeting, number of meetings), wrapping round
SCHOOL_PROF = {
    "bitr_rektor": (0, 100), "rektor": (90, 19), "mentor": (10, 98), "specialpedagog": (20, 86),
    "skolkurator": (101, 39), "skolskoterska": (140, 13), "resursperson": (30, 19), "skolpsykolog": (60, 7),
    "fritidslarare": (70, 5), "forskoleteam": (80, 3), "syv": (90, 2),
}
SOCIAL_PROF = {
    "socialsekreterare": range(30), "familjehemssekreterare": range(25, 37), "familjebehandlare": range(32, 60),
    "enhetschef": range(4), "lss_handlaggare": range(3, 6), "ungdomsgrupp": range(10, 15), "kontaktperson": [40],
}
# region slots: (role, unit, how many meetings), handed out in turn over the 111 region meetings
REGION_PROF = [
    ("sjukskoterska", "BUP", 27), ("kurator", "Habiliteringen", 19), ("psykolog", "BUP", 13),
    ("arbetsterapeut+specialpedagog+bvc_skoterska", "BVC", 3), ("lakare", "BUP", 2), ("logoped", "HAB", 1),
    ("", "HAB", 25), ("", "BUP", 20), ("handläggare", "BUP", 3), ("", "Mobila teamet", 5),
]
GOALS = (
    [GoalCategory.school_absence] * 45 + [GoalCategory.safe_home] * 21 + [GoalCategory.safe_schooling] * 20
    + [GoalCategory.mental_health] * 19 + [GoalCategory.school_goals] * 13
    + [GoalCategory.school_transition] * 13 + [GoalCategory.assessment_medication] * 9
    + [GoalCategory.language_growth] * 5 + [GoalCategory.checkin] * 5 + [GoalCategory.behaviour] * 2
)
ALSO_SCHOOL_ABSENCE = frozenset(range(45, 152, 11))  # ten plans whose primary goal is another one


def _region_slots() -> dict[int, list[tuple[str, str]]]:
    meetings = [*ALL3, *SCHOOL_REGION]
    out: dict[int, list[tuple[str, str]]] = {i: [] for i in meetings}
    pos = 0
    for roles, unit, n in REGION_PROF:
        for k in range(n):
            out[meetings[(pos + k) % len(meetings)]] += [(r, unit) for r in roles.split("+")]
        pos += n
    return out


def _family(i: int) -> list[tuple[str, Attendance]]:
    out = []
    if i < 120:
        out.append(("mother", Attendance.present))
    if i < 59 or 120 <= i < 131:
        out.append(("father", Attendance.remote if i % 2 else Attendance.present))
    if i in (130, 131, 132):
        out.append(("relative", Attendance.present))
    if 133 <= i < 141:
        out.append(("family_home", Attendance.present))
    if 141 <= i < 149:
        out.append(("Styvmor", Attendance.present))
    if i == 150:
        out.append(("mother", Attendance.absent_notice))  # an apology is not attendance
    return out


def P(name: str, org: OrgKind, role: str = "", unit: str = "", att: Attendance = Attendance.present,
      **kw) -> Participant:
    return Participant(name=name, org_kind=org, role=role, organisation=unit, attendance=att, **kw)


def seed_meeting(i: int, region: dict[int, list[tuple[str, str]]]) -> Meeting:
    parts = [P(f"Elev {i}", OrgKind.person, "person", att=Attendance.present if i >= 149 else Attendance.invited,
               is_person=True)]
    parts += [P(f"{rel} {i}", OrgKind.family, rel, att=att) for rel, att in _family(i)]
    parts += [P(f"Skola {r} {i}", OrgKind.school, r, "Strandskolan")
              for r, (first, n) in SCHOOL_PROF.items() if (i - first) % N < n]
    parts += [P(f"Soc {r} {i}", OrgKind.social_services, r, "Socialtjänsten barn och unga")
              for r, idx in SOCIAL_PROF.items() if i in idx]
    if i == 20:
        parts.append(P("Skolfam-psykolog", OrgKind.social_services, "psykolog", "Skolfam"))
    if i == 100:
        parts.append(P("Soc uteblev", OrgKind.social_services, "socialsekreterare", att=Attendance.no_show))
    parts += [P(f"Reg {r} {i}", OrgKind.regional_health, r, unit) for r, unit in region.get(i, [])]
    if 116 <= i < 126:
        parts.append(P("Reg frånvarande", OrgKind.regional_health, "", "HAB",
                       Attendance.absent_notice if i < 120 else Attendance.no_show))
    if i in SOCIAL_CONVENED:
        conv = ConvenedBy(org_kind=OrgKind.social_services, organisation="Socialtjänsten",
                          role=SOCIAL_CONVENER[SOCIAL_CONVENED.index(i)])
    elif i in REGION_CONVENED:
        unit, role = REGION_CONVENER[REGION_CONVENED.index(i)]
        conv = ConvenedBy(org_kind=OrgKind.regional_health, organisation=unit, role=role)
    else:
        conv = ConvenedBy(org_kind=OrgKind.school, organisation="Strandskolan",
                          role=SCHOOL_CONVENER[SCHOOL_CONVENED.index(i)])
    return Meeting(kind=MeetingKind.follow_up if i in FOLLOW_UPS else MeetingKind.new, status=MeetingStatus.held,
                   date=START + dt.timedelta(days=i * 3 % 92), convened_by=conv, participants=parts)


def _decoy(pid: str, *, status: MeetingStatus, day: dt.date, school: bool = True) -> Plan:
    parts = [P("Soc", OrgKind.social_services, "socialsekreterare"),
             P("Reg", OrgKind.regional_health, "kurator", "BUP")]
    if school:
        parts.append(P("Skola", OrgKind.school, "rektor"))
    conv = ConvenedBy(org_kind=OrgKind.school if school else OrgKind.social_services)
    return Plan(id=pid, person=Person(name=pid), goal_category=GoalCategory.safe_home,
                meetings=[Meeting(status=status, date=day, convened_by=conv, participants=parts)])


def seed_plans() -> list[Plan]:
    region = _region_slots()
    plans = []
    for i in range(N):
        meetings = []
        if i in FOLLOW_UPS:  # the first meeting was held before the period
            meetings.append(Meeting(status=MeetingStatus.held, date=dt.date(2022, 1, 20),
                                    convened_by=ConvenedBy(org_kind=OrgKind.school, role="rektor"),
                                    participants=[P("Skola", OrgKind.school, "rektor")]))
        meetings.append(seed_meeting(i, region))
        plans.append(Plan(id=f"seed{i:08d}", status=PlanStatus.active, person=Person(name=f"Elev {i}"),
                          goal_category=GOALS[i], meetings=meetings,
                          more_goal_categories=[GoalCategory.school_absence] if i in ALSO_SCHOOL_ABSENCE else []))
    plans += [_decoy(f"noschool{k:04d}", status=MeetingStatus.held, day=dt.date(2022, 4, 1 + k), school=False)
              for k in range(5)]
    plans += [_decoy("june00000001", status=MeetingStatus.held, day=dt.date(2022, 6, 1)),
              _decoy("febr00000001", status=MeetingStatus.held, day=dt.date(2022, 2, 28)),
              _decoy("cancel000001", status=MeetingStatus.cancelled, day=dt.date(2022, 3, 15)),
              _decoy("cancel000002", status=MeetingStatus.cancelled, day=dt.date(2022, 5, 31)),
              _decoy("planned00001", status=MeetingStatus.planned, day=dt.date(2022, 4, 20)),
              _decoy("planned00002", status=MeetingStatus.planned, day=dt.date(2022, 5, 2))]
    return plans


@pytest.fixture(scope="module")
def seed_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("region") / "home"
    make_register(home, seed_plans())
    return home


PERIOD = ("--from", "2022-03-01", "--to", "2022-05-31")
ROW = re.compile(r"^( +)(.+?) {2,}(\d+)(?: +(\d+) %)?$")


def table(out: str) -> dict[str, list[tuple[int, str, int, int | None]]]:
    """{section title: [(indent, label, count, percent or None)]}; notes as (0, note, -1, None)."""
    result: dict[str, list[tuple[int, str, int, int | None]]] = {}
    for block in out.split("\n\n")[1:]:
        title, *lines = block.splitlines()
        rows = []
        for ln in lines:
            m = ROW.match(ln)
            if m:
                rows.append((len(m[1]), m[2], int(m[3]), None if m[4] is None else int(m[4])))
            else:
                rows.append((0, ln, -1, None))
        result[title] = rows
    return result


def pct(n: int) -> int:
    return int(f"{100 * n / N:.0f}")


# the regional count as it should be printed: (indent, label, count, with a percentage?)
EXPECTED: dict[str, list[tuple[int, str, int, bool]]] = {
    "Skolans deltagande på SIP-möte": [
        (2, "Genomförda SIP-möten", 152, False), (4, "varav uppföljningsmöten", 7, True),
        (2, "Skolan kallade till SIP-möte", 116, True), (4, "”Skolan” (funktion ej angiven)", 31, True),
        (4, "Biträdande rektor", 31, True), (4, "Rektor/rektor förskola", 25, True),
        (4, "Elevhälsa (kurator eller specialpedagog)", 7, True), (4, "Annan funktion inom skolan", 22, True),
    ],
    "Socialtjänstens deltagande på SIP-möte": [
        (2, "Socialtjänsten kallade till SIP-möte", 17, True), (4, "Socialsekreterare/handläggare", 10, True),
        (4, "Familjebehandlare", 5, True), (4, "Annan eller ej angiven funktion", 2, True),
        (2, "Socialtjänsten deltog", 60, True), (2, "Kallad person från socialtjänsten kom inte", 1, True),
    ],
    "Regionens deltagande på SIP-möte": [
        (2, "Regionen kallade till SIP-möte", 19, True), (4, "Habiliteringen", 8, True), (4, "BUP", 6, True),
        (4, "Familjehälsa", 2, True), (4, "Ungdomsmottagningen", 1, True),
        (4, "Annan eller ej angiven enhet", 2, True), (2, "Regionen deltog", 111, True),
        (2, "Regionen avbokade eller kom inte utan att meddela frånvaro", 10, True),
    ],
    "Närvarande på SIP-möte": [
        (2, "Alla tre parter närvarande (skola – socialtjänst – region)", 55, True),
        (2, "Skola och socialtjänst utan region", 5, True), (2, "Skola och region utan socialtjänst", 56, True),
    ],
    "Närvarande från skolans sida (tillfällen)": [
        (2, "Bitr. rektor/rektor", 109, False), (2, "Lärare/mentor", 98, False), (2, "Specialpedagog", 86, False),
        (2, "Skolkurator", 39, False), (2, "Skolsköterska", 13, False),
        (2, "Resursperson (elevassistent, lärarassistent, elevcoach)", 19, False), (2, "Skolpsykolog", 7, False),
        (2, "Fritidslärare", 5, False), (2, "Förskoleteam", 3, False), (2, "SYO", 2, False),
        (2, "Annan eller ej angiven funktion", 0, False),
    ],
    "Närvarande från socialtjänstens sida (tillfällen)": [
        (2, "Socialsekreterare/handläggare/familjehemssekreterare, barnrättssekreterare", 37, False),
        (2, "Familjeteam/familjebehandlare/familjestöd", 28, False),
        (2, "Enhetschef/verksamhetschef/Stöd och omsorg/korttidsboende/LSS-handläggare", 6, False),
        (2, "Ungdomsgrupp", 5, False), (2, "Personal från Skolfam (psykolog, specialpedagog)", 1, False),
        (2, "Kontaktperson", 1, False), (2, "Annan eller ej angiven funktion", 0, False),
    ],
    "Närvarande från regionens sida (tillfällen)": [
        (2, "Sjuksköterska/psykiatrisjuksköterska", 27, False), (2, "Kurator", 19, False),
        (2, "Psykolog", 13, False), (2, "Arbetsterapeut/specialpedagog/BVC-sköterska", 3, False),
        (2, "Läkare", 2, False), (2, "Logoped", 1, False),
        (2, "Endast ”HAB” eller ”BUP” angivet (profession saknas)", 45, False),
        (2, "Annan funktion (t.ex. ”handläggare”)", 3, False), (2, "Mobila teamet (profession saknas)", 5, False),
        (2, "Varken profession eller enhet angiven", 0, False),
    ],
    "Deltagare från vårdnadshavare/legal företrädare (tillfällen)": [
        (2, "Modern", 120, True), (4, "varav modern själv", 61, True), (2, "Fadern", 70, True),
        (4, "varav fadern själv", 10, True), (2, "Båda vårdnadshavare", 59, True),
        (2, "Familjehemsrepresentanter/förvaltare", 8, True), (2, "Andra släktingar (mormor, syster)", 3, True),
        (2, "Eleven själv", 3, True), (2, "Ingen vårdnadshavare dök upp", 3, True),
    ],
    "Det huvudsakliga målet med SIP-mötet": [
        (2, "Minska skolfrånvaron/öka närvaron", 55, True),
        (2, "Ha en trygg och bra hemsituation och fritid med goda sociala kontakter", 21, True),
        (2, "Få en fungerande trygg skolgång och bli motiverad till skolan", 20, True),
        (2, "Bättre psykiskt mående", 19, True), (2, "Ökad uppfyllelse att klara skolans mål", 13, True),
        (2, "Planering inför flytt till annat stadium/anpassad studiegång", 13, True),
        (2, "Fråga om utredning och medicinering", 9, True),
        (2, "Utveckla språk och kommunikation, följa vikt- och längdkurva (förskola)", 5, True),
        (2, "Avstämningsmöte eller uppföljningsmöte", 5, True), (2, "Oro för elevens beteende/utbrott", 2, True),
        (2, "Annat eller ej kategoriserat huvudmål", 0, True),
    ],
}
GOALS_NOTE = ("Obs: en SIP kan ha flera huvudmål, så summan av målen blir större än antalet SIP och procenten "
              "mer än 100.")


def test_region_layout_reproduces_seed_000_row_by_row(seed_home, capsys):
    code, out, err = run(capsys, "--home", str(seed_home), "stats", *PERIOD, "--with-school", "--layout", "region")
    assert code == 0, err
    assert out.splitlines()[0] == "SIP-statistik – genomförda SIP-möten, 2022-03-01 – 2022-05-31"
    assert "Bara SIP-möten där skolan var inblandad" in out.splitlines()[1]
    got = table(out)
    assert list(got) == list(EXPECTED)
    for title, rows in EXPECTED.items():
        expected = [(indent, label, n, pct(n) if with_pct else None) for indent, label, n, with_pct in rows]
        if title == "Det huvudsakliga målet med SIP-mötet":
            expected.append((0, GOALS_NOTE, -1, None))
        assert got[title] == expected, title
    # the seed's own percentages
    assert [pct(n) for n in (116, 19, 111)] == [76, 12, 73]
    goals = got["Det huvudsakliga målet med SIP-mötet"]
    assert sum(n for _, _, n, _ in goals if n > 0) == 162  # more than the 152 meetings: the note says why


def test_with_school_leaves_out_the_sips_without_school(seed_home, capsys):
    _, out, _ = run(capsys, "--home", str(seed_home), "stats", *PERIOD, "--format", "json")
    doc = json.loads(out)
    f = doc["figures"]
    assert (f["meetings"], f["cancelled"], doc["with_school"]) == (157, 2, False)
    assert f["parties"]["social_region"] == 5
    _, out, _ = run(capsys, "--home", str(seed_home), "stats", *PERIOD, "--format", "json", "--with-school")
    doc = json.loads(out)
    assert (doc["figures"]["meetings"], doc["with_school"]) == (152, True)
    assert "social_region" not in doc["figures"]["parties"]
    # the detailed layout counts convenors by unit too
    _, out, _ = run(capsys, "--home", str(seed_home), "stats", *PERIOD, "--with-school")
    assert "Vem kallade – per enhet" in out
    units = dict(json.loads(run(capsys, "--home", str(seed_home), "stats", *PERIOD, "--with-school",
                                "--format", "json")[1])["figures"]["convened_unit"]["regional_health"])
    assert units == {"habilitering": 8, "bup": 6, "familjehalsa": 2, "ungdomsmottagning": 1, "unspecified": 2}


def test_merged_sources_print_the_same_regional_table(seed_home, tmp_path, capsys):
    plans = seed_plans()
    home_a, home_b = tmp_path / "a", tmp_path / "b"
    make_register(home_a, plans[0::2])
    make_register(home_b, plans[1::2])
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for home, path, label in ((home_a, a, "Strandskolan, Exempelstad"), (home_b, b, "Björkskolan, Exempelstad")):
        code, _, err = run(capsys, "--home", str(home), "stats", *PERIOD, "--with-school", "--export", str(path),
                           "--source", label)
        assert code == 0, err
    code, merged, err = run(capsys, "stats", "--merge", str(a), str(b), "--layout", "region")
    assert code == 0, err
    assert "Slog samman 2 källor:" in err
    assert "Strandskolan, Exempelstad, 2022-03-01 – 2022-05-31 (export-id " in err
    _, whole, _ = run(capsys, "--home", str(seed_home), "stats", *PERIOD, "--with-school", "--layout", "region")
    lines = merged.splitlines()
    assert lines[2] == "Sammanslagen från 2 källor:"
    assert lines[3].startswith("  Strandskolan, Exempelstad, 2022-03-01 – 2022-05-31 (export-id ")
    assert lines[4].startswith("  Björkskolan, Exempelstad, 2022-03-01 – 2022-05-31 (export-id ")
    assert "\n".join(lines[:2] + lines[5:]) == whole.rstrip("\n")
    # the whole register and a source counted without --with-school do not mix
    c = tmp_path / "c.json"
    run(capsys, "--home", str(home_a), "stats", "--from", "2022-06-01", "--export", str(c), "--source", "Annan")
    code, out, err = run(capsys, "stats", "--merge", str(a), str(c))
    assert code == 2 and out == "" and "--with-school" in err
