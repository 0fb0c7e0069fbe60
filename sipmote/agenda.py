"""Meeting structures as data, and the phase clock. No Textual here.

An agenda is a TOML file (see ``agenda/README.md``)::

    name = "SIP-möte 20-20-20"
    [[phase]]
    key = "lyssna"
    name = "Lyssna"
    minutes = 20
    body = "listen"          # which view the meeting screen shows
    prompts = ["Alla presenterar sig och sin roll", "..."]

Shipped agendas live in ``resources.agenda_dir()``; the user may add their own
in ``<data folder>/agenda/`` (a user file with the same id replaces a shipped one).

``PhaseClock`` keeps time per phase with an injected monotonic clock and
writes its account into ``Meeting.phases`` / ``Meeting.current_phase``, so a
saved plan resumes at the same phase with the elapsed time kept.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sipmote import clock as wall_clock
from sipmote.errors import SipmoteError
from sipmote.i18n import t
from sipmote.model import Meeting, MeetingStatus, PhaseRecord

#: the views the meeting screen knows; an agenda phase names one of them
BODIES = ("listen", "problem", "plan", "review", "notes")


class AgendaError(SipmoteError):
    """A missing or malformed agenda file; ``message`` names the file and line."""


@dataclass(frozen=True)
class PhaseSpec:
    key: str
    name: str
    minutes: float
    prompts: list[str] = field(default_factory=list)
    body: str = "notes"


@dataclass(frozen=True)
class Agenda:
    id: str
    name: str
    phases: list[PhaseSpec]
    description: str = ""
    path: Path | None = None

    @property
    def total_minutes(self) -> float:
        return sum(p.minutes for p in self.phases)

    def phase(self, key: str) -> PhaseSpec | None:
        return next((p for p in self.phases if p.key == key), None)


# --------------------------------------------------------------------------- loading


def user_agenda_dir() -> Path:
    from sipmote.store.register import default_home

    return default_home() / "agenda"


def agenda_dirs() -> list[Path]:
    from sipmote.resources import agenda_dir

    return [agenda_dir(), user_agenda_dir()]


_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def _phase_lines(text: str) -> list[int]:
    """1-based line numbers of each ``[[phase]]`` header, for error messages."""
    return [i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith("[[phase]]")]


def parse_agenda(text: str, path: Path) -> Agenda:
    """Parse one agenda file; raise AgendaError naming the file and line."""
    name = path.name
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _POS.search(msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (max(1, len(text.splitlines())), 1)
        reason = _POS.sub("", msg).replace("(at end of document)", "").strip()
        raise AgendaError(t("agenda.syntax", file=name, line=line, col=col, msg=reason)) from None

    def bad(line: int, reason: str) -> AgendaError:
        return AgendaError(t("agenda.invalid", file=name, line=line, msg=reason))

    title = data.get("name")
    if not isinstance(title, str) or not title.strip():
        raise bad(1, t("agenda.need_text", field="name"))
    raw_phases = data.get("phase")
    heads = _phase_lines(text)
    if not isinstance(raw_phases, list) or not raw_phases:
        raise bad(max(1, len(text.splitlines())), t("agenda.no_phases"))
    phases: list[PhaseSpec] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_phases):
        line = heads[i] if i < len(heads) else 1
        for key in ("key", "name"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise bad(line, t("agenda.need_text", field=key))
        minutes = raw.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or not 0 < minutes <= 600:
            raise bad(line, t("agenda.bad_minutes"))
        prompts = raw.get("prompts", [])
        if not isinstance(prompts, list) or not all(isinstance(p, str) for p in prompts):
            raise bad(line, t("agenda.bad_prompts"))
        body = raw.get("body", "notes")
        if body not in BODIES:
            raise bad(line, t("agenda.bad_body", body=body, bodies=", ".join(BODIES)))
        unknown = set(raw) - {"key", "name", "minutes", "prompts", "body"}
        if unknown:
            raise bad(line, t("agenda.unknown_field", field=", ".join(sorted(unknown))))
        if raw["key"] in seen:
            raise bad(line, t("agenda.duplicate_key", key=raw["key"]))
        seen.add(raw["key"])
        phases.append(PhaseSpec(raw["key"], raw["name"], float(minutes), list(prompts), body))
    agenda_id = data.get("id", path.stem)
    if not isinstance(agenda_id, str) or not agenda_id.strip():
        raise bad(1, t("agenda.need_text", field="id"))
    desc = data.get("description", "")
    return Agenda(agenda_id, title, phases, desc if isinstance(desc, str) else "", path)


def load_agenda_file(path: Path) -> Agenda:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AgendaError(t("agenda.unreadable", file=path.name, reason=str(exc))) from None
    return parse_agenda(text, path)


def scan_agendas() -> tuple[dict[str, Agenda], list[AgendaError]]:
    """All agendas by id (user files replace shipped ones) and the errors of broken files."""
    found: dict[str, Agenda] = {}
    errors: list[AgendaError] = []
    for folder in agenda_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                agenda = load_agenda_file(path)
            except AgendaError as exc:
                errors.append(exc)
                continue
            found[agenda.id] = agenda
    return found, errors


def list_agendas() -> list[Agenda]:
    """Every agenda that loads; broken files are left out (see ``scan_agendas``)."""
    return sorted(scan_agendas()[0].values(), key=lambda a: a.name)


def load_agenda(agenda_id: str) -> Agenda:
    found, errors = scan_agendas()
    if agenda_id in found:
        return found[agenda_id]
    for exc in errors:  # a broken file of that name: say what is wrong with it
        if f"{agenda_id}.toml" in exc.message:
            raise exc
    raise AgendaError(t("agenda.not_found", id=agenda_id))


# --------------------------------------------------------------------------- phases


def init_phases(meeting: Meeting, agenda: Agenda) -> None:
    """Give a meeting the agenda's phases unless it already has its record."""
    if meeting.phases:
        return
    meeting.phases = [PhaseRecord(key=p.key, name=p.name, planned_minutes=p.minutes) for p in agenda.phases]
    meeting.current_phase = 0
    meeting.agenda_id = agenda.id


