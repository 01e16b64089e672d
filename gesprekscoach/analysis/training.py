"""Fitting the trained layer from labelled corpora (needs scikit-learn).

Used by ``scripts/train_analyser.py`` to write the shipped model and by
``gesprekscoach evalueer --groepen`` for cross-validation grouped by source.
Segments get their gold move from the turn's codes: a turn of one segment
gives it the turn's code; in a longer turn a segment keeps the rules' move
when that move is among the gold codes, and the one gold code no rule found
goes to the one segment the rules coded outside the gold codes.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gesprekscoach.analysis.classifier import AnalysisModel, LinearModel
from gesprekscoach.codebook import COMPETENTIES, FASEN, PHASELESS

SEED = 20261207
#: A rule construction this precise on at least this many training segments decides alone.
SURE_PRECISION = 0.97
SURE_SUPPORT = 40
#: Weights smaller than this are left out of the file.
MIN_WEIGHT = 0.01
#: How much one real published utterance counts against one written turn.
REAL_WEIGHT = 10.0
#: How much a turn of a set the rules were tuned on counts.
TUNED_WEIGHT = 0.5
NO_LABEL = "-"


@dataclass(frozen=True)
class Row:
    """One labelled docent turn with what the student said before it."""

    id: str
    docent: str
    student: str
    codes: tuple[str, ...]
    code: str
    fase: str | None
    competentie: str | None
    group: str
    history: tuple[str, ...] = ()
    real: bool = False
    #: A set the rules were tuned on (``tests/data``): there the rules look better
    #: than they are, so it weighs less and does not show which rules are sure.
    tuned: bool = False
    extra: dict = field(default_factory=dict, compare=False)


def read_jsonl(path: Path, *, real: bool = False, tuned: bool = False) -> list[Row]:
    """Rows of a corpus file; consecutive turns of one ``gesprek`` get its earlier student turns."""
    rows: list[Row] = []
    said: dict[str, list[str]] = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        if data.get("status", "ok") != "ok":
            continue
        talk = data.get("gesprek")
        history: tuple[str, ...] = ()
        if talk:
            history = tuple(said[talk])
            if data.get("student"):
                said[talk].append(data["student"])
        rows.append(Row(str(data["id"]) if "id" in data else f"{talk}-{data.get('beurt')}",
                        data["docent"], data.get("student") or "", tuple(data["codes"]), data["code"],
                        data.get("fase"), data.get("competentie"),
                        data.get("bron") or path.stem, history, real, tuned))
    return rows


def read_echt(path: Path, statuses: Sequence[str] = ("ok",)) -> list[Row]:
    """The rows of ``echt.tsv`` with one of ``statuses``, grouped by their source page."""
    with path.open(encoding="utf-8") as handle:
        return [Row(r["id"], r["docent"], "", tuple(r["codes"].split(",")), r["code"], r["fase"] or None,
                    r["competentie"] or None, r["bron"], (), real=True, extra={"setting": r["setting"]})
                for r in csv.DictReader(handle, delimiter="\t") if r["status"] in statuses]


def _segment_examples(row: Row) -> Iterable[tuple[list[str], str, tuple[str, str]]]:
    """Features and gold move of each segment, with its (rule move, construction)."""
    from gesprekscoach.analysis.analyser import position, rule_segments, rules
    from gesprekscoach.analysis.features import construction, segment_features

    pack = rules()
    context = " ".join([*row.history[-8:], row.student]) if row.history else row.student
    raw = rule_segments(row.docent, row.student, context, pack)
    gold = set(row.codes)
    if len(raw) == 1:
        labels: list[str | None] = [row.code]
    else:
        labels = [s.move if s.move in gold else None for s in raw]
        missing = gold - {s.move for s in raw}
        if len(missing) == 1 and labels.count(None) == 1:
            labels[labels.index(None)] = missing.pop()
    for index, (seg, label) in enumerate(zip(raw, labels)):
        if label is None:
            continue
        feats = segment_features(seg.text, pack.plain(seg.text), seg.move, seg.reason,
                                 row.student, context, position(index, len(raw)))
        yield feats, label, (seg.move, construction(seg.reason))


def _turn_features(row: Row) -> list[str]:
    from gesprekscoach.analysis.analyser import analyse_with, rules
    from gesprekscoach.analysis.features import turn_features

    alone = analyse_with(None, row.docent, row.student, row.history)
    return turn_features(rules().plain(row.docent), row.student, row.code, alone.fase, alone.competentie,
                         len(row.history))


def _fit(examples: list[tuple[list[str], str, float]], labels: Sequence[str], c: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f, 1.0) for f, _, _ in examples])
    y = [label for _, label, _ in examples]
    fitted = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    fitted.fit(x, y, sample_weight=[w for _, _, w in examples])
    names = vectorizer.get_feature_names_out()
    found = [str(k) for k in fitted.classes_]
    ordered = tuple(label for label in labels if label in found)
    index = [found.index(label) for label in ordered]
    coef = fitted.coef_
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(names):
        row = [round(float(coef[k, j]), 3) for k in index]
        if max(abs(w) for w in row) >= MIN_WEIGHT:
            weights[str(name)] = [w if abs(w) >= MIN_WEIGHT else 0.0 for w in row]
    bias = weights.setdefault("bias", [0.0] * len(ordered))
    weights["bias"] = [round(b + float(fitted.intercept_[k]), 3) for b, k in zip(bias, index)]
    return LinearModel.from_rows(ordered, weights)


def fit(rows: Sequence[Row], *, c_move: float = 0.5, c_turn: float = 0.5) -> AnalysisModel:
    """The trained layer for ``rows``; the same rows give the same model."""
    from gesprekscoach.codebook import CODES

    segments: list[tuple[list[str], str, float]] = []
    constructions: dict[tuple[str, str], Counter] = defaultdict(Counter)
    fases: list[tuple[list[str], str, float]] = []
    competences: list[tuple[list[str], str, float]] = []
    counts: Counter = Counter()
    for row in rows:
        weight = REAL_WEIGHT if row.real else TUNED_WEIGHT if row.tuned else 1.0
        counts["echt" if row.real else "afgestemd" if row.tuned else "eigen"] += 1
        for feats, label, construction in _segment_examples(row):
            segments.append((feats, label, weight))
            if not row.tuned:
                constructions[construction][label == construction[0]] += 1
        feats = _turn_features(row)
        if row.code not in PHASELESS:
            fases.append((feats, row.fase or NO_LABEL, weight))
        if row.code not in ("aanmoediging", "overig"):
            competences.append((feats, row.competentie or NO_LABEL, weight))
    sure = frozenset(
        c for c, tally in constructions.items()
        if sum(tally.values()) >= SURE_SUPPORT and tally[True] / sum(tally.values()) >= SURE_PRECISION)
    counts["segmenten"] = len(segments)
    return AnalysisModel(
        move=_fit(segments, CODES, c_move),
        fase=_fit(fases, (NO_LABEL, *FASEN), c_turn),
        competentie=_fit(competences, (NO_LABEL, *COMPETENTIES), c_turn),
        sure=sure, min_probability=0.0, trained_on=dict(counts))


#: Sets that are never trained on: measured once, blind; the sealed set is never tuned on.
HELD_OUT_PREFIXES = ("blind", "verzegeld")


def corpus_files(root: Path) -> list[Path]:
    """The repository's own labelled files that training may read, in a fixed order."""
    found = sorted((root / "corpus" / "train").glob("*.jsonl")) + sorted((root / "tests" / "data").glob("*.jsonl"))
    return [p for p in found if not p.name.startswith(HELD_OUT_PREFIXES)]


