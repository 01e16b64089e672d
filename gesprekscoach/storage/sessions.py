"""The values the store hands out: a session's row, a whole stored session, an import's outcome.

Plain frozen values, so the commands, the renderers and the app can hold them
without a database connection.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gesprekscoach.errors import UserError
from gesprekscoach.model import Exchange
from gesprekscoach.storage.records import report_from_dict

if TYPE_CHECKING:
    from gesprekscoach.scoring.report import Report


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
    #: What a trainer added, as heading facts: corrections, notes on the session.
    review: tuple[tuple[str, str], ...] = ()

    @property
    def docent_turns(self) -> tuple[str, ...]:
        """What the docent said, in order: replaying these rebuilds the session."""
        return tuple(ex.docent for ex in self.exchanges)

    def report(self) -> Report:
        """The report as given; for a session still going, the report so far. A goal
        without layer titles (a report from before them, or recomputed after a
        correction) gets them from its scenario, so a docent never reads layer ids."""
        if self.report_data is not None:
            report = report_from_dict(self.report_data)
        else:
            from gesprekscoach.scoring.report import build

            report = build(self.exchanges, None, self.info.scenario_doel)
        goal = report.goal
        if goal is None or goal.titles:
            return report
        titles = scenario_titles(self.info.scenario_path, self.info.scenario_id)
        return dataclasses.replace(report, goal=dataclasses.replace(goal, titles=titles))


def scenario_titles(path: str | None, scenario_id: str | None) -> tuple[tuple[str, str], ...]:
    """The layer titles of the scenario played (its stored path, else the shipped one
    with its id); none when it cannot be read any more (the ids in words then)."""
    from gesprekscoach.conversation.scenario import shipped_scenarios

    candidates = [Path(path)] if path else []
    candidates += [p for p in shipped_scenarios() if p.stem == scenario_id]
    for candidate in candidates:
        try:
            return _titles_of(str(candidate), candidate.stat().st_mtime)
        except (OSError, UserError):
            continue
    return ()


@lru_cache(maxsize=64)
def _titles_of(path: str, mtime: float) -> tuple[tuple[str, str], ...]:
    from gesprekscoach.conversation.scenario_check import load_scenario
    from gesprekscoach.scoring.goal import layer_titles

    return layer_titles(load_scenario(path).layers)


@dataclass(frozen=True)
class ImportResult:
    """What ``importeer-sessies`` did."""

    added: tuple[str, ...]      # session ids
    skipped: tuple[str, ...]    # already there
