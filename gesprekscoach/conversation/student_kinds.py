"""What kind of question the docent asked, by its form, as a person hears it.

The analyser decides the move for the report; the student also listens to the
form of the sentence: a question that starts with a question word is open
("Wanneer wil je dat doen?"), one that starts with a verb is answered yes or
no ("Zullen we afspreken …?"); a question about a feeling, a reason or a time
gets that kind of answer; a goodbye gets a goodbye; letters that are no words
get a question back. The word lists are in ``data/student.yaml``.
"""

from __future__ import annotations

import re
from functools import cache

from gesprekscoach.analysis.words import _lemmas, lexicon
from gesprekscoach.conversation.student_model import StudentModel

_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
#: Words that open a question that cannot be answered with yes or no.
QUESTION_WORDS = frozenset({"wat", "wanneer", "waarom", "hoe", "wie", "waar", "welke", "welk",
                            "waardoor", "waarmee", "waarover", "waaraan", "hoeveel", "wiens"})


def says(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether ``text`` has one of ``phrases`` word for word (a question is its words,
    not its lemmas: "waar woon je" is not "voor jou … wonen")."""
    words = f" {' '.join(w.lower() for w in _WORD.findall(text))} "
    return any(f" {' '.join(_WORD.findall(p.lower()))} " in words for p in phrases)


def _question(text: str) -> str:
    """The last sentence of ``text`` that is a question ("" when there is none)."""
    asked = [s for s in _SENTENCE.split(text.strip()) if s.rstrip().endswith("?")]
    return asked[-1] if asked else ""


def form(text: str) -> str | None:
    """"open" or "gesloten" by how the turn's question starts; None without a question.

    A name or a short lead before the question ("Bram, klopt dat?", "En, hoe …")
    is skipped: the first question word or verb decides.
    """
    words = [w.lower() for w in _WORD.findall(_question(text))]
    if not words:
        return None
    if any(w in QUESTION_WORDS for w in words[:3]):
        return "open"
    return "gesloten"


def kind(model: StudentModel, text: str) -> str | None:
    """What the question asks for: one of the keys of ``vraagsoorten`` (first match), or None."""
    question = _question(text) or text
    for name, words in model.question_kinds.items():
        if says(question, words):
            return name
    return None


def is_farewell(model: StudentModel, text: str) -> bool:
    """A goodbye without a question ("Oké, succes verder.")."""
    return not _question(text) and says(text, model.farewell_words)


@cache
def _vocabulary() -> frozenset[str]:
    lemmas = _lemmas()
    return frozenset(lemmas) | frozenset(lemmas.values()) | lexicon().stopwords


def is_gibberish(model: StudentModel, text: str, known: frozenset[str]) -> bool:
    """No word of ``text`` is Dutch, a greeting, a name or one of the scenario's own words."""
    words = _WORD.findall(text)
    if not words:
        return False
    for word in words:
        low = word.lower()
        if (low in _vocabulary() or low in known or low in model.greetings
                or word[:1].isupper()):
            return False
    return True
