"""Every SQLite error as a Dutch :class:`~gesprekscoach.errors.Problem` that says what to do.

A locked, damaged or foreign file is named, never overwritten: the docent sees
a message and exit 2 (:class:`~gesprekscoach.errors.UserError`), not a
traceback.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Final

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.storage.paths import DB_ENV

_SQLITE_HEADER: Final[bytes] = b"SQLite format 3\x00"


def problem(exc: sqlite3.Error, path: Path) -> Problem:
    """One SQLite error as a Dutch message that says what to do."""
    text = str(exc).lower()
    name = str(path)
    if "locked" in text or "busy" in text:
        return Problem(
            "de sessiedatabase is bezet: een ander programma (misschien gesprekscoach in een "
            "ander venster) houdt hem vast. Sluit dat programma en probeer het opnieuw; er is "
            "niets veranderd", name)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return Problem(
            "dit bestand is geen leesbare sessiedatabase (beschadigd of iets anders). Er is "
            "niets aan veranderd. Bewaar het voor de zekerheid en kies met --db of "
            f"{DB_ENV} een ander bestand", name)
    if "readonly" in text or "read-only" in text:
        return Problem(
            "de sessiedatabase is alleen-lezen; controleer de rechten van het bestand en de "
            "map, of kies met --db een ander bestand", name)
    if "disk is full" in text or "full" in text:
        return Problem("de schijf is vol; maak ruimte vrij en probeer het opnieuw", name)
    if "unable to open" in text:
        return Problem(
            "kan de sessiedatabase niet openen; bestaat de map en mag je erin schrijven? "
            "Kies anders met --db een ander bestand", name)
    return Problem(f"fout in de sessiedatabase ({exc}); er is niets veranderd", name)


def check_header(db: Path) -> None:
    """Refuse a file that is plainly no SQLite database before SQLite touches it."""
    try:
        with open(db, "rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserError(Problem(
            f"kan de sessiedatabase niet lezen ({exc.strerror or exc}); controleer de rechten",
            str(db))) from None
    if head and head != _SQLITE_HEADER[: len(head)] or 0 < len(head) < len(_SQLITE_HEADER):
        raise UserError(problem(sqlite3.DatabaseError("file is not a database"), db))
