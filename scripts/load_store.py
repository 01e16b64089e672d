"""Does every turn get stored when 40 docenten practise at once? Real processes, one file.

Run: .venv/bin/python scripts/load_store.py [--schrijvers 40] [--beurten 8] [--herhaal 3]
     [--strategie zonder,opnieuw,schrijver]

Each writer is a separate Python process, as every browser tab of
``gesprekscoach serveer`` is: it opens the database, plays a practice
conversation with the real analyser and student (so the processes fight for
the CPU as well as for the lock) and stores every turn as it is said, then
the report. All writers start at the same moment. Strategies:

- ``zonder``: one attempt with SQLite's own 2 s wait, as before issue 15;
- ``opnieuw``: the store as shipped: ask again with backoff (up to 30 s);
- ``schrijver``: one writer process; the others send their turns over a pipe.

Printed per strategy: turns stored of turns said, conversations that lost a
turn, and the median and worst wait for a commit. This script only measures
and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import multiprocessing.synchronize
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TURNS: tuple[str, ...] = (
    "Hoi Sanne, fijn dat je er bent. Waar wil je het vandaag over hebben?",
    "Wat gebeurde er precies?",
    "Dus je stond er alleen voor. Hoe was dat voor je?",
    "Wat maakte het zo zwaar?",
    "Wat gaat er juist wel goed op je stage?",
    "Wat zou je graag willen leren?",
    "Wat is je eerste stap?",
    "Wat neem je mee uit dit gesprek?",
)


def _conversation(turns: int):  # type: ignore[no-untyped-def]
    from gesprekscoach.conversation.scenario import default_scenario_path
    from gesprekscoach.conversation.scenario_check import load_scenario

    path = default_scenario_path()
    assert path is not None
    return load_scenario(path), [TURNS[i % len(TURNS)] for i in range(turns)]


def writer(db: str, start: mp.synchronize.Barrier, turns: int, strategy: str, alias: str,
           results: mp.Queue, pipe: mp.Queue | None) -> None:
    """One docent: open, play, store every turn (or hand it to the single writer)."""
    from gesprekscoach.conversation.session import Session
    from gesprekscoach.errors import UserError
    from gesprekscoach.storage.recording import Recorder
    from gesprekscoach.storage.store import Store

    scenario, lines = _conversation(turns)
    Session(scenario, seed=0).say(lines[0])  # analyser and student loaded: time the store
    start.wait()
    waits: list[float] = []
    if strategy == "schrijver":
        assert pipe is not None
        session = Session(scenario, seed=0)
        for line in lines:
            exchange = session.say(line)
            pipe.put((alias, exchange))
        results.put({"alias": alias, "said": turns, "failed": 0, "waits": []})
        return
    failed = 0
    try:
        store = Store.open(db, timeout=2.0, patience=0.0 if strategy == "zonder" else None)
    except UserError:
        results.put({"alias": alias, "said": turns, "failed": turns, "waits": []})
        return
    recorder = Recorder.start(store, scenario, docent=alias)
    for line in lines:
        began = time.perf_counter()
        try:
            recorder.session.say(line)
        except UserError:  # as the app did before: the turn is not stored, and no more
            recorder.detach()
            failed = turns - len(waits)
            break
        waits.append(time.perf_counter() - began)
        if recorder.problem is not None and strategy == "zonder":
            failed = turns - recorder.stored  # the old app stopped storing here
            recorder.detach()
            break
    if not recorder.finished:
        try:
            recorder.finish()
            failed = 0
        except UserError:
            failed = recorder.pending
    store.close()
    results.put({"alias": alias, "said": turns, "failed": failed, "waits": waits})


def single_writer(db: str, pipe: mp.Queue, count: int) -> None:
    """The one process that writes: a session per alias, every turn in order."""
    from gesprekscoach.conversation.scenario import default_scenario_path
    from gesprekscoach.conversation.scenario_check import load_scenario
    from gesprekscoach.storage.store import Store

    scenario = load_scenario(default_scenario_path())  # type: ignore[arg-type]
    ids: dict[str, str] = {}
    with Store.open(db) as store:
        for _ in range(count):
            alias, exchange = pipe.get()
            if alias not in ids:
                ids[alias] = store.start_session(alias, scenario)
            store.add_turn(ids[alias], exchange)


def run(strategy: str, writers: int, turns: int) -> dict[str, float]:
    from gesprekscoach.storage.store import Store

    folder = Path(tempfile.mkdtemp(prefix="gesprekscoach-load-"))
    db = str(folder / "sessies.db")
    Store.open(db).close()
    results: mp.Queue = mp.Queue()
    pipe: mp.Queue | None = mp.Queue() if strategy == "schrijver" else None
    start = mp.Barrier(writers + 1)  # every process loads first, then all begin at once
    procs = [mp.Process(target=writer, args=(db, start, turns, strategy, f"docent{i:02d}",
                                             results, pipe)) for i in range(writers)]
    if pipe is not None:
        procs.append(mp.Process(target=single_writer, args=(db, pipe, writers * turns)))
    for proc in procs:
        proc.start()
    start.wait(timeout=600)
    began = time.time()
    reports = [results.get(timeout=600) for _ in range(writers)]
    for proc in procs:
        proc.join(timeout=600)
    with Store.open(db) as store:
        stored = sum(info.turns for info in store.list_sessions())
    waits = [w for r in reports for w in r["waits"]]
    return {
        "said": writers * turns, "stored": stored,
        "lost_conversations": sum(1 for r in reports if r["failed"]),
        "median_turn_s": statistics.median(waits) if waits else float("nan"),
        "worst_turn_s": max(waits) if waits else float("nan"),
        "wall_s": time.time() - began,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schrijvers", type=int, default=40)
    parser.add_argument("--beurten", type=int, default=8)
    parser.add_argument("--herhaal", type=int, default=3)
    parser.add_argument("--strategie", default="zonder,opnieuw,schrijver")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    print(f"{args.schrijvers} processen tegelijk, {args.beurten} beurten elk, "
          f"{args.herhaal}x per strategie, {mp.cpu_count()} cores")
    for strategy in args.strategie.split(","):
        runs = [run(strategy, args.schrijvers, args.beurten) for _ in range(args.herhaal)]
        if args.json:
            print(json.dumps({strategy: runs}))
        stored = statistics.median(r["stored"] for r in runs)
        lost = [int(r["lost_conversations"]) for r in runs]
        print(f"{strategy:10s} bewaard (mediaan) {stored:.0f}/{runs[0]['said']:.0f}  "
              f"gesprekken met verloren beurten {lost}  beurt tot bewaard: mediaan "
              f"{statistics.median(r['median_turn_s'] for r in runs) * 1000:.0f} ms, "
              f"slechtst {max(r['worst_turn_s'] for r in runs):.2f} s  "
              f"totaal {statistics.median(r['wall_s'] for r in runs):.1f} s")


if __name__ == "__main__":
    main()
