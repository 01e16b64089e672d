"""Every session kept: one SQLite file with each turn, its analysis and the report.

Why it is built this way:

- **A commit per turn, WAL mode.** A docent who closes the terminal, or whose
  laptop dies mid-conversation, loses nothing; the next start offers to go on.
  WAL makes such a commit cheap (one append to the log) and lets a trainer
  read while a docent writes.
- **The report is stored as it was given** (its JSON), so an old report reads
  the same after norms or the analyser change; ``rule_scores`` copies the
  points per rule so ``voortgang`` over a thousand sessions needs no JSON.
- **A schema version with migrations** (``PRAGMA user_version``): an older file
  is copied aside and upgraded, a newer one is refused before anything is
  written.
- **Every SQLite error becomes a Dutch** :class:`~gesprekscoach.errors.UserError`
  (exit 2): a locked, damaged or foreign file is named, never overwritten.

Nothing here prints; the commands and the app decide what to show. A
:class:`Store` may be shared between threads (the app's workers): calls are
serialised by a lock.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Final, Iterator, Mapping, Sequence

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.storage.records import (
    Malformed,
    analysis_from_dict,
    analysis_to_dict,
    exchange_from_dict,
    exchange_to_dict,
    get,
    report_from_dict,
    report_to_dict,
)
from gesprekscoach.conversation.session import Exchange

if TYPE_CHECKING:
    from gesprekscoach.scoring.progress import Progress
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.conversation.scenario import Scenario

#: The schema this version writes; see :data:`MIGRATIONS`.
SCHEMA_VERSION: Final[int] = 2
#: Environment variable that points at another database file.
DB_ENV: Final[str] = "GESPREKSCOACH_DB"
DB_NAME: Final[str] = "sessies.db"
#: How long to wait for another process that is writing, in seconds.
BUSY_TIMEOUT: Final[float] = 2.0

KINDS: Final[tuple[str, ...]] = ("oefening", "transcript")
MODES: Final[tuple[str, ...]] = ("oefenen", "proef")
#: bezig: turns are still coming; klaar: finished with a report;
#: afgebroken: the docent chose not to go on, the report covers what was said.
STATUSES: Final[tuple[str, ...]] = ("bezig", "klaar", "afgebroken")

#: Export files say what they are, so a wrong JSON file is recognised at once.
EXPORT_FORMAT: Final[str] = "gesprekscoach-sessies"
EXPORT_VERSION: Final[int] = 1

MAX_ALIAS: Final[int] = 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SQLITE_HEADER: Final[bytes] = b"SQLite format 3\x00"


# --------------------------------------------------------------------------- schema

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


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    for statement in _V1:
        conn.execute(statement)


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    """Score columns for fast progress, filled from the stored reports."""
    for statement in _V2:
        conn.execute(statement)
    rows = conn.execute("SELECT id, report_json FROM sessions WHERE report_json IS NOT NULL")
    for session_id, text in rows.fetchall():
        _write_scores(conn, session_id, json.loads(text))


#: ``MIGRATIONS[n]`` upgrades a database from version n to n + 1. Add a
#: function here (never change an old one) and raise :data:`SCHEMA_VERSION`.
MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (
    _migrate_to_1,
    _migrate_to_2,
)
assert len(MIGRATIONS) == SCHEMA_VERSION


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class SessionInfo:
    """One row of the session list: who, what, when, how far, how it scored."""

    id: str
    docent: str
    kind: str                      # oefening / transcript
    started_at: datetime
    status: str                    # bezig / klaar / afgebroken
    turns: int
    ended_at: datetime | None = None
    score: int | None = None
    scenario_id: str | None = None
    scenario_sha256: str | None = None
    scenario_path: str | None = None
    scenario_title: str | None = None
    student_name: str | None = None
    scenario_doel: str | None = None
    mode: str | None = None        # oefenen / proef; None for a transcript
    seed: int | None = None
    source: str | None = None      # transcript file name
    source_sha256: str | None = None

    @property
    def short_id(self) -> str:
        """What the session list shows and ``rapport`` accepts."""
        return self.id[:8]

    @property
    def finished(self) -> bool:
        return self.status != "bezig"

    @property
    def who(self) -> str:
        """The other side of the conversation, for lists: the student, or the file."""
        return self.student_name or self.source or "?"


@dataclass(frozen=True)
class StoredSession:
    """A session as stored: every exchange, and the report if it was finished."""

    info: SessionInfo
    exchanges: tuple[Exchange, ...]
    said_at: tuple[datetime, ...]
    report_data: Mapping[str, Any] | None   # report.to_dict() as given at the end

    @property
    def docent_turns(self) -> tuple[str, ...]:
        """What the docent said, in order: replaying these rebuilds the session."""
        return tuple(ex.docent for ex in self.exchanges)

    def report(self) -> Report:
        """The report as given; for a session still going, the report so far."""
        if self.report_data is not None:
            return report_from_dict(self.report_data)
        from gesprekscoach.scoring.report import build

        return build(self.exchanges, None, self.info.scenario_doel)


@dataclass(frozen=True)
class ImportResult:
    """What ``importeer-sessies`` did."""

    added: tuple[str, ...]      # session ids
    skipped: tuple[str, ...]    # already there


# --------------------------------------------------------------------------- paths


def default_db_path() -> Path:
    """``$GESPREKSCOACH_DB``, else the user's data folder (XDG on Linux and macOS)."""
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        # The XDG spec: a relative path is invalid and must be ignored.
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "gesprekscoach" / DB_NAME


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


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(moment: datetime | None) -> str:
    """UTC in ISO 8601 with milliseconds: sorts as text, reads as a date."""
    moment = moment or _now()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def _parse_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


