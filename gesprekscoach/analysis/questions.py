"""How many questions a turn asks, the way a listener hears them.

Spoken and hurried turns break one question into pieces: a false start the
docent abandons ("Wanneer zou je dat, eh... hoe ga je dat regelen?"), a short
specification after it ("…om duidelijkheid te krijgen? Voor jezelf?"), a request
that leads into it ("Vertel. Wat gebeurde er?") or an echo of the student's
words before it ("Denk je. Eh, weet je dat zeker?"). Each is still one question
the student can answer; only different questions make a meervoudige vraag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gesprekscoach.analysis import words
from gesprekscoach.analysis.grammar import read
from gesprekscoach.analysis.rulepack import RulePack, _normal
from gesprekscoach.model import Segment

QUESTION_MOVES = frozenset({"open_vraag", "doorvraag", "gesloten_vraag"})
#: A specification after a question is at most this many words.
SPECIFICATION_WORDS = 4

_SECOND_QUESTION = re.compile(
    r"(?:,\s*|\s)(?:en|of),?\s+(?:(?:sinds|vanaf|tot|met|bij|van|voor|over|in|op|naar)\s+)?"
    r"(?:wat|hoe|welke|welk|waar|waarom|wanneer|wie|waardoor|hoeveel)\b"
)
_SECOND_QUESTION_V1 = re.compile(
    r",?\s+en\s+(?:heb|ben|is|was|kun|kan|kon|wil|wilde|zou|vind|vond|denk|ga|gaat|ging|doe|deed|"
    r"weet|wist|had|mag|mocht|moet|moest|kreeg|zag)\s+(?:je|jij|u|het|er)\b")
#: A piece that trails off: the docent stops and starts again.
_TRAILS_OFF = re.compile(r"(?:\.\.\.|…|\b(?:eh|ehm|uh|uhm)\b[\s,.…]*|[-–—])\s*$", re.IGNORECASE)
_CONNECTIVE = frozenset({"en", "of", "maar", "ook"})


def question_count(segment: Segment) -> int:
    """Questions inside one segment: "Hoe ging het en wat vond je ervan?" asks two."""
    text = _normal(segment.text)
    return 1 + len(_SECOND_QUESTION.findall(text)) + len(_SECOND_QUESTION_V1.findall(text))


def join_pieces(segments: Sequence[Segment], student: str, pack: RulePack) -> list[Segment]:
    """The segments with the pieces of one question joined into that question's segment:
    a false start, a request or an echo into the question after it, a specification into
    the question before it. The joined segment keeps the question's move and evidence."""
    out: list[Segment] = []
    pending: Segment | None = None
    for index, seg in enumerate(segments):
        if pending is not None:
            seg = _joined(pending, seg)
            pending = None
        following = segments[index + 1] if index + 1 < len(segments) else None
        if seg.move in QUESTION_MOVES and following is not None and following.move in QUESTION_MOVES and (
                false_start(seg.text) or request(seg.text, pack) or echo(seg.text, student)):
            pending = seg
            continue
        if (seg.move in QUESTION_MOVES and out and out[-1].move in QUESTION_MOVES
                and specification(seg.text, pack)):
            out[-1] = _joined(out[-1], seg, keep=out[-1])
            continue
        out.append(seg)
    return out


def _joined(first: Segment, second: Segment, keep: Segment | None = None) -> Segment:
    question = keep or second
    other = first if question is second else second
    # A follow-up stays one: "Vertel eens," after the student's words leads a doorvraag in.
    move = "doorvraag" if {question.move, other.move} == {"doorvraag", "open_vraag"} else question.move
    return Segment(f"{first.text.rstrip()} {second.text.lstrip()}", first.start, second.end,
                   move, question.evidence, question.reason)


def false_start(text: str) -> bool:
    """A piece without a question mark that trails off ("Wat eh...", "En wat is er dan, eh,")."""
    stripped = text.strip()
    return not stripped.endswith("?") and bool(_TRAILS_OFF.search(stripped))


def request(text: str, pack: RulePack) -> bool:
    """A bare request for the story ("Vertel.", "Vertel eens.") before the question itself."""
    core = list(words.lowered(_normal(text)))
    return 0 < len(core) <= 3 and core[0] in pack.story_requests and not text.strip().endswith("?")


def echo(text: str, student: str) -> bool:
    """A few of the student's own words, said back without a question mark ("Denk je.")."""
    from gesprekscoach.analysis.moves import _repeats

    core = list(words.lowered(_normal(text)))
    return 0 < len(core) <= 3 and not text.strip().endswith("?") and _repeats(text, student)


def specification(text: str, pack: RulePack) -> bool:
    """A short piece without a verb or a question word that narrows the question before it
    ("Voor jezelf?", "Op stage, bedoel ik?"); "En je begeleider?" opens a new one."""
    core = list(words.lowered(_normal(text)))
    if not core or len(core) > SPECIFICATION_WORDS or core[0] in _CONNECTIVE:
        return False
    if any(w in pack.question_words for w in core):
        return False
    return read(text).verb_at < 0
