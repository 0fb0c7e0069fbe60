"""Hostile text through every path: control characters, terminal escapes, Rich
markup, emoji, right-to-left text, NUL, 100 kB texts. Nothing crashes, nothing
is lost on the way to disk and back, nothing reaches the terminal raw."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sipmote import cli
from sipmote.model import Goal, Measure, Meeting, OwnAction, Participant, Person, Plan, Question, Responsible
from sipmote.store import Register, crypto
from sipmote.textview import plan_text, safe_line, safe_text

NASTY = [
    "\x00", "\x1b[31m", "\x1b[2J", "\x1b]0;owned\x07", "\x1b]8;;http://x\x1b\\", "\x9b2J", "\x07", "\x08",
    "\r", "\x7f", "\x85", "\u2028", "\u202e", "\u2067", "\u200f",
    "[bold]", "[/]", "[/bold]", "[red on blue]", "[link=http://evil]x[/link]", "[@click=app.quit]",
    "שלום", "مرحبا", "👩‍👩‍👧‍👦", "🇸🇪", "🙂", "e\u0301", "Å", "ǅ", "\ufeff", "\U0010fffd",
    "\t", "\n", "\\", '"', "'", "{name}", "{0}", "%s", "<b>&amp;", "]]>", "--", "\u00a0",
]
hostile = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=6)), max_size=10).map("".join)
name_text = hostile.map(lambda s: "N" + s)  # a name must not be blank

#: what a terminal would act on: C0 but \n and \t, DEL, C1, bidi overrides/isolates, line separators
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _plan(texts: list[str], name: str, pid: str = "hostile00001") -> Plan:
    it = itertools.cycle(texts)
    m = Meeting(place=next(it), leader=next(it), situation=next(it), notes=next(it), if_critical=next(it))
    m.participants.append(Participant(name=next(it), organisation=next(it), role=next(it), speaker_notes=next(it)))
    m.goals.append(Goal(text=next(it), status_note=next(it), measures=[
        Measure(what=next(it), responsible=Responsible(organisation=next(it), person=next(it)), place=next(it),
                frequency=next(it), effect=next(it)),
    ]))
    m.own_actions.append(OwnAction(text=next(it)))
    p = Plan(id=pid, person=Person(name=name, address=next(it), phone=next(it)))
    p.long_term_goal = next(it)
    p.questions.append(Question(text=next(it), answer=next(it)))
    p.meetings.append(m)
    return p


def _comparable(data: dict) -> dict:
    data = dict(data)
    data.pop("updated", None)
    return data


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


@FAST
@given(texts=st.lists(hostile, min_size=1, max_size=6), name=name_text)
def test_the_model_keeps_every_character_through_json(texts, name):
    plan = _plan(texts, name)
    again = Plan.model_validate_json(plan.model_dump_json())
    assert again == plan


@FAST
@given(texts=st.lists(hostile, min_size=1, max_size=4), name=name_text, encrypted=st.booleans())
def test_the_register_saves_and_loads_hostile_text_intact(texts, name, encrypted):
    with tempfile.TemporaryDirectory() as d:
        reg = Register(Path(d)).open()
        if encrypted:
            crypto.encrypt_register(reg, "hemlig fras ett")
        plan = _plan(texts, name)
        reg.save(plan)
        reg.save(plan)
        reg.close()
        reg = Register(Path(d))
        if encrypted:
            crypto.unlock_register(reg, passphrase="hemlig fras ett")
        with reg:
            assert reg.load(plan.id) == plan
            assert [s.name for s in reg.summaries()] == [name]


@FAST
@given(texts=st.lists(hostile, min_size=1, max_size=4), name=name_text)
def test_cli_import_then_show_json_gives_back_the_same_plan(tmp_path_factory, texts, name):
    src = tmp_path_factory.mktemp("imp") / "plan.json"
    plan = _plan(texts, name)
    src.write_text(plan.model_dump_json(), encoding="utf-8")
    code, out, err = _run("import", str(src), "--replace")
    assert code == 0, err
    assert not TERMINAL_CONTROL.search(out + err)
    code, out, err = _run("show", plan.id, "--json")
    assert code == 0 and not TERMINAL_CONTROL.search(out.replace("\n", "")), err
    assert _comparable(json.loads(out)) == _comparable(json.loads(plan.model_dump_json()))


@FAST
@given(texts=st.lists(hostile, min_size=1, max_size=4), name=name_text)
def test_cli_list_and_show_never_send_terminal_controls_and_show_text_literally(tmp_path_factory, texts, name):
    home = tmp_path_factory.mktemp("h")
    plan = _plan(texts, name)
    with Register(home) as reg:
        reg.save(plan)
    for argv in (["list"], ["list", "--json"], ["show", plan.id], ["show", plan.id, "--json"]):
        code, out, err = _run("--home", str(home), *argv)
        assert code == 0, err
        assert not TERMINAL_CONTROL.search(out + err), (argv, out)
        assert "Traceback" not in err
    code, out, _ = _run("--home", str(home), "show", plan.id)
    assert safe_line(name).rstrip() in out  # markup and all, shown as typed
    assert safe_text(plan.long_term_goal) in out


def test_a_100_kb_text_is_saved_shown_and_exported_whole(home):
    big = ("Långt mål med [bold]markup[/], \x1b[31mfärg\x1b[0m, \u202eRTL, 🙂 och NUL\x00. " * 1500)[:100_000]
    plan = _plan([big], "Stor Text")
    with Register(home) as reg:
        reg.save(plan)
        assert reg.load(plan.id).long_term_goal == big
    code, out, err = _run("show", plan.id)
    assert code == 0 and not TERMINAL_CONTROL.search(out + err)
    assert safe_text(big) in out
    code, out, _ = _run("show", plan.id, "--json")
    assert json.loads(out)["long_term_goal"] == big


def test_the_text_view_escapes_but_keeps_everything_else(demo):
    demo.person.name = "Elsa [bold]\x1b[2J\u202eX\x00"
    text = plan_text(demo)
    assert "Elsa [bold]<U+001B>[2J<U+202E>X<U+0000>" in text
    assert not TERMINAL_CONTROL.search(text.replace("\n", ""))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["id", "person", "name", "meetings", "goals", "text", "date", "status",
                                       "personnummer", "consents", "schema_version", "measures", "kind"]) | hostile,
                      children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=json_values)
def test_any_json_import_is_a_plan_or_a_clear_message(tmp_path_factory, data):
    src = tmp_path_factory.mktemp("any") / "x.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = _run("import", str(src), "--replace")
    assert code in (0, 2), err
    assert "Traceback" not in err and "oväntat" not in err
    assert not TERMINAL_CONTROL.search(out + err.replace("\n", ""))


@pytest.mark.parametrize(
    "raw",
    [b"\xff\xfe{", b"{\"id\": \"\\ud800\"}", b"\x00" * 10, b"{" * 5000, b"[" * 100_000],
    ids=["bom-garbage", "lone-surrogate", "nul", "5000-braces", "100k-brackets"],
)
def test_malformed_import_files_are_clear_messages(tmp_path, raw):
    src = tmp_path / "x.json"
    src.write_bytes(raw)
    code, _, err = _run("import", str(src))
    assert code == 2 and "Traceback" not in err and "oväntat" not in err, err
