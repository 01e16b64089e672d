"""The trialoog, user-test round three: the docent hands the word back to the student,
the other adult tells no story twice, and the student keeps quiet about what they
dare not say with that adult in the room (gespreksmodel.md, "The trialoog").

Played through :class:`Session` with the real analyser on the shipped trialoog
scenarios and the scripts in ``tests/scripts``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gesprekscoach.analysis.words import content_words, lemma
from gesprekscoach.cli.simuleer import parse_script, play
from gesprekscoach.conversation.scenario import scenarios_dir
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.session import Session
from gesprekscoach.conversation.student import default_model
from gesprekscoach.conversation.third_party import addresses, to_student

BRAM = load_scenario(scenarios_dir() / "bram-bbl-garage-trialoog.yaml")
LOTTE = load_scenario(scenarios_dir() / "lotte-ouder-trialoog.yaml")
SCRIPTS = Path(__file__).parent / "scripts"
TRIALOGEN = {"bram": BRAM, "lotte": LOTTE}
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


def scripted() -> list[Session]:
    out = []
    for scenario in (BRAM, LOTTE):
        for path in [SCRIPTS / f"{scenario.id}.goed.txt", SCRIPTS / "matig.txt",
                     *sorted(SCRIPTS.glob("valkuil-*.txt"))]:
            for seed in (0, 1, 2):
                out.append(play(scenario, parse_script(path.read_text("utf-8"), str(path)), seed=seed))
    return out


def content(text: str) -> set[str]:
    return {lemma(t.lower) for t in content_words(text)}


@pytest.mark.parametrize(("turn", "student"), [
    ("Henk, dank je. Ik wil eerst Bram zelf horen.", True),
    ("henk, dank je. ik wil eerst bram zelf horen", True),
    ("Dank u, Henk. Bram, hoe zie jij dat?", True),
    ("Wat vind jij daar zelf van, Bram?", True),
    ("Henk, hoe vindt u dat hij het doet?", False),
    ("Bram vertelde het al. Henk, wat zag u?", False),
])
def test_who_is_spoken_to_is_decided_by_the_last_sentence(turn: str, student: bool) -> None:
    assert to_student(turn, "Bram", BRAM.third_party) is student
    assert addresses(turn, BRAM.third_party, "Bram") is not student


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_handing_the_word_to_the_student_gets_only_the_student(seed: int) -> None:
    for scenario, turns in ((BRAM, ["Henk, wat heeft u gezien bij die APK?",
                                    "Henk, dank je. Ik wil eerst Bram zelf horen."]),
                            (LOTTE, ["Mevrouw, wat ziet u thuis?",
                                     "Dank u. Ik wil graag eerst Lotte zelf horen. Lotte?"])):
        session = Session(scenario, seed=seed)
        session.say(f"Hoi {scenario.student.name}, wat is je de laatste tijd bijgebleven?")
        for turn in turns:
            last = session.say(turn)
        assert last.student and not last.third_party, (scenario.id, last)


def test_the_other_adult_never_says_a_line_twice_nor_retells_what_was_said() -> None:
    checked = 0
    for session in scripted():
        said: list[str] = []
        lines = [ex.third_party for ex in session.exchanges if ex.third_party]
        assert len(lines) == len(set(lines)), lines
        for ex in session.exchanges:
            for sentence in _SENTENCE.split(ex.third_party):
                mine = content(sentence)
                if len(mine) >= 3:
                    checked += 1
                    old = [s for s in said if len(mine & content(s)) >= 3]
                    assert not old, (session.scenario.id, sentence, old)
            said += [ex.student, ex.third_party]
    assert checked > 20


def test_what_the_student_dares_not_say_stays_unsaid_with_the_adult_in_the_room() -> None:
    model = default_model()
    told_deepest = 0
    for session in scripted():
        third = session.scenario.third_party
        names = {third.name.lower()} | (set(model.parent_words) if third.role == "ouder" else set())
        for ex in session.exchanges:
            told_deepest += ex.layer == session.scenario.goal.deepest
            for sentence in _SENTENCE.split(ex.student):
                said = {w.lower().strip(".,?!") for w in sentence.split()}
                if said & names and "durf" in sentence and (ex.openness or 0) < model.dare_from:
                    pytest.fail(f"{sentence!r} met {third.name} erbij, openheid {ex.openness}")
    assert told_deepest >= 6, "the deepest layer still comes out, said differently"
