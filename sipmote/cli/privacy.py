"""``sipmote init [--encrypt]`` and ``sipmote passwd``.

Passphrases come from :mod:`sipmote.cli.passphrase` (terminal, file or stdin);
they are never stored."""

from __future__ import annotations

import argparse

from sipmote.cli import passphrase
from sipmote.cli.common import UserError, command, home, open_register
from sipmote.i18n import t


def cmd_init(args: argparse.Namespace) -> int:
    from sipmote.store import Register

    folder = home(args)
    reg = Register(folder, front_end="command")
    if args.encrypt:
        if reg.encrypted:
            raise UserError(t("privacy.already_encrypted"))
        new = passphrase.new(initial=True)  # before anything is created
        with reg:
            files = reg.encrypt(new)
        print(t("privacy.init_encrypted", path=folder, files=files))
        return 0
    if reg.encrypted:
        print(t("privacy.already_encrypted"))
        return 0
    with reg:
        pass
    print(t("privacy.init_plain", path=folder))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from sipmote.store import Register

    if not Register(home(args)).encrypted:
        raise UserError(t("privacy.not_encrypted"))
    with open_register(args) as reg:  # asks the current passphrase
        files = reg.rekey(passphrase.new(initial=False))
    print(t("privacy.passwd_done", files=files))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = command(sub, common, "init", cmd_init)
    p.add_argument("--encrypt", action="store_true", help=t("cli_help.encrypt"))
    command(sub, common, "passwd", cmd_passwd)
