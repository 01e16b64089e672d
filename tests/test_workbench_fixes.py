"""What an LOB trainer found in the workbench (issue 14, user test), each through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_cli, write
from workbench_helpers import small_group


@pytest.fixture(scope="module")
def group_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("fixes") / "groep.db"
    return path, small_group(path)


@pytest.fixture
def db(group_db: tuple[Path, dict[str, str]], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    copy = tmp_path / "groep.db"
    copy.write_bytes(group_db[0].read_bytes())
    return copy, group_db[1]


def _report(capsys, path: Path, session: str) -> dict:
    code, out, _ = run_cli(capsys, "rapport", session[:8], "--formaat", "json", "--db", path)
    assert code == 0
    return json.loads(out)["rapport"]


# --------------------------------------------------------------------------- corrections


def test_a_phase_correction_recomputes_the_arc_and_says_what_changed(capsys, db) -> None:
    path, ids = db
    session = ids["anouk_gesloten"]
    before = _report(capsys, path, session)
    assert 2 in [s["beurt"] for s in before["boog"]["sprongen"]]
    code, out, _ = run_cli(capsys, "corrigeer", session[:8], "2", "gesloten_vraag",
                           "--fase", "opening", "--door", "ellen", "--db", path)
    assert code == 0
    assert "fase verbreden en verdiepen → opening" in out and "Boog: 3 sprongen" in out
    after = _report(capsys, path, session)
    assert 2 not in [s["beurt"] for s in after["boog"]["sprongen"]]
    assert len(after["boog"]["sprongen"]) == len(before["boog"]["sprongen"]) - 1
    code, text, _ = run_cli(capsys, "rapport", session[:8], "--db", path)
    assert "beurt 2: van opening" not in " ".join(text.split())
    assert "was fase verbreden en verdiepen" in " ".join(text.split())


def test_a_code_correction_names_the_code(capsys, db) -> None:
    path, ids = db
    code, out, _ = run_cli(capsys, "corrigeer", ids["anouk_gesloten"][:8], "3", "open_vraag",
                           "--door", "ellen", "--db", path)
    assert code == 0 and out.startswith("Beurt 3: gesloten vraag → open vraag (door ellen).")


def test_a_correction_compares_its_score_under_the_same_norms(capsys, db, tmp_path) -> None:
    """Norms that changed since the session was scored are no effect of the correction:
    'was' is the uncorrected session under the norms the new score uses."""
    path, ids = db
    session = ids["marieke_goed"][:8]
    strict = write(tmp_path, "streng.yaml", "regels:\n  niet_informeren_of_adviseren:\n    gewicht: 0\n"
                   "  open_vragen:\n    gewicht: 0\n  doorvragen:\n    gewicht: 0\n")
    _, report, _ = run_cli(capsys, "rapport", session, "--formaat", "json", "--normen", strict, "--db", path)
    under_strict = json.loads(report)["rapport"]["cijfer"]
    stored = _report(capsys, path, session)["cijfer"]
    assert under_strict != stored
    code, out, _ = run_cli(capsys, "corrigeer", session, "1", "open_vraag", "--normen", strict,
                           "--door", "ellen", "--db", path)
    assert code == 0 and f"(was {under_strict})" in out, out


# --------------------------------------------------------------------------- export and import


def _trainer_work(capsys, path: Path, ids: dict[str, str]) -> None:
    for argv in (("corrigeer", ids["marieke_adviseur"][:8], "2", "doorvraag", "--notitie",
                  "hier vroeg je door", "--door", "els"),
                 ("corrigeer", ids["marieke_adviseur"][:8], "--notitie", "sterk begin",
                  "--door", "els"),
                 ("corrigeer", ids["marieke_goed"][:8], "--verberg")):
        assert run_cli(capsys, *argv, "--db", path)[0] == 0


def test_an_export_carries_corrections_notes_and_the_hidden_flag(capsys, db, tmp_path) -> None:
    path, ids = db
    _trainer_work(capsys, path, ids)
    _, group_before, _ = run_cli(capsys, "groep", "--formaat", "json", "--db", path)
    corrected = _report(capsys, path, ids["marieke_adviseur"])
    export = tmp_path / "alle.json"
    assert run_cli(capsys, "exporteer", "-o", export, "--db", path)[0] == 0
    other = tmp_path / "trainer.db"
    code, out, _ = run_cli(capsys, "importeer-sessies", export, "--db", other)
    assert code == 0 and "4 sessies ingelezen" in out
    _, group_after, _ = run_cli(capsys, "groep", "--formaat", "json", "--db", other)
    assert json.loads(group_after) == json.loads(group_before)   # the hidden one stays out
    assert _report(capsys, other, ids["marieke_adviseur"])["cijfer"] == corrected["cijfer"]
    code, text, _ = run_cli(capsys, "rapport", ids["marieke_adviseur"][:8], "--db", other)
    text = " ".join(text.split())
    assert "gecorrigeerd door els: was advies" in text and "hier vroeg je door" in text
    assert "Notitie (els): sterk begin" in text
    _, listing, _ = run_cli(capsys, "sessies", "--db", other)
    assert "klaar, verborgen" in next(line for line in listing.splitlines()
                                      if line.startswith(ids["marieke_goed"][:8]))


def test_an_older_export_without_the_trainer_keys_still_loads(capsys, db, tmp_path) -> None:
    path, ids = db
    _trainer_work(capsys, path, ids)
    export = tmp_path / "alle.json"
    run_cli(capsys, "exporteer", "-o", export, "--db", path)
    data = json.loads(export.read_text(encoding="utf-8"))
    for session in data["sessies"]:
        for key in ("verborgen", "correcties", "notities"):
            session.pop(key, None)
    old = write(tmp_path, "oud.json", json.dumps(data))
    code, out, _ = run_cli(capsys, "importeer-sessies", old, "--db", tmp_path / "oud.db")
    assert code == 0 and "4 sessies ingelezen" in out


def test_a_bad_correction_in_an_export_is_named_and_nothing_is_added(capsys, db,
                                                                      tmp_path) -> None:
    path, ids = db
    _trainer_work(capsys, path, ids)
    export = tmp_path / "alle.json"
    run_cli(capsys, "exporteer", "-o", export, "--db", path)
    data = json.loads(export.read_text(encoding="utf-8"))
    index = next(i for i, s in enumerate(data["sessies"]) if s.get("correcties"))
    data["sessies"][index]["correcties"][0]["code"] = "doorvraagje"
    bad = write(tmp_path, "fout.json", json.dumps(data))
    target = tmp_path / "leeg.db"
    code, _, err = run_cli(capsys, "importeer-sessies", bad, "--db", target)
    assert code == 2 and f"sessies[{index}].correcties[0].code" in err
    assert "niets geïmporteerd" in err and "Traceback" not in err
    code, out, _ = run_cli(capsys, "sessies", "--db", target)
    assert "Nog geen sessies" in out


# --------------------------------------------------------------------------- transcripts

JANSEN = """\
Mevrouw Jansen: Hoi Sanne, hoe ging je stage?
Sanne: Wel goed. Vorige week gleed een bewoner bijna uit.
Mevrouw Jansen: Wat gebeurde er toen precies?
Sanne: Ik hielp hem alleen.
Mevrouw Jansen: Hoe was dat voor je?
Sanne: Eng.
"""


def test_a_misspelt_docent_speaker_is_named_with_the_close_one(capsys, tmp_path) -> None:
    path = write(tmp_path, "jansen.txt", JANSEN)
    store = tmp_path / "s.db"
    code, _, err = run_cli(capsys, "importeer", path, "--docent", "els", "--docent-spreker",
                           "Mevrouw Janssen", "--db", store)
    assert code == 2
    assert "'Mevrouw Janssen' (--docent-spreker) spreekt niet in dit gesprek" in err
    assert "bedoel je 'Mevrouw Jansen'?" in err and "wie is de student" not in err
    code, _, err = run_cli(capsys, "importeer", path, "--docent", "els", "--docent-spreker",
                           "Mevrouw Jansen", "--db", store)
    assert code == 0


def test_a_speaker_with_a_role_in_brackets_is_one_name(capsys, tmp_path) -> None:
    text = ("Docent (Ria): Hoi Mila, waar wil je het over hebben?\nMila: Over mijn stage.\n"
            "Docent (Ria): Wat gebeurde er daar?\nMila: Ik stond alleen achter de kassa.\n"
            "Docent (Ria): Hoe was dat voor je?\nMila: Spannend.\n")
    path = write(tmp_path, "mila.txt", text)
    code, out, err = run_cli(capsys, "importeer", path, "--docent", "ria", "--docent-spreker",
                             "Docent (Ria)", "--db", tmp_path / "s.db")
    assert code == 0, err
    code, _, err = run_cli(capsys, "importeer", path, "--docent", "ria2", "--docent-spreker",
                           "Ria", "--db", tmp_path / "t.db")
    assert code == 2 and "spreekt niet in dit gesprek. In dit gesprek spreken 'Docent (Ria)'" in err


def test_a_long_third_party_name_keeps_its_space_in_the_text_report(capsys, tmp_path) -> None:
    text = ("Sprekers: praktijkopleider = Dhr. Yilmaz\nD: Mila, waar wil je het over hebben?\n"
            "S: Over mijn stage.\nDhr. Yilmaz: Dat heeft ze goed gedaan.\nD: Wat gebeurde er?\n"
            "S: Ik stond alleen.\nD: Hoe was dat voor je?\nS: Spannend.\n")
    code, out, err = run_cli(capsys, "importeer", write(tmp_path, "y.txt", text), "--docent", "ria",
                             "--db", tmp_path / "s.db")
    assert code == 0, err
    assert "Dhr. Yilmaz: Dat heeft ze goed gedaan." in out


def test_an_unknown_speaker_beside_d_and_s_is_named_with_its_line(capsys, tmp_path) -> None:
    path = write(tmp_path, "x.txt", "D: Hoe ging het?\nS: Goed.\nX: Hallo\nD: Wat gebeurde er?\n"
                 "S: Niks.\nD: En toen?\n")
    code, _, err = run_cli(capsys, "importeer", path, "--docent", "els", "--db", tmp_path / "s.db")
    assert code == 2 and "x.txt:3:" in err and "onbekende spreker 'X'" in err
    assert "wie is de docent" not in err


TRIALOOG = """\
Sprekers: docent = Els; student = Bram; praktijkopleider = Henk
Els: Hoe ging je stage, Bram?
Bram: Goed wel. Ik heb vorige week een keuken geplaatst.
Els: Wat gebeurde er toen?
Henk: Hij heeft die keuken helemaal alleen gedaan.
Els: Wat vond jij daarvan, Bram?
Bram: Ik was trots.
Henk: Terecht.
Els: Wat betekende dat voor je?
Bram: Dat ik het kan.
"""


def test_a_named_third_party_keeps_his_name_and_is_no_student_silence(capsys, tmp_path) -> None:
    path = write(tmp_path, "trio.txt", TRIALOOG)
    store = tmp_path / "s.db"
    code, out, _ = run_cli(capsys, "importeer", path, "--docent", "els", "--student", "Bram",
                           "--db", store)
    assert code == 0
    turn2 = out[out.index("  2  Docent:"):out.index("  3  Docent:")]
    assert "Henk:" in turn2 and "Hij heeft die keuken" in turn2
    assert "(stilte)" not in turn2 and "Bram:" not in turn2 and "Derde" not in out
    code, md, _ = run_cli(capsys, "rapport", "laatste", "--formaat", "md", "--db", store)
    assert "**Henk:** Terecht." in md and "**Derde:**" not in md
    code, html, _ = run_cli(capsys, "rapport", "laatste", "--formaat", "html", "--db", store)
    assert '<span class="who">Henk:</span> Terecht.' in html


ADVIES = """\
D: Hoi Sanne, vertel eens, hoe gaat het op je stage?
S: Wel oké. Vorige week gleed een bewoner bijna uit onder de douche.
D: Wat gebeurde er precies?
S: Ik hielp hem alleen, en toen gleed hij weg. Ik kon hem net vasthouden.
D: Je moet een andere stage zoeken. De opleiding heeft een lijst met adressen.
S: Hm. Ik weet niet.
D: Hoe was dat voor je, daar alleen?
S: Eng. Ik schrok me kapot.
D: Dus je schrok erg. Wat maakte het zo eng?
S: Dat het mijn schuld had kunnen zijn.
D: Wat zegt dat over wat voor jou telt op de afdeling?
S: Dat mensen veilig zijn bij mij.
D: Wat zou je een volgende keer anders willen doen?
S: Eerder hulp vragen, denk ik.
D: Welke eerste stap zet je na het weekend?
S: Met Marloes praten.
"""


def test_a_turn_is_charged_once_and_shows_what_the_report_counts(capsys, tmp_path) -> None:
    path = write(tmp_path, "advies.txt", ADVIES)
    store = tmp_path / "s.db"
    code, out, _ = run_cli(capsys, "importeer", path, "--docent", "els", "--db", store)
    assert code == 0
    code, raw, _ = run_cli(capsys, "rapport", "laatste", "--formaat", "json", "--db", store)
    data = json.loads(raw)
    advice = data["beurten"][2]["analyse"]
    assert {"advies", "informeren"} <= set(advice["codes"])   # the turn carries both
    report = data["rapport"]
    charged = [a for a in report["aanpassingen"] if a.startswith("−")]
    assert charged == ["−8 voor de adviseur"]
    assert "informeerder" not in [p["valkuil"] for p in report["valkuilen"]]
    # the summary the report counts is shown on its turn
    assert "1 samenvatting" in " ".join(out.split())
    assert "doorvraag (ook samenvatting)" in out and "advies (ook informeren)" in out


# --------------------------------------------------------------------------- lists and names


def test_oefen_takes_a_shipped_scenario_name(capsys, tmp_path, monkeypatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Hoi Sanne, hoe ging je stage?\n"))
    code, out, _ = run_cli(capsys, "oefen", "sanne-zorg-incident", "--docent", "els",
                           "--db", tmp_path / "s.db")
    assert code == 0 and "bijna-valincident" in out
    code, _, err = run_cli(capsys, "oefen", "sanne-zorg-incidnt", "--docent", "els",
                           "--db", tmp_path / "s.db")
    assert code == 2 and "bedoel je 'sanne-zorg-incident'?" in err


def test_sessies_marks_hidden_sessions_and_suggests_a_spelling(capsys, db) -> None:
    path, ids = db
    run_cli(capsys, "corrigeer", ids["marieke_goed"][:8], "--verberg", "--db", path)
    code, out, _ = run_cli(capsys, "sessies", "--db", path)
    assert code == 0 and "1 verborgen" in out
    line = next(x for x in out.splitlines() if x.startswith(ids["marieke_goed"][:8]))
    assert line.endswith("klaar, verborgen")
    code, out, _ = run_cli(capsys, "sessies", "--json", "--db", path)
    assert {s["id"][:8]: s["verborgen"] for s in json.loads(out)}[ids["marieke_goed"][:8]]
    code, _, err = run_cli(capsys, "sessies", "--docent", "mareike", "--db", path)
    assert code == 2 and "bedoel je 'marieke'?" in err
    code, _, err = run_cli(capsys, "voortgang", "--docent", "mareike", "--db", path)
    assert code == 2 and "bedoel je 'marieke'?" in err


def test_voortgang_says_the_total_and_the_series_of_the_trend(capsys, db, tmp_path) -> None:
    path, _ = db
    transcript = write(tmp_path, "advies.txt", ADVIES)
    assert run_cli(capsys, "importeer", transcript, "--docent", "marieke", "--db", path)[0] == 0
    code, out, _ = run_cli(capsys, "voortgang", "--docent", "marieke", "--db", path)
    assert code == 0
    assert out.splitlines()[0].startswith(
        "Voortgang van marieke: 3 afgeronde sessies (trend over 2: oefening met "
        "sanne-zorg-incident)")


def test_rapport_for_the_wrong_docent_says_whose_it_is(capsys, db) -> None:
    path, ids = db
    code, _, err = run_cli(capsys, "rapport", ids["marieke_goed"][:8], "--docent", "joost",
                           "--db", path)
    assert code == 2 and f"sessie {ids['marieke_goed'][:8]} is van marieke, niet van joost" in err
    code, _, err = run_cli(capsys, "rapport", "ffff0000", "--docent", "joost", "--db", path)
    assert code == 2 and "geen sessie gevonden met id 'ffff0000'" in err
    code, _, err = run_cli(capsys, "rapport", "laatste", "--docent", "jost", "--db", path)
    assert code == 2 and "bedoel je 'joost'?" in err


def test_groep_per_kind_has_one_kind_column(capsys, db) -> None:
    path, _ = db
    code, out, _ = run_cli(capsys, "groep", "--formaat", "md", "--db", path)
    head = out[out.index("## Per soort"):].splitlines()[2]
    assert code == 0 and head.startswith("| soort | sessies | laatst | cijfer |")
    assert head.count("soort") == 1
    code, html, _ = run_cli(capsys, "groep", "--formaat", "html", "--db", path)
    part = html[html.index("<h2>Per soort</h2>"):]
    assert part[:part.index("</tr>")].count(">soort<") == 1
