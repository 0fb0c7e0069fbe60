"""Export time for a 100-measure plan beside bare python-docx filling the same tables.

    /tmp/venv/bin/python tests/perf/bench_export.py [--measures 100] [--runs 7] [--pdf]

Same process, same plan: (1) sipmote's whole SIP document (template, all
sections, styles, header/footer, signature block) rendered to bytes; (2) bare
python-docx: a blank Document with only the measure tables, filled through
``add_row().cells`` and ``cell.text``; (3) the same tables filled through
``table.cell(r, c)`` (what the issue warns about). Medians of N runs.
Not collected by pytest (tests/perf is ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import time

from docx import Document

from sipmote.export import DocKind, render
from sipmote.export.common import fmt_date, responsible_lines
from sipmote.export.samples import signoff_plan


def bare(plan, *, via_cell: bool) -> bytes:
    doc = Document()
    meeting = plan.meetings[-1]
    for goal in [*meeting.goals, None]:
        measures = goal.measures if goal is not None else meeting.third_party_measures
        doc.add_paragraph(goal.text if goal else "Tredje part")
        rows = [[m.what, responsible_lines(m), fmt_date(m.start), m.frequency, m.place, fmt_date(m.until)]
                for m in measures]
        if via_cell:
            table = doc.add_table(rows=1 + len(rows), cols=6)
            for r, values in enumerate(rows, 1):
                for c, v in enumerate(values):
                    table.cell(r, c).text = v
        else:
            table = doc.add_table(rows=1, cols=6)
            for values in rows:
                for cell, v in zip(table.add_row().cells, values, strict=True):
                    cell.text = v
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def timed(fn, runs: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
        size = len(out)
    return statistics.median(times), size


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--measures", type=int, default=100)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pdf", action="store_true", help="also time one LibreOffice conversion")
    args = ap.parse_args()
    today = dt.date(2026, 3, 2)
    plan = signoff_plan(today, measures=args.measures)
    meeting = plan.meetings[-1]
    n = len(meeting.all_measures())
    render(DocKind.sip, plan, meeting, today=today)  # warm up imports and the template cache
    bare(plan, via_cell=False)
    sip, sip_size = timed(lambda: render(DocKind.sip, plan, meeting, today=today)[0], args.runs)
    rows, rows_size = timed(lambda: bare(plan, via_cell=False), args.runs)
    cells, cells_size = timed(lambda: bare(plan, via_cell=True), args.runs)
    print(f"plan: {n} measures in {len(meeting.goals)} goal tables + 1 third-party table; median of {args.runs} runs")
    print(f"sipmote SIP document (all sections)      {sip * 1000:8.1f} ms  {sip_size / 1024:6.0f} KiB")
    print(f"bare python-docx, add_row().cells        {rows * 1000:8.1f} ms  {rows_size / 1024:6.0f} KiB")
    print(f"bare python-docx, table.cell(r, c)       {cells * 1000:8.1f} ms  {cells_size / 1024:6.0f} KiB")
    print(f"sipmote / bare add_row: {sip / rows:.2f}x")
    if args.pdf:
        from sipmote.export.pdf import docx_to_pdf

        data = render(DocKind.sip, plan, meeting, today=today)[0]
        t0 = time.perf_counter()
        pdf = docx_to_pdf(data)
        print(f"LibreOffice DOCX -> PDF (one run)        {(time.perf_counter() - t0) * 1000:8.1f} ms  "
              f"{len(pdf) / 1024:6.0f} KiB")


if __name__ == "__main__":
    main()
