"""Benchmark: ``sipmote stats`` over 5,000 generated plans beside a plain ``json.load``.

Run:  /tmp/venv/bin/python tests/perf/bench_stats.py [N] [--keep DIR]

Prints figures (best of 5, warm page cache); it is not a timed test. The plans
are the demo plan filled in (phases, goals, measures, evaluations) and varied
per plan: 1-3 meetings, who attends, who convened, goal category, dates over
a year. Files are written straight into ``plans/`` (as ``Register.save``
would) so generating 5,000 does not take minutes.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sipmote import cli, stats
from sipmote.demo import demo_plan
from sipmote.model import (
    ROLES,
    Evaluation,
    FollowUpBooking,
    Goal,
    GoalCategory,
    Measure,
    MeetingStatus,
    OrgKind,
    PhaseRecord,
    Responsible,
)
from sipmote.store import Register

ATT = ["present", "present", "present", "remote", "absent_notice", "no_show"]


def template() -> dict:
    plan = demo_plan(dt.date(2022, 3, 1))
    m = plan.meetings[0]
    m.status = MeetingStatus.held
    m.phases = [PhaseRecord(key=k, name=k.title(), planned_minutes=20, elapsed_seconds=1300, notes="Anteckning " * 20)
                for k in ("lyssna", "problematisera", "planera")]
    m.goals = [Goal(text=f"Delmål {g}: Elsa kommer till skolan varje morgon", measures=[
        Measure(what=f"Insats {g}.{k}: morgonstöd och kontakt med mentor", frequency="varje vecka", place="Skolan",
                responsible=Responsible(org_kind=OrgKind.school, organisation="Strandskolan", person="Anna Berg"))
        for k in range(2)]) for g in range(3)]
    m.follow_up = FollowUpBooking(date=dt.date(2022, 6, 1), place="Strandskolan")
    m.evaluations = [Evaluation(org_kind=OrgKind.school, answers=[5, 4, 4, 3, 5]) for _ in range(4)]
    plan.long_term_goal = "Jag vill gå i skolan och träffa mina kompisar."
    return plan.model_dump(mode="json")


def generate(home: Path, n: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    base = template()
    goals = [g.value for g in GoalCategory]
    orgs = ["school", "school", "school", "social_services", "regional_health"]
    with Register(home) as reg:
        for i in range(n):
            plan = copy.deepcopy(base)
            plan["id"] = f"b{i:011d}"
            plan["goal_category"] = rnd.choice(goals)
            first = plan["meetings"][0]
            meetings = []
            for j in range(rnd.choice((1, 1, 2, 3))):
                m = copy.deepcopy(first)
                m["id"] = f"{plan['id']}m{j}"
                m["kind"] = "new" if j == 0 else "follow_up"
                m["date"] = (dt.date(2022, 1, 1) + dt.timedelta(days=rnd.randrange(365))).isoformat()
                m["status"] = rnd.choice(("held", "held", "held", "cancelled", "planned"))
                org = rnd.choice(orgs)
                m["convened_by"] = {"org_kind": org, "organisation": "Enheten",
                                    "role": rnd.choice(ROLES[OrgKind(org)] + ("",))}
                for p in m["participants"]:
                    p["attendance"] = rnd.choice(ATT)
                meetings.append(m)
            plan["meetings"] = meetings
            reg.plan_path(plan["id"]).write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")


def best(fn, repeat: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> None:
    args = sys.argv[1:]
    n = int(args[0]) if args and args[0].isdigit() else 5000
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    home = keep or Path(tempfile.mkdtemp(prefix="sipmote-bench-stats-")) / "home"
    if not (home / "plans").is_dir() or len(os.listdir(home / "plans")) < n:
        t0 = time.perf_counter()
        generate(home, n)
        print(f"generated {n} plans in {time.perf_counter() - t0:.1f} s into {home}")
    files = sorted((home / "plans").glob("*.json"))
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} plan files, {size / 1e6:.1f} MB ({size / len(files) / 1e3:.1f} kB each)")

    def plain_json() -> None:
        for f in sorted(os.listdir(home / "plans")):
            with open(home / "plans" / f, "rb") as fh:
                json.load(fh)

    def plain_json_bytes() -> None:
        for f in sorted(os.listdir(home / "plans")):
            with open(home / "plans" / f, "rb") as fh:
                json.loads(fh.read())

    period = stats.parse_period("2022-03-01", "2022-05-31")

    def core() -> None:
        reg = Register(home)
        stats.register_stats(reg, period)

    def command() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli.main(["--home", str(home), "stats", "--from", "2022-03-01", "--to", "2022-05-31"]) == 0

    def pydantic_load() -> None:
        reg = Register(home)
        for f in sorted(os.listdir(home / "plans")):
            reg.load(f[:-5])

    plain_json()  # warm the page cache
    cases = [("plain json.load of every plan file", plain_json),
             ("plain json.loads(file bytes) of every plan file", plain_json_bytes),
             ("stats.register_stats (read + count)", core),
             ("sipmote stats (cli.main, in process, table)", command),
             ("for reference: Register.load (pydantic) of every plan", pydantic_load)]
    times: dict[str, list[float]] = {label: [] for label, _ in cases}
    for _ in range(5):  # interleaved, so a busy machine slows every case alike
        for label, fn in cases:
            t0 = time.perf_counter()
            fn()
            times[label].append(time.perf_counter() - t0)
    base = min(times[cases[0][0]])
    print(f"\n{'':54} {'best':>8} {'median':>8} {'vs json':>8}")
    for label, _ in cases:
        b, m = min(times[label]), statistics.median(times[label])
        print(f"{label:54} {b:7.3f}s {m:7.3f}s {b / base:7.2f}x")

    from sipmote.model import Plan

    plans = [Plan.model_validate_json((home / "plans" / f).read_bytes()) for f in sorted(os.listdir(home / "plans"))]
    b, m = best(lambda: stats.collect(plans, period), 5)
    print(f"{'counting only (stats.collect on validated plans)':54} {b:7.3f}s {m:7.3f}s")

    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "sipmote", "--home", str(home), "stats", "--from", "2022-03-01",
                           "--to", "2022-05-31"], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    meetings = next((ln.split()[-1] for ln in proc.stdout.splitlines() if "Antal genomförda SIP-möten" in ln), "?")
    print(f"\nsubprocess `python -m sipmote stats --from 2022-03-01 --to 2022-05-31`: {wall:.3f}s wall "
          f"(incl. interpreter start and imports), exit {proc.returncode}, {meetings} meetings counted")


if __name__ == "__main__":
    main()
