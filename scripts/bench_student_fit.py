"""How well the simulated students answer the kind of question asked, and how many
lines two students share: prints the share of fitting replies per kind and per
student over the conversations in ``tests/vraagsoorten/`` (three seeds), the
lines shared between students, and the median time of one conversation.

    .venv/bin/python scripts/bench_student_fit.py [--fouten] [--gedeeld]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import test_student_kinds as kinds  # noqa: E402

from gesprekscoach.conversation.session import Session  # noqa: E402


def main(argv: list[str]) -> int:
    results = kinds.judged()
    total = Counter(r[1] for r in results)
    good = Counter(r[1] for r in results if r[-1])
    print(f"passende antwoorden: {sum(good.values())}/{len(results)} "
          f"({sum(good.values()) / len(results):.1%})")
    for kind in sorted(total):
        print(f"  {kind:12} {good[kind]:3}/{total[kind]:3}")
    per = Counter(r[0] for r in results)
    per_good = Counter(r[0] for r in results if r[-1])
    for sid in sorted(per):
        print(f"  {sid:28} {per_good[sid] / per[sid]:.0%}")
    blank = sum(1 for r in results if kinds.not_knowing(r[3]))
    print(f"waarvan 'weet ik niet' en dergelijke: {blank}/{len(results)}")
    shared = kinds.shared_lines()
    print(f"zinnen (3+ woorden) die twee of meer studenten zeggen: {len(shared)}")
    if "--gedeeld" in argv:
        for line, who in sorted(shared.items(), key=lambda p: -len(p[1])):
            print(f"  {len(who)}× {line}  ({', '.join(sorted(who))})")
    if "--fouten" in argv:
        for sid, kind, question, reply, ok in results:
            if not ok:
                print(f"  [{sid}] {kind}: {question} → {reply}")
    times = []
    turns = kinds.conversations()["a-terug-en-vooruit"]
    for _ in range(20):
        start = time.perf_counter()
        session = Session(kinds.SCENARIOS["bram-bbl-garage-trialoog"], seed=0)
        for _, turn in turns:
            session.say(turn)
        times.append(time.perf_counter() - start)
    print(f"een gesprek van {len(turns)} beurten: mediaan {statistics.median(times) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
