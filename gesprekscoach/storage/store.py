"""Every session kept: one SQLite file with each turn, its analysis and the report.

Why it is built this way:

- **A commit per turn, WAL mode.** A docent who closes the terminal, or whose
  laptop dies mid-conversation, loses nothing; the next start offers to go on.
  WAL makes such a commit cheap (one append to the log) and lets a trainer
  read while a docent writes.
- **The report is stored as it was given** (its JSON), so an old report reads
  the same after norms or the analyser change.
- The tables and their migrations are in :mod:`~gesprekscoach.storage.schema`,
  the Dutch messages for SQLite errors in
  :mod:`~gesprekscoach.storage.sqlite_errors`, the export file in
  :mod:`~gesprekscoach.storage.exchange_format`.

Nothing here prints; the commands and the app decide what to show. A
:class:`Store` may be shared between threads (the app's workers): calls are
serialised by a lock.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Self

from gesprekscoach.model import Exchange
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.storage.exchange_format import export_document, parse_export
from gesprekscoach.storage.paths import check_alias, file_sha256, printable, resolve_db_path, stamp
from gesprekscoach.storage.records import report_to_dict
from gesprekscoach.storage.rows import (INFO_SQL, TURNS_SQL, insert, session_info,
                                        stored_exchange, turn_row)
from gesprekscoach.storage.schema import KINDS, MODES, prepare, write_scores
from gesprekscoach.storage.sessions import ImportResult, SessionInfo, StoredSession
from gesprekscoach.storage.sqlite_errors import check_header, problem

if TYPE_CHECKING:
    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.scoring.progress import Progress
    from gesprekscoach.scoring.report import Report

#: How long to wait for another process that is writing, in seconds.
BUSY_TIMEOUT: Final[float] = 2.0


class Store:
    """The session database. Open with :meth:`Store.open`; use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        #: Where the copy of the file before the migration went, if one was made.
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
        check_header(db)
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
            raise UserError(problem(exc, db)) from None
        store = cls(conn, db)
        try:
            store.backup = prepare(conn, db)
        except UserError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise UserError(problem(exc, db)) from None
        return store

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
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
                raise UserError(problem(exc, self.path)) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise UserError(problem(exc, self.path)) from None
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
                raise UserError(problem(exc, self.path)) from None

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
            "started_at": stamp(started_at), "status": "bezig",
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
            row["docent"] = self._known_alias(conn, row["docent"])
            insert(conn, "sessions", row)
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
            insert(conn, "turns", turn_row(session_id, exchange, said_at))

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
                (stamp(ended_at), status, json.dumps(data, ensure_ascii=False),
                 report.score, session_id))
            write_scores(conn, session_id, data)

    @staticmethod
    def _known_alias(conn: sqlite3.Connection, alias: str) -> str:
        """The spelling already in use for this alias (aliases ignore case), else ``alias``."""
        row = conn.execute("SELECT docent FROM sessions WHERE docent = ? "
                           "ORDER BY started_at LIMIT 1", (alias,)).fetchone()
        return row[0] if row else alias

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
        sql = INFO_SQL + (" WHERE " + " AND ".join(where) if where else "") + \
            " ORDER BY started_at, id"
        with self._read() as conn:
            return tuple(session_info(row) for row in conn.execute(sql, params).fetchall())

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
                f"'{printable(reference)}' is geen sessie; geef (het begin van) een "
                "sessie-id uit 'gesprekscoach sessies', minstens 4 tekens, of 'laatste'"))
        with self._read() as conn:
            rows = conn.execute(INFO_SQL + " WHERE id LIKE ? ORDER BY started_at LIMIT 6",
                                (text.replace("%", "").replace("_", "") + "%",)).fetchall()
        matches = [session_info(row) for row in rows]
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
            row = conn.execute(INFO_SQL + " WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                raise KeyError(session_id)
            report_json = conn.execute("SELECT report_json FROM sessions WHERE id = ?",
                                       (session_id,)).fetchone()[0]
            turns = conn.execute(TURNS_SQL, (session_id,)).fetchall()
        return StoredSession(
            info=session_info(row),
            exchanges=tuple(stored_exchange(t) for t in turns),
            said_at=tuple(datetime.fromisoformat(t[-1]) for t in turns),
            report_data=None if report_json is None else json.loads(report_json),
        )

    def unfinished(self, docent: str, scenario_id: str | None = None
                   ) -> tuple[StoredSession, ...]:
        """Practice sessions of ``docent`` that were left mid-way, newest first.

        Each holds the docent turns, the scenario id and hash and the seed: a
        new :class:`~gesprekscoach.conversation.session.Session` fed the same turns is the
        same conversation (see :mod:`gesprekscoach.storage.recording`). Sessions
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
            row = conn.execute(INFO_SQL + " WHERE docent = ? AND kind = 'transcript' "
                               "AND source_sha256 = ? ORDER BY started_at LIMIT 1",
                               (docent.strip(), digest)).fetchone()
        return None if row is None else session_info(row)

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
        return export_document([self.load(info.id) for info in self.list_sessions(docent)])

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
                insert(conn, "sessions", info)
                for exchange, said_at in turns:
                    insert(conn, "turns", turn_row(info["id"], exchange, said_at))
                if report is not None:
                    write_scores(conn, info["id"], report)
                added.append(info["id"])
        return ImportResult(tuple(added), tuple(skipped))
