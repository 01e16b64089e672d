"""Train the analyser's trained layer: ``gesprekscoach/data/analysemodel.json.gz``.

Reads every labelled corpus in the repository (``corpus/train/*.jsonl`` and
``tests/data/*.jsonl`` except the blind and sealed sets) and, when present,
the real published utterances of ``../shared/corpus/echt.tsv`` and
``echt-gesprekken.jsonl``. Needs scikit-learn (``pip install -e '.[train]'``).
A fixed seed: the same corpora give the same file; ``--controleer`` says
whether the shipped file is what the corpora give (exit 1 if not).

    .venv/bin/python scripts/train_analyser.py [--controleer]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gesprekscoach.analysis.classifier import MODEL_FILE, dump  # noqa: E402
from gesprekscoach.analysis.training import fit, training_rows  # noqa: E402

OUT = ROOT / "gesprekscoach" / "data" / MODEL_FILE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--controleer", action="store_true",
                        help="vergelijk met het meegeleverde bestand in plaats van het te schrijven")
    args = parser.parse_args()
    started = time.perf_counter()
    rows = training_rows(ROOT)
    data = dump(fit(rows))
    print(f"{len(rows)} beurten, getraind in {time.perf_counter() - started:.0f} s")
    if args.controleer:
        same = OUT.exists() and OUT.read_bytes() == data
        print("het meegeleverde model is wat de corpora geven" if same
              else "het meegeleverde model wijkt af: draai scripts/train_analyser.py")
        return 0 if same else 1
    OUT.write_bytes(data)
    print(f"{OUT.relative_to(ROOT)}: {len(data) / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
