"""How fast is the session store? Median time to commit a turn, and to build progress.

Run: .venv/bin/python scripts/bench_store.py [--sessies 1000] [--map MAP]

Every turn is committed before the student's reply is shown, so storing must
not be felt: the target is at most 5 ms per turn (WAL, synchronous=FULL). A
trainer's progress report over a year of a group's practice must come at
once: at most 1 s over 1 000 sessions. The database is made in a temporary
folder (or --map, to measure on another disk). This script only measures and
prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gesprekscoach.conversation.scenario import default_scenario_path  # noqa: E402
from gesprekscoach.conversation.scenario_check import load_scenario  # noqa: E402
from gesprekscoach.conversation.session import Session  # noqa: E402
from gesprekscoach.model import Exchange  # noqa: E402
from gesprekscoach.scoring.report import build  # noqa: E402
from gesprekscoach.storage.store import Store  # noqa: E402

TURNS: tuple[str, ...] = (
    "Hoi Sanne, fijn dat je er bent. Waar wil je het vandaag over hebben?",
    "Wat gebeurde er precies?",
    "Dus je stond er alleen voor. Hoe was dat voor je?",
    "",
    "Wat maakte het zo zwaar?",
    "Je was bang dat het jouw schuld was. Wat betekent dat voor je?",
    "Wat gaat er juist wel goed op je stage?",
    "Je moet gewoon vaker om hulp vragen.",
    "Wat zou je graag willen leren?",
    "Wat is je eerste stap?",
    "Wanneer ga je dat doen?",
    "Wat neem je mee uit dit gesprek?",
)


def conversation() -> tuple[tuple[Exchange, ...], object]:
    path = default_scenario_path()
    if path is None:
        sys.exit("Geen scenario gevonden (map gesprekscoach/data/scenarios/ ontbreekt).")
    scenario = load_scenario(path)
    session = Session(scenario, seed=0)
    for turn in TURNS:
        session.say(turn)
    return session.exchanges, scenario


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessies", type=int, default=1000, help="sessions for the progress report")
    parser.add_argument("--map", type=Path, default=None, help="folder for the database")
    args = parser.parse_args()
    exchanges, scenario = conversation()
    report = build(exchanges)
    rows: list[tuple[str, str, str, str]] = []

    with tempfile.TemporaryDirectory(dir=args.map) as folder:
        db = Path(folder) / "bench.db"
        with Store.open(db) as store:
            mode = store._conn.execute("PRAGMA journal_mode").fetchone()[0]
            sync = store._conn.execute("PRAGMA synchronous").fetchone()[0]
            # 1. one turn: 50 conversations of 12 turns, each turn its own commit.
            turn_ms: list[float] = []
            for _ in range(50):
                session_id = store.start_session("bench", scenario)
                for exchange in exchanges:
                    turn_ms.append(timed(lambda s=session_id, e=exchange: store.add_turn(s, e)))
                store.finish(session_id, report)
            rows.append(("een beurt opslaan (commit)", _ms(statistics.median(turn_ms)),
                         _ms(_p90(turn_ms)), "≤ 5 ms"))
            # 2. fill up to N finished sessions of one docent, then build progress.
            start = time.perf_counter()
            for _ in range(args.sessies - 50):
                session_id = store.start_session("bench", scenario)
                for exchange in exchanges:
                    store.add_turn(session_id, exchange)
                store.finish(session_id, report)
            fill = time.perf_counter() - start
            progress_ms = [timed(lambda: store.progress("bench")) for _ in range(7)]
            assert len(store.progress("bench").sessions) == args.sessies
            rows.append((f"voortgang over {args.sessies} sessies",
                         _ms(statistics.median(progress_ms)), _ms(_p90(progress_ms)), "≤ 1000 ms"))
            list_ms = [timed(lambda: store.list_sessions("bench")) for _ in range(7)]
            rows.append((f"sessielijst van {args.sessies} sessies", _ms(statistics.median(list_ms)),
                         _ms(_p90(list_ms)), ""))
            # 3. a training group: 30 docenten x 10 sessions, the whole 'groep' table.
            for d in range(30):
                for _ in range(10):
                    session_id = store.start_session(f"docent{d:02d}", scenario)
                    for exchange in exchanges:
                        store.add_turn(session_id, exchange)
                    store.finish(session_id, report)
            group_ms = [timed(lambda: _group(store)) for _ in range(7)]
            rows.append(("groep: 30 docenten x 10 sessies (tekst + html)",
                         _ms(statistics.median(group_ms)), _ms(_p90(group_ms)), "≤ 1000 ms"))
            # with --normen every session is scored again (with its corrections)
            rescore_ms = [timed(lambda: _group(store, rescore=True)) for _ in range(3)]
            rows.append(("groep --normen: 30 x 10 sessies opnieuw geteld",
                         _ms(statistics.median(rescore_ms)), _ms(_p90(rescore_ms)), ""))
            some = store.list_sessions("bench")[-1].id
            load_ms = [timed(lambda: store.load(some).report()) for _ in range(21)]
            rows.append(("één sessie laden met rapport", _ms(statistics.median(load_ms)),
                         _ms(_p90(load_ms)), ""))
        size = db.stat().st_size / 1024 / 1024

    print(f"database: journal_mode={mode}, synchronous={sync} (2 = FULL), "
          f"{args.sessies} sessies van {len(exchanges)} beurten, {size:.1f} MB "
          f"(vullen duurde {fill:.1f} s)")
    print()
    widths = [max(len(r[i]) for r in rows + [("meting", "mediaan", "p90", "doel")]) for i in range(4)]
    header = ("meting", "mediaan", "p90", "doel")
    for row in (header, *rows):
        print(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]}")
    return 0


def _group(store: Store, *, rescore: bool = False) -> None:
    """What 'gesprekscoach groep' (with ``rescore``: 'groep --normen') does after opening
    the database."""
    from gesprekscoach.cli.groep import rescored
    from gesprekscoach.output.group_html import group_html
    from gesprekscoach.output.group_text import group_text
    from gesprekscoach.scoring.group import build_group
    from gesprekscoach.storage.workbench import group_sessions

    sessions = group_sessions(store, docents=[f"docent{d:02d}" for d in range(30)])
    group = build_group(rescored(store, sessions) if rescore else sessions)
    assert group.total.sessions == 300
    group_text(group)
    group_html(group)


def _ms(value: float) -> str:
    return f"{value:.2f} ms"


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


if __name__ == "__main__":
    sys.exit(main())
