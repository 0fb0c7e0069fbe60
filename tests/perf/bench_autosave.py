"""Autosave cost vs register size (issue 2 / issue 8 item 3). Run by hand:

    .venv/bin/python tests/perf/bench_autosave.py [--sizes 10,1000,5000] [--saves 200]

Prints the median and p95 time of one autosave (one edit to one plan) with N plans
stored, the ratio to the smallest register, and, as a floor in the same run, a plain
``atomic_write`` of the same bytes (the least any durable save can cost), and, for
contrast, TinyDB's own JSONStorage holding the same plans (what a naive design pays).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sipmote.demo import demo_plan
from sipmote.model import Goal, Measure, Responsible
from sipmote.store import Register
from sipmote.store.atomic import atomic_write


def realistic_plan(i: int):
    p = demo_plan()
    p.id = f"bench{i:07d}"
    p.person.name = f"Person {i}"
    m = p.meetings[0]
    for g in range(3):
        m.goals.append(Goal(text=f"Delmål {g}", measures=[
            Measure(what=f"Insats {g}.{k}", responsible=Responsible(organisation="Skolan", person="X"))
            for k in range(3)]))
    return p


def fill(home: Path, n: int) -> Register:
    reg = Register(home).open()
    base = realistic_plan(0)
    raw = base.model_dump_json()
    # write plan files directly (fast), then let the register build its index once
    for i in range(n):
        pid = f"bench{i:07d}"
        (home / "plans" / f"{pid}.json").write_text(raw.replace(base.id, pid).replace("Person 0", f"Person {i}"))
    reg.summaries()
    return reg


def time_saves(fn, saves: int) -> list[float]:
    out = []
    for k in range(saves):
        t0 = time.perf_counter()
        fn(k)
        out.append(time.perf_counter() - t0)
    return out


def fmt(samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=20)
    return f"median {statistics.median(samples) * 1000:7.2f} ms   p95 {q[18] * 1000:7.2f} ms"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,1000,5000")
    ap.add_argument("--saves", type=int, default=200)
    ap.add_argument("--tinydb", action="store_true", help="also time TinyDB's JSONStorage")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plan = realistic_plan(1)
        floor_path = tmp / "floor.json"
        floor = time_saves(lambda k: atomic_write(floor_path, plan.model_dump_json().encode()), args.saves)
        print(f"floor: atomic_write of one plan ({len(plan.model_dump_json())} B): {fmt(floor)}")
        for n in sizes:
            reg = fill(tmp / f"r{n}", n)
            p = reg.load("bench0000001")

            def edit(k, p=p, reg=reg):
                p.long_term_goal = f"Jag vill ... {k}"
                reg.save(p)

            samples = time_saves(edit, args.saves)
            results[n] = statistics.median(samples)
            print(f"sipmote autosave, {n:5d} plans stored: {fmt(samples)}   "
                  f"x{results[n] / results[sizes[0]]:.2f} of {sizes[0]} plans, "
                  f"x{results[n] / statistics.median(floor):.2f} of the floor")
            reg.close()
            if args.tinydb:
                from tinydb import TinyDB

                db = TinyDB(tmp / f"tiny{n}.json")
                docs = [realistic_plan(i).model_dump(mode="json") for i in range(min(n, 1))] * n
                db.insert_multiple(docs)
                tiny = time_saves(lambda k, db=db: db.update({"long_term_goal": f"x{k}"}, doc_ids=[1]),
                                  max(5, args.saves // 20))
                print(f"  TinyDB JSONStorage,  {n:5d} plans:    {fmt(tiny)}")
                db.close()


if __name__ == "__main__":
    main()
