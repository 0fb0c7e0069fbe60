"""Benchmark: bulk ``sipmote import`` of N plan files beside one ``sipmote import`` per file.

Run:  .venv/bin/python tests/perf/bench_import.py [N] [SINGLES]

Writes N demo plans (varied ids, ~10 kB each) into a folder, imports the folder in one process
(``python -m sipmote import FOLDER``), then imports SINGLES further files one process each into the
same register (as 0.1.0 had to: one process, one lock, one index write per plan) and prints both
per-plan times. Prints figures; it is not a timed test.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sipmote.demo import demo_plan


def main() -> None:
    args = [a for a in sys.argv[1:] if a.isdigit()]
    n = int(args[0]) if args else 5000
    singles = int(args[1]) if len(args) > 1 else 50
    work = Path(tempfile.mkdtemp(prefix="sipmote-bench-import-"))
    folder, extra, home = work / "plans", work / "singles", work / "home"
    folder.mkdir()
    extra.mkdir()
    base = demo_plan(dt.date(2022, 3, 1))
    for i in range(n + singles):
        plan = base.model_copy(update={"id": f"imp{i:09d}"})
        (folder if i < n else extra).joinpath(f"plan{i:05d}.json").write_text(plan.model_dump_json(), "utf-8")
    size = sum(f.stat().st_size for f in folder.iterdir())
    print(f"{n} plan files, {size / 1e6:.1f} MB, in {folder}")
    env = {**os.environ, "SIPMOTE_HOME": str(home)}

    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "sipmote", "--home", str(home), "import", str(folder)],
                          capture_output=True, text=True, env=env)
    bulk = time.perf_counter() - t0
    print(f"bulk: {bulk:.1f} s for {n} plans ({bulk / n * 1000:.1f} ms per plan), exit {proc.returncode}; "
          f"{proc.stdout.strip().splitlines()[-1]}")

    times = []
    for f in sorted(extra.iterdir()):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sipmote", "--home", str(home), "import", str(f)],
                       capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - t0)
    times.sort()
    print(f"single imports into the register of {n}: {len(times)} processes, per plan "
          f"min {times[0]:.2f} s, median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s "
          f"-> {n} single imports ~ {times[len(times) // 2] * n / 60:.0f} min")


if __name__ == "__main__":
    main()
