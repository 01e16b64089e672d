"""The keyword index answers exactly as words.mentions, only faster.

The student finds the layers a turn touches through the index; if it ever
disagreed with ``mentions`` (the analyser's notion of "the same word") the
student would hear words the docent did not say, or miss words they did.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gesprekscoach.analysis.keywords import KeywordIndex, index
from gesprekscoach.analysis.words import mentions
from gesprekscoach.conversation.scenario import shipped_scenarios
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.student import default_model

SCRIPTS = Path(__file__).parent / "scripts"
FIXTURE = Path(__file__).parent / "fixtures" / "student_test.yaml"

#: Own keywords and turns for the rules one by one: inflection, synonym, word
#: family, compound (both ways), typo, a phrase, and a keyword of stop words.
KEYWORDS = ("balen", "geschrokken", "zenuw", "afsluiting", "kassa-afsluiting", "werkweek",
            "frustratie", "laten zien", "wat zegt dat", "planning", "stage", "eng", "bang")
TURNS = (
    "Je baalde ervan. Wat maakte dat?",
    "Ik schrok me kapot.",
    "Was je zenuwachtig voor de kassa?",
    "Hoe ging de afsluiting van de kassa?",
    "Wat gebeurde er bij de kassa-afsluiting?",
    "Hoe was je week op de bouw?",
    "Je klinkt gefrustreerd.",
    "Wat wil je laten zien, en aan wie?",
    "Wat zegt dat over jou?",
    "Hoe ging je plannnig voor het festival?",
    "Hoe was je staeg?",
    "Vond je het eng of spannend?",
    "...",
    "",
)


def by_mentions(text: str, keywords: tuple[str, ...]) -> frozenset[str]:
    return frozenset(k for k in keywords if mentions(text, [k]))


def typos(text: str, rng: random.Random) -> str:
    """``text`` with a letter swapped, dropped or doubled in some words."""
    words = text.split()
    for i, word in enumerate(words):
        if len(word) > 4 and rng.random() < 0.4:
            j = rng.randrange(1, len(word) - 2)
            kind = rng.randrange(3)
            if kind == 0:
                word = word[:j] + word[j + 1] + word[j] + word[j + 2:]
            elif kind == 1:
                word = word[:j] + word[j + 1:]
            else:
                word = word[:j] + word[j] + word[j:]
            words[i] = word
    return " ".join(words)


@pytest.mark.parametrize("turn", TURNS)
def test_every_matching_rule(turn: str) -> None:
    assert KeywordIndex(KEYWORDS).found(turn) == by_mentions(turn, KEYWORDS)


def scenario_turns(path: Path) -> list[str]:
    """What a docent might say to this student: the scripts' turns, the
    student's own sentences (full of its words), each also with typos."""
    scenario = load_scenario(path)
    turns = [line for script in sorted(SCRIPTS.glob("*.txt"))
             for line in script.read_text("utf-8").splitlines() if not line.startswith("#")]
    turns += [text for layer in scenario.layers for text in layer.texts]
    rng = random.Random(path.stem)
    return turns + [typos(turn, rng) for turn in turns]


@pytest.mark.parametrize("path", [FIXTURE, *shipped_scenarios()], ids=lambda p: p.stem)
def test_the_index_agrees_with_mentions_on_a_scenario(path: Path) -> None:
    scenario = load_scenario(path)
    keywords = tuple(dict.fromkeys(w for layer in scenario.layers for w in layer.words))
    keywords += default_model().vague_words
    found = KeywordIndex(keywords)
    for turn in scenario_turns(path):
        assert found.found(turn) == by_mentions(turn, keywords), turn


def test_the_index_is_built_once_per_keyword_list() -> None:
    assert index(KEYWORDS) is index(tuple(KEYWORDS))
