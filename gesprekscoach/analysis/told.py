"""What a student's reply tells: an experience, its meaning, a wish or a step.

A simulated student has scenario layers that say so; a real transcript has only
the student's words, and this is what its arc learns from them. It must agree
with the layers on what a layer's text tells, so a practice conversation and the
same conversation read back as a transcript walk the same arc.
"""

from __future__ import annotations

import re

from gesprekscoach.analysis.grammar import read
from gesprekscoach.analysis.phases import _best, _score
from gesprekscoach.analysis.rulepack import rules
from gesprekscoach.analysis.words import lemma

#: A reply shows a phase when its cues reach this score.
TOLD_PHASE_MIN = 2.0
#: What one sentence that tells what happened adds to terugkijken (at most two count).
PAST_SENTENCE = 2.0

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_PERFECT = frozenset("heb hebt heeft hebben ben bent is zijn was".split())


def _tells_what_happened(sentence: str) -> bool:
    """A statement in the past tense ("Ik kwam te laat.", also without a subject:
    "Ging mis."), a perfect ("Ik heb het gezegd.") or a bare participle
    ("Kozijn te kort gezaagd."). A question ("Had je dat?") tells nothing, nor
    does a feeling or view about it ("Ik vond het spannend."): that is meaning."""
    shape = read(sentence)
    if sentence.rstrip().endswith("?") or shape.kind == "vraag" and shape.verb_at != 0:
        return False
    tags = shape.tags
    if shape.verb_at < 0:
        return "WW.vd" in tags
    finite = shape.words[next(i for i, t in enumerate(tags) if t.startswith("WW.pv"))].lower()
    if lemma(finite) in rules().feeling_verbs:
        return False
    return any(t == "WW.pv.verl" for t in tags) or finite in _PERFECT and "WW.vd" in tags


def told_phase(student_turn: str) -> str | None:
    """The phase a student's own words show: a concrete experience (terugkijken),
    its meaning (verbreden_verdiepen), a wish or a first step; None for a reply
    that shows none ("Gaat wel.", a question back)."""
    pack = rules()
    plain = pack.plain(student_turn)
    scores: dict[str, float] = {}
    _score(pack.student_phases, plain, 1.0, scores)
    _score(pack.told, plain, 1.0, scores)
    past = sum(_tells_what_happened(s) for s in _SENTENCE.split(student_turn.strip()) if s)
    if past:
        scores["terugkijken"] = scores.get("terugkijken", 0.0) + PAST_SENTENCE * min(past, 2)
    return _best({k: v for k, v in scores.items() if v >= TOLD_PHASE_MIN}, _order(pack.phase_order))


def _order(order: tuple[str, ...]) -> tuple[str, ...]:
    """The pack's tie order, with an experience before its meaning: a story with
    a feeling in it ("… Zo saai, echt.") is the story told; meaning needs a cue
    of its own that outweighs it."""
    rest = [phase for phase in order if phase != "terugkijken"]
    at = rest.index("verbreden_verdiepen")
    return (*rest[:at], "terugkijken", *rest[at:])