# --------------------------------------------------------------------------- errors


def _problem(exc: sqlite3.Error, path: Path) -> Problem:
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


# --------------------------------------------------------------------------- the store


class Store:
    """The session database. Open with :meth:`Store.open`; use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        #: Where the copy of the file before the last migration went, if one was made.
        self.backup: Path | None = None

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, timeout: float = BUSY_TIMEOUT) -> Store:
        """Open (creating it when new) and upgrade the database at ``path``.

        ``path`` None means :func:`default_db_path`. Raises UserError for a
        folder, a file that is no SQLite database, a foreign database, a
        newer schema, a lock held too long, or missing permissions.
        """
        db = resolve_db_path(path)
        if db.is_dir():
            raise UserError(Problem("dit is een map; geef met --db een bestand op", str(db)))
        _check_header(db)
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(Problem(
                f"kan de map voor de sessiedatabase niet maken ({exc.strerror or exc}); "
                "kies met --db een ander bestand", str(db))) from None
        try:
            conn = sqlite3.connect(db, timeout=timeout, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise UserError(_problem(exc, db)) from None
        store = cls(conn, db)
        try:
            store._prepare()
        except UserError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise UserError(_problem(exc, db)) from None
        return store

    def _prepare(self) -> None:
        conn = self._conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise UserError(Problem(
                f"deze sessiedatabase komt van een nieuwere gesprekscoach (schema {version}; "
                f"deze versie kent tot en met {SCHEMA_VERSION}). Werk gesprekscoach bij; er is "
                "niets aan het bestand veranderd", str(self.path)))
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise UserError(Problem(
                "dit is een SQLite-database van een ander programma, geen sessiedatabase van "
                "gesprekscoach; er is niets aan veranderd. Kies met --db een ander bestand",
                str(self.path)))
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed turn also survives a power cut, not only kill -9;
        # scripts/bench_store.py shows it stays well within 5 ms a turn.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        """Upgrade step by step, each step in its own transaction; copy an old file first."""
        if version >= 1:
            self.backup = self.path.with_name(
                f"{self.path.stem}.schema{version}-reservekopie{self.path.suffix}")
            target = sqlite3.connect(self.backup)
            try:
                self._conn.backup(target)
            finally:
                target.close()
        for step in range(version, SCHEMA_VERSION):
            with self._transaction() as conn:
                # Another process may have done this step while we waited.
                if conn.execute("PRAGMA user_version").fetchone()[0] > step:
                    continue
                MIGRATIONS[step](conn)
                conn.execute(f"PRAGMA user_version = {step + 1}")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    # -- transactions ------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise UserError(_problem(exc, self.path)) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise UserError(_problem(exc, self.path)) from None
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise UserError(_problem(exc, self.path)) from None

    # -- writing a session ---------------------------------------------------------

    def start_session(
        self,
        docent: str,
        scenario: Scenario | None = None,
        *,
        kind: str = "oefening",
        mode: str | None = "oefenen",
        seed: int | None = 0,
        source: str | None = None,
        source_sha256: str | None = None,
        started_at: datetime | None = None,
    ) -> str:
        """Create a session and return its id (a UUID).

        An ``oefening`` needs its ``scenario`` (id, file hash, student name and
        goal are kept, so it can be found and replayed later); a
        ``transcript`` has none and no mode or seed.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        if kind == "oefening" and (scenario is None or mode not in MODES):
            raise ValueError("an oefening needs a scenario and a mode")
        session_id = str(uuid.uuid4())
        row: dict[str, Any] = {
            "id": session_id, "docent": check_alias(docent), "kind": kind,
            "mode": mode if kind == "oefening" else None,
            "seed": seed if kind == "oefening" else None,
            "source": source, "source_sha256": source_sha256,
            "started_at": _stamp(started_at), "status": "bezig",
        }
        if scenario is not None:
            row.update(
                scenario_id=scenario.id,
                scenario_sha256=file_sha256(scenario.path) if scenario.path else None,
                scenario_path=str(Path(scenario.path).resolve()) if scenario.path else None,
                scenario_title=scenario.title,
                student_name=scenario.student.name,
                scenario_doel=scenario.goal.description or None,
            )
        with self._transaction() as conn:
            row["docent"] = _known_alias(conn, row["docent"])
            _insert(conn, "sessions", row)
        return session_id

    def add_turn(self, session_id: str, exchange: Exchange, *,
                 said_at: datetime | None = None) -> None:
        """Store one exchange and commit it at once; its number must be the next one."""
        with self._transaction() as conn:
            status, count = self._status_and_count(conn, session_id)
            if status != "bezig":
                raise ValueError(f"session {session_id} is already finished")
            if exchange.turn != count + 1:
                raise ValueError(f"turn {exchange.turn} does not follow turn {count}")
            _insert(conn, "turns", _turn_row(session_id, exchange, said_at))

    def remove_last_turn(self, session_id: str) -> bool:
        """Take back the last stored turn (undo); False when there is none."""
        with self._transaction() as conn:
            status, count = self._status_and_count(conn, session_id)
            if status != "bezig":
                raise ValueError(f"session {session_id} is already finished")
            if not count:
                return False
            conn.execute("DELETE FROM turns WHERE session_id = ? AND nr = ?", (session_id, count))
            return True

    def finish(self, session_id: str, report: Report, *, status: str = "klaar",
               ended_at: datetime | None = None) -> None:
        """Close a session with its report; ``status`` afgebroken when the docent stopped."""
        if status not in ("klaar", "afgebroken"):
            raise ValueError(f"unknown status {status!r}")
        data = report_to_dict(report)
        with self._transaction() as conn:
            current, _ = self._status_and_count(conn, session_id)
            if current != "bezig":
                raise ValueError(f"session {session_id} is already finished")
            conn.execute(
                "UPDATE sessions SET ended_at = ?, status = ?, report_json = ?, score = ? "
                "WHERE id = ?",
                (_stamp(ended_at), status, json.dumps(data, ensure_ascii=False),
                 report.score, session_id))
            _write_scores(conn, session_id, data)

    @staticmethod
    def _status_and_count(conn: sqlite3.Connection, session_id: str) -> tuple[str, int]:
        row = conn.execute(
            "SELECT status, (SELECT count(*) FROM turns WHERE session_id = sessions.id) "
            "FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise KeyError(session_id)
        return row[0], row[1]

    # -- reading -------------------------------------------------------------------

    def list_sessions(self, docent: str | None = None, *, status: str | None = None
                      ) -> tuple[SessionInfo, ...]:
        """Sessions, oldest first; of one docent (case-insensitive) when given."""
        where, params = [], []
        if docent is not None:
            where.append("docent = ?")
            params.append(docent.strip())
        if status is not None:
            where.append("status = ?")
            params.append(status)
        sql = _INFO_SQL + (" WHERE " + " AND ".join(where) if where else "") + \
            " ORDER BY started_at, id"
        with self._read() as conn:
            return tuple(_info(row) for row in conn.execute(sql, params).fetchall())

    def find(self, reference: str, docent: str | None = None) -> SessionInfo:
        """The session a user means: a full id, an id prefix (4+ characters) or ``laatste``."""
        text = reference.strip().lower()
        if text in ("laatste", "last"):
            sessions = self.list_sessions(docent)
            if not sessions:
                raise UserError(Problem("er zijn nog geen sessies bewaard"
                                        + (f" van {docent}" if docent else "")))
            return sessions[-1]
        if len(text) < 4 or not re.fullmatch(r"[0-9a-f-]+", text):
            raise UserError(Problem(
                f"'{_CONTROL.sub('?', reference)}' is geen sessie; geef (het begin van) een "
                "sessie-id uit 'gesprekscoach sessies', minstens 4 tekens, of 'laatste'"))
        with self._read() as conn:
            rows = conn.execute(_INFO_SQL + " WHERE id LIKE ? ORDER BY started_at LIMIT 6",
                                (text.replace("%", "").replace("_", "") + "%",)).fetchall()
        matches = [_info(row) for row in rows]
        if docent is not None:
            matches = [m for m in matches if m.docent.lower() == docent.strip().lower()]
        if not matches:
            raise UserError(Problem(
                f"geen sessie gevonden met id '{text}'; zie 'gesprekscoach sessies'"))
        if len(matches) > 1:
            ids = ", ".join(m.short_id for m in matches[:5])
            raise UserError(Problem(
                f"'{text}' past bij meer sessies ({ids}); geef meer tekens van het id"))
        return matches[0]

    def load(self, session_id: str) -> StoredSession:
        """A whole session: its info, every exchange and the report (KeyError if unknown)."""
        with self._read() as conn:
            row = conn.execute(_INFO_SQL + " WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                raise KeyError(session_id)
            report_json = conn.execute("SELECT report_json FROM sessions WHERE id = ?",
                                       (session_id,)).fetchone()[0]
            turns = conn.execute(
                "SELECT nr, docent, analysis_json, student, openness, layer, phase, sprong, "
                "said_at FROM turns WHERE session_id = ? ORDER BY nr", (session_id,)).fetchall()
        exchanges = tuple(
            Exchange(nr, docent, analysis_from_dict(json.loads(analysis)), student, phase,
                     bool(sprong), openness, layer)
            for nr, docent, analysis, student, openness, layer, phase, sprong, _ in turns
        )
        return StoredSession(
            info=_info(row),
            exchanges=exchanges,
            said_at=tuple(datetime.fromisoformat(t[-1]) for t in turns),
            report_data=None if report_json is None else json.loads(report_json),
        )

    def unfinished(self, docent: str, scenario_id: str | None = None
                   ) -> tuple[StoredSession, ...]:
        """Practice sessions of ``docent`` that were left mid-way, newest first.

        Each holds the docent turns, the scenario id and hash and the seed: a
        new :class:`~gesprekscoach.conversation.session.Session` fed the same turns is the
        same conversation (see :mod:`gesprekscoach.conversation.recording`). Sessions
        without a turn are left out: there is nothing to go on with.
        """
        with self._read() as conn:
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM sessions WHERE docent = ? AND kind = 'oefening' "
                "AND status = 'bezig' AND (? IS NULL OR scenario_id = ?) "
                "AND EXISTS (SELECT 1 FROM turns WHERE session_id = sessions.id) "
                "ORDER BY started_at DESC, id", (docent.strip(), scenario_id, scenario_id))]
        return tuple(self.load(i) for i in ids)

    def last_docent(self) -> str | None:
        """The alias of the most recent session, to offer as the default."""
        with self._read() as conn:
            row = conn.execute("SELECT docent FROM sessions ORDER BY started_at DESC LIMIT 1"
                               ).fetchone()
        return row[0] if row else None

    def docents(self) -> tuple[str, ...]:
        """Every alias with sessions, alphabetically."""
        with self._read() as conn:
            return tuple(r[0] for r in conn.execute(
                "SELECT DISTINCT docent FROM sessions ORDER BY docent COLLATE NOCASE"))

    def find_transcript(self, docent: str, digest: str) -> SessionInfo | None:
        """An earlier import of the same transcript file by this docent, if any."""
        with self._read() as conn:
            row = conn.execute(_INFO_SQL + " WHERE docent = ? AND kind = 'transcript' "
                               "AND source_sha256 = ? ORDER BY started_at LIMIT 1",
                               (docent.strip(), digest)).fetchone()
        return None if row is None else _info(row)

    def progress(self, docent: str) -> Progress:
        """Scores per rule over the docent's finished sessions, oldest first, with trends."""
        from gesprekscoach.scoring.progress import SessionScore, build_progress

        with self._read() as conn:
            rows = conn.execute(
                "SELECT s.id, s.started_at, s.kind, coalesce(s.student_name, s.source, '?'), "
                "s.score, r.rule, r.points, r.verdict "
                "FROM sessions s JOIN rule_scores r ON r.session_id = s.id "
                "WHERE s.docent = ? AND s.status = 'klaar' "
                "ORDER BY s.started_at, s.id", (docent.strip(),)).fetchall()
            name = conn.execute("SELECT docent FROM sessions WHERE docent = ? LIMIT 1",
                                (docent.strip(),)).fetchone()
        sessions: list[SessionScore] = []
        points: dict[str, float] = {}
        verdicts: dict[str, str] = {}
        for index, row in enumerate(rows):
            session_id, started, kind, who, score, rule, value, verdict = row
            points[rule], verdicts[rule] = value, verdict
            if index + 1 == len(rows) or rows[index + 1][0] != session_id:
                sessions.append(SessionScore(session_id, datetime.fromisoformat(started), kind,
                                             who, score, points, verdicts))
                points, verdicts = {}, {}
        return build_progress(name[0] if name else docent.strip(), sessions)

    # -- moving sessions -------------------------------------------------------------

    def export(self, docent: str | None = None) -> dict[str, Any]:
        """All sessions (of one docent) as one JSON-ready object for a trainer."""
        sessions = [self.load(info.id) for info in self.list_sessions(docent)]
        return {
            "formaat": EXPORT_FORMAT,
            "versie": EXPORT_VERSION,
            "geexporteerd": _stamp(None),
            "sessies": [session_to_dict(s) for s in sessions],
        }

    def import_sessions(self, data: Any, name: str = "") -> ImportResult:
        """Add the sessions of an export; known ids are skipped, so twice is harmless.

        The whole file is checked first and written in one transaction: a
        malformed or cut-off file adds nothing at all.
        """
        records = parse_export(data, name)
        added, skipped = [], []
        with self._transaction() as conn:
            for info, turns, report in records:
                if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (info["id"],)).fetchone():
                    skipped.append(info["id"])
                    continue
                _insert(conn, "sessions", info)
                for exchange, said_at in turns:
                    _insert(conn, "turns", _turn_row(info["id"], exchange, said_at))
                if report is not None:
                    _write_scores(conn, info["id"], report)
                added.append(info["id"])
        return ImportResult(tuple(added), tuple(skipped))


