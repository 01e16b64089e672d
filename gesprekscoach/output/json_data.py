"""JSON: a session as in an export file, progress, and a row of the session list.

Dutch keys, every figure as data: for a script, a portfolio tool or a trainer
who wants to count for herself. The report's own data is
:func:`gesprekscoach.scoring.report.to_dict`, which the store keeps too.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from gesprekscoach.output.format import printable
from gesprekscoach.scoring.norms import RULES
from gesprekscoach.scoring.report import to_dict
from gesprekscoach.storage.exchange_format import session_to_dict

if TYPE_CHECKING:
    from gesprekscoach.scoring.progress import Progress, Trend
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.storage.sessions import SessionInfo, StoredSession


def dumps(data: Any) -> str:
    """JSON as every command writes it: UTF-8 text, indented, one newline at the end."""
    # json escapes C0 itself; C1 and the direction overrides it leaves raw.
    return printable(json.dumps(data, ensure_ascii=False, indent=2), as_json=True) + "\n"


def session_json(stored: StoredSession, report: Report) -> dict[str, Any]:
    """The session as in an export file, with the report (so far) filled in."""
    data = session_to_dict(stored)
    if data["rapport"] is None:
        data["rapport_tot_nu"] = to_dict(report)
    return data


def progress_json(progress: Progress) -> dict[str, Any]:
    def trend_dict(t: Trend) -> dict[str, Any]:
        return {"eerste": t.first, "laatste": t.last, "gemiddeld": round(t.mean, 3),
                "verandering": round(t.change, 3), "richting": t.direction}

    return {
        "docent": progress.docent,
        "normen": progress.norms or None,
        "sessies": [{"id": s.session_id, "begonnen": s.started_at.isoformat(), "soort": s.kind,
                     "met": s.who, "cijfer": s.score,
                     "punten": {rule: s.points.get(rule) for rule in RULES}}
                    for s in progress.sessions],
        "cijfer": trend_dict(progress.score),
        "regels": [{"regel": r.rule, "naam": r.name, "punten": list(r.points),
                    "oordelen": list(r.verdicts), "trend": trend_dict(r.trend)}
                   for r in progress.rules],
    }


def session_info_json(info: SessionInfo) -> dict[str, Any]:
    """One row of ``gesprekscoach sessies --json``."""
    return {
        "id": info.id, "docent": info.docent, "soort": info.kind, "modus": info.mode,
        "scenario": info.scenario_id, "student": info.student_name, "bron": info.source,
        "begonnen": info.started_at.isoformat(),
        "beeindigd": info.ended_at.isoformat() if info.ended_at else None,
        "status": info.status, "beurten": info.turns, "cijfer": info.score,
    }
