"""``sipmote init [--encrypt]`` and ``sipmote passwd``.

Passphrases come from the terminal (getpass: never echoed), or for scripts and
tests from the files named by ``SIPMOTE_PASSPHRASE_FILE`` (the current one) and
``SIPMOTE_NEW_PASSPHRASE_FILE`` (the new one, twice: lines 1 and 2, or line 1
only), or from lines of stdin. They are never stored."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sipmote.i18n import t


def _home(args: argparse.Namespace) -> Path:
    from sipmote.store import default_home

    return Path(args.home) if getattr(args, "home", None) else default_home()


def ask_new_passphrase() -> str:
    """The new passphrase, typed twice; checked before anything is written."""
    from sipmote.store import StoreError
    from sipmote.store.crypto import MIN_PASSPHRASE, NEW_PASSPHRASE_ENV, check_strength, read_secret

    first = read_secret(t("privacy.new_prompt", n=MIN_PASSPHRASE), env=NEW_PASSPHRASE_ENV)
    check_strength(first)
    if os.environ.get(NEW_PASSPHRASE_ENV):
        try:
            second = read_secret("", env=NEW_PASSPHRASE_ENV, line=1)
        except StoreError:
            second = first  # a file with one line: nothing was typed, nothing to mistype
    else:
        second = read_secret(t("privacy.confirm_prompt"), env=NEW_PASSPHRASE_ENV)
    if first != second:
        raise StoreError(t("privacy.mismatch"))
    return first


def cmd_init(args: argparse.Namespace) -> int:
    from sipmote.store import Register, StoreError
    from sipmote.store.crypto import encrypt_register, is_encrypted

    home = _home(args)
    if args.encrypt:
        if is_encrypted(home):
            raise StoreError(t("privacy.already_encrypted"))
        passphrase = ask_new_passphrase()  # before anything is created
        with Register(home) as reg:
            files = encrypt_register(reg, passphrase)
        print(t("privacy.init_encrypted", path=home, files=files))
        return 0
    if is_encrypted(home):
        print(t("privacy.already_encrypted"))
        return 0
    with Register(home):
        pass
    print(t("privacy.init_plain", path=home))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from sipmote.cli import open_register
    from sipmote.store import StoreError
    from sipmote.store.crypto import change_passphrase, is_encrypted

    if not is_encrypted(_home(args)):
        raise StoreError(t("privacy.not_encrypted"))
    with open_register(args) as reg:  # asks the current passphrase
        passphrase = ask_new_passphrase()
        files = change_passphrase(reg, passphrase)
    print(t("privacy.passwd_done", files=files))
    return 0


def register(sub) -> None:
    p = sub.add_parser("init", help="create the register (optionally encrypted) or encrypt an existing one")
    p.add_argument("--encrypt", action="store_true", help="encrypt the register with a passphrase")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("passwd", help="change the passphrase of an encrypted register")
    p.set_defaults(func=cmd_passwd)
