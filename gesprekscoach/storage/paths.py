"""Where the database lives, and the small checks on what goes into it.

The path, a docent alias, a file's hash and a timestamp are all decided here,
so the store, the commands and the app spell them the same way.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Final

from platformdirs import PlatformDirs
from platformdirs.api import PlatformDirsABC

from gesprekscoach.errors import Problem, UserError

#: Environment variable that points at another database file.
DB_ENV: Final[str] = "GESPREKSCOACH_DB"
DB_NAME: Final[str] = "sessies.db"
APP_NAME: Final[str] = "gesprekscoach"

MAX_ALIAS: Final[int] = 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _user_dirs() -> PlatformDirsABC:
    """XDG folders on Linux and macOS alike (as the README says), the native ones on Windows."""
    if sys.platform == "win32":
        return PlatformDirs(APP_NAME, appauthor=False)
    from platformdirs.unix import Unix

    return Unix(APP_NAME)


def default_db_path() -> Path:
    """``$GESPREKSCOACH_DB``, else the user's data folder (XDG on Linux and macOS)."""
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return _user_dirs().user_data_path / DB_NAME


def resolve_db_path(argument: str | Path | None = None) -> Path:
    """``--db PAD`` wins over the environment, which wins over the data folder."""
    if argument not in (None, ""):
        return Path(argument).expanduser()
    return default_db_path()


def file_sha256(path: str | Path) -> str | None:
    """Hex digest of a file's bytes; None when it cannot be read."""
    try:
        return sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def check_alias(alias: str) -> str:
    """A docent alias made tidy, or a UserError saying what is wrong with it."""
    text = " ".join(str(alias).split())
    if not text:
        raise UserError(Problem("geef een alias op, bijvoorbeeld je voornaam (--docent NAAM)"))
    if len(text) > MAX_ALIAS or _CONTROL.search(text):
        raise UserError(Problem(
            f"een alias is hoogstens {MAX_ALIAS} tekens zonder stuurtekens; "
            "kies bijvoorbeeld je voornaam"))
    return text


def printable(text: str) -> str:
    """``text`` with control and direction characters as ``?``, safe to echo in a message."""
    return _CONTROL.sub("?", text)


def now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime | None) -> str:
    """UTC in ISO 8601 with milliseconds: sorts as text, reads as a date."""
    moment = moment or now()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
