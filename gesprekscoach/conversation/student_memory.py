"""What the student has said in this conversation, so they never say a sentence twice.

A person does not repeat themselves word for word; they say it in other
words, or refer back ("Zoals ik al zei…"). Every reply passes through
:class:`Memory`, which knows every sentence said and every variant used, and
picks with the student's seeded random generator so a replayed conversation
gets the same replies.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from gesprekscoach.analysis.words import content_words, lemma

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
#: A sentence shorter than this many words ("Eerlijk?") belongs with the next one.
_MIN_WORDS: Final[int] = 3
#: Shorter than this, a sentence ("Ja.", "Oké.") may come back: people say it often.
_COUNTED_WORDS: Final[int] = 3


def sentences(text: str) -> list[str]:
    """The sentences of ``text``; a fragment of one or two words stays with what follows."""
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p]
    merged: list[str] = []
    carry = ""
    for index, part in enumerate(parts):
        part = f"{carry} {part}".strip() if carry else part
        if len(part.split()) < _MIN_WORDS and index < len(parts) - 1:
            carry = part
            continue
        merged.append(part)
        carry = ""
    if carry:
        merged.append(carry)
    return merged


@lru_cache(maxsize=8192)
def _content(text: str) -> frozenset[str]:
    return frozenset(lemma(t.lower) for t in content_words(text))


def first_sentence(text: str) -> str:
    found = sentences(text)
    return found[0] if found else text.strip()


def _key(sentence: str) -> str:
    return " ".join(sentence.lower().split())


def _counted(text: str) -> list[str]:
    """The sentences of ``text`` that must not come back: every one of three words or more."""
    return [_key(s) for s in _SENTENCE_END.split(text.strip())
            if len(s.split()) >= _COUNTED_WORDS and _LETTERS.search(s)]


@dataclass(frozen=True)
class MemoryState:
    """A copy of the memory, for undo."""

    said: frozenset[str]
    used: tuple[tuple[str, frozenset[str]], ...]
    last: str
    own: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()


class Memory:
    """Every sentence said, every variant used, and the one way to choose the next."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._said: set[str] = set()
        self._used: dict[str, frozenset[str]] = {}
        self.last = ""
        #: What the student (not the third party) said, in order: what they may refer back to.
        self._own: tuple[str, ...] = ()
        #: Every reply said, by the student or the third party, in order.
        self._texts: tuple[str, ...] = ()

    def retells(self, sentence: str) -> bool:
        """Whether ``sentence`` tells in other words what one earlier reply told: it shares
        at least two content words, and half of its own, with that reply."""
        mine = _content(sentence)
        return len(mine) >= 2 and any(len(mine & _content(text)) >= max(2, len(mine) / 2)
                                      for text in self._texts)

    @property
    def said(self) -> frozenset[str]:
        """Every counted sentence said so far, by anyone, lower case."""
        return frozenset(self._said)

    @property
    def own(self) -> tuple[str, ...]:
        return self._own

    def said_by_student(self, sentence: str) -> bool:
        """Whether the student said ``sentence`` (as a whole) earlier in this conversation."""
        key = _key(sentence)
        return bool(key) and any(key in _key(text) for text in self._own)

    def is_new(self, text: str) -> bool:
        """No sentence of ``text`` (of three words or more) was said before."""
        return not any(key in self._said for key in _counted(text))

    def new_part(self, text: str) -> str:
        """``text`` without the sentences already said ("" when nothing new is left)."""
        parts = [p for p in _SENTENCE_END.split(text.strip()) if p]
        kept = [p for p in parts if not _counted(p) or _counted(p)[0] not in self._said]
        if not any(_counted(p) for p in kept):
            return ""
        return " ".join(kept)

    def remember(self, text: str, *, own: bool = True) -> str:
        self._said.update(_counted(text))
        self.last = text
        if own and text:
            self._own += (text,)
        if text:
            self._texts += (text,)
        return text

    def pick(self, key: str, options: Iterable[str]) -> str | None:
        """A variant with no sentence said before, not used under ``key`` yet (None if none)."""
        options = tuple(options)
        used = self._used.get(key, frozenset())
        fresh = [o for o in options if o not in used and o != self.last and self.is_new(o)]
        if not fresh:
            return None
        choice = self.rng.choice(fresh)
        self._used[key] = used | {choice}
        return choice

    def pick_or_vary(self, key: str, options: Iterable[str], short: Iterable[str] = ()) -> str:
        """A fresh variant; when all were said, a short word from ``short`` ("Hm.")
        rather than a sentence again; without those, rarely, a repeat."""
        options = tuple(options)
        choice = self.pick(key, options) or self.pick(f"{key}:kort", short)
        if choice is not None:
            return choice
        short = tuple(short)
        if short:  # short words may come back, just not twice in a row
            return self.rng.choice([s for s in short if s != self.last] or list(short))
        others = [o for o in options if o != self.last] or list(options)
        return self.rng.choice(others)

    def snapshot(self) -> MemoryState:
        return MemoryState(frozenset(self._said), tuple(self._used.items()), self.last, self._own,
                           self._texts)

    def restore(self, state: MemoryState) -> None:
        self._said = set(state.said)
        self._used = dict(state.used)
        self.last = state.last
        self._own = state.own
        self._texts = state.texts
