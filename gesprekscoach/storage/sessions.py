"""The values the store hands out: a session's row, a whole stored session, an import's outcome.

Plain frozen values, so the commands, the renderers and the app can hold them
without a database connection.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

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