# --------------------------------------------------------------------------- helpers

_INFO_COLUMNS: Final[tuple[str, ...]] = (
    "id", "docent", "kind", "started_at", "status", "ended_at", "score", "scenario_id",
    "scenario_sha256", "scenario_path", "scenario_title", "student_name", "scenario_doel",
    "mode", "seed", "source", "source_sha256",
)
_INFO_SQL: Final[str] = (
    "SELECT " + ", ".join(_INFO_COLUMNS)
    + ", (SELECT count(*) FROM turns WHERE session_id = sessions.id) FROM sessions"
)


def _info(row: Sequence[Any]) -> SessionInfo:
    values = dict(zip(_INFO_COLUMNS, row))
    values["started_at"] = datetime.fromisoformat(values["started_at"])
    values["ended_at"] = _parse_time(values["ended_at"])
    return SessionInfo(turns=row[-1], **values)


def _known_alias(conn: sqlite3.Connection, alias: str) -> str:
    """The spelling already in use for this alias (aliases ignore case), else ``alias``."""
    row = conn.execute("SELECT docent FROM sessions WHERE docent = ? ORDER BY started_at LIMIT 1",
                       (alias,)).fetchone()
    return row[0] if row else alias


def _insert(conn: sqlite3.Connection, table: str, row: Mapping[str, Any]) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


