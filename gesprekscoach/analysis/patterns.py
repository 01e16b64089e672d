"""Sets of regular expressions that only run the patterns a text can match.

The rule pack holds a few hundred patterns and a turn is one or two sentences, so
almost every pattern fails on almost every turn. Each pattern needs one of a few
literal strings ("moeilijk", "lastig", ... for a word list), read from the
pattern itself. One scan of the text finds which of those strings occur, and
only the patterns whose strings are there are run. Trainers keep writing plain
regular expressions; the answers are exactly those of running every pattern.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache, lru_cache

try:  # the stdlib's own regex parser; private, so any trouble means "no needles"
    # typeshed has no stubs for these private modules, so mypy cannot see them.
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons
    _parser = None

#: Literals shorter than this rule out too little to be worth scanning for.
MIN_NEEDLE = 2

#: While ``tallying()`` runs: how often each pattern (by its source) decided a match.
_tally: Counter[str] | None = None


@contextmanager
def tallying() -> Iterator[Counter[str]]:
    """Count, per pattern source, the matches that patterns give while the block runs:
    how ``evalueer`` shows which rules fire and which never do."""
    global _tally
    outer, _tally = _tally, Counter()
    try:
        yield _tally
    finally:
        _tally = outer


class Scanner:
    """Finds which of many literal strings occur in a text: one scan, remembered for
    the next pattern set that asks about the same text."""

    def __init__(self, words: Iterable[str]) -> None:
        root: dict = {}
        for word in set(words):
            node = root
            for char in word:
                node = node.setdefault(char, {})
            node[""] = word
        # A string found at a position brings the shorter ones it starts with.
        self._starting: dict[str, tuple[str, ...]] = {}
        self._collect(root, ())
        self._scan = re.compile(f"(?=({_trie(root)}))") if self._starting else None
        self.present = lru_cache(maxsize=512)(self._present)

    @classmethod
    def for_patterns(cls, sources: Iterable[str]) -> Scanner:
        return cls(n for source in sources for n in needles(source) or ())

    def knows(self, word: str) -> bool:
        return word in self._starting

    def _collect(self, node: dict, ends: tuple[str, ...]) -> None:
        if "" in node:
            ends = (*ends, node[""])
            self._starting[node[""]] = ends
        for char, child in node.items():
            if char:
                self._collect(child, ends)

    def _present(self, text: str) -> frozenset[str]:
        if self._scan is None:
            return frozenset()
        return frozenset(word for m in {m.group(1) for m in self._scan.finditer(text)}
                         for word in self._starting[m])


class PatternSet:
    """Compiled patterns, in order, that only run when the text holds a string
    each needs. Pattern sets built for one rule pack share one ``Scanner``."""

    def __init__(self, sources: Iterable[str], scanner: Scanner | None = None) -> None:
        self.regexes = tuple(re.compile(source) for source in sources)
        self._always: list[int] = []
        self._by_needle: dict[str, list[int]] = {}
        for index, regex in enumerate(self.regexes):
            found = needles(regex.pattern)
            if found is None:
                self._always.append(index)
            for needle in found or ():
                self._by_needle.setdefault(needle, []).append(index)
        self._scanner = scanner or Scanner(self._by_needle)
        # A string the shared scanner does not look for would silence its pattern:
        # such a pattern runs on every text instead.
        for needle in [n for n in self._by_needle if not self._scanner.knows(n)]:
            self._always.extend(self._by_needle.pop(needle))
        self._always = sorted(set(self._always))
        self._needles = frozenset(self._by_needle)

    def __len__(self) -> int:
        return len(self.regexes)

    def candidates(self, text: str) -> list[int]:
        """Indices, in order, of the patterns that may match ``text``."""
        found = self._needles & self._scanner.present(text)
        if not found:
            return self._always
        chosen = set(self._always)
        for needle in found:
            chosen.update(self._by_needle[needle])
        return sorted(chosen)

    def matching(self, text: str) -> Iterator[int]:
        """Indices of the patterns that match ``text``."""
        found = [i for i in self.candidates(text) if self.regexes[i].search(text)]
        if _tally is not None:
            _tally.update(self.regexes[i].pattern for i in found)
        return iter(found)

    def first_match(self, text: str) -> re.Match[str] | None:
        """The leftmost match of any pattern, the earlier pattern on a tie: what one
        alternation of all of them would find."""
        best = None
        for index in self.candidates(text):
            found = self.regexes[index].search(text)
            if found and (best is None or found.start() < best.start()):
                best = found
        if _tally is not None and best is not None:
            _tally[best.re.pattern] += 1
        return best


def _trie(node: dict) -> str:
    """One regex for the strings of a trie, shared prefixes written once, so a scan
    tests a letter once instead of once per string; the longest string wins."""
    branches = [re.escape(char) + _trie(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


# ---------------------------------------------------------------------------
# Reading the needles from a pattern


@cache
def needles(source: str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``source`` contains, or ``None``."""
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(source)
    except Exception:  # noqa: BLE001 - re.compile reports bad patterns, not this
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    found = _sequence(parsed)
    if found is None or min(map(len, found)) < MIN_NEEDLE:
        return None
    return tuple(sorted(found))


def _sequence(items) -> set[str] | None:
    """The most telling requirement of a sequence of regex items."""
    best: set[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if op is _c.AT:  # \b and ^ take no characters
            continue
        best = _better(best, {"".join(run)} if run else None)
        run = []
        if op is _c.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                return None
            need = _sequence(av[-1])
        elif op is _c.BRANCH:
            need = _branch(av[1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            need = _sequence(av[2])
        else:  # character classes, lookarounds, optional parts: nothing certain
            need = None
        best = _better(best, need)
    return _better(best, {"".join(run)} if run else None)


def _branch(alternatives) -> set[str] | None:
    found: set[str] = set()
    for alternative in alternatives:
        need = _sequence(alternative)
        if need is None:
            return None
        found |= need
    return found


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The requirement whose shortest string is longest: it rules out most texts."""
    if not a or not all(a):
        return b if b and all(b) else None
    if not b or not all(b):
        return a
    return a if min(map(len, a)) >= min(map(len, b)) else b
