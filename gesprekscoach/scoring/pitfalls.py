"""The valkuilen: patterns trainers name, where they happened, and what to try instead.

A valkuil is found when enough turns show it (``data/normen.yaml``); it is
severe when it dominates the conversation, and then it caps the score. Its
feedforward quotes the docent's own words and proposes what to say instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from gesprekscoach.codebook import QUESTIONS, is_silent, primary
from gesprekscoach.conversation.arc import FUTURE
from gesprekscoach.conversation.third_party import about_student
from gesprekscoach.scoring.context import OPEN, Context, Turn
from gesprekscoach.scoring.norms import PITFALLS

_SECOND_QUESTION = re.compile(
    r"(?:,|\s+en)\s+(?=(?:wat|hoe|welke?|waar\w*|wanneer|wie|waarom|vertel|kun|kan|zou|"
    r"wil|ben|heb|vond|vind|denk|is|was|ga|ging)\b)",
    re.IGNORECASE,
)
_MAX_QUOTE = 160


@dataclass(frozen=True)
class Pitfall:
    """A valkuil as trainers name it, where it happened, and what to try instead."""

    key: str                 # key in normen.yaml, e.g. "adviseur"
    name: str                # e.g. "de adviseur"
    turns: tuple[int, ...]
    severe: bool             # it dominated the conversation and capped the score
    what: str
    why: str
    feedforward: tuple[str, ...]  # one per quoted turn
    #: How much of the conversation it took (of turns, or of questions): sets the cap.
    share: float = 0.0


#: The violations of the codebook: a turn with any of them takes the agenda over.
_TAKES_OVER: Final[frozenset[str]] = frozenset({"advies", "suggestieve_vraag", "informeren", "oordeel"})

#: The move codes that make a valkuil by themselves; a turn is charged for the first.
_CHARGED: Final[frozenset[str]] = frozenset(
    {"advies", "suggestieve_vraag", "informeren", "meervoudige_vraag", "oordeel"})


def find_pitfalls(ctx: Context) -> tuple[Pitfall, ...]:
    """The valkuilen found, each with its turns, severity and quoted feedforward."""
    n = len(ctx.turns)
    questions = ctx.questions
    ahead = _ahead_turns(ctx.turns, ctx.norms.pitfalls["vooruitspringer"].explored_turns)

    def turns_with(*codes: str) -> list[Turn]:
        """The turns whose first violation (by the codebook's priority) is one of ``codes``:
        a turn with advice and information is the adviseur's, charged once, not twice."""
        return [t for t in ctx.turns if t.codes & _CHARGED and primary(t.codes & _CHARGED) in codes]

    closed = [t for t in questions if t.question == "gesloten_vraag"]
    # Per valkuil: the turns that show it, and its share (of turns, or of questions).
    hits: dict[str, list[Turn]] = {
        "adviseur": turns_with("advies", "suggestieve_vraag"),
        "informeerder": turns_with("informeren"),
        "gesloten_vragensteller": closed,
        "vooruitspringer": [t for t in ctx.turns if t.ex.sprong and t.ex.phase in FUTURE],
        "stapelaar": turns_with("meervoudige_vraag"),
        "oordelaar": turns_with("oordeel"),
        # Only in a trialoog: a turn to the other adult about the student.
        "over_de_student": ([t for t in ctx.turns if t.ex.about_student or about_student(t.ex.docent)]
                            if any(t.ex.third_party or t.ex.about_student for t in ctx.turns) else []),
        # Advice, information, leading questions and judgements together: whatever their
        # kind, each is a turn where the docent's frame replaced the student's.
        "overnemer": [t for t in ctx.turns if t.codes & _TAKES_OVER],
    }
    shares = {key: len(found) / n for key, found in hits.items()}
    shares["gesloten_vragensteller"] = len(closed) / len(questions) if questions else 0.0
    shares["vooruitspringer"] = len(ahead) / n
    result = []
    for key in PITFALLS:
        turns, share = hits[key], shares[key]
        norm = ctx.norms.pitfalls[key]
        if len(turns) < max(1, norm.found_from) or share < norm.found_share:
            continue
        text = ctx.texts["valkuilen"][key]
        examples = turns[: int(ctx.texts["citaten_per_valkuil"])]
        feedforward = tuple(
            text["citaat"].format(beurt=t.number, citaat=_quote(t, key),
                                  voorstel=_proposal(t, key, ctx))
            for t in examples
        )
        result.append(Pitfall(key, text["naam"], tuple(t.number for t in turns),
                              share >= norm.severe_share, text["wat"], text["waarom"],
                              feedforward, share))
    # The overnemer names a mix that dominates; one kind that dominates by itself says it.
    if any(p.severe and p.key in _ONE_KIND for p in result):
        result = [p for p in result if p.key != "overnemer"]
    return tuple(result)


#: The valkuilen of one kind of violation, which the overnemer adds up.
_ONE_KIND: Final[frozenset[str]] = frozenset({"adviseur", "informeerder", "oordelaar"})


def _ahead_turns(turns: Sequence[Turn], explored_turns: int) -> list[Turn]:
    """Turns spent in the future after a blind sprong there, until the docent went back.

    A sprong is blind when the docent had spent fewer than ``explored_turns``
    turns in verbreden en verdiepen: the vooruitspringer never tried to
    explore. A docent who did, but whose student told nothing, still gets the
    sprong in the arc, but the valkuil does not dominate the conversation.
    """
    ahead, exploring, out = False, 0, []
    for t in turns:
        if t.ex.phase in FUTURE:
            ahead = ahead or (t.ex.sprong and exploring < explored_turns)
        else:
            ahead = False
        exploring += t.ex.phase == "verbreden_verdiepen"
        if ahead:
            out.append(t)
    return out


#: The move codes whose words are quoted for each valkuil.
_QUOTED: Final[dict[str, frozenset[str]]] = {
    "adviseur": frozenset({"advies", "suggestieve_vraag"}),
    "informeerder": frozenset({"informeren"}),
    "gesloten_vragensteller": frozenset({"gesloten_vraag"}),
    "vooruitspringer": frozenset(),
    "stapelaar": frozenset(),
    "oordelaar": frozenset({"oordeel"}),
    "over_de_student": frozenset(),
    "overnemer": _TAKES_OVER,
}


def _quote(turn: Turn, key: str) -> str:
    """The docent's own words that show the valkuil: its segments, else the turn."""
    moves = _QUOTED[key]
    parts = [s.text.strip() for s in turn.ex.analysis.segments if s.move in moves]
    return _shorten(" ".join(parts) if parts else turn.ex.docent)


#: Valkuilen whose proposal is a new question, never one the docent's turn already asked
#: (the stapelaar's and the oordelaar's proposals are a part of the turn, by design).
_NEW_QUESTION: Final[frozenset[str]] = frozenset(
    {"adviseur", "informeerder", "gesloten_vragensteller", "vooruitspringer", "over_de_student",
     "overnemer"})


def _proposal(turn: Turn, key: str, ctx: Context) -> str:
    """What the docent could say instead; never what the turn itself already asked."""
    first = _fitting_proposal(turn, key, ctx)
    if key not in _NEW_QUESTION:
        return first
    options = ctx.texts["valkuilen"][key]["voorstellen"]
    for candidate in (first, options.get(turn.ex.analysis.competentie or "", ""),
                      options["standaard"], *options.values()):
        if candidate and not _already_asked(candidate, turn.ex.docent):
            return candidate
    return first


def _already_asked(proposal: str, docent: str) -> bool:
    """The proposal's question (its last sentence) is in the docent's own turn."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", proposal.strip()) if s.strip()]
    question = _plain(sentences[-1]) if sentences else ""
    return bool(question) and question in _plain(docent)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _fitting_proposal(turn: Turn, key: str, ctx: Context) -> str:
    """What the docent could say instead, from the turn itself where possible."""
    options = ctx.texts["valkuilen"][key]["voorstellen"]
    analysis = turn.ex.analysis
    if key in ("adviseur", "informeerder"):
        # A follow-up on what the student had just said fits that moment best.
        return (_follow_up(turn, ctx)
                or options.get(analysis.competentie or "", options["standaard"]))
    if key == "gesloten_vragensteller":
        return options.get(analysis.fase or turn.ex.phase, options["standaard"])
    if key == "vooruitspringer":
        earlier = [t.ex for t in ctx.turns if t.number < turn.number]
        told = any(ex.phase == "terugkijken" or ex.layer in ("terugkijken", "verbreden_verdiepen")
                   for ex in earlier)
        return options["niet_verkend" if told else "geen_ervaring"]
    if key == "stapelaar":
        return _first_question(turn) or options["standaard"]
    if key == "over_de_student":  # an opinion asked: ask what they saw, then the student
        opinion = re.search(r"\b(vindt|denkt|vond)\b", turn.ex.docent, re.IGNORECASE)
        return options["gezien"] if opinion else options["standaard"]
    # oordelaar: the question the turn also asked, without the judgement.
    rest = [s.text.strip() for s in analysis.segments
            if s.move in QUESTIONS and s.move != "meervoudige_vraag"]
    if rest:
        return _shorten(" ".join(rest))
    return options.get(analysis.competentie or "", options["standaard"])


def _follow_up(turn: Turn, ctx: Context) -> str:
    """A follow-up on the student's words before ``turn``: ``Je zei: ‘zo simpel is het
    niet’. Kun je daar meer over vertellen?``. It quotes the most recent reply with
    content: "ja, klopt", "geen idee" or a silence give nothing to follow up on, so an
    earlier reply is quoted; "" when the student said nothing of note at all."""
    from gesprekscoach.analysis.words import content_words

    empty = _empty_replies(tuple(ctx.texts["lege_antwoorden"]))
    for earlier in sorted((t for t in ctx.turns if t.number < turn.number),
                          key=lambda t: -t.number):
        said = earlier.ex.student
        if is_silent(said) or not empty.sub(" ", _plain(said)).strip():
            continue
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", said) if s.strip()]
        fitting = [s for s in sentences if 2 <= len(s.split()) <= 12 and content_words(s)
                   and "?" not in s and empty.sub(" ", _plain(s)).strip()]
        if fitting:
            words = fitting[-1].rstrip(".!…")
            return ctx.texts["doorvraag_op_woorden"].format(woorden=words[:1].lower() + words[1:])
    return ""


@cache
def _empty_replies(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the content-free words and phrases, longest first."""
    words = sorted({_plain(p) for p in phrases if _plain(p)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _first_question(turn: Turn) -> str:
    """One question out of a stack, an open one if the stack holds one; "" if none is found."""
    segments = [s for s in turn.ex.analysis.segments
                if s.move in QUESTIONS and s.move != "meervoudige_vraag"]
    if segments:
        best = min(segments, key=lambda s: s.move not in OPEN)  # first open one, else first
        return _shorten(_as_question(best.text))
    text = turn.ex.docent.strip()
    if text.count("?") >= 2:
        return _shorten(_as_question(text.split("?", 1)[0]))
    # "Hoe ging het en wat vond je ervan?": cut before the second question word.
    match = _SECOND_QUESTION.search(text)
    return _shorten(_as_question(text[: match.start()])) if match else ""


def _as_question(text: str) -> str:
    text = text.strip().rstrip(".?!,; ")
    return (text[:1].upper() + text[1:] + "?") if text else ""


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1].rstrip() + "…"
