"""One conversation, turn by turn: the one way a docent turn is played.

Data flows one way: the docent's text is analysed, the analysis moves the arc
and the student, and each turn becomes an ``Exchange``. A practice session
has a simulated student who replies; a real transcript has none and brings
its replies along (:meth:`Session.transcript`). Both go through
:meth:`Session.say`, so the same conversation records the same phases and
gets the same report, whichever way it came in.

Whoever must know of each turn (the store) attaches a :class:`TurnListener`;
the session stays ignorant of where turns go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from gesprekscoach.analysis.analyser import analyse
from gesprekscoach.analysis.told import told_phase
from gesprekscoach.conversation.arc import Arc
from gesprekscoach.conversation.third_party import about_student
from gesprekscoach.model import Exchange

if TYPE_CHECKING:
    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.conversation.student import Student


#: How many earlier student turns the analyser sees besides the last one.
HISTORY_TURNS = 8


class TurnListener(Protocol):
    """Told of every turn as it is played or taken back (the store keeps them)."""

    def turn_said(self, session: Session, exchange: Exchange) -> None: ...

    def turn_undone(self, session: Session, exchange: Exchange) -> None: ...


class Session:
    """A conversation with one student, simulated or real, turn by turn.

    The session owns the arc (and the simulated student) and keeps every
    exchange; the app, ``oefen``, ``simuleer``, ``importeer`` and resuming all
    drive it through :meth:`say`.
    """

    def __init__(self, scenario: Scenario | None, seed: int = 0, *, opening: str = "") -> None:
        self.scenario = scenario
        self.seed = seed
        #: What the student said before the docent's first turn (a transcript may start so).
        self.opening = opening
        self.arc = Arc(layers=scenario is not None)
        self.student: Student | None = None
        if scenario is not None:
            from gesprekscoach.conversation.student import Student

            self.student = Student(scenario, seed=seed)
        self.listeners: list[TurnListener] = []
        self._exchanges: list[Exchange] = []

    @classmethod
    def transcript(cls, opening: str = "") -> Session:
        """A real conversation: no simulated student; each turn brings its reply."""
        return cls(None, opening=opening)

    @property
    def exchanges(self) -> tuple[Exchange, ...]:
        return tuple(self._exchanges)

    @property
    def openness(self) -> float:
        return self.student.openness if self.student is not None else 0.5

    @property
    def last_student_turn(self) -> str:
        return self._exchanges[-1].student if self._exchanges else self.opening

    @property
    def heard(self) -> str:
        """What the docent heard since her last turn: the student's reply and, in a
        trialoog, the other adult's words, so taking up either is a follow-up
        ("Henk zegt dat … Wat vind jij daar zelf van?")."""
        if not self._exchanges:
            return self.opening
        last = self._exchanges[-1]
        return f"{last.student} {last.third_party}".strip() if last.third_party else last.student

    def say(self, docent: str, reply: str | None = None, third_party: str = "") -> Exchange:
        """Play one docent turn ("" or "…" is a deliberate silence) and return the exchange.

        With a simulated student ``reply`` is None and the student answers; in a
        transcript ``reply`` is what the student said next ("" when nothing).
        Every listener hears of the turn; if one fails, the turn is taken back
        and the error passes on, so the session and the store never differ.
        """
        earlier = [self.opening] if self.opening and self._exchanges else []
        earlier = (earlier + [ex.student for ex in self._exchanges[:-1]])[-HISTORY_TURNS:]
        analysis = analyse(docent, self.heard, earlier)
        step = self.arc.step(analysis.fase)
        openness: float | None = None
        layer: str | None = None
        if self.student is not None:  # in a trialoog the simulated third party speaks too
            answer = self.student.reply(analysis, phase=self.arc.phase, reflected=self.arc.reflected)
            text, told, openness, layer = answer.text, answer.fase, answer.openness, answer.layer
            third_party = answer.third_party
        elif reply is None:
            raise ValueError("a transcript turn needs the student's reply")
        else:
            text, told = reply, told_phase(reply) if reply else None
        self.arc.note_reply(told)
        exchange = Exchange(len(self._exchanges) + 1, docent, analysis, text, self.arc.phase,
                            step.sprong, openness, layer, third_party=third_party,
                            about_student=self._about_student(docent))
        self._exchanges.append(exchange)
        try:
            for listener in self.listeners:
                listener.turn_said(self, exchange)
        except BaseException:
            self._take_back()
            raise
        return exchange

    def _about_student(self, docent: str) -> bool:
        """Whether, in a trialoog, this turn speaks to the other adult about the student."""
        third = self.scenario.third_party if self.scenario is not None else None
        if third is None or self.scenario is None:
            return False
        return about_student(docent, self.scenario.student.name, third)

    def undo(self) -> bool:
        """Take back the last exchange; False when there is none."""
        if not self._exchanges:
            return False
        for listener in self.listeners:
            listener.turn_undone(self, self._exchanges[-1])
        self._take_back()
        return True

    def _take_back(self) -> None:
        self._exchanges.pop()
        self.arc.undo()
        if self.student is not None:
            self.student.undo()


# --------------------------------------------------------------------------- real conversations

#: Appended to a transcript so the parser hands over the student's last reply.
_SENTINEL = "\nD: ."


def read_transcript(path: str, *, docent_speaker: str | None = None,
                    student_speaker: str | None = None) -> tuple[Session, str]:
    """The real conversation in ``path`` (``D:``/``S:`` lines, or named speakers with a
    ``Sprekers:`` line or ``docent_speaker``), played, and the hash of its text."""
    from hashlib import sha256

    from gesprekscoach.conversation.speakers import normalise
    from gesprekscoach.conversation.transcript import detect_format, display_name, parse_turns, read_text
    from gesprekscoach.errors import Problem, UserError

    raw = read_text(path)
    name = display_name(path)
    text = normalise(raw, name, docent=docent_speaker, student=student_speaker)
    if detect_format(text) != "gesprek":
        raise UserError(Problem(
            "dit is geen gesprek: begin elke beurt met 'D:' of 'Docent:' voor de docent en "
            "'S:' of 'Student:' voor de student", name))
    # The parser gives each docent turn the student turn before it; a last
    # docent turn "." makes it hand over the student's final reply as well.
    turns = parse_turns(text + _SENTINEL, name, fmt="gesprek")
    plain = parse_turns(text, name, fmt="gesprek")
    if len(turns) > len(plain):   # the student spoke last: the sentinel got their reply
        session = play_transcript([t.docent for t in turns[:-1]], [t.student for t in turns],
                                  [t.third_party for t in turns])
    else:   # the docent spoke last: keep that turn, it has no reply
        session = play_transcript([t.docent for t in plain], [t.student for t in plain] + [""],
                                  [t.third_party for t in plain] + [""])
    return session, sha256(raw.encode("utf-8")).hexdigest()


def play_transcript(docent_turns: list[str], student_turns: list[str],
                    third_turns: list[str] | None = None) -> Session:
    """A real conversation through the same :meth:`Session.say` as practice.

    ``student_turns[i]`` is what the student said before docent turn ``i``; the
    list has one more entry, the student's last reply (or ""). There is no
    simulated student: openness and layer stay None and the arc learns from
    the student's own words whether an experience was told. ``third_turns``
    (a trialoog) is aligned with ``student_turns``: what the other adult said
    there, kept apart from the student.
    """
    third_turns = third_turns or []
    session = Session.transcript(opening=student_turns[0] if student_turns else "")
    for number, docent in enumerate(docent_turns, start=1):
        session.say(docent, reply=student_turns[number] if number < len(student_turns) else "",
                    third_party=third_turns[number] if number < len(third_turns) else "")
    return session
