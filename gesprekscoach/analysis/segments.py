"""Where a turn splits: sentence-like spans (a leading greeting on its own) and,
inside them, main clauses joined by a comma. Only positions; the moves come from
:mod:`moves`."""

from __future__ import annotations

import re

from gesprekscoach.analysis.grammar import clause_breaks
from gesprekscoach.analysis.rulepack import RulePack

_SEGMENT = re.compile(r"[^.?!…;\n]+[.?!…;]*")
#: A spoken repair: the docent withdraws what came before and asks again ("of nee,
#: laat ik het anders vragen:", "Of, nee, anders:"). It is a span of its own, so the
#: question after it is read without it.
REPAIR = re.compile(r"(?:(?<=^)|(?<=[\s,.…]))(?:of,?\s+)?(?:nee,?\s+(?:anders|laat ik het (?:anders|zo) "
                    r"(?:vragen|zeggen))|laat ik het (?:anders|zo) (?:vragen|zeggen))\s*[:,]?", re.IGNORECASE)


def _spans(text: str, pack: RulePack) -> list[tuple[int, int]]:
    """Sentence-like spans of a turn; a leading greeting becomes a span of its own."""
    spans: list[tuple[int, int]] = []
    for match in _SEGMENT.finditer(text):
        start, end = match.span()
        chunk = text[start:end]
        if not chunk.strip().strip(".?!…;,-—–").strip():
            continue
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        greeting = pack.greeting.match(text, start, end) if not spans else None
        if greeting and greeting.end() < end:
            spans.append((start, start + len(greeting.group(1)) + (greeting.start(1) - start)))
            start = greeting.end()
        repair = REPAIR.search(text, start, end)
        if repair and repair.end() < end:
            if repair.start() > start:
                spans.append((start, len(text[:repair.start()].rstrip())))
            spans.append((repair.start(), repair.end()))
            start = repair.end() + len(text[repair.end():end]) - len(text[repair.end():end].lstrip())
        spans.append((start, end))
    return spans


def _clauses(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans split where a comma joins two main clauses (grammar.clause_breaks)."""
    out = []
    for start, end in spans:
        for cut in clause_breaks(text[start:end]):
            piece = text[start:start + cut]
            out.append((start, start + len(piece.rstrip())))
            start += cut + len(text[start + cut:end]) - len(text[start + cut:end].lstrip())
        out.append((start, end))
    return out
