"""The group table as CSV (one row per docent, scenario and kind) and as JSON.

CSV with semicolons and a decimal comma as a Dutch spreadsheet expects, every
cell through :func:`~gesprekscoach.output.format.csv_cell`; JSON with Dutch
keys and every figure as a number, for a script or a portfolio tool.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from gesprekscoach.output.format import csv_cell, dec, short_date
from gesprekscoach.output.json_data import dumps
from gesprekscoach.scoring.group import KIND_ORDER
from gesprekscoach.scoring.norms import RULES

if TYPE_CHECKING:
    from gesprekscoach.scoring.group import Group, Summary


def group_csv(group: Group) -> str:
    """One row per docent, then the group, each scenario and each kind (column ``niveau``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["niveau", "naam", "sessies", *KIND_ORDER, "laatst", "cijfer", *RULES])
    parts: list[tuple[str, Summary]] = [("docent", d) for d in group.docents]
    parts.append(("groep", group.total))
    parts += [("scenario", s) for s in group.by_scenario]
    parts += [("soort", s) for s in group.by_kind]
    for level, s in parts:
        cells = [level, s.label, str(s.sessions), *(str(s.kinds.get(k, 0)) for k in KIND_ORDER),
                 short_date(s.last) if s.last else "",
                 "" if s.score is None else dec(s.score, 1)]
        cells += [dec(s.points[rule], 3) if s.sessions else "" for rule in RULES]
        writer.writerow([csv_cell(c) for c in cells])
    return buffer.getvalue()


def _summary(s: Summary) -> dict[str, Any]:
    return {"naam": s.label, "sessies": s.sessions, "soorten": dict(s.kinds),
            "laatst": s.last.isoformat() if s.last else None,
            "cijfer": None if s.score is None else round(s.score, 2),
            "punten": {rule: round(s.points[rule], 3) for rule in RULES} if s.sessions else {}}


def group_json(group: Group) -> str:
    return dumps({
        "regels": [{"regel": rule, "naam": group.rule_names[rule]} for rule in RULES],
        "filters": list(group.filters),
        "docenten": [_summary(d) for d in group.docents],
        "groep": _summary(group.total),
        "scenarios": [_summary(s) for s in group.by_scenario],
        "soorten": [_summary(s) for s in group.by_kind],
        "docent_scenario": [{"docent": d, "scenario": s, "cijfer": round(v, 2)}
                            for (d, s), v in sorted(group.cross.items())],
        "zwakste_regel": group.weakest_rule(),
    })
