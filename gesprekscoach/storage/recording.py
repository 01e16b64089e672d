"""Sessions that keep themselves: every turn goes to the store as it is said.

A :class:`Recorder` listens to a :class:`~gesprekscoach.conversation.session.Session`:
each turn is committed before the student's reply is shown, so a crash loses
nothing, and a turn the store refuses is taken back. The app and ``oefen``
drive the session itself; the recorder only keeps it. When the store cannot
take a turn (busy past its patience, a full disk), the turn is not lost and
recording does not stop: the recorder keeps it and stores it with the next
turn or at the end (:attr:`Recorder.pending`). While a recorder lives it holds
its conversation's lock (:mod:`~gesprekscoach.storage.open_sessions`), so a
second window of the same docent is not offered it. :func:`resume_or_close`
is the one resume policy: go on exactly where the docent was (by replaying the
stored docent turns with the same scenario and seed) or close the old
conversation as ``afgebroken``. :func:`import_transcript` stores a real
conversation played through the same session.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from gesprekscoach.conversation.session import Session, read_transcript
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.model import Exchange
from gesprekscoach.scoring.report import build, report_on
from gesprekscoach.storage.paths import check_alias, file_sha256
from gesprekscoach.storage.sessions import SessionInfo, StoredSession
from gesprekscoach.storage.store import SessionConflict, Store

if TYPE_CHECKING:
    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.scoring.norms import Norms
    from gesprekscoach.scoring.report import Report

#: Replayed openness may differ from the stored one by float noise only.
_OPENNESS_TOLERANCE: Final[float] = 1e-9


class ResumeError(UserError):
    """An unfinished session cannot be continued exactly (scenario gone or changed)."""


class OpenElsewhere(UserError):
    """The conversation is open in another window or tab right now."""


def _open_elsewhere(info: SessionInfo) -> OpenElsewhere:
    return OpenElsewhere(Problem(
        f"je gesprek met {info.who} is open in een ander venster of tabblad; ga daar verder, "
        "of sluit dat venster eerst. Hier begin je een nieuw gesprek"))


class Recorder:
    """Commits every turn of one practice session to a :class:`Store` at once.

    The session row is created with the first turn, so starting and leaving
    at once stores nothing; ``id`` is None until then.
    """

    def __init__(self, store: Store, session: Session, *, docent: str, mode: str = "oefenen",
                 session_id: str | None = None, started_at: datetime | None = None) -> None:
        if session.scenario is None:
            raise ValueError("only a practice session is recorded turn by turn")
        self.store = store
        self.session = session
        self.docent = docent
        self.mode = mode
        self.id = session_id
        self._started_at = started_at or datetime.now().astimezone()
        self.finished = False
        #: How many of the session's exchanges are in the store.
        self.stored = len(session.exchanges) if session_id is not None else 0
        #: Why the last attempt to store failed, while turns wait (None: all stored).
        self.problem: Problem | None = None
        if session_id is not None:
            self._hold(session_id)
        session.listeners.append(self)

    @property
    def pending(self) -> int:
        """Turns said but not yet in the store; they go with the next attempt."""
        return len(self.session.exchanges) - self.stored

    def _hold(self, session_id: str) -> None:
        if not self.store.hold(session_id):
            raise _open_elsewhere(self.store.load(session_id).info)

    @classmethod
    def start(cls, store: Store, scenario: Scenario, *, docent: str, mode: str = "oefenen",
              seed: int = 0) -> Recorder:
        """A new recorded practice session; nothing is stored until the first turn."""
        return cls(store, Session(scenario, seed=seed), docent=check_alias(docent), mode=mode)

    @classmethod
    def resume(cls, store: Store, stored: StoredSession, scenario: Scenario | None = None) -> Recorder:
        """Continue ``stored`` (from :meth:`Store.unfinished`) exactly where it was.

        The docent turns are replayed with the stored seed; the replay must
        give the stored replies, arc and openness, else :class:`ResumeError`
        (the scenario or gesprekscoach changed meanwhile). ``scenario`` None
        loads the stored scenario file, or a shipped one with the same hash.
        """
        info = stored.info
        if info.kind != "oefening" or info.finished:
            raise ValueError(f"session {info.id} cannot be resumed")
        if store.open_elsewhere(info.id):
            raise _open_elsewhere(info)
        session = Session(scenario or find_scenario(info), seed=info.seed or 0)
        for old in stored.exchanges:
            if not _same(old, session.say(old.docent)):
                raise ResumeError(Problem(
                    f"je gesprek met {info.who} kan niet precies worden hervat: beurt "
                    f"{old.turn} geeft nu een ander antwoord dan toen (is het scenario of "
                    "gesprekscoach intussen bijgewerkt?). Het gesprek blijft bewaard zoals "
                    "het was"))
        return cls(store, session, docent=info.docent, mode=info.mode or "oefenen",
                   session_id=info.id, started_at=info.started_at)

    # -- TurnListener ---------------------------------------------------------------

    def turn_said(self, session: Session, exchange: Exchange) -> None:
        """Store this turn (and any still waiting); if the store cannot now, keep them."""
        self._check_open()
        try:
            self.flush()
        except (OpenElsewhere, SessionConflict):
            raise  # trying again cannot help: the session takes the turn back
        except UserError as error:
            self.problem = error.problems[0]

    def flush(self) -> None:
        """Store every turn said but not stored yet; UserError when the store cannot."""
        exchanges = self.session.exchanges
        if self.id is None and exchanges:
            self.id = self.store.start_session(
                self.docent, self.session.scenario, kind="oefening", mode=self.mode,
                seed=self.session.seed, started_at=self._started_at)
            self._hold(self.id)
        for exchange in exchanges[self.stored:]:
            assert self.id is not None
            self.store.add_turn(self.id, exchange)
            self.stored += 1
        self.problem = None

    def turn_undone(self, session: Session, exchange: Exchange) -> None:
        self._check_open()
        if exchange.turn > self.stored:
            return  # never reached the store: nothing to take back there
        if self.id is not None:
            self.store.remove_last_turn(self.id)
            self.stored -= 1

    # -- the end --------------------------------------------------------------------

    def finish(self, *, status: str = "klaar", norms: Norms | None = None) -> Report | None:
        """End the session and store its report, which it returns (built once, here);
        None, and nothing stored, without turns."""
        self._check_open()
        if self.session.exchanges:
            self.flush()  # a UserError leaves the recorder open, to try again
        self.finished = True
        self.session.listeners.remove(self)
        if self.id is None:
            return None
        report = report_on(self.session, norms)
        try:
            self.store.finish(self.id, report, status=status)
        finally:
            self._release(forget=True)
        return report

    def _release(self, *, forget: bool = False) -> None:
        if self.id is not None:
            self.store.let_go(self.id, forget=forget)

    def detach(self) -> Session:
        """Stop recording (the store failed) and give back the session to go on with."""
        self.finished = True
        if self in self.session.listeners:
            self.session.listeners.remove(self)
        self._release()
        return self.session

    def _check_open(self) -> None:
        if self.finished:
            raise ValueError("this session is finished")


@dataclass(frozen=True)
class Resumed:
    """What became of an unfinished conversation: going on, or closed and why."""

    recorder: Recorder | None
    problem: Problem | None = None


def resume_or_close(store: Store, stored: StoredSession, go_on: bool) -> Resumed:
    """The one resume policy, for the app and ``oefen`` alike.

    ``go_on``: replay and continue; if the replay cannot be exact, the old
    conversation is closed as ``afgebroken`` and the problem is returned.
    Not ``go_on``: close it as ``afgebroken`` (it stays in the history).
    """
    if store.open_elsewhere(stored.info.id):
        return Resumed(None, _open_elsewhere(stored.info).problems[0])
    if go_on:
        try:
            return Resumed(Recorder.resume(store, stored))
        except OpenElsewhere as error:
            return Resumed(None, error.problems[0])
        except ResumeError as error:
            abandon(store, stored)
            return Resumed(None, error.problems[0])
    abandon(store, stored)
    return Resumed(None)


def abandon(store: Store, stored: StoredSession) -> Report:
    """Close an unfinished session as ``afgebroken``, with the report on what was said.

    For a docent who chose not to go on: it stays in the history and is no
    longer offered, but does not count in ``voortgang``.
    """
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


def import_transcript(store: Store, path: str, docent: str, *, again: bool = False,
                      norms: Norms | None = None, docent_speaker: str | None = None,
                      student_speaker: str | None = None) -> tuple[SessionInfo, Report]:
    """Score a transcript and store it as a finished session of kind ``transcript``.

    The same file by the same docent is refused unless ``again``, so a
    trainer who runs the command twice does not count the conversation twice.
    """
    docent = check_alias(docent)
    session, digest = read_transcript(path, docent_speaker=docent_speaker,
                                      student_speaker=student_speaker)
    earlier = store.find_transcript(docent, digest)
    unfinished = earlier is not None and not earlier.finished
    if earlier is not None and not unfinished and not again:
        from gesprekscoach.conversation.transcript import display_name

        raise UserError(Problem(
            f"dit transcript is al bewaard voor {earlier.docent} (sessie {earlier.short_id}); "
            "gebruik --opnieuw om het nog een keer te bewaren", display_name(path)))
    report = report_on(session, norms)
    source = "standaardinvoer" if path == "-" else Path(path).name
    # One transaction: killed halfway, nothing is stored. A half import left by an
    # older version (status bezig) is replaced in the same transaction.
    session_id = store.add_transcript(docent, session.exchanges, report, source=source,
                                      source_sha256=digest,
                                      replaces=earlier.id if unfinished and earlier else None)
    return store.load(session_id).info, report
