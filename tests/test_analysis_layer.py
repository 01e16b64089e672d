"""The analyser's grammar and trained layer, through their public functions.

The tagger and the model are shipped files; these tests read them as the app does,
and check that a damaged file is a Dutch message rather than a traceback."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gesprekscoach.analysis import classifier
from gesprekscoach.analysis.analyser import analyse, analyse_with
from gesprekscoach.analysis.grammar import clause_breaks, read
from gesprekscoach.analysis.tagger import Tagger, reduce_tag, tagger, tokenize, train
from gesprekscoach.errors import UserError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("cgn", "reduced"), [
    ("WW(pv,tgw,ev)", "WW.pv.tgw.ev"),
    ("WW(pv,verl,ev)", "WW.pv.verl"),
    ("WW(inf,vrij,zonder)", "WW.inf"),
    ("VNW(pers,pron,nomin,red,2v,ev)", "VNW.pers.2"),
    ("VNW(bez,det,stan,red,2v,ev,prenom,zonder,agr)", "VNW.bez.2"),
    ("VNW(vb,pron,stan,vol,3o,ev)", "VNW.vb"),
    ("ADJ(vrij,comp,zonder)", "ADJ.comp"),
    ("VG(onder)", "VG.onder"),
    ("LET()", "LET"),
])
def test_cgn_tags_are_reduced_to_what_the_grammar_reads(cgn: str, reduced: str) -> None:
    assert reduce_tag(cgn) == reduced


def test_the_shipped_tagger_tags_a_question_and_a_modal() -> None:
    words = tokenize("Kun je er beter mee stoppen?")
    tags = tagger().tag(words)
    assert tags[0].startswith("WW.pv") and tags[1] == "VNW.pers.2"
    assert "ADJ.comp" in tags and tags[-1] == "LET"


def test_a_tagger_learns_from_examples_and_is_deterministic() -> None:
    data = [(["ik", "loop"], ["VNW.pers.1", "WW.pv.tgw.ev"]), (["jij", "loopt"], ["VNW.pers.2", "WW.pv.tgw.met-t"])] * 30
    first, second = train(data, epochs=3), train(data, epochs=3)
    assert first.to_json() == second.to_json()
    assert first.tag(["jij", "loopt"]) == ["VNW.pers.2", "WW.pv.tgw.met-t"]
    assert Tagger.from_json(first.to_json(), "x").tag(["ik", "loop"]) == ["VNW.pers.1", "WW.pv.tgw.ev"]


def test_a_tagger_file_of_another_version_is_refused() -> None:
    with pytest.raises(UserError, match="taggerbestand"):
        Tagger.from_json({"format": "iets anders"}, "tagger.json.gz")


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Vind je het leuk?", "vraag"),
    ("hoe ging je stage", "vraag"),
    ("Ga zitten.", "gebiedend"),
    ("Wat heb je dat goed opgevangen!", "uitroep"),
    ("Je kunt beter eerst je diploma halen.", "mededeling"),
])
def test_sentence_types(sentence: str, kind: str) -> None:
    assert read(sentence).kind == kind


def test_modality_comparison_and_an_offered_clause_are_read_from_tags() -> None:
    advice = read("Je kunt er beter mee stoppen.")
    assert advice.modal and advice.comparative and advice.person == "2"
    offered = read("Kan het zijn dat je gewoon moe was?")
    assert offered.kind == "vraag" and offered.verb_at == 0 and offered.clause and offered.person == "3"


@pytest.mark.parametrize(("sentence", "cuts"), [
    ("Roken is slecht, je kunt er beter mee stoppen.", 1),
    ("Dat is mooi, wat deed je toen?", 1),
    ("Als je nu moest kiezen, ga je dan voor de zorg?", 0),  # a subordinate clause first
    ("je zei net, ik heb ook maar twee handen.", 0),  # a quote after a verb of saying
    ("Dat was op zaterdag, toch?", 0),  # a tag is no clause
])
def test_a_comma_splits_two_main_clauses_only(sentence: str, cuts: int) -> None:
    assert len(clause_breaks(sentence)) == cuts


def test_a_turn_of_two_main_clauses_gets_two_segments() -> None:
    analysis = analyse("Dat is echt knap, wat deed je daarna?", "Ik heb de storing zelf gevonden.")
    assert len(analysis.segments) == 2 and "oordeel" in analysis.codes


def test_the_shipped_model_loads_and_says_what_it_was_trained_on() -> None:
    trained = classifier.model()
    assert trained is not None
    assert trained.trained_on["eigen"] >= 4500
    assert set(trained.move.labels) >= {"advies", "oordeel", "open_vraag", "doorvraag"}


def test_a_damaged_model_file_is_a_dutch_message() -> None:
    raw = (ROOT / "gesprekscoach" / "data" / classifier.MODEL_FILE).read_bytes()
    header, _, body = gzip.decompress(raw).partition(b"\n")
    tampered = gzip.compress(header + b"\n" + body.replace(b'"advies"', b'"adviez"', 1))
    with pytest.raises(UserError, match="controlesom"):
        classifier.load(tampered, "analysemodel.json.gz")
    with pytest.raises(UserError, match="beschadigd"):
        classifier.load(b"geen gzip", "analysemodel.json.gz")
    foreign = gzip.compress(json.dumps({"format": "x"}).encode() + b"\n{}")
    with pytest.raises(UserError, match="niet van deze versie"):
        classifier.load(foreign, "analysemodel.json.gz")


def test_the_model_decides_where_the_rules_are_unsure_and_says_why() -> None:
    # The rules alone see no move in a hedged recommendation; the trained layer does.
    turn, student = "Het kan helpen om dat eens met je werkbegeleider te bespreken.", "Ik weet het niet meer."
    assert analyse_with(None, turn, student).code == "overig"
    trained = analyse(turn, student)
    assert trained.code == "advies"
    assert trained.segments[0].reason.startswith("getrainde laag")


def test_prediction_is_limited_to_the_allowed_labels() -> None:
    trained = classifier.model()
    assert trained is not None
    found = trained.fase.predict(["bias", "d:wat", "d:neem"], ["-", "opening", "afsluiting"])
    assert found.label in ("-", "opening", "afsluiting")
    assert abs(sum(found.probabilities.values()) - 1) < 1e-9


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus" / "echt.tsv").exists(),
                    reason="../shared/corpus ontbreekt")
def test_retraining_gives_the_shipped_model() -> None:
    pytest.importorskip("sklearn")
    done = subprocess.run([sys.executable, "scripts/train_analyser.py", "--controleer"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
