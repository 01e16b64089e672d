"""Codes a docent's turn against the codebook: moves, phase, competence, tips.

Pure: no UI and no I/O beyond reading the rule pack once. The rule pack is in
:mod:`rulepack`, the split of a turn in :mod:`segments`, the move of each
segment by the rules in :mod:`moves`, phase and competence in :mod:`phases`;
here they are put together with the trained layer into a :class:`TurnAnalysis`.
"""

from __future__ import annotations

from collections.abc import Sequence

from gesprekscoach.analysis import words
from gesprekscoach.analysis.classifier import AnalysisModel, LinearModel, model
from gesprekscoach.analysis.explain import evidence, explain
from gesprekscoach.analysis.features import construction, segment_features, turn_features
from gesprekscoach.analysis.grammar import is_evaluative, read
from gesprekscoach.analysis.moves import (
    _PERSONS,
    _SPEAKER,
    CLAIM_REASON,
    ECHO_WORDS,
    ECHO_WORDS_WITHOUT_SUBJECT,
    IMPERATIVE_REASON,
    _asks,
    _repeats,
    _restates,
    rule_segments,
)
from gesprekscoach.analysis.phases import _competence, _phase
from gesprekscoach.analysis.questions import QUESTION_MOVES, counted, join_pieces
from gesprekscoach.analysis.rulepack import RulePack, _normal, rules
from gesprekscoach.codebook import COMPETENTIES, FASEN, PHASELESS, primary
from gesprekscoach.model import Segment, TurnAnalysis

#: Words that open a restatement as one: what follows is the student's, given back.
_SUMMARY_WORDS = frozenset({"dus", "kortom", "samengevat", "samenvattend", "oftewel"})


def _judged(segment: Segment, student: str, pack: RulePack) -> Segment:
    """Whose judgement a segment gives. A restatement with a word of praise or blame the
    student did not say, before a noun, is the docent's ("Je hebt ook stomme keuzes
    gemaakt."); "verkeerd gezaagd" after the student's own story, a feeling given back
    ("Je vond het goed gaan") and "Dus…" stay a summary. The other way round, a
    restatement whose judging words are all the student's ("Netjes werken en…" after "ik
    werk netjes…") is a summary, not praise."""
    plain = _normal(segment.text)
    said = set(words.lowered(_normal(student)))
    if segment.move == "oordeel":
        own = all(w in said for w in plain.split() if is_evaluative(w, pack.evaluative))
        if own and len(words.content_words(segment.text)) >= 3 and _restates(segment.text, student):
            return Segment(segment.text, segment.start, segment.end, "samenvatting", segment.evidence,
                           "herhaalt de woorden van de student, ook het oordeel is van de student")
        return segment
    if segment.move != "samenvatting" or pack.patterns["samenvatting_inleiding"].first_match(plain) or (
            plain.split()[:1] and plain.split()[0].strip(":,") in _SUMMARY_WORDS):
        return segment   # "Dus…", "Als ik je goed begrijp…": marked as the student's, given back
    shape = read(segment.text)
    judged = [w for w, after in zip(shape.words, (*shape.tags[1:], ""))
              if is_evaluative(w.lower(), pack.evaluative) and w.lower() not in said and after.startswith("N")]
    if not judged or shape.reporting or shape.kind == "vraag":
        return segment
    return Segment(segment.text, segment.start, segment.end, "oordeel", judged[0],
                   f"een oordeel in een weergave: '{judged[0]}' zei de student niet")


def _takes_up(segment: Segment, pack: RulePack) -> bool:
    """A restatement of the student's last words (not a look back over the whole talk)."""
    return not pack.patterns["terugblik"].first_match(_normal(segment.text))


def _echo(text: str, pack: RulePack) -> bool:
    toks = text.split()
    if text.rstrip().endswith(("?", "...", "…")) and len(toks) <= ECHO_WORDS:
        return True
    core = list(words.lowered(_normal(text)))
    return len(core) <= ECHO_WORDS_WITHOUT_SUBJECT and not any(t in _PERSONS or t in _SPEAKER for t in core)


