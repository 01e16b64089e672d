"""Issue 13's figures, over scripted conversations for every shipped student.

Per scenario its good conversation, a mediocre one (``matig.txt``) and every
valkuil that can happen to it, with two seeds, played through the real
analyser and :class:`Session`:

- no student sentence (three words or more) comes back word for word;
- a question about the future before any story gets an evasive answer;
- the deepest layer never comes out before the third follow-up on its theme;
- a closed factual question is answered from the scenario's facts, the same
  way every time.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from gesprekscoach.cli.simuleer import parse_script, play
from gesprekscoach.codebook import is_silent
from gesprekscoach.conversation.scenario import Scenario, shipped_scenarios
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.session import Session
from gesprekscoach.conversation.student import default_model

SCRIPTS = Path(__file__).parent / "scripts"
SEEDS = (0, 1)
SCENARIOS = {path.stem: load_scenario(path) for path in shipped_scenarios()}
TRIALOOG_ONLY = frozenset({"over_de_student"})
#: Moves that stay on the student's theme.
FOLLOW_UP_CODES = frozenset({"doorvraag", "samenvatting", "aanmoediging"})
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


def scripts_for(scenario: Scenario) -> list[Path]:
    found = [SCRIPTS / f"{scenario.id}.goed.txt", SCRIPTS / "matig.txt"]
    for path in sorted(SCRIPTS.glob("valkuil-*.txt")):
        if path.stem.removeprefix("valkuil-") not in TRIALOOG_ONLY or scenario.third_party:
            found.append(path)
    return found


CASES = [(sid, path.name, seed) for sid, sc in sorted(SCENARIOS.items())
         for path in scripts_for(sc) for seed in SEEDS]


@cache
def played(scenario_id: str, script: str, seed: int) -> Session:
    path = SCRIPTS / script
    return play(SCENARIOS[scenario_id], parse_script(path.read_text("utf-8"), str(path)), seed=seed)


def said(session: Session) -> list[str]:
    """Every sentence the student and the third party said, in order."""
    out = []
    for ex in session.exchanges:
        for text in (ex.student, ex.third_party):
            out += [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    return out


@pytest.mark.parametrize(("scenario_id", "script", "seed"), CASES)
def test_no_sentence_comes_back_word_for_word(scenario_id: str, script: str, seed: int) -> None:
    sentences = [s for s in said(played(scenario_id, script, seed)) if len(s.split()) >= 3]
    repeated = [s for s, n in Counter(sentences).items() if n > 1]
    assert not repeated, repeated


@pytest.mark.parametrize(("scenario_id", "script", "seed"), CASES)
def test_the_deepest_layer_needs_three_follow_ups_on_its_theme(
        scenario_id: str, script: str, seed: int) -> None:
    scenario = SCENARIOS[scenario_id]
    session = played(scenario_id, script, seed)
    for deep in (layer for layer in scenario.layers if layer.depth == 3):
        told = [ex.turn for ex in session.exchanges if ex.layer == deep.id]
        if not told:
            continue
        theme_start = min(ex.turn for ex in session.exchanges if ex.layer and
                          scenario.layer(ex.layer).theme == deep.theme)
        follow_ups = [ex for ex in session.exchanges if theme_start <= ex.turn <= told[0] and (
            ex.analysis.code in FOLLOW_UP_CODES or is_silent(ex.docent)
            or (ex.analysis.code == "open_vraag" and ex.turn > theme_start))]
        assert len(follow_ups) >= 3, (deep.id, [ex.docent for ex in follow_ups])


PREMATURE = ("Wat wil je later worden?", "Wat ga je doen om dit op te lossen?",
             "Wat is je eerste stap?")


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
@pytest.mark.parametrize("question", PREMATURE)
def test_a_premature_future_question_gets_an_evasive_answer(scenario_id: str, question: str) -> None:
    scenario = SCENARIOS[scenario_id]
    evasive = set(scenario.reactions.get("te_vroeg") or default_model().reactions["te_vroeg"])
    for opening in ((), (f"Hoi {scenario.student.name}, ga zitten.",)):
        session = Session(scenario, seed=0)
        for turn in opening:
            session.say(turn)
        before = session.openness
        ex = session.say(question)
        assert ex.layer is None and ex.student in evasive, (opening, ex.student)
        assert session.openness < before


#: A closed question for every kind of fact the shipped students have.
FACT_QUESTIONS = {
    "reizen": "Kom je met de bus?", "wonen": "Woon je nog thuis?",
    "uren": "Hoeveel dagen werk je daar?", "dagen": "Hoeveel dagen ben je daar?",
    "stagedagen": "Hoeveel dagen loop je stage?", "begeleider": "Hoe heet je begeleider?",
    "collega": "Heb je daar een collega?", "gamen": "Game je veel?",
    "slb": "Wie is je slb'er?", "tijd": "Hoe laat moest je beginnen?",
    "oom": "Help je je oom op zaterdag?",
}


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_a_factual_question_is_answered_from_the_facts_every_time(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    assert scenario.facts, "elke meegeleverde student heeft feiten"
    missing = [f.id for f in scenario.facts if f.id not in FACT_QUESTIONS]
    assert not missing, f"geef een vraag voor deze feiten in FACT_QUESTIONS: {missing}"
    session = Session(scenario, seed=0)
    session.say(f"Hoi {scenario.student.name}, vertel eens, hoe gaat het op je stage of je werk?")
    for round_ in range(2):
        for fact in scenario.facts:
            reply = session.say(FACT_QUESTIONS[fact.id]).student
            firsts = {_SENTENCE.split(t)[0].rstrip(".").lower() for t in fact.texts}
            assert any(first in reply.lower() for first in firsts), (fact.id, round_, reply)
    answers = [ex.student for ex in session.exchanges[1:]]
    assert len(set(answers)) == len(answers), "twice the same words"


@pytest.mark.parametrize(("scenario_id", "script", "seed"), CASES)
def test_a_replayed_conversation_is_the_same(scenario_id: str, script: str, seed: int) -> None:
    """Resume replays the docent turns: the replies (and the third party) must be the same."""
    first = played(scenario_id, script, seed)
    again = Session(SCENARIOS[scenario_id], seed=seed)
    for ex in first.exchanges:
        assert again.say(ex.docent) == ex
