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


def _options(parser):
    """(command, option, action) for every option that takes a value, in every command."""
    import argparse

    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subs.choices.items():
        for action in sub._actions:
            if action.option_strings and action.nargs != 0 and action.dest != "help":
                yield name, action.option_strings[-1], action


def _metavars(lang: str) -> set[str]:
    import tomllib
    from importlib import resources

    table = tomllib.loads(resources.files("sipmote.i18n").joinpath(f"{lang}.toml").read_text("utf-8"))["cli_help"]
    return {v for v in table.values() if isinstance(v, str)}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_option_value_is_named_in_the_chosen_language(lang):
    """No ``--template TEMPLATE`` in the Swedish help: a value is named by the catalogue (or,
    for a fixed set, by its choices), in Swedish by default and in English with --lang en."""
    from sipmote import i18n

    i18n.set_language(lang)
    words = _metavars(lang)
    untranslated = [f"{name} {option} {action.metavar or action.dest.upper()}"
                    for name, option, action in _options(cli.build_parser())
                    if action.choices is None and action.metavar not in words]
    assert untranslated == []


def test_the_export_help_names_its_values_in_swedish(capsys):
    for command in ("export", "invitation"):
        text = _help(capsys, command)
        assert "TEMPLATE" not in text and "MEETING" not in text


@pytest.mark.parametrize(("argv", "wanted"), [(["--format", "x"], "'table', 'csv', 'json'"),
                                              (["--layout", "x"], "'detailed', 'region'")])
def test_stats_refuses_an_unknown_choice_in_swedish(capsys, argv, wanted):
    assert cli.main(["stats", *argv]) == 2
    err = capsys.readouterr().err
    assert "ogiltigt val: 'x'" in err and wanted in err and "invalid choice" not in err
