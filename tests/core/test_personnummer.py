"""Personnummer / samordningsnummer validation: what a secretary typing one sees."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY
from hypothesis import given
from hypothesis import strategies as st

from sipmote import i18n
from sipmote import personnummer as pnr


@pytest.mark.parametrize(
    "raw",
    ["19811218-9876", "198112189876", "811218-9876", "8112189876", " 811218 9876 "],
)
def test_accepts_10_and_12_digits_with_or_without_separator(raw):
    assert pnr.normalize(raw, TODAY) == "19811218-9876"


def test_plus_separator_means_hundred_or_older():
    n = pnr.make_test_number(dt.date(2018, 12, 18))[2:]  # "181218-NNNN"
    assert pnr.normalize(n.replace("-", "+"), TODAY).startswith("1918")
    assert pnr.normalize(n, TODAY).startswith("2018")


def test_ten_digits_never_give_a_future_birth_date():
    # 27 in 2026 must be 1927, not 2027
    n = pnr.make_test_number(dt.date(1927, 5, 5))
    assert pnr.normalize(n[2:], TODAY).startswith("1927")


def test_samordningsnummer_accepted_day_plus_60():
    n = pnr.make_test_number(dt.date(2010, 7, 1), coordination=True)
    assert n[6:8] == "61"
    parsed = pnr.parse(n, TODAY)
    assert parsed.coordination and parsed.birth == dt.date(2010, 7, 1)


@pytest.mark.parametrize(
    "raw, key",
    [
        ("19811218-9875", "pnr.checksum"),
        ("19810230-1234", "pnr.date"),
        ("12345", "pnr.format"),
        ("abcdefgh-ijkl", "pnr.format"),
        ("20300101-0008", "pnr.future"),
        ("", "pnr.format"),
    ],
)
def test_bad_numbers_get_a_clear_swedish_message(raw, key):
    with pytest.raises(pnr.PersonnummerError) as err:
        pnr.parse(raw, TODAY)
    assert str(err.value) == i18n.t(key)
    assert "Personnumret" in str(err.value)


def test_message_in_english_on_request():
    i18n.set_language("en")
    with pytest.raises(pnr.PersonnummerError, match="check digit"):
        pnr.parse("19811218-9875", TODAY)


def test_mask_shows_birth_date_only():
    assert pnr.mask("19811218-9876") == "811218-****"
    assert pnr.mask("8112189876") == "811218-****"
    assert pnr.mask(None) == ""


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY), st.integers(0, 999), st.booleans())
def test_every_generated_number_round_trips(birth, serial, coord):
    n = pnr.make_test_number(birth, f"{serial:03d}", coord)
    assert pnr.normalize(n, TODAY) == n
    # one wrong digit in the serial is always caught by Luhn
    wrong = n[:-1] + str((int(n[-1]) + 1) % 10)
    with pytest.raises(pnr.PersonnummerError):
        pnr.parse(wrong, TODAY)
