"""Scenario files: the shipped ones are valid, every mistake is found at its place."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from gesprekscoach.cli.main import main
from gesprekscoach.codebook import COMPETENTIES
from gesprekscoach.conversation.scenario import (
    DEFAULT_SCENARIO,
    LAYER_PHASES,
    default_scenario_path,
    shipped_scenarios,
)
from gesprekscoach.conversation.scenario_check import check_scenario, load_scenario
from gesprekscoach.errors import UserError
from gesprekscoach.yamlnodes import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "scenario_kapot"
MINIMAL = FIXTURES / "scenario_minimaal.yaml"
SHIPPED = shipped_scenarios()


def test_at_least_seven_scenarios_are_shipped_with_the_default_among_them():
    assert len(SHIPPED) >= 7
    assert default_scenario_path() == ROOT / "gesprekscoach" / "data" / "scenarios" / f"{DEFAULT_SCENARIO}.yaml"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_scenario_is_valid(path: Path):
    checked = check_scenario(path)
    assert checked.problems == ()
    assert checked.scenario is not None and checked.scenario.id == path.stem


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_scenario_is_rich_enough_to_practise_with(path: Path):
    scenario = load_scenario(path)
    layers = scenario.layers
    assert any(l.fase == "terugkijken" and l.depth == 1 for l in layers), "klein verhaal"
    for fase in LAYER_PHASES:
        assert any(l.fase == fase and l.depth > 1 for l in layers), f"geen diepere laag in {fase}"
    assert {l.competentie for l in layers} >= set(COMPETENTIES)
    assert sum(len(l.texts) > 1 for l in layers) >= 3, "te weinig varianten"
    assert scenario.goal.layers and scenario.goal.deepest


def test_the_template_and_the_docs_example_are_valid(tmp_path: Path):
    assert check_scenario(ROOT / "gesprekscoach" / "data" / "scenario-sjabloon.yaml").ok
    docs = (ROOT / "docs" / "scenario.md").read_text("utf-8")
    example = re.search(r"```yaml\n(.*?)```", docs, re.DOTALL)
    assert example, "docs/scenario.md heeft een volledig voorbeeld in een ```yaml-blok"
    path = tmp_path / "voorbeeld.yaml"
    path.write_text(example.group(1), "utf-8")
    assert check_scenario(path).problems == ()


# Each broken fixture is scenario_minimaal.yaml with one mistake.
BROKEN_CASES = [
    ("onbekende_sleutel.yaml", 4, 3, "onbekende sleutel 'leefteid' in 'student'; bedoelde je 'leeftijd'?"),
    ("ontbrekend_veld.yaml", 15, 5, "'woorden' ontbreekt in laag 'gevoel'"),
    ("verkeerd_type.yaml", 6, 11, "'niveau' moet een geheel getal van 1 tot en met 4 zijn"),
    ("buiten_bereik.yaml", 17, 13, "'diepte' moet tussen 1 en 3 liggen, niet 4"),
    ("dubbele_sleutel.yaml", 9, 3, "sleutel 'naam' staat twee keer in hetzelfde blok (eerder op regel 3)"),
    ("losse_verwijzing.yaml", 18, 9, "'na' verwijst naar laag 'verhaaal', maar die bestaat niet; bedoelde je 'verhaal'?"),
    ("yaml_fout.yaml", 19, 20, "YAML-fout: hier mag geen ':' staan"),
    ("python_tag.yaml", 1, 8, "de tag '!!python/object/apply:os.system' is niet toegestaan"),
    ("leeg.yaml", 1, 1, "het scenario is leeg"),
]


@pytest.mark.parametrize(("name", "line", "column", "message"), BROKEN_CASES,
                         ids=[case[0] for case in BROKEN_CASES])
def test_a_broken_scenario_names_line_column_and_what_is_wrong(name, line, column, message):
    checked = check_scenario(BROKEN / name)
    assert checked.scenario is None
    first = checked.problems[0]
    assert (first.line, first.column) == (line, column)
    assert message in first.message
    assert str(first).startswith(f"{BROKEN / name}:{line}:{column}: ")


def test_all_problems_of_a_file_come_at_once():
    checked = check_scenario(BROKEN / "losse_verwijzing.yaml")
    assert [(p.line, p.column) for p in checked.problems] == [(18, 9), (22, 28)]
    assert "'doel' verwijst naar laag 'weg'" in checked.problems[1].message


def test_a_misspelled_key_is_not_also_reported_missing():
    messages = [p.message for p in check_scenario(BROKEN / "onbekende_sleutel.yaml").problems]
    assert len(messages) == 1


def test_an_empty_file_is_an_empty_scenario(tmp_path: Path):
    path = tmp_path / "niks.yaml"
    path.write_text("", "utf-8")
    (problem,) = check_scenario(path).problems
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("het scenario is leeg")


def test_an_oversized_file_is_refused_before_parsing(tmp_path: Path):
    path = tmp_path / "groot.yaml"
    path.write_text(MINIMAL.read_text("utf-8") + "# " + "x" * MAX_BYTES + "\n", "utf-8")
    (problem,) = check_scenario(path).problems
    assert (problem.line, problem.column) == (1, 1)
    assert "te groot" in problem.message and "1 MB" in problem.message


def test_a_python_tag_is_never_executed(tmp_path: Path):
    marker = tmp_path / "gehackt"
    path = tmp_path / "aanval.yaml"
    path.write_text(
        f'titel: !!python/object/apply:os.system ["touch {marker}"]\n'
        + MINIMAL.read_text("utf-8").split("\n", 1)[1], "utf-8")
    assert not check_scenario(path).ok
    assert not marker.exists()


def test_loading_for_play_raises_all_problems_at_once():
    with pytest.raises(UserError) as error:
        load_scenario(BROKEN / "losse_verwijzing.yaml")
    assert len(error.value.problems) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("openheid: 0,4\n", "schrijf een getal met een punt, 0.4"),
    ("openheid: halfopen\n", "moet een getal van 0 tot 1 zijn of een van"),
    ("openheid: 1.5\n", "'openheid' moet tussen 0 en 1 liggen"),
    ("concreet: misschien\n", "'concreet' moet 'ja' of 'nee' zijn"),
    ("reacties:\n  stilt: [Hm.]\n", "onbekende sleutel 'stilt' in 'reacties'; bedoelde je 'stilte'?"),
    ("naam: Test\n", "sleutel 'naam' hoort niet in het scenario maar in 'student'"),
    ("tags: {a: b}\n", "'tags' moet een tekst of een lijst teksten zijn"),
])
def test_top_level_values_are_checked(tmp_path: Path, text: str, expected: str):
    path = tmp_path / "fout.yaml"
    path.write_text(MINIMAL.read_text("utf-8") + text, "utf-8")
    messages = [p.message for p in check_scenario(path).problems]
    assert any(expected in m for m in messages), messages


def test_a_layer_theme_follows_its_na_chain_and_words_may_be_one_text(tmp_path: Path):
    path = tmp_path / "ok.yaml"
    path.write_text(MINIMAL.read_text("utf-8").replace("woorden: [spannend]", "woorden: spannend, eng")
                    + "openheid: terughoudend\nconcreet: ja\n", "utf-8")
    scenario = load_scenario(path)
    assert scenario.layer("gevoel").theme == "verhaal"
    assert scenario.layer("gevoel").words == ("spannend", "eng")
    assert scenario.openness == 0.3 and scenario.concrete


def test_na_references_that_loop_are_reported(tmp_path: Path):
    path = tmp_path / "kring.yaml"
    text = MINIMAL.read_text("utf-8").replace(
        "    tekst: Er gebeurde iets op mijn stage.",
        "    na: gevoel\n    tekst: Er gebeurde iets op mijn stage.")
    path.write_text(text, "utf-8")
    messages = [p.message for p in check_scenario(path).problems]
    assert any("kringetje" in m for m in messages), messages


# --------------------------------------------------------------- commands


def test_controleer_passes_on_valid_scenarios(capsys):
    assert main(["controleer", str(ROOT / "gesprekscoach" / "data" / "scenarios"), str(MINIMAL)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{len(SHIPPED) + 1} scenario's gecontroleerd, geen fouten."]


def test_controleer_lists_every_problem_and_exits_2(capsys):
    assert main(["controleer", str(BROKEN), str(MINIMAL)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert f"{BROKEN / 'onbekende_sleutel.yaml'}:4:3: onbekende sleutel 'leefteid'" in "\n".join(out)
    assert len(out) == len(BROKEN_CASES) + 1 + 1  # losse_verwijzing has two, plus the summary
    assert out[-1].startswith(f"{len(BROKEN_CASES) + 1} scenario's gecontroleerd, ")


def test_controleer_checks_a_norms_file_in_the_folder_as_norms(tmp_path: Path, capsys):
    """A trainer keeps normen.yaml beside the scenarios: checked as norms, not as a
    scenario that lacks 'lagen'."""
    (tmp_path / "minimaal.yaml").write_text(MINIMAL.read_text("utf-8"), "utf-8")
    norms = tmp_path / "normen.yaml"
    norms.write_text("regels:\n  samenvatten:\n    gewicht: 20\n", "utf-8")
    assert main(["controleer", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == "1 scenario en 1 normenbestand gecontroleerd, geen fouten."
    norms.write_text("regels:\n  open_vragen:\n    gewicht: -1\n", "utf-8")
    assert main(["controleer", str(tmp_path)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{norms}:3:14: ") and "ontbreekt" not in "\n".join(out)
    assert out[-1] == "1 scenario en 1 normenbestand gecontroleerd, 1 fout in 1 bestand."


def test_an_unclosed_quote_is_named_where_it_began(tmp_path: Path, capsys):
    """PyYAML stops where the runaway text ends; the trainer is told where it began, and
    that the other mistakes follow once this one is mended."""
    daan = next(p for p in SHIPPED if p.stem == "daan-ict-twijfel")  # quoted texts further on
    lines = daan.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("titel:"))
    lines[at] = 'titel: "Een titel zonder eind'
    broken = tmp_path / "kapot.yaml"
    broken.write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["controleer", str(broken)]) == 2
    out = capsys.readouterr().out
    assert f"aanhalingsteken op regel {at + 1} loopt door" in out
    assert "andere fouten in dit bestand volgen als deze is opgelost" in out


def test_controleer_reports_a_missing_path(capsys):
    assert main(["controleer", "bestaat-niet.yaml"]) == 2
    assert "bestaat-niet.yaml: bestaat niet" in capsys.readouterr().out


def test_controleer_never_shows_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "gesprekscoach", "controleer", str(BROKEN)],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr


def test_scenario_nieuw_writes_a_template_that_passes_and_never_overwrites(tmp_path: Path, capsys):
    folder = tmp_path / "mijn-scenarios"
    assert main(["scenario", "nieuw", "noor-retail", "--map", str(folder)]) == 0
    target = folder / "noor-retail.yaml"
    assert target.is_file()
    assert main(["controleer", str(target)]) == 0
    target.write_text(target.read_text("utf-8") + "# eigen werk\n", "utf-8")
    capsys.readouterr()
    assert main(["scenario", "nieuw", "noor-retail.yaml", "--map", str(folder)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert target.read_text("utf-8").endswith("# eigen werk\n")


def test_scenario_nieuw_refuses_a_name_with_a_folder_in_it(tmp_path: Path, capsys):
    assert main(["scenario", "nieuw", "../elders", "--map", str(tmp_path)]) == 2
    assert "kan geen scenarionaam zijn" in capsys.readouterr().err


def test_scenario_lijst_names_the_default(capsys):
    assert main(["scenario", "lijst"]) == 0
    assert f"{DEFAULT_SCENARIO} (standaard): " in capsys.readouterr().out
