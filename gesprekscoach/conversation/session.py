"""One practice session: the exchanges between docent and student.

Data flows one way: the docent's text is analysed, the analysis moves the arc
and the student, and each turn becomes an ``Exchange``; the report reads the
exchanges, whether they came from a simulated student or a real transcript.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gesprekscoach.analysis.analyser import TurnAnalysis, analyse
from gesprekscoach.conversation.arc import Arc

if TYPE_CHECKING:
    from gesprekscoach.scoring.norms import Norms
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.conversation.student import Student


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


#: How many earlier student turns the analyser sees besides the last one.
HISTORY_TURNS = 8


class Session:
    """A conversation with one simulated student, turn by turn.

    The session owns the arc and the student and keeps every exchange; the
    app and the ``simuleer`` command both drive it through :meth:`say`.
    """

    def __init__(self, scenario: Scenario, seed: int = 0, norms: Norms | None = None) -> None:
        from gesprekscoach.conversation.student import Student

        self.scenario = scenario
        self.seed = seed
        self.norms = norms
        self.arc = Arc()
        self.student: Student = Student(scenario, seed=seed)
        self._exchanges: list[Exchange] = []

    @property
    def exchanges(self) -> tuple[Exchange, ...]:
        return tuple(self._exchanges)

    @property
    def openness(self) -> float:
        return self.student.openness

    @property
    def last_student_turn(self) -> str:
        return self._exchanges[-1].student if self._exchanges else ""

    def say(self, docent: str) -> Exchange:
        """Play one docent turn ("" or "…" is a deliberate silence) and return the exchange."""
        earlier = [ex.student for ex in self._exchanges[-HISTORY_TURNS - 1:-1]]
        analysis = analyse(docent, self.last_student_turn, earlier)
        step = self.arc.step(analysis.fase)
        reply = self.student.reply(analysis, phase=self.arc.phase, reflected=self.arc.reflected)
        self.arc.note_reply(reply.fase)
        exchange = Exchange(
            turn=len(self._exchanges) + 1,
            docent=docent,
            analysis=analysis,
            student=reply.text,
            phase=self.arc.phase,
            sprong=step.sprong,
            openness=reply.openness,
            layer=reply.layer,
        )
        self._exchanges.append(exchange)
        return exchange

    def undo(self) -> bool:
        """Take back the last exchange; False when there is none."""
        if not self._exchanges:
            return False
        self._exchanges.pop()
        self.arc.undo()
        self.student.undo()
        return True

    def report(self) -> Report:
        """The report on the conversation so far."""
        from gesprekscoach.scoring import report

        return report.build(self._exchanges, self.norms, self.scenario.goal.description or None)
