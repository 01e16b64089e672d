"""How well the analyser agrees with a labelled corpus.

Pure and hand-written (no sklearn): the figures are simple, and writing them
out keeps their exact definitions visible. A ratio whose denominator is zero
is 0.0 (as scikit-learn's ``zero_division=0``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gesprekscoach.analysis.corpus import GoldRow
from gesprekscoach.codebook import CODES, VIOLATIONS, in_priority
from gesprekscoach.model import TurnAnalysis


@dataclass(frozen=True, slots=True)
class CodeScore:
    """Precision, recall and F1 of one primary code."""

    precision: float
    recall: float
    f1: float
    #: Number of gold rows with this primary code.
    support: int

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "support": self.support}


@dataclass(frozen=True, slots=True)
class Labels:
    """The labels of one turn, gold or predicted, for listing misses."""

    code: str
    codes: tuple[str, ...]
    fase: str | None
    competentie: str | None

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "codes": list(self.codes), "fase": self.fase,
                "competentie": self.competentie}


@dataclass(frozen=True, slots=True)
class Miss:
    """A row where code, fase or competentie differs from gold."""

    id: str
    line: int
    docent: str
    student: str
    gold: Labels
    predicted: Labels

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "regel": self.line, "student": self.student,
                "docent": self.docent, "verwacht": self.gold.to_dict(),
                "voorspeld": self.predicted.to_dict()}


@dataclass(frozen=True)
class Evaluation:
    """All figures of one evaluation run."""

    n: int
    code_accuracy: float
    #: Mean F1 over the codes that occur in gold or prediction (the keys of per_code).
    code_macro_f1: float
    #: Micro F1 over the sets of codes (every code of every turn counts once).
    codes_micro_f1: float
    #: Share of rows with the right fase; null is a value like any other.
    fase_accuracy: float
    competentie_accuracy: float
    #: Share of gold violations (primary code) that were predicted as a violation.
    violation_recall: float
    #: Share of predicted violations that are violations in gold.
    violation_precision: float
    #: Per primary code that occurs in gold or prediction, in priority order.
    per_code: dict[str, CodeScore]
    #: Share of rows whose move family is right: open_vraag and doorvraag are one
    #: family (without the student's turn a follow-up is often not recognisable).
    family_accuracy: float
    #: Recall and precision with oordeel counted as a violation too.
    judgement_recall: float
    judgement_precision: float
    #: (gold code, predicted code) → count.
    confusion: dict[tuple[str, str], int]
    misses: tuple[Miss, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """The codes in the confusion matrix and per_code, in priority order."""
        return tuple(self.per_code)

    def to_dict(self, *, with_misses: bool = False) -> dict[str, object]:
        """The figures under their documented keys; ``fouten`` only on request."""
        result: dict[str, object] = {
            "n": self.n,
            "code_accuracy": self.code_accuracy,
            "code_macro_f1": self.code_macro_f1,
            "codes_micro_f1": self.codes_micro_f1,
            "fase_accuracy": self.fase_accuracy,
            "competentie_accuracy": self.competentie_accuracy,
            "violation_recall": self.violation_recall,
            "violation_precision": self.violation_precision,
            "family_accuracy": self.family_accuracy,
            "judgement_recall": self.judgement_recall,
            "judgement_precision": self.judgement_precision,
            "per_code": {code: score.to_dict() for code, score in self.per_code.items()},
        }
        if with_misses:
            result["fouten"] = [miss.to_dict() for miss in self.misses]
        return result


def ratio(numerator: int, denominator: int) -> float:
    """``numerator / denominator``, and 0.0 for an empty denominator."""
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean, 0.0 when both are zero."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluate(gold: Sequence[GoldRow], predicted: Sequence[TurnAnalysis]) -> Evaluation:
    """Compare predictions with gold rows, pairwise in the same order."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold rows but {len(predicted)} predictions")
    n = len(gold)
    pairs = list(zip(gold, predicted))

    confusion = Counter((g.code, p.code) for g, p in pairs)
    gold_counts = Counter(g.code for g in gold)
    predicted_counts = Counter(p.code for p in predicted)
    per_code: dict[str, CodeScore] = {}
    for code in CODES:
        if not gold_counts[code] and not predicted_counts[code]:
            continue
        hits = confusion[(code, code)]
        precision = ratio(hits, predicted_counts[code])
        recall = ratio(hits, gold_counts[code])
        per_code[code] = CodeScore(precision, recall, f1(precision, recall), gold_counts[code])

    shared = sum(len(g.codes & p.codes) for g, p in pairs)
    micro_precision = ratio(shared, sum(len(p.codes) for p in predicted))
    micro_recall = ratio(shared, sum(len(g.codes) for g in gold))

    recall, precision = _caught(pairs, VIOLATIONS)
    judgement_recall, judgement_precision = _caught(pairs, VIOLATIONS | {"oordeel"})

    misses = tuple(
        Miss(g.id, g.line, g.docent, g.student,
             Labels(g.code, in_priority(g.codes), g.fase, g.competentie),
             Labels(p.code, in_priority(p.codes), p.fase, p.competentie))
        for g, p in pairs
        if (g.code, g.fase, g.competentie) != (p.code, p.fase, p.competentie)
    )
    return Evaluation(
        n=n,
        code_accuracy=ratio(sum(g.code == p.code for g, p in pairs), n),
        code_macro_f1=ratio_f(sum(s.f1 for s in per_code.values()), len(per_code)),
        codes_micro_f1=f1(micro_precision, micro_recall),
        fase_accuracy=ratio(sum(g.fase == p.fase for g, p in pairs), n),
        competentie_accuracy=ratio(sum(g.competentie == p.competentie for g, p in pairs), n),
        violation_recall=recall,
        violation_precision=precision,
        per_code=per_code,
        family_accuracy=ratio(sum(family(g.code) == family(p.code) for g, p in pairs), n),
        judgement_recall=judgement_recall,
        judgement_precision=judgement_precision,
        confusion=dict(confusion),
        misses=misses,
    )


def family(code: str) -> str:
    """The move family of a code: a follow-up is an open question."""
    return "open_vraag" if code == "doorvraag" else code


def _caught(pairs: list[tuple[GoldRow, TurnAnalysis]], kinds: frozenset[str]) -> tuple[float, float]:
    """Recall and precision of finding a primary code among ``kinds``."""
    gold = [g.code in kinds for g, _ in pairs]
    found = [p.code in kinds for _, p in pairs]
    caught = sum(g and p for g, p in zip(gold, found))
    return ratio(caught, sum(gold)), ratio(caught, sum(found))


def ratio_f(total: float, count: int) -> float:
    """A mean, 0.0 for no values."""
    return total / count if count else 0.0
