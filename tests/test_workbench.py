"""The trainer's workbench through the command line: groep, corrigeer, exporteer --correcties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_cli, write
from workbench_helpers import small_group


@pytest.fixture(scope="module")
def group_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("groep") / "groep.db"
    return path, small_group(path)


@pytest.fixture
def db(group_db: tuple[Path, dict[str, str]], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy per test, so corrections in one test do not leak into another."""
    copy = tmp_path / "groep.db"
    copy.write_bytes(group_db[0].read_bytes())
    return copy, group_db[1]


def test_groep_shows_every_docent_and_the_group_mean(capsys, db) -> None:
    path, _ = db
    code, out, _ = run_cli(capsys, "groep", "--db", path)
    assert code == 0
    lines = out.splitlines()
    rows: dict[str, list[str]] = {}
    for line in lines:   # the first table is per docent
        if line[:1].isalpha():
            rows.setdefault(line.split()[0], line.split())
    assert rows["marieke"][1] == "2" and rows["joost"][1] == "1" and rows["anouk"][1] == "1"
    assert rows["groep"][1] == "4"
    # the group's score is the mean over the sessions, not over the docents
    scores = [int(rows[d][2]) for d in ("marieke", "anouk", "joost")]
    assert int(rows["groep"][2]) in range(min(scores), max(scores) + 1)
    assert "sanne-zorg-inc…" in out and "kevin-bouw-stil" in out
    assert "Per soort" in out and "proef" in out
    assert max(len(line) for line in lines) <= 80


def test_groep_json_means_are_the_sessions_means(capsys, db) -> None:
    path, _ = db
    code, out, _ = run_cli(capsys, "groep", "marieke", "--formaat", "json", "--db", path)
    data = json.loads(out)
    assert code == 0 and [d["naam"] for d in data["docenten"]] == ["marieke"]
    code, single, _ = run_cli(capsys, "voortgang", "--docent", "marieke", "--formaat", "json",
                              "--db", path)
    scores = [s["cijfer"] for s in json.loads(single)["sessies"]]
    assert data["groep"]["cijfer"] == pytest.approx(sum(scores) / len(scores))
    assert data["groep"]["soorten"] == {"oefening": 2}


def test_groep_filters_by_kind_and_scenario(capsys, db) -> None:
    path, _ = db
    code, out, _ = run_cli(capsys, "groep", "--soort", "proef", "--formaat", "json", "--db", path)
    assert code == 0 and json.loads(out)["groep"]["sessies"] == 1
    code, out, _ = run_cli(capsys, "groep", "--scenario", "kevin-bouw-stil", "--formaat", "csv",
                           "--db", path)
    rows = [line.split(";") for line in out.lstrip("\ufeff").splitlines()]
    assert code == 0 and rows[0][:3] == ["niveau", "naam", "sessies"]
    assert ["docent", "joost", "1"] == rows[1][:3]


def test_groep_html_is_one_page_with_a_chart_per_rule(capsys, db, tmp_path: Path) -> None:
    path, _ = db
    target = tmp_path / "groep.html"
    code, _, err = run_cli(capsys, "groep", "-o", target, "--db", path)
    page = target.read_text(encoding="utf-8")
    assert code == 0 and "Geschreven" in err
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in page
    assert page.count("<h3>") == 9 and page.count("<svg") >= 9 * 3


def test_groep_from_an_export_counts_only_its_sessions(capsys, db, tmp_path: Path) -> None:
    path, _ = db
    export = tmp_path / "joost.json"
    assert run_cli(capsys, "exporteer", "--docent", "joost", "-o", export, "--db", path)[0] == 0
    code, out, _ = run_cli(capsys, "groep", "--export", export, "--formaat", "json", "--db", path)
    assert code == 0 and [d["naam"] for d in json.loads(out)["docenten"]] == ["joost"]


