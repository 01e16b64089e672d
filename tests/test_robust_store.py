"""A training day that loses nothing (issue 15): load, two windows, half imports,
damaged rows, read-only and empty files. Real processes where it matters, each
bounded in time."""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_app import SIZE, fixture_app, picker, say, start
from test_store import GOOD, SANNE, TRANSCRIPT, play, turns_of

from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.session import Session
from gesprekscoach.errors import UserError
from gesprekscoach.storage.paths import DB_ENV
from gesprekscoach.storage.recording import Recorder, import_transcript, resume_or_close
from gesprekscoach.storage.store import Store
from gesprekscoach.tui.screens.resume_prompt import ResumePrompt

ROOT = Path(__file__).resolve().parents[1]


def cli(db: Path, *argv: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gesprekscoach", *argv, "--db", str(db)],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8", **{DB_ENV: str(db)}, **env))


# --------------------------------------------------------------------------- (1) load

WRITER = """
import pickle, sys, time
from gesprekscoach.storage.store import Store
db, exchanges, go = sys.argv[1], pickle.load(open(sys.argv[2], "rb")), float(sys.argv[3])
store = Store.open(db)
time.sleep(max(0, go - time.time()))
session = store.start_session("d" + sys.argv[4], None, kind="transcript", mode=None, seed=None)
for exchange in exchanges:
    store.add_turn(session, exchange)
print("klaar")
"""


def test_forty_writers_and_a_lock_held_past_the_old_limit_lose_no_turn(tmp_path: Path) -> None:
    session = Session(load_scenario(SANNE), seed=0)
    for turn in turns_of(GOOD)[:6]:
        session.say(turn)
    exchanges = tmp_path / "beurten.pickle"
    exchanges.write_bytes(pickle.dumps(session.exchanges))
    db = tmp_path / "sessies.db"
    Store.open(db).close()
    go = time.time() + 4.0
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(exchanges), str(go),
                                 str(i)], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for i in range(40)]
    # Another writer holds the lock for 3 s, longer than SQLite's own wait (and the old 2 s).
    time.sleep(max(0, go - time.time()))
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    time.sleep(3.0)
    locker.execute("ROLLBACK")
    locker.close()
    results = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0] * 40, results[0][1]
    with Store.open(db) as store:
        infos = store.list_sessions()
    assert len(infos) == 40 and all(info.turns == 6 for info in infos)


def test_a_commit_that_waits_too_long_says_bezet_exit_2_and_changes_nothing(
        tmp_path: Path) -> None:
    db = tmp_path / "sessies.db"
    transcript = tmp_path / "gesprek.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    Store.open(db).close()
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        blocked = cli(db, "importeer", str(transcript), "--docent", "Marieke",
                      GESPREKSCOACH_WACHTTIJD="1.5")
        waited = time.monotonic() - began
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert blocked.returncode == 2 and "bezet" in blocked.stderr
    assert "Traceback" not in blocked.stderr and waited >= 1.5
    with Store.open(db) as store:
        assert store.list_sessions() == ()


