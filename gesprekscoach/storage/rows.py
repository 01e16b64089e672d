"""Table rows and the values they hold: a ``sessions`` row as a
:class:`~gesprekscoach.storage.sessions.SessionInfo`, an exchange as a ``turns``
row and back.

Kept apart from the queries so the store, the import and the migrations write
the same columns the same way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from gesprekscoach.model import Exchange
from gesprekscoach.storage.paths import parse_time, stamp
from gesprekscoach.storage.records import analysis_from_dict, analysis_to_dict
from gesprekscoach.storage.sessions import SessionInfo

_INFO_COLUMNS: Final[tuple[str, ...]] = (
    "id", "docent", "kind", "started_at", "status", "ended_at", "score", "scenario_id",
    "scenario_sha256", "scenario_path", "scenario_title", "student_name", "scenario_doel",
    "mode", "seed", "source", "source_sha256",
)
#: Selects what :func:`session_info` reads; add a WHERE or ORDER BY after it.
INFO_SQL: Final[str] = (
    "SELECT " + ", ".join(_INFO_COLUMNS)
    + ", (SELECT count(*) FROM turns WHERE session_id = sessions.id) FROM sessions"
)
#: Selects what :func:`stored_exchange` reads, for one session (``?``) in order.
TURNS_SQL: Final[str] = (
    "SELECT nr, docent, analysis_json, student, openness, layer, phase, sprong, "
    "third_party, said_at FROM turns WHERE session_id = ? ORDER BY nr"
)


def session_info(row: Sequence[Any]) -> SessionInfo:
    """A row of :data:`INFO_SQL` as a value."""
    values = dict(zip(_INFO_COLUMNS, row))
    values["started_at"] = datetime.fromisoformat(values["started_at"])
    values["ended_at"] = parse_time(values["ended_at"])
    return SessionInfo(turns=row[-1], **values)


def stored_exchange(row: Sequence[Any]) -> Exchange:
    """A row of :data:`TURNS_SQL` as the exchange it was written from."""
    nr, docent, analysis, student, openness, layer, phase, sprong, third_party, _ = row
    return Exchange(nr, docent, analysis_from_dict(json.loads(analysis)), student, phase,
                    bool(sprong), openness, layer, third_party=third_party or "")


def turn_row(session_id: str, exchange: Exchange, said_at: datetime | None) -> dict[str, Any]:
    """The ``turns`` row for one exchange."""
    return {
        "session_id": session_id, "nr": exchange.turn, "docent": exchange.docent,
        "analysis_json": json.dumps(analysis_to_dict(exchange.analysis), ensure_ascii=False),
        "student": exchange.student, "openness": exchange.openness, "layer": exchange.layer,
        "phase": exchange.phase, "sprong": int(exchange.sprong), "said_at": stamp(said_at),
        "third_party": exchange.third_party,
    }


def insert(conn: sqlite3.Connection, table: str, row: Mapping[str, Any]) -> None:
    """One row, its keys as the column names (which come from this package, never a user)."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))
