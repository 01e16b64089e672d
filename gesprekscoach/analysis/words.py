"""Dutch word matching: when do two turns use the same word?

A docent who asks "wat maakte dat je zo baalde?" after the student said
"ik balen ervan" takes up the student's word. Inflections come from
simplemma's Dutch lemmas (a table built from them by
``scripts/build_lemmas.py``: simplemma's own dictionary takes a third of a
second to load), typos from rapidfuzz, and near-synonyms from the
lexicon in ``data/lexicon.yaml``. Everything is cached: the same words come
back turn after turn.
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Final, NamedTuple

from rapidfuzz import fuzz, process

from gesprekscoach.trainerfile import Block, ListOf, Maybe, Text, load, packaged

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")

#: Minimum rapidfuzz ratio for two words to count as one word with a typo.
TYPO_RATIO = 85.0
#: Shortest word that may match by typo or by a shared beginning.
MIN_FUZZY_LEN = 5
#: Longer "words" (a pasted URL, a key held down) only match exactly.
MAX_WORD_LEN = 40
#: Share of the shorter word that a shared beginning must cover.
PREFIX_SHARE = 0.75
#: A shared beginning this long is one word family whatever the lengths
#: (frustratie / gefrustreerd → frustreren).
LONG_PREFIX = 6


class Token(NamedTuple):
    """A word in a text, with its place so findings can point at it (a named
    tuple: a turn makes dozens, and a tuple is made fastest)."""

    text: str
    start: int
    end: int
    lower: str  # kept, not recomputed: every matcher reads it


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text`` (letters, apostrophes, hyphens; numbers); cached,
    because a turn's sentences and the student's last turn are read several times."""
    return tuple(Token(m.group(), m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text))


@lru_cache(maxsize=4096)
def lowered(text: str) -> tuple[str, ...]:
    """The words of ``text`` in lower case, without places: what the move rules read."""
    return tuple(_TOKEN.findall(text.lower()))


#: What ``data/lexicon.yaml`` holds: both lists may be left out or empty.
LEXICON: Final = Block({"stopwoorden": Maybe(Text()),
                        "synoniemen": Maybe(ListOf(ListOf(Text(), at_least=2), label="groep"))},
                       optional=frozenset({"stopwoorden", "synoniemen"}))


@dataclass(frozen=True)
class Lexicon:
    """Stop words and synonym groups, read from YAML."""

    stopwords: frozenset[str]
    synonym_group: dict[str, int]

    @classmethod
    def from_data(cls, data: dict | None) -> Lexicon:
        """The lexicon from the value of a file that passed :data:`LEXICON`."""
        data = data or {}
        stop = frozenset(str(data.get("stopwoorden") or "").lower().split())
        groups: dict[str, int] = {}
        for number, group in enumerate(data.get("synoniemen") or []):
            for word in group:
                groups[lemma(str(word).lower())] = number
                groups[str(word).lower()] = number
        return cls(stop, groups)


@cache
def lexicon() -> Lexicon:
    """The package's lexicon, read once."""
    return Lexicon.from_data(load(packaged("lexicon.yaml"), LEXICON).data)


@lru_cache(maxsize=65536)
@cache
def _lemmas() -> dict[str, str]:
    """simplemma's lemma of every frequent Dutch word form that differs from its lemma."""
    raw = files("gesprekscoach.data").joinpath("lemmas.tsv.gz").read_bytes()
    return dict(line.split("\t", 1) for line in gzip.decompress(raw).decode("utf-8").splitlines() if line)


def lemma(word: str) -> str:
    """The Dutch lemma of a lower-case word (``baalde`` → ``balen``); a word outside
    the table (rare, or a typo) is its own lemma."""
    return _lemmas().get(word, word)


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """The word, its lemma, and the lemma of its lemma (``balen`` → ``baal``)."""
    word = word.lower()
    first = lemma(word)
    return frozenset({word, first, lemma(first)})


@lru_cache(maxsize=65536)
def is_content(word: str) -> bool:
    """Whether a word carries content (not a stop word, not a single letter)."""
    word = word.lower()
    return len(word) > 1 and word not in lexicon().stopwords and lemma(word) not in lexicon().stopwords


