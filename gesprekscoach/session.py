"""One practice session: the exchanges between docent and student.

An ``Exchange`` is what the report reads, whether it came from a live session
with a simulated student or from a real transcript.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analyser import TurnAnalysis


@dataclass(frozen=True)
class Exchange:
    """A docent turn, how it was coded, the student's reply and the arc after it."""

    turn: int                  # 1-based
    docent: str
    analysis: TurnAnalysis
    student: str               # the student's reply ("" when none)
    phase: str                 # arc state after this turn
    sprong: bool               # this turn jumped ahead
    openness: float | None     # student's openness after the reply, None for a real transcript
    layer: str | None = None   # scenario layer revealed, if any
