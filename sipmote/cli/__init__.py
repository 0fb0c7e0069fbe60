"""The ``sipmote`` command.

Every failure a user can cause ends in a clear message (in the chosen
language) and a non-zero exit status, never a traceback: a
:class:`~sipmote.errors.SipmoteError` prints its ``message`` and returns its
``exit_code``. Unexpected errors are logged, without personal data, to
``sipmote.log`` in the data folder (:mod:`sipmote.logs`).

Sub-commands live in small modules (``plans`` with ``bulk`` for many files, ``privacy``, ``stats``,
``export``), each with ``register(sub, common)``; heavy libraries (docx, lxml,
cryptography, textual, the export and statistics code) are imported inside
the commands, so ``sipmote --help`` and start-up stay fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from sipmote import __version__, clock, i18n
from sipmote.cli import export, lathund, plans, privacy, stats
from sipmote.cli.argparse_i18n import translate_argparse
from sipmote.cli.common import (
    UserError,
    flush_notices,
    open_register,
    plan_from_data,
    read_json_file,
    read_plan_file,
)
from sipmote.clock import Today
from sipmote.errors import SipmoteError
from sipmote.i18n import t

__all__ = ["UserError", "build_parser", "main", "open_register", "plan_from_data", "read_json_file",
           "read_plan_file"]


def _common() -> argparse.ArgumentParser:
    """--lang and --home, accepted before or after the sub-command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=t("cli_help.lang"))
    common.add_argument("--home", default=argparse.SUPPRESS, metavar=t("cli_help.folder"), help=t("cli_help.home"))
    return common


def build_parser() -> argparse.ArgumentParser:
    translate_argparse()
    parser = argparse.ArgumentParser(prog="sipmote", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"sipmote {__version__}",
                        help=t("cli_help.version"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=t("cli_help.lang"))
    parser.add_argument("--home", metavar=t("cli_help.folder"), help=t("cli_help.home"))
    sub = parser.add_subparsers(dest="command", title=t("cli_help.commands"), metavar=t("cli_help.command"))
    common = _common()
    plans.register(sub, common)
    privacy.register(sub, common)
    stats.register(sub, common)
    export.register(sub, common)
    lathund.register(sub, common)
    return parser


def _argv_value(argv: list[str], flag: str) -> str | None:
    value = None
    for i, a in enumerate(argv):
        if a == flag and i + 1 < len(argv):
            value = argv[i + 1]
        elif a.startswith(flag + "="):
            value = a.split("=", 1)[1]
    return value


def _config_lang(argv: list[str]) -> str | None:
    """``[ui] lang = "en"`` in config.toml; a broken config never stops the command."""
    from sipmote import config

    home = _argv_value(argv, "--home")
    try:
        lang = config.section("ui", Path(home) if home else None).get("lang")
    except config.ConfigError as exc:
        print(exc.message, file=sys.stderr)
        return None
    return lang if isinstance(lang, str) else None


def _preparse_lang(argv: list[str]) -> None:
    lang = _argv_value(argv, "--lang") or os.environ.get("SIPMOTE_LANG") or _config_lang(argv)
    if lang in i18n.LANGUAGES:
        i18n.set_language(lang)


def main(argv: list[str] | None = None, *, today: Today = clock.calendar) -> int:
    """Run one command; ``today`` is the command's clock (the register validates plans with it)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from sipmote.desktop import utf8_stdio

    utf8_stdio()  # Windows: UTF-8 into files and pipes, as everywhere else
    _preparse_lang(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else 2
    if getattr(args, "lang", None):
        i18n.set_language(args.lang)
    args.today = today
    func = getattr(args, "func", plans.cmd_open)
    if func not in plans.APP_COMMANDS:
        gc.enable()  # off while the modules loaded (sipmote.launch); the meeting app turns it on itself
    try:
        return int(func(args))
    except SipmoteError as exc:
        from sipmote.textview import safe_text

        flush_notices(skip=exc.message)
        print(safe_text(exc.message), file=sys.stderr)  # messages can quote user text
        return exc.exit_code
    except KeyboardInterrupt:
        print(t("cli.aborted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback on screen
        from sipmote import logs
        from sipmote.cli.common import home

        print(t("err.unexpected", log=logs.unexpected(home(args), exc, "cli")), file=sys.stderr)
        return 70
    finally:
        flush_notices()
