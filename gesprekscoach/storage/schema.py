"""The tables of the session database, their version and the steps between versions.

Why a version with migrations (``PRAGMA user_version``): an older file is
copied aside and upgraded step by step, a newer one is refused before anything
is written, so a docent's sessions survive every update of gesprekscoach.
``rule_scores`` copies a report's points per rule, so ``voortgang`` over a
thousand sessions needs no JSON.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

from gesprekscoach.errors import Problem, UserError

#: The schema this version writes; see :data:`MIGRATIONS`.
SCHEMA_VERSION: Final[int] = 5

#: What the CHECK constraints allow.
KINDS: Final[tuple[str, ...]] = ("oefening", "transcript")
MODES: Final[tuple[str, ...]] = ("oefenen", "proef")
#: bezig: turns are still coming; klaar: finished with a report;
#: afgebroken: the docent chose not to go on, the report covers what was said.
STATUSES: Final[tuple[str, ...]] = ("bezig", "klaar", "afgebroken")

_V1: Final[tuple[str, ...]] = (
    """CREATE TABLE sessions (
        id              TEXT PRIMARY KEY,
        docent          TEXT NOT NULL COLLATE NOCASE,
        kind            TEXT NOT NULL CHECK (kind IN ('oefening', 'transcript')),
        scenario_id     TEXT,
        scenario_sha256 TEXT,
        scenario_path   TEXT,
        scenario_title  TEXT,
        student_name    TEXT,
        scenario_doel   TEXT,
        mode            TEXT CHECK (mode IN ('oefenen', 'proef')),
        seed            INTEGER,
        source          TEXT,
        source_sha256   TEXT,
        started_at      TEXT NOT NULL,
        ended_at        TEXT,
        status          TEXT NOT NULL DEFAULT 'bezig'
                        CHECK (status IN ('bezig', 'klaar', 'afgebroken')),
        report_json     TEXT
    )""",
    "CREATE INDEX sessions_by_docent ON sessions (docent, started_at)",
    """CREATE TABLE turns (
        session_id    TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        nr            INTEGER NOT NULL CHECK (nr >= 1),
        docent        TEXT NOT NULL,
        analysis_json TEXT NOT NULL,
        student       TEXT NOT NULL,
        openness      REAL,
        layer         TEXT,
        phase         TEXT NOT NULL,
        sprong        INTEGER NOT NULL,
        said_at       TEXT NOT NULL,
        PRIMARY KEY (session_id, nr)
    ) WITHOUT ROWID""",
)

_V2: Final[tuple[str, ...]] = (
    "ALTER TABLE sessions ADD COLUMN score INTEGER",
    """CREATE TABLE rule_scores (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        rule       TEXT NOT NULL,
        points     REAL NOT NULL,
        verdict    TEXT NOT NULL,
        value      REAL,
        PRIMARY KEY (session_id, rule)
    ) WITHOUT ROWID""",
)


#: A trainer's corrections of a turn's coding and notes on a turn or a session
#: (issue 14); the turn's own analysis stays as it was, ``verborgen`` keeps a
#: session out of lists and progress without deleting it.
_V3: Final[tuple[str, ...]] = (
    "ALTER TABLE sessions ADD COLUMN verborgen INTEGER NOT NULL DEFAULT 0",
    """CREATE TABLE corrections (
        session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        nr          INTEGER NOT NULL,
        code        TEXT NOT NULL,
        fase        TEXT,
        competentie TEXT,
        door        TEXT NOT NULL,
        op          TEXT NOT NULL,
        PRIMARY KEY (session_id, nr)
    ) WITHOUT ROWID""",
    """CREATE TABLE notes (
        id          INTEGER PRIMARY KEY,
        session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        nr          INTEGER,
        tekst       TEXT NOT NULL,
        door        TEXT NOT NULL,
        op          TEXT NOT NULL
    )""",
    "CREATE INDEX notes_by_session ON notes (session_id, nr)",
)


#: The third voice of a trialoog (issue 13): what the praktijkopleider or parent
#: said after the student; older turns have none.
_V4: Final[tuple[str, ...]] = (
    "ALTER TABLE turns ADD COLUMN third_party TEXT NOT NULL DEFAULT ''",
)


#: A correction may give more moves than one (issue 14): the others than its code,
#: space-separated; older corrections have none.
_V5: Final[tuple[str, ...]] = (
    "ALTER TABLE corrections ADD COLUMN ook TEXT NOT NULL DEFAULT ''",
)


def write_scores(conn: sqlite3.Connection, session_id: str, report: Mapping[str, Any]) -> None:
    """The denormalised copy of a report's points per rule (schema 2)."""
    conn.execute("DELETE FROM rule_scores WHERE session_id = ?", (session_id,))
    conn.execute("UPDATE sessions SET score = ? WHERE id = ?", (report["cijfer"], session_id))
    conn.executemany(
        "INSERT INTO rule_scores (session_id, rule, points, verdict, value) VALUES (?, ?, ?, ?, ?)",
        [(session_id, r["regel"], r["punten"], r["oordeel"], r["waarde"])
         for r in report["regels"]])


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    for statement in _V1:
        conn.execute(statement)


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    """Score columns for fast progress, filled from the stored reports."""
    for statement in _V2:
        conn.execute(statement)
    rows = conn.execute("SELECT id, report_json FROM sessions WHERE report_json IS NOT NULL")
    for session_id, text in rows.fetchall():
        write_scores(conn, session_id, json.loads(text))


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    """Corrections, notes and hidden sessions."""
    for statement in _V3:
        conn.execute(statement)


