"""The session store: nothing committed is ever lost, nothing damaged is ever overwritten.

Real processes are killed with SIGKILL mid-conversation and the database is
reopened; damaged, foreign, newer and locked databases must give a Dutch
message and exit code 2 and stay byte for byte as they were; an older schema
must be upgraded with its data intact.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from cli_helpers import run_cli as run

from gesprekscoach.cli.simuleer import parse_script
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.session import Session, read_transcript
from gesprekscoach.errors import UserError
from gesprekscoach.scoring.report import build, report_on, to_dict
from gesprekscoach.storage.paths import DB_ENV, default_db_path, resolve_db_path
from gesprekscoach.storage.recording import Recorder, ResumeError, abandon, find_scenario, import_transcript
from gesprekscoach.storage.records import exchange_from_dict, exchange_to_dict
from gesprekscoach.storage.schema import SCHEMA_VERSION
from gesprekscoach.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
SANNE = ROOT / "gesprekscoach" / "data" / "scenarios" / "sanne-zorg-incident.yaml"
SCRIPTS = ROOT / "tests" / "scripts"

# Own transcript (kapper), written for these tests.
TRANSCRIPT = """\
D: Hoi Noor, ga zitten. Waar wil je het vandaag over hebben?
S: Over mijn stage bij de kapsalon.
Ik mocht zaterdag voor het eerst zelf knippen.
D: Zelf knippen, voor het eerst. Hoe was dat voor je?
S: Spannend, mijn handen trilden.
D: Wat deed je toen je handen trilden?
S: Ik heb diep ademgehaald en rustig doorgewerkt.
D: Je moet gewoon vaker oefenen op een pop.
S: Ja, misschien.
D: Wat zegt het over jou dat je rustig bleef?
S: Dat ik niet zo snel in paniek raak.
"""


def turns_of(name: str) -> list[str]:
    """The docent turns of a script in tests/scripts ("" is a silence)."""
    text = (SCRIPTS / name).read_text("utf-8")
    return [turn.text for turn in parse_script(text, name)]


GOOD = "sanne-zorg-incident.goed.txt"


def play(store: Store, script: str, docent: str = "Marieke", *, finish: bool = True,
         mode: str = "oefenen") -> Recorder:
    recorded = Recorder.start(store, load_scenario(SANNE), docent=docent, mode=mode)
    for turn in turns_of(script):
        recorded.session.say(turn)
    if finish:
        recorded.finish()
    return recorded


def env_for(db: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
    env[DB_ENV] = str(db)
    env["GESPREKSCOACH_WACHTTIJD"] = "1"  # a held lock is said after 1 s, not 30
    return env


def read_until(proc: subprocess.Popen[bytes], marker: bytes, timeout: float = 60) -> bytes:
    """Read the process's stdout until ``marker`` shows; fail if it does not come."""
    assert proc.stdout is not None
    fd, data = proc.stdout.fileno(), b""
    deadline = time.monotonic() + timeout
    while marker not in data:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"no {marker!r} within {timeout} s; got {data[-500:]!r}")
        chunk = os.read(fd, 65536)
        if not chunk:
            raise AssertionError(f"process ended early; got {data[-500:]!r}")
        data += chunk
    return data


def untouched(path: Path) -> tuple[bytes, list[str]]:
    """The file's bytes and the names beside it, to prove nothing was written."""
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


# --------------------------------------------------------------------------- kill -9


