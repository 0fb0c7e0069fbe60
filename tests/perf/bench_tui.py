"""The terminal items of the benchmark suite (issue 8 items 1, 2 and 6), each beside a bare
Textual app measured the same way in the same run, in real terminals (tmux).

    python tests/perf/bench_tui.py [startup|keys|rss ...] [--quick]

1. startup: wall time from launching ``sipmote demo`` to the first frame that shows the
   meeting header (``LYSSNA``), polled with ``tmux capture-pane``; the floor is a bare
   Textual app of the same shape (Header, Footer, DataTable, TextArea) launched and polled
   the same way. Runs are interleaved (sipmote, bare, sipmote, ...) so both see the same
   machine load; medians.
2. keys: CPU time (utime+stime of the process, all threads, from /proc) per key press on
   the Planera screen of a plan with 10 and with 100 measures, minus the CPU the same
   process burns idle over the same wall time (clock tick, cursor blink): (a) typing into
   the measure form opened over the Planera table (floor: typing into a bare TextArea),
   (b) moving the table cursor (floor: a bare DataTable with as many rows).
3. rss: peak RSS (VmHWM) of ``sipmote --home H open PLAN`` with 5,000 plans stored, once
   the meeting screen is drawn, beside the bare app.

Measured in tmux: capture-pane for the first frame, /proc CPU time minus the idle tick
for key presses. Not collected by pytest (tests/perf is ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
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
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: a bare Textual app of the meeting screen's shape; argv: rows, focus (table|text), marker
BARE_APP = '''
import os
import sys
from textual.app import App
from textual.widgets import DataTable, Footer, Header, TextArea

ROWS, FOCUS = int(sys.argv[1]), sys.argv[2]
if len(sys.argv) > 3:  # the fair start-up floor (issue 17): sipmote's plan model validates the same plan
    from sipmote.model import Plan

    Plan.model_validate_json(open(sys.argv[3], "rb").read())

class Bare(App):
    BINDINGS = [("ctrl+q", "quit", "Quit"), ("f2", "noop", "Add"), ("f3", "noop", "Goal")]
    # typing: the text is on screen whatever the rows (with 110 rows the table pushed it below
    # the screen and typing drew nothing), as sipmote's form over its table is; the start-up
    # and cursor floors stay as they were
    CSS = "DataTable { height: 1fr; } TextArea { height: 8; }" if FOCUS == "text" else ""

    def compose(self):
        yield Header()
        table = DataTable(cursor_type="row", id="t")
        if os.environ.get("BARE_ROWS"):  # the same rows as sipmote's Planera table: texts, widths, heights
            import json

            shape = json.loads(open(os.environ["BARE_ROWS"], encoding="utf-8").read())
            for label, width in shape["columns"]:
                table.add_column(label, width=width)
            for cells, height in shape["rows"]:
                table.add_row(*cells, height=height)
        else:
            table.add_columns("", "Vad", "Ansvarig", "När", "Hur ofta, var")
            for i in range(ROWS):
                table.add_row(f"Delmål {i}", f"Insats nummer {i}", "Strandskolan, Omar Haddad", "9/3→12/6",
                              "varje vecka, Skolan")
        yield table
        yield TextArea("", id="ta")
        yield Footer()

    def on_mount(self):
        self.title = "BARE-READY"
        self.query_one("#ta" if FOCUS == "text" else "#t").focus()

    def action_noop(self):
        pass

Bare().run()
'''

MARKER = "LYSSNA"  # the first phase's name in the meeting header
BARE_MARKER = "Ansvarig"  # a column header of the bare app's table (drawn in its first frame)
TICK = os.sysconf("SC_CLK_TCK")
#: the benchmark's own tmux server: other sessions on the machine (tests, other users of tmux) neither
#: see its sessions nor shut the server down between two launches ("server exited unexpectedly")
SOCKET = f"sipperf-{os.getpid()}"


def tmux(*args: str) -> list[str]:
    return ["tmux", "-L", SOCKET, *args]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (all threads)


def cpu_seconds_fine(pid: int) -> float:
    """CPU seconds of the live threads of ``pid`` in nanoseconds' resolution (/proc/PID/task/*/schedstat);
    the clock-tick figure of ``cpu_seconds`` is 10 ms coarse, a tenth of the start-up's margin."""
    total = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            total += int((task / "schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return cpu_seconds(pid)
    return total / 1e9 if total else cpu_seconds(pid)


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class Term:
    """One tmux session running ``command`` (exec'd, so the pane pid is the app)."""

    def __init__(self, command: str, cwd: Path, size: tuple[int, int] = (100, 30)) -> None:
        self.name = f"sipperf-{uuid.uuid4().hex[:8]}"
        self.t0 = time.perf_counter()
        subprocess.run([*tmux("new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
                        "-c", str(cwd), f"exec {command}", ";", "set-option", "-t", self.name,
                        "remain-on-exit", "on")], check=True)  # an error stays readable
        self.pid = int(subprocess.check_output(tmux("display", "-p", "-t", self.name, "#{pane_pid}"),
                                               text=True).strip())

    def screen(self) -> str:
        return subprocess.run(tmux("capture-pane", "-p", "-t", self.name), capture_output=True,
                              text=True).stdout

    def wait_for(self, text: str, timeout: float = 60.0, poll: float = 0.005) -> float:
        while time.perf_counter() - self.t0 < timeout:
            if text in self.screen():
                return time.perf_counter() - self.t0
            time.sleep(poll)
        raise RuntimeError(f"{text!r} never appeared:\n{self.screen()}")

    def press_until(self, key: str, text: str, every: float = 3.0, timeout: float = 60.0) -> None:
        """Press ``key`` until ``text`` shows (a key sent with the very first frame may be lost)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.keys(key)
            try:
                self.wait_for(text, timeout=time.perf_counter() - self.t0 + every)
                return
            except RuntimeError:
                continue
        raise RuntimeError(f"{text!r} never appeared after {key!r}:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run(tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys), check=True)

    def close(self) -> None:
        """End the session and wait until the app has exited (it holds the register's lock)."""
        subprocess.run(tmux("kill-session", "-t", self.name), capture_output=True)
        deadline = time.perf_counter() + 10
        while Path(f"/proc/{self.pid}").exists() and time.perf_counter() < deadline:
            try:
                if Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                    break  # exited, not yet reaped
            except OSError:
                break
            time.sleep(0.02)


class Env:
    """A scratch folder with the bare app, and the commands to launch both apps."""

    def __init__(self) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="sipmote-perf-"))
        (self.work / "bare.py").write_text(BARE_APP)
        self.py = sys.executable
        from sipmote.demo import demo_plan

        self.demo_json = self.work / "demo.json"
        self.demo_json.write_text(demo_plan().model_dump_json())
        # An installed sipmote has its bytecode compiled (pip does it), as Textual's and pydantic's
        # here; with PYTHONDONTWRITEBYTECODE set a source tree would be compiled on every launch
        # (about 0.2 s CPU). Compile it once so that both apps are measured as users run them.
        import compileall

        compileall.compile_dir(str(ROOT / "sipmote"), quiet=1)
        self.sipmote = str(Path(self.py).parent / "sipmote")
        # a session that lives as long as the suite: the server stays up between two launches
        subprocess.run(tmux("new-session", "-d", "-s", "keeper", "sleep 86400"), capture_output=True)
        self.prefix = (f"env {os.environ.get('BENCH_EXTRA', '')} SIPMOTE_HOME={self.work / 'home'} "
                       "SIPMOTE_LANG=sv TERM=xterm-256color COLORTERM=truecolor")

    def sip(self, args: str) -> str:
        return f"{self.prefix} {self.sipmote} {args}"

    def bare(self, rows: int = 20, focus: str = "table", model: bool = False, same_rows: Path | None = None) -> str:
        extra = f" {self.demo_json}" if model else ""
        shape = f"BARE_ROWS={same_rows} " if same_rows else ""
        return f"{self.prefix} {shape}PYTHONPATH={ROOT} {self.py} {self.work / 'bare.py'} {rows} {focus}{extra}"

    def cleanup(self) -> None:
        subprocess.run(tmux("kill-server"), capture_output=True)  # this suite's own server only
        shutil.rmtree(self.work, ignore_errors=True)


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


# --------------------------------------------------------------------------- 1. start-up


def startup(env: Env, runs: int) -> dict:
    """Wall seconds to the first frame, and the CPU seconds the process had used by then
    (less sensitive to a busy machine than wall time)."""
    out: dict[str, list[float]] = {k: [] for k in ("sip", "bare", "model", "sip_cpu", "bare_cpu", "model_cpu")}
    for _ in range(runs):  # interleaved: all see the same load
        for key, command, marker in (("sip", env.sip("demo"), MARKER), ("bare", env.bare(), BARE_MARKER),
                                     ("model", env.bare(model=True), BARE_MARKER)):
            t = Term(command, env.work)
            try:
                out[key].append(t.wait_for(marker))
                out[key + "_cpu"].append(cpu_seconds_fine(t.pid))
            finally:
                t.close()
    return out


# --------------------------------------------------------------------------- 2. key presses


def plan_with_measures(n: int):
    from sipmote.export.samples import signoff_plan

    plan = signoff_plan(dt.date.today(), measures=n)
    plan.meetings[-1].third_party_measures = []
    plan.meetings[-1].own_actions = []
    from sipmote.model import Attendance

    for p in plan.meetings[-1].participants:  # attendance taken: the meeting opens on Lyssna, not the roll call
        if p.attendance == Attendance.invited:
            p.attendance = Attendance.present
    plan.id = f"perf{n:08d}"
    return plan


def import_plan(env: Env, plan, home: Path) -> str:
    path = env.work / f"{plan.id}.json"
    path.write_text(plan.model_dump_json())
    subprocess.run([env.sipmote, "--home", str(home), "import", "--replace", str(path)], check=True,
                   capture_output=True)
    return plan.id


def planera_shape(plan, path: Path, size: tuple[int, int] = (100, 30)) -> Path:
    """The Planera table of ``plan`` as sipmote draws it at ``size`` (column labels and widths,
    each row's cells as plain text and its height), written to ``path`` for the same-rows floor."""
    import asyncio
    import json

    from sipmote.store import Register
    from sipmote.tui.app import SipmoteApp

    async def read() -> dict:
        reg = Register(path.parent / "shape-home").open()
        reg.save(plan)
        app = SipmoteApp(register=reg, plan_id=plan.id)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            while "plan-table" not in {w.id for w in app.screen.query("DataTable")} or \
                    not app.screen.query_one("#plan-table").display:
                await pilot.press("n")
                await pilot.pause()
            table = app.screen.query_one("#plan-table")
            shape = {"columns": [(str(c.label), c.width) for c in table.ordered_columns],
                     "rows": [([str(cell) for cell in table.get_row_at(i)], table.ordered_rows[i].height)
                              for i in range(table.row_count)]}
        reg.close()
        return shape

    path.write_text(json.dumps(asyncio.run(read())), encoding="utf-8")
    return path


def key_cost(term: Term, send, n: int, settle: float, idle_s: float) -> float:
    """Idle-corrected CPU ms per key press: ``send(i)`` presses key i. Counted in clock ticks from
    /proc/PID/stat, which includes the threads that have ended (a draft's save runs in a worker
    thread); schedstat is finer but sees only the live threads (tried: it left those out)."""
    time.sleep(0.5)
    c0, w0 = cpu_seconds(term.pid), time.perf_counter()
    time.sleep(idle_s)
    idle_rate = (cpu_seconds(term.pid) - c0) / (time.perf_counter() - w0)
    c0, w0 = cpu_seconds(term.pid), time.perf_counter()
    for i in range(n):
        send(i)
        time.sleep(settle)
    time.sleep(0.4)
    used = cpu_seconds(term.pid) - c0
    wall = time.perf_counter() - w0
    return max(0.0, used - idle_rate * wall) / n * 1000


TYPED = "insats med stöd varje vecka "


def keys(env: Env, sizes: tuple[int, ...], presses: int, idle_s: float, rounds: int) -> dict:
    """Per size: {'type': [...], 'move': [...]} for sipmote and the bare floors (ms per key)."""
    out: dict = {}
    home = env.work / "home-keys"
    typing = lambda t: (lambda i: t.keys(TYPED[i % len(TYPED)], literal=True))  # noqa: E731
    moving = lambda t: (lambda i: t.keys("Down" if (i // 10) % 2 == 0 else "Up"))  # noqa: E731
    for n in sizes:
        plan = plan_with_measures(n)
        rows = n + max(1, min(5, n // 2))  # measures + goal rows
        res = {"sip_type": [], "bare_type": [], "sip_move": [], "bare_move": [], "same_move": []}
        same = planera_shape(plan, env.work / f"planera-{n}.json")
        for _ in range(rounds):
            pid = import_plan(env, plan, home)  # afresh: the last round saved its phase
            t = Term(env.sip(f"--home {home} open {pid}"), env.work)
            try:
                t.wait_for(MARKER)
                t.press_until("n", "PROBLEMATISERA")
                t.press_until("n", "PLANERA")
                res["sip_move"].append(key_cost(t, moving(t), presses, 0.02, idle_s))
                t.keys("a")
                t.wait_for("Huvudman/part")  # the measure form is open
                res["sip_type"].append(key_cost(t, typing(t), presses, 0.02, idle_s))
                t.keys("Escape")
            finally:
                t.close()
            t = Term(env.bare(rows, "table"), env.work)
            try:
                t.wait_for(BARE_MARKER)
                res["bare_move"].append(key_cost(t, moving(t), presses, 0.02, idle_s))
            finally:
                t.close()
            t = Term(env.bare(rows, "table", same_rows=same), env.work)
            try:
                t.wait_for(BARE_MARKER)
                res["same_move"].append(key_cost(t, moving(t), presses, 0.02, idle_s))
            finally:
                t.close()
            t = Term(env.bare(rows, "text"), env.work)
            try:
                t.wait_for(BARE_MARKER)
                res["bare_type"].append(key_cost(t, typing(t), presses, 0.02, idle_s))
            finally:
                t.close()
        out[n] = res
    return out


# --------------------------------------------------------------------------- 6. peak RSS


def rss(env: Env, home: Path, plan_id: str, runs: int) -> dict:
    """Peak RSS of sipmote with the meeting open, of the bare app, and of the bare app that has
    imported sipmote's plan model and validated the plan (pydantic's share, a fixed choice)."""
    out: dict[str, list[int]] = {"sip": [], "bare": [], "model": []}
    for _ in range(runs):
        t = Term(env.sip(f"--home {home} open {plan_id}"), env.work)
        try:
            t.wait_for(MARKER)
            time.sleep(1.0)  # let anything started on mount finish
            out["sip"].append(peak_rss_kib(t.pid))
        finally:
            t.keys("C-q")
            time.sleep(0.3)
            t.close()
        for key, model in (("bare", False), ("model", True)):
            t = Term(env.bare(model=model), env.work)
            try:
                t.wait_for(BARE_MARKER)
                time.sleep(1.0)
                out[key].append(peak_rss_kib(t.pid))
            finally:
                t.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("items", nargs="*", default=["startup", "keys"], choices=["startup", "keys", "rss"])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is missing")
        return 1
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run_all

    return run_all.main([{"startup": "1", "keys": "2", "rss": "6"}[i] for i in args.items], quick=args.quick)


if __name__ == "__main__":
    sys.exit(main())