def _migrate_to_4(conn: sqlite3.Connection) -> None:
    """The trialoog's third speaker per turn."""
    for statement in _V4:
        conn.execute(statement)


def _migrate_to_5(conn: sqlite3.Connection) -> None:
    """The further moves of a corrected turn."""
    for statement in _V5:
        conn.execute(statement)


#: ``MIGRATIONS[n]`` upgrades a database from version n to n + 1. Add a
#: function here (never change an old one) and raise :data:`SCHEMA_VERSION`.
MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
    _migrate_to_5,
)
assert len(MIGRATIONS) == SCHEMA_VERSION


def prepare(conn: sqlite3.Connection, path: Path) -> Path | None:
    """Make a freshly opened file ready: refuse it, or upgrade it to :data:`SCHEMA_VERSION`.

    Returns where the copy of the file before the migration went, if one was
    made. Raises UserError for a newer schema or a foreign database; an
    ``sqlite3.Error`` is left to the caller, which names the file.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise UserError(Problem(
            f"deze sessiedatabase komt van een nieuwere gesprekscoach (schema {version}; "
            f"deze versie kent tot en met {SCHEMA_VERSION}). Werk gesprekscoach bij; er is "
            "niets aan het bestand veranderd", str(path)))
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise UserError(Problem(
            "dit is een SQLite-database van een ander programma, geen sessiedatabase van "
            "gesprekscoach; er is niets aan veranderd. Kies met --db een ander bestand",
            str(path)))
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed turn also survives a power cut, not only kill -9;
    # scripts/bench_store.py shows it stays well within 5 ms a turn.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return _migrate(conn, path, version) if version < SCHEMA_VERSION else None


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> Path | None:
    """Upgrade step by step, each step in its own transaction; copy an old file first."""
    backup = None
    if version >= 1:
        backup = path.with_name(f"{path.stem}.schema{version}-reservekopie{path.suffix}")
        target = sqlite3.connect(backup)
        try:
            conn.backup(target)
        finally:
            target.close()
    for step in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have done this step while we waited.
            if conn.execute("PRAGMA user_version").fetchone()[0] <= step:
                MIGRATIONS[step](conn)
                conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return backup
