"""The other adult in a trialoog: a praktijkopleider, werkbegeleider or parent.

In a trialoog the method stays the same (gespreksmodel.md): the student sets
the agenda. The other adult answers when spoken to, and sometimes unasked:
they answer for the student after a short reply, add information, or take
over when the docent gives advice. The docent's valkuil is to talk *about*
the student with them; :func:`about_student` recognises such a turn, also in
a real transcript, so the report can name it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Final

from gesprekscoach.analysis.words import content_words, lemma, tokens
from gesprekscoach.conversation.scenario import ThirdParty
from gesprekscoach.conversation.student_kinds import says
from gesprekscoach.conversation.student_memory import Memory

_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
#: Words that speak of the student in the third person.
THIRD_PERSON: Final[frozenset[str]] = frozenset(
    {"hij", "zij", "ze", "hem", "haar", "zijn", "student", "leerling", "zoon", "dochter"})
#: Words that speak to the student.
SECOND_PERSON: Final[frozenset[str]] = frozenset({"jij", "je", "jou", "jouw", "jezelf"})
#: Words that ask what the other adult saw: inviting them to tell that is a good
#: move in a trialoog, not talking about the student.
SEEN: Final[frozenset[str]] = frozenset(
    {"gezien", "zag", "zagen", "zien", "merkte", "gemerkt", "hoorde", "gehoord", "meegemaakt"})
#: Words that speak to an adult other than the student.
POLITE: Final[frozenset[str]] = frozenset({"u", "uw", "jullie"})


def _words(text: str) -> set[str]:
    return {t.lower for t in tokens(text)}


@lru_cache(maxsize=4096)
def _content(text: str) -> frozenset[str]:
    return frozenset(lemma(t.lower) for t in content_words(text))


#: Words with the student's name that hand the turn to the student ("ik wil Bram zelf horen").
HEAR: Final[frozenset[str]] = frozenset({"zelf", "horen", "hoor", "vertellen", "vertelt", "zeggen"})


def to_student(text: str, student_name: str, third: ThirdParty | None = None) -> bool:
    """Whether the turn ends by handing the word to the student: the last sentence that
    speaks to someone names the student first or last, or says it wants to hear them."""
    names = {w.lower() for w in student_name.split()}
    for sentence in reversed(_SENTENCE.split(text.strip())):
        found = [t.lower for t in tokens(sentence)]
        if not found:
            continue
        if found[0] in names or found[-1] in names or (names & set(found) and HEAR & set(found)):
            return not (third is not None and _named_first_or_last(found, third))
        if _addresses_one(sentence, third):
            return False
    return False


def _named_first_or_last(found: list[str], third: ThirdParty) -> bool:
    names = {w.lower() for w in third.name.split()}
    return found[0] in names or found[-1] in names


def addresses(text: str, third: ThirdParty | None = None, student_name: str = "") -> bool:
    """Whether the docent's turn speaks to the other adult rather than the student.

    The last sentence that speaks to someone decides ("Henk, dank je. Ik wil
    eerst Bram zelf horen." is to Bram). Their name as the first or last word
    ("Henk, wat zag u?", "…, Henk?") speaks to them; their role or "u"/"jullie"
    does unless the sentence also says "je"/"jij".
    """
    if student_name and to_student(text, student_name, third):
        return False
    # From the end, the first sentence that speaks to someone decides ("Dat snap ik.
    # Henk, wat zag jij die dag?" is to Henk; "Henk, heb jij dat gezien? Wat deed hij
    # toen?" too, as the last question speaks to nobody; "Dank je, Henk. Wat vind jij?"
    # is to the student).
    for sentence in reversed(_SENTENCE.split(text.strip())):
        if _addresses_one(sentence, third):
            return True
        if _words(sentence) & SECOND_PERSON:
            return False
    return False


def _addresses_one(text: str, third: ThirdParty | None) -> bool:
    found = [t.lower for t in tokens(text)]
    words = set(found)
    to_student = bool(words & SECOND_PERSON)
    if third is not None and found:
        names = {w.lower() for w in third.name.split()}
        if found[0] in names or found[-1] in names:
            return True
        if words & {w.lower() for w in third.address if w not in POLITE} and not to_student:
            return True
    return bool(words & POLITE) and not to_student


def about_student(text: str, student_name: str = "", third: ThirdParty | None = None) -> bool:
    """A turn to the other adult about the student ("Hoe vindt u dat hij het doet?")."""
    if not addresses(text, third, student_name):
        return False
    words = _words(text)
    if words & SEEN:
        return False
    named = bool(student_name) and student_name.lower() in words
    return named or bool(words & THIRD_PERSON)


class Voice:
    """What the third party says, turn by turn, never the same sentence twice."""

    def __init__(self, party: ThirdParty, memory: Memory, worn_out: tuple[str, ...] = (),
                 kinds: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.party = party
        self.memory = memory
        #: Said when every line was used: short words, never a sentence again.
        self.worn_out = worn_out
        #: Per kind of question to them (``meedenken``, ``reageert``): the words that ask it.
        self.kinds = kinds or {}

    def answer(self, text: str) -> str:
        """Spoken to: a line of the kind asked (can they help with a step, what do they make
        of what the student said) when the scenario has those, else what they see; of
        those, the line that shares most words with the question."""
        for key, phrases in self.kinds.items():
            if key in self.party.lines and says(text, phrases):
                return self._say(key, text)
        return self._say("aangesproken", text)

    def unasked(self, reaction: str, evasive: bool, pitfall: bool, told: bool) -> str:
        """Perhaps say something unasked (seeded chance): "" when they keep quiet."""
        if evasive:
            key = "antwoordt_voor" if "antwoordt_voor" in self.party.lines else "neemt_over"
        elif pitfall:
            key = "neemt_over"
        elif told and "vult_aan" in self.party.lines:
            key = "vult_aan"
        else:
            return ""
        chance = self.party.unasked / (2 if key == "vult_aan" else 1)
        if self.memory.rng.random() >= chance:
            return ""
        return self._say(key, "")

    def retells(self, line: str) -> bool:
        """Whether ``line`` tells again what was said in other words ("Ik zag dat hij de
        remleiding had overgeslagen" after the student told it)."""
        return any(self.memory.retells(s) for s in _SENTENCE.split(line.strip()))

    def _say(self, key: str, question: str) -> str:
        """Their line for ``key`` that answers ``question`` best; never a sentence or a
        story said before (then another of their lines, or a short word)."""
        def fresh(lines: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(o for o in lines if self.memory.is_new(o) and not self.retells(o))

        everything = tuple(o for lines in self.party.lines.values() for o in lines)
        options = fresh(self.party.lines.get(key) or self.party.lines["aangesproken"]) or fresh(everything)
        asked = _content(question)
        best = max((len(asked & _content(o)) for o in options), default=0)
        if best:  # the line that shares most content words with the question
            options = tuple(o for o in options if len(asked & _content(o)) == best)
        return self.memory.remember(
            self.memory.pick_or_vary(f"derde:{key}", options, self.worn_out), own=False)
