"""The other adult in a trialoog: a praktijkopleider, werkbegeleider or parent.

In a trialoog the method stays the same (gespreksmodel.md): the student sets
the agenda. The other adult answers when spoken to, and sometimes unasked:
they answer for the student after a short reply, add information, or take
over when the docent gives advice. The docent's valkuil is to talk *about*
the student with them; :func:`about_student` recognises such a turn, also in
a real transcript, so the report can name it.
"""

from __future__ import annotations

from typing import Final

from gesprekscoach.analysis.words import content_words, lemma, tokens
from gesprekscoach.conversation.scenario import ThirdParty
from gesprekscoach.conversation.student_memory import Memory

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


def _content(text: str) -> set[str]:
    return {lemma(t.lower) for t in content_words(text)}


def addresses(text: str, third: ThirdParty | None = None) -> bool:
    """Whether the docent's turn speaks to the other adult rather than the student.

    Their name as the first or last word ("Henk, wat zag u?", "…, Henk?") always
    does; their role or "u"/"jullie" does unless the turn also says "je"/"jij".
    """
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
    if not addresses(text, third):
        return False
    words = _words(text)
    if words & SEEN:
        return False
    named = bool(student_name) and student_name.lower() in words
    return named or bool(words & THIRD_PERSON)


class Voice:
    """What the third party says, turn by turn, never the same sentence twice."""

    def __init__(self, party: ThirdParty, memory: Memory, worn_out: tuple[str, ...] = ()) -> None:
        self.party = party
        self.memory = memory
        #: Said when every line was used: short words, never a sentence again.
        self.worn_out = worn_out

    def answer(self, text: str) -> str:
        """Spoken to: the line that shares most words with the question."""
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

    def _say(self, key: str, question: str) -> str:
        options = self.party.lines.get(key) or self.party.lines["aangesproken"]
        asked = _content(question)
        if asked:  # the line that shares most content words with the question
            fresh = [o for o in options if self.memory.is_new(o)]
            best = max((len(asked & _content(o)) for o in fresh), default=0)
            if best:
                options = tuple(o for o in fresh if len(asked & _content(o)) == best)
        if not any(self.memory.is_new(o) for o in options):  # try their other lines first
            options = tuple(o for lines in self.party.lines.values() for o in lines
                            if self.memory.is_new(o)) or options
        return self.memory.remember(
            self.memory.pick_or_vary(f"derde:{key}", options, self.worn_out))
