"""Start-up stays light (issue 8): the path from `sipmote demo` / `sipmote open PLAN` to the first
meeting frame imports no DOCX, XML, encryption, statistics or export code. (pydantic itself pulls
in importlib.metadata, csv, zipfile and its JSON-schema module; that is not ours to avoid.) Checked
in a fresh interpreter (a subprocess), since this test process has long imported everything.

The lifecycle is on the path on purpose: every meeting edit goes through it (pure Python, a few ms).
"""

from __future__ import annotations

import json
import subprocess
import sys

#: never needed before the first frame; each one costs start-up time (measured with -X importtime)
HEAVY = (
    "docx",  # python-docx: only when a document is written
    "lxml",  # via python-docx
    "cryptography",  # only for an encrypted register
    "sipmote.export",  # the document writers
    "sipmote.stats",  # statistics
    "sipmote.tui.screens.export_modal",
    "sipmote.tui.screens.stats",
    # the meeting's edits go through lifecycle.edits (with guards and followup); the rest of
    # the lifecycle is for the preparation, follow-up and register screens
    "sipmote.lifecycle.prepare",
    "sipmote.lifecycle.closing",
    "sipmote.lifecycle.deviations",
    "sipmote.lifecycle.register_view",
    "xml.etree.ElementTree",
    "sqlite3",
)

START_UP = (
    "import sys, json\n"
    "import sipmote.cli as cli\n"
    "cli.build_parser()\n"
    "import sipmote.demo, sipmote.store, sipmote.tui.app, sipmote.tui.screens.meeting\n"
    "from sipmote.store.rekey import check_register\n"
    "print(json.dumps(sorted(sys.modules)))\n"
)


def loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


def test_start_up_path_imports_no_heavy_module():
    loaded = loaded_after(START_UP)
    heavy = sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == [], f"imported on the start-up path: {heavy}"


def test_the_guard_sees_a_heavy_import():
    """The check is real: a start-up path that did import python-docx is caught."""
    loaded = loaded_after(START_UP.replace("import sys, json\n", "import sys, json, docx\n"))
    assert "docx" in loaded and "lxml" in loaded


def test_heavy_modules_still_load_when_used(tmp_path):
    """Lazy is not missing: exporting and unlocking pull their libraries in when asked."""
    code = (
        "import sys, datetime as dt\n"
        "from sipmote.export import DocKind, render\n"
        "from sipmote.export.samples import signoff_plan\n"
        "plan = signoff_plan(dt.date(2026, 3, 2), measures=3)\n"
        "data = render(DocKind.sip, plan, plan.meetings[-1], today=dt.date(2026, 3, 2))[0]\n"
        "print(data[:2] == b'PK', 'docx' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]


def test_the_command_entry_runs_a_command_with_the_garbage_collector_on(monkeypatch, tmp_path):
    """`sipmote` loads its modules with the collector off (start-up time); a command that is not
    the meeting app (stats over thousands of plans, an import) runs with it on, and it is on after."""
    import gc

    from sipmote import launch
    from sipmote.cli import plans

    seen: list[bool] = []
    monkeypatch.setattr(plans, "cmd_list", lambda args: seen.append(gc.isenabled()) or 0)
    monkeypatch.setattr(sys, "argv", ["sipmote", "--home", str(tmp_path), "list"])
    assert launch.main() == 0
    assert seen == [True] and gc.isenabled()


def test_the_installed_command_is_the_launcher():
    """The console script and ``python -m sipmote`` both start at sipmote.launch (not at sipmote.cli,
    whose imports would run with the collector on)."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    scripts = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["sipmote"] == "sipmote.launch:main"
    assert "sipmote.launch" in (root / "sipmote" / "__main__.py").read_text(encoding="utf-8")
