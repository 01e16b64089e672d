"""A small training group in a session database, held the way docenten hold them.

Each session is a real simulated conversation (a shipped scenario fed a
script from ``tests/scripts``), stored turn by turn and finished with its
report, so the group table, corrections and progress are tested on what a
trainer would see.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from gesprekscoach.conversation.scenario import scenarios_dir
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.session import Session
from gesprekscoach.scoring.report import report_on
from gesprekscoach.storage.store import Store

SCRIPTS = Path(__file__).parent / "scripts"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def script(name: str) -> list[str]:
    lines = (SCRIPTS / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def hold(store: Store, docent: str, scenario_id: str, script_name: str, *, mode: str = "oefenen",
         day: int = 0) -> str:
    """One finished practice session; returns its id."""
    folder = scenarios_dir()
    assert folder is not None
    scenario = load_scenario(folder / f"{scenario_id}.yaml")
    session = Session(scenario, seed=0)
    when = START + timedelta(days=day)
    session_id = store.start_session(docent, scenario, mode=mode, started_at=when)
    for turn in script(script_name):
        session.say(turn)
        store.add_turn(session_id, session.exchanges[-1], said_at=when)
    store.finish(session_id, report_on(session), ended_at=when + timedelta(minutes=15))
    return session_id


def small_group(path: Path) -> dict[str, str]:
    """Three docenten, two scenarios, one proef; the ids by a short name."""
    with Store.open(path) as store:
        return {
            "marieke_goed": hold(store, "marieke", "sanne-zorg-incident",
                                 "sanne-zorg-incident.goed.txt", day=0),
            "marieke_adviseur": hold(store, "marieke", "sanne-zorg-incident",
                                     "valkuil-adviseur.txt", day=1),
            "joost_kevin": hold(store, "joost", "kevin-bouw-stil", "kevin-bouw-stil.goed.txt",
                                day=2, mode="proef"),
            "anouk_gesloten": hold(store, "anouk", "sanne-zorg-incident",
                                   "valkuil-gesloten_vragensteller.txt", day=3),
        }