def test_a_turn_kept_while_busy_can_be_undone_and_the_rest_is_stored_at_the_end(
        tmp_path: Path) -> None:
    db = tmp_path / "sessies.db"
    with Store.open(db, patience=0.2) as store:
        recorder = Recorder.start(store, load_scenario(SANNE), docent="Marieke")
        turns = turns_of(GOOD)
        recorder.session.say(turns[0])
        locker = sqlite3.connect(db, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        recorder.session.say(turns[1])
        recorder.session.say(turns[2])
        assert recorder.pending == 2 and recorder.problem is not None
        assert "bezet" in recorder.problem.message
        assert recorder.session.undo()        # a turn that never reached the store
        locker.execute("ROLLBACK")
        locker.close()
        report = recorder.finish()             # the waiting turn goes first, then the report
        assert report is not None and recorder.pending == 0
        stored = store.load(recorder.id or "")
        assert [ex.docent for ex in stored.exchanges] == turns[:2]
        assert stored.info.status == "klaar"


# --------------------------------------------------------------------------- (2) two windows

WINDOW = """
import sys
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.storage.recording import Recorder
from gesprekscoach.storage.store import Store
store = Store.open(sys.argv[1])
recorder = Recorder.start(store, load_scenario(sys.argv[2]), docent="Marieke")
recorder.session.say("Hoi Sanne, waar wil je het over hebben?")
recorder.session.say("Wat gebeurde er precies?")
print("open", flush=True)
sys.stdin.readline()
recorder.session.say("En hoe was dat voor je?")
print("nog steeds", recorder.pending, flush=True)
sys.stdin.readline()
"""


def test_a_conversation_open_in_one_window_is_not_offered_or_closed_in_another(
        tmp_path: Path) -> None:
    db = tmp_path / "sessies.db"
    first = subprocess.Popen([sys.executable, "-c", WINDOW, str(db), str(SANNE)], cwd=ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout is not None and first.stdin is not None
        assert first.stdout.readline().strip() == "open"
        with Store.open(db) as store:
            assert store.unfinished("marieke") == ()       # not offered here
            assert store.open_in_other_windows("Marieke") == ("Sanne",)
            (info,) = store.list_sessions()
            stored = store.load(info.id)
            resumed = resume_or_close(store, stored, go_on=True)  # and cannot be taken over
            assert resumed.recorder is None and resumed.problem is not None
            assert "ander venster" in resumed.problem.message
            resume_or_close(store, stored, go_on=False)   # nor closed
            assert store.load(info.id).info.status == "bezig"
            play(store, GOOD)                              # this window: its own conversation
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.stdout.readline().split() == ["nog", "steeds", "0"]
        first.kill()                                        # the window dies (kill -9)
        first.wait(timeout=10)
        with Store.open(db) as store:
            (waiting,) = store.unfinished("Marieke")       # now it is offered again
            assert waiting.info.turns == 3
            recorder = Recorder.resume(store, waiting)
            assert len(recorder.session.exchanges) == 3
    finally:
        first.kill()
        first.wait(timeout=10)


async def test_the_second_app_window_of_a_docent_starts_its_own_conversation(
        _own_session_db: Path) -> None:
    with Store.open(_own_session_db) as other:      # the first window, mid-conversation
        recorder = Recorder.start(other, load_scenario(SANNE), docent="docent")
        recorder.session.say("Hoi Sanne, waar wil je het over hebben?")
        app = fixture_app()
        async with app.run_test(size=SIZE) as pilot:
            await picker(pilot)                          # no resume question, no crash
            assert not isinstance(app.screen, ResumePrompt)
            assert any(n.title == "Ook open in een ander venster" for n in app._notifications)
            await start(pilot)
            await say(pilot, "Hoi Lotte, waar wil je het over hebben?")
            recorder.session.say("Wat gebeurde er precies?")  # the first window goes on too
        infos = other.list_sessions("docent")
        assert sorted(i.turns for i in infos) == [1, 2]


# --------------------------------------------------------------------------- (3) importeer

def test_a_half_import_from_before_is_replaced_by_the_retry(tmp_path: Path) -> None:
    db = tmp_path / "sessies.db"
    transcript = tmp_path / "gesprek.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    session, digest = __import__("gesprekscoach.conversation.session",
                                 fromlist=["read_transcript"]).read_transcript(str(transcript))
    with Store.open(db) as store:   # what a kill -9 left with the old, turn-by-turn import
        half = store.start_session("Marieke", None, kind="transcript", mode=None, seed=None,
                                   source="gesprek.txt", source_sha256=digest)
        store.add_turn(half, session.exchanges[0])
    done = cli(db, "importeer", str(transcript), "--docent", "Marieke")
    assert done.returncode == 0, done.stderr
    with Store.open(db) as store:
        (info,) = store.list_sessions()
        assert info.status == "klaar" and info.turns == len(session.exchanges)
        assert info.id != half


def test_importeer_is_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gesprekscoach.storage.store as store_module

    transcript = tmp_path / "gesprek.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")

    def disk_full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with Store.open(tmp_path / "s.db") as store:
        monkeypatch.setattr(store_module, "write_scores", disk_full)  # the last write fails
        with pytest.raises(UserError, match="schijf is vol"):
            import_transcript(store, str(transcript), "Marieke")
        monkeypatch.undo()
        assert store.list_sessions() == ()                  # not a turn of it stayed
        import_transcript(store, str(transcript), "Marieke")  # and a retry is not refused
        assert [i.status for i in store.list_sessions()] == ["klaar"]


# --------------------------------------------------------------------------- (4) damaged rows

