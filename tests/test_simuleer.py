"""``gesprekscoach simuleer``: the script format, both outputs, and every kind of bad input.

Bad input ends in Dutch ``pad:regel: melding`` lines on stderr, exit code 2
and no traceback; good input always gives the same conversation.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
from cli_helpers import run_cli, write

from gesprekscoach.cli.simuleer import MAX_TURN_CHARS, MAX_TURNS, parse_script
from gesprekscoach.codebook import CODES, COMPETENTIES, FASEN
from gesprekscoach.conversation.scenario import DEFAULT_SCENARIO, default_scenario_path
from gesprekscoach.errors import UserError

FIXTURES = Path(__file__).parent / "fixtures"
SCENARIO = str(FIXTURES / "student_test.yaml")

# Own turns for the test student (a customer who shouted at them on stage).
SCRIPT = """\
# Eerste poging met de teststudent
Hoi, ga zitten. Wat is er op je stage gebeurd?
D: Wat gebeurde er toen met die klant?

...
Je schrok ervan. Wat betekende dat voor je?
…
"""

TURN_KEYS = {"nr", "regel", "docent", "student", "code", "codes", "fase", "competentie", "boog",
             "sprong", "openheid", "laag"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "simuleer", *argv)


def simulate_json(capsys: pytest.CaptureFixture[str], tmp_path: Path, script: str = SCRIPT,
                  *extra: str) -> dict:
    code, out, err = run(capsys, SCENARIO, str(write(tmp_path, "beurten.txt", script)), "--json",
                         *extra)
    assert code == 0, err
    assert err == ""
    return json.loads(out)


# --------------------------------------------------------------------- the script format


def test_script_lines_comments_silences_and_prefixes() -> None:
    turns = parse_script(SCRIPT, "beurten.txt")
    assert [t.line for t in turns] == [2, 3, 4, 5, 6, 7]
    assert [t.text for t in turns] == [
        "Hoi, ga zitten. Wat is er op je stage gebeurd?",
        "Wat gebeurde er toen met die klant?",
        "",   # an empty line between turns is a silence
        "",   # ...
        "Je schrok ervan. Wat betekende dat voor je?",
        "",   # …
    ]


def test_blank_lines_at_either_end_are_layout() -> None:
    turns = parse_script("\n\nWat is er gebeurd?\n...\n\n\n", "b.txt")
    assert [t.text for t in turns] == ["Wat is er gebeurd?", ""]
    assert [t.line for t in turns] == [3, 4]


@pytest.mark.parametrize(("text", "message"), [
    ("# alleen commentaar\n\n", "geen docentbeurten"),
    ("Hoe ging het?\nS: Goed.\nStudent: Echt goed.\n", "studentbeurt"),
    ("Hoe ging het?\n" * (MAX_TURNS + 1), f"meer dan {MAX_TURNS}"),
    ("Kort.\n" + "a" * (MAX_TURN_CHARS + 1) + "\n", "te lang"),
])
def test_bad_scripts_name_the_place(text: str, message: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_script(text, "b.txt")
    assert all(str(p).startswith("b.txt") for p in caught.value.problems)
    assert message in str(caught.value)


def test_every_student_line_is_reported() -> None:
    with pytest.raises(UserError) as caught:
        parse_script("Hoe ging het?\nS: Goed.\nStudent: Echt goed.\n", "b.txt")
    assert [p.line for p in caught.value.problems] == [2, 3]


# --------------------------------------------------------------------- output


def test_json_has_every_turn_and_the_report(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    result = simulate_json(capsys, tmp_path)
    assert result["scenario"] == "student_test"
    assert result["seed"] == 0
    turns = result["beurten"]
    assert [t["regel"] for t in turns] == [2, 3, 4, 5, 6, 7]
    assert [t["nr"] for t in turns] == [1, 2, 3, 4, 5, 6]
    for turn in turns:
        assert set(turn) == TURN_KEYS
        assert turn["code"] in CODES and turn["code"] in turn["codes"]
        assert turn["codes"] == [c for c in CODES if c in turn["codes"]]  # codebook order
        assert turn["fase"] in (*FASEN, None)
        assert turn["boog"] in FASEN
        assert turn["competentie"] in (*COMPETENTIES, None)
        assert 0.0 <= turn["openheid"] <= 1.0
        assert isinstance(turn["sprong"], bool)
        assert turn["student"]
    assert turns[2]["docent"] == "" and turns[2]["code"] == "aanmoediging"
    assert turns[0]["laag"] == "verhaal"
    report = result["rapport"]
    assert report["beurten"] == len(turns)
    assert [r["nummer"] for r in report["regels"]] == list(range(1, 10))
    assert report["openheid"] == [t["openheid"] for t in turns]


def test_same_seed_same_conversation(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first = simulate_json(capsys, tmp_path, SCRIPT, "--seed", "7")
    assert simulate_json(capsys, tmp_path, SCRIPT, "--seed", "7") == first
    assert first["seed"] == 7


def test_text_shows_turns_codes_arc_and_report(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    code, out, err = run(capsys, SCENARIO, str(write(tmp_path, "b.txt", SCRIPT)))
    assert code == 0, err
    assert "Docent: Hoi, ga zitten." in out
    assert "Test:" in out
    assert "(stilte)" in out
    assert "boog: terugkijken" in out and "openheid" in out
    assert re.search(r"laag: ‘[^’]+’ \(verhaal\)", " ".join(out.split()))  # title, then the id
    # In a terminal the report is text, as 'rapport' prints it: no Markdown, no escapes.
    assert "\nGespreksrapport\n" in out and "\nCijfer: " in out
    assert "# " not in out and "**" not in out and "\\_" not in out
    # Openness in the one Dutch number format, its change signed: "openheid 0,55 (+0,05)".
    shown = re.findall(r"openheid (\S+)(?: \(([^)]*)\))?", out.split("\nGespreksrapport\n")[0])
    assert shown and all(re.fullmatch(r"0(,\d\d?)?|1", value) for value, _ in shown)
    assert any(change for _, change in shown)
    assert all(re.fullmatch(r"[+−]0,\d\d?", change) for _, change in shown if change)


@pytest.mark.parametrize("columns", [60, 80, 120, 200])
def test_text_fits_the_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    _, out, _ = run(capsys, SCENARIO, str(write(tmp_path, "b.txt", SCRIPT)))
    assert max(len(line) for line in out.splitlines()) <= columns   # the report too


def test_a_jump_ahead_is_shown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, out, _ = run(capsys, SCENARIO, str(write(tmp_path, "b.txt", "Wat wil je later worden?\n")))
    assert "sprong vooruit!" in out


def test_control_characters_never_reach_the_terminal(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    path = write(tmp_path, "esc.txt", "Wat\x1b[2J vond je\x07 ervan?\u202e\n")
    code, out, _ = run(capsys, SCENARIO, str(path))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b" in out


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SCRIPT.encode())))
    code, out, err = run(capsys, SCENARIO, "-", "--json")
    assert code == 0, err
    assert len(json.loads(out)["beurten"]) == 6


def test_a_shipped_scenario_by_its_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    if default_scenario_path() is None:
        pytest.skip("geen meegeleverde scenario's")
    code, out, err = run(capsys, DEFAULT_SCENARIO, str(write(tmp_path, "b.txt", SCRIPT)), "--json")
    assert code == 0, err
    assert json.loads(out)["scenario"] == DEFAULT_SCENARIO


def test_own_norms_are_used(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    norms = write(tmp_path, "normen.yaml", "regels:\n  samenvatten:\n    voldoende: 0\n")
    result = simulate_json(capsys, tmp_path, SCRIPT, "--normen", str(norms))
    assert result["rapport"]["normen"] == str(norms)


# --------------------------------------------------------------------- bad input


def bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """name → (arguments after 'simuleer', a piece the message must contain)."""
    script = str(write(tmp_path, "b.txt", SCRIPT))
    latin = write(tmp_path, "latin1.txt", "Hoe ging het?\nVond de cliënt het ".encode()
                  + "café leuk?\n".encode("latin-1"))
    broken = FIXTURES / "scenario_kapot" / "verkeerd_type.yaml"
    return {
        "missing script": ([SCENARIO, str(tmp_path / "nee.txt")], "nee.txt: bestand bestaat niet"),
        "script is a folder": ([SCENARIO, str(tmp_path)], "dit is een map"),
        "non-utf8 script": ([SCENARIO, str(latin)],
                            f"{latin}:2:{len('Vond de cliënt het caf') + 1}: bestand is geen UTF-8"),
        "empty script": ([SCENARIO, str(write(tmp_path, "leeg.txt", ""))], "bestand is leeg"),
        "only comments": ([SCENARIO, str(write(tmp_path, "c.txt", "# niets\n"))], "geen docentbeurten"),
        "student line": ([SCENARIO, str(write(tmp_path, "g.txt", "Hoi.\nS: Hoi.\n"))],
                         "g.txt:2: een studentbeurt"),
        "broken scenario": ([str(broken), script], f"{broken}:6:11: 'niveau' moet"),
        "missing scenario": ([str(tmp_path / "weg.yaml"), script], "bestand bestaat niet"),
        "unknown name": (["sanne-zorg-incidnt", script], "bedoel je 'sanne-zorg-incident'?"),
        "missing norms": ([SCENARIO, script, "--normen", str(tmp_path / "n.yaml")], "n.yaml"),
        "bad norms": ([SCENARIO, script, "--normen", str(write(tmp_path, "n.yaml", "onzin: 1\n"))],
                      "n.yaml:1:1: onbekende sleutel 'onzin'"),
    }


@pytest.mark.parametrize("case", ["missing script", "script is a folder", "non-utf8 script",
                                  "empty script", "only comments", "student line",
                                  "broken scenario", "missing scenario", "unknown name",
                                  "missing norms", "bad norms"])
@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_bad_input_exits_2_with_a_dutch_message(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                case: str, json_flag: list[str]) -> None:
    argv, expected = bad_inputs(tmp_path)[case]
    code, out, err = run(capsys, *argv, *json_flag)
    assert code == 2
    assert out == ""
    assert err.startswith("gesprekscoach: ")
    assert expected in err
    assert "Traceback" not in err


def test_every_problem_of_a_broken_scenario_is_listed(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    broken = write(tmp_path, "kapot.yaml", "titel: Kapot\nstudent:\n  naam: X\n  leefteid: 17\n")
    code, _, err = run(capsys, str(broken), str(write(tmp_path, "b.txt", SCRIPT)))
    assert code == 2
    lines = err.splitlines()
    assert len(lines) >= 2
    assert all(line.startswith(f"gesprekscoach: {broken}:") for line in lines)


@pytest.mark.parametrize("argv", [[SCENARIO], [SCENARIO, "b.txt", "--seed", "x"]])
def test_wrong_arguments_exit_2_in_dutch(capsys: pytest.CaptureFixture[str],
                                         argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "fout:" in err and "Traceback" not in err
