"""One parser per rule: every place that reads a typed date or time accepts and
refuses exactly the inputs of the one table (``date_inputs.py``), with a clear
message naming what was typed; the personnummer is parsed once per save."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from conftest import TODAY
from date_inputs import BLANKS, DATES, REFUSED, TIMES

from sipmote import cli, lifecycle, parse, personnummer, stats
from sipmote.model import CloseReason, Person, Plan

Reader = Callable[[str], object]


def _refused(fn: Reader, text: str) -> object:
    """``fn(text)``, or REFUSED when it raised one of our user-facing errors
    (whose message must show what was typed and carry no traceback text)."""
    try:
        return fn(text)
    except (parse.ParseError, lifecycle.LifecycleError, stats.StatsError) as exc:
        assert text.strip() in str(exc), str(exc)
        assert "Traceback" not in str(exc)
        return REFUSED


def _form_date(text: str) -> object:
    from sipmote.tui import dialogs  # the dialog kit's date fields (every form)

    return dialogs.parse_date(text)


def _form_time(text: str) -> object:
    from sipmote.tui import dialogs

    return dialogs.parse_time(text)


def _preparation(**fields: str) -> lifecycle.Check:
    prep = lifecycle.Preparation(name="Elsa", **fields)  # type: ignore[arg-type]
    return lifecycle.check_preparation(prep, TODAY)


def _prep_field(name: str) -> Reader:
    """The preparation form's field ``name``: the value check_preparation parsed, or its error."""

    def read(text: str) -> object:
        check = _preparation(**{name: text})
        if check.ok:
            return getattr(check.form, name)
        raise lifecycle.LifecycleError(" ".join(check.errors))

    return read


def _consent_from(text: str) -> object:
    return lifecycle.make_consent("Maria", text, today=TODAY).valid_from


def _close_day(text: str) -> object:
    plan = Plan(person=Person(name="Elsa"))
    return lifecycle.close_plan(plan, CloseReason.goals_met, text, "Elsa", "Skolan").date


def _stats_from(text: str) -> object:
    return stats.parse_period(text, None).start


DATE_READERS: dict[str, Reader] = {
    "parse.parse_date": parse.parse_date,
    "lifecycle.parse_date": lifecycle.parse_date,
    "meeting form": _form_date,
    "preparation: meeting date": _prep_field("date"),
    "preparation: invitation sent": _prep_field("invitation_sent"),
    "consent valid from": _consent_from,
    "closing date": _close_day,
    "stats --from/--to": _stats_from,
}

TIME_READERS: dict[str, Reader] = {
    "parse.parse_time": parse.parse_time,
    "lifecycle.parse_time": lifecycle.parse_time,
    "meeting form": _form_time,
    "preparation: meeting time": _prep_field("time"),
}


@pytest.mark.parametrize("reader", DATE_READERS)
@pytest.mark.parametrize(("text", "expected"), DATES, ids=[repr(d[0]) for d in DATES])
def test_every_date_field_accepts_and_refuses_the_same(reader, text, expected):
    assert _refused(DATE_READERS[reader], text) == expected


@pytest.mark.parametrize("reader", TIME_READERS)
@pytest.mark.parametrize(("text", "expected"), TIMES, ids=[repr(d[0]) for d in TIMES])
def test_every_time_field_accepts_and_refuses_the_same(reader, text, expected):
    assert _refused(TIME_READERS[reader], text) == expected


@pytest.mark.parametrize("text", BLANKS)
def test_blank_is_no_value_in_optional_fields(text):
    assert parse.parse_date(text) is None and parse.parse_time(text) is None
    assert _preparation(date=text, time=text).form.date is None
    with pytest.raises(parse.ParseError, match="Giltigt från måste anges"):
        parse.parse_date(text, "Giltigt från", required=True)


@pytest.mark.parametrize(("text", "expected"), DATES, ids=[repr(d[0]) for d in DATES])
def test_the_stats_command_reads_dates_like_every_field(home, capsys, text, expected):
    code = cli.main(["--home", str(home), "stats", "--from", text, "--to", text])
    _, err = capsys.readouterr()
    if expected is REFUSED:
        assert code == 2 and text.strip() in err and "Traceback" not in err
    else:
        assert code == 0, err


