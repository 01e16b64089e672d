"""The trained layer at run time: linear models read from one versioned file.

``scripts/train_analyser.py`` fits them with scikit-learn and writes
``data/analysemodel.json.gz``; here they are plain dictionaries, so loading
needs neither scikit-learn nor numpy and a prediction is a few hundred
additions. The file carries its format and a checksum of its weights, checked
when it is loaded.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..errors import Problem, UserError

FORMAT = "gesprekscoach-analysemodel/1"


@dataclass(frozen=True)
class Prediction:
    """A label, how sure the model is, and the features that weighed most for it."""

    label: str
    probability: float
    evidence: tuple[str, ...]
    probabilities: Mapping[str, float]


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression: one weight per (feature, label)."""

    labels: tuple[str, ...]
    weights: Mapping[str, Mapping[str, float]]

    def predict(self, features: Iterable[str], allowed: Sequence[str] | None = None) -> Prediction:
        scores = dict.fromkeys(allowed or self.labels, 0.0)
        contributions: dict[str, list[tuple[float, str]]] = {label: [] for label in scores}
        for feature in dict.fromkeys(features):
            row = self.weights.get(feature)
            if not row:
                continue
            for label, weight in row.items():
                if label in scores:
                    scores[label] += weight
                    contributions[label].append((weight, feature))
        top = max(scores.values())
        exps = {label: math.exp(score - top) for label, score in scores.items()}
        total = sum(exps.values())
        probabilities = {label: value / total for label, value in exps.items()}
        label = max(scores, key=lambda name: (scores[name], -self.labels.index(name)))
        strongest = sorted(contributions[label], reverse=True)[:3]
        return Prediction(label, probabilities[label],
                          tuple(f for w, f in strongest if w > 0 and f != "bias"), probabilities)

    def to_json(self) -> dict[str, object]:
        return {"labels": list(self.labels), "weights": {f: dict(r) for f, r in self.weights.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> LinearModel:
        labels = tuple(str(x) for x in data["labels"])  # type: ignore[attr-defined]
        weights = {str(f): {str(k): float(v) for k, v in row.items()}
                   for f, row in data["weights"].items()}  # type: ignore[attr-defined]
        return cls(labels, weights)


@dataclass(frozen=True)
class AnalysisModel:
    """The three models of the analyser and the constructions the rules are sure of."""

    move: LinearModel
    fase: LinearModel
    competentie: LinearModel
    #: Rule constructions (move, reason) that the training corpora showed to be right
    #: almost always: there the rules decide and the model is not asked.
    sure: frozenset[tuple[str, str]]
    #: Below this probability the model's move does not overrule the rules' move.
    min_probability: float
    trained_on: Mapping[str, int]


def checksum(payload: Mapping[str, object]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def dump(model: AnalysisModel) -> bytes:
    """The model file's bytes: the same model gives the same bytes."""
    payload = {
        "move": model.move.to_json(), "fase": model.fase.to_json(),
        "competentie": model.competentie.to_json(),
        "zeker": sorted([list(pair) for pair in model.sure]),
        "min_kans": model.min_probability, "getraind_op": dict(sorted(model.trained_on.items())),
    }
    text = json.dumps({"format": FORMAT, "sha256": checksum(payload), "model": payload},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def load(raw: bytes, where: str) -> AnalysisModel:
    """The model in ``raw``; a damaged or foreign file is a Dutch message."""
    def bad(why: str) -> UserError:
        return UserError(Problem(f"het analysemodel is {why}; maak het opnieuw met "
                                 "scripts/train_analyser.py", where))
    try:
        data = json.loads(gzip.decompress(raw))
    except (OSError, ValueError, EOFError):
        raise bad("beschadigd (geen geldig gzip-JSON-bestand)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad(f"niet van deze versie (verwacht {FORMAT})")
    payload = data.get("model")
    if not isinstance(payload, dict) or data.get("sha256") != checksum(payload):
        raise bad("beschadigd (de controlesom klopt niet)")
    try:
        return AnalysisModel(
            move=LinearModel.from_json(payload["move"]),
            fase=LinearModel.from_json(payload["fase"]),
            competentie=LinearModel.from_json(payload["competentie"]),
            sure=frozenset((str(m), str(r)) for m, r in payload["zeker"]),
            min_probability=float(payload["min_kans"]),
            trained_on={str(k): int(v) for k, v in payload["getraind_op"].items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise bad("niet in de verwachte vorm") from None


MODEL_FILE = "analysemodel.json.gz"


@cache
def model() -> AnalysisModel | None:
    """The shipped model, or None when the package has none (rules alone)."""
    source = files("gesprekscoach.data").joinpath(MODEL_FILE)
    if not source.is_file():
        return None
    return load(source.read_bytes(), str(source))
