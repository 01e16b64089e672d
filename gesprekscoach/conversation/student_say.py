"""What the student says once they know what to answer: a fact, a short answer,
a hint, a layer, the same thing in other words, or a reply for the situation.

Every sentence goes through the student's :class:`~student_memory.Memory`, so
nothing is said twice; mixed into :class:`~student.Student`, which decides
*which* of these fits the docent's turn.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass

from gesprekscoach.analysis.analyser import TurnAnalysis
from gesprekscoach.analysis.words import is_content, tokens
from gesprekscoach.conversation.scenario import Fact, Layer, Scenario
from gesprekscoach.conversation.student_memory import Memory, first_sentence
from gesprekscoach.conversation.student_model import Reply, StudentModel
from gesprekscoach.conversation.third_party import Voice, about_student

_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
#: A name inside a sentence: a capital after the first word ("… bij Ruud meekijken").
_NAME = re.compile(r"(?<=[\w,] )([A-Z][a-zà-ÿ]+)")
_CAPITAL = re.compile(r"\b[A-Z][a-zà-ÿ]+")
_ADDRESSED = re.compile(r"([A-Z][a-zà-ÿ]+),")
#: A name with who they are: "Marloes, mijn werkbegeleider", "mijn begeleider Wim".
_INTRODUCED = re.compile(r"([A-Z][a-zà-ÿ]+),? (?:mijn|m'n|onze|de|die|van de|van mijn) "
                         r"|(?:[Mm]ijn|[Mm]'n|[Oo]nze|[Dd]e) [a-zà-ÿ]+ ([A-Z][a-zà-ÿ]+)")
#: Replies the student says from the kind of question when that kind is asked.
KIND_FOR = frozenset({"terughoudend", "uitgepraat", "onvoorzien", "gesloten_vraag"})


def names_in(text: str) -> frozenset[str]:
    """The names ``text`` uses inside its sentences (capitalised, not first), lower case."""
    return frozenset(n.lower() for part in _SENTENCE.split(text.strip()) for n in _NAME.findall(part))


def spoken_to(text: str) -> frozenset[str]:
    """The names ``text`` speaks to: a sentence that opens with "Henk, …", lower case."""
    return frozenset(m.group(1).lower() for part in _SENTENCE.split(text.strip())
                     if (m := _ADDRESSED.match(part)))


def capitalised(text: str) -> frozenset[str]:
    """Every capitalised word of ``text``, lower case: a name said anywhere counts as met."""
    return frozenset(w.lower() for w in _CAPITAL.findall(text))


def unintroduced(text: str) -> frozenset[str]:
    """The names in ``text`` that it does not introduce ("Marloes, mijn werkbegeleider")."""
    return names_in(text) - {n.lower() for pair in _INTRODUCED.findall(text) for n in pair if n}


@dataclass(frozen=True)
class _Turn:
    """One docent turn as the student hears it."""

    analysis: TurnAnalysis
    #: The move, with an empty turn or "…" read as silence.
    code: str
    #: Per layer id, how many of its words the turn uses.
    hits: Mapping[str, int]
    #: Per fact id, how many of its words the turn uses.
    fact_hits: Mapping[str, int]
    #: Whether the turn stays on the student's theme: a follow-up, a summary,
    #: silence, or an open question that takes up the student's words.
    follow_up: bool
    #: The theme this turn is about (its words, or the theme it follows up).
    theme: str | None
    phase: str
    reflected: bool
    #: What the question asks for (``vraagsoorten``: gevoel, reden, wanneer), or None.
    kind: str | None = None

    @property
    def fase(self) -> str | None:
        return self.analysis.fase


class _Saying:
    """The student's ways of saying things; needs the state :class:`Student` keeps."""

    scenario: Scenario
    model: StudentModel
    _memory: Memory
    _rng: random.Random
    _openness: float
    _revealed: tuple[str, ...]
    _theme: str | None
    #: Names said so far by anyone (lower case): a layer names only those.
    _names: frozenset[str]
    #: The kind of the question this turn (see :class:`_Turn`).
    _kind: str | None
    _voice: Voice | None
    _third_spoke: bool

    def _available(self, layer: Layer, reflected: bool) -> bool:
        raise NotImplementedError

    def _untold_hits(self, turn: _Turn) -> int:
        raise NotImplementedError

    def _answers(self, layer: Layer) -> bool:
        raise NotImplementedError

    def _in_kind(self) -> Reply:
        raise NotImplementedError

    def _need(self, layer: Layer) -> float:
        raise NotImplementedError

    def _deep_enough(self, layer: Layer) -> bool:
        raise NotImplementedError

    def _small_story(self, turn: _Turn) -> Reply:
        """The first open question brings out a concrete experience: the small story."""
        stories = [l for l in self.scenario.layers
                   if l.fase == "terugkijken" and l.depth == 1 and self._available(l, False)]
        if self._kind not in ("gebeurtenis", "voorbeeld"):  # the first story is what happened
            if stories and not any(self._answers(l) for l in stories):
                return self._in_kind()  # asked for a kind of answer no story gives
            stories = [l for l in stories if self._answers(l)]
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

    def _next_story(self, turn: _Turn) -> Layer | None:
        """When the theme is told, the first untold small story of this phase (or the turn's)."""
        return next((l for l in self.scenario.layers if l.depth == 1 and l.fase in (turn.phase, turn.fase)
                     and self._available(l, turn.reflected) and self._answers(l)
                     and self._need(l) <= self._openness), None)

    def _third_names(self) -> frozenset[str]:
        third = self.scenario.third_party
        return frozenset(w.lower() for w in third.name.split()) if third is not None else frozenset()

    def _to_third_party(self, turn: _Turn) -> Reply:
        """The docent speaks to the other adult: they answer, the student keeps quiet."""
        if about_student(turn.analysis.text, self.scenario.student.name, self.scenario.third_party):
            self._openness = min(1.0, max(0.0, round(self._openness + self.model.about_student, 4)))
        self._third_spoke = True
        assert self._voice is not None  # only asked when the scenario has a third party
        said = self._voice.answer(turn.analysis.text)
        return Reply("", self._openness, None, None, 0, None, "derde", said)

    def _closed(self, turn: _Turn) -> Reply:
        """A closed question: a fact when it asks one, else a short answer about its layer."""
        fact = self._fact_asked(turn)
        if fact is not None and turn.fact_hits[fact.id] >= self._untold_hits(turn):
            return self._fact(fact)
        about = [l for l in self.scenario.layers if turn.hits[l.id] and (
            l.id in self._revealed or (l.depth == 1 and self._available(l, turn.reflected)))]
        if about:
            layer = max(about, key=lambda l: turn.hits[l.id])
            start = self._memory.pick_or_vary("kort", self.model.short_start)
            if layer.id in self._revealed:
                return self._reply(start, "gesloten")  # said already: just a yes
            sentence = self._memory.new_part(first_sentence(self._rng.choice(layer.texts)))
            if sentence and len(tokens(sentence)) <= self.model.short_max_words:
                return self._reply(f"{start} {sentence}", "gesloten")
        return self._say("gesloten_vraag", reaction="gesloten")

    def _fact_asked(self, turn: _Turn) -> Fact | None:
        best = max(turn.fact_hits.values(), default=0)
        if not best:
            return None
        return next(f for f in self.scenario.facts if turn.fact_hits[f.id] == best)

    def _fact(self, fact: Fact) -> Reply:
        """A fact, always the same one; said in other words, or referred back to, the next time."""
        text = self._memory.pick(f"feit:{fact.id}", fact.texts)
        if text is None:  # refer back only to what was said
            text = next((r for r in (self._refer_back(t) for t in fact.texts
                                     if self._memory.said_by_student(first_sentence(t)))
                         if self._memory.is_new(r)), None)
        if text is None:  # asked once too often: a short word, still no other answer
            text = self._memory.pick_or_vary(f"feit:{fact.id}", (), self.model.worn_out)
        return self._reply(text, "feit")

    def _hint(self, layer: Layer) -> Reply:
        """Asked about something deeper without following up to it.

        An open student lets a first sentence slip, so a follow-up can get the
        rest; a closed one holds back.
        """
        if (layer.depth >= 3 or self._openness < self.model.silence_from
                or self._need(layer) > self._openness):
            return self._say("terughoudend")  # the deepest layer never slips out
        sentence = self._memory.new_part(first_sentence(layer.texts[0]))
        if not sentence:
            return self._say("terughoudend")
        self._theme = layer.theme
        return self._reply(sentence, "hint")

    def _tell(self, layer: Layer, *, confirm: bool = False) -> Reply:
        """A layer comes out: one of its variants, shorter when the student is closed."""
        texts = self._introduced(self._shaped(layer.texts))  # what was asked, then who is known
        text = self._memory.pick(f"laag:{layer.id}", texts) or self._rng.choice(texts)
        text = self._memory.new_part(text) or next(
            (self._memory.new_part(t) for t in texts if self._memory.new_part(t)), "")
        if self._openness < self.model.short_below:
            text = first_sentence(text)
        if not text:  # all of it slipped out already: just confirm
            text, confirm = "", True
        if confirm:
            text = f"{self._memory.pick_or_vary('samenvatting', self._options('samenvatting'))} {text}".strip()
        self._revealed += (layer.id,)
        self._theme = layer.theme
        return Reply(self._memory.remember(text), self._openness, layer.id, layer.fase,
                     layer.depth, layer.competentie, "laag")

    def _again(self, layer: Layer) -> Reply:
        """Asked about something already told: refer back to it, never tell it again
        (only to what was said a while ago: just after, there is nothing more to say)."""
        self._theme = layer.theme
        if self._kind in ("gevoel", "reden"):
            return self._say("uitgepraat")  # how it felt is not the story once more
        said = self._said_sentence(layer)  # only what the student really said
        referred = self._refer_back(said) if said else ""
        recent = self._revealed[-2:]
        if referred and layer.id not in recent and self._memory.is_new(referred):
            return self._reply(referred, "herhaling")
        return self._say("uitgepraat")

    def _said_sentence(self, layer: Layer) -> str | None:
        raise NotImplementedError

    # ---------------------------------------------------------------- words

    def _shaped(self, texts: tuple[str, ...]) -> tuple[str, ...]:
        """The variants as this moment lets them be said (all of them here)."""
        return texts

    def _introduced(self, texts: tuple[str, ...]) -> tuple[str, ...]:
        """The variants that name nobody the conversation has not met yet (all when none)."""
        known = self._names | {w.lower() for w in self.scenario.student.name.split()}
        return tuple(t for t in texts if unintroduced(t) <= known) or texts

    def _say(self, key: str, *, reaction: str | None = None) -> Reply:
        """One of the replies for a situation, never a sentence said before."""
        # A student with lines of their own keeps to them (and then says little),
        # rather than borrowing the lines every student has.
        basis = () if self.scenario.reactions.get(key) else self.model.reactions[key]
        text = (self._memory.pick(key, self._options(key))
                or self._memory.pick(f"{key}:basis", basis)
                or self._memory.pick_or_vary(key, self._options(key), self.model.worn_out))
        return self._reply(text, reaction or key)

    def _options(self, key: str) -> tuple[str, ...]:
        own = self.scenario.reactions.get(key)
        if own:
            return own
        character = self.model.characters.get(self.scenario.character, {})
        return character.get(key) or self.model.reactions[key]

    def _refer_back(self, text: str) -> str:
        """"Zoals ik al zei: …" with the first sentence of what was said."""
        sentence = _SENTENCE.split(text.strip(), maxsplit=1)[0]
        lead = self._memory.pick("terug", self.model.refer_back) or self.model.refer_back[0]
        first = sentence.split(" ", 1)[0]
        if not is_content(first.strip(",.?!").lower()):  # "Ik …", not a name like "Marloes"
            sentence = sentence[:1].lower() + sentence[1:]
        return f"{lead} {sentence}"

    def _reply(self, text: str, reaction: str) -> Reply:
        return Reply(self._memory.remember(text), self._openness, None, None, 0, None, reaction)
