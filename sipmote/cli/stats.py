"""``sipmote stats``: the anonymous statistics of the register, exported and merged.

    sipmote stats [--from DATUM] [--to DATUM] [--with-school] [--layout detailed|region] [--format table|csv|json]
    sipmote stats [--from DATUM] [--to DATUM] [--with-school] --export FIL.json [--source "Strandskolan, Exempelstad"]
    sipmote stats --merge A.json B.json … [--layout …] [--format …] [--export SAMMANSLAGEN.json]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sipmote.i18n import t

FORMATS = ("table", "csv", "json")


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("stats", parents=[common], help=t("cli_help.stats"), description=t("cli_help.stats"))
    p.add_argument("--from", dest="start", metavar=t("cli_help.date"), help=t("cli_help.stats_from"))
    p.add_argument("--to", dest="end", metavar=t("cli_help.date"), help=t("cli_help.stats_to"))
    p.add_argument("--format", dest="fmt", default="table", choices=FORMATS, help=t("cli_help.stats_format"))
    # named by a word, not by listing the choices: that would import the statistics code to build the parser
    p.add_argument("--layout", default="detailed", choices=_Layouts(), metavar=t("cli_help.layout"),
                   help=t("cli_help.stats_layout"))
    p.add_argument("--with-school", action="store_true", help=t("cli_help.stats_with_school"))
    p.add_argument("--export", metavar=t("cli_help.file_json"), help=t("cli_help.stats_export"))
    p.add_argument("--source", default="", metavar=t("cli_help.label"), help=t("cli_help.stats_source"))
    p.add_argument("--merge", nargs="+", metavar=t("cli_help.file_json"), help=t("cli_help.stats_merge"))
    p.set_defaults(func=cmd_stats)


class _Layouts(Sequence[str]):
    """``stats.LAYOUTS`` as argparse's choices, read only when argparse checks or lists them
    (building the parser imports no statistics code)."""

    @staticmethod
    def _names() -> tuple[str, ...]:
        from sipmote.stats.layout import LAYOUTS

        return LAYOUTS

    def __getitem__(self, i):
        return self._names()[i]

    def __len__(self) -> int:
        return len(self._names())


def _register_is_empty(reg) -> bool:
    return not reg.ids()


def cmd_stats(args: argparse.Namespace) -> int:
    from sipmote import stats
    from sipmote.cli import UserError, open_register

    try:
        empty_register = False
        if args.merge:
            if args.start or args.end:
                raise UserError(t("stats.merge_period"))
            if args.with_school or args.source:
                raise UserError(t("stats.merge_options"))
            from sipmote.store import default_home

            units = stats.load_units(Path(args.home) if args.home else default_home())
            docs = [(path, stats.read_export(path)) for path in args.merge]
            doc = stats.merge(docs)
            if stats.periods_differ(docs):
                print(t("stats.periods_differ"), file=sys.stderr)
            print(t("stats.merged_sources", n=len(doc.sources)), file=sys.stderr)
            for source in doc.sources:
                print("  " + source.describe(), file=sys.stderr)
        else:
            period = stats.parse_period(args.start, args.end)
            with open_register(args, read=True) as reg:
                empty_register = _register_is_empty(reg)
                units = stats.load_units(reg.root)
                doc = stats.register_stats(reg, period, with_school=args.with_school, label=args.source)
    except stats.StatsError as exc:
        raise UserError(exc.message) from None

    if args.export:
        path = stats.write_export(args.export, doc)
        print(t("stats.exported", path=str(path), meetings=doc.figures.meetings))
        if not args.merge and not args.source.strip():
            print(t("stats.source_missing"), file=sys.stderr)
        if empty_register:
            print(t("stats.register_empty"), file=sys.stderr)
        return 0

    if args.fmt == "table":
        if empty_register:
            print(t("stats.register_empty"))
        else:
            print(stats.render_table(doc, layout=args.layout, units=units))
        return 0
    note = t("stats.register_empty") if empty_register else stats.empty_message(doc)
    if note:
        print(note, file=sys.stderr)
    if args.fmt == "csv":
        sys.stdout.write(stats.render_csv(doc, layout=args.layout, units=units))
    else:
        sys.stdout.write(stats.render_json(doc))
    return 0
