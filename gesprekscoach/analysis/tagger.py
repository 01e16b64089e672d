"""A compact Dutch part-of-speech tagger: an averaged perceptron.

HanTa tags Dutch well but takes seconds and hundreds of megabytes to load, too
much for a process per browser tab. ``scripts/train_tagger.py`` tags the
project's corpora with HanTa once and trains this small tagger on its tags
(reduced CGN tags, see ``reduce_tag``); the weights ship as
``data/tagger.json.gz`` and load in a fraction of a second.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib.resources import files

from gesprekscoach.errors import Problem, UserError

#: Format of the weights file; a file of another version is refused at load time.
FORMAT = "gesprekscoach-tagger/1"

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*|'[st]|\S")


def tokenize(text: str) -> list[str]:
    """Words, numbers and punctuation marks, in order."""
    return _TOKEN.findall(text)


def reduce_tag(cgn: str) -> str:
    """A CGN tag ("WW(pv,tgw,ev)") reduced to what the grammar reads ("WW.pv.tgw.ev").

    Kept: the part of speech and, per part, the features that tell sentence type,
    person and modality apart; dropped: case, gender, inflection."""
    pos, _, rest = cgn.partition("(")
    feats = rest.rstrip(")").split(",") if rest else []
    if pos == "WW":
        if "pv" in feats:
            if "verl" in feats:
                return "WW.pv.verl"
            if "conj" in feats:
                return "WW.pv.conj"
            for number in ("ev", "mv", "met-t"):
                if number in feats:
                    return f"WW.pv.tgw.{number}"
            return "WW.pv.tgw.ev"
        for form in ("inf", "vd", "od"):
            if form in feats:
                return f"WW.{form}"
        return "WW"
    if pos == "VNW":
        kind = feats[0] if feats else ""
        person = next((f for f in feats if f in ("1", "2", "2v", "2b", "3", "3p", "3m", "3v", "3o")), "")
        if kind in ("pers", "pr", "refl", "bez"):
            return f"VNW.{kind}.{person[:1] or '3'}"
        return f"VNW.{kind}" if kind else "VNW"
    if pos == "ADJ":
        for degree in ("comp", "sup"):
            if degree in feats:
                return f"ADJ.{degree}"
        return "ADJ"
    if pos in ("N", "VG") and feats:
        return f"{pos}.{feats[0]}"
    return pos


def _shape(word: str) -> str:
    if word.isdigit():
        return "9"
    if not word[:1].isalpha():
        return "p"
    return "X" if word[:1].isupper() else "x"


def features(words: Sequence[str], i: int, prev: str, prev2: str) -> list[str]:
    """What the perceptron looks at for word ``i``: the word, its ends, its
    neighbours and the two tags before it."""
    w = words[i].lower()
    before = words[i - 1].lower() if i > 0 else "<s>"
    after = words[i + 1].lower() if i + 1 < len(words) else "</s>"
    return [
        "b",
        "w=" + w,
        "s3=" + w[-3:],
        "s2=" + w[-2:],
        "s1=" + w[-1:],
        "p2=" + w[:2],
        "sh=" + _shape(words[i]) + ("0" if i == 0 else ""),
        "t-1=" + prev,
        "t-2=" + prev2 + "|" + prev,
        "t-1w=" + prev + "|" + w,
        "w-1=" + before,
        "w-1s=" + before[-2:],
        "w+1=" + after,
        "w+1s=" + after[-3:],
        "w-1w=" + before + "|" + w,
    ]


class Tagger:
    """Averaged-perceptron weights and the greedy left-to-right decoder."""

    def __init__(self, weights: dict[str, dict[str, float]], tags: Sequence[str],
                 lexicon: dict[str, str]) -> None:
        self.weights = weights
        self.tags = tuple(tags)
        #: Words that had one tag in at least 97 % of their (many) training uses.
        self.lexicon = lexicon

    def tag(self, words: Sequence[str]) -> list[str]:
        """One reduced CGN tag for each word."""
        prev, prev2 = "<s>", "<s>"
        out: list[str] = []
        weights = self.weights
        for i, word in enumerate(words):
            tag = self.lexicon.get(word.lower())
            if tag is None:
                scores: dict[str, float] = {}
                for feature in features(words, i, prev, prev2):
                    row = weights.get(feature)
                    if row:
                        for label, weight in row.items():
                            scores[label] = scores.get(label, 0.0) + weight
                tag = max(self.tags, key=lambda t: scores.get(t, 0.0)) if scores else "N.soort"
            out.append(tag)
            prev2, prev = prev, tag
        return out

    def to_json(self) -> dict[str, object]:
        return {"format": FORMAT, "tags": list(self.tags), "lexicon": self.lexicon,
                "weights": self.weights}

    @classmethod
    def from_json(cls, data: object, where: str) -> Tagger:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise UserError(Problem(
                f"dit is geen taggerbestand van deze versie (verwacht {FORMAT}); "
                "maak het opnieuw met scripts/train_tagger.py", where))
        return cls(data["weights"], data["tags"], data["lexicon"])


def train(sentences: Iterable[tuple[Sequence[str], Sequence[str]]], *, epochs: int = 6,
          seed: int = 13) -> Tagger:
    """Train on (words, tags) pairs; deterministic for the same input and seed."""
    import random

    data = [(list(w), list(t)) for w, t in sentences]
    counts: dict[str, dict[str, int]] = {}
    for words, tags in data:
        for word, tag in zip(words, tags):
            row = counts.setdefault(word.lower(), {})
            row[tag] = row.get(tag, 0) + 1
    lexicon = {}
    for word, row in counts.items():
        total = sum(row.values())
        tag, best = max(row.items(), key=lambda kv: (kv[1], kv[0]))
        if total >= 20 and best / total >= 0.97:
            lexicon[word] = tag
    tags = sorted({t for _, ts in data for t in ts})
    weights: dict[str, dict[str, float]] = {}
    totals: dict[tuple[str, str], float] = {}
    stamps: dict[tuple[str, str], int] = {}
    step = 0
    rng = random.Random(seed)

    def update(feature: str, label: str, delta: float) -> None:
        key = (feature, label)
        row = weights.setdefault(feature, {})
        old = row.get(label, 0.0)
        totals[key] = totals.get(key, 0.0) + (step - stamps.get(key, 0)) * old
        stamps[key] = step
        row[label] = old + delta

    for _ in range(epochs):
        rng.shuffle(data)
        for words, gold in data:
            prev, prev2 = "<s>", "<s>"
            for i, word in enumerate(words):
                step += 1
                truth = gold[i]
                if word.lower() not in lexicon:
                    feats = features(words, i, prev, prev2)
                    scores: dict[str, float] = {}
                    for f in feats:
                        for label, w in weights.get(f, {}).items():
                            scores[label] = scores.get(label, 0.0) + w
                    guess = max(tags, key=lambda t: scores.get(t, 0.0)) if scores else tags[0]
                    if guess != truth:
                        for f in feats:
                            update(f, truth, 1.0)
                            update(f, guess, -1.0)
                prev2, prev = prev, truth
    averaged: dict[str, dict[str, float]] = {}
    for feature, weighted in weights.items():
        for label, weight in weighted.items():
            key = (feature, label)
            summed = totals.get(key, 0.0) + (step - stamps.get(key, 0)) * weight
            value = round(summed / step, 3)
            if value:
                averaged.setdefault(feature, {})[label] = value
    return Tagger(dict(sorted(averaged.items())), tags, dict(sorted(lexicon.items())))


@cache
def tagger() -> Tagger:
    """The shipped tagger, loaded on first use."""
    source = files("gesprekscoach.data").joinpath("tagger.json.gz")
    try:
        data = json.loads(gzip.decompress(source.read_bytes()))
    except (OSError, ValueError) as error:
        raise UserError(Problem(f"het taggerbestand is beschadigd ({error}); maak het opnieuw "
                                "met scripts/train_tagger.py", str(source))) from None
    return Tagger.from_json(data, str(source))
