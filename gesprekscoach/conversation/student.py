"""A simulated student: answers a docent's turn the way the scenario's student would.

A scenario student is a person, not a quiz (see gespreksmodel.md): they answer
what was asked (a layer whose words the docent used, a fact for a factual
question, a question back when nothing fits), open up with open questions,
follow-ups, summaries and silence, close down with advice, information,
judgement, leading and stacked questions in a way that fits their character,
hold back the deepest layer until the docent has followed up on its theme
several times, and never say a sentence twice (:mod:`student_memory`). In a
trialoog the other adult speaks too (:mod:`third_party`). The student knows
the scenario and the analysis of the docent's turn, nothing of the UI. Given
the same scenario, seed and turns, the conversation is the same.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from gesprekscoach.analysis.analyser import TurnAnalysis, analyse
from gesprekscoach.analysis.keywords import index as keyword_index
from gesprekscoach.analysis.words import content_words, lemma, mentions
from gesprekscoach.codebook import FASEN, is_silent
from gesprekscoach.conversation.arc import FUTURE
from gesprekscoach.conversation.scenario import Layer, Scenario
from gesprekscoach.conversation.student_fit import _Fitting
from gesprekscoach.conversation.student_kinds import form, is_farewell, is_gibberish, kind, says
from gesprekscoach.conversation.student_memory import Memory, MemoryState
from gesprekscoach.conversation.student_model import (
    EVASIVE,
    FOLLOW_UPS,
    INVITING,
    PITFALLS,
    REACTIONS,
    STUDENT,
    Reply,
    StudentModel,
    default_model,
)
from gesprekscoach.conversation.student_say import _Turn, capitalised, names_in, spoken_to
from gesprekscoach.conversation.third_party import Voice, addresses, to_student

__all__ = ["FUTURE", "REACTIONS", "STUDENT", "Reply", "Student", "StudentModel", "default_model"]

#: Moves after which a question in the same turn is answered (see Student._question_after).
_ANSWERED_AFTER = frozenset({"oordeel", "informeren"})
#: Moves that keep their own reaction, whatever question follows.
_KEEP_REACTION = frozenset({"advies", "suggestieve_vraag", "meervoudige_vraag"})
_QUESTIONS = frozenset({"open_vraag", "doorvraag", "gesloten_vraag"})
#: Kinds of question (``vraagsoorten``) that ask for a plan: a word of a fact in them asks no fact.
_PLAN_KINDS = frozenset({"toekomst", "stap"})
#: Moves of the docent after which the other adult may take over.
_TAKE_OVER = frozenset({"advies", "informeren", "oordeel", "suggestieve_vraag"})
#: Replies after which openness does not rise: the student told nothing, the bar shows that.
_NOTHING_GAINED = frozenset({"uitgepraat", "onvoorzien", "overig", "vaag", "afsluiting"})


@dataclass(frozen=True)
class _State:
    """Everything a reply changes, so undo can put it back."""

    openness: float
    revealed: tuple[str, ...]
    theme: str | None
    chains: tuple[tuple[str, int], ...]
    furthest: int
    turns: int
    third_spoke: bool
    names: frozenset[str]
    memory: MemoryState
    rng: tuple[Any, ...]  # random.Random.getstate()


class Student(_Fitting):
    """One simulated student in one conversation."""

    def __init__(self, scenario: Scenario, seed: int = 0, model: StudentModel | None = None) -> None:
        self.scenario = scenario
        self.model = model or default_model()
        # One look-up per turn for all words, not one per layer (500 layers: 18 → 1 ms).
        layer_words = [(w, ("laag", layer.id)) for layer in scenario.layers for w in layer.words]
        fact_words = [(w, ("feit", fact.id)) for fact in scenario.facts for w in fact.words]
        self._keywords = keyword_index(tuple(w for w, _ in layer_words + fact_words))
        self._known = frozenset(w.lower() for w, _ in layer_words + fact_words)
        self._owners: dict[str, list[tuple[str, str]]] = {}
        for word, owner in layer_words + fact_words:
            self._owners.setdefault(word, []).append(owner)
        self._layer_order = {layer.id: _order(layer.fase) for layer in scenario.layers}
        self._facts = {fact.id: fact for fact in scenario.facts}
        self._rng = random.Random(seed)
        self._memory = Memory(self._rng)
        third = scenario.third_party
        self._voice = (Voice(third, self._memory, self.model.third_worn_out, self.model.third_kinds)
                       if third is not None else None)
        self._openness = scenario.openness
        self._revealed: tuple[str, ...] = ()
        self._theme: str | None = None
        #: Per theme, how many follow-ups on it the docent asked.
        self._chains: dict[str, int] = {}
        #: The furthest phase (its place in the arc) reached after reflection.
        self._furthest = -1
        self._turns = 0
        self._third_spoke = False
        self._names: frozenset[str] = frozenset(
            w.lower() for w in (third.name.split() if third is not None else ()))
        self._kind: str | None = None
        self._undo: list[_State] = []

    @property
    def openness(self) -> float:
        return self._openness

    @property
    def revealed(self) -> tuple[str, ...]:
        """Ids of the layers that came out so far, in order."""
        return self._revealed

    def reply(self, analysis: TurnAnalysis, *, phase: str, reflected: bool) -> Reply:
        """Answer one docent turn.

        ``phase`` is the arc's current phase; ``reflected`` says whether an
        experience was told and explored, so questions about the future can
        be answered well.
        """
        self._undo.append(self._snapshot())
        self._turns += 1
        said_first: str | None = None  # a judgement or information before the question
        asked = self._question_after(analysis)
        if asked is not None:
            said_first, analysis = analysis.code, asked
        self._question = analysis.text
        turn = self._hear(analysis, phase, reflected)
        self._kind = turn.kind
        self._names |= capitalised(analysis.text)
        third = self.scenario.third_party
        if (self._voice is not None and turn.code not in ("overig", "aanmoediging")
                and addresses(analysis.text, third, self.scenario.student.name)):
            return self._to_third_party(turn)
        handed = to_student(analysis.text, self.scenario.student.name, third)
        if handed and turn.code in ("overig", "aanmoediging"):  # "Ik wil eerst Bram zelf horen."
            turn = replace(turn, code="doorvraag", follow_up=True)
        code = turn.code
        premature = (code in ("open_vraag", "doorvraag", "gesloten_vraag") and turn.fase in FUTURE
                     and not (reflected and self._revealed)
                     and not any(turn.fact_hits.values()))  # "Hoe heet je begeleider?" is no plan
        vague = (self.scenario.concrete and code in ("open_vraag", "doorvraag")
                 and not any(turn.hits.values())
                 and bool(mentions(analysis.text, self.model.vague_words)))
        before = self._openness
        self._move_openness(code, premature, vague, concrete=any(turn.hits.values()))
        if said_first is not None:  # it closes the student a little, as it would alone
            self._openness = _clamp(self._openness + self.model.change.get(said_first, 0.0))
        if (code in PITFALLS or said_first is not None) and self._theme:
            self._chains[self._theme] = 0  # advice or judgement breaks the chain of follow-ups
        elif turn.follow_up and turn.theme:
            self._chains[turn.theme] = self._chains.get(turn.theme, 0) + 1
        reply = self._choose(turn, premature, vague)
        if reply.reaction in _NOTHING_GAINED and self._openness > before:
            self._openness = before  # nothing was told: the bar does not say otherwise
        deepest = self.scenario.goal.deepest
        if deepest and deepest not in self._revealed:
            self._openness = min(self._openness, max(before, self.model.ceiling))
        if reply.openness != self._openness:
            reply = Reply(reply.text, self._openness, reply.layer, reply.fase, reply.depth,
                          reply.competentie, reply.reaction)
        self._names |= capitalised(reply.text)
        if self._voice is not None and handed:  # the docent wants to hear the student only
            self._third_spoke = False
        elif self._voice is not None:
            # Named, or spoken to ("Henk, dat heb ik nog nooit gezegd"), the adult reacts.
            named = reply.reaction == "laag" and bool(
                (names_in(reply.text) | spoken_to(reply.text)) & self._third_names())
            said = self._voice.answer(reply.text) if named else "" if self._third_spoke else (
                self._voice.unasked(reply.reaction, reply.reaction in EVASIVE, code in _TAKE_OVER,
                                    reply.reaction == "laag" and reply.depth == 1))
            self._third_spoke = bool(said)
            self._names |= capitalised(said)
            if said:
                reply = Reply(reply.text, reply.openness, reply.layer, reply.fase, reply.depth,
                              reply.competentie, reply.reaction, said)
        return reply

    def undo(self) -> None:
        """Forget the last reply: the state is as before it (nothing happens when there is none)."""
        if not self._undo:
            return
        state = self._undo.pop()
        self._openness = state.openness
        self._revealed = state.revealed
        self._theme = state.theme
        self._chains = dict(state.chains)
        self._furthest = state.furthest
        self._turns = state.turns
        self._third_spoke = state.third_spoke
        self._names = state.names
        self._memory.restore(state.memory)
        self._rng.setstate(state.rng)

    # ------------------------------------------------------------ hearing

    def _question_after(self, analysis: TurnAnalysis) -> TurnAnalysis | None:
        """A judgement or information followed by a question ("Mooi zo. En wat wil je
        later?"): the question, analysed on its own, which the student answers, as a
        person answers what was asked. Advice, a leading or a stacked question in the
        turn, or a judgement after the question, keep their own reaction."""
        if analysis.code not in _ANSWERED_AFTER or analysis.codes & _KEEP_REACTION:
            return None
        last = max((i for i, s in enumerate(analysis.segments) if s.move in _QUESTIONS), default=-1)
        if last < 0 or any(s.move in PITFALLS for s in analysis.segments[last + 1:]):
            return None
        heard = self._memory.own[-1] if self._memory.own else ""
        asked = analyse(analysis.text[analysis.segments[last].start:], heard)
        return asked if asked.code in _QUESTIONS else None

    def _hear(self, analysis: TurnAnalysis, phase: str, reflected: bool) -> _Turn:
        code = "aanmoediging" if is_silent(analysis.text) else analysis.code
        # The form of the question counts as a person hears it: "Wanneer …?" is open,
        # "Zullen we …?" is answered yes or no, whatever the move for the report is.
        shape = form(analysis.text)
        if code == "gesloten_vraag" and shape == "open":
            code = "open_vraag"
        elif code in ("overig", "informeren") and shape == "gesloten" and not analysis.taken_up:
            code = "gesloten_vraag"
        # A fact is asked with a word for it ("hoe kom je", "met wie"); without one,
        # a name or a word of a fact ("… richting Fleur?") asks for no fact.
        asks_fact = says(analysis.text, self.model.fact_questions)
        said_names = names_in(analysis.text)
        # "Wil je later zelf een bedrijf of bij een baas blijven?" asks a plan, not who the boss is.
        asked_kind = kind(self.model, analysis.text)
        plan = asked_kind in _PLAN_KINDS
        # A name or a word from a later phase ("Fleur") does not make the student
        # jump ahead: only layers up to the phase the turn or the arc is in count,
        # or the furthest phase the conversation reached in order.
        if reflected:
            self._furthest = max(self._furthest, _order(phase))
        reach = max(_order(analysis.fase), _order(phase), _order("verbreden_verdiepen"),
                    self._furthest)
        hits = dict.fromkeys(self._layer_order, 0)
        fact_hits = dict.fromkeys(self._facts, 0)
        found = self._keywords.found(analysis.text)
        wide = dict.fromkeys(self._layer_order, 0)  # layers of any phase: "open dagen" is no fact
        for word in found:
            for kind_, owner in self._owners[word]:
                if kind_ == "feit":
                    if asks_fact or (code == "gesloten_vraag" and word.lower() not in said_names
                                     and not plan):
                        fact_hits[owner] += 1
                    continue
                wide[owner] += 1
                if self._layer_order[owner] <= reach:
                    hits[owner] += 1
        if not asks_fact:  # a later phase's words win a tie ("open dagen van het hbo")
            later = max((n for l, n in wide.items() if not hits[l]), default=0)
            most = max(hits.values(), default=0)
            fact_hits = {f: n if n > later and n >= most else 0 for f, n in fact_hits.items()}
        on_theme = any(hits[l.id] for l in self.scenario.layers if l.theme == self._theme)
        # Bringing the question back to the student after the other adult spoke
        # ("Wat vind jij daar zelf van?") stays on the student's theme too.
        follow_up = code in FOLLOW_UPS or (code == "overig" and bool(self._revealed)) or (
            code == "open_vraag" and analysis.code != "gesloten_vraag"  # not "Wie …?" heard open
            and (bool(analysis.taken_up) or on_theme or self._third_spoke))
        theme = self._theme
        if not on_theme and any(hits.values()):
            theme = max(self.scenario.layers, key=lambda l: hits[l.id]).theme
        return _Turn(analysis, code, MappingProxyType(hits), MappingProxyType(fact_hits),
                     follow_up, theme, phase, reflected, asked_kind)

    def _choose(self, turn: _Turn, premature: bool, vague: bool) -> Reply:
        code, phase = turn.code, turn.phase
        if is_gibberish(self.model, turn.analysis.text, self._known):
            return self._reply(self._memory.pick_or_vary("onduidelijk", self.model.unclear), "onvoorzien")
        if is_farewell(self.model, turn.analysis.text):
            return self._reply(self._memory.pick_or_vary("afscheid", self.model.farewell), "afsluiting")
        if code == "informeren" and turn.analysis.taken_up and self._revealed:
            return self._say("samenvatting")  # the docent quoted the student's own words
        if code in PITFALLS:
            return self._say(code)
        if premature:
            return self._say("te_vroeg")
        if code == "gesloten_vraag":
            return self._closed(turn)
        if turn.fase == "afsluiting" or (code == "overig" and phase == "afsluiting"):
            late = self._furthest >= _order("vooruitkijken") or len(self._revealed) >= 4
            return self._say("afsluiting" if late else "nog_niet_klaar")
        if code == "overig" and self._turns == 1 and not self._revealed:
            return self._say("overig")  # a greeting or "ga zitten"
        if code in ("aanmoediging", "overig"):
            return self._silence(turn)  # a remark without a question leaves room, like silence
        if vague:
            return self._say("vaag")
        if code in INVITING:
            return self._invited(turn)
        return self._say("onvoorzien")

    # ------------------------------------------------------------ answers

    def _invited(self, turn: _Turn) -> Reply:
        """An open question, follow-up or summary: tell the layer it reaches, if safe enough."""
        fact = self._fact_asked(turn)
        if fact is not None and turn.fact_hits[fact.id] >= self._untold_hits(turn):
            return self._fact(fact)  # an open question for a fact ("Hoe kom je hier?", "Wie …?")
        if not self._revealed and turn.code != "samenvatting" and (
                turn.phase in ("opening", "terugkijken") or turn.fase in ("opening", "terugkijken")):
            return self._small_story(turn)
        if (turn.code == "open_vraag" and not turn.analysis.taken_up and not any(turn.hits.values())
                and any(lemma(w.lower) not in self.model.general_words
                        for w in content_words(turn.analysis.text))):
            return self._say("onvoorzien")  # about something this student has nothing on
        ranked = self._ranked(turn)
        if ranked:
            best_score = ranked[0][0]
            for score, layer in ranked:
                if score < best_score:
                    break
                if self._need(layer) <= self._openness:
                    return self._tell(layer, confirm=turn.code == "samenvatting")
            return self._say("terughoudend")
        touched = [l for l in self.scenario.layers if turn.hits[l.id]]
        untold = [l for l in touched if l.id not in self._revealed]
        if not turn.reflected and any(l.fase in FUTURE for l in untold):
            return self._say("te_vroeg")
        if untold and turn.code != "samenvatting":
            return self._hint(max(untold, key=lambda l: turn.hits[l.id]))
        fact = self._fact_asked(turn)
        if fact is not None and not touched:
            return self._fact(fact)
        if turn.code == "samenvatting":
            if touched:
                self._theme = max(touched, key=lambda l: turn.hits[l.id]).theme
            return self._say("samenvatting")
        held = self._holding_back(turn.theme) if turn.follow_up else None
        if held is not None:  # there is more on this theme, not yet earned: a first sentence slips
            return self._hint(held)  # out when open enough, else the student holds back
        if turn.follow_up and not touched and self._openness >= self.model.silence_from:
            nearby = self._next_story(turn)  # the theme is told: an open student goes on
            if nearby is not None:
                return self._tell(nearby)
        told = touched or ([l for l in self._told_layers() if l.theme == self._theme]
                           if turn.follow_up else [])
        if told:
            return self._again(max(told, key=lambda l: (
                turn.hits[l.id], l.theme == self._theme, -l.depth)))
        if turn.fase in FUTURE:
            return self._say("te_vroeg")  # asked ahead of what the student has worked out
        return self._say("onvoorzien")

    def _available(self, layer: Layer, reflected: bool) -> bool:
        """Not told yet, its ``na:`` told, and no future before reflection."""
        return (layer.id not in self._revealed
                and (layer.after is None or layer.after in self._revealed)
                and (reflected or layer.fase not in FUTURE))

    def _untold_hits(self, turn: _Turn) -> int:
        """The most words the turn shares with a layer not told yet (what it may be after)."""
        return max((turn.hits[l.id] for l in self.scenario.layers if l.id not in self._revealed),
                   default=0)

    # ------------------------------------------------------------- openness

    def _move_openness(self, code: str, premature: bool, vague: bool, *, concrete: bool) -> None:
        delta = self.model.change.get(code, 0.0)
        if premature:
            delta += self.model.premature
        # A question about the future too soon is not made better by naming it concretely.
        if self.scenario.concrete and code in INVITING and not premature:
            delta += self.model.vague_penalty if vague else self.model.concrete_bonus if concrete else 0.0
        self._openness = _clamp(self._openness + delta)

    def _need(self, layer: Layer) -> float:
        if layer.min_openness is not None:
            return layer.min_openness
        return self.model.need_by_depth.get(layer.depth, 0.0)

    def _told_layers(self) -> list[Layer]:
        return [self.scenario.layer(i) for i in self._revealed]

    def _snapshot(self) -> _State:
        return _State(self._openness, self._revealed, self._theme, tuple(self._chains.items()),
                      self._furthest, self._turns, self._third_spoke, self._names,
                      self._memory.snapshot(),
                      self._rng.getstate())


def _clamp(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 4)


def _order(fase: str | None) -> int:
    """Where a phase lies in the arc (-1 for none)."""
    return FASEN.index(fase) if fase in FASEN else -1
