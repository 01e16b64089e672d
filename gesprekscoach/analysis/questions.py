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
from gesprekscoach.analysis.moves import _repeats
from gesprekscoach.analysis.rulepack import RulePack, _normal
from gesprekscoach.analysis.segments import REPAIR
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
    r"weet|wist|had|mag|mocht|moet|moest|kreeg|zag)\s+(?:je|jij|u)\b")
#: A piece that trails off: the docent stops and starts again.
_TRAILS_OFF = re.compile(r"(?:\.\.\.|…|\b(?:eh|ehm|uh|uhm)\b[\s,.…]*|[-–—])\s*$", re.IGNORECASE)
#: A clause that goes on with the question before it: "…, denk je? Dat je geen zin meer had?"
_CONTINUES = frozenset({"dat", "omdat", "zodat", "als"})


def question_count(segment: Segment) -> int:
    """Questions inside one segment: "Hoe ging het en wat vond je ervan?" asks two."""
    text = _normal(segment.text)
    return 1 + len(_SECOND_QUESTION.findall(text)) + len(_SECOND_QUESTION_V1.findall(text))


def join_pieces(segments: Sequence[Segment], student: str, pack: RulePack) -> list[Segment]:
    """The segments with the pieces of one question joined into that question's segment:
    a false start, a request or an echo into the question after it; a specification into
    the question before it; a repair ("of nee, laat ik het anders vragen:") and what it
    withdraws into the question after it; a verbless fragment into the summary before it.
    The joined segment keeps the question's move and evidence."""
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
        if seg.move in QUESTION_MOVES and out and REPAIR.fullmatch(out[-1].text.strip()):
            seg = _joined(out.pop(), seg, keep=seg)
            while out and out[-1].move in QUESTION_MOVES:   # the withdrawn question(s)
                seg = _joined(out.pop(), seg, keep=seg)
        elif (seg.move in QUESTION_MOVES and out and out[-1].move in QUESTION_MOVES
                and specification(seg.text, pack)):
            out[-1] = _joined(out[-1], seg, keep=out[-1])
            continue
        elif (out and out[-1].move == "samenvatting" and seg.move in ("informeren", "overig")
                and _fragment(seg.text)):
            # "Dus jij was juist rustig. Niet zozeer naar de hond.": the summary goes on.
            out[-1] = _joined(out[-1], seg, keep=out[-1])
            continue
        out.append(seg)
    return out


def counted(segments: Sequence[Segment], pack: RulePack) -> int:
    """Different questions in ``segments`` (after :func:`join_pieces`). A check with a tag
    before another question ("Je bent net terug, toch? Hoe was het?") asks no second one."""
    total = 0
    for index, seg in enumerate(segments):
        if seg.move not in QUESTION_MOVES:
            continue
        later = any(s.move in QUESTION_MOVES for s in segments[index + 1:])
        if later and seg.move == "gesloten_vraag" and pack.patterns["tag"].first_match(_normal(seg.text)):
            continue
        total += question_count(seg)
    return total


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
    core = list(words.lowered(_normal(text)))
    return 0 < len(core) <= 3 and not text.strip().endswith("?") and _repeats(text, student)


def specification(text: str, pack: RulePack) -> bool:
    """A piece without a question word that narrows or extends the question before it:
    short and without a verb ("Voor jezelf?", "Of bij een hovenier?", "En bij je werkgever?"),
    or a clause that goes on with it ("Dat je gewoon geen zin meer had?")."""
    core = list(words.lowered(_normal(text)))
    if not core or any(w in pack.question_words for w in core):
        return False
    if core[0] in _CONTINUES and read(text).tags[:1] == ("VG.onder",):
        return True
    return len(core) <= SPECIFICATION_WORDS and read(text).verb_at < 0


def _fragment(text: str) -> bool:
    """A few words without a finite verb ("Niet zozeer naar de hond.")."""
    core = list(words.lowered(_normal(text)))
    return 0 < len(core) <= 6 and read(text).verb_at < 0
