"""What the student says once they know what to answer: a fact, a short answer,
a hint, a layer, the same thing in other words, or a reply for the situation.

Every sentence goes through the student's :class:`~student_memory.Memory`, so
nothing is said twice; mixed into :class:`~student.Student`, which decides
*which* of these fits the docent's turn.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from gesprekscoach.analysis.analyser import TurnAnalysis
from gesprekscoach.analysis.words import is_content, tokens
from gesprekscoach.conversation.scenario import Fact, Layer
from gesprekscoach.conversation.student_memory import first_sentence
from gesprekscoach.conversation.student_model import Reply

_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


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

    @property
    def fase(self) -> str | None:
        return self.analysis.fase


class _Saying:
    """The student's ways of saying things; needs the state :class:`Student` keeps."""

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
        if text is None:
            text = next((r for r in (self._refer_back(t) for t in fact.texts)
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
        text = self._memory.pick(f"laag:{layer.id}", layer.texts) or self._rng.choice(layer.texts)
        text = self._memory.new_part(text) or next(
            (self._memory.new_part(t) for t in layer.texts if self._memory.new_part(t)), "")
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
        """Asked about something already told: say it in other words once, then refer back
        (only to what was said a while ago: just after, there is nothing more to say)."""
        self._theme = layer.theme
        text = self._memory.pick(f"laag:{layer.id}", layer.texts)
        if text and self._memory.new_part(text):
            return self._reply(self._memory.new_part(text), "herhaling")
        referred = self._refer_back(layer.texts[0])
        recent = self._revealed[-2:]
        if layer.id not in recent and self._memory.is_new(referred):
            return self._reply(referred, "herhaling")
        return self._say("uitgepraat")

    # ---------------------------------------------------------------- words

    def _say(self, key: str, *, reaction: str | None = None) -> Reply:
        """One of the replies for a situation, never a sentence said before."""
        text = (self._memory.pick(key, self._options(key))
                or self._memory.pick(f"{key}:basis", self.model.reactions[key])
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
