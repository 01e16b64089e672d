"""A simulated student: answers a docent's turn the way the scenario's student would.

A scenario student is a person, not a quiz (see gespreksmodel.md): they open
up with open questions, follow-ups, summaries and silence, close down with
advice, information, judgement, leading and stacked questions, and tell their
deeper layers only when the docent keeps following up on one theme. The
student knows the scenario and the analysis of the docent's turn, nothing of
the UI. Given the same scenario, seed and turns, the conversation is the same.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Final, Mapping

from gesprekscoach.analysis.analyser import TurnAnalysis
from gesprekscoach.conversation.arc import FUTURE
from gesprekscoach.codebook import CODES, FASEN
from gesprekscoach.analysis.keywords import index as keyword_index
from gesprekscoach.conversation.scenario import REACTION_KEYS, Layer, Scenario
from gesprekscoach.analysis.words import mentions, tokens
from gesprekscoach.trainerfile import (
    Block, ListOf, Number, Table, Text, load, packaged, parse)

#: Moves that keep the student on their theme: they are what makes layers deeper.
FOLLOW_UPS: Final[frozenset[str]] = frozenset({"doorvraag", "samenvatting", "aanmoediging"})
#: Moves that invite the student to tell something.
INVITING: Final[frozenset[str]] = frozenset({"open_vraag", "doorvraag", "samenvatting"})
#: Pitfalls that get the scenario's (or the default) reaction, whatever else the turn holds.
PITFALLS: Final[tuple[str, ...]] = (
    "advies", "informeren", "suggestieve_vraag", "oordeel", "meervoudige_vraag",
)
#: Why the student answered as they did (``Reply.reaction``): a layer came out,
#: a short answer to a closed question, a repeat in other words, the first
#: sentence of a deeper layer asked for too soon, or one of the scenario's
#: reaction keys.
REACTIONS: Final[tuple[str, ...]] = ("laag", "gesloten", "herhaling", "hint") + tuple(
    key for key in REACTION_KEYS if key != "gesloten_vraag"
)

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_HESITATIONS: Final[tuple[str, ...]] = ("Eh… ", "Nou… ", "Hm, ")


@dataclass(frozen=True)
class Reply:
    """What the student says back, and why, for the chat and the report."""

    text: str
    #: Openness (0..1) after this turn.
    openness: float
    #: Id of the scenario layer that came out this turn, if any.
    layer: str | None
    fase: str | None
    #: That layer's depth, 0 if none came out.
    depth: int
    competentie: str | None
    #: Short machine name of why, one of :data:`REACTIONS`.
    reaction: str


@dataclass(frozen=True)
class StudentModel:
    """How any student reacts, from ``data/student.yaml`` so trainers can tune it."""

    change: Mapping[str, float]
    premature: float
    concrete_bonus: float
    vague_penalty: float
    need_by_depth: Mapping[int, float]
    silence_from: float
    follow_ups_needed: Mapping[int, int]
    short_below: float
    short_start: tuple[str, ...]
    short_max_words: int
    vague_words: tuple[str, ...]
    reactions: Mapping[str, tuple[str, ...]]

    @classmethod
    def from_yaml(cls, text: str, name: str = "student.yaml") -> "StudentModel":
        """The model in ``text``; a UserError at the line of a value that is missing or wrong."""
        return cls.from_data(parse(text, name, STUDENT).data)

    @classmethod
    def from_data(cls, data: dict) -> "StudentModel":
        """The model from the value of a file that passed :data:`STUDENT`."""
        openness = data["openheid"]
        reactions = data["reacties"]
        return cls(
            change=MappingProxyType({k: float(v) for k, v in openness["verandering"].items()}),
            premature=float(openness["te_vroeg"]),
            concrete_bonus=float(openness["concreet"]),
            vague_penalty=float(openness["vaag"]),
            need_by_depth=MappingProxyType(
                {int(k): float(v) for k, v in openness["nodig_per_diepte"].items()}),
            silence_from=float(openness["stilte_vanaf"]),
            follow_ups_needed=MappingProxyType(
                {int(k): int(v) for k, v in data["doorvragen_nodig"].items()}),
            short_below=float(data["kort_onder"]),
            short_start=tuple(str(t) for t in data["kort_begin"]),
            short_max_words=int(data["kort_max_woorden"]),
            vague_words=tuple(str(w) for w in data["vage_woorden"]),
            reactions=MappingProxyType(
                {key: tuple(str(t) for t in reactions[key]) for key in REACTION_KEYS}),
        )


#: A change of openness (0..1) per turn, and an openness itself.
_CHANGE, _OPENNESS = Number(-1, 1), Number(0, 1)
#: What ``data/student.yaml`` holds; every key is needed, no list may be empty.
STUDENT: Final = Block({
    "openheid": Block({
        "verandering": Table(_CHANGE, keys=CODES),
        "te_vroeg": _CHANGE,
        "concreet": _CHANGE,
        "vaag": _CHANGE,
        "nodig_per_diepte": Table(_OPENNESS, whole_keys=True),
        "stilte_vanaf": _OPENNESS,
    }),
    "doorvragen_nodig": Table(Number(low=0, whole=True), whole_keys=True),
    "kort_onder": _OPENNESS,
    "kort_begin": ListOf(Text(), at_least=1),
    "kort_max_woorden": Number(low=0, whole=True),
    "vage_woorden": ListOf(Text()),
    "reacties": Block({key: ListOf(Text(), at_least=1) for key in REACTION_KEYS}),
})


@cache
def default_model() -> StudentModel:
    """The package's student model, read once."""
    return StudentModel.from_data(load(packaged("student.yaml"), STUDENT).data)