def shared_corpus(root: Path) -> Path:
    return root.parent / "shared" / "corpus"


def training_rows(root: Path, *, real: bool = True) -> list[Row]:
    """Every row training reads: the own corpora and, with ``real``, the published utterances."""
    rows = [r for p in corpus_files(root) for r in read_jsonl(p, tuned=p.parent.name == "data")]
    shared = shared_corpus(root)
    if real and (shared / "echt.tsv").exists():
        rows += read_echt(shared / "echt.tsv")
    if real and (shared / "echt-gesprekken.jsonl").exists():
        rows += read_jsonl(shared / "echt-gesprekken.jsonl", real=True)
    return rows


def cross_validate(root: Path, test: Sequence, folds: int = 10, *, real: bool = True) -> list:
    """Each row of ``test`` (with ``id``, ``docent``, ``student``, ``history``, ``group``)
    analysed by a model trained without any row of its group: a figure on a source the
    model never saw. Returns the TurnAnalysis of each row, in order.

    Training is every corpus in the repository (``training_rows``) less every turn of
    ``test``, plus the rows of ``test`` in the other folds. Groups are dealt over the
    folds after a fixed shuffle, so the split is the same every run."""
    import random

    from gesprekscoach.analysis.analyser import analyse_with

    texts = {row.docent for row in test}
    pool = [r for r in training_rows(root) if r.docent not in texts]
    own = [Row(str(t.id), t.docent, t.student, tuple(sorted(t.codes)), t.code, t.fase, t.competentie,
               t.group or str(t.id), tuple(t.history), real) for t in test]
    groups = sorted({r.group for r in own})
    random.Random(SEED).shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    results: dict[int, object] = {}
    for fold in range(folds):
        held = [i for i, r in enumerate(own) if fold_of[r.group] == fold]
        if not held:
            continue
        trained = fit(pool + [r for r in own if fold_of[r.group] != fold])
        for i in held:
            results[i] = analyse_with(trained, own[i].docent, own[i].student, own[i].history)
    return [results[i] for i in range(len(own))]
