"""Issue 13, second round: replies that fit what was asked, played through :class:`Session`.

Each test is a scripted conversation with a shipped student and the real
analyser; it checks the mechanism behind a reply the user testers found off:
a name is no question for a fact, a feeling or a moment gets that kind of
answer, letters without words get a question back, a closed question a yes
or no, a goodbye a goodbye, a told story is referred to and not retold, a
step names only people the conversation met, the other adult reacts when
the student names them, and the openness bar rises only with what was told.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from test_student_figures import CASES, SCRIPTS

from gesprekscoach.cli.simuleer import parse_script, play
from gesprekscoach.conversation.arc import FUTURE
from gesprekscoach.conversation.scenario import Scenario, shipped_scenarios
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.session import Session
from gesprekscoach.conversation.student import Student, default_model
from gesprekscoach.conversation.student_say import capitalised, names_in, unintroduced

SCENARIOS = {path.stem: load_scenario(path) for path in shipped_scenarios()}
MODEL = default_model()
IDS = sorted(SCENARIOS)


def opened(scenario: Scenario, seed: int = 0) -> Session:
    """A session after the first open question: the small story is told."""
    session = Session(scenario, seed=seed)
    session.say(f"Hoi {scenario.student.name}, wat is je de afgelopen weken bijgebleven?")
    return session


def fact_texts(scenario: Scenario) -> set[str]:
    return {t for fact in scenario.facts for t in fact.texts}


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_name_or_a_word_of_a_fact_in_an_open_question_asks_for_no_fact(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    session = opened(scenario)
    for fact in scenario.facts:
        word = next((w for w in fact.words if " " not in w), fact.words[0])
        reply = session.say(f"Hoe is dat voor jou, als je denkt aan {word}?").student
        assert not any(reply.endswith(t) for t in fact_texts(scenario)), (fact.id, reply)


def test_a_question_word_for_the_fact_still_gets_the_fact() -> None:
    scenario = SCENARIOS["bram-bbl-garage-trialoog"]
    session = opened(scenario)
    reply = session.say("Wie is de monteur die de storingen doet?").student
    assert "Ruud" in reply, reply
    assert session.say("Wat zou jij willen leren, richting Ruud?").student not in fact_texts(scenario)


def test_a_later_phase_word_beats_a_fact_word_in_a_closed_question() -> None:
    scenario = SCENARIOS["yasmina-niveau4-hbo"]
    reply = opened(scenario).say("heb je al naar de open dagen van het hbo gekeken?").student
    assert reply not in fact_texts(scenario), reply


@pytest.mark.parametrize("scenario_id", IDS)
def test_letters_without_words_get_a_question_back(scenario_id: str) -> None:
    first = Session(SCENARIOS[scenario_id], seed=0)
    assert first.say("asdfgh").student in MODEL.unclear
    session = opened(SCENARIOS[scenario_id])
    before = session.openness
    assert session.say("qwrtzp xkcd").student in MODEL.unclear
    assert session.openness <= before, "nothing was told: the bar does not rise"


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_goodbye_gets_a_goodbye(scenario_id: str) -> None:
    session = opened(SCENARIOS[scenario_id])
    session.say("Wat gebeurde er toen?")
    assert session.say("Oké, succes verder.").student in MODEL.farewell


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_yes_no_question_is_answered_yes_or_no_not_with_a_closing_line(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    session = opened(scenario)
    reply = session.say("zullen we afspreken dat je volgende week een open dag bezoekt?").student
    closing = set(MODEL.reactions["afsluiting"]) | set(MODEL.reactions["nog_niet_klaar"])
    closing |= set(scenario.reactions.get("afsluiting", ())) | set(scenario.reactions.get("nog_niet_klaar", ()))
    assert reply and reply not in closing, reply


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_question_about_a_feeling_reason_or_moment_gets_that_kind_of_reply(scenario_id: str) -> None:
    """Never a line for any question: a layer, a fact asked for, or a reply of that kind."""
    scenario = SCENARIOS[scenario_id]
    stock = {t for key in ("terughoudend", "uitgepraat", "onvoorzien", "gesloten_vraag")
             for t in MODEL.reactions[key]}
    for question in ("Hoe voelde dat voor je?", "Waarom denk je dat dat zo ging?",
                     "Wanneer was dat precies?"):
        session = opened(scenario)
        session.say("Wat gebeurde er toen?")
        ex = session.say(question)
        assert ex.student not in stock, (question, ex.student)


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_feeling_question_is_not_told_that_nothing_more_happened(scenario_id: str) -> None:
    """"Meer gebeurde er niet." answers what happened; asked how it was for them, the
    student names a feeling, holds back, or tells more, also when none of the words for a
    feeling is in their story (here: the model knows none of them)."""
    scenario = SCENARIOS[scenario_id]
    over = set(MODEL.reactions["uitgepraat"]) | set(scenario.reactions.get("uitgepraat", ()))
    wordless = replace(MODEL, feeling_words=("onbekendgevoel",))
    for question in ("Hoe is het voor jou om dat te vertellen?", "Wat deed het met jou?",
                     "Hoe was het voor je om dat mee te maken?"):
        session = Session(scenario, seed=0)
        session.student = Student(scenario, seed=0, model=wordless)
        session.say(f"Hoi {scenario.student.name}, wat is je de afgelopen weken bijgebleven?")
        session.say("Wat gebeurde er toen?")
        session.say("Wat gebeurde er daarna?")
        reply = session.say(question).student
        assert reply not in over, (question, reply)


def _reactions_to(scenario: Scenario, code: str) -> set[str]:
    lines = set(MODEL.reactions.get(code, ())) | set(scenario.reactions.get(code, ()))
    for block in MODEL.characters.values():
        lines |= set(block.get(code, ()))
    return lines


@pytest.mark.parametrize("scenario_id", IDS)
def test_praise_before_a_question_gets_the_question_answered(scenario_id: str) -> None:
    """"Mooi verteld. Wat gebeurde er daarna?": the student answers what was asked;
    the praise alone gets the reaction to a judgement, and closes them as much."""
    scenario = SCENARIOS[scenario_id]
    judged = _reactions_to(scenario, "oordeel")
    alone, asked = opened(scenario), opened(scenario)
    assert alone.say("Goed zo, dat heb je mooi verteld.").student in judged
    reply = asked.say("Goed zo, dat heb je mooi verteld. Wat gebeurde er daarna?")
    assert reply.analysis.code == "oordeel"  # the report still counts the judgement
    assert reply.student and reply.student not in judged, reply.student
    assert asked.openness <= opened(scenario).say("Wat gebeurde er daarna?").openness


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_told_story_is_referred_to_not_told_again(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    session = opened(scenario)
    story = scenario.layer(session.exchanges[0].layer)
    for question in (f"En hoe voelde dat, toen dat met {story.words[0]} gebeurde?",
                     f"Vertel nog eens over {story.words[0]}?",
                     f"Wat was er precies met {story.words[0]}?"):
        reply = session.say(question).student
        told_again = [t for t in story.texts if t.split(".")[0] in reply]
        assert not told_again, (question, reply)


@pytest.mark.parametrize(("scenario_id", "script", "seed"), CASES)
def test_a_step_names_only_people_the_conversation_met(scenario_id: str, script: str, seed: int) -> None:
    scenario = SCENARIOS[scenario_id]
    session = played(scenario_id, script, seed)
    met = {w.lower() for w in scenario.student.name.split()}
    if scenario.third_party is not None:
        met |= {w.lower() for w in scenario.third_party.name.split()}
    for ex in session.exchanges:
        met |= capitalised(ex.docent)
        if ex.layer and scenario.layer(ex.layer).fase in FUTURE:
            assert unintroduced(ex.student) <= met, (ex.turn, ex.student, sorted(met))
        met |= capitalised(ex.student) | capitalised(ex.third_party)


def test_the_other_adult_reacts_when_the_student_names_them() -> None:
    scenario = SCENARIOS["bram-bbl-garage-trialoog"]
    third = scenario.third_party.name
    for _, script, seed in [c for c in CASES if c[0] == scenario.id]:
        for ex in played(scenario.id, script, seed).exchanges:
            if ex.layer and third.lower() in names_in(ex.student):
                assert ex.third_party, (script, ex.turn, ex.student)


@pytest.mark.parametrize(("scenario_id", "script", "seed"), CASES)
def test_openness_stays_below_very_open_until_the_deepest_layer(
        scenario_id: str, script: str, seed: int) -> None:
    scenario = SCENARIOS[scenario_id]
    deepest = scenario.goal.deepest
    told: set[str] = set()
    for ex in played(scenario_id, script, seed).exchanges:
        told.add(ex.layer or "")
        if deepest and deepest not in told:
            assert ex.openness is not None and ex.openness <= max(MODEL.ceiling, scenario.openness)


def test_each_character_has_its_own_stock_lines() -> None:
    for key in ("terughoudend", "samenvatting", "uitgepraat"):
        lines = [set(MODEL.characters[c][key]) for c in MODEL.characters]
        assert all(lines), key
        assert not set.intersection(*lines), key


@cache
def played(scenario_id: str, script: str, seed: int) -> Session:
    path = SCRIPTS / script
    return play(SCENARIOS[scenario_id], parse_script(path.read_text("utf-8"), str(path)), seed=seed)
