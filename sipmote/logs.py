"""The technical log: ``sipmote.log`` in the data folder, never any personal data.

Everything goes through the standard ``logging`` module (logger ``sipmote``).
:class:`NoPersonalData` is a filter on the file handler that keeps only what
cannot identify anyone: the message *template* (never its arguments), the
exception *type* and the code locations of a traceback (file, line, function;
never the exception text or local values). Names, personnummer and free text
travel in arguments and exception messages, so they never reach the file.

    log = logging.getLogger("sipmote.store")
    log.info("restored %s from backup %d", Safe(plan_id), n)  # a random id and a number: kept
    log.info("could not read %s", name)                      # written as "could not read %s"
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path

LOG_NAME = "sipmote.log"
_handlers: dict[str, logging.Handler] = {}


class Safe(str):
    """A value that identifies no one (a random plan id, a file kind): logged as it is."""


def _safe(arg: object) -> bool:
    return isinstance(arg, (Safe, int, float))


class NoPersonalData(logging.Filter):
    """Drops the values from a record: arguments (unless numbers or :class:`Safe`),
    exception text, stack locals. A traceback becomes its type and code locations."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        safe = isinstance(args, tuple) and all(_safe(a) for a in args)
        text = record.getMessage() if safe else str(record.msg)  # else the template only
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            frames = "".join(
                f'\n  File "{f.filename}", line {f.lineno}, in {f.name}'
                for f in traceback.extract_tb(exc.__traceback__)
            )
            text = f"{text}{frames}"
        record.msg, record.args = text, None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


class _PrivateFileHandler(logging.FileHandler):
    """Append to the log, created 0600 (it is in the data folder, next to the plans)."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return os.fdopen(fd, "a", encoding="utf-8")


def folder_logger(home: Path) -> logging.Logger:
    """A logger that writes (filtered) to ``home/sipmote.log`` only: a process that has two
    registers open (tests, a demo) never writes one's events into the other's log."""
    path = Path(home).absolute() / LOG_NAME
    logger = logging.getLogger(f"sipmote.folder.{abs(hash(str(path)))}")
    if str(path) not in _handlers:
        handler = _PrivateFileHandler(path, delay=True)
        handler.addFilter(NoPersonalData())
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        _handlers[str(path)] = handler
    return logger


def detach_all() -> None:
    """Close every log file (tests; a front end that exits)."""
    for key, handler in _handlers.items():
        path = Path(key)
        logging.getLogger(f"sipmote.folder.{abs(hash(str(path)))}").removeHandler(handler)
        handler.close()
    _handlers.clear()


def unexpected(home: Path, exc: BaseException, where: str) -> str:
    """Log an unexpected exception (type and code locations only); the log's path or "-"."""
    path = Path(home).absolute() / LOG_NAME
    try:
        Path(home).mkdir(mode=0o700, parents=True, exist_ok=True)
        logger = folder_logger(home)
        logger.error("unexpected %s (%s)", Safe(type(exc).__name__), Safe(where),
                     exc_info=(type(exc), exc, exc.__traceback__))
        _handlers[str(path)].flush()
        if not path.exists():
            return "-"
    except OSError:
        return "-"
    return str(path)
