"""Issue 14, item 1: a plan reference is never empty or blank, and ``delete`` needs a whole id,
an exact name, or an unambiguous prefix of at least 4 characters. On the old code
``sipmote delete '' --yes`` deleted the only plan (rc 0) and ``delete p0`` deleted by a 2-character prefix."""

from __future__ import annotations

import pytest
from conftest import run_cli as run

from tests.store.helpers14 import digest, plan, stocked


@pytest.mark.parametrize("ref", ["", " ", "\t", "  \n"])
@pytest.mark.parametrize("command", [["delete", "--yes"], ["show"], ["open"]])
def test_an_empty_or_blank_reference_is_refused_and_nothing_changes(home, capsys, ref, command):
    stocked(home, plan("solo00000001", "Ensam Plan"))
    before = digest(home)
    code, _out, err = run(capsys, command[0], ref, *command[1:])
    assert code == 2 and "tomt går inte" in err and "Traceback" not in err
    assert digest(home) == before


def test_an_empty_reference_is_refused_for_export_too(home, capsys, tmp_path):
    stocked(home, plan("solo00000001", "Ensam Plan"))
    code, _, err = run(capsys, "export", "", "--docx", str(tmp_path / "x.docx"))
    assert code == 2 and "tomt går inte" in err
    assert not (tmp_path / "x.docx").exists()


def test_delete_refuses_a_short_prefix_even_when_it_fits_one_plan(home, capsys):
    stocked(home, plan("abcd00000001", "Alva Ett"), plan("zzzz00000002", "Bo Två"))
    before = digest(home)
    code, _, err = run(capsys, "delete", "ab", "--yes")
    assert code == 2 and "för kort" in err and "minst 4" in err
    assert digest(home) == before
    # show keeps its convenience: a short unique prefix still finds the plan
    code, out, _ = run(capsys, "show", "ab")
    assert code == 0 and "Alva Ett" in out


def test_delete_takes_a_whole_id_a_long_unique_prefix_or_an_exact_name(home, capsys):
    stocked(home, plan("abcd00000001", "Alva Ett"), plan("abce00000002", "Bo Två"), plan("qqqq00000003", "Cy Tre"))
    code, _, _err = run(capsys, "delete", "abc", "--yes")  # ambiguous and short
    assert code == 2
    code, out, _ = run(capsys, "delete", "abcd0", "--yes")
    assert code == 0 and "abcd00000001" in out
    code, out, _ = run(capsys, "delete", "bo två", "--yes")  # exact name, any case
    assert code == 0 and "abce00000002" in out
    code, out, _ = run(capsys, "delete", "qqqq00000003", "--yes")
    assert code == 0
    code, out, _ = run(capsys, "list")
    assert "Registret är tomt" in out