class PhaseClock:
    """Time per phase. Pure: ``clock`` is a monotonic seconds callable, ``now`` gives wall time.

    The account lives in the meeting's PhaseRecords; ``sync()`` folds the
    running time in (called by every state change and before a save)."""

    def __init__(
        self,
        meeting: Meeting,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = wall_clock.now,
    ) -> None:
        if not meeting.phases:
            raise ValueError("meeting has no phases; call init_phases first")
        self.meeting = meeting
        self.clock = clock
        self.now = now
        self.running = False
        self._mark = 0.0
        if not 0 <= meeting.current_phase < len(meeting.phases):
            meeting.current_phase = 0

    # ---- state
    @property
    def index(self) -> int:
        return self.meeting.current_phase

    @property
    def phase(self) -> PhaseRecord:
        return self.meeting.phases[self.index]

    @property
    def count(self) -> int:
        return len(self.meeting.phases)

    @property
    def is_last(self) -> bool:
        return self.index == self.count - 1

    def _wall(self) -> dt.datetime:
        return self.now().replace(microsecond=0)

    def sync(self) -> None:
        if self.running:
            now = self.clock()
            self.phase.elapsed_seconds = round(self.phase.elapsed_seconds + max(0.0, now - self._mark), 3)
            self._mark = now

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        self._mark = self.clock()
        if self.phase.started_at is None:
            self.phase.started_at = self._wall()
        self.phase.ended_at = None
        if self.meeting.status == MeetingStatus.planned:
            self.meeting.status = MeetingStatus.running

    resume = start

    def pause(self) -> None:
        self.sync()
        self.running = False

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def goto(self, index: int) -> bool:
        if not 0 <= index < self.count or index == self.index:
            return False
        was_running = self.running
        self.sync()
        self.phase.ended_at = self._wall() if self.phase.started_at else None
        self.running = False
        self.meeting.current_phase = index
        self.phase.ended_at = None  # current again (back with b): ended when it is left next
        if was_running:
            self.start()
        return True

    def next(self) -> bool:
        return self.goto(self.index + 1)

    def previous(self) -> bool:
        return self.goto(self.index - 1)

    def finish(self) -> None:
        """End the last running phase (the meeting is over)."""
        self.sync()
        self.running = False
        if self.phase.started_at is not None:
            self.phase.ended_at = self._wall()

    # ---- figures (seconds)
    def elapsed(self, index: int | None = None) -> float:
        i = self.index if index is None else index
        rec = self.meeting.phases[i]
        extra = max(0.0, self.clock() - self._mark) if self.running and i == self.index else 0.0
        return rec.elapsed_seconds + extra

    def planned(self, index: int | None = None) -> float:
        i = self.index if index is None else index
        return self.meeting.phases[i].planned_minutes * 60

    def remaining(self, index: int | None = None) -> float:
        """Seconds left in the phase; negative when overrun."""
        return self.planned(index) - self.elapsed(index)

    def overrun(self, index: int | None = None) -> float:
        return max(0.0, -self.remaining(index))

    @property
    def total_planned(self) -> float:
        return sum(self.planned(i) for i in range(self.count))

    @property
    def total_elapsed(self) -> float:
        return sum(self.elapsed(i) for i in range(self.count))

    @property
    def progress(self) -> float:
        """The whole meeting's progress, 0..1 (capped), by time spent against time planned."""
        total = self.total_planned
        return min(1.0, self.total_elapsed / total) if total else 0.0

    @property
    def total_overrun(self) -> float:
        return max(0.0, self.total_elapsed - self.total_planned)


def format_seconds(seconds: float) -> str:
    """``MM:SS`` (``H:MM:SS`` from one hour), sign-less; whole seconds rounded down."""
    s = int(abs(seconds))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"
