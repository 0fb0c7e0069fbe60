"""The plan commands: demo, open, schema, import, show, list, delete."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from sipmote import i18n
from sipmote.cli.common import UserError, clip, command, dumps, open_register, plan_json, read_plan_file, today_of
from sipmote.i18n import t


def cmd_schema(args: argparse.Namespace) -> int:
    from sipmote.model import plan_json_schema

    print(json.dumps(plan_json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if len(args.files) == 1 and not Path(args.files[0]).is_dir():
        plan = read_plan_file(args.files[0], today_of(args)())
        with open_register(args) as reg:
            reg.add(plan, replace=args.replace)
        print(t("cli.imported", id=plan.id, name=clip(plan.person.name, 80)))
        return 0
    from sipmote.cli.bulk import FileResult, import_files, progress_bar
    from sipmote.errors import SipmoteError
    from sipmote.textview import safe_line

    tty = sys.stderr.isatty()

    def report(done: int, total: int, r: FileResult) -> None:
        if tty:
            sys.stderr.write("\r\x1b[K")
        if r.ok:
            print(t("cli.bulk_ok", path=safe_line(r.path), id=r.plan_id, name=clip(r.name, 60)), flush=tty)
        else:
            print(t("cli.bulk_failed", path=safe_line(r.path), error=safe_line(r.error)), flush=tty)
        if tty:
            sys.stderr.write(progress_bar(done, total))
            sys.stderr.flush()

    with open_register(args) as reg:
        today = today_of(args)()
        results = import_files(reg, args.files, lambda path: read_plan_file(path, today), (SipmoteError,),
                               replace=args.replace,
                               on_result=report)
    if tty:
        sys.stderr.write("\r\x1b[K")
    failed = sum(not r.ok for r in results)
    print(t("cli.bulk_done", ok=len(results) - failed, n=len(results), failed=failed))
    return 1 if failed else 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_register(args, read=True) as reg:
        plan = reg.load(reg.resolve(args.plan))
    if args.json:
        print(plan_json(plan))
    else:
        from sipmote.textview import plan_text

        print(plan_text(plan, reveal=args.reveal, today=today_of(args)()))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from sipmote.formats import stored_date_text
    from sipmote.personnummer import mask

    with open_register(args, read=True) as reg:
        rows = reg.summaries()
    if args.json:
        print(dumps([{**r.as_doc(), "personnummer": mask(r.personnummer)} for r in rows]))
        return 0
    if not rows:
        print(t("cli.no_plans"))
        return 0
    print(t("cli.list_header"))
    for r in rows:
        status = t("cli.damaged") if r.damaged else i18n.t("enum.PlanStatus." + r.status)
        last, nxt = stored_date_text(r.last_meeting, "-"), stored_date_text(r.next_meeting, "-")
        print(f"{r.id:<13} {status:<10} {clip(r.name, 31):<31} {mask(r.personnummer):<14} {last:<13} {nxt}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with open_register(args) as reg:
        pid = reg.resolve(args.plan, exact=True)
        summary = next(s for s in reg.summaries() if s.id == pid)
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError(t("cli.aborted"))
            answer = input(t("cli.confirm_delete", name=clip(summary.name, 60), id=pid))
            if answer.strip().lower() not in ("ja", "yes", "j", "y"):
                print(t("cli.aborted"))
                return 1
        reg.delete(pid)
    print(t("cli.deleted", id=pid))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from sipmote.demo import demo_plan

    plan = demo_plan(today_of(args)())
    if args.json:
        print(plan_json(plan))
        return 0
    from sipmote.store import Register

    home = Path(tempfile.mkdtemp(prefix="sipmote-demo-"))
    reg = Register(home, today=today_of(args)).open()
    reg.save(plan)
    try:
        from sipmote.tui import run_app

        return int(run_app(register=reg, plan_id=plan.id, lang=i18n.get_language(), demo=True))
    finally:
        reg.close()
        shutil.rmtree(home, ignore_errors=True)  # a demo leaves no register behind


def cmd_open(args: argparse.Namespace) -> int:
    reg = open_register(args, window=True)
    try:
        from sipmote.tui import run_app

        plan_id = reg.resolve(args.plan) if getattr(args, "plan", None) is not None else None
        return int(run_app(register=reg, plan_id=plan_id, lang=i18n.get_language()))
    finally:
        reg.close()


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    command(sub, common, "demo", cmd_demo).add_argument("--json", action="store_true", help=t("cli_help.demo_json"))
    command(sub, common, "open", cmd_open).add_argument("plan", nargs="?", help=t("cli_help.plan_ref"))
    command(sub, common, "schema", cmd_schema)

    p = command(sub, common, "import", cmd_import)
    p.add_argument("files", nargs="+", metavar=t("cli_help.file_or_folder"), help=t("cli_help.import_file"))
    p.add_argument("--replace", action="store_true", help=t("cli_help.replace"))

    p = command(sub, common, "show", cmd_show)
    p.add_argument("plan", help=t("cli_help.plan_ref"))
    p.add_argument("--json", action="store_true", help=t("cli_help.json"))
    p.add_argument("--reveal", action="store_true", help=t("cli_help.reveal"))

    command(sub, common, "list", cmd_list).add_argument("--json", action="store_true", help=t("cli_help.json"))

    p = command(sub, common, "delete", cmd_delete)
    p.add_argument("plan", help=t("cli_help.delete_ref"))
    p.add_argument("--yes", action="store_true", help=t("cli_help.yes"))


#: the commands that start the meeting app (it turns the garbage collector on after its first frame)
APP_COMMANDS = (cmd_demo, cmd_open)