def test_refusals_are_swedish_and_name_the_field():
    with pytest.raises(parse.ParseError) as exc:
        parse.parse_date("2026-02-30", "Mötesdatum")
    assert str(exc.value) == "Mötesdatum: Ogiltigt datum: ”2026-02-30”. Skriv ÅÅÅÅ-MM-DD."
    with pytest.raises(parse.ParseError) as exc:
        parse.parse_time("25:00")
    assert exc.value.message == "Ogiltig tid: ”25:00”. Skriv TT:MM."


def test_english_messages_with_lang_en():
    from sipmote import i18n

    i18n.set_language("en")
    with pytest.raises(parse.ParseError, match="Invalid date"):
        parse.parse_date("31/2")


def test_personnummer_is_checked_against_the_injected_today():
    number = personnummer.make_test_number(dt.date(2026, 3, 1))
    assert parse.parse_personnummer(number, TODAY) == number
    with pytest.raises(parse.ParseError, match="Personnummer"):
        parse.parse_personnummer(number, dt.date(2026, 2, 28))  # born "tomorrow"
    # ten digits: the century comes from the injected today, not the machine's clock
    born_1930 = personnummer.make_test_number(dt.date(1930, 6, 1))
    ten = born_1930[2:]
    assert parse.parse_personnummer(ten, TODAY) == born_1930
    assert parse.parse_personnummer(ten, dt.date(2031, 1, 1)) == "20" + ten
    assert parse.parse_personnummer(" ", TODAY) is None


def test_the_model_checks_a_number_against_the_today_it_is_given():
    number = personnummer.make_test_number(dt.date(2026, 3, 1))
    assert Person.model_validate({"name": "Elsa", "personnummer": number}, context={"today": TODAY})
    with pytest.raises(ValueError, match=r"framtiden|future"):
        Person.model_validate({"name": "Elsa", "personnummer": number}, context={"today": dt.date(2026, 2, 1)})


@pytest.fixture
def parse_count(monkeypatch):
    calls = []
    real = personnummer.parse

    def counting(value, today=None):
        calls.append(value)
        return real(value, today)

    monkeypatch.setattr(personnummer, "parse", counting)
    return calls


def test_a_new_plan_parses_the_personnummer_once(parse_count):
    number = personnummer.make_test_number(dt.date(2012, 5, 17))
    plan, check = lifecycle.prepare_new_plan(lifecycle.Preparation(name="Elsa", personnummer=number), TODAY)
    assert check.ok and plan is not None and plan.person.personnummer == number
    assert len(parse_count) == 1


def test_saving_the_preparation_parses_the_personnummer_once(parse_count):
    number = personnummer.make_test_number(dt.date(2012, 5, 17))
    plan = lifecycle.create_plan("Elsa", plan_id="p1", today=TODAY)
    check = lifecycle.apply_preparation(plan, lifecycle.Preparation(name="Elsa", personnummer=number[2:]), TODAY)
    assert check.ok and plan.person.personnummer == number
    assert len(parse_count) == 1


@pytest.mark.parametrize(("text", "answers"), [
    ("54-35", [5, 4, None, 3, 5]),
    ("5 4 - 3 5", [5, 4, None, 3, 5]),
    ("5,4,,3,5", [5, 4, None, 3, 5]),
    ("xxxxx", [None] * 5),
])
def test_answers(text, answers):
    assert parse.parse_answers(text) == answers == lifecycle.parse_answers(text)


@pytest.mark.parametrize("text", ["5436", "543210", "54635", "5 4 a 3 5"])
def test_answers_refused(text):
    with pytest.raises(parse.ParseError):
        parse.parse_answers(text)
    with pytest.raises(lifecycle.LifecycleError):
        lifecycle.parse_answers(text)


def test_parse_errors_belong_to_the_one_error_family():
    from sipmote.errors import SipmoteError

    with pytest.raises(SipmoteError) as exc:
        parse.parse_time("25:00", "Tid")
    assert exc.value.message == str(exc.value) == "Tid: Ogiltig tid: ”25:00”. Skriv TT:MM."
    assert exc.value.exit_code == 2
    with pytest.raises(SipmoteError):
        lifecycle.parse_date("2026-02-30")