def test_kill_9_mid_conversation_loses_no_turn_and_resume_continues_exactly(
        tmp_path: Path) -> None:
    db = tmp_path / "sessies.db"
    turns = turns_of(GOOD)
    proc = subprocess.Popen(
        [sys.executable, "-m", "gesprekscoach", "oefen", "--docent", "Marieke", "--db", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_for(db))
    assert proc.stdin is not None
    try:
        read_until(proc, b"Jij: ")
        for turn in turns[:7]:
            proc.stdin.write(turn.encode("utf-8") + b"\n")
            proc.stdin.flush()
            read_until(proc, b"Jij: ")      # the reply is shown only after the commit
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with Store.open(db) as store:
        (waiting,) = store.unfinished("marieke")
        assert waiting.docent_turns == tuple(turns[:7])
        assert waiting.info.status == "bezig" and waiting.info.seed == 0
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    rest = "".join(f"{turn}\n" for turn in turns[7:]) + "/stop\n"
    done = subprocess.run(
        [sys.executable, "-m", "gesprekscoach", "oefen", "--docent", "marieke", "--hervat",
         "--db", str(db)],
        input=rest.encode("utf-8"), capture_output=True, env=env_for(db), timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert "Verder waar je was" in done.stdout.decode()

    # The resumed conversation is the one an uninterrupted session gives.
    whole = Session(load_scenario(SANNE), seed=0)
    for turn in turns:
        whole.say(turn)
    with Store.open(db) as store:
        (info,) = store.list_sessions("Marieke")
        stored = store.load(info.id)
        assert store.unfinished("marieke") == ()
    assert info.status == "klaar" and info.turns == len(turns)
    assert stored.exchanges == whole.exchanges
    assert stored.report_data == to_dict(report_on(whole))


_WRITER = """
import sys
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.storage.recording import Recorder
from gesprekscoach.storage.store import Store
store = Store.open(sys.argv[1])
session = Recorder.start(store, load_scenario(sys.argv[2]), docent="schrijver").session
turns = ["Wat gebeurde er toen?", "En toen?", "Hoe was dat voor je?", ""]
n = 0
while True:
    n += 1
    session.say(turns[n % len(turns)])
    print(n, flush=True)
"""


def test_kill_9_while_writing_as_fast_as_possible_keeps_every_acknowledged_turn(
        tmp_path: Path) -> None:
    db = tmp_path / "sessies.db"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(db), str(SANNE)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_for(db))
    try:
        seen = read_until(proc, b"\n40\n")
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    acknowledged = max(int(line) for line in seen.split())
    with Store.open(db) as store:
        (info,) = store.list_sessions("schrijver")
        assert info.turns >= acknowledged
        stored = store.load(info.id)
        assert [ex.turn for ex in stored.exchanges] == list(range(1, info.turns + 1))
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --------------------------------------------------------------------------- bad databases


def test_a_file_that_is_no_database_gets_a_dutch_message_and_stays_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "sessies.db"
    db.write_bytes(b"Dit is mijn boodschappenlijst, geen database.\n" * 200)
    before = untouched(db)
    for argv in (["sessies"], ["oefen", "--docent", "x"], ["importeer-sessies", "x.json"]):
        code, _, err = run(capsys, *argv, "--db", db)
        assert code == 2
        assert "geen leesbare sessiedatabase" in err or "bestaat niet" in err
        assert "Traceback" not in err
    assert untouched(db) == before


def test_a_damaged_database_gets_a_dutch_message_and_no_byte_changes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "sessies.db"
    with Store.open(db) as store:
        play(store, GOOD)
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 2 * page
    for at in range(page, len(data)):       # everything after the first page
        data[at] = (at * 7) % 251
    db.write_bytes(bytes(data))
    before = untouched(db)
    for argv in (["sessies"], ["rapport", "laatste"], ["voortgang", "--docent", "Marieke"]):
        code, _, err = run(capsys, *argv, "--db", db)
        assert code == 2, err
        assert "geen leesbare sessiedatabase" in err and "niets aan veranderd" in err
    assert untouched(db)[0] == before[0]


def test_a_newer_schema_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "sessies.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, toekomst TEXT)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = untouched(db)
    code, _, err = run(capsys, "sessies", "--db", db)
    assert code == 2
    assert f"schema {SCHEMA_VERSION + 5}" in err and "Werk gesprekscoach bij" in err
    assert untouched(db) == before


def test_another_programs_database_is_not_taken_over(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "adresboek.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE adressen (naam TEXT)")
    conn.commit()
    conn.close()
    before = untouched(db)
    code, _, err = run(capsys, "importeer", "-", "--docent", "x", "--db", db)
    assert code == 2 and "ander programma" in err
    assert untouched(db) == before


def _cli(db: Path, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gesprekscoach", *argv, "--db", str(db)],
                          input=stdin, capture_output=True, text=True, env=env_for(db),
                          timeout=60)


def test_a_database_locked_by_another_connection_gives_exit_2_and_loses_nothing(
        tmp_path: Path) -> None:
    db = tmp_path / "sessies.db"
    with Store.open(db) as store:
        play(store, GOOD)
    transcript = tmp_path / "gesprek.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")

    # A writer holds the write lock: reading works, writing waits and then says so.
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        assert _cli(db, "sessies").returncode == 0
        blocked = _cli(db, "importeer", str(transcript), "--docent", "Marieke")
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert blocked.returncode == 2
    assert "de sessiedatabase is bezet" in blocked.stderr and "Traceback" not in blocked.stderr

    # An exclusive lock: even reading has to wait, then says so.
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("PRAGMA locking_mode = EXCLUSIVE")
    locker.execute("BEGIN EXCLUSIVE")
    try:
        blocked = _cli(db, "sessies")
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert blocked.returncode == 2 and "bezet" in blocked.stderr

    with Store.open(db) as store:
        (info,) = store.list_sessions()
        assert info.status == "klaar" and info.turns == len(turns_of(GOOD))
    assert _cli(db, "importeer", str(transcript), "--docent", "Marieke").returncode == 0