def _assemble(raw: list[Segment], student: str, pack: RulePack) -> list[Segment]:
    """Merge what belongs together: an echo before a question, a check after a summary,
    several questions into one meervoudige vraag."""
    merged: list[Segment] = []
    restated = any(s.move == "samenvatting" and _takes_up(s, pack) for s in raw)
    for index, seg in enumerate(raw):
        if (restated and seg.move == "open_vraag"
                and not pack.patterns["onderwerpwissel"].first_match(_normal(seg.text))):
            # A question after a restatement builds on the student's words.
            seg = Segment(seg.text, seg.start, seg.end, "doorvraag", seg.evidence,
                          "vraagt door na een samenvatting van wat de student zei")
        following = raw[index + 1] if index + 1 < len(raw) else None
        # "Verbaasd. Waarover precies?": a few of the student's words, whatever they
        # look like on their own, lead into the question.
        shape_only = seg.move in ("samenvatting", "overig") or seg.reason in (IMPERATIVE_REASON, CLAIM_REASON)
        # Praise is no echo, even in the student's words ("Goed plan." after "een plan").
        echo = shape_only and _echo(seg.text, pack) and not pack.patterns["oordeel"].first_match(
            _normal(seg.text)) and (
            seg.move == "samenvatting" or (_repeats(seg.text, student) and not _asks(student, pack)))
        if echo and following is not None and following.move in QUESTION_MOVES:
            restated = restated or seg.move != "samenvatting"  # the echo makes the question a follow-up
            continue
        merged.append(seg)
    merged = join_pieces(merged, student, pack)
    count = counted(merged, pack)
    if count < 2:
        return merged
    # Each question keeps its own span, so the UI can mark exactly those words.
    return [
        Segment(s.text, s.start, s.end, "meervoudige_vraag", s.text,
                f"een van {count} vragen in één beurt: de student kan ze niet allemaal beantwoorden")
        if s.move in QUESTION_MOVES else s
        for s in merged
    ]


def _tips(code: str, segments: Sequence[Segment], pack: RulePack) -> tuple[str, ...]:
    tips = [pack.tips[code]] if code in pack.tips else []
    if any(_normal(s.text).startswith(("waarom", "en waarom", "maar waarom")) for s in segments):
        tips.append(pack.tips["waarom"])
    return tuple(tips)


#: How many earlier student turns a closing summary may draw on.
HISTORY_WINDOW = 8


def position(index: int, count: int) -> str:
    """Where a segment stands in its turn, as the trained layer names it."""
    if count == 1:
        return "enig"
    return "eerst" if index == 0 else "laatst" if index == count - 1 else "midden"


def _recode(raw: list[Segment], student: str, context: str, trained: AnalysisModel,
            pack: RulePack) -> list[Segment]:
    """Let the trained layer decide each segment whose construction the rules are not sure of."""
    out = []
    for index, seg in enumerate(raw):
        if (seg.move, construction(seg.reason)) in trained.sure:
            out.append(seg)
            continue
        found = trained.move.predict(segment_features(
            seg.text, pack.plain(seg.text), seg.move, seg.reason, student, context,
            position(index, len(raw))))
        if found.label != seg.move and found.probability >= trained.min_probability:
            grammar = explain(found.evidence)
            seg = Segment(seg.text, seg.start, seg.end, found.label,
                          evidence(found.evidence, pack.plain(seg.text)) or seg.text.strip(),
                          f"getrainde laag, {found.probability:.0%} zeker" + (f": {grammar}" if grammar else ""))
        out.append(seg)
    return out


_NO_LABEL = "-"


def _trained_label(trained: LinearModel, features: list[str], allowed: Sequence[str | None]) -> str | None:
    """The trained model's choice among ``allowed`` (None: no phase or competence)."""
    label = trained.predict(features, [a if a else _NO_LABEL for a in allowed]).label
    return None if label == _NO_LABEL else label


def analyse(
    docent_turn: str,
    previous_student_turn: str = "",
    history: Sequence[str] = (),
) -> TurnAnalysis:
    """Analyse one docent turn.

    ``previous_student_turn`` is what the student said just before (empty when
    the docent speaks first); ``history`` holds the student's earlier turns,
    oldest first, of which only the last few are read, so the cost per turn
    does not grow with the conversation.
    """
    return analyse_with(model(), docent_turn, previous_student_turn, history)


def analyse_with(
    trained: AnalysisModel | None,
    docent_turn: str,
    previous_student_turn: str = "",
    history: Sequence[str] = (),
) -> TurnAnalysis:
    """``analyse`` with the given trained layer, or the rules alone (None)."""
    pack = rules()
    text = docent_turn if isinstance(docent_turn, str) else str(docent_turn)
    student = previous_student_turn or ""
    context = " ".join([*history[-HISTORY_WINDOW:], student]) if history else student
    raw = [_judged(seg, student, pack) for seg in rule_segments(text, student, context, pack)]
    if trained is not None:
        raw = _recode(raw, student, context, trained, pack)
    segments = tuple(_assemble(raw, student, pack))
    codes = frozenset(s.move for s in segments)
    code = primary(codes)
    taken = tuple(dict.fromkeys(t.text for t in words.shared(text, student))) if student else ()
    fase = _phase(code, segments, student, pack)
    competentie = _competence(code, fase, segments, student, pack)
    if trained is not None:
        described = turn_features(pack.plain(text), student, code, fase, competentie, len(history))
        if code in PHASELESS:
            fase = None
        else:
            allowed = (None, "opening", "afsluiting") if code == "overig" else (None, *FASEN)
            fase = _trained_label(trained.fase, described, allowed)
        if code not in ("aanmoediging", "overig"):
            competentie = _trained_label(trained.competentie, described, (None, *COMPETENTIES))
    return TurnAnalysis(
        text=text,
        segments=segments,
        codes=codes,
        code=code,
        fase=fase,
        competentie=competentie,
        tips=_tips(code, segments, pack),
        taken_up=taken,
    )
