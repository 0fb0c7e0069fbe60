"""One home per rule, kept so: a rule written a second time by hand is caught here.

Each test names the one home and greps the package for a copy of the rule."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "sipmote"


def sources(under: str = "") -> dict[str, str]:
    root = PACKAGE / under if under else PACKAGE
    return {str(p.relative_to(PACKAGE)).replace("\\", "/"): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*.py"))}


def test_a_first_name_is_taken_by_formats_only():
    """``formats.first_name``: no ``name.split()[0]`` of a person's name elsewhere (the first
    word of a phase name is not a first name)."""
    copies = [path for path, text in sources().items()
              if re.search(r"(name|person|who)\w*\s*\.split\(\s*(\"\s\"|' ')?\s*\)\[0\]", text)
              and path != "formats.py"]
    assert copies == []


def test_a_goal_and_a_measure_are_looked_up_once():
    """``lifecycle.followup.find_goal``/``find_measure``: the lookups (and their refusals) are
    not written again in another lifecycle module."""
    homes = {key: [path for path, text in sources("lifecycle").items() if f'"{key}"' in text]
             for key in ("life.no_such_goal", "life.no_such_measure")}
    assert homes == {"life.no_such_goal": ["lifecycle/followup.py"], "life.no_such_measure": ["lifecycle/followup.py"]}
    # by id: Meeting.goal / Meeting.measure, nowhere written out again (a list's own filter,
    # e.g. the rows a view shows, is not a lookup of the meeting's goals)
    inline = re.compile(r"for (\w+) in [\w.()]*(goals|all_measures\(\)|measures) if \1\.id ==")
    written = sorted(path for path, text in sources("").items() if inline.search(text))
    assert written == ["model/plan.py"], written


#: where a date or a time is written for a program or a file name, not shown to a person:
#: ISO stays ISO there whatever the screens show
NOT_SHOWN = {
    "store/index.py": "the index's summaries (ISO strings, parsed back)",
    "store/plan_files.py": "the name of a damaged file moved aside",
    "tui/screens/export_modal.py": "a document's default file name",
    "tui/screens/stats.py": "the statistics file's default name",
}


def _date_writers(text: str) -> list[int]:
    import ast

    return [node.lineno for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("isoformat", "strftime")]


def test_dates_and_times_are_shown_through_formats_only():
    """``formats.date_text``/``time_text``/``period_text``/...: no screen, document or message
    writes a date with ``.isoformat()`` or ``.strftime()`` itself."""
    writers = {path: lines for path, text in sources().items() if (lines := _date_writers(text))}
    shown = {path: lines for path, lines in writers.items() if path != "formats.py" and path not in NOT_SHOWN}
    assert shown == {}
    assert set(NOT_SHOWN) <= set(writers), "an allowed place no longer writes dates: drop it from NOT_SHOWN"


def test_front_ends_show_the_errors_message():
    """``SipmoteError.message`` is what a user reads; no front end shows ``str(exc)`` (an error
    outside the family, e.g. an OSError, is said through its own Swedish message)."""
    probes = [f"{path}:{n}" for path, text in {**sources("cli"), **sources("tui")}.items()
              for n, line in enumerate(text.splitlines(), 1) if "str(exc)" in line]
    assert probes == []