def _turn_row(session_id: str, exchange: Exchange, said_at: datetime | None) -> dict[str, Any]:
    return {
        "session_id": session_id, "nr": exchange.turn, "docent": exchange.docent,
        "analysis_json": json.dumps(analysis_to_dict(exchange.analysis), ensure_ascii=False),
        "student": exchange.student, "openness": exchange.openness, "layer": exchange.layer,
        "phase": exchange.phase, "sprong": int(exchange.sprong), "said_at": _stamp(said_at),
    }


def _write_scores(conn: sqlite3.Connection, session_id: str, report: Mapping[str, Any]) -> None:
    """The denormalised copy of a report's points per rule (schema 2)."""
    conn.execute("DELETE FROM rule_scores WHERE session_id = ?", (session_id,))
    conn.execute("UPDATE sessions SET score = ? WHERE id = ?", (report["cijfer"], session_id))
    conn.executemany(
        "INSERT INTO rule_scores (session_id, rule, points, verdict, value) VALUES (?, ?, ?, ?, ?)",
        [(session_id, r["regel"], r["punten"], r["oordeel"], r["waarde"])
         for r in report["regels"]])


def _check_header(db: Path) -> None:
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
        raise UserError(_problem(sqlite3.DatabaseError("file is not a database"), db))


# --------------------------------------------------------------------------- export format