@pytest.fixture
def damaged_db(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Five sessions of Marieke; three damaged, each in another way."""
    db = tmp_path / "sessies.db"
    with Store.open(db) as store:
        ids = [play(store, GOOD).id for _ in range(5)]
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE turns SET analysis_json = '{kapot' WHERE session_id = ? AND nr = 2",
                     (ids[0],))
        conn.execute("UPDATE sessions SET started_at = 'gisteren' WHERE id = ?", (ids[1],))
        report = json.loads(conn.execute("SELECT report_json FROM sessions WHERE id = ?",
                                         (ids[2],)).fetchone()[0])
        del report["regels"]
        conn.execute("UPDATE sessions SET report_json = ? WHERE id = ?",
                     (json.dumps(report), ids[2]))
    conn.close()
    return db, {"json": ids[0], "tijd": ids[1], "sleutel": ids[2], "goed": ids[3]}


def test_damaged_sessions_are_named_and_skipped_by_every_command(
        damaged_db: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    db, ids = damaged_db
    listed = cli(db, "sessies")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    assert ids["tijd"][:8] in listed.stderr and "geen geldige tijd" in listed.stderr
    assert ids["goed"][:8] in listed.stdout and ids["tijd"][:8] not in listed.stdout

    for key, what in (("json", "beurt 2: geen geldige JSON"), ("sleutel", "regels ontbreekt")):
        shown = cli(db, "rapport", ids[key])
        assert shown.returncode == 2 and "Traceback" not in shown.stderr
        assert ids[key][:8] in shown.stderr and what in shown.stderr
    assert cli(db, "rapport", ids["goed"]).returncode == 0

    target = tmp_path / "export.json"
    exported = cli(db, "exporteer", "-o", str(target))
    assert exported.returncode == 0 and "Traceback" not in exported.stderr
    assert "3 beschadigde sessies niet geëxporteerd" in exported.stderr
    assert all(ids[k][:8] in exported.stderr for k in ("json", "tijd", "sleutel"))
    assert len(json.loads(target.read_text(encoding="utf-8"))["sessies"]) == 2

    progress = cli(db, "voortgang", "--docent", "Marieke")
    assert progress.returncode == 0 and "Traceback" not in progress.stderr


async def test_the_app_starts_over_damaged_sessions(
        damaged_db: tuple[Path, dict[str, str]]) -> None:
    db, ids = damaged_db
    with Store.open(db) as store:  # a damaged unfinished one, which the app would offer
        recorder = play(store, GOOD, docent="docent", finish=False)
        recorder.detach()
        store._conn.execute("UPDATE turns SET said_at = 'nooit' WHERE session_id = ?",
                            (recorder.id,))
    app = fixture_app(db=db)
    async with app.run_test(size=SIZE) as pilot:
        await picker(pilot)
        assert any(n.title == "Sessiedatabase" and "beschadigd" in n.message
                   for n in app._notifications)


# --------------------------------------------------------------------------- (10) smaller

@pytest.mark.parametrize("argv", [("sessies",), ("rapport", "laatste"),
                                  ("voortgang", "--docent", "x"), ("exporteer", "-o", "-")])
def test_read_commands_leave_an_empty_file_empty(tmp_path: Path, argv: tuple[str, ...]) -> None:
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    done = cli(empty, *argv)
    assert "Traceback" not in done.stderr and done.returncode in (0, 2)
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["leeg.txt"]


def test_a_database_on_a_read_only_disk_can_be_listed_and_exported(tmp_path: Path) -> None:
    mount = tmp_path / "stick"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("tmpfs kan hier niet worden aangekoppeld (geen root)")
    try:
        db = mount / "sessies.db"
        with Store.open(db) as store:
            play(store, GOOD)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        listed = cli(db, "sessies")
        assert listed.returncode == 0 and "Marieke" in listed.stdout, listed.stderr
        assert cli(db, "exporteer", "-o", str(tmp_path / "x.json")).returncode == 0
        assert cli(db, "rapport", "laatste").returncode == 0
        written = cli(db, "importeer", str(ROOT / "tests" / "scripts" / GOOD), "--docent", "x")
        assert written.returncode == 2 and "alleen-lezen" in written.stderr
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_importeer_sessies_on_a_plain_text_file_says_what_it_is(tmp_path: Path) -> None:
    text = tmp_path / "gesprek.txt"
    text.write_text(TRANSCRIPT, encoding="utf-8")
    done = cli(tmp_path / "s.db", "importeer-sessies", str(text))
    assert done.returncode == 2 and "geen exportbestand van gesprekscoach" in done.stderr
    assert "halverwege" not in done.stderr and not (tmp_path / "s.db").exists()


@pytest.mark.parametrize("content", ["", "  \n\n"])
def test_an_empty_norms_file_is_refused(tmp_path: Path, content: str) -> None:
    norms = tmp_path / "normen.yaml"
    norms.write_text(content, encoding="utf-8")
    transcript = tmp_path / "gesprek.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    done = cli(tmp_path / "s.db", "importeer", str(transcript), "--docent", "x",
               "--normen", str(norms))
    assert done.returncode == 2 and "normenbestand is leeg" in done.stderr
    assert str(norms) in done.stderr and "Traceback" not in done.stderr
