"""What every sub-command shares: opening the register, reading a plan file, printing."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sipmote import clock
from sipmote.clock import Today
from sipmote.errors import SipmoteError
from sipmote.i18n import t

if TYPE_CHECKING:
    from sipmote.model import Plan
    from sipmote.store import Register


class UserError(SipmoteError):
    """A failure the user caused or can fix on the command line."""


#: registers this command opened: their notices are printed when the command ends
_OPENED: list[Register] = []


def home(args: argparse.Namespace) -> Path:
    from sipmote.store import default_home

    return Path(args.home) if getattr(args, "home", None) else default_home()


def command(sub: Any, common: argparse.ArgumentParser, name: str, func: Any) -> argparse.ArgumentParser:
    """A sub-command: --lang/--home after it too, its help from ``[cli_help] <name>``."""
    p: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=t(f"cli_help.{name}"),
                                                description=t(f"cli_help.{name}"))
    p.set_defaults(func=func)
    return p


def today_of(args: argparse.Namespace) -> Today:
    """The command's clock (``main(today=...)`` injects one; else the calendar)."""
    value = getattr(args, "today", None)
    return value if callable(value) else clock.calendar


def open_register(args: argparse.Namespace, *, read: bool = False, window: bool = False) -> Register:
    """The register, unlocked (asking for the passphrase here) and open.

    ``read``: the command only reads, so it also works while the app (or another
    command) holds the register: it then reads without the lock and never writes.
    ``window``: the app is opened on it (the lock message is worded for a window)."""
    from sipmote.cli import passphrase
    from sipmote.store import Register

    reg = Register(home(args), front_end="window" if window else "command", allow_read_only=read,
                   today=today_of(args))
    reg.unlock(passphrase.asker(), tries=passphrase.tries())  # type: ignore[arg-type]
    reg.open()
    if not window:  # the app shows the register's notices itself (register.take_notices())
        _OPENED.append(reg)
        print_notices(reg)
    return reg


def print_notices(reg: Register, skip: str = "") -> None:
    from sipmote.textview import safe_text

    for notice in reg.take_notices():
        if notice != skip:
            print(safe_text(notice), file=sys.stderr)


def flush_notices(skip: str = "") -> None:
    """Notices that came after opening (a plan restored while loading), once each."""
    for reg in _OPENED:
        print_notices(reg, skip)
    _OPENED.clear()


def read_plan_file(path: str, today: dt.date) -> Plan:
    """A plan from a JSON file given on the command line, with every limit checked
    (a personnummer against the command's ``today``)."""
    from sipmote.store.files import read_regular
    from sipmote.store.limits import MAX_IMPORT_BYTES, parse_json, plan_from_data

    try:
        data = read_regular(Path(path), MAX_IMPORT_BYTES)
    except FileNotFoundError:
        raise UserError(t("cli.file_missing", path=path)) from None
    except OSError as exc:
        raise UserError(t("cli.file_unreadable", path=path, reason=exc.strerror or type(exc).__name__)) from None
    return plan_from_data(parse_json(data, path), today)


def read_json_file(path: str) -> object:
    """Parsed JSON from a file given on the command line (limits of an import apply)."""
    from sipmote.store.files import read_regular
    from sipmote.store.limits import MAX_IMPORT_BYTES, parse_json

    try:
        return parse_json(read_regular(Path(path), MAX_IMPORT_BYTES), path)
    except FileNotFoundError:
        raise UserError(t("cli.file_missing", path=path)) from None
    except OSError as exc:
        raise UserError(t("cli.file_unreadable", path=path, reason=exc.strerror or type(exc).__name__)) from None


def plan_from_data(data: Any, today: dt.date) -> Plan:
    from sipmote.store.limits import plan_from_data as checked

    return checked(data, today)


def plan_json(plan: Plan) -> str:
    from sipmote.textview import json_safe

    return json_safe(plan.model_dump_json(indent=2))


def clip(text: str, n: int) -> str:
    from sipmote.textview import safe_line

    text = safe_line(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def dumps(value: object) -> str:
    from sipmote.textview import json_safe

    return json_safe(json.dumps(value, indent=2, ensure_ascii=False))