# --------------------------------------------------------------------------- migrations

#: Schema version 1 as it was written, kept here verbatim so the test keeps
#: checking the upgrade of a real old file even when the store changes.
SCHEMA_1 = """
CREATE TABLE sessions (
    id TEXT PRIMARY KEY, docent TEXT NOT NULL COLLATE NOCASE,
    kind TEXT NOT NULL CHECK (kind IN ('oefening', 'transcript')),
    scenario_id TEXT, scenario_sha256 TEXT, scenario_path TEXT, scenario_title TEXT,
    student_name TEXT, scenario_doel TEXT, mode TEXT CHECK (mode IN ('oefenen', 'proef')),
    seed INTEGER, source TEXT, source_sha256 TEXT, started_at TEXT NOT NULL, ended_at TEXT,
    status TEXT NOT NULL DEFAULT 'bezig' CHECK (status IN ('bezig', 'klaar', 'afgebroken')),
    report_json TEXT);
CREATE INDEX sessions_by_docent ON sessions (docent, started_at);
CREATE TABLE turns (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    nr INTEGER NOT NULL CHECK (nr >= 1), docent TEXT NOT NULL, analysis_json TEXT NOT NULL,
    student TEXT NOT NULL, openness REAL, layer TEXT, phase TEXT NOT NULL,
    sprong INTEGER NOT NULL, said_at TEXT NOT NULL, PRIMARY KEY (session_id, nr)
) WITHOUT ROWID;
PRAGMA user_version = 1;
"""


