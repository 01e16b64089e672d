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

from gesprekscoach.errors import Problem, UserError

FORMAT = "gesprekscoach-analysemodel/1"


@dataclass(frozen=True)
class Prediction:
    """A label, how sure the model is, and the features that weighed most for it."""

    label: str
    probability: float
    evidence: tuple[str, ...]
    probabilities: Mapping[str, float]


#: Weights are stored as whole thousandths: integers read twice as fast as floats.
SCALE = 1000


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression. ``weights`` holds, for the feature at
    ``index[feature]``, one weight per label (in the order of ``labels``) in
    thousandths, all features in one flat list: the file reads in milliseconds."""

    labels: tuple[str, ...]
    index: Mapping[str, int]
    weights: Sequence[int]

    @classmethod
    def from_rows(cls, labels: Sequence[str], rows: Mapping[str, Sequence[float]]) -> LinearModel:
        names = sorted(rows)
        flat = [round(w * SCALE) for name in names for w in rows[name]]
        return cls(tuple(labels), {n: i * len(labels) for i, n in enumerate(names)}, flat)

    def row(self, feature: str) -> Sequence[int] | None:
        start = self.index.get(feature)
        return None if start is None else self.weights[start:start + len(self.labels)]

    def predict(self, features: Iterable[str], allowed: Sequence[str] | None = None) -> Prediction:
        """The best label (among ``allowed``, when given) for ``features``."""
        keep = [i for i, label in enumerate(self.labels) if allowed is None or label in allowed]
        scores = [0] * len(self.labels)
        rows = [(feature, row) for feature in dict.fromkeys(features) if (row := self.row(feature)) is not None]
        for _, row in rows:
            for i, weight in enumerate(row):
                scores[i] += weight
        best = max(keep, key=lambda i: scores[i])  # the earlier label on a tie
        top = scores[best]
        exps = {self.labels[i]: math.exp((scores[i] - top) / SCALE) for i in keep}
        total = sum(exps.values())
        probabilities = {label: value / total for label, value in exps.items()}
        strongest = sorted(((row[best], feature) for feature, row in rows), reverse=True)[:5]
        return Prediction(self.labels[best], probabilities[self.labels[best]],
                          tuple(f for w, f in strongest if w > 0 and f != "bias"), probabilities)

    def to_json(self) -> dict[str, object]:
        names = sorted(self.index, key=self.index.__getitem__)
        return {"labels": list(self.labels), "kenmerken": names, "gewichten": list(self.weights)}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> LinearModel:
        labels = tuple(str(x) for x in data["labels"])  # type: ignore[attr-defined]
        names = data["kenmerken"]
        weights = data["gewichten"]
        if not isinstance(names, list) or not isinstance(weights, list) or len(weights) != len(names) * len(labels):
            raise ValueError("weights do not fit the labels")
        return cls(labels, {n: i * len(labels) for i, n in enumerate(names)}, weights)


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


def dump(model: AnalysisModel) -> bytes:
    """The model file's bytes: a header line (format, checksum of the rest) and the
    model as one line of JSON; the same model gives the same bytes."""
    payload = {
        "move": model.move.to_json(), "fase": model.fase.to_json(),
        "competentie": model.competentie.to_json(),
        "zeker": sorted([list(pair) for pair in model.sure]),
        "min_kans": model.min_probability, "getraind_op": dict(sorted(model.trained_on.items())),
    }
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "sha256": hashlib.sha256(body).hexdigest()}).encode("utf-8")
    return gzip.compress(header + b"\n" + body, compresslevel=9, mtime=0)


def load(raw: bytes, where: str) -> AnalysisModel:
    """The model in ``raw``; a damaged or foreign file is a Dutch message."""
    def bad(why: str) -> UserError:
        return UserError(Problem(f"het analysemodel is {why}; maak het opnieuw met "
                                 "scripts/train_analyser.py", where))
    try:
        header_line, _, body = gzip.decompress(raw).partition(b"\n")
        header = json.loads(header_line)
    except (OSError, ValueError, EOFError):
        raise bad("beschadigd (geen geldig gzip-bestand met een kopregel)") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise bad(f"niet van deze versie (verwacht {FORMAT})")
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        raise bad("beschadigd (de controlesom klopt niet)")
    try:
        payload = json.loads(body)
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