_SESSION_FIELDS: Final[tuple[tuple[str, str, tuple[type, ...], bool], ...]] = (
    # (column, JSON key, types, nullable)
    ("docent", "docent", (str,), False),
    ("scenario_id", "scenario", (str,), True),
    ("scenario_sha256", "scenario_sha256", (str,), True),
    ("scenario_title", "titel", (str,), True),
    ("student_name", "student", (str,), True),
    ("scenario_doel", "doel", (str,), True),
    ("seed", "seed", (int,), True),
    ("source", "bron", (str,), True),
    ("source_sha256", "bron_sha256", (str,), True),
)


def session_to_dict(stored: StoredSession) -> dict[str, Any]:
    """One session as an export file holds it; :func:`parse_export` reads it back."""
    info = stored.info
    out: dict[str, Any] = {"id": info.id, "soort": info.kind, "modus": info.mode}
    for column, key, _, _ in _SESSION_FIELDS:
        out[key] = getattr(info, column)
    out.update({
        "begonnen": _stamp(info.started_at),
        "beeindigd": None if info.ended_at is None else _stamp(info.ended_at),
        "status": info.status,
        "beurten": [{**exchange_to_dict(ex), "tijd": _stamp(at)}
                    for ex, at in zip(stored.exchanges, stored.said_at)],
        "rapport": None if stored.report_data is None else dict(stored.report_data),
    })
    return out


