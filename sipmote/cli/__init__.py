"""The ``sipmote`` command.

Every failure a user can cause ends in a clear message (in the chosen
language) and a non-zero exit status, never a traceback. Unexpected errors are
logged, without personal data, to ``sipmote.log`` in the data folder.

Sub-commands live in small functions registered in ``COMMANDS``; other modules
add theirs through ``EXTRA_COMMAND_MODULES`` (each has ``register(sub)``)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from importlib import import_module
from pathlib import Path

from sipmote import i18n
from sipmote.i18n import t

#: modules that add sub-commands: each defines ``register(subparsers)``
EXTRA_COMMAND_MODULES: list[str] = ["sipmote.cli.privacy", "sipmote.cli.stats", "sipmote.cli.export",
                                     "sipmote.cli.lathund"]


class UserError(Exception):
    """A failure the user caused or can fix; its message is shown as is."""


# --------------------------------------------------------------------------- helpers


def open_register(args: argparse.Namespace):
    from sipmote.store import Register, default_home

    home = Path(args.home) if getattr(args, "home", None) else default_home()
    reg = Register(home)
    unlock = import_module("sipmote.store").__dict__.get("unlock_register")
    if unlock is not None:  # encryption support plugs in here
        unlock(reg, args)
    reg.open()
    from sipmote.textview import safe_text

    for notice in reg.notices:
        print(safe_text(notice), file=sys.stderr)
    _OPENED.append((reg, len(reg.notices)))
    return reg


#: registers this command opened, with how many notices were shown: notices that come
#: later (a file restored from a backup while loading) are shown when the command ends
_OPENED: list = []


def _flush_notices(skip: str = "") -> None:
    for reg, shown in _OPENED:
        for notice in dict.fromkeys(reg.notices[shown:]):  # once each; not the error shown next
            if notice == skip:
                continue
            from sipmote.textview import safe_text

            print(safe_text(notice), file=sys.stderr)
    _OPENED.clear()


def read_json_file(path: str) -> object:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(t("cli.file_missing", path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(t("store.write_failed", reason=str(exc))) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(t("cli.bad_json", path=path, line=exc.lineno, col=exc.colno, msg=exc.msg)) from None
    except RecursionError:  # thousands of nested brackets
        raise UserError(t("privacy.json_too_deep", path=path)) from None


def plan_from_data(data: object):
    from pydantic import ValidationError

    from sipmote.errors import describe
    from sipmote.model import Plan

    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise UserError("\n".join([t("err.invalid_plan"), *("  " + line for line in describe(exc))])) from None


def plan_json(plan) -> str:
    from sipmote.textview import json_safe

    return json_safe(plan.model_dump_json(indent=2))


# --------------------------------------------------------------------------- commands


def cmd_schema(args: argparse.Namespace) -> int:
    from sipmote.model import plan_json_schema

    print(json.dumps(plan_json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if len(args.files) == 1 and not Path(args.files[0]).is_dir():
        plan = plan_from_data(read_json_file(args.files[0]))
        with open_register(args) as reg:
            reg.add(plan, replace=args.replace)
        print(t("cli.imported", id=plan.id, name=_clip(plan.person.name, 80)))
        return 0
    from sipmote.stats.bulk import FileResult, import_files, progress_bar
    from sipmote.store import StoreError
    from sipmote.textview import safe_line

    tty = sys.stderr.isatty()

    def report(done: int, total: int, r: FileResult) -> None:
        if tty:
            sys.stderr.write("\r\x1b[K")
        if r.ok:
            print(t("cli.bulk_ok", path=safe_line(r.path), id=r.plan_id, name=_clip(r.name, 60)), flush=tty)
        else:
            print(t("cli.bulk_failed", path=safe_line(r.path), error=safe_line(r.error)), flush=tty)
        if tty:
            sys.stderr.write(progress_bar(done, total))
            sys.stderr.flush()

    def load(path: str):
        return plan_from_data(read_json_file(path))

    with open_register(args) as reg:
        results = import_files(reg, args.files, load, (UserError, StoreError), replace=args.replace,
                               on_result=report)
    if tty:
        sys.stderr.write("\r\x1b[K")
    failed = sum(not r.ok for r in results)
    print(t("cli.bulk_done", ok=len(results) - failed, total=len(results), failed=failed))
    return 1 if failed else 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_register(args) as reg:
        plan = reg.load(reg.resolve(args.plan))
    if args.json:
        print(plan_json(plan))
    else:
        from sipmote.textview import plan_text

        print(plan_text(plan, reveal=args.reveal))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from sipmote.personnummer import mask

    with open_register(args) as reg:
        rows = reg.summaries()
    if args.json:
        from sipmote.textview import json_safe

        print(json_safe(json.dumps([
            {**r.as_doc(), "personnummer": mask(r.personnummer)} for r in rows
        ], indent=2, ensure_ascii=False)))
        return 0
    if not rows:
        print(t("cli.no_plans"))
        return 0
    print(t("cli.list_header"))
    for r in rows:
        print(f"{r.id:<13} {i18n.t('enum.PlanStatus.' + r.status):<10} {_clip(r.name, 31):<31} "
              f"{mask(r.personnummer):<14} {r.last_meeting or '-':<13} {r.next_meeting or '-'}")
    return 0


def _clip(text: str, n: int) -> str:
    from sipmote.textview import safe_line

    text = safe_line(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def cmd_delete(args: argparse.Namespace) -> int:
    with open_register(args) as reg:
        pid = reg.resolve(args.plan)
        summary = next(s for s in reg.summaries() if s.id == pid)
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError(t("cli.aborted"))
            answer = input(t("cli.confirm_delete", name=_clip(summary.name, 60), id=pid))
            if answer.strip().lower() not in ("ja", "yes", "j", "y"):
                print(t("cli.aborted"))
                return 1
        reg.delete(pid)
    print(t("cli.deleted", id=pid))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from sipmote.demo import demo_plan

    plan = demo_plan()
    if args.json:
        print(plan_json(plan))
        return 0
    from sipmote.store import Register

    home = Path(tempfile.mkdtemp(prefix="sipmote-demo-"))
    reg = Register(home).open()
    reg.save(plan)
    try:
        from sipmote.tui import run_app

        return run_app(register=reg, plan_id=plan.id, lang=i18n.get_language(), demo=True)
    finally:
        reg.close()


def cmd_open(args: argparse.Namespace) -> int:
    reg = open_register(args)
    try:
        from sipmote.tui import run_app

        plan_id = reg.resolve(args.plan) if getattr(args, "plan", None) else None
        return run_app(register=reg, plan_id=plan_id, lang=i18n.get_language())
    finally:
        reg.close()


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sipmote", description=t("cli.description"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help="sv (default) / en")
    parser.add_argument("--home", help="data folder (default: $SIPMOTE_HOME or the user data folder)")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("demo", help="open a demo meeting in a temporary register")
    p.add_argument("--json", action="store_true", help="print the demo plan in the import format")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("open", help="open the register (the start screen), or one plan")
    p.add_argument("plan", nargs="?")
    p.set_defaults(func=cmd_open)

    p = sub.add_parser("schema", help="print the JSON schema of a plan")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("import", help="import plans from JSON files or folders of them (one process, one lock)")
    p.add_argument("files", nargs="+", metavar="FILE|FOLDER")
    p.add_argument("--replace", action="store_true", help="replace a plan with the same id")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("show", help="show a plan")
    p.add_argument("plan")
    p.add_argument("--json", action="store_true")
    p.add_argument("--reveal", action="store_true", help="show the full personnummer")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("list", help="list the plans in the register")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("delete", help="delete a plan and its backups")
    p.add_argument("plan")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_delete)

    for name in EXTRA_COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


def _config_lang(argv: list[str]) -> str | None:
    """``[ui] lang = "en"`` in config.toml; a broken config never stops the command."""
    from sipmote import config

    home = None
    for i, a in enumerate(argv):
        if a == "--home" and i + 1 < len(argv):
            home = Path(argv[i + 1])
        elif a.startswith("--home="):
            home = Path(a.split("=", 1)[1])
    try:
        lang = config.section("ui", home).get("lang")
    except config.ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return None
    return lang if isinstance(lang, str) else None


def _preparse_lang(argv: list[str]) -> None:
    lang = os.environ.get("SIPMOTE_LANG") or _config_lang(argv)
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif a.startswith("--lang="):
            lang = a.split("=", 1)[1]
    if lang in i18n.LANGUAGES:
        i18n.set_language(lang)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from sipmote.desktop import utf8_stdio

    utf8_stdio()  # Windows: UTF-8 into files and pipes, as everywhere else
    _preparse_lang(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    func = getattr(args, "func", cmd_open)
    from sipmote.store import StoreError

    try:
        return func(args)
    except (UserError, StoreError) as exc:
        from sipmote.textview import safe_text

        _flush_notices(skip=str(exc))
        print(safe_text(str(exc)), file=sys.stderr)  # messages can quote user text
        return 2
    except KeyboardInterrupt:
        print(t("cli.aborted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:  # noqa: BLE001 - the last line of defence: no traceback on screen
        log = _log_unexpected(args)
        print(t("err.unexpected", log=log), file=sys.stderr)
        return 70
    finally:
        _flush_notices()


def _log_unexpected(args: argparse.Namespace) -> str:
    """Log the traceback (code locations only, no values) to the data folder."""
    from sipmote.errors import log_unexpected
    from sipmote.store import default_home

    home = Path(args.home) if getattr(args, "home", None) else default_home()
    return log_unexpected(home, sys.exc_info()[1])
