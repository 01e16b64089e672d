"""The evidence the trained layer weighs, as feature names.

A segment is described by its words (lower case, "u" read as "je"), its first
words, its grammar (``grammar.read``), the construction the rules found, and how
much it takes up of what the student said. A turn's phase and competence are
described by the docent's word forms, the student's, the move and what the
phase and competence cues found. Names are short strings, so the weights file
stays readable.
"""

from __future__ import annotations

from collections.abc import Sequence

from gesprekscoach.analysis import words
from gesprekscoach.analysis.grammar import read


def _ngrams(tokens: Sequence[str], prefix: str) -> list[str]:
    out = [f"{prefix}{t}" for t in tokens]
    out += [f"{prefix}{a}_{b}" for a, b in zip(tokens, tokens[1:])]
    return out


def construction(reason: str) -> str:
    """The rule construction behind a reason, without the words it quotes:
    "herhaalt de woorden van de student (roken)" → "herhaalt de woorden van de student"."""
    return reason.split(" (")[0].split(":")[0][:60]


def segment_features(text: str, plain: str, rule_move: str, rule_reason: str, student: str,
                     context: str, position: str) -> list[str]:
    """Features of one segment. ``plain``: its normal form with "u" read as "je";
    ``position``: "enig", "eerst", "midden" or "laatst" in the turn."""
    tokens = list(words.lowered(plain))
    out = ["bias", f"r:{rule_move}", f"rr:{construction(rule_reason)}", f"pos:{position}",
           f"pos_r:{position}_{rule_move}"]
    out += _ngrams(tokens, "w:")
    out += [f"f1:{t}" for t in tokens[:1]] + [f"f2:{'_'.join(tokens[:2])}" for _ in tokens[1:2]]
    out += [f"f3:{'_'.join(tokens[:3])}" for _ in tokens[2:3]]
    if tokens:
        out.append(f"l1:{tokens[-1]}")
    end = text.rstrip()[-1:] if text.strip() else ""
    out.append("eind:" + {"?": "vraagteken", "!": "uitroepteken", ".": "punt"}.get(end, "geen"))
    out.append(f"len:{min(len(tokens), 12) // 3}")
    shape = read(text)
    out += shape.features()
    out.append(f"g:soort_r={shape.kind}_{rule_move}")
    if student.strip():
        # (No feature for a missing student turn: the published utterances have none,
        # and the model would learn their mix of moves instead of the turn's words.)
        taken = len({t.lower for t in words.shared(plain, student)})
        out.append(f"ctx:overgenomen={min(taken, 3)}")
        content = len(words.content_words(plain))
        if content:
            out.append(f"ctx:aandeel={min(4, int(4 * taken / content))}")
        if student.rstrip().endswith("?"):
            out.append("ctx:student_vraagt")
    if context.strip() and context != student:
        earlier = len({t.lower for t in words.shared(plain, context)})
        if earlier:
            out.append(f"ctx:eerder={min(earlier, 3)}")
    return out


#: Buckets of how many student turns came before: where in a conversation a turn stands.
_DEPTH = ((1, "1"), (3, "2-3"), (6, "4-6"), (10, "7-10"))


def turn_features(plain: str, student: str, code: str, rule_fase: str | None,
                  rule_competentie: str | None, earlier: int = 0) -> list[str]:
    """Features of a whole turn, for its phase and competence; ``earlier``: how many
    student turns came before the last one (0 when unknown or at the start)."""
    mine = [words.lemma(t) for t in words.lowered(plain)]
    theirs = [words.lemma(t) for t in words.lowered(student) if words.is_content(t)]
    out = ["bias", f"c:{code}", f"rf:{rule_fase}", f"rc:{rule_competentie}",
           f"rfc:{rule_fase}_{code}", f"rcc:{rule_competentie}_{code}"]
    out += _ngrams(mine, "d:")
    out += [f"f2:{'_'.join(mine[:2])}" for _ in mine[1:2]]
    out += [f"s:{t}" for t in theirs]
    if not student.strip():
        out.append("s:-")
    if earlier:
        depth = next((name for limit, name in _DEPTH if earlier <= limit), "11+")
        out += [f"h:{depth}", f"h:{depth}_{code}"]
    return out
