"""Issue 14: arbitrary JSON (any value, any depth, huge numbers, lone surrogates, long texts) fed
to ``sipmote import`` and to the loader: never exit 70, never a traceback, and the register
unchanged on refusal. The old code gave exit 70 for a 5,000-digit number and for a lone
surrogate in a plan that otherwise validated."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sipmote import cli
from sipmote.store import Register
from tests.store.helpers14 import digest, plan, stocked

MAX_TEXT = 100_000  # the documented limit per text field (sipmote.store.limits.MAX_TEXT)

#: numbers too long for Python's int() (4,300 digits), written into the JSON text by _dump
HUGE, NEG_HUGE = "\x00huge", "\x00neghuge"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

texts = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["\ud800", "a\udfffb", "\x00", "\ufeff", "\u202e", "[bold]", "x" * (MAX_TEXT + 1)]),
)
numbers = st.one_of(
    st.integers(), st.integers(min_value=-(10**40), max_value=10**40), st.floats(allow_nan=False),
    st.sampled_from([HUGE, NEG_HUGE, 2**63, 1e308]),
)
leaves = st.none() | st.booleans() | numbers | texts
any_json = st.recursive(
    leaves, lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=4),
    max_leaves=15,
)


@st.composite
def almost_plans(draw):
    """A valid plan with one value replaced anywhere: these reach validation and saving."""
    doc = json.loads(plan("any000000001", "Any Person").model_dump_json())
    doc["meetings"] = [{"id": "m1", "kind": "new", "notes": "n"}]
    spots = [("long_term_goal",), ("person", "name"), ("person", "personnummer"), ("meetings", 0, "notes"),
             ("meetings", 0, "date"), ("schema_version",), ("id",), ("meetings", 0), ("person",)]
    where = draw(st.sampled_from(spots))
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = draw(any_json)
    return doc


def _dump(value) -> bytes:
    """JSON text; lone surrogates stay \\ud800 escapes (what a hostile file holds)."""
    text = json.dumps(value, ensure_ascii=True)
    text = text.replace(json.dumps(HUGE), "9" * 5000).replace(json.dumps(NEG_HUGE), "-" + "1" * 4500)
    return text.encode("ascii")


def _run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, err.getvalue()


def _check_import(home: Path, raw: bytes) -> None:
    before = digest(home)
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "x.json"
        src.write_bytes(raw)
        code, err = _run("--home", str(home), "import", str(src), "--replace")
    assert code in (0, 2), err
    assert "Traceback" not in err and "oväntat" not in err
    if code == 2:
        assert digest(home) == before


def _check_loader(home: Path, raw: bytes) -> None:
    """The same bytes in place of a plan file: a plan, or a StoreError; the good backup comes back."""
    with Register(home) as reg:
        reg.plan_path("keep00000001").write_bytes(raw)
        try:
            loaded = reg.load("keep00000001")
        except Exception as exc:  # noqa: BLE001 - a StoreError (old code: also any other kind)
            assert type(exc).__name__ == "StoreError", repr(exc)
            assert exc.message
        else:
            assert loaded.id
        reg.summaries()


def _check(value) -> None:
    with tempfile.TemporaryDirectory() as d:
        home = Path(d) / "home"
        stocked(home, plan("keep00000001", "Kvar Person"), saves=2)
        raw = _dump(value)
        _check_import(home, raw)
        _check_loader(home, raw)


@SETTINGS
@given(value=any_json)
def test_any_json_to_import_and_loader(value):
    _check(value)


@SETTINGS
@given(doc=almost_plans())
def test_almost_plans_to_import_and_loader(doc):
    _check(doc)
