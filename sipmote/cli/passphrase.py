"""Asking for passphrases: the terminal (getpass, never echoed), or for scripts and tests
the file named by ``SIPMOTE_PASSPHRASE_FILE`` (the current passphrase; for ``init
--encrypt`` the new one), ``SIPMOTE_NEW_PASSPHRASE_FILE`` (the new one of ``passwd``:
line 1, and line 2 as the confirmation if present), or lines of stdin when it is not
a terminal (one line is enough: nothing was typed, so nothing can be mistyped).
Passphrases are never stored."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sipmote.errors import SipmoteError
from sipmote.i18n import t
from sipmote.store import MIN_PASSPHRASE, check_strength

PASSPHRASE_ENV = "SIPMOTE_PASSPHRASE_FILE"
NEW_PASSPHRASE_ENV = "SIPMOTE_NEW_PASSPHRASE_FILE"



def _is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def _getpass(prompt: str) -> str:
    import getpass

    return getpass.getpass(prompt)


def _file_line(env: str, line: int) -> str | None:
    """Line ``line`` of the file named by ``$env``; None when the file has fewer lines."""
    path = os.environ[env]
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        raise SipmoteError(t("privacy.passphrase_file", path=path)) from None
    return lines[line] if len(lines) > line else None


def _stdin_line() -> str | None:
    try:
        text = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):
        text = ""
    return text.rstrip("\r\n") if text else None


def _typed(prompt: str) -> str:
    try:
        return _getpass(prompt)
    except EOFError:
        raise SipmoteError(t("privacy.no_passphrase")) from None


def current() -> str:
    """The current passphrase of an encrypted register."""
    if os.environ.get(PASSPHRASE_ENV):
        value = _file_line(PASSPHRASE_ENV, 0)
    elif _is_tty():
        return _typed(t("privacy.prompt"))
    else:
        value = _stdin_line()
    if value is None:
        raise SipmoteError(t("privacy.no_passphrase"))
    return value


def tries() -> int:
    """How many times a wrong passphrase may be typed again (a file or a pipe: once)."""
    return 3 if not os.environ.get(PASSPHRASE_ENV) and _is_tty() else 1


def asker() -> object:
    """``ask`` for :meth:`Register.unlock`: says "try again" before the 2nd and 3rd prompt."""
    asked = [0]
    total = tries()

    def ask() -> str:
        if asked[0]:
            print(t("privacy.try_again", left=total - asked[0]), file=sys.stderr)
        asked[0] += 1
        return current()

    return ask


def new(*, initial: bool) -> str:
    """A new passphrase, confirmed where it is typed, checked before anything is written.

    ``initial``: the register has no passphrase yet (``init --encrypt``), so
    ``SIPMOTE_PASSPHRASE_FILE`` names the new one when ``SIPMOTE_NEW_PASSPHRASE_FILE`` is not set."""
    env = NEW_PASSPHRASE_ENV if os.environ.get(NEW_PASSPHRASE_ENV) else None
    if env is None and initial and os.environ.get(PASSPHRASE_ENV):
        env = PASSPHRASE_ENV
    if env is not None:
        first = _file_line(env, 0)
        if first is None:
            raise SipmoteError(t("privacy.no_passphrase"))
        check_strength(first)
        second = _file_line(env, 1) if env == NEW_PASSPHRASE_ENV else None
    elif _is_tty():
        first = _typed(t("privacy.new_prompt", n=MIN_PASSPHRASE))
        check_strength(first)
        second = _typed(t("privacy.confirm_prompt"))
    else:
        line = _stdin_line()
        if line is None:
            raise SipmoteError(t("privacy.no_passphrase"))
        first = line
        check_strength(first)
        second = _stdin_line()
    if second is not None and second != first:
        raise SipmoteError(t("privacy.mismatch"))
    return first