@lru_cache(maxsize=4096)
def content_words(text: str) -> tuple[Token, ...]:
    """The content words of a text, in order."""
    return tuple(t for t in tokens(text) if is_content(t.text))


@dataclass(frozen=True)
class Vocabulary:
    """The content words of one text, indexed so that many questions against it
    stay cheap: set look-ups for forms and synonyms, a prefix index for word
    families, all long endings for compounds, and rapidfuzz for typos."""

    forms: frozenset[str]
    groups: frozenset[int]
    by_prefix: dict[str, tuple[str, ...]]
    endings: frozenset[str]
    long_forms: tuple[str, ...]

    def has(self, word: str) -> bool:
        """Whether ``word`` is, in some form, one of this text's words."""
        mine = forms(word)
        if mine & self.forms:
            return True
        groups = lexicon().synonym_group
        if any(groups.get(f) in self.groups for f in mine if f in groups):
            return True
        if not MIN_FUZZY_LEN <= len(word) <= MAX_WORD_LEN:
            return False
        for x in mine:
            if not MIN_FUZZY_LEN <= len(x) <= MAX_WORD_LEN:
                continue
            for y in self.by_prefix.get(x[:MIN_FUZZY_LEN], ()):
                common = len(os.path.commonprefix((x, y)))
                if common >= LONG_PREFIX or common >= PREFIX_SHARE * min(len(x), len(y)):
                    return True
            # Compound heads: kassa-afsluiting holds afsluiting, and the other way round.
            if x in self.endings or any(x[i:] in self.forms for i in range(1, len(x) - MIN_FUZZY_LEN + 1)):
                return True
            # A typo is in the word as typed, not in its lemma: one fuzzy search suffices.
            if x == word and process.extractOne(x, self.long_forms, scorer=fuzz.ratio,
                                                score_cutoff=TYPO_RATIO):
                return True
        return False


#: Only the end of a very long text is indexed: what a docent takes up is what
#: the student just said, and the cost of a turn must not grow without bound.
VOCABULARY_CHARS = 4000


@lru_cache(maxsize=256)
def vocabulary(text: str) -> Vocabulary:
    """The indexed content words of ``text`` (its last VOCABULARY_CHARS characters)."""
    all_forms: set[str] = set()
    for token in content_words(text[-VOCABULARY_CHARS:]):
        all_forms |= forms(token.lower)
    groups = lexicon().synonym_group
    by_prefix: dict[str, list[str]] = {}
    endings: set[str] = set()
    for form in all_forms:
        if MIN_FUZZY_LEN <= len(form) <= MAX_WORD_LEN:
            by_prefix.setdefault(form[:MIN_FUZZY_LEN], []).append(form)
            endings.update(form[i:] for i in range(1, len(form) - MIN_FUZZY_LEN + 1))
    return Vocabulary(
        forms=frozenset(all_forms),
        groups=frozenset(groups[f] for f in all_forms if f in groups),
        by_prefix={k: tuple(v) for k, v in by_prefix.items()},
        endings=frozenset(endings),
        long_forms=tuple(sorted(f for f in all_forms if MIN_FUZZY_LEN <= len(f) <= MAX_WORD_LEN)),
    )


@lru_cache(maxsize=1024)
def shared(text: str, other: str) -> tuple[Token, ...]:
    """The content words of ``text`` that also occur, in some form, in ``other``;
    cached, because a turn asks this of its sentences more than once."""
    if not other.strip():
        return ()
    theirs = vocabulary(other)
    if not theirs.forms:
        return ()
    return tuple(t for t in content_words(text) if theirs.has(t.lower))


def mentions(text: str, keywords: Iterable[str]) -> list[str]:
    """The keywords (single words or phrases) that occur in ``text`` in some form.

    A phrase counts when each of its content words occurs; used to see whether
    a docent's turn touches a theme a scenario names.
    """
    said = vocabulary(text)
    plain = {t.lower for t in tokens(text[-VOCABULARY_CHARS:])}
    found = []
    for keyword in keywords:
        parts = [t.lower for t in tokens(keyword)]
        content = [p for p in parts if is_content(p)]
        if content and all(said.has(p) for p in content):
            found.append(keyword)
        elif not content and parts and all(p in plain for p in parts):
            found.append(keyword)
    return found
