"""Evaluation figures on cases computed by hand, and the analyser against the corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gesprekscoach.analysis.analyser import TurnAnalysis
from gesprekscoach.analysis.corpus import GoldRow
from gesprekscoach.analysis.evaluation import evaluate, f1, ratio
from gesprekscoach.cli import main as cli

DEV_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.jsonl"
CONTROLESET = Path(__file__).resolve().parent / "data" / "controleset.jsonl"
HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout.jsonl"  # and holdout2-9 beside it

#: dev is a sanity check, not a target (it was overfitted by the rules of round one):
#: these floors only catch an analyser that broke.
DEV_MIN_CODE_MACRO_F1 = 0.75
DEV_MIN_VIOLATION_RECALL = 0.80
DEV_MIN_VIOLATION_PRECISION = 0.80
DEV_MIN_FASE_ACCURACY = 0.70
DEV_MIN_COMPETENTIE_ACCURACY = 0.60

#: The independent check set is harder (other sectors, unseen wording): a bit lower.
CONTROLESET_MIN_CODE_MACRO_F1 = 0.80
CONTROLESET_MIN_FASE_ACCURACY = 0.75
CONTROLESET_MIN_COMPETENTIE_ACCURACY = 0.75

# The blind holdout set (another writer, rougher voices), held at what it showed:
# a guard against rules that only fit our own sets.
HOLDOUT_MIN_CODE_MACRO_F1 = 0.90
HOLDOUT_MIN_VIOLATION_RECALL = 0.90
HOLDOUT_MIN_FASE_ACCURACY = 0.80
HOLDOUT_MIN_COMPETENTIE_ACCURACY = 0.65
#: holdout7 is half violations, written to test their borders; what an advice or a
#: piece of information is about is the hardest competence to read. holdout9's writer
#: leaves competence empty far more often (61 of 150) than dev does.
HOLDOUT7_MIN_COMPETENTIE_ACCURACY = 0.60


def gold(code: str, codes: set[str] | None = None, fase: str | None = None,
         competentie: str | None = None, n: int = 0) -> GoldRow:
    return GoldRow(f"g-{n}", "", f"beurt {n}", frozenset(codes or {code}), code, fase, competentie, n + 1)


def predicted(code: str, codes: set[str] | None = None, fase: str | None = None,
              competentie: str | None = None) -> TurnAnalysis:
    return TurnAnalysis("", (), frozenset(codes or {code}), code, fase, competentie)


# The four rows of test_cli.CORPUS_ROWS, worked out by hand:
#   row  gold                                  predicted
#   1    doorvraag {sam, door} vv  motieven    doorvraag {door} vv motieven
#   2    advies    {adv}       –   netwerken   advies {adv} – netwerken
#   3    sug       {sug}       –   sturing     gesloten {ges} vooruitkijken sturing
#   4    open      {ovr, open} opening –       informeren {inf, open} – –
FOUR_GOLD = [
    gold("doorvraag", {"samenvatting", "doorvraag"}, "verbreden_verdiepen", "motieven", 0),
    gold("advies", None, None, "netwerken", 1),
    gold("suggestieve_vraag", None, None, "loopbaansturing", 2),
    gold("open_vraag", {"overig", "open_vraag"}, "opening", None, 3),
]
FOUR_PREDICTED = [
    predicted("doorvraag", None, "verbreden_verdiepen", "motieven"),
    predicted("advies", None, None, "netwerken"),
    predicted("gesloten_vraag", None, "vooruitkijken", "loopbaansturing"),
    predicted("informeren", {"informeren", "open_vraag"}, None, None),
]


def test_four_rows_by_hand() -> None:
    result = evaluate(FOUR_GOLD, FOUR_PREDICTED)
    assert result.n == 4
    assert result.code_accuracy == 2 / 4
    # Six codes occur (advies, informeren, sug, gesloten, doorvraag, open); two have F1 1.
    assert result.code_macro_f1 == pytest.approx(2 / 6)
    # Shared codes 1+1+0+1 = 3; predicted 1+1+1+2 = 5; gold 2+1+1+2 = 6 → P 3/5, R 1/2.
    assert result.codes_micro_f1 == pytest.approx(2 * 0.6 * 0.5 / 1.1)
    assert result.fase_accuracy == 2 / 4  # null = null counts on row 2
    assert result.competentie_accuracy == 1.0  # null = null on row 4
    # Gold violations: rows 2, 3. Predicted: rows 2, 4. Caught: row 2.
    assert result.violation_recall == 1 / 2
    assert result.violation_precision == 1 / 2
    assert list(result.per_code) == ["advies", "informeren", "suggestieve_vraag",
                                     "gesloten_vraag", "doorvraag", "open_vraag"]
    assert result.per_code["suggestieve_vraag"].support == 1
    assert result.per_code["informeren"].support == 0
    assert result.per_code["informeren"].precision == 0.0
    assert [m.id for m in result.misses] == ["g-2", "g-3"]  # row 1 differs only in codes
    assert result.misses[1].gold.codes == ("open_vraag", "overig")
    assert result.confusion == {("doorvraag", "doorvraag"): 1, ("advies", "advies"): 1,
                                ("suggestieve_vraag", "gesloten_vraag"): 1,
                                ("open_vraag", "informeren"): 1}


def test_per_code_precision_recall() -> None:
    # gold:      open open open door
    # predicted: open open door door
    rows = [gold("open_vraag", n=i) for i in range(3)] + [gold("doorvraag", n=3)]
    preds = [predicted("open_vraag"), predicted("open_vraag"), predicted("doorvraag"),
             predicted("doorvraag")]
    result = evaluate(rows, preds)
    open_score, door_score = result.per_code["open_vraag"], result.per_code["doorvraag"]
    assert (open_score.precision, open_score.recall, open_score.support) == (1.0, 2 / 3, 3)
    assert open_score.f1 == pytest.approx(0.8)
    assert (door_score.precision, door_score.recall, door_score.support) == (0.5, 1.0, 1)
    assert door_score.f1 == pytest.approx(2 / 3)
    assert result.code_macro_f1 == pytest.approx((0.8 + 2 / 3) / 2)
    assert result.code_accuracy == 0.75


def test_perfect_agreement() -> None:
    rows = [gold("advies", n=0), gold("samenvatting", None, "terugkijken", "motieven", 1),
            gold("informeren", {"informeren", "open_vraag"}, None, "werkexploratie", 2)]
    preds = [predicted(r.code, set(r.codes), r.fase, r.competentie) for r in rows]
    result = evaluate(rows, preds)
    figures = result.to_dict()
    for key in ("code_accuracy", "code_macro_f1", "codes_micro_f1", "fase_accuracy",
                "competentie_accuracy", "violation_recall", "violation_precision"):
        assert figures[key] == 1.0, key
    assert result.misses == ()


def test_no_violations_anywhere_gives_zero_not_an_error() -> None:
    result = evaluate([gold("open_vraag")], [predicted("open_vraag")])
    assert result.violation_recall == 0.0
    assert result.violation_precision == 0.0


def test_a_violation_is_any_violation_code() -> None:
    # advies predicted as informeren: wrong code, but the violation is caught.
    result = evaluate([gold("advies")], [predicted("informeren")])
    assert result.violation_recall == 1.0
    assert result.violation_precision == 1.0
    assert result.code_accuracy == 0.0


def test_macro_f1_is_the_mean_of_per_code() -> None:
    result = evaluate(FOUR_GOLD, FOUR_PREDICTED)
    mean = sum(s.f1 for s in result.per_code.values()) / len(result.per_code)
    assert result.code_macro_f1 == pytest.approx(mean)


def test_to_dict_keys() -> None:
    result = evaluate(FOUR_GOLD, FOUR_PREDICTED)
    plain = result.to_dict()
    assert "fouten" not in plain
    assert set(plain["per_code"]["advies"]) == {"precision", "recall", "f1", "support"}
    assert len(result.to_dict(with_misses=True)["fouten"]) == 2
    json.dumps(result.to_dict(with_misses=True))


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError):
        evaluate([gold("advies")], [])


def test_helpers() -> None:
    assert ratio(1, 0) == 0.0 and ratio(1, 4) == 0.25
    assert f1(0.0, 0.0) == 0.0 and f1(1.0, 0.5) == pytest.approx(2 / 3)


# --------------------------------------------------------------------- the real analyser


def run_evalueer(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    code = cli.main(["evalueer", str(path), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    figures = json.loads(out)
    with capsys.disabled():
        print(f"\n{path.name}: " + ", ".join(
            f"{key} {value:.3f}" for key, value in figures.items() if isinstance(value, float)))
    return figures


@pytest.mark.skipif(not DEV_CORPUS.is_file(),
                    reason=f"dev-corpus niet gevonden op {DEV_CORPUS} (shared/ staat niet naast de repo)")
def test_dev_corpus_reaches_the_targets(capsys: pytest.CaptureFixture[str]) -> None:
    figures = run_evalueer(DEV_CORPUS, capsys)
    assert figures["code_macro_f1"] >= DEV_MIN_CODE_MACRO_F1
    assert figures["violation_recall"] >= DEV_MIN_VIOLATION_RECALL
    assert figures["violation_precision"] >= DEV_MIN_VIOLATION_PRECISION
    assert figures["fase_accuracy"] >= DEV_MIN_FASE_ACCURACY
    assert figures["competentie_accuracy"] >= DEV_MIN_COMPETENTIE_ACCURACY


@pytest.mark.parametrize("name", ["holdout.jsonl", "holdout2.jsonl", "holdout3.jsonl", "holdout4.jsonl", "holdout5.jsonl", "holdout6.jsonl", "holdout7.jsonl", "holdout8.jsonl", "holdout9.jsonl"])
def test_holdout_stays_above_its_floor(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    figures = run_evalueer(HOLDOUT.parent / name, capsys)
    assert figures["code_macro_f1"] >= HOLDOUT_MIN_CODE_MACRO_F1
    assert figures["violation_recall"] >= HOLDOUT_MIN_VIOLATION_RECALL
    assert figures["fase_accuracy"] >= HOLDOUT_MIN_FASE_ACCURACY
    floor = (HOLDOUT7_MIN_COMPETENTIE_ACCURACY if name in ("holdout7.jsonl", "holdout9.jsonl")
             else HOLDOUT_MIN_COMPETENTIE_ACCURACY)
    assert figures["competentie_accuracy"] >= floor


@pytest.mark.skipif(not CONTROLESET.is_file(), reason=f"controleset niet gevonden op {CONTROLESET}")
def test_controleset_reaches_the_targets(capsys: pytest.CaptureFixture[str]) -> None:
    figures = run_evalueer(CONTROLESET, capsys)
    assert figures["code_macro_f1"] >= CONTROLESET_MIN_CODE_MACRO_F1
    assert figures["fase_accuracy"] >= CONTROLESET_MIN_FASE_ACCURACY
    assert figures["competentie_accuracy"] >= CONTROLESET_MIN_COMPETENTIE_ACCURACY


#: First (blind) measurements of the Analyser 2 sets, less a small margin: a guard
#: against a change that makes the analyser worse on writers it never saw. Nobody
#: tunes on these sets; verzegeld is the sealed one.
BLIND_FLOORS = {
    "blind10.jsonl": {"family_accuracy": 0.83, "violation_recall": 0.87, "fase_accuracy": 0.80},
    "verzegeld.jsonl": {"family_accuracy": 0.80, "violation_recall": 0.80, "fase_accuracy": 0.75},
    "blind11.jsonl": {"family_accuracy": 0.84, "violation_recall": 0.89, "fase_accuracy": 0.79},
}


@pytest.mark.parametrize("name", sorted(BLIND_FLOORS))
def test_blind_sets_stay_above_their_first_measurement(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    figures = run_evalueer(HOLDOUT.parent / name, capsys)
    for key, floor in BLIND_FLOORS[name].items():
        assert figures[key] >= floor, key
