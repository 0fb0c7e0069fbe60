"""Start-up and key-press cost of the meeting screen, beside a bare Textual app of
similar shape (Header, Footer, DataTable, TextArea), measured in the same run in
real terminals (tmux). Not part of the test run; prints figures.

    python tests/perf/meeting_perf.py [--runs 5] [--keys 100]

1. Start-up: wall time from launching the process to the first frame that shows
   the meeting (``LYSSNA``) or the bare app's table header, polled with
   ``tmux capture-pane`` every 5 ms. Median of --runs.
2. CPU per key press: the process's CPU time (utime+stime from /proc, all
   threads) over --keys presses of Down/Up on the Planera table (5 goals x 3
   measures), minus the CPU the same process uses idle over the same wall time
   (the 1 s clock tick), divided by the number of presses. Also the cost of
   opening and closing the measure form (a then Esc), beside a bare modal with
   eight Label+Input rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BARE_APP = '''
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, Label, TextArea

class Form(ModalScreen):
    BINDINGS = [("escape", "app.pop_screen", "Close")]

    def compose(self):
        with Vertical():
            for i in range(8):
                with Horizontal():
                    yield Label(f"Fält {i}")
                    yield Input(compact=True)

class Bare(App):
    CSS = "Form Horizontal { height: 1; } Form Vertical { height: auto; width: 70; }"
    BINDINGS = [("ctrl+q", "quit", "Quit"), ("a", "form", "Add"), ("g", "noop", "Goal")]

    def action_form(self):
        self.push_screen(Form())

    def compose(self):
        yield Header()
        table = DataTable(cursor_type="row")
        table.add_columns("", "Namn", "Ansvarig", "När", "Hur ofta, var")
        for i in range(20):
            table.add_row(f"Delmål {i}", f"Insats nummer {i}", "Strandskolan, Omar Haddad", "9/3→12/6",
                          "varje vecka, Skolan")
        yield table
        yield TextArea("anteckningar")
        yield Footer()

    def on_mount(self):
        self.query_one(DataTable).focus()

    def action_noop(self):
        pass

Bare().run()
'''

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


class Term:
    def __init__(self, command: str, cwd: Path, size=(100, 30)) -> None:
        self.name = f"perf-{uuid.uuid4().hex[:8]}"
        self.t0 = time.perf_counter()
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
                        "-c", str(cwd), command], check=True)
        self.pid = int(subprocess.check_output(["tmux", "display", "-p", "-t", self.name, "#{pane_pid}"],
                                               text=True).strip())

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True,
                              text=True).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        while time.perf_counter() - self.t0 < timeout:
            if text in self.screen():
                return time.perf_counter() - self.t0
            time.sleep(0.005)
        raise RuntimeError(f"{text!r} never appeared:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def prepared_plan_json(path: Path) -> str:
    from sipmote.demo import demo_plan
    from sipmote.model import Goal, Measure, OrgKind, Responsible

    plan = demo_plan(dt.date.today())
    m = plan.latest_meeting
    m.goals = [Goal(text=f"Delmål {g}: Elsa gör något konkret", measures=[
        Measure(what=f"Insats {g}.{k}", responsible=Responsible(org_kind=OrgKind.school, organisation="Strandskolan",
                                                                  person="Omar Haddad"),
                start=dt.date.today(), frequency="varje vecka", place="Skolan") for k in range(3)])
        for g in range(5)]
    path.write_text(plan.model_dump_json())
    return plan.id


def key_cost(term: Term, presses: list[str], settle: float = 0.03) -> tuple[float, float]:
    """(CPU ms per press, idle-corrected CPU ms per press)."""
    time.sleep(1.0)
    idle0, w0 = cpu_seconds(term.pid), time.perf_counter()
    time.sleep(2.0)
    idle_rate = (cpu_seconds(term.pid) - idle0) / (time.perf_counter() - w0)
    c0, w0 = cpu_seconds(term.pid), time.perf_counter()
    for key in presses:
        term.keys(key)
        time.sleep(settle)
    time.sleep(0.5)
    used = cpu_seconds(term.pid) - c0
    wall = time.perf_counter() - w0
    n = len(presses)
    return used / n * 1000, max(0.0, used - idle_rate * wall) / n * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keys", type=int, default=100)
    args = ap.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is missing")
        return 1
    py = sys.executable
    sipmote = str(Path(py).parent / "sipmote")
    work = Path(tempfile.mkdtemp(prefix="sipmote-perf-"))
    (work / "bare.py").write_text(BARE_APP)
    home = work / "home"
    env = f"env SIPMOTE_HOME={home} TERM=xterm-256color"

    print(f"python {sys.version.split()[0]}, textual {__import__('textual').__version__}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")

    # 1. start-up to the first frame, interleaved so both see the same machine load
    demo_t, bare_t = [], []
    for _ in range(args.runs):
        t = Term(f"{env} {sipmote} demo", work)
        demo_t.append(t.wait_for("LYSSNA"))
        t.close()
        t = Term(f"{env} {py} {work / 'bare.py'}", work)
        bare_t.append(t.wait_for("Ansvarig"))
        t.close()
    print(f"start-up to first frame, median of {args.runs} (min–max):")
    print(f"  sipmote demo      {statistics.median(demo_t) * 1000:7.0f} ms  "
          f"({min(demo_t) * 1000:.0f}–{max(demo_t) * 1000:.0f})")
    print(f"  bare Textual app  {statistics.median(bare_t) * 1000:7.0f} ms  "
          f"({min(bare_t) * 1000:.0f}–{max(bare_t) * 1000:.0f})")

    # 2. CPU per key press on the Planera table
    plan_file = work / "plan.json"
    plan_id = prepared_plan_json(plan_file)
    subprocess.run([sipmote, "--home", str(home), "import", str(plan_file)], check=True, capture_output=True)
    moves = ["Down", "Up"] * (args.keys // 2)
    t = Term(f"{env} {sipmote} --home {home} open {plan_id}", work)
    t.wait_for("LYSSNA")
    t.keys("n")
    t.keys("n")
    t.wait_for("PLANERA")
    sip_raw, sip_net = key_cost(t, moves)
    form_raw, form_net = key_cost(t, ["a", "Escape"] * 10, settle=0.25)
    t.keys("C-q")
    time.sleep(0.5)
    t.close()
    t = Term(f"{env} {py} {work / 'bare.py'}", work)
    t.wait_for("Ansvarig")
    bare_raw, bare_net = key_cost(t, moves)
    bare_form_raw, bare_form_net = key_cost(t, ["a", "Escape"] * 10, settle=0.25)
    t.close()
    print(f"CPU per key press (Down/Up x {len(moves)}), raw / minus idle tick:")
    print(f"  sipmote Planera   {sip_raw:6.2f} / {sip_net:6.2f} ms")
    print(f"  bare Textual app  {bare_raw:6.2f} / {bare_net:6.2f} ms")
    print("CPU per key press, open and close a form (a, Esc) x 10:")
    print(f"  sipmote measure form (8 fields)     {form_raw:6.2f} / {form_net:6.2f} ms")
    print(f"  bare modal with 8 Label+Input rows  {bare_form_raw:6.2f} / {bare_form_net:6.2f} ms")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
