"""Pattern sets skip patterns by the strings they need, and answer exactly as
running every pattern would."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gesprekscoach.analysis.analyser import rules
from gesprekscoach.analysis.patterns import PatternSet, Scanner, needles


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"\b(moeilijk|lastig)\b", ("lastig", "moeilijk")),
        (r"\b\w*(leider|opleider)\b", ("leider", "opleider")),
        (r"\bwat (heb|had) (je|jij) (\w+ ){0,6}gedaan\b", ("gedaan",)),  # the longest certain part
        (r"\bzelf\b(?<!\bik zelf)(?! ook\b)", ("zelf",)),  # lookarounds demand nothing
        (r"\b(hm+|ja)\b", None),  # "h" alone rules out too little
        (r"(?i)\bstage\b", None),  # case-insensitive: a substring test would be wrong
        (r"^(en )?wie\b", ("wie",)),
        (r"\b(toekomst|later)?\b", None),  # optional: nothing is certain
    ],
)
def test_needles_are_read_from_the_pattern(source: str, expected: tuple[str, ...] | None) -> None:
    assert needles(source) == expected


def test_the_scanner_finds_strings_inside_and_across_each_other() -> None:
    scanner = Scanner(["stage", "begeleider", "leider", "leer", "leerbedrijf"])
    assert scanner.present("mijn stagebegeleider") == {"stage", "begeleider", "leider"}
    assert scanner.present("een erkend leerbedrijf") == {"leer", "leerbedrijf"}
    assert scanner.present("niets hiervan") == frozenset()


def test_a_pattern_whose_string_the_shared_scanner_lacks_still_runs() -> None:
    patterns = PatternSet([r"\bstage\w*", r"\bdecaan\b"], Scanner(["stage"]))
    assert list(patterns.matching("vraag het de decaan")) == [1]


def test_first_match_is_the_leftmost_and_the_earlier_pattern_on_a_tie() -> None:
    patterns = PatternSet([r"\bga je\b", r"\bwat ga\b", r"\bwat\b"])
    found = patterns.first_match("en wat ga je doen")
    assert found is not None and found.group() == "wat ga"


# Every pattern of the shipped rule pack, against texts built from the strings they need.
PACK = rules()
SETS = [PACK.closed_question_words, PACK.no_competence, PACK.event_questions, *PACK.patterns.values(),
        PACK.phases.patterns, PACK.student_phases.patterns, PACK.competences.patterns]
WORDS = sorted({n for s in SETS for r in s.regexes for n in needles(r.pattern) or ()})
texts = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(["je", "ik", "de", "?", ",", "toen", "wat"]),
                           st.text(alphabet="abdeijklnorstw ", max_size=6)), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_pattern_set_answers_as_running_every_pattern(text: str) -> None:
    for patterns in SETS:
        assert set(patterns.matching(text)) == {i for i, r in enumerate(patterns.regexes) if r.search(text)}
        either = re.compile("|".join(f"(?:{r.pattern})" for r in patterns.regexes))
        found, expected = patterns.first_match(text), either.search(text)
        assert (found and found.span()) == (expected and expected.span())
