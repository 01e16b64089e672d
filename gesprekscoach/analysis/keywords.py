"""Which of a scenario's keywords a docent's turn mentions, decided as words.mentions does, fast.

The simulated student asks for every layer whether the docent used one of its
``woorden``. :func:`words.mentions` answers that one keyword at a time, each
with its inflection, synonym, word-family, compound and typo rules; for a
scenario with 500 layers that is thousands of fuzzy checks per reply. This
index maps every form, synonym group, beginning and ending of the keywords'
words back to the keywords, so the turn's own (few) words find the keywords
that *can* match, and the typo search runs once per new word of the docent
instead of once per keyword. :func:`words.mentions` then decides on just
those candidates, so the answer is exactly its answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz, process

from gesprekscoach.analysis.words import (
    MAX_WORD_LEN,
    MIN_FUZZY_LEN,
    TYPO_RATIO,
    forms,
    is_content,
    lexicon,
    mentions,
    tokens,
    vocabulary,
)

#: Longest ratio of two word lengths that can still reach TYPO_RATIO
#: (2·short / (short + long) ≥ 0.85), with a margin for rounding.
_LENGTH_RATIO: Final[float] = 1.36
#: Docent words whose typo matches are remembered, per scenario.
_TYPO_CACHE: Final[int] = 20_000


class KeywordIndex:
    """The keywords of one scenario, indexed by every way a turn's word can match them."""

    def __init__(self, keywords: Iterable[str]) -> None:
        self._by_form: dict[str, set[str]] = {}    # any form of a content word
        self._by_group: dict[int, set[str]] = {}   # its synonym groups
        self._by_start: dict[str, set[str]] = {}   # first letters of a long form (word family)
        self._by_long: dict[str, set[str]] = {}    # a long form (compound head, typo)
        self._by_tail: dict[str, set[str]] = {}    # a long form's long endings (compound)
        self._always: set[str] = set()             # keywords of stop words only: checked always
        self._typos: dict[str, frozenset[str]] = {}
        groups = lexicon().synonym_group
        for keyword in dict.fromkeys(keywords):
            parts = [t.lower for t in tokens(keyword)]
            content = [p for p in parts if is_content(p)]
            if not content:
                if parts:
                    self._always.add(keyword)
                continue
            for part in content:
                self._add(keyword, part, groups)
        lengths: dict[int, list[str]] = {}
        for form in self._by_long:
            lengths.setdefault(len(form), []).append(form)
        self._lengths = {n: tuple(sorted(same)) for n, same in lengths.items()}

    def _add(self, keyword: str, part: str, groups: dict[str, int]) -> None:
        mine = forms(part)
        for form in mine:
            self._by_form.setdefault(form, set()).add(keyword)
            if form in groups:
                self._by_group.setdefault(groups[form], set()).add(keyword)
        if not MIN_FUZZY_LEN <= len(part) <= MAX_WORD_LEN:
            return
        for form in mine:
            if not MIN_FUZZY_LEN <= len(form) <= MAX_WORD_LEN:
                continue
            self._by_start.setdefault(form[:MIN_FUZZY_LEN], set()).add(keyword)
            self._by_long.setdefault(form, set()).add(keyword)
            for i in range(1, len(form) - MIN_FUZZY_LEN + 1):
                self._by_tail.setdefault(form[i:], set()).add(keyword)

    def found(self, text: str) -> frozenset[str]:
        """The keywords that ``text`` mentions, as :func:`words.mentions` decides."""
        said = vocabulary(text)
        candidates = set(self._always)
        for form in said.forms:
            candidates |= self._by_form.get(form, set())
            candidates |= self._by_tail.get(form, set())
        for group in said.groups:
            candidates |= self._by_group.get(group, set())
        for form in said.long_forms:
            candidates |= self._by_start.get(form[:MIN_FUZZY_LEN], set())
            for i in range(1, len(form) - MIN_FUZZY_LEN + 1):
                candidates |= self._by_long.get(form[i:], set())
            candidates |= self._typo(form)
        if not candidates:
            return frozenset()
        return frozenset(mentions(text, list(candidates)))

    def _typo(self, word: str) -> frozenset[str]:
        """Keywords with a long form within a typo of ``word`` (the ratio is symmetric)."""
        known = self._typos.get(word)
        if known is not None:
            return known
        low = math.floor(len(word) / _LENGTH_RATIO)
        high = math.ceil(len(word) * _LENGTH_RATIO)
        choices = [f for n in range(low, high + 1) for f in self._lengths.get(n, ())]
        close = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=TYPO_RATIO,
                                limit=None)
        result = frozenset(k for form, _, _ in close for k in self._by_long[form])
        if len(self._typos) >= _TYPO_CACHE:
            self._typos.clear()
        self._typos[word] = result
        return result


@lru_cache(maxsize=32)
def index(keywords: tuple[str, ...]) -> KeywordIndex:
    """The index of these keywords, built once per scenario."""
    return KeywordIndex(keywords)