@pytest.mark.parametrize("argv, message", [
    (["groep", "niemand"], "geen sessies van 'niemand' gevonden"),
    (["groep", "mariekee"], "bedoel je 'marieke'?"),
    (["groep", "--export", "kapot.json"], "kapot.json:1:2: ongeldige JSON"),
    (["groep", "--export", "ander.json"], "geen exportbestand van gesprekscoach"),
    (["groep", "--soort", "echt"], "onbekende keuze"),
])
def test_groep_bad_input_is_a_dutch_message(capsys, db, tmp_path: Path, monkeypatch,
                                            argv, message) -> None:
    path, _ = db
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "kapot.json", "{x")
    write(tmp_path, "ander.json", '{"a": 1}')
    code, out, err = run_cli(capsys, *argv, "--db", path)
    assert code == 2 and message in err and "Traceback" not in err and out == ""


def test_groep_without_a_database(capsys, tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "groep", "--db", tmp_path / "geen.db")
    assert code == 2 and "nog geen sessies bewaard" in err


def test_a_correction_recomputes_the_report_and_keeps_the_original(capsys, db) -> None:
    path, ids = db
    session = ids["marieke_adviseur"]
    code, out, _ = run_cli(capsys, "rapport", session[:8], "--formaat", "json", "--db", path)
    before = json.loads(out)
    assert before["beurten"][1]["analyse"]["code"] == "advies"
    code, out, _ = run_cli(capsys, "corrigeer", session[:8], "2", "doorvraag", "--door", "els",
                           "--notitie", "hier vroeg je door", "--db", path)
    assert code == 0 and "advies → doorvraag" in out
    code, text, _ = run_cli(capsys, "rapport", session[:8], "--db", path)
    text = " ".join(text.split())
    assert "gecorrigeerd door els: was advies" in text and "notitie van els: hier vroeg je door" in text
    assert "Gecorrigeerd:" in text
    code, md, _ = run_cli(capsys, "rapport", session[:8], "--formaat", "md", "--db", path)
    assert "gecorrigeerd door els" in md
    # the rule points follow the correction, in the report and in the group
    after_advice = _rule(text, "Niet informeren of adviseren")
    assert _plain_report(before).startswith("10 keer") and "9 keer" in after_advice


def _rule(text: str, name: str) -> str:
    return text[text.index(name):][:120]


def _plain_report(data: dict) -> str:
    return next(r["gemeten"] for r in data["rapport"]["regels"]
                if r["regel"] == "niet_informeren_of_adviseren")


def test_a_correction_counts_in_the_group_and_can_be_taken_back(capsys, db) -> None:
    path, ids = db
    session = ids["anouk_gesloten"][:8]

    def doorvragen() -> float:
        out = run_cli(capsys, "groep", "anouk", "--formaat", "json", "--db", path)[1]
        return json.loads(out)["groep"]["punten"]["doorvragen"]

    start = doorvragen()
    assert run_cli(capsys, "corrigeer", session, "3", "doorvraag", "--db", path)[0] == 0
    assert doorvragen() > start
    assert run_cli(capsys, "corrigeer", session, "3", "--terug", "--db", path)[0] == 0
    assert doorvragen() == start


def test_corrections_export_as_corpus_lines(capsys, db, tmp_path: Path) -> None:
    path, ids = db
    session = ids["marieke_adviseur"][:8]
    run_cli(capsys, "corrigeer", session, "2", "suggestieve vraag", "--competentie", "geen",
            "--db", path)
    target = tmp_path / "correcties.jsonl"
    code, _, err = run_cli(capsys, "exporteer", "--correcties", "-o", target, "--db", path)
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert code == 0 and "1 gecorrigeerde beurt" in err
    assert lines == [{"id": f"correctie-{session}-2", "student": lines[0]["student"],
                      "docent": "Nou, dan moet je dit gewoon meteen met je begeleider bespreken.",
                      "codes": ["suggestieve_vraag"], "code": "suggestieve_vraag", "fase": None,
                      "competentie": None}]
    assert lines[0]["student"].startswith("Nou, op mijn stage")
    code, out, _ = run_cli(capsys, "evalueer", target)
    assert code == 0 and "1 beurt" in out


