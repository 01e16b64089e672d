"""Answering the kind of question that was asked, and only claiming what was said.

A person hears *what kind* of answer a question wants: "Wanneer?" a moment,
"Wie?" a person, "X of Y?" one of the two, "Vertel over een keer dat …" an
episode, "Waar zie je jezelf over een jaar?" a wish. A layer answers such a
question only if it has the kind's marks (``kenmerken`` in ``student.yaml``);
when none does, the student answers in kind from their own scenario (a name
that was met, a day from their story, one of the options) or says they do not
know yet, in their own words (the scenario's ``te_vroeg``). They say "Dat zei
ik al" only about what they really said, and in a trialoog they do not say
"dat durf ik niet tegen Henk te zeggen" with Henk in the room.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

from gesprekscoach.analysis.words import content_words, lemma
from gesprekscoach.conversation.scenario import Layer
from gesprekscoach.conversation.student_kinds import says
from gesprekscoach.conversation.student_memory import sentences
from gesprekscoach.conversation.student_model import Reply
from gesprekscoach.conversation.student_say import KIND_FOR, _Saying, _Turn, names_in

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_SLOT = re.compile(r"\{(\w+)\}")
#: Words around the options of a choice that are no option ("wat trekt je meer: …").
_NOT_OPTION = frozenset({"wat", "welke", "welk", "je", "jij", "liever", "voor", "kies", "meer",
                         "trekt", "vind", "fijner", "leuker", "past", "beter", "bij", "jou",
                         "heb", "zou", "kiezen", "de", "het", "een", "of", "dan", "eigenlijk"})
#: Time words that name no moment by themselves.
_NO_MOMENT = frozenset({"dag", "uur", "nu", "week", "maand", "volgende", "periode", "direct",
                        "meteen", "middag", "ochtend", "avond"})
_MONTHS = frozenset({"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                     "september", "oktober", "november", "december", "de meivakantie"})
_PERSON = re.compile(r"\b(?:[Mm]ijn|[Mm]'n) ([a-zà-ÿ]+)")
#: What a student calls a parent or grandparent, without "mijn".
_FAMILY = frozenset({"mama", "papa", "oma", "opa"})
#: Kinds of question that ask for what happened: "there is no more to it" answers them.
_EVENT_KINDS = frozenset({"gebeurtenis", "voorbeeld"})
_PAST_QUESTION = frozenset({"was", "gebeurde", "had", "ging", "deed", "waren", "kwam"})


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text))


@lru_cache(maxsize=8192)
def _lemmas(text: str) -> frozenset[str]:
    return frozenset(lemma(t.lower) for t in content_words(text))


def options(question: str) -> tuple[str, ...]:
    """The two options of a choice question ("verder leren of meteen werken"), or ()."""
    asked = [s for s in _SENTENCE.split(question.strip()) if " of " in s] or [question]
    part = re.split(r"[:,]", asked[-1])[-1] if re.search(r"[:,]", asked[-1]) else asked[-1]
    if " of " not in part:
        return ()
    left, right = part.rsplit(" of ", 1)
    found = []
    for side in (left.split()[-3:], right.split()):
        kept = [w.strip("?.!,").lower() for w in side]
        while kept and kept[0] in _NOT_OPTION:
            kept.pop(0)
        if kept:
            found.append(" ".join(kept))
    return tuple(found) if len(found) == 2 else ()


class _Fitting(_Saying):
    """The student's sense of what kind of answer a question wants; needs :class:`Student`."""

    #: The docent's turn this turn, as typed.
    _question: str
    _chains: dict[str, int]

    def _say(self, key: str, *, reaction: str | None = None) -> Reply:
        """Asked for a moment, a person, a choice, a feeling or a reason, the student
        answers in kind rather than with a line that fits any question."""
        if key in KIND_FOR and self._kind is not None:
            if self._strict():  # holding back fits any question
                return super()._say(key, reaction=reaction) if key == "terughoudend" else self._in_kind()
            text = self._memory.pick(f"soort:{self._kind}", self._kind_lines(self._kind))
            if text is not None:
                return self._reply(text, reaction or key)
            if key == "uitgepraat" and self._kind not in _EVENT_KINDS:
                # "Meer gebeurde er niet." answers what happened, not how it felt or why.
                return super()._say("terughoudend", reaction=reaction or key)
        return super()._say(key, reaction=reaction)

    def _options(self, key: str) -> tuple[str, ...]:
        return self._true_claims(super()._options(key))

    def _shaped(self, texts: tuple[str, ...]) -> tuple[str, ...]:
        """The variants that answer the question, without what was told already and
        what the student dares not say with the third party listening."""
        fitting = tuple(t for t in texts if self._fits(t)) or texts
        # A variant that says it to the adult's face beats one with a hole in it.
        fitting = tuple(t for t in fitting if self._in_company(t) == t) or fitting
        shaped = tuple(self._in_company(self._untold(t)) for t in fitting)
        return tuple(t for t in shaped if t) or tuple(t for t in (self._untold(t) for t in fitting) if t) or fitting

    def _untold(self, text: str) -> str:
        """``text`` without the sentences that tell again what was said in other words."""
        return " ".join(s for s in _SENTENCE.split(text.strip()) if not self._memory.retells(s))

    def _invited(self, turn: _Turn) -> Reply:
        raise NotImplementedError

    def _closed(self, turn: _Turn) -> Reply:
        """A choice ("X of Y?") gets one of the two; "Weet je nog een keer dat …?" an episode."""
        if self._kind == "keuze" and self._strict():
            return self._in_kind()
        if self._kind == "voorbeeld":
            return self._invited(turn)
        return super()._closed(turn)

    def _again(self, layer: Layer) -> Reply:
        if self._strict() and not self._said_sentence(layer):
            return self._in_kind()
        return super()._again(layer)

    def _hint(self, layer: Layer) -> Reply:
        slips = (layer.depth < 3 and self._openness >= self.model.silence_from
                 and self._need(layer) <= self._openness)
        if slips and self._strict() and not self._fits(sentences(layer.texts[0])[0]):
            return self._in_kind()  # what would slip out does not answer this question
        return super()._hint(layer)

    def _told_layers(self) -> list[Layer]:
        raise NotImplementedError

    def _strict(self) -> bool:
        """The question wants one kind of answer (a moment, a person, a choice, an episode …)."""
        kind = self._kind or ""
        if kind == "keuze":
            return bool(options(self._question))
        return bool(self.model.kind_markers.get(kind))

    # ------------------------------------------------------------ layers

    def _ranked(self, turn: _Turn) -> list[tuple[float, Layer]]:
        """Layers this turn can bring out, best first (stable: file order breaks ties)."""
        ranked = []
        # A turn that names something (told or not) is about that, not about the phase.
        named = any(turn.hits[l.id] and (l.id in self._revealed or self._available(l, turn.reflected))
                    for l in self.scenario.layers)
        for layer in self.scenario.layers:
            if not self._available(layer, turn.reflected):
                continue
            hit = turn.hits[layer.id]
            on_theme = turn.follow_up and layer.theme == self._theme
            deep_ok = turn.follow_up and (hit or on_theme) and self._deep_enough(layer)
            if layer.depth > 1 and not deep_ok:
                continue
            in_phase = turn.fase == layer.fase
            if not (hit or on_theme or in_phase) or (named and not hit and not on_theme):
                continue
            if turn.follow_up and not (hit or on_theme):
                continue  # following up keeps the student on their theme, not the phase
            if turn.code == "samenvatting" and not on_theme and self._revealed:
                continue  # a summary is confirmed; it does not start another story
            if not self._answers(layer):
                continue  # "Wanneer?" wants a moment, "Wie?" a person
            # The docent's words weigh most, staying on the theme next, then the phase.
            score = (10 + hit if hit else 0) + (6 if on_theme else 0) + (3 if in_phase else 0)
            if turn.analysis.competentie and turn.analysis.competentie == layer.competentie:
                score += 2
            ranked.append((score - layer.depth / 10, layer))
        ranked.sort(key=lambda pair: -pair[0])
        return ranked

    def _deep_enough(self, layer: Layer) -> bool:
        """Enough follow-ups on this layer's theme (this turn included) for its depth.

        A reserved student (low openness at the start) needs more.
        """
        needed = self.model.follow_ups_needed.get(layer.depth, 0)
        if layer.depth > 1 and self.scenario.openness < self.model.reserved_below:
            needed += self.model.reserved_extra
        return self._chains.get(layer.theme, 0) >= needed

    def _holding_back(self, theme: str | None) -> Layer | None:
        """The untold deeper layer on ``theme`` that waits for more follow-ups (or more trust)."""
        return next((l for l in self.scenario.layers if l.theme == theme and l.depth > 1
                     and self._available(l, True) and l.after in self._revealed), None)

    # ------------------------------------------------------------ kinds


    def _fits(self, text: str) -> bool:
        """Whether ``text`` answers the kind of question asked this turn."""
        kind = self._kind
        if kind == "keuze":
            chosen = options(self._question)
            return not chosen or any(_lemmas(o) & _lemmas(text) for o in chosen)
        markers = self.model.kind_markers.get(kind or "")
        if kind == "wie" and names_in(text):
            return True  # a name is a person
        return not markers or bool(markers & _words(text))

    def _layer_fits(self, layer: Layer) -> bool:
        return any(self._fits(t) for t in layer.texts)

    def _answers(self, layer: Layer) -> bool:
        """The layer answers the kind of question asked ("Wanneer?" wants a moment)."""
        return not self._strict() or self._layer_fits(layer)

    def _may_claim(self) -> bool:
        """The docent takes up something the student really said: "Dat zei ik toch" is true."""
        asked = _lemmas(self._question)
        return bool(asked) and any(asked & _lemmas(t) for t in self._memory.own)

    def _true_claims(self, lines: tuple[str, ...]) -> tuple[str, ...]:
        """``lines`` without the ones that claim the student said it, unless they did."""
        if self._may_claim():
            return lines
        return tuple(l for l in lines if not says(l, self.model.claim_words))

    def _said_sentence(self, layer: Layer) -> str | None:
        """The first sentence of ``layer`` the student really said (and that fits the question)."""
        for text in layer.texts:
            for sentence in sentences(text):
                if self._memory.said_by_student(sentence) and self._fits(sentence):
                    return sentence
        return None

    def _in_company(self, text: str) -> str:
        """``text`` without what the student dares not say with the third party listening."""
        third = self.scenario.third_party
        if third is None or self._openness >= self.model.dare_from:
            return text
        name = {w.lower() for w in third.name.split()}
        if third.role == "ouder":
            name |= self.model.parent_words
        kept = [s for s in _SENTENCE.split(text.strip())
                if not (name & _words(s) and says(s, self.model.not_with_third))]
        return " ".join(kept)

    def _in_kind(self) -> Reply:
        """No layer answers this kind of question: an answer of that kind, or not knowing."""
        kind = self._kind or ""
        if kind == "gebeurtenis":  # what happened was told before: referred back to
            for layer in reversed(self._told_layers()):
                said = self._said_sentence(layer)
                if said and layer.id != (self._revealed[-1:] or ("",))[0]:
                    referred = self._refer_back(said)
                    if self._memory.is_new(referred):
                        return self._reply(referred, "herhaling")
        text = self._memory.pick(f"soort:{kind}", [f for f in self._kind_lines(kind)
                                                   if self._memory.is_new(f)])
        if text is not None:
            return self._reply(text, "soort")
        # Nothing of this kind: in the student's own words, no example comes to mind,
        # the story is told, or they do not know yet.
        fallback = {"voorbeeld": "terughoudend", "gebeurtenis": "uitgepraat"}.get(kind, "te_vroeg")
        return super()._say(fallback, reaction="soort")

    def _kind_lines(self, kind: str) -> list[str]:
        """The answers of ``kind`` this student can give: templates filled from their own
        scenario; a template without a slot only for a student without lines of their own."""
        own = bool(self.scenario.reactions)
        return [f for t in self._own_templates(kind) if not (own and not _SLOT.search(t))
                for f in self._filled(t)]

    def _own_templates(self, kind: str) -> tuple[str, ...]:
        """This student's way of answering ``kind``: two of the templates, always the same
        for the same scenario, so two students seldom say it alike."""
        templates = self.model.kind_replies.get(kind, ())
        if len(templates) <= 2:
            return templates
        start = zlib.crc32(self.scenario.id.encode("utf-8")) % len(templates)
        return (templates[start], templates[(start + 1) % len(templates)])

    def _filled(self, template: str) -> list[str]:
        """``template`` with each slot filled from the scenario ([] when a slot has nothing)."""
        slots = _SLOT.findall(template)
        if not slots:
            return [template]
        values = {name: self._slot(name) for name in set(slots)}
        if not all(values.values()):
            return []
        out = []
        for index in range(max(len(v) for v in values.values())):
            text = template
            for name, found in values.items():
                text = text.replace("{" + name + "}", found[index % len(found)])
            out.append(text[:1].upper() + text[1:])
        return out

    def _scenario_texts(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Every text of the scenario and the names in them, read once per student."""
        cached: tuple[tuple[str, ...], tuple[str, ...]] | None = getattr(self, "_texts_cache", None)
        if cached is None:
            texts = tuple(t for l in self.scenario.layers for t in l.texts) + tuple(
                t for f in self.scenario.facts for t in f.texts)
            cached = (texts, tuple(dict.fromkeys(n for t in texts for n in names_in(t))))
            self._texts_cache = cached
        return cached

    def _slot(self, name: str) -> list[str]:
        texts, scenario_names = self._scenario_texts()
        own = " ".join(self._memory.own)
        if name == "optie":
            chosen = options(self._question)  # the one the student's wishes speak of
            wishes = _lemmas(" ".join(s for t in texts for s in _SENTENCE.split(t)
                                      if says(s, self.model.wish_words)))
            ranked = sorted(chosen, key=lambda o: -len(_lemmas(o) & wishes))
            if not ranked or len(_lemmas(ranked[0]) & wishes) == len(_lemmas(ranked[-1]) & wishes):
                return []  # no preference in their story: they do not know
            return ranked[:1]
        if name == "moment":
            past = bool(_words(self._question) & _PAST_QUESTION)
            pool = own if past else " ".join(texts)
            markers = self.model.kind_markers.get("wanneer", frozenset()) - _NO_MOMENT
            found = [w for w in dict.fromkeys(w.lower() for w in _WORD.findall(pool)) if w in markers]
            if says(self._question, ("welke dag",)):
                found = [w for w in found if w.endswith("dag")] or found
            return [f"in {w}" if w in _MONTHS else w for w in found][:2]
        if name == "persoon":
            student = {w.lower() for w in self.scenario.student.name.split()}
            names = [n for n in scenario_names if n in self._names and n not in student]
            third = self.scenario.third_party
            if third is not None and third.role != "ouder":  # a parent is "mama", not "Ingrid"
                names.insert(0, third.name.split()[0].lower())
            met = [n.capitalize() for n in dict.fromkeys(names)]
            people = self.model.kind_markers.get("wie", frozenset())
            mine = [f"mijn {p}" for t in texts for p in _PERSON.findall(t) if p in people]
            mine += [w for t in texts for w in _words(t) if w in _FAMILY]
            return (met + list(dict.fromkeys(mine)))[:2]
        if name == "gevoel":
            # The feeling of what the question is about ("die juf, wat deed dat met je?"):
            # of the told sentences, the one sharing most words with the question first.
            asked = _lemmas(self._question)
            told = [s for l in self._told_layers() for t in l.texts for s in sentences(t)]
            for sentence in sorted((s for s in told if asked & _lemmas(s)),
                                   key=lambda s: -len(asked & _lemmas(s))):
                felt = _words(sentence) | _lemmas(sentence)
                found = [w for w in self.model.feeling_words if w in felt]
                if found:
                    return found[:1]
            theme = " ".join(t for l in self._told_layers() if l.theme == self._theme for t in l.texts)
            felt = _words(own) | _words(theme)
            return [w for w in self.model.feeling_words if w in felt][:1]
        return []
