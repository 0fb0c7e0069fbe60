"""``sipmote export`` and ``sipmote invitation``: the sign-off documents from the command line.

    sipmote export PLAN --docx OUT [--pdf] [--strict] [--template PATH] [--meeting ID] [--force]
    sipmote export PLAN --min-plan OUT [--pdf]
    sipmote invitation PLAN --docx OUT [--family OUT] [--pdf]

PLAN is a plan id (or id prefix) in the register, or a plan JSON file. With
``--pdf`` a PDF is written beside each DOCX (same name, ``.pdf``).

Before the SIP is written, the sign-off check the Summary screen shows is run:
each missing item is named on stderr; with ``--strict`` nothing is written and
the exit code is an error (for scripts). Notes for the secretary (Min plan items
without the child's words, what the kallelse still lacks) go to stderr too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sipmote.i18n import t


def _load_plan(args: argparse.Namespace):
    from sipmote.cli.common import open_register, read_plan_file, today_of

    ref = args.plan
    if ref.lower().endswith(".json") and Path(ref).exists():
        return read_plan_file(ref, today_of(args)())
    with open_register(args, read=True) as reg:
        return reg.load(reg.resolve(ref))


def _home(args: argparse.Namespace) -> Path | None:
    return Path(args.home) if getattr(args, "home", None) else None


def _run(args: argparse.Namespace, jobs: list[tuple[str, Path]]) -> int:
    from sipmote.cli import UserError
    from sipmote.cli.common import today_of
    from sipmote.export import DocKind, ExportError, check_target, export, pick_meeting, signoff_missing
    from sipmote.textview import safe_text

    if not jobs:
        raise UserError(t("export.cli.no_output"))
    pdf_targets = [out.with_suffix(".pdf") for _, out in jobs] if args.pdf else []
    try:
        # check every target before writing anything
        for _, out in jobs:
            check_target(out.expanduser(), force=args.force)
        for target in pdf_targets:
            check_target(target.expanduser(), force=args.force)
        plan = _load_plan(args)
        meeting = pick_meeting(plan, args.meeting)
        missing = [m for kind, _ in jobs for m in signoff_missing(DocKind(kind), plan, meeting)]
        for text in missing:  # names user text (a measure, a participant): no terminal escapes
            print(safe_text(t("export.cli.missing", text=text)), file=sys.stderr)
        if missing and getattr(args, "strict", False):
            raise UserError(t("export.cli.strict", n=len(missing)))
        template = Path(args.template) if getattr(args, "template", None) else None
        for i, (kind, out) in enumerate(jobs):
            result = export(DocKind(kind), plan, meeting, docx=out,
                            pdf=pdf_targets[i] if pdf_targets else None,
                            template=template, force=args.force, home=_home(args), today=today_of(args)())
            for warning in result.warnings:
                print(t("export.cli.warning", text=warning), file=sys.stderr)
            for path in result.written:
                print(t("export.cli.written", path=str(path)))
    except ExportError as exc:
        raise UserError(exc.message) from None
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    jobs: list[tuple[str, Path]] = []
    if args.docx:
        jobs.append(("sip", Path(args.docx)))
    if args.min_plan:
        jobs.append(("min_plan", Path(args.min_plan)))
    return _run(args, jobs)


def cmd_invitation(args: argparse.Namespace) -> int:
    jobs: list[tuple[str, Path]] = []
    if args.docx:
        jobs.append(("invitation", Path(args.docx)))
    if args.family:
        jobs.append(("invitation_family", Path(args.family)))
    return _run(args, jobs)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("plan", help=t("cli_help.export_plan"))
    p.add_argument("--pdf", action="store_true", help=t("cli_help.export_pdf"))
    p.add_argument("--template", metavar=t("cli_help.template"), help=t("cli_help.export_template"))
    p.add_argument("--meeting", metavar=t("cli_help.meeting"), help=t("cli_help.export_meeting"))
    p.add_argument("--force", action="store_true", help=t("cli_help.export_force"))


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help=t("cli_help.export"), description=t("cli_help.export"))
    _common(p)
    p.add_argument("--docx", metavar=t("cli_help.out"), help=t("cli_help.export_docx"))
    p.add_argument("--min-plan", metavar=t("cli_help.out"), help=t("cli_help.export_min_plan"))
    p.add_argument("--strict", action="store_true", help=t("cli_help.export_strict"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("invitation", parents=[common], help=t("cli_help.invitation"),
                       description=t("cli_help.invitation"))
    _common(p)
    p.add_argument("--docx", metavar=t("cli_help.out"), help=t("cli_help.invitation_docx"))
    p.add_argument("--family", metavar=t("cli_help.out"), help=t("cli_help.invitation_family"))
    p.set_defaults(func=cmd_invitation)
