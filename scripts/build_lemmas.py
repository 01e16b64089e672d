"""Build the shipped lemma table (``gesprekscoach/data/lemmas.tsv.gz``) from simplemma.

simplemma's Dutch dictionary takes a third of a second to load at every start.
This table holds simplemma's lemma for the 100,000 most frequent Dutch words
(wordfreq) and every word of the repository's corpora and scenarios, where the
lemma differs from the word; it loads in a few milliseconds. Needs the
``[train]`` extra. Same inputs, same file.

    .venv/bin/python scripts/build_lemmas.py
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gesprekscoach.analysis.training import corpus_files, read_jsonl  # noqa: E402

OUT = ROOT / "gesprekscoach" / "data" / "lemmas.tsv.gz"
WORD = re.compile(r"[^\W\d_]+")
TOP = 100_000


def corpus_words() -> set[str]:
    found: set[str] = set()
    for path in corpus_files(ROOT):
        for row in read_jsonl(path):
            found.update(WORD.findall(f"{row.docent} {row.student}".lower()))
    data = ROOT / "gesprekscoach" / "data"
    for path in [*(data / "scenarios").glob("*.yaml"), *data.glob("*.yaml")]:
        found.update(WORD.findall(path.read_text("utf-8").lower()))
    return found


def main() -> int:
    try:
        import simplemma
        import wordfreq
    except ImportError:
        print("simplemma of wordfreq ontbreekt: .venv/bin/pip install -e '.[train]'", file=sys.stderr)
        return 2
    words = {w for w in wordfreq.top_n_list("nl", TOP) if w.isalpha()} | corpus_words()
    pairs = []
    for word in sorted(words):
        # simplemma marks separable verbs as "op_leveren"; the plain form matches better.
        lemma = simplemma.lemmatize(word, lang="nl").lower().replace("_", "")
        if lemma != word:
            pairs.append(f"{word}\t{lemma}")
    OUT.write_bytes(gzip.compress(("\n".join(pairs) + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{OUT.relative_to(ROOT)}: {len(pairs)} woordvormen uit {len(words)} woorden, "
          f"{OUT.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
