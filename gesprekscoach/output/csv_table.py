"""CSV: one row per session, for a spreadsheet.

Semicolons and a decimal comma, as a Dutch Excel expects; points per rule
from 0 to 1. Every cell goes through :func:`~gesprekscoach.output.format.csv_cell`,
so a docent's text never runs as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from gesprekscoach.output.format import csv_cell, dec, short_date
from gesprekscoach.scoring.norms import RULES

if TYPE_CHECKING:
    from gesprekscoach.storage.sessions import StoredSession


def _columns() -> list[str]:
    columns = ["sessie", "docent", "soort", "modus", "scenario", "student", "bestand",
               "begonnen", "afgerond", "status", "beurten", "cijfer", "cijfer_zonder_plafond"]
    for rule in RULES:
        columns += [rule, f"{rule}_oordeel"]
    return columns + ["valkuilen", "competenties", "sprongen", "openheid_begin", "openheid_eind",
                      "doellagen_bereikt", "diepste_laag_bereikt"]


def sessions_csv(sessions: Iterable[StoredSession]) -> str:
    """One row per session with its score and points per rule (0..1)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_columns())
    for stored in sessions:
        writer.writerow(_row(stored))
    return buffer.getvalue()


def _row(stored: StoredSession) -> list[str]:
    info = stored.info
    report = stored.report() if stored.exchanges or stored.report_data else None
    row = [info.id, info.docent, info.kind, info.mode or "", info.scenario_id or "",
           info.student_name or "", info.source or "", short_date(info.started_at),
           short_date(info.ended_at) if info.ended_at else "", info.status, str(info.turns)]
    if report is None:
        return row + [""] * (len(_columns()) - len(row))
    row += [str(report.score), str(report.uncapped)]
    by_rule = {r.rule: r for r in report.rules}
    for rule in RULES:
        r = by_rule.get(rule)
        row += [dec(r.points, 3), r.verdict] if r else ["", ""]
    openness = report.openness
    row += [", ".join(p.name for p in report.pitfalls), str(len(report.competences)),
            str(len(report.arc.sprongen)),
            dec(openness[0]) if openness else "", dec(openness[-1]) if openness else ""]
    goal = report.goal
    row += (["", ""] if goal is None else
            [f"{len(goal.reached)}/{len(goal.layers)}",
             "" if goal.deepest is None else ("ja" if goal.deepest_reached else "nee")])
    return [csv_cell(value) for value in row]
