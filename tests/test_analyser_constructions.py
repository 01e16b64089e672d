"""The general constructions of Analyser 2, round three, by the rules alone and
with the shipped trained layer: each is grammar or a codebook form, not one sentence."""

from __future__ import annotations

import pytest

from gesprekscoach.analysis.analyser import analyse, analyse_with
from gesprekscoach.analysis.grammar import read

RULES = [
    # A supposition sets up the question after it; alone it is no order.
    ("Stel dat je volgend jaar mocht kiezen, welke afdeling zou je nemen?", "open_vraag"),
    ("Stel je voor dat de stage morgen afloopt.", "overig"),
    # An order with a possessive "je": no yes/no question.
    ("Bel je stagebegeleider vanmiddag", "advies"),
    ("Doe je best morgen", "advies"),
    # A question that announces an advice is the advice.
    ("Weet je wat jij het beste kunt doen?", "advies"),
    # Reassurance in either word order, and praise with the student as subject.
    ("Je hoeft je echt geen zorgen te maken.", "oordeel"),
    ("Ach, het komt allemaal goed.", "oordeel"),
    ("Jij bent heel goed bezig.", "oordeel"),
    # An exclamation with "Wat", also typed without "!".
    ("wat heb je dat netjes opgelost", "oordeel"),
    # A prohibition tells what not to do.
    ("Je kunt niet zomaar van je werkplek weglopen.", "advies"),
    # "of niet" offers both answers: a closed question, not a leading one.
    ("Was het druk op de afdeling of niet?", "gesloten_vraag"),
    ("Vanwaar die twijfel?", "open_vraag"),
    # Thanks are a courtesy like a welcome (codebook §2: "fijn dat je er bent" is overig),
    # not orders or judgements; the question after them decides.
    ("Dank je wel dat je er bent. Waar wil je het vandaag over hebben?", "open_vraag"),
    ("Bedankt allemaal, tot de volgende keer.", "overig"),
    # "Even samengevat:" opens a summary like "Samengevat:".
    ("Even samengevat: je baalt van de planning op je werk.", "samenvatting"),
]


@pytest.mark.parametrize(("turn", "code"), RULES)
def test_the_rules_alone_code_the_construction(turn: str, code: str) -> None:
    assert analyse_with(None, turn).code == code


@pytest.mark.parametrize(("turn", "not_code"), [
    # A plain "Wat…" question is no exclamation, and a reported judgement no praise.
    ("wat vond je dat goed ging", "oordeel"),
    ("Wat heb je daar geleerd?", "oordeel"),
    # "Vertel je" with a question mark asks.
    ("Doe je dat vaker?", "advies"),
])
def test_near_misses_keep_their_own_move(turn: str, not_code: str) -> None:
    assert analyse_with(None, turn).code != not_code
    assert analyse(turn).code != not_code


def test_the_grammar_reads_evaluation_reporting_particles_and_embedding() -> None:
    judged = read("Je hebt een slimme keuze gemaakt.")
    assert judged.evaluative and not judged.reporting  # "slimme": inflected
    given_back = read("Je vond het een goede dag.")
    assert given_back.evaluative and given_back.reporting
    assert "g:oordeelwoord_weergave" in given_back.features()
    assert "g:ja_nee_partikel_modaal" in read("Zou je dat nou wel doen?").features()
    assert "g:ja_nee_ingebed" in read("Kun je zeggen hoe je dat aanpakte?").features()
    assert "g:ja_nee_ingebed" not in read("Kun je dat alleen?").features()
    assert "g:modaal_2_ontkend" in read("Je kunt dat niet maken.").features()
    assert not read("Was het leuk of niet?").negated
    assert read("wat doe je dat knap").kind == "uitroep"
    assert read("wat doe je daar?").kind == "vraag"