ExportRecord = tuple[dict[str, Any], list[tuple[Exchange, datetime]], "dict[str, Any] | None"]


def parse_export(data: Any, name: str = "") -> list[ExportRecord]:
    """Check a whole export (already parsed JSON); every problem at once, or the rows."""
    if not isinstance(data, dict) or data.get("formaat") != EXPORT_FORMAT:
        raise UserError(Problem(
            "dit is geen exportbestand van gesprekscoach (het veld \"formaat\": "
            f"\"{EXPORT_FORMAT}\" ontbreekt); maak het met 'gesprekscoach exporteer'", name))
    version = data.get("versie")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UserError(Problem("het veld \"versie\" ontbreekt of is geen geheel getal", name))
    if version > EXPORT_VERSION:
        raise UserError(Problem(
            f"dit exportbestand komt van een nieuwere gesprekscoach (versie {version}); "
            "werk gesprekscoach bij", name))
    sessions = data.get("sessies")
    if not isinstance(sessions, list):
        raise UserError(Problem("het veld \"sessies\" ontbreekt of is geen lijst", name))
    records: list[ExportRecord] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, item in enumerate(sessions, start=1):
        where = f"sessies[{index - 1}]"
        try:
            record = _session_from_dict(item, where)
        except Malformed as bad:
            problems.append(Problem(f"sessie {index}: {bad.where}: {bad.message}", name))
            continue
        except UserError as bad:  # a bad alias
            problems.extend(Problem(f"sessie {index}: {p.message}", name) for p in bad.problems)
            continue
        if record[0]["id"] in seen:
            problems.append(Problem(f"sessie {index}: id {record[0]['id']} staat er twee keer in",
                                    name))
            continue
        seen.add(record[0]["id"])
        records.append(record)
        if len(problems) > 20:
            break
    if problems:
        raise UserError(*problems[:20], Problem(
            "er is niets geïmporteerd; herstel het bestand of exporteer opnieuw", name))
    return records


