"""Sessions that keep themselves: every turn goes to the store as it is said.

:class:`RecordedSession` is what the app and ``oefen`` drive instead of a bare
:class:`~gesprekscoach.conversation.session.Session`: the same ``say``/``undo``/``report``,
and each turn is committed before the student's reply is shown, so a crash
loses nothing. :meth:`RecordedSession.resume` rebuilds an unfinished session
by replaying its docent turns with the same scenario and seed, and checks
that the replay gives the stored conversation before going on.

:func:`score_transcript` turns a real conversation (``D:``/``S:``) into the
same exchanges a practice session has, without a simulated student, so it
gets the same report; :func:`import_transcript` stores it.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final, Sequence

from gesprekscoach.analysis.analyser import analyse, told_phase
from gesprekscoach.conversation.arc import Arc
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.conversation.session import Exchange, Session
from gesprekscoach.storage.store import SessionInfo, Store, StoredSession, file_sha256
from gesprekscoach.conversation.transcript import Turn, detect_format, display_name, parse_turns, read_text

if TYPE_CHECKING:
    from gesprekscoach.scoring.norms import Norms
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.conversation.student import Student

#: Replayed openness may differ from the stored one by float noise only.
_OPENNESS_TOLERANCE: Final[float] = 1e-9
#: Appended to a transcript so the parser hands us the student's last reply.
_SENTINEL: Final[str] = "\nD: ."


class ResumeError(UserError):
    """An unfinished session cannot be continued exactly (scenario gone or changed)."""


class RecordedSession:
    """A :class:`Session` whose every turn is committed to a :class:`Store` at once.

    The session row is created with the first turn, so starting and
    leaving at once stores nothing. ``id`` is None until then.
    """

    def __init__(self, store: Store, session: Session, *, docent: str, mode: str = "oefenen",
                 session_id: str | None = None, started_at: datetime | None = None) -> None:
        self.store = store
        self.session = session
        self.docent = docent
        self.mode = mode
        self.id = session_id
        self._started_at = started_at or datetime.now().astimezone()
        self.finished = False

    @classmethod
    def start(cls, store: Store, scenario: Scenario, *, docent: str, mode: str = "oefenen",
              seed: int = 0, norms: Norms | None = None) -> RecordedSession:
        """A new practice session; nothing is stored until the first turn."""
        from gesprekscoach.storage.store import check_alias

        return cls(store, Session(scenario, seed=seed, norms=norms),
                   docent=check_alias(docent), mode=mode)

    @classmethod
    def resume(cls, store: Store, stored: StoredSession, scenario: Scenario | None = None,
               norms: Norms | None = None) -> RecordedSession:
        """Continue ``stored`` (from :meth:`Store.unfinished`) exactly where it was.

        The docent turns are replayed with the stored seed; the replay must
        give the stored replies, arc and openness, else :class:`ResumeError`
        (the scenario or gesprekscoach changed meanwhile). ``scenario`` None
        loads the stored scenario file, or a shipped one with the same hash.
        """
        info = stored.info
        if info.kind != "oefening" or info.finished:
            raise ValueError(f"session {info.id} cannot be resumed")
        scenario = scenario or find_scenario(info)
        session = Session(scenario, seed=info.seed or 0, norms=norms)
        for old in stored.exchanges:
            new = session.say(old.docent)
            if not _same(old, new):
                raise ResumeError(Problem(
                    f"je gesprek met {info.who} kan niet precies worden hervat: beurt "
                    f"{old.turn} geeft nu een ander antwoord dan toen (is het scenario of "
                    "gesprekscoach intussen bijgewerkt?). Het gesprek blijft bewaard zoals "
                    "het was"))
        return cls(store, session, docent=info.docent, mode=info.mode or "oefenen",
                   session_id=info.id, started_at=info.started_at)

    # -- what a Session offers ---------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def seed(self) -> int:
        return self.session.seed

    @property
    def arc(self) -> Arc:
        return self.session.arc

    @property
    def student(self) -> Student:
        return self.session.student

    @property
    def exchanges(self) -> tuple[Exchange, ...]:
        return self.session.exchanges

    @property
    def openness(self) -> float:
        return self.session.openness

    @property
    def last_student_turn(self) -> str:
        return self.session.last_student_turn

    def say(self, docent: str) -> Exchange:
        """Play one turn and commit it; if storing fails the turn is taken back."""
        self._check_open()
        exchange = self.session.say(docent)
        try:
            if self.id is None:
                self.id = self.store.start_session(
                    self.docent, self.scenario, kind="oefening", mode=self.mode,
                    seed=self.seed, started_at=self._started_at)
            self.store.add_turn(self.id, exchange)
        except BaseException:
            self.session.undo()
            raise
        return exchange

    def undo(self) -> bool:
        """Take back the last turn, in the session and in the store."""
        self._check_open()
        if not self.session.exchanges:
            return False
        if self.id is not None:
            self.store.remove_last_turn(self.id)
        return self.session.undo()

    def report(self) -> Report:
        """The report on the conversation so far (not stored)."""
        return self.session.report()

    def finish(self, *, status: str = "klaar") -> Report | None:
        """End the session and store its report; None (and nothing stored) without turns."""
        self._check_open()
        self.finished = True
        if self.id is None:
            return None
        report = self.session.report()
        self.store.finish(self.id, report, status=status)
        return report

    def _check_open(self) -> None:
        if self.finished:
            raise ValueError("this session is finished")


def abandon(store: Store, stored: StoredSession) -> Report:
    """Close an unfinished session as ``afgebroken``, with the report on what was said.

    For a docent who chose not to go on: it stays in the history and is no
    longer offered, but does not count in ``voortgang``.
    """
    from gesprekscoach.scoring.report import build

    report = build(stored.exchanges, None, stored.info.scenario_doel)
    last = stored.said_at[-1] if stored.said_at else None
    store.finish(stored.info.id, report, status="afgebroken", ended_at=last)
    return report


def find_scenario(info: SessionInfo) -> Scenario:
    """The scenario a stored session was played with, checked by its hash.

    The stored path first, then a shipped scenario with the same id; the
    file's bytes must be the ones played, or the replay could differ.
    """
    from gesprekscoach.conversation.scenario import shipped_scenarios
    from gesprekscoach.conversation.scenario_check import load_scenario

    candidates = [Path(info.scenario_path)] if info.scenario_path else []
    candidates += [p for p in shipped_scenarios() if p.stem == info.scenario_id]
    changed = False
    for path in candidates:
        digest = file_sha256(path)
        if digest is None:
            continue
        if info.scenario_sha256 and digest != info.scenario_sha256:
            changed = True
            continue
        return load_scenario(path)
    if changed:
        raise ResumeError(Problem(
            f"het scenario van je gesprek met {info.who} is intussen veranderd, dus het "
            "gesprek kan niet precies worden hervat. Het gesprek blijft bewaard zoals het was",
            info.scenario_path or ""))
    raise ResumeError(Problem(
        f"het scenario van je gesprek met {info.who} ({info.scenario_id}) is niet meer te "
        "vinden, dus het gesprek kan niet worden hervat. Het gesprek blijft bewaard",
        info.scenario_path or ""))


def _same(old: Exchange, new: Exchange) -> bool:
    if (old.openness is None) != (new.openness is None):
        return False
    if old.openness is not None and new.openness is not None and not math.isclose(
            old.openness, new.openness, abs_tol=_OPENNESS_TOLERANCE):
        return False
    return (old.docent, old.student, old.phase, old.sprong, old.layer, old.analysis.code) == (
        new.docent, new.student, new.phase, new.sprong, new.layer, new.analysis.code)


# --------------------------------------------------------------------------- transcripts


def read_transcript(path: str) -> tuple[tuple[Exchange, ...], str]:
    """The exchanges of a real conversation in ``path`` and the hash of its text."""
    text = read_text(path)
    name = display_name(path)
    if detect_format(text) != "gesprek":
        raise UserError(Problem(
            "dit is geen gesprek: begin elke beurt met 'D:' of 'Docent:' voor de docent en "
            "'S:' of 'Student:' voor de student", name))
    # The parser gives each docent turn the student turn before it; a last
    # docent turn "." makes it hand over the student's final reply as well.
    turns = parse_turns(text + _SENTINEL, name, fmt="gesprek")
    from hashlib import sha256

    return score_transcript(turns[:-1], final_reply=turns[-1].student), \
        sha256(text.encode("utf-8")).hexdigest()


def score_transcript(turns: Sequence[Turn], final_reply: str = "") -> tuple[Exchange, ...]:
    """Exchanges for a real conversation: each docent turn with the student's next reply.

    There is no simulated student, so openness and layer stay None and the
    arc runs with ``layers=False`` (a reply to a terugkijken turn counts as
    the experience told); what a reply shows by its own words (a story in
    answer to the opening) moves the arc as a scenario layer would.
    """
    arc = Arc(layers=False)
    replies = [turn.student for turn in turns[1:]] + [final_reply]
    out = []
    for number, (turn, reply) in enumerate(zip(turns, replies), start=1):
        analysis = analyse(turn.docent, turn.student, turn.history)
        step = arc.step(analysis.fase)
        if reply:
            arc.note_reply(told_phase(reply))
        out.append(Exchange(number, turn.docent, analysis, reply, step.phase, step.sprong,
                            None, None))
    return tuple(out)


def import_transcript(store: Store, path: str, docent: str, *, again: bool = False,
                      norms: Norms | None = None) -> tuple[SessionInfo, Report]:
    """Score a transcript and store it as a finished session of kind ``transcript``.

    The same file by the same docent is refused unless ``again``, so a
    trainer who runs the command twice does not count the conversation twice.
    """
    from gesprekscoach.scoring.report import build
    from gesprekscoach.storage.store import check_alias

    docent = check_alias(docent)
    exchanges, digest = read_transcript(path)
    earlier = store.find_transcript(docent, digest)
    if earlier is not None and not again:
        raise UserError(Problem(
            f"dit transcript is al bewaard voor {earlier.docent} (sessie {earlier.short_id}); "
            "gebruik --opnieuw om het nog een keer te bewaren", display_name(path)))
    report = build(exchanges, norms)
    source = "standaardinvoer" if path == "-" else Path(path).name
    session_id = store.start_session(docent, None, kind="transcript", mode=None, seed=None,
                                     source=source, source_sha256=digest)
    for exchange in exchanges:
        store.add_turn(session_id, exchange)
    store.finish(session_id, report)
    return store.load(session_id).info, report
