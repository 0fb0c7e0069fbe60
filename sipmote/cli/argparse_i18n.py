"""argparse's own words ("usage:", "options", "show this help message and exit", its
error messages) in the chosen language: argparse looks them up through its module
globals ``_`` and ``ngettext`` at the moment it prints, so the CLI points those at the
catalogue (table ``[argparse]``). A text without a translation stays as argparse has it."""

from __future__ import annotations

import argparse

from sipmote.i18n import t

#: argparse's source text -> catalogue key
KEYS = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "optional arguments": "argparse.options",
    "show this help message and exit": "argparse.help",
    "show program's version number and exit": "argparse.version",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "expected one argument": "argparse.expected_one",
    "expected at least one argument": "argparse.expected_some",
    "expected at most one argument": "argparse.expected_at_most_one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "not allowed with argument %s": "argparse.not_allowed",
    "ignored explicit argument %r": "argparse.ignored",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
}


def _gettext(text: str) -> str:
    key = KEYS.get(text)
    if key is None:
        return text
    value = t(key)
    return text if value == key else value


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def translate_argparse() -> None:
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
