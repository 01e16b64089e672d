"""What the report screen shows beyond the report itself, that is not formatting.

Pure and Textual-free: the arc's timeline collapsed into runs of turns. The
norm phrases, the Markdown file and where it is saved live in
:mod:`gesprekscoach.output`; the scores all come from :mod:`report`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gesprekscoach.conversation.arc import ArcStep


@dataclass(frozen=True)
class PhaseRun:
    """Consecutive turns in one phase of the arc; ``sprong`` if the run began with a jump."""

    first: int
    last: int
    phase: str
    sprong: bool

    @property
    def turns(self) -> str:
        return f"beurt {self.first}" if self.first == self.last else f"beurt {self.first}–{self.last}"


def phase_runs(timeline: Sequence[ArcStep]) -> tuple[PhaseRun, ...]:
    """The timeline per turn as runs: 1–3 opening, 4–6 terugkijken, …"""
    runs: list[PhaseRun] = []
    for step in timeline:
        if runs and runs[-1].phase == step.phase and not step.sprong:
            last = runs[-1]
            runs[-1] = PhaseRun(last.first, step.turn, last.phase, last.sprong)
        else:
            runs.append(PhaseRun(step.turn, step.turn, step.phase, step.sprong))
    return tuple(runs)
