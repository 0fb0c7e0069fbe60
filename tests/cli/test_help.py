"""Issue 11: ``sipmote --help`` entirely in the chosen language (argparse's own words too),
``sipmote --version``, and --lang/--home accepted after the sub-command."""

from __future__ import annotations

import pytest

from sipmote import __version__, cli

COMMANDS = ["demo", "open", "schema", "import", "show", "list", "delete", "init", "passwd", "stats", "export",
            "invitation", "lathund"]
ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "show this help message and exit")


def _help(capsys, *argv: str) -> str:
    assert cli.main([*argv, "--help"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=["main", *COMMANDS])
def test_help_is_swedish_throughout(capsys, command):
    text = _help(capsys, *command)
    assert "användning:" in text and "visa den här hjälpen och avsluta" in text
    for english in ARGPARSE_ENGLISH:
        assert english not in text, english


@pytest.mark.parametrize("command", [[], ["list"], ["export"]], ids=["main", "list", "export"])
def test_help_is_english_on_request(capsys, command):
    text = _help(capsys, "--lang", "en", *command)
    assert "usage:" in text and "show this help message and exit" in text and "användning" not in text


def test_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"sipmote {__version__}"


def test_a_usage_error_is_swedish_and_exit_2(capsys):
    assert cli.main(["lista"]) == 2
    err = capsys.readouterr().err
    assert "ogiltigt val" in err and "invalid choice" not in err


def test_lang_and_home_after_the_sub_command(capsys, tmp_path):
    assert cli.main(["list", "--lang", "en", "--home", str(tmp_path / "elsewhere")]) == 0
    assert "The register is empty" in capsys.readouterr().out
    assert (tmp_path / "elsewhere" / "plans").is_dir()
