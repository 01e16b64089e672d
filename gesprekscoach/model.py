"""The value types every layer shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from gesprekscoach.codebook import VIOLATIONS


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence or clause of a turn and the move it makes."""

    text: str
    start: int
    end: int
    move: str
    evidence: str
    reason: str


@dataclass(frozen=True)
class TurnAnalysis:
    """What a docent's turn does, by the codebook."""

    text: str
    segments: tuple[Segment, ...]
    codes: frozenset[str]
    code: str
    fase: str | None
    competentie: str | None
    tips: tuple[str, ...] = ()
    #: Words of the student's previous turn that the docent took up.
    taken_up: tuple[str, ...] = field(default=())

    @property
    def is_violation(self) -> bool:
        return self.code in VIOLATIONS

    @property
    def evidence(self) -> str:
        """The words that show the primary move."""
        return next((s.evidence for s in self.segments if s.move == self.code), "")

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready view in the codebook's field names."""
        return {
            "docent": self.text,
            "codes": sorted(self.codes),
            "code": self.code,
            "fase": self.fase,
            "competentie": self.competentie,
            "segmenten": [
                {"tekst": s.text, "begin": s.start, "eind": s.end, "code": s.move,
                 "bewijs": s.evidence, "reden": s.reason}
                for s in self.segments
            ],
            "overgenomen": list(self.taken_up),
            "tips": list(self.tips),
        }


@dataclass(frozen=True)
class Exchange:
    """A docent turn, how it was coded, the student's reply and the arc after it."""

    turn: int                  # 1-based
    docent: str
    analysis: TurnAnalysis
    student: str               # the student's reply ("" when none)
    phase: str                 # arc state after this turn and its reply
    sprong: bool               # this turn jumped ahead
    openness: float | None     # student's openness after the reply, None for a real transcript
    layer: str | None = None   # scenario layer revealed, if any
    #: A trainer's correction of the coding, in words ("gecorrigeerd door Els: was advies").
    correction: str | None = None
    #: A trainer's notes on this turn, each as "Els: …".
    notes: tuple[str, ...] = ()
    #: In a trialoog: what the praktijkopleider, werkbegeleider or parent said after
    #: the student ("" when nothing); never part of the docent's or the student's turn.
    third_party: str = ""
    #: In a trialoog: the docent spoke to the other adult about the student, who was
    #: sitting there ("Hoe vindt u dat hij het doet?"); shown live, scored as a valkuil.
    about_student: bool = False