def test_a_correction_may_give_every_move_of_the_turn(capsys, db, tmp_path: Path) -> None:
    """"oordeel doorvraag": the judgement counts as the code (priority rule), the follow-up
    still counts; both go into the corpus lines and survive an export and import."""
    path, ids = db
    session = ids["marieke_adviseur"][:8]
    code, out, _ = run_cli(capsys, "corrigeer", session, "2", "doorvraag", "oordeel", "--door",
                           "els", "--db", path)
    assert code == 0 and "advies → oordeel + doorvraag" in out
    turn = json.loads(run_cli(capsys, "rapport", session, "--formaat", "json", "--db",
                              path)[1])["beurten"][1]["analyse"]
    assert turn["code"] == "oordeel" and turn["codes"] == ["doorvraag", "oordeel"]
    target = tmp_path / "correcties.jsonl"
    run_cli(capsys, "exporteer", "--correcties", "-o", target, "--db", path)
    line = json.loads(target.read_text(encoding="utf-8"))
    assert line["codes"] == ["oordeel", "doorvraag"] and line["code"] == "oordeel"
    export, other = tmp_path / "alle.json", tmp_path / "ander.db"
    run_cli(capsys, "exporteer", "-o", export, "--db", path)
    fixes = [f for s in json.loads(export.read_text(encoding="utf-8"))["sessies"]
             for f in s.get("correcties", [])]
    assert fixes[0]["ook"] == ["doorvraag"]
    assert run_cli(capsys, "importeer-sessies", export, "--db", other)[0] == 0
    again = json.loads(run_cli(capsys, "rapport", session, "--formaat", "json", "--db",
                               other)[1])["beurten"][1]["analyse"]
    assert again["codes"] == ["doorvraag", "oordeel"]


def test_no_corrections_to_export(capsys, db) -> None:
    path, _ = db
    code, _, err = run_cli(capsys, "exporteer", "--correcties", "-o", "-", "--db", path)
    assert code == 2 and "geen gecorrigeerde beurten" in err


@pytest.mark.parametrize("argv, message", [
    (["2", "doorvrag"], "bedoel je 'doorvraag'?"),
    (["99", "advies"], "geen beurt van deze sessie"),
    (["x", "advies"], "geen beurt van deze sessie"),
    (["2", "advies", "--fase", "midden"], "'midden' is geen fase"),
    (["2"], "wat is de juiste code van beurt 2?"),
    ([], "geef een BEURT en een CODE"),
    (["--notitie", "  "], "de notitie is leeg"),
    (["--verwijder"], "geef --ja mee"),
])
def test_corrigeer_bad_input_is_a_dutch_message(capsys, db, argv, message) -> None:
    path, ids = db
    code, out, err = run_cli(capsys, "corrigeer", ids["marieke_adviseur"][:8], *argv,
                             "--db", path)
    assert code == 2 and message in err and "Traceback" not in err
    assert run_cli(capsys, "sessies", "--db", path)[1].count("marieke") == 2  # nothing lost


def test_hide_show_and_delete_a_session(capsys, db) -> None:
    path, ids = db
    session = ids["marieke_adviseur"][:8]

    def marieke_sessions() -> int:
        out = run_cli(capsys, "groep", "marieke", "--formaat", "json", "--db", path)[1]
        return json.loads(out)["groep"]["sessies"]

    assert run_cli(capsys, "corrigeer", session, "--verberg", "--db", path)[0] == 0
    assert marieke_sessions() == 1
    export = json.loads(run_cli(capsys, "exporteer", "-o", "-", "--db", path)[1])
    assert len(export["sessies"]) == 4   # a hidden session stays in exports
    assert run_cli(capsys, "corrigeer", session, "--toon", "--db", path)[0] == 0
    assert marieke_sessions() == 2
    code, _, err = run_cli(capsys, "corrigeer", session, "--verwijder", "--ja", "--db", path)
    assert code == 0 and "Verwijderd" in err
    assert marieke_sessions() == 1
    code, _, err = run_cli(capsys, "rapport", session, "--db", path)
    assert code == 2 and "geen sessie gevonden" in err
