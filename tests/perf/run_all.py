"""sipmote's benchmark suite (issue 8): every figure beside its floor measured in the same run.

    python tests/perf/run_all.py            # everything (about 6 minutes on 2 cores)
    python tests/perf/run_all.py --quick    # fewer repeats (about 3 minutes)
    python tests/perf/run_all.py --only 1,6 # some items

Items (each also runnable alone with --only N):
  1  start-up of `sipmote demo` to the first meeting frame in tmux vs a bare Textual app of the
     same shape (Header, Footer, DataTable, TextArea)                        goal <= 1.15x
  2  CPU per key press on the Planera screen, 10 and 100 measures, vs a bare TextArea (typing)
     and a bare DataTable (cursor moves)                     goal <= 1.3x, no growth with size
  3  autosave of one edit with 10 / 1,000 / 5,000 plans stored   goal: 5,000 <= 1.5x of 10
  4  DOCX export of a 100- and a 500-measure plan vs bare python-docx filling the same tables
                                                                    goal <= 1.5x, linear
  5  `sipmote stats` over 5,000 plans vs json.load of the same files       goal <= 2x
  6  peak RSS (VmHWM) of the meeting screen with 5,000 plans stored vs the bare app  goal <= 1.3x
     (also shown beside the bare app + plan model: pydantic's share, for information)
  7  CPU from the key to the first frame of the preparation, follow-up, statistics and export
     screens vs pushing a bare screen with the same visible widgets             goal <= 1.3x
  8  the register with 5,000 plans: opening it and each key of a search vs a bare DataTable
     with the same 5,000 rows                                                 goal <= 1.3x
Start-up is also shown beside "bare app + import of the plan model + validation of the same plan"
(goal <= 1.15x; pydantic is a fixed choice). Needs tmux for items 1, 2 and 6.
Prints figures; it is not a test (pytest ignores tests/perf).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

ROWS: list[tuple] = []  # (item, what, figure, floor, unit, ratio, goal, ok)


def row(item: str, what: str, value: float, floor: float, unit: str, goal: float | None,
        floor_name: str = "") -> None:
    ratio = value / floor if floor else float("inf")
    ok = None if goal is None else ratio <= goal
    ROWS.append((item, what, value, floor, unit, ratio, goal, ok))
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    goal_s = f"goal <= {goal:.2f}x" if goal is not None else ""
    print(f"  {what:44} {value:9.2f} {unit:3} | floor {floor:9.2f} {unit:3} {floor_name:18} "
          f"{ratio:6.2f}x  {goal_s:14} {verdict}", flush=True)


def spread(values: list[float], scale: float = 1000) -> str:
    return f"{min(values) * scale:.0f}-{max(values) * scale:.0f}"


# --------------------------------------------------------------------------- items


def item1(q: bool, env) -> None:
    import bench_tui

    runs = 7 if q else 25  # the floor spreads by a fifth between launches: a median of many
    print(f"\n1. start-up to the first meeting frame (tmux 100x30, interleaved, median of {runs})")
    r = bench_tui.startup(env, runs)
    print(f"   sipmote demo {spread(r['sip'])} ms, bare app {spread(r['bare'])} ms, "
          f"bare app + plan model {spread(r['model'])} ms (min-max)")
    med = bench_tui.median_ms
    row("1", "sipmote demo -> first frame", med(r["sip"]), med(r["model"]), "ms", 1.15, "bare + plan model")
    row("1", "sipmote demo -> first frame", med(r["sip"]), med(r["bare"]), "ms", None, "bare Textual app")
    row("1", "  CPU used by the first frame", med(r["sip_cpu"]), med(r["model_cpu"]), "ms", 1.15,
        "bare + plan model")
    row("1", "  CPU used by the first frame (info)", med(r["sip_cpu"]), med(r["bare_cpu"]), "ms", None,
        "bare Textual app")


def item2(q: bool, env) -> None:
    import bench_tui

    presses, idle, rounds = (60, 1.0, 1) if q else (200, 2.0, 3)
    print(f"\n2. CPU per key press on Planera, idle-corrected, {presses} keys x {rounds} round(s), median")
    res = bench_tui.keys(env, (10, 100), presses, idle, rounds)
    for n, r in res.items():
        row("2", f"typing in measure form, {n} measures", statistics.median(r["sip_type"]),
            statistics.median(r["bare_type"]), "ms", 1.3, "bare TextArea")
        row("2", f"table cursor Down/Up, {n} measures", statistics.median(r["sip_move"]),
            statistics.median(r["bare_move"]), "ms", 1.3, "bare DataTable")
        row("2", "  the same, beside the same rows (info)", statistics.median(r["sip_move"]),
            statistics.median(r["same_move"]), "ms", None, "bare, same rows")
    small, big = res[10], res[100]
    row("2", "growth typing 100 vs 10 measures", statistics.median(big["sip_type"]),
        statistics.median(small["sip_type"]), "ms", 1.3, "sipmote, 10")
    row("2", "growth cursor 100 vs 10 measures", statistics.median(big["sip_move"]),
        statistics.median(small["sip_move"]), "ms", 1.3, "sipmote, 10")


def item3(q: bool, env) -> None:
    import bench_autosave as ba

    from sipmote.store.atomic import atomic_write

    saves = 60 if q else 200
    print(f"\n3. autosave of one edit (median of {saves} saves; fsync per save)")
    tmp = env.work / "autosave"
    tmp.mkdir()
    plan = ba.realistic_plan(1)
    floor_path = tmp / "floor.json"
    regs = {n: ba.fill(tmp / f"r{n}", n) for n in (10, 1000, 5000)}
    plans = {n: reg.load("bench0000001") for n, reg in regs.items()}
    samples: dict = {n: [] for n in regs}
    floor: list[float] = []
    for k in range(saves):  # interleaved: one save each in turn
        t0 = time.perf_counter()
        atomic_write(floor_path, plan.model_dump_json().encode())
        floor.append(time.perf_counter() - t0)
        for n, reg in regs.items():
            p = plans[n]
            t0 = time.perf_counter()
            p.long_term_goal = f"Jag vill ... {k}"
            reg.save(p)
            samples[n].append(time.perf_counter() - t0)
    for reg in regs.values():
        reg.close()
    med = {n: bench_median(s) for n, s in samples.items()}
    row("3", "autosave, 10 plans stored", med[10], bench_median(floor), "ms", None, "atomic_write")
    row("3", "autosave, 1,000 plans stored", med[1000], med[10], "ms", 1.5, "autosave, 10")
    row("3", "autosave, 5,000 plans stored", med[5000], med[10], "ms", 1.5, "autosave, 10")


def bench_median(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def item4(q: bool, env) -> None:
    import bench_export as be

    from sipmote.export import DocKind, render
    from sipmote.export.samples import signoff_plan

    runs = 3 if q else 7
    today = dt.date(2026, 3, 2)
    print(f"\n4. DOCX export (whole SIP document) vs bare python-docx filling the same tables, median of {runs}")
    med = {}
    for n in (100, 500):
        plan = signoff_plan(today, measures=n)
        meeting = plan.meetings[-1]
        render(DocKind.sip, plan, meeting, today=today)  # warm: imports, template cache
        be.bare(plan, via_cell=False)
        sip, bare = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            render(DocKind.sip, plan, meeting, today=today)
            sip.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            be.bare(plan, via_cell=False)
            bare.append(time.perf_counter() - t0)
        med[n] = (bench_median(sip), bench_median(bare))
        row("4", f"sipmote SIP document, {n} measures", med[n][0], med[n][1], "ms", 1.5, "bare python-docx")
    # linear: going from 100 to 500 measures costs sipmote no more (relatively) than bare python-docx
    row("4", "scaling 500/100 measures (sipmote)", med[500][0] / med[100][0], med[500][1] / med[100][1],
        "x", 1.5, "scaling of bare")


def stats_home(env) -> Path:
    home = env.work / "home5000"
    if not (home / "plans").is_dir():
        import bench_stats

        t0 = time.perf_counter()
        bench_stats.generate(home, 5000)
        print(f"   (generated 5,000 plans in {time.perf_counter() - t0:.1f} s)")
    return home


def item5(q: bool, env) -> None:
    from sipmote import cli

    runs = 3 if q else 5
    print(f"\n5. `sipmote stats` over 5,000 plans vs json.load of the same files, interleaved, median of {runs}")
    home = stats_home(env)
    plans = home / "plans"

    def plain() -> None:
        for f in sorted(os.listdir(plans)):
            with open(plans / f, "rb") as fh:
                json.load(fh)

    def command() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli.main(["--home", str(home), "stats", "--from", "2022-01-01", "--to", "2022-12-31"]) == 0

    plain()  # warm the page cache
    a, b = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        plain()
        a.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        command()
        b.append(time.perf_counter() - t0)
    row("5", "sipmote stats (cli.main, in process)", bench_median(b), bench_median(a), "ms", 2.0, "json.load loop")


def item6(q: bool, env) -> None:
    import bench_tui

    from sipmote.demo import demo_plan

    runs = 3 if q else 5
    print(f"\n6. peak RSS (VmHWM) with the meeting screen open, 5,000 plans stored, median of {runs}")
    home = stats_home(env)
    pid = bench_tui.import_plan(env, demo_plan(), home)  # also builds the index once, as a user's would be
    r = bench_tui.rss(env, home, pid, runs)
    row("6", "sipmote open PLAN, 5,000 plans stored", statistics.median(r["sip"]) / 1024,
        statistics.median(r["bare"]) / 1024, "MiB", 1.3, "bare Textual app")
    row("6", "  the same (info)", statistics.median(r["sip"]) / 1024,
        statistics.median(r["model"]) / 1024, "MiB", None, "bare + plan model")
    row("6", "  bare + plan model (info)", statistics.median(r["model"]) / 1024,
        statistics.median(r["bare"]) / 1024, "MiB", None, "bare Textual app")


def item7(q: bool, env) -> None:
    import bench_screens as bs

    runs = 5 if q else 9
    print(f"\n7. CPU from the key to the first frame of a screen (Pilot 100x30, interleaved, median of {runs})")
    for name, r in bs.run_screens(runs, env.work).items():
        print(f"   {name}: {r['built']} widgets built, {r['visible']} visible (floor: {r['leaves']} plain "
              f"widgets); first open (imports) {r['first'] * 1000:.0f} ms")
        row("7", f"open {name}", bs.med_ms(r["sip"]), bs.med_ms(r["floor"]), "ms", 1.3, "bare same widgets")


def item8(q: bool, env) -> None:
    import bench_screens as bs

    runs = 3 if q else 5
    print(f"\n8. the register with 5,000 plans (Pilot 100x30, CPU, interleaved, median of {runs}; "
          f"search '{bs.SEARCH}')")
    r = bs.run_register(runs)
    row("8", "open the register, 5,000 plans", bs.med_ms(r["sip_open"]), bs.med_ms(r["floor_open"]), "ms", 1.3,
        "bare DataTable 5000")
    row("8", "one key of a search, 5,000 plans", bs.med_ms(r["sip_key"]), bs.med_ms(r["floor_key"]), "ms", 1.3,
        "bare DataTable 5000")


ITEMS = {"1": item1, "2": item2, "3": item3, "4": item4, "5": item5, "6": item6, "7": item7, "8": item8}
TMUX_ITEMS = {"1", "2", "6"}


def main(only: list[str] | None = None, quick: bool = False) -> int:
    import bench_tui
    import textual

    only = only or list(ITEMS)
    if TMUX_ITEMS & set(only) and shutil.which("tmux") is None:
        print("tmux is missing: items 1, 2 and 6 need it")
        return 1
    print(f"sipmote benchmark suite: python {sys.version.split()[0]}, textual {textual.__version__}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, {'quick' if quick else 'full'}, "
          f"{dt.datetime.now():%Y-%m-%d %H:%M}")
    print("  each line: figure | floor measured in the same run, ratio, goal")
    env = bench_tui.Env()
    t0 = time.perf_counter()
    try:
        for key in only:
            ITEMS[key](quick, env)
    finally:
        env.cleanup()
    print(f"\nsummary ({time.perf_counter() - t0:.0f} s, load {os.getloadavg()[0]:.2f}):")
    for item, what, _value, _floor, _unit, ratio, goal, ok in ROWS:
        verdict = "-" if ok is None else ("ok" if ok else "MISSED")
        print(f"  {item}  {what:44} {ratio:6.2f}x  {f'<= {goal:.2f}x' if goal else '':9} {verdict}")
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats")
    ap.add_argument("--only", default="", help="comma-separated item numbers, e.g. 1,6")
    a = ap.parse_args()
    sys.exit(main([s.strip() for s in a.only.split(",") if s.strip()] or None, quick=a.quick))
