"""The query behind ``voortgang``: a docent's points per rule, read from ``rule_scores``.

Kept apart from :mod:`~gesprekscoach.storage.store` so the store stays readable;
one query over the denormalised scores, so a thousand sessions need no JSON.
A session whose start time is damaged is left out and noted in
:attr:`Store.damaged <gesprekscoach.storage.store.Store.damaged>`.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from gesprekscoach.storage.damage import DamagedSession, parse

if TYPE_CHECKING:
    from gesprekscoach.scoring.norms import Norms
    from gesprekscoach.scoring.progress import Progress, SessionScore
    from gesprekscoach.storage.store import Store


def progress_of(store: Store, docent: str, norms: Norms | None = None, **choice: object) -> Progress:
    """Scores per rule over the docent's finished sessions, oldest first, with trends;
    ``choice`` (kind, scenario, weak) goes to :func:`build_progress`. Hidden sessions
    are left out. With ``norms`` every session is counted again against them (with the
    trainer's corrections), as ``rapport --normen`` does: slower, as each is read whole."""
    from gesprekscoach.scoring.group import kind_of
    from gesprekscoach.scoring.progress import SessionScore, build_progress

    with store._read() as conn:
        rows = conn.execute(
            "SELECT s.id, s.started_at, s.kind, coalesce(s.student_name, s.source, '?'), "
            "s.score, r.rule, r.points, r.verdict, s.mode, coalesce(s.scenario_id, 'transcript'), "
            "s.kind = 'transcript' AND ((SELECT count(*) FROM turns t WHERE t.session_id = s.id) "
            "< 3 OR NOT EXISTS (SELECT 1 FROM turns t WHERE t.session_id = s.id "
            "AND trim(t.student) != '')) "
            "FROM sessions s JOIN rule_scores r ON r.session_id = s.id "
            "WHERE s.docent = ? AND s.status = 'klaar' AND s.verborgen = 0 "
            "ORDER BY s.started_at, s.id", (docent.strip(),)).fetchall()
        name = conn.execute("SELECT docent FROM sessions WHERE docent = ? LIMIT 1",
                            (docent.strip(),)).fetchone()
    sessions: list[SessionScore] = []
    points: dict[str, float] = {}
    verdicts: dict[str, str] = {}
    for index, row in enumerate(rows):
        session_id, started, kind, who, score, rule, value, verdict, mode, scenario, weak = row
        points[rule], verdicts[rule] = value, verdict
        if index + 1 == len(rows) or rows[index + 1][0] != session_id:
            try:
                sessions.append(SessionScore(
                    session_id, parse(session_id, "begintijd",
                                      partial(datetime.fromisoformat, started)),
                    kind_of(kind, mode), who, score, points, verdicts, scenario, bool(weak)))
            except DamagedSession as damage:
                store.damaged[session_id] = damage
            points, verdicts = {}, {}
    if norms is not None:
        sessions = _rescored(store, sessions, norms)
    return build_progress(name[0] if name else docent.strip(), sessions, **choice)  # type: ignore[arg-type]


def _rescored(store: Store, sessions: list[SessionScore], norms: Norms) -> list[SessionScore]:
    """Each session's score, points and verdicts against ``norms``; a session that can no
    longer be read is left out and noted in ``store.damaged``."""
    from gesprekscoach.storage.corrections import report_under

    out = []
    for session in sessions:
        try:
            report = report_under(store, session.session_id, norms)
        except DamagedSession as damage:
            store.damaged[session.session_id] = damage
            continue
        out.append(dataclasses.replace(
            session, score=report.score, points={r.rule: r.points for r in report.rules},
            verdicts={r.rule: r.verdict for r in report.rules}))
    return out
