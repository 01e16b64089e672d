"""The facts of a conversation that the rules and the valkuilen count.

Computed once per report from the exchanges: per turn the codes it carries and
the question it asked, the arc as it went, and the competences touched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from gesprekscoach.codebook import COMPETENTIES, QUESTIONS, VIOLATIONS, primary
from gesprekscoach.conversation.arc import MIDDLE, ArcStep, Sprong
from gesprekscoach.model import Exchange
from gesprekscoach.scoring.norms import Norms

#: Moves with which a docent invites the student to talk about something.
INVITING: Final[frozenset[str]] = frozenset(
    {"open_vraag", "doorvraag", "gesloten_vraag", "meervoudige_vraag", "samenvatting"}
)
OPEN: Final[frozenset[str]] = frozenset({"open_vraag", "doorvraag"})


@dataclass(frozen=True)
class ArcReport:
    """The arc as the conversation went."""

    reached: tuple[str, ...]    # phases in the order first reached
    in_order: tuple[str, ...]   # middle phases reached without a sprong
    sprongen: tuple[Sprong, ...]
    timeline: tuple[ArcStep, ...]


@dataclass(frozen=True)
class Turn:
    """The facts of one exchange that the rules count."""

    ex: Exchange
    codes: frozenset[str]
    question: str | None  # the turn's question move by priority, if it asked one

    @classmethod
    def of(cls, ex: Exchange) -> Turn:
        codes = frozenset(ex.analysis.codes) | {ex.analysis.code}
        asked = codes & QUESTIONS
        return cls(ex, codes, primary(asked) if asked else None)

    @property
    def number(self) -> int:
        return self.ex.turn


@dataclass(frozen=True)
class Context:
    """What every rule and valkuil is scored from."""

    turns: list[Turn]
    arc: ArcReport
    competences: tuple[str, ...]
    norms: Norms
    texts: Mapping[str, Any]

    @property
    def questions(self) -> list[Turn]:
        return [t for t in self.turns if t.question]


def arc_of(exchanges: Sequence[Exchange]) -> ArcReport:
    """Reached phases, in-order phases and sprongen, from the exchanges' arc states."""
    previous = "opening"
    in_order: dict[str, None] = {}
    sprongen: list[Sprong] = []
    for ex in exchanges:
        if ex.sprong:
            sprongen.append(Sprong(ex.turn, previous, ex.phase))
        elif ex.phase != previous and ex.phase in MIDDLE:
            in_order.setdefault(ex.phase)
        previous = ex.phase
    return ArcReport(
        reached=tuple(dict.fromkeys(ex.phase for ex in exchanges)),
        in_order=tuple(p for p in MIDDLE if p in in_order),
        sprongen=tuple(sprongen),
        timeline=tuple(ArcStep(ex.turn, ex.phase, ex.sprong) for ex in exchanges),
    )


def competences_of(turns: Sequence[Turn]) -> tuple[str, ...]:
    """Competences the docent asked about or summarised, without steering.

    A turn counts when it invites the student (a question or a summary) and
    is not advice, information or a leading question: advice about the
    network tells the student nothing they explored themselves.
    """
    touched = {
        t.ex.analysis.competentie
        for t in turns
        if t.ex.analysis.competentie and t.codes & INVITING and t.ex.analysis.code not in VIOLATIONS
    }
    return tuple(c for c in COMPETENTIES if c in touched)
