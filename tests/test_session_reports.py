"""Reports on kept sessions: every format, escaping, and progress with a trend."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC
from pathlib import Path

import pytest
from cli_helpers import run_cli as run

from gesprekscoach.cli.simuleer import parse_script
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.output.format import dec, relative_day, spark
from gesprekscoach.scoring.progress import trend
from gesprekscoach.storage.recording import Recorder
from gesprekscoach.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
SANNE = ROOT / "gesprekscoach" / "data" / "scenarios" / "sanne-zorg-incident.yaml"
SCRIPTS = ROOT / "tests" / "scripts"
ATTACK = "<script>alert(1)</script> Wat gebeurde er & hoe \"ging\" het?"


def turns_of(name: str) -> list[str]:
    return [t.text for t in parse_script((SCRIPTS / name).read_text("utf-8"), name)]


def play(store: Store, turns: list[str], docent: str = "Marieke", finish: bool = True) -> str:
    recorded = Recorder.start(store, load_scenario(SANNE), docent=docent)
    for turn in turns:
        recorded.session.say(turn)
    if finish:
        recorded.finish()
    assert recorded.id is not None
    return recorded.id


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Three sessions of Marieke getting better, one unfinished, one of Kees."""
    path = tmp_path / "sessies.db"
    with Store.open(path) as store:
        play(store, turns_of("valkuil-adviseur.txt"))
        play(store, turns_of("valkuil-stapelaar.txt"))
        play(store, [ATTACK, *turns_of("sanne-zorg-incident.goed.txt")[1:]])
        play(store, turns_of("sanne-zorg-incident.goed.txt")[:3], finish=False)
        play(store, turns_of("valkuil-oordelaar.txt"), docent="Kees")
    return path


def test_html_report_is_one_self_contained_page_with_every_text_escaped(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rapport.html"
    code, _, err = run(capsys, "rapport", "laatste", "--docent", "Marieke", "--db", db)
    assert code == 0
    with Store.open(db) as store:
        finished = [s for s in store.list_sessions("Marieke") if s.status == "klaar"][-1]
    code, _, err = run(capsys, "rapport", finished.short_id, "-o", target, "--db", db)
    assert code == 0 and "Geschreven" in err
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Wat gebeurde er &amp; hoe &quot;ging&quot;" in page
    assert "<svg" in page and "<style>" in page
    assert not re.search(r"(src|href)\s*=|https?://|@import|url\(", page)   # nothing fetched
    assert "Gespreksrapport: Marieke met Sanne" in page and "Het gesprek" in page


def test_text_markdown_json_and_csv_reports(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db) as store:
        info = [s for s in store.list_sessions("Marieke") if s.status == "klaar"][-1]
        stored = store.load(info.id)
    code, text, _ = run(capsys, "rapport", info.id[:6], "--db", db)
    assert code == 0 and f"Cijfer: {info.score} / 100" in text and "Feedforward" in text
    assert "\x1b" not in text
    code, markdown, _ = run(capsys, "rapport", info.id, "--formaat", "md", "--db", db)
    assert code == 0 and "\\<script\\>alert(1)\\</script\\>" in markdown
    code, out, _ = run(capsys, "rapport", info.id, "--formaat", "json", "--db", db)
    data = json.loads(out)
    assert data["id"] == info.id and data["rapport"]["cijfer"] == info.score
    assert len(data["beurten"]) == info.turns == len(stored.exchanges)
    code, out, _ = run(capsys, "rapport", info.id, "--formaat", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(out), delimiter=";"))
    assert len(rows) == 1 and rows[0]["cijfer"] == str(info.score)
    assert rows[0]["status"] == "klaar" and rows[0]["open_vragen"].replace(",", "").isdigit()


def test_an_unfinished_session_gets_the_report_so_far(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db) as store:
        (waiting,) = store.unfinished("Marieke")
    code, out, _ = run(capsys, "rapport", waiting.info.short_id, "--db", db)
    assert code == 0 and "nog niet afgerond" in out


