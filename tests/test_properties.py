"""Whatever a user types or a file holds, the analyser and the readers stay within bounds.

analyse() must return a well-formed TurnAnalysis for any text; the readers
must either parse or raise UserError, never anything else.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gesprekscoach.analysis.analyser import TurnAnalysis, analyse
from gesprekscoach.analysis.corpus import parse_corpus
from gesprekscoach.codebook import CODES, COMPETENTIES, FASEN, primary
from gesprekscoach.conversation.transcript import parse_turns
from gesprekscoach.errors import UserError
from gesprekscoach.textfile import read_text

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

MARKUP = [
    "[/b][red",
    "[@click=app.quit]x[/]",
    "[b]Wat vond je ervan?[/b]",
    "[link=https://example.com]klik[/link]",
    "$variable ${naam} {0} %s %(x)s",
    "\x1b[31mrood\x1b[0m",
    "<script>alert(1)</script>",
    "\u202eWat vond je ervan?",
]

#: Pieces of Dutch docent and student talk, to mix with noise.
DUTCH = [
    "Wat vond je ervan?", "Hoe ging dat?", "Dus je was moe.", "Je moet eerder beginnen.",
    "Goed zo!", "Hm-hm.", "Heb je al met je begeleider gepraat?", "Zou het niet slim zijn om…",
    "en toen?", "wat bedoel je met lastig", "Ik baalde ervan.", "De stage duurt tien weken.",
    "Hoe ging het en wat leerde je?", "Tot volgende week.", "?", "...", "", " ",
]

texts = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8")),
    st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2028\u200b"),
    st.text(alphabet=st.characters(categories=("Cc", "Cf", "Zs", "Po", "Ps", "Pe"))),
    st.lists(st.sampled_from(DUTCH + MARKUP), max_size=8).map(" ".join),
    st.tuples(st.sampled_from(DUTCH), st.text(max_size=20), st.sampled_from(MARKUP))
    .map("".join),
)


def check(analysis: TurnAnalysis, text: str) -> None:
    assert isinstance(analysis, TurnAnalysis)
    assert analysis.code in CODES
    assert analysis.codes <= set(CODES)
    assert analysis.code == primary(analysis.codes)
    assert analysis.fase in FASEN or analysis.fase is None
    assert analysis.competentie in COMPETENTIES or analysis.competentie is None
    for segment in analysis.segments:
        assert 0 <= segment.start <= segment.end <= len(text)
        assert segment.move in CODES
    assert all(isinstance(tip, str) for tip in analysis.tips)
    analysis.to_dict()
    assert isinstance(analysis.evidence, str)


@SETTINGS
@given(text=texts)
@example(text="")
@example(text=" \n\t ")
@example(text="[/b][red")
@example(text="[@click=app.quit]x[/]")
@example(text="\x00\x01\x02\x1b[2J\x7f")
def test_analyse_any_docent_text(text: str) -> None:
    check(analyse(text), text)


@SETTINGS
@given(text=texts, student=texts, history=st.lists(texts, max_size=5))
def test_analyse_any_context(text: str, student: str, history: list[str]) -> None:
    check(analyse(text, student, history), text)


@pytest.mark.parametrize(
    "text",
    [
        "Wat vond je van je stage? " * 4000,  # 100 000 characters of questions
        "a" * 100_000,  # one 100 000-character word
        "Dus je vond het lastig, " * 4167,
        "\x00" * 100_000,
    ],
    ids=["questions", "one-word", "summary", "nul"],
)
def test_analyse_100_000_characters(text: str) -> None:
    # The student context stays short: a long docent turn against a long
    # student turn is a speed question (scripts/bench_analyser.py), not a bounds one.
    check(analyse(text, text[:1000], [text[:1000]] * 3), text)


def test_segments_cover_the_text_they_name() -> None:
    text = "Dus je vond het lastig. Wat maakte het lastig?"
    analysis = analyse(text, "Ik vond het lastig.")
    for segment in analysis.segments:
        assert text[segment.start:segment.end] == segment.text


# --------------------------------------------------------------------- readers


@SETTINGS
@given(text=st.text())
def test_parse_turns_parses_or_raises_user_error(text: str) -> None:
    try:
        turns = parse_turns(text, "x.txt")
    except UserError as exc:
        assert exc.problems and all(p.path == "x.txt" for p in exc.problems)
    else:
        assert turns and all(turn.docent.strip() for turn in turns)


@SETTINGS
@given(text=st.text())
def test_parse_corpus_parses_or_raises_user_error(text: str) -> None:
    try:
        parse_corpus(text, "c.jsonl")
    except UserError as exc:
        assert exc.problems


@SETTINGS
@given(data=st.binary(max_size=200))
def test_read_text_reads_or_raises_user_error(data: bytes) -> None:
    try:
        text = read_text("-", stdin=io.BytesIO(data), max_bytes=100)
    except UserError as exc:
        assert exc.problems[0].path == "standaardinvoer"
    else:
        assert text.strip() and "\r" not in text
