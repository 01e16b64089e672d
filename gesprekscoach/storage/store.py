"""Every session kept: one SQLite file with each turn, its analysis and the report.

Why it is built this way:

- **A commit per turn, WAL mode.** A docent who closes the terminal, or whose
  laptop dies mid-conversation, loses nothing; the next start offers to go on.
  WAL makes such a commit cheap (one append to the log) and lets a trainer
  read while a docent writes. Under load a write waits its turn with backoff
  (:mod:`~gesprekscoach.storage.database`).
- **The report is stored as it was given** (its JSON), so an old report reads
  the same after norms or the analyser change.
- **A damaged session is skipped, not the database refused**: every reader
  checks what it parses, and :attr:`Store.damaged` names what was left out
  (:mod:`~gesprekscoach.storage.damage`).
- **A conversation open in one window is not offered in another**
  (:mod:`~gesprekscoach.storage.open_sessions`).
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
import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.model import Exchange
from gesprekscoach.storage.corrections import review_parts, write_review
from gesprekscoach.storage.damage import DamagedSession, parse
from gesprekscoach.storage.database import BUSY_TIMEOUT, WRITE_PATIENCE, Database
from gesprekscoach.storage.exchange_format import export_document, parse_export
from gesprekscoach.storage.paths import check_alias, file_sha256, printable, stamp
from gesprekscoach.storage.records import report_from_dict, report_to_dict
from gesprekscoach.storage.rows import INFO_SQL, TURNS_SQL, insert, session_info, stored_exchange, turn_row
from gesprekscoach.storage.schema import KINDS, MODES, write_scores
from gesprekscoach.storage.sessions import ImportResult, SessionInfo, StoredSession

if TYPE_CHECKING:
    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.scoring.progress import Progress
    from gesprekscoach.scoring.report import Report

__all__ = ["BUSY_TIMEOUT", "WRITE_PATIENCE", "DamagedSession", "SessionConflict", "Store"]


class SessionConflict(UserError):
    """Another window changed or closed this session: trying again cannot help."""


class Store(Database):
    """The session database. Open with :meth:`Store.open` (or :meth:`Store.open_read_only`
    for a command that only reads); use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, **options: Any) -> None:
        super().__init__(conn, path, **options)
        #: Sessions left out because their stored data is damaged: id → what is wrong.
        self.damaged: dict[str, DamagedSession] = {}

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
        row = self._session_row(docent, scenario, kind=kind, mode=mode, seed=seed,
                                source=source, source_sha256=source_sha256,
                                started_at=started_at)
        with self._transaction() as conn:
            row["docent"] = self._known_alias(conn, row["docent"])
            insert(conn, "sessions", row)
        return row["id"]

    @staticmethod
    def _session_row(docent: str, scenario: Scenario | None, *, kind: str, mode: str | None,
                     seed: int | None, source: str | None, source_sha256: str | None,
                     started_at: datetime | None) -> dict[str, Any]:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        if kind == "oefening" and (scenario is None or mode not in MODES):
            raise ValueError("an oefening needs a scenario and a mode")
        row: dict[str, Any] = {
            "id": str(uuid.uuid4()), "docent": check_alias(docent), "kind": kind,
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
        return row

    def add_turn(self, session_id: str, exchange: Exchange, *,
                 said_at: datetime | None = None) -> None:
        """Store one exchange and commit it at once; its number must be the next one."""
        with self._transaction() as conn:
            count = self._open_count(conn, session_id)
            if exchange.turn != count + 1:
                raise SessionConflict(Problem(
                    f"beurt {exchange.turn} past niet na de {count} bewaarde beurten van dit "
                    "gesprek: het is ook in een ander venster verdergegaan. Sluit een van "
                    "beide vensters", str(self.path)))
            insert(conn, "turns", turn_row(session_id, exchange, said_at))

    def remove_last_turn(self, session_id: str) -> bool:
        """Take back the last stored turn (undo); False when there is none."""
        with self._transaction() as conn:
            count = self._open_count(conn, session_id)
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
            self._open_count(conn, session_id)
            self._write_report(conn, session_id, data, status, ended_at, report.score)

    def add_transcript(self, docent: str, exchanges: Sequence[Exchange], report: Report, *,
                       source: str, source_sha256: str, replaces: str | None = None) -> str:
        """A whole transcript session, its turns and its report in one transaction.

        Killed halfway, nothing is stored; ``replaces`` is an unfinished
        earlier import of the same file (from an older version), removed in
        the same transaction.
        """
        row = self._session_row(docent, None, kind="transcript", mode=None, seed=None,
                                source=source, source_sha256=source_sha256, started_at=None)
        data = report_to_dict(report)
        with self._transaction() as conn:
            if replaces is not None:
                conn.execute("DELETE FROM sessions WHERE id = ? AND status = 'bezig'",
                             (replaces,))
            row["docent"] = self._known_alias(conn, row["docent"])
            insert(conn, "sessions", row)
            conn.executemany(
                "INSERT INTO turns (session_id, nr, docent, analysis_json, student, openness, "
                "layer, phase, sprong, said_at, third_party) VALUES (:session_id, :nr, :docent, "
                ":analysis_json, :student, :openness, :layer, :phase, :sprong, :said_at, "
                ":third_party)",
                [turn_row(row["id"], exchange, None) for exchange in exchanges])
            self._write_report(conn, row["id"], data, "klaar", None, report.score)
        return row["id"]

    @staticmethod
    def _write_report(conn: sqlite3.Connection, session_id: str, data: dict[str, Any],
                      status: str, ended_at: datetime | None, score: int) -> None:
        conn.execute(
            "UPDATE sessions SET ended_at = ?, status = ?, report_json = ?, score = ? "
            "WHERE id = ?",
            (stamp(ended_at), status, json.dumps(data, ensure_ascii=False), score, session_id))
        write_scores(conn, session_id, data)

    @staticmethod
    def _known_alias(conn: sqlite3.Connection, alias: str) -> str:
        """The spelling already in use for this alias (aliases ignore case), else ``alias``."""
        row = conn.execute("SELECT docent FROM sessions WHERE docent = ? "
                           "ORDER BY started_at LIMIT 1", (alias,)).fetchone()
        return row[0] if row else alias

    def _open_count(self, conn: sqlite3.Connection, session_id: str) -> int:
        """How many turns a session still going has; a Dutch message when it was closed."""
        row = conn.execute(
            "SELECT status, (SELECT count(*) FROM turns WHERE session_id = sessions.id) "
            "FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise KeyError(session_id)
        if row[0] != "bezig":
            raise SessionConflict(Problem(
                "dit gesprek is intussen afgesloten (in een ander venster of tabblad?); "
                "wat je hier nog zegt, wordt niet meer bij dit gesprek bewaard", str(self.path)))
        return int(row[1])

    # -- reading -------------------------------------------------------------------

    def _infos(self, rows: Sequence[Sequence[Any]]) -> list[SessionInfo]:
        """The rows that can be read; the others go to :attr:`damaged`."""
        out = []
        for row in rows:
            try:
                out.append(parse(str(row[0]), "sessiegegevens", partial(session_info, row),
                                 str(self.path)))
            except DamagedSession as damage:
                self.damaged[damage.session_id] = damage
        return out

    def list_sessions(self, docent: str | None = None, *, status: str | None = None
                      ) -> tuple[SessionInfo, ...]:
        """Sessions, oldest first; of one docent (case-insensitive) when given.

        A session whose row is damaged is left out and noted in :attr:`damaged`.
        """
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
            rows = conn.execute(sql, params).fetchall()
        return tuple(self._infos(rows))

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
        if len(rows) == 1:  # the one meant: a damaged row is said, not skipped
            matches = [parse(str(rows[0][0]), "sessiegegevens", lambda: session_info(rows[0]),
                             str(self.path))]
        else:
            matches = self._infos(rows)
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
        """A whole session: its info, every exchange and the report (KeyError if unknown).

        Everything is checked as it is read: damaged data raises
        :class:`DamagedSession` naming the session and what is wrong.
        """
        with self._read() as conn:
            row = conn.execute(INFO_SQL + " WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                raise KeyError(session_id)
            report_json = conn.execute("SELECT report_json FROM sessions WHERE id = ?",
                                       (session_id,)).fetchone()[0]
            turns = conn.execute(TURNS_SQL, (session_id,)).fetchall()
        where = str(self.path)
        info = parse(session_id, "sessiegegevens", lambda: session_info(row), where)
        exchanges, said_at = [], []
        for turn in turns:
            part = f"beurt {turn[0]}"
            exchanges.append(parse(session_id, part, partial(stored_exchange, turn), where))
            said_at.append(parse(session_id, part, partial(datetime.fromisoformat, turn[-1]),
                                 where))
        report_data = None
        if report_json is not None:
            report_data = parse(session_id, "rapport", lambda: json.loads(report_json), where)
            parse(session_id, "rapport", lambda: report_from_dict(report_data), where)
        return StoredSession(info=info, exchanges=tuple(exchanges), said_at=tuple(said_at),
                             report_data=report_data)

    def load_readable(self, ids: Sequence[str]) -> list[StoredSession]:
        """The sessions of ``ids`` that can be read; the damaged ones go to :attr:`damaged`."""
        out = []
        for session_id in ids:
            try:
                out.append(self.load(session_id))
            except DamagedSession as damage:
                self.damaged[damage.session_id] = damage
        return out

    def unfinished(self, docent: str, scenario_id: str | None = None
                   ) -> tuple[StoredSession, ...]:
        """Practice sessions of ``docent`` that were left mid-way, newest first.

        Each holds the docent turns, the scenario id and hash and the seed: a
        new :class:`~gesprekscoach.conversation.session.Session` fed the same turns is the
        same conversation (see :mod:`gesprekscoach.storage.recording`). Left
        out: sessions without a turn (nothing to go on with), damaged ones,
        and those open in another window right now (:meth:`open_elsewhere`).
        """
        with self._read() as conn:
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM sessions WHERE docent = ? AND kind = 'oefening' "
                "AND status = 'bezig' AND (? IS NULL OR scenario_id = ?) "
                "AND EXISTS (SELECT 1 FROM turns WHERE session_id = sessions.id) "
                "ORDER BY started_at DESC, id", (docent.strip(), scenario_id, scenario_id))]
        return tuple(self.load_readable([i for i in ids if not self.open_elsewhere(i)]))

    def open_in_other_windows(self, docent: str) -> tuple[str, ...]:
        """Who the docent's conversations open in another window are with, right now."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, coalesce(student_name, source, '?') FROM sessions WHERE docent = ? "
                "AND status = 'bezig' ORDER BY started_at DESC", (docent.strip(),)).fetchall()
        return tuple(who for session_id, who in rows if self.open_elsewhere(session_id))

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
        """An earlier import of the same transcript file by this docent, if any;
        a finished one first."""
        with self._read() as conn:
            rows = conn.execute(INFO_SQL + " WHERE docent = ? AND kind = 'transcript' "
                                "AND source_sha256 = ? ORDER BY status = 'bezig', started_at",
                                (docent.strip(), digest)).fetchall()
        infos = self._infos(rows)
        return infos[0] if infos else None

    def progress(self, docent: str) -> Progress:
        """Scores per rule over the docent's finished sessions, oldest first, with trends."""
        from gesprekscoach.storage.progress_query import progress_of

        return progress_of(self, docent)

    # -- moving sessions -------------------------------------------------------------

    def export(self, docent: str | None = None) -> dict[str, Any]:
        """All readable sessions (of one docent) as one JSON-ready object for a trainer;
        damaged ones are left out and noted in :attr:`damaged`."""
        ids = [info.id for info in self.list_sessions(docent)]
        return export_document(self.load_readable(ids), review_parts(self, ids))

    def import_sessions(self, data: Any, name: str = "") -> ImportResult:
        """Add the sessions of an export; known ids are skipped, so twice is harmless.

        The whole file is checked first and written in one transaction: a
        malformed or cut-off file adds nothing at all.
        """
        records = parse_export(data, name)
        added, skipped = [], []
        with self._transaction() as conn:
            for info, turns, report, review in records:
                if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (info["id"],)).fetchone():
                    skipped.append(info["id"])
                    continue
                insert(conn, "sessions", info)
                for exchange, said_at in turns:
                    insert(conn, "turns", turn_row(info["id"], exchange, said_at))
                if report is not None:
                    write_scores(conn, info["id"], report)
                write_review(conn, info, [exchange for exchange, _ in turns], review)
                added.append(info["id"])
        return ImportResult(tuple(added), tuple(skipped))
