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
    """``formats.first_name``: no ``name.split()[0]`` elsewhere."""
    copies = [path for path, text in sources().items()
              if re.search(r"\.split\(\s*(\"\s\"|' ')?\s*\)\[0\]", text) and path != "formats.py"]
    assert copies == []


def test_a_goal_and_a_measure_are_looked_up_once():
    """``lifecycle.followup.find_goal``/``find_measure``: the lookups (and their refusals) are
    not written again in another lifecycle module."""
    homes = {key: [path for path, text in sources("lifecycle").items() if f'"{key}"' in text]
             for key in ("life.no_such_goal", "life.no_such_measure")}
    assert homes == {"life.no_such_goal": ["lifecycle/followup.py"], "life.no_such_measure": ["lifecycle/followup.py"]}