def _session_from_dict(item: Any, where: str) -> ExportRecord:
    if not isinstance(item, dict):
        raise Malformed(where, "moet een object zijn")
    session_id = get(item, "id", str, where=where)
    try:
        session_id = str(uuid.UUID(session_id))
    except ValueError:
        raise Malformed(f"{where}.id", "is geen geldig sessie-id (UUID)") from None
    kind = get(item, "soort", str, where=where)
    if kind not in KINDS:
        raise Malformed(f"{where}.soort", f"moet {' of '.join(KINDS)} zijn")
    mode = get(item, "modus", str, where=where, nullable=True)
    if (kind == "oefening") != (mode in MODES):
        raise Malformed(f"{where}.modus", "moet oefenen of proef zijn bij een oefening, "
                                          "en null bij een transcript")
    status = get(item, "status", str, where=where)
    if status not in STATUSES:
        raise Malformed(f"{where}.status", f"moet {', '.join(STATUSES)} zijn")
    row: dict[str, Any] = {"id": session_id, "kind": kind, "mode": mode, "status": status}
    for column, key, kinds, nullable in _SESSION_FIELDS:
        row[column] = get(item, key, *kinds, where=where, nullable=nullable)
    row["docent"] = check_alias(row["docent"])
    row["started_at"] = _stamp(_time(item, "begonnen", where))
    ended = _time(item, "beeindigd", where, nullable=True)
    row["ended_at"] = None if ended is None else _stamp(ended)
    if (ended is None) != (status == "bezig"):
        raise Malformed(f"{where}.beeindigd", "hoort alleen bij een sessie die nog bezig is "
                                              "null te zijn")
    turns = []
    for number, (place, turn) in enumerate(_objects_of(item, "beurten", where), start=1):
        exchange = exchange_from_dict(turn, place)
        if exchange.turn != number:
            raise Malformed(f"{place}.nr", f"moet {number} zijn (de beurten op volgorde)")
        turns.append((exchange, _time(turn, "tijd", place)))
    report = get(item, "rapport", dict, where=where, nullable=True)
    if report is not None:
        report_from_dict(report, f"{where}.rapport")  # checks every field
        row["report_json"] = json.dumps(report, ensure_ascii=False)
    if (report is None) != (status == "bezig"):
        raise Malformed(f"{where}.rapport", "een afgeronde sessie heeft een rapport, "
                                            "een sessie die bezig is niet")
    return row, turns, report


def _objects_of(item: Mapping[str, Any], key: str, where: str
                ) -> list[tuple[str, Mapping[str, Any]]]:
    values = get(item, key, list, where=where)
    out = []
    for index, value in enumerate(values):
        if not isinstance(value, dict):
            raise Malformed(f"{where}.{key}[{index}]", "moet een object zijn")
        out.append((f"{where}.{key}[{index}]", value))
    return out


def _time(item: Mapping[str, Any], key: str, where: str, nullable: bool = False
          ) -> datetime | None:
    text = get(item, key, str, where=where, nullable=nullable)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Malformed(f"{where}.{key}", "is geen datum en tijd (ISO 8601)") from None
    if moment.tzinfo is None:
        raise Malformed(f"{where}.{key}", "mist de tijdzone (bijvoorbeeld +00:00)")
    return moment