def test_an_older_schema_is_upgraded_with_its_sessions_intact(tmp_path: Path) -> None:
    session = Session(load_scenario(SANNE), seed=2)
    for turn in turns_of(GOOD):
        session.say(turn)
    report = report_on(session)
    db = tmp_path / "oud.db"
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA_1)
    conn.execute(
        "INSERT INTO sessions (id, docent, kind, scenario_id, student_name, mode, seed, "
        "started_at, ended_at, status, report_json) VALUES (?, 'Marieke', 'oefening', "
        "'sanne-zorg-incident', 'Sanne', 'oefenen', 2, '2025-03-03T09:00:00.000+00:00', "
        "'2025-03-03T09:20:00.000+00:00', 'klaar', ?)",
        ("0b7c1d2e-0000-4000-8000-000000000001", json.dumps(to_dict(report))))
    for ex in session.exchanges:
        conn.execute(
            "INSERT INTO turns VALUES ('0b7c1d2e-0000-4000-8000-000000000001', ?, ?, ?, ?, ?, "
            "?, ?, ?, '2025-03-03T09:01:00.000+00:00')",
            (ex.turn, ex.docent, json.dumps(ex.analysis.to_dict()), ex.student, ex.openness,
             ex.layer, ex.phase, int(ex.sprong)))
    conn.commit()
    conn.close()

    with Store.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.backup is not None and store.backup.exists()
        (info,) = store.list_sessions("marieke")
        assert info.score == report.score and info.turns == len(session.exchanges)
        stored = store.load(info.id)
        assert stored.exchanges == session.exchanges
        assert to_dict(stored.report()) == to_dict(report)
        progress = store.progress("Marieke")
        assert [s.score for s in progress.sessions] == [report.score]
        assert {r.rule: r.points[0] for r in progress.rules} == {
            r.rule: round(r.points, 3) for r in report.rules}
    # The copy kept aside is still the old file.
    old = sqlite3.connect(store.backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()
    # Opening again changes nothing more.
    with Store.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION and store.backup is None


def test_a_new_database_goes_through_every_migration(tmp_path: Path) -> None:
    with Store.open(tmp_path / "nieuw.db") as store:
        assert store.schema_version == SCHEMA_VERSION
        tables = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master")}
        assert {"sessions", "turns", "rule_scores"} <= tables
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# --------------------------------------------------------------------------- the store API


def test_undo_takes_back_the_stored_turn_as_well(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        recorded = Recorder.start(store, load_scenario(SANNE), docent="Marieke")
        session = recorded.session
        assert session.undo() is False and recorded.id is None
        session.say("Waar wil je het vandaag over hebben?")
        session.say("Je moet gewoon met je begeleider praten.")
        assert session.undo() is True
        session.say("Wat gebeurde er toen?")
        stored = store.load(recorded.id)
        assert stored.docent_turns == ("Waar wil je het vandaag over hebben?",
                                       "Wat gebeurde er toen?")
        assert stored.exchanges == recorded.session.exchanges


def test_a_session_without_turns_stores_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        recorded = Recorder.start(store, load_scenario(SANNE), docent="Marieke")
        assert recorded.finish() is None
        assert store.list_sessions() == ()


def test_aliases_ignore_case_and_keep_the_first_spelling(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        play(store, GOOD, docent="Marieke")
        play(store, GOOD, docent="MARIEKE")
        assert {s.docent for s in store.list_sessions("marieke")} == {"Marieke"}
        assert store.docents() == ("Marieke",)
        with pytest.raises(UserError):
            play(store, GOOD, docent="  ")


def test_abandoned_sessions_are_no_longer_offered_and_do_not_count_in_progress(
        tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        play(store, GOOD)
        play(store, GOOD, finish=False).detach()  # the window was closed
        (waiting,) = store.unfinished("Marieke")
        report = abandon(store, waiting)
        assert store.unfinished("Marieke") == ()
        info = store.load(waiting.info.id).info
        assert info.status == "afgebroken" and info.score == report.score
        assert len(store.progress("Marieke").sessions) == 1


def test_resume_refuses_a_scenario_that_changed(tmp_path: Path) -> None:
    scenario_file = tmp_path / "sanne.yaml"
    scenario_file.write_bytes(SANNE.read_bytes())
    with Store.open(tmp_path / "s.db") as store:
        recorded = Recorder.start(store, load_scenario(scenario_file), docent="M")
        recorded.session.say("Waar wil je het vandaag over hebben?")
        (waiting,) = store.unfinished("M")
        assert find_scenario(waiting.info) == load_scenario(scenario_file)
        assert Recorder.resume(store, waiting).session.exchanges == recorded.session.exchanges
        scenario_file.write_text(SANNE.read_text("utf-8") + "\n# aangepast\n", encoding="utf-8")
        with pytest.raises(ResumeError, match="intussen veranderd"):
            Recorder.resume(store, waiting)


def test_find_accepts_a_prefix_or_laatste_and_explains_a_miss(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        first = play(store, GOOD).id
        second = play(store, GOOD, docent="Kees").id
        assert store.find(first[:8]).id == first
        assert store.find("laatste").id == second
        assert store.find("laatste", "Marieke").id == first
        with pytest.raises(UserError, match="geen sessie gevonden"):
            store.find("ffffffff")
        with pytest.raises(UserError, match="minstens 4 tekens"):
            store.find("ab")


def test_the_database_lives_in_the_data_folder_unless_told_otherwise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DB_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "gesprekscoach" / "sessies.db"
    monkeypatch.setenv("XDG_DATA_HOME", "relatief")
    assert default_db_path() == Path.home() / ".local" / "share" / "gesprekscoach" / "sessies.db"
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.db"))
    assert resolve_db_path(None) == tmp_path / "env.db"
    assert resolve_db_path(str(tmp_path / "arg.db")) == tmp_path / "arg.db"


def test_macos_keeps_the_xdg_data_folder_the_readme_names(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DB_ENV)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert default_db_path() == Path.home() / ".local" / "share" / "gesprekscoach" / "sessies.db"


# --------------------------------------------------------------------------- export / import


def _make_sessions(db: Path) -> list[str]:
    with Store.open(db) as store:
        ids = [play(store, GOOD).id, play(store, "valkuil-adviseur.txt", mode="proef").id,
               play(store, GOOD, finish=False).id]
        transcript = db.parent / "noor.txt"
        transcript.write_text(TRANSCRIPT, encoding="utf-8")
        ids.append(import_transcript(store, str(transcript), "Marieke")[0].id)
    return ids


def test_export_and_import_round_trip_and_twice_adds_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "docent.db", tmp_path / "trainer.db"
    ids = _make_sessions(a)
    export = tmp_path / "marieke.json"
    code, _, err = run(capsys, "exporteer", "--docent", "marieke", "-o", export, "--db", a)
    assert code == 0 and "4 sessies geëxporteerd" in err
    code, out, _ = run(capsys, "importeer-sessies", export, "--db", b)
    assert code == 0 and "4 sessies ingelezen" in out
    code, out, _ = run(capsys, "importeer-sessies", export, "--db", b)
    assert code == 0 and "0 sessies ingelezen, 4 al aanwezig" in out
    with Store.open(a) as mine, Store.open(b) as theirs:
        assert [s.id for s in theirs.list_sessions()] == ids
        for session_id in ids:
            here, there = mine.load(session_id), theirs.load(session_id)
            # A path on the docent's computer means nothing on the trainer's.
            assert there == replace(here, info=replace(here.info, scenario_path=None))
        assert theirs.progress("Marieke") == mine.progress("Marieke")


def test_a_half_export_file_is_rejected_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "docent.db", tmp_path / "trainer.db"
    _make_sessions(a)
    with Store.open(a) as store:
        text = json.dumps(store.export(), ensure_ascii=False, indent=1)
    half = tmp_path / "half.json"
    half.write_text(text[: len(text) // 2], encoding="utf-8")
    code, _, err = run(capsys, "importeer-sessies", half, "--db", b)
    assert code == 2 and "halverwege" in err and "niets ingelezen" in err
    assert not b.exists() or Store.open(b).list_sessions() == ()


def test_one_bad_session_in_an_export_file_rejects_the_whole_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "docent.db", tmp_path / "trainer.db"
    _make_sessions(a)
    with Store.open(a) as store:
        data = store.export()
    data["sessies"][1]["beurten"][2]["analyse"]["code"] = "preek"
    del data["sessies"][3]["rapport"]["regels"][0]["punten"]
    bad = tmp_path / "fout.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "importeer-sessies", bad, "--db", b)
    assert code == 2
    assert "sessie 2: sessies[1].beurten[2].analyse.code: onbekende waarde 'preek'" in err
    assert "sessie 4:" in err and "punten: ontbreekt" in err
    assert "er is niets geïmporteerd" in err
    with Store.open(b) as store:
        assert store.list_sessions() == ()


def test_an_exchange_survives_json_exactly() -> None:
    session = Session(load_scenario(SANNE), seed=1)
    for turn in turns_of(GOOD)[:6]:
        session.say(turn)
    for ex in session.exchanges:
        assert exchange_from_dict(json.loads(json.dumps(exchange_to_dict(ex)))) == ex


# --------------------------------------------------------------------------- transcripts


def test_importeer_scores_a_transcript_like_a_session_without_a_student(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "noor.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    db = tmp_path / "s.db"
    code, out, err = run(capsys, "importeer", path, "--docent", "Marieke", "--db", db)
    assert code == 0, err
    assert "Gespreksrapport — Marieke met noor.txt" in out and "Bewaard als sessie" in err
    exchanges = read_transcript(str(path))[0].exchanges
    assert [ex.docent for ex in exchanges][:2] == [
        "Hoi Noor, ga zitten. Waar wil je het vandaag over hebben?",
        "Zelf knippen, voor het eerst. Hoe was dat voor je?"]
    assert exchanges[0].student == ("Over mijn stage bij de kapsalon. Ik mocht zaterdag voor "
                                    "het eerst zelf knippen.")
    assert exchanges[-1].student == "Dat ik niet zo snel in paniek raak."   # the last reply too
    assert all(ex.openness is None and ex.layer is None for ex in exchanges)
    # The story came in answer to the opening: going deeper next is no sprong.
    assert [ex.sprong for ex in exchanges] == [False] * len(exchanges)
    with Store.open(db) as store:
        (info,) = store.list_sessions()
        stored = store.load(info.id)
    assert info.kind == "transcript" and info.mode is None and info.source == "noor.txt"
    assert stored.exchanges == exchanges
    assert stored.report_data == to_dict(build(exchanges))

    code, _, err = run(capsys, "importeer", path, "--docent", "marieke", "--db", db)
    assert code == 2 and "al bewaard" in err and "--opnieuw" in err
    code, _, _ = run(capsys, "importeer", path, "--docent", "marieke", "--opnieuw", "--db", db)
    assert code == 0


def test_a_transcript_that_jumps_ahead_still_records_the_sprong(tmp_path: Path) -> None:
    path = tmp_path / "jump.txt"
    path.write_text("D: Hoi Sem, hoe gaat het met je?\nS: Goed hoor.\n"
                    "D: Wat is je eerste stap om een stageplek te vinden?\nS: Weet ik niet.\n",
                    encoding="utf-8")
    exchanges = read_transcript(str(path))[0].exchanges
    assert [ex.sprong for ex in exchanges] == [False, True]


def test_importeer_refuses_a_file_without_speakers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "vragen.txt"
    path.write_text("Wat gebeurde er?\nEn toen?\n", encoding="utf-8")
    code, _, err = run(capsys, "importeer", path, "--docent", "M", "--db", tmp_path / "s.db")
    assert code == 2 and "dit is geen gesprek" in err
