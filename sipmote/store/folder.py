"""The register's folder: its paths, notices, log and read-only guard (the base of
:class:`~sipmote.store.register.Register`; see there for the layout)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sipmote import clock
from sipmote.clock import Today
from sipmote.i18n import t
from sipmote.model import Plan
from sipmote.store import meta
from sipmote.store.atomic import StoreError
from sipmote.store.codec import PLAIN, Codec
from sipmote.store.files import read_regular
from sipmote.store.index import PlanSummary
from sipmote.store.limits import MAX_PLAN_BYTES
from sipmote.store.refs import check_id


def default_home() -> Path:
    env = os.environ.get("SIPMOTE_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("sipmote", appauthor=False))


@dataclass
class RegisterFolder:
    root: Path
    codec: Codec = PLAIN
    use_lock: bool = True
    notices: list[str] = field(default_factory=list)
    #: never write (no lock taken): list, show, export, stats while the app has the register
    read_only: bool = False
    #: open read-only instead of refusing when another process holds the lock
    allow_read_only: bool = False
    #: who sees the messages: "window" (the app) or "command" (the CLI)
    front_end: str = "window"
    #: the front end's clock: every plan loaded is validated against this today
    #: (a personnummer born after it is refused); see :mod:`sipmote.clock`
    today: Today = clock.calendar

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self._summaries: dict[str, PlanSummary] | None = None
        self._opened = False
        self._delivered: set[str] = set()
        self._batch = False
        self._logger: logging.Logger | None = None

    # ------------------------------------------------------------------ paths
    @property
    def plans_dir(self) -> Path:
        return self.root / "plans"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def broken_dir(self) -> Path:
        return self.root / "broken"

    @property
    def drafts_dir(self) -> Path:
        """What was typed in a plan's open dialogs (``store/drafts.py``), with the plan's key."""
        return self.root / "drafts"

    @property
    def data_dirs(self) -> tuple[Path, ...]:
        """Every folder of files encoded with the register's key, named by plan id."""
        return (self.plans_dir, self.backups_dir, self.broken_dir, self.drafts_dir)

    @property
    def index_path(self) -> Path:
        return self.root / "index.json"

    @property
    def meta_path(self) -> Path:
        return self.root / meta.META_NAME

    @property
    def log_path(self) -> Path:
        return self.root / "sipmote.log"

    def plan_path(self, plan_id: str) -> Path:
        check_id(plan_id)
        return self.plans_dir / f"{plan_id}.json"

    def backup_path(self, plan_id: str, n: int) -> Path:
        return self.backups_dir / f"{plan_id}.{n}.json"

    # ------------------------------------------------------------------ notices
    def notice(self, message: str) -> None:
        """Tell the open front end (once per process: a notice already handed out is not repeated)."""
        if message not in self.notices and message not in self._delivered:
            self.notices.append(message)

    def take_notices(self) -> list[str]:
        """What the register repaired or wants the user to know since the last call, each once."""
        new = list(dict.fromkeys(self.notices))
        self.notices.clear()
        self._delivered.update(new)
        return new

    # ------------------------------------------------------------------ lifecycle
    def read_meta(self) -> dict[str, Any]:
        return meta.read_meta(self.meta_path)

    def write_meta(self, data: dict[str, Any]) -> None:
        self._writable()
        meta.write_meta(self.meta_path, data)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(t("store.read_only_mode"))

    def log(self, template: str, *args: object) -> None:
        """A technical log line in ``sipmote.log``: values only as :class:`~sipmote.logs.Safe`
        or numbers, anything else is dropped (see :mod:`sipmote.logs`). Never in read-only mode."""
        if self.read_only:
            return
        if self._logger is None:
            from sipmote import logs

            self._logger = logs.folder_logger(self.root)
        self._logger.info(template, *args)

    # ------------------------------------------------------------------ encryption
    def forget_index(self) -> None:
        self._summaries = None

    # ------------------------------------------------------------------ reading
    def _read(self, path: Path) -> bytes:
        """A stored file's decoded bytes (raises FileNotFoundError, NotAFile, TooLarge,
        OSError, CodecError)."""
        return self.codec.decode(read_regular(path, MAX_PLAN_BYTES + 4096))

    def _decode_plan(self, raw: bytes) -> Plan:
        return Plan.model_validate_json(raw, context={"today": self.today()})


    def load(self, plan_id: str, *, _index: bool = True) -> Plan:
        raise NotImplementedError  # PlanFiles

    def _load_index(self) -> dict[str, PlanSummary]:
        raise NotImplementedError  # IndexedRegister