def test_voortgang_shows_the_trend_per_rule_in_every_format(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db) as store:
        progress = store.progress("marieke")
    scores = [s.score for s in progress.sessions]
    assert len(scores) == 3 and scores[-1] - scores[0] >= 20      # the unfinished one left out
    assert progress.score.direction == "stijgt"
    by_rule = {r.rule: r for r in progress.rules}
    assert by_rule["niet_informeren_of_adviseren"].trend.direction == "stijgt"

    code, out, _ = run(capsys, "voortgang", "--docent", "marieke", "--db", db)
    assert code == 0 and "Voortgang van Marieke: 3 afgeronde sessies" in out
    assert "↑ stijgt" in out and "Niet informeren of adviseren" in out
    target = tmp_path / "voortgang.html"
    code, _, _ = run(capsys, "voortgang", "--docent", "Marieke", "-o", target, "--db", db)
    page = target.read_text("utf-8")
    assert code == 0 and page.count("<svg") >= 10 and "<script" not in page
    assert "stippellijn" in page
    code, out, _ = run(capsys, "voortgang", "--docent", "Marieke", "--formaat", "json", "--db", db)
    data = json.loads(out)
    assert data["cijfer"]["richting"] == "stijgt" and len(data["sessies"]) == 3
    target = tmp_path / "marieke.csv"
    code, _, _ = run(capsys, "voortgang", "--docent", "Marieke", "-o", target, "--db", db)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                         # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4 and [r["status"] for r in rows].count("bezig") == 1


def test_voortgang_needs_a_docent_when_there_are_more(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "voortgang", "--db", db)
    assert code == 2 and "--docent" in err and "Kees" in err and "Marieke" in err
    code, _, err = run(capsys, "voortgang", "--docent", "Piet", "--db", db)
    assert code == 2 and "geen sessies van 'Piet'" in err


def test_sessies_lists_everyone_or_one_docent(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sessies", "--db", db)
    assert code == 0 and "5 sessies in" in out and "Kees" in out and "bezig" in out
    code, out, _ = run(capsys, "sessies", "--docent", "kees", "--json", "--db", db)
    (only,) = json.loads(out)
    assert only["docent"] == "Kees" and only["status"] == "klaar" and only["cijfer"] is not None


def test_commands_on_an_empty_database_say_so_without_creating_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "leeg.db"
    code, out, _ = run(capsys, "sessies", "--db", db)
    assert code == 0 and "Er zijn nog geen sessies bewaard" in out
    code, _, err = run(capsys, "rapport", "laatste", "--db", db)
    assert code == 2 and "nog geen sessies" in err
    assert not db.exists()


@pytest.mark.parametrize("command", ["sessies", "rapport", "voortgang", "importeer",
                                     "exporteer", "importeer-sessies", "oefen"])
def test_help_is_dutch_with_examples_and_db(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0 and "gebruik:" in out and "voorbeelden:" in out and "--db PAD" in out


def test_trend_and_words() -> None:
    assert trend([40, 50, 70], 5).direction == "stijgt"
    assert trend([0.9, 0.5, 0.4], 0.1).direction == "daalt"
    assert trend([60, 62, 59], 5).direction == "gelijk"
    assert trend([60], 5).direction == "–"
    assert spark([0.0, 0.5, 1.0]) == "▁▅█"
    assert [dec(v, d) for v, d in ((60.0, 0), (100, 0), (0.70, 2), (0.467, 2), (1.0, 2))] == [
        "60", "100", "0,7", "0,47", "1"]
    from datetime import datetime, timedelta
    now = datetime(2025, 3, 6, 12, tzinfo=UTC)
    assert relative_day(now - timedelta(hours=1), now) == "eerder vandaag"
    assert relative_day(now - timedelta(days=1), now) == "gisteren"
    assert relative_day(now - timedelta(days=40), now).endswith("januari")
