"""The trainer's queries: the group table's rows, hiding and deleting a session.

Kept out of :mod:`~gesprekscoach.storage.store` (which keeps a docent's own
sessions safe) so the trainer's side can grow without touching it. Every
function takes an open :class:`~gesprekscoach.storage.store.Store` and uses its
lock and transactions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from gesprekscoach.scoring.group import GroupSession, kind_of

if TYPE_CHECKING:
    from gesprekscoach.storage.sessions import StoredSession
    from gesprekscoach.storage.store import Store

#: A transcript too thin to judge: no student line, or fewer than 3 docent turns.
THIN_TRANSCRIPT = (
    "s.kind = 'transcript' AND ((SELECT count(*) FROM turns t WHERE t.session_id = s.id) < 3 "
    "OR NOT EXISTS (SELECT 1 FROM turns t WHERE t.session_id = s.id AND trim(t.student) != ''))")



def group_sessions(store: Store, *, docents: Sequence[str] = (),
                   session_ids: Sequence[str] | None = None,
                   hidden: bool = False, weak: bool = False) -> tuple[GroupSession, ...]:
    """Every finished session (of ``docents``, or among ``session_ids``) with its points.

    One query joined with ``rule_scores``, so 300 sessions take milliseconds.
    Hidden sessions are left out unless ``hidden``, thin transcripts (no student
    lines, fewer than 3 docent turns) unless ``weak``.
    """
    where = ["s.status = 'klaar'"]
    params: list[object] = []
    if not hidden:
        where.append("s.verborgen = 0")
    if not weak:
        where.append(THIN_TRANSCRIPT.join(("NOT (", ")")))
    if docents:
        where.append("s.docent IN (" + ", ".join("?" for _ in docents) + ")")
        params += [d.strip() for d in docents]
    wanted = None if session_ids is None else set(session_ids)
    sql = ("SELECT s.id, s.docent, s.kind, s.mode, s.scenario_id, s.started_at, s.score, "
           "r.rule, r.points FROM sessions s JOIN rule_scores r ON r.session_id = s.id "
           "WHERE " + " AND ".join(where) + " ORDER BY s.docent, s.started_at, s.id")
    with store._read() as conn:
        rows = conn.execute(sql, params).fetchall()
    out: list[GroupSession] = []
    points: dict[str, float] = {}
    for index, row in enumerate(rows):
        session_id, docent, kind, mode, scenario, started, score, rule, value = row
        points[rule] = value
        if index + 1 < len(rows) and rows[index + 1][0] == session_id:
            continue
        if wanted is None or session_id in wanted:
            out.append(GroupSession(session_id, docent, kind_of(kind, mode),
                                    scenario or "transcript", datetime.fromisoformat(started),
                                    score, points))
        points = {}
    return tuple(out)


def import_warnings(store: Store, stored: StoredSession) -> list[str]:
    """What a trainer should know about a transcript just imported: too thin to judge, or
    the same file already kept (for any docent)."""
    from gesprekscoach.storage.rows import INFO_SQL, session_info

    info, out = stored.info, []
    answered = sum(1 for ex in stored.exchanges if ex.student.strip())
    if not answered:
        out.append("dit transcript heeft geen regels van de student ('S:'); het rapport kan "
                   "het gesprek niet beoordelen en het telt niet mee in de voortgang "
                   "(tenzij 'voortgang --alles')")
    elif len(stored.exchanges) < 3:
        out.append(f"dit transcript heeft maar {len(stored.exchanges)} docentbeurt"
                   f"{'' if len(stored.exchanges) == 1 else 'en'}; te kort om te beoordelen, "
                   "het telt niet mee in de voortgang (tenzij 'voortgang --alles')")
    if info.source_sha256:
        with store._read() as conn:
            rows = conn.execute(INFO_SQL + " WHERE source_sha256 = ? AND id != ? "
                                "ORDER BY started_at", (info.source_sha256, info.id)).fetchall()
        for row in rows:
            other = session_info(row)
            out.append(f"hetzelfde transcript is al bewaard als sessie {other.short_id} van "
                       f"{other.docent}; verwijder er één met 'gesprekscoach corrigeer SESSIE "
                       "--verwijder' als het dubbel is")
    return out


def set_labels(store: Store, session_id: str, *, student: str | None = None,
               title: str | None = None) -> None:
    """The student's name and a title for a transcript, so its report is not titled
    after a file name."""
    with store._transaction() as conn:
        if student:
            conn.execute("UPDATE sessions SET student_name = ? WHERE id = ?",
                         (student, session_id))
        if title:
            conn.execute("UPDATE sessions SET scenario_title = ? WHERE id = ?",
                         (title, session_id))


def set_hidden(store: Store, session_id: str, hidden: bool = True) -> None:
    """Hide a session from lists, progress and the group (it stays in exports), or show it."""
    with store._transaction() as conn:
        conn.execute("UPDATE sessions SET verborgen = ? WHERE id = ?", (int(hidden), session_id))


def hidden_ids(store: Store) -> frozenset[str]:
    """The sessions a trainer hid."""
    with store._read() as conn:
        return frozenset(r[0] for r in conn.execute("SELECT id FROM sessions WHERE verborgen"))


def delete_session(store: Store, session_id: str) -> None:
    """Delete a session with its turns, scores, corrections and notes, for good."""
    with store._transaction() as conn:
        conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