@dataclass(frozen=True)
class _State:
    """Everything a reply changes, so undo can put it back."""

    openness: float
    revealed: tuple[str, ...]
    theme: str | None
    streak: int
    last: str
    furthest: int
    used: Mapping[str, frozenset[str]] = field(hash=False)
    rng: object = field(hash=False)


@dataclass(frozen=True)
class _Turn:
    """One docent turn as the student hears it."""

    analysis: TurnAnalysis
    #: The move, with an empty turn or "…" read as silence.
    code: str
    #: Per layer id, how many of its words the turn uses.
    hits: Mapping[str, int]
    #: Whether the turn stays on the student's theme: a follow-up, a summary,
    #: silence, or an open question that takes up the student's words.
    follow_up: bool
    phase: str
    reflected: bool

    @property
    def fase(self) -> str | None:
        return self.analysis.fase


class Student:
    """One simulated student in one conversation."""

    def __init__(self, scenario: Scenario, seed: int = 0, model: StudentModel | None = None) -> None:
        self.scenario = scenario
        self.model = model or default_model()
        # One look-up per turn for all layers' words, not one per layer (500 layers: 18 → 1 ms).
        self._keywords = keyword_index(tuple(w for layer in scenario.layers for w in layer.words))
        self._layers_by_word: dict[str, list[str]] = {}
        for layer in scenario.layers:
            for word in layer.words:
                self._layers_by_word.setdefault(word, []).append(layer.id)
        self._layer_order = {layer.id: _order(layer.fase) for layer in scenario.layers}
        self._rng = random.Random(seed)
        self._openness = scenario.openness
        self._revealed: tuple[str, ...] = ()
        self._theme: str | None = None
        self._streak = 0
        self._last = ""
        #: The furthest phase (its place in the arc) reached after reflection.
        self._furthest = -1
        self._used: dict[str, frozenset[str]] = {}
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
        turn = self._hear(analysis, phase, reflected)
        code = turn.code
        premature = (not reflected and code in ("open_vraag", "doorvraag", "gesloten_vraag")
                     and turn.fase in FUTURE)
        vague = (self.scenario.concrete and code in ("open_vraag", "doorvraag")
                 and not any(turn.hits.values())
                 and bool(mentions(analysis.text, self.model.vague_words)))
        self._move_openness(code, premature, vague, concrete=any(turn.hits.values()))
        self._streak = self._streak + 1 if turn.follow_up else 0

        if code in PITFALLS:
            reply = self._say(code)
        elif premature:
            reply = self._say("te_vroeg")
        elif code == "gesloten_vraag":
            reply = self._closed(turn)
        elif turn.fase == "afsluiting" or (code == "overig" and phase == "afsluiting"):
            reply = self._say("afsluiting")
        elif code == "overig" and not self._revealed:
            reply = self._say("overig")  # a greeting or "ga zitten" before anything was told
        elif code in ("aanmoediging", "overig"):
            reply = self._silence(turn)  # a remark without a question leaves room, like silence
        elif vague:
            reply = self._say("vaag")
        elif code in INVITING:
            reply = self._invited(turn)
        else:
            reply = self._say("onvoorzien")
        self._last = reply.text
        return reply

    def undo(self) -> None:
        """Forget the last reply: the state is as before it (nothing happens when there is none)."""
        if not self._undo:
            return
        state = self._undo.pop()
        self._openness = state.openness
        self._revealed = state.revealed
        self._theme = state.theme
        self._streak = state.streak
        self._last = state.last
        self._furthest = state.furthest
        self._used = dict(state.used)
        self._rng.setstate(state.rng)

    # ------------------------------------------------------------ behaviour

    def _hear(self, analysis: TurnAnalysis, phase: str, reflected: bool) -> _Turn:
        code = "aanmoediging" if _is_silence(analysis.text) else analysis.code
        # A name or a word from a later phase ("Fleur") does not make the student
        # jump ahead: only layers up to the phase the turn or the arc is in count,
        # or the furthest phase the conversation reached in order, so a question
        # about the meaning of a wish ("Wat maakt dat je dat wilt?") still
        # reaches the wish after the arc went back to verbreden en verdiepen.
        if reflected:
            self._furthest = max(self._furthest, _order(phase))
        reach = max(_order(analysis.fase), _order(phase), _order("verbreden_verdiepen"),
                    self._furthest)
        hits = dict.fromkeys(self._layer_order, 0)
        for word in self._keywords.found(analysis.text):
            for layer_id in self._layers_by_word[word]:
                if self._layer_order[layer_id] <= reach:
                    hits[layer_id] += 1
        on_theme = any(hits[l.id] for l in self.scenario.layers if l.theme == self._theme)
        follow_up = code in FOLLOW_UPS or (code == "overig" and bool(self._revealed)) or (
            code == "open_vraag" and (bool(analysis.taken_up) or on_theme))
        return _Turn(analysis, code, MappingProxyType(hits), follow_up, phase, reflected)

    def _invited(self, turn: _Turn) -> Reply:
        """An open question, follow-up or summary: tell the layer it reaches, if safe enough."""
        if not self._revealed and turn.code != "samenvatting" and (
                turn.phase in ("opening", "terugkijken") or turn.fase in ("opening", "terugkijken")):
            return self._small_story(turn)
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
        if untold:
            return self._hint(max(untold, key=lambda l: turn.hits[l.id]))
        told = touched or ([l for l in self._told_layers() if l.theme == self._theme]
                           if turn.follow_up else [])
        if told:
            return self._again(max(told, key=lambda l: (turn.hits[l.id], l.depth)),
                               summary=turn.code == "samenvatting")
        if turn.code == "samenvatting":
            return self._say("samenvatting")
        return self._say("onvoorzien")

    def _ranked(self, turn: _Turn) -> list[tuple[float, Layer]]:
        """Layers this turn can bring out, best first (stable: file order breaks ties)."""
        ranked = []
        for layer in self.scenario.layers:
            if not self._available(layer, turn.reflected):
                continue
            hit = turn.hits[layer.id]
            on_theme = turn.follow_up and layer.theme == self._theme
            deep_ok = turn.follow_up and (hit or on_theme) and self._deep_enough(layer)
            if layer.depth > 1 and not deep_ok:
                continue
            in_phase = turn.fase == layer.fase
            if not (hit or on_theme or in_phase):
                continue
            # The docent's words weigh most, staying on the theme next, then the phase.
            score = (10 + hit if hit else 0) + (6 if on_theme else 0) + (3 if in_phase else 0)
            if turn.analysis.competentie and turn.analysis.competentie == layer.competentie:
                score += 2
            ranked.append((score - layer.depth / 10, layer))
        ranked.sort(key=lambda pair: -pair[0])
        return ranked

    def _available(self, layer: Layer, reflected: bool) -> bool:
        """Not told yet, its ``na:`` told, and no future before reflection."""
        return (layer.id not in self._revealed
                and (layer.after is None or layer.after in self._revealed)
                and (reflected or layer.fase not in FUTURE))

    def _deep_enough(self, layer: Layer) -> bool:
        """Enough follow-ups in a row (this turn included) for a layer this deep."""
        return self._streak >= self.model.follow_ups_needed.get(layer.depth, 0)

    def _small_story(self, turn: _Turn) -> Reply:
        """The first open question brings out a concrete experience: the small story."""
        stories = [l for l in self.scenario.layers
                   if l.fase == "terugkijken" and l.depth == 1 and self._available(l, False)]
        if not stories:  # a hand-made scenario without one; a checked file always has one
            return self._say("onvoorzien")
        story = max(stories, key=lambda l: turn.hits[l.id])  # max keeps the first on a tie
        if self._need(story) > self._openness:
            return self._say("terughoudend")
        return self._tell(story)

    def _silence(self, turn: _Turn) -> Reply:
        """Silence: an open student goes on by themselves, a closed one says little."""
        if self._openness < self.model.silence_from:
            return self._say("stilte")
        if not self._revealed:
            return self._small_story(turn)
        going_on = sorted(
            (l for l in self.scenario.layers
             if l.theme == self._theme and self._available(l, turn.reflected) and self._deep_enough(l)),
            key=lambda l: l.depth)
        if not going_on:  # the theme is told: something else from this phase comes up
            going_on = [l for l in self.scenario.layers if l.depth == 1 and l.fase == turn.phase
                        and self._available(l, turn.reflected)]
        if going_on and self._need(going_on[0]) <= self._openness:
            return self._tell(going_on[0])
        return self._say("stilte" if going_on else "uitgepraat")

    def _closed(self, turn: _Turn) -> Reply:
        """A closed question gets a short answer, from the layer it is about when there is one."""
        about = [l for l in self.scenario.layers if turn.hits[l.id] and (
            l.id in self._revealed or (l.depth == 1 and self._available(l, turn.reflected)))]
        if about:
            layer = max(about, key=lambda l: turn.hits[l.id])
            sentence = _first_sentence(self._rng.choice(layer.texts))
            if len(tokens(sentence)) <= self.model.short_max_words:
                start = self._pick("kort", self.model.short_start) or self.model.short_start[0]
                return self._reply(self._fresh(f"{start} {sentence}"), "gesloten")
        return self._say("gesloten_vraag", reaction="gesloten")

    def _hint(self, layer: Layer) -> Reply:
        """Asked about something deeper without following up to it.

        An open student lets a first sentence slip, so a follow-up can get the
        rest; a closed one holds back.
        """
        if self._openness < self.model.silence_from or self._need(layer) > self._openness:
            return self._say("terughoudend")
        self._theme = layer.theme
        return self._reply(self._fresh(_first_sentence(layer.texts[0])), "hint")

    def _tell(self, layer: Layer, *, confirm: bool = False) -> Reply:
        """A layer comes out: one of its variants, shorter when the student is closed."""
        text = self._pick(f"laag:{layer.id}", layer.texts) or self._rng.choice(layer.texts)
        if self._openness < self.model.short_below:
            text = _first_sentence(text)
        if confirm:
            text = f"{self._pick('samenvatting', self._options('samenvatting'))} {text}"
        self._revealed += (layer.id,)
        self._theme = layer.theme
        return Reply(self._fresh(text), self._openness, layer.id, layer.fase, layer.depth,
                     layer.competentie, "laag")

    def _again(self, layer: Layer, *, summary: bool = False) -> Reply:
        """Asked about something already told: say it in other words once, then that's it.

        A summary of it is confirmed ("Ja, klopt."), not told all over again.
        """
        if summary:
            self._theme = layer.theme
            return self._say("samenvatting")
        said = self._used.get(f"laag:{layer.id}", frozenset())
        text = self._pick(f"laag:{layer.id}", tuple(t for t in layer.texts if t not in said))
        if text:
            self._theme = layer.theme
            return self._reply(self._fresh(text), "herhaling")
        return self._say("uitgepraat")

    # ---------------------------------------------------------------- words

    def _say(self, key: str, *, reaction: str | None = None) -> Reply:
        """One of the replies for a situation, never the one just said."""
        text = self._pick(key, self._options(key)) or self._pick(key, self.model.reactions[key])
        return self._reply(self._fresh(text or self._options(key)[0]), reaction or key)

    def _options(self, key: str) -> tuple[str, ...]:
        return self.scenario.reactions.get(key) or self.model.reactions[key]

    def _pick(self, key: str, options: tuple[str, ...]) -> str | None:
        """A variant not used since the last round and not just said (None if there is none)."""
        used = self._used.get(key, frozenset())
        fresh = [o for o in options if o not in used and o != self._last]
        if not fresh:
            used = frozenset()
            fresh = [o for o in options if o != self._last]
        if not fresh:
            return None
        choice = self._rng.choice(fresh)
        self._used[key] = used | {choice}
        return choice

    def _fresh(self, text: str) -> str:
        """``text``, with a hesitation in front if it is exactly what was just said."""
        if text != self._last:
            return text
        return self._rng.choice(_HESITATIONS) + text[:1].lower() + text[1:]

    def _reply(self, text: str, reaction: str) -> Reply:
        return Reply(text, self._openness, None, None, 0, None, reaction)

    # ------------------------------------------------------------- openness

    def _move_openness(self, code: str, premature: bool, vague: bool, *, concrete: bool) -> None:
        delta = self.model.change.get(code, 0.0)
        if premature:
            delta += self.model.premature
        # A question about the future too soon is not made better by naming it concretely.
        if self.scenario.concrete and code in INVITING and not premature:
            delta += self.model.vague_penalty if vague else self.model.concrete_bonus if concrete else 0.0
        self._openness = round(min(1.0, max(0.0, self._openness + delta)), 4)

    def _need(self, layer: Layer) -> float:
        if layer.min_openness is not None:
            return layer.min_openness
        return self.model.need_by_depth.get(layer.depth, 0.0)

    def _told_layers(self) -> list[Layer]:
        return [self.scenario.layer(i) for i in self._revealed]

    def _snapshot(self) -> _State:
        return _State(self._openness, self._revealed, self._theme, self._streak, self._last,
                      self._furthest, MappingProxyType(dict(self._used)), self._rng.getstate())


def _order(fase: str | None) -> int:
    """Where a phase lies in the arc (-1 for none)."""
    return FASEN.index(fase) if fase in FASEN else -1


def _is_silence(text: str) -> bool:
    """An empty turn, or only dots: the docent deliberately says nothing."""
    return not text.strip(" .…\t\n")


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
