"""Goal reached, progress per kind and scenario, own norms, transcripts as they are: via the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import run_cli, write
from workbench_helpers import SCRIPTS, hold

from gesprekscoach.storage.store import Store

SANNE_GOOD = SCRIPTS / "sanne-zorg-incident.goed.txt"
TRANSCRIPT = ("D: Hoi Noor, waar wil je het vandaag over hebben?\n"
              "S: Over mijn stage bij de kapsalon.\n"
              "D: Wat is je daar bijgebleven?\n"
              "S: Dat ik een klant alleen moest doen. Ik vond het spannend.\n"
              "D: Spannend? Hoe was dat voor je?\n")


@pytest.mark.parametrize("fmt, marker", [
    # the deepest layer by its title (what Sanne tells there, shortened), not its id
    ("tekst", r"Doel bereikt: [1-8] van 8 doellagen bereikt; de diepste laag "
              r"\(‘[A-Z][^’_]{10,}’\)"),
    ("md", r"Doel bereikt: [1-8] van 8 doellagen bereikt; de diepste laag \(‘[A-Z][^’_]{10,}’\)"),
    ("html", r"<dt>Doel bereikt</dt><dd>[1-8] van 8 doellagen bereikt; de diepste laag "
             r"\(‘[A-Z][^’_]{10,}’\)"),
    ("csv", r";[1-8]/8;(ja|nee)\r\n"),
])
def test_goal_reached_in_every_format(capsys, tmp_path: Path, fmt: str, marker: str) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        hold(store, "marieke", "sanne-zorg-incident", "sanne-zorg-incident.goed.txt")
    code, out, _ = run_cli(capsys, "rapport", "laatste", "--formaat", fmt, "--db", db)
    assert code == 0
    assert re.search(marker, " ".join(out.split()) if fmt == "tekst" else out)
    if fmt != "csv":   # a docent reads the layers' titles; ids only in JSON and CSV
        assert "twijfel_zorg" not in out and "mevrouw_jansen" not in out


def test_goal_reached_in_json_and_a_weak_conversation_misses_layers(capsys, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        hold(store, "marieke", "sanne-zorg-incident", "sanne-zorg-incident.goed.txt")
        hold(store, "marieke", "sanne-zorg-incident", "valkuil-adviseur.txt", day=1)
    good = json.loads(run_cli(capsys, "rapport", "laatste", "--formaat", "json", "--db", db)[1])
    goal = good["rapport"]["doel_bereikt"]
    assert goal["diepste"] == "twijfel_zorg" and len(goal["lagen"]) == 8
    assert len(goal["bereikt"]) < 8   # the adviser never gets past the incident


def test_progress_never_mixes_kinds_or_scenarios(capsys, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        for day in range(3):
            hold(store, "marieke", "sanne-zorg-incident", "sanne-zorg-incident.goed.txt", day=day)
        hold(store, "marieke", "kevin-bouw-stil", "valkuil-adviseur.txt", day=4)
    code, out, _ = run_cli(capsys, "voortgang", "--docent", "marieke", "--formaat", "json",
                           "--db", db)
    data = json.loads(out)
    assert code == 0 and len(data["sessies"]) == 3          # the Sanne series, not the mix
    assert data["cijfer"]["richting"] == "gelijk"            # same script three times
    code, text, _ = run_cli(capsys, "voortgang", "--docent", "marieke", "--db", db)
    text = " ".join(text.split())
    assert "De trend is over oefening met sanne-zorg-incident (3 sessies)" in text
    assert "oefening met kevin-bouw-stil: 1 sessie" in text
    code, out, _ = run_cli(capsys, "voortgang", "--docent", "marieke", "--scenario",
                           "kevin-bouw-stil", "--formaat", "json", "--db", db)
    assert code == 0 and len(json.loads(out)["sessies"]) == 1
    code, _, err = run_cli(capsys, "voortgang", "--docent", "marieke", "--soort", "transcript",
                           "--db", db)
    assert code == 2 and "geen afgeronde sessies" in err and "kevin-bouw-stil" in err


def test_a_thin_transcript_warns_and_does_not_count(capsys, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        hold(store, "noor", "sanne-zorg-incident", "sanne-zorg-incident.goed.txt")
    thin = write(tmp_path, "dun.txt", "D: Hoi.\nD: Wat wil je bespreken?\n")
    code, _, err = run_cli(capsys, "importeer", thin, "--docent", "noor", "--db", db)
    assert code == 0 and "let op: dit transcript heeft geen regels van de student" in err
    data = json.loads(run_cli(capsys, "voortgang", "--docent", "noor", "--formaat", "json",
                              "--db", db)[1])
    assert [s["soort"] for s in data["sessies"]] == ["oefening"]
    group = json.loads(run_cli(capsys, "groep", "--formaat", "json", "--db", db)[1])
    assert group["groep"]["sessies"] == 1
    group = json.loads(run_cli(capsys, "groep", "--alles", "--formaat", "json", "--db", db)[1])
    assert group["groep"]["sessies"] == 2


def test_the_same_transcript_for_another_docent_warns_and_names_the_session(
        capsys, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    path = write(tmp_path, "noor.txt", TRANSCRIPT)
    assert run_cli(capsys, "importeer", path, "--docent", "els", "--db", db)[0] == 0
    code, _, err = run_cli(capsys, "importeer", path, "--docent", "joost", "--db", db)
    first = run_cli(capsys, "sessies", "--docent", "els", "--db", db)[1].splitlines()[1].split()[0]
    assert code == 0 and f"hetzelfde transcript is al bewaard als sessie {first} van els" in err


def test_the_last_docent_turn_is_kept(capsys, tmp_path: Path) -> None:
    path = write(tmp_path, "noor.txt", TRANSCRIPT)
    code, out, _ = run_cli(capsys, "importeer", path, "--docent", "els", "--formaat", "json",
                           "--db", tmp_path / "s.db")
    turns = json.loads(out)["beurten"]
    assert code == 0 and len(turns) == 3
    assert turns[-1]["docent"] == "Spannend? Hoe was dat voor je?" and turns[-1]["student"] == ""
    assert turns[1]["student"].startswith("Dat ik een klant alleen")


def test_own_norms_on_rapport_and_importeer_and_from_the_config_folder(
        capsys, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "s.db"
    transcript = write(tmp_path, "noor.txt", TRANSCRIPT)
    strict = write(tmp_path, "streng.yaml",
                   "regels:\n  samenvatten:\n    gewicht: 20\n")  # no summary: low score
    plain = json.loads(run_cli(capsys, "importeer", transcript, "--docent", "els", "--formaat",
                               "json", "--db", db)[1])["rapport"]
    code, out, _ = run_cli(capsys, "rapport", "laatste", "--normen", strict, "--formaat", "json",
                           "--db", db)
    strict_report = json.loads(out)["rapport"]
    assert code == 0 and strict_report["cijfer"] < plain["cijfer"]
    assert strict_report["normen"].endswith("streng.yaml")
    # without --normen the report reads as it was given
    again = json.loads(run_cli(capsys, "rapport", "laatste", "--formaat", "json", "--db", db)[1])
    assert again["rapport"]["cijfer"] == plain["cijfer"]
    # a norms file in the config folder is picked up by every command that scores
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "config" / "gesprekscoach").mkdir(parents=True)
    (tmp_path / "config" / "gesprekscoach" / "normen.yaml").write_text(
        strict.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run_cli(capsys, "importeer", transcript, "--docent", "els", "--opnieuw",
                             "--db", db)
    assert code == 0 and "eigen normen" in out
    assert f"cijfer {strict_report['cijfer']})" in err


def test_voortgang_counts_again_with_own_norms(capsys, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    transcript = write(tmp_path, "noor.txt", TRANSCRIPT)
    strict = write(tmp_path, "streng.yaml", "regels:\n  samenvatten:\n    gewicht: 20\n")
    run_cli(capsys, "importeer", transcript, "--docent", "els", "--db", db)
    plain = json.loads(run_cli(capsys, "voortgang", "--formaat", "json", "--db", db)[1])
    code, out, _ = run_cli(capsys, "voortgang", "--normen", strict, "--formaat", "json", "--db", db)
    counted = json.loads(out)
    report = json.loads(run_cli(capsys, "rapport", "laatste", "--normen", strict, "--formaat",
                                "json", "--db", db)[1])["rapport"]
    assert code == 0 and counted["normen"].endswith("streng.yaml") and plain["normen"] is None
    assert counted["sessies"][0]["cijfer"] == report["cijfer"] < plain["sessies"][0]["cijfer"]
    code, out, _ = run_cli(capsys, "voortgang", "--normen", strict, "--db", db)
    assert code == 0 and "opnieuw geteld met de normen uit" in out and "streng.yaml" in out


@pytest.mark.parametrize("command", [
    ["rapport", "laatste"], ["importeer", "noor.txt", "--docent", "els"], ["voortgang"],
    ["simuleer", "sanne-zorg-incident", str(SANNE_GOOD)],
])
def test_bad_norms_are_a_dutch_message_at_their_line(capsys, tmp_path: Path, monkeypatch,
                                                     command) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "noor.txt", TRANSCRIPT)
    db = tmp_path / "s.db"
    run_cli(capsys, "importeer", "noor.txt", "--docent", "els", "--db", db)
    write(tmp_path, "fout.yaml", "regels:\n  open_vragen:\n    gewicht: -1\n")
    code, out, err = run_cli(capsys, *command, "--normen", "fout.yaml", "--db", db) \
        if command[0] != "simuleer" else run_cli(capsys, *command, "--normen", "fout.yaml")
    assert code == 2 and "fout.yaml:3:14:" in err and "Traceback" not in err


def test_a_pdf_for_the_portfolio(capsys, tmp_path: Path, monkeypatch) -> None:
    import shutil

    db = tmp_path / "s.db"
    transcript = write(tmp_path, "noor.txt", TRANSCRIPT)
    run_cli(capsys, "importeer", transcript, "--docent", "els", "--db", db)
    code, _, err = run_cli(capsys, "rapport", "laatste", "--formaat", "pdf", "--db", db)
    assert code == 2 and "geef -o BESTAND.pdf" in err
    monkeypatch.setenv("GESPREKSCOACH_CHROMIUM", "geen-browser-hier")
    code, _, err = run_cli(capsys, "rapport", "laatste", "-o", tmp_path / "r.pdf", "--db", db)
    assert code == 2 and "GESPREKSCOACH_CHROMIUM" in err and not (tmp_path / "r.pdf").exists()
    monkeypatch.delenv("GESPREKSCOACH_CHROMIUM")
    if not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")):
        pytest.skip("geen Chromium op deze machine")
    code, _, err = run_cli(capsys, "rapport", "laatste", "-o", tmp_path / "r.pdf", "--db", db)
    data = (tmp_path / "r.pdf").read_bytes()
    assert code == 0 and data.startswith(b"%PDF")
    assert re.search(rb"/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]", data)  # A4


NAMED = ("Sprekers: docent = Mevrouw Jansen; student = Noor; praktijkopleider = Henk\n"
         "[00:00:05] Mevrouw Jansen: Hoi Noor, waar wil je het vandaag over hebben?\n"
         "[00:00:09] Noor: Over mijn stage bij de kapsalon.\n"
         "[00:00:14] Henk: Ze doet het prima hoor.\n"
         "00:20 Mevrouw Jansen: Wat is je daar bijgebleven, Noor?\n"
         "(00:31) Noor: Dat ik een klant alleen moest doen.\n")


def test_named_speakers_timestamps_and_a_title(capsys, tmp_path: Path) -> None:
    path = write(tmp_path, "noor.txt", NAMED)
    code, out, _ = run_cli(capsys, "importeer", path, "--docent", "els", "--student", "Noor",
                           "--titel", "Stagegesprek kapsalon", "--formaat", "json",
                           "--db", tmp_path / "s.db")
    data = json.loads(out)
    assert code == 0 and [b["docent"] for b in data["beurten"]] == [
        "Hoi Noor, waar wil je het vandaag over hebben?", "Wat is je daar bijgebleven, Noor?"]
    assert data["beurten"][0]["student"] == "Over mijn stage bij de kapsalon."  # Henk kept apart
    assert "Henk" not in json.dumps(data["beurten"][0]["docent"])
    assert data["student"] == "Noor" and data["titel"] == "Stagegesprek kapsalon"
    code, text, _ = run_cli(capsys, "rapport", "laatste", "--db", tmp_path / "s.db")
    assert text.startswith("Gespreksrapport — els met Noor") and "Stagegesprek kapsalon" in text


def test_named_speakers_without_a_header_need_the_docent(capsys, tmp_path: Path) -> None:
    path = write(tmp_path, "noor.txt", NAMED.split("\n", 1)[1])
    code, _, err = run_cli(capsys, "importeer", path, "--docent", "els", "--db", tmp_path / "s.db")
    assert code == 2 and "noor.txt:1: wie is de docent?" in err and "'Mevrouw Jansen'" in err
    code, _, err = run_cli(capsys, "importeer", path, "--docent", "els", "--docent-spreker",
                           "Mevrouw Jansen", "--db", tmp_path / "s.db")
    assert code == 2 and "wie is de student?" in err and "--student-spreker" in err
    code, out, _ = run_cli(capsys, "importeer", path, "--docent", "els", "--docent-spreker",
                           "mevrouw jansen", "--student-spreker", "Noor", "--formaat", "json",
                           "--db", tmp_path / "s.db")
    assert code == 0 and len(json.loads(out)["beurten"]) == 2
