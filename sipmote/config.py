"""Settings from ``config.toml`` in the data folder (headless, optional).

The file is optional; sections are read by the feature that owns them, e.g.::

    [export]
    template = "mallar/var-sip.docx"          # the SIP document
    invitation_template = "mallar/kallelse.docx"
    min_plan_template = "mallar/min-plan.docx"
    folder = "~/Dokument/SIP-möten"           # exported documents (default: Documents)

Relative paths are relative to the data folder. A broken file gives a clear
message (``ConfigError``), never a traceback.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from sipmote.errors import SipmoteError
from sipmote.i18n import t

FILE_NAME = "config.toml"


class ConfigError(SipmoteError):
    """config.toml cannot be read; the message names the file and the problem."""


def config_path(home: Path | None = None) -> Path:
    if home is None:
        from sipmote.store import default_home

        home = default_home()
    return Path(home) / FILE_NAME


def load(home: Path | None = None) -> dict:
    """The whole configuration as a dict; {} when there is no file."""
    path = config_path(home)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(t("config.unreadable", path=str(path), reason=exc.strerror or "")) from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(t("config.invalid", path=str(path), reason=str(exc))) from None


def section(name: str, home: Path | None = None) -> dict:
    value = load(home).get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(t("config.not_table", path=str(config_path(home)), section=name))
    return value


def path_setting(section_name: str, key: str, home: Path | None = None) -> Path | None:
    """A path from ``[section] key = "..."``, resolved against the data folder."""
    value = section(section_name, home).get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ConfigError(t("config.not_text", path=str(config_path(home)), key=f"{section_name}.{key}"))
    p = Path(value).expanduser()
    return p if p.is_absolute() else config_path(home).parent / p
