"""Train the shipped tagger (``gesprekscoach/data/tagger.json.gz``) from HanTa's tags.

Needs the ``[train]`` extra (``pip install -e '.[train]'``): HanTa tags every
docent and student turn of the corpora in the repository; the averaged
perceptron in ``gesprekscoach.analysis.tagger`` learns those tags. One turn in
ten (by a hash of its text) is held out and the agreement with HanTa on it is
printed. Same corpora, same file.

    .venv/bin/python scripts/train_tagger.py
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gesprekscoach.analysis.tagger import reduce_tag, tokenize, train  # noqa: E402
from gesprekscoach.analysis.training import corpus_files, read_echt, read_jsonl, shared_corpus  # noqa: E402

OUT = ROOT / "gesprekscoach" / "data" / "tagger.json.gz"


def texts() -> list[str]:
    shared = shared_corpus(ROOT)
    rows = [r for p in corpus_files(ROOT) for r in read_jsonl(p)]
    if (shared / "echt.tsv").exists():
        rows += read_echt(shared / "echt.tsv", ("ok", "twijfel"))
    if (shared / "echt-gesprekken.jsonl").exists():
        rows += read_jsonl(shared / "echt-gesprekken.jsonl", real=True)
    seen: dict[str, None] = {}
    for row in rows:
        for text in (row.docent, row.student):
            if text.strip():
                seen.setdefault(text.strip(), None)
    return list(seen)


def held_out(text: str) -> bool:
    return hashlib.sha1(text.encode()).digest()[0] % 10 == 0


def main() -> int:
    try:
        from HanTa import HanoverTagger
    except ImportError:
        print("HanTa ontbreekt: installeer de train-extra met .venv/bin/pip install -e '.[train]'", file=sys.stderr)
        return 2
    started = time.perf_counter()
    hanta = HanoverTagger.HanoverTagger("morphmodel_dutch.pgz")
    train_set, test_set = [], []
    for text in texts():
        words = tokenize(text)
        if not words:
            continue
        tags = [reduce_tag(t) for _, _, t in hanta.tag_sent(words, taglevel=1)]
        (test_set if held_out(text) else train_set).append((words, tags))
    print(f"HanTa: {len(train_set)} + {len(test_set)} teksten in {time.perf_counter() - started:.0f} s")
    model = train(train_set)
    hits = total = 0
    for words, tags in test_set:
        for got, want in zip(model.tag(words), tags):
            hits += got == want
            total += 1
    print(f"overeenstemming met HanTa op {total} achtergehouden woorden: {hits / total:.3f}")
    data = json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    OUT.write_bytes(gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1e6:.2f} MB, {len(model.weights)} kenmerken")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
