"""The one escaper per format, the Dutch numbers, and the decisions the views only show."""

from __future__ import annotations

import pytest

from gesprekscoach.output.format import (
    clean,
    csv_cell,
    dec,
    esc,
    is_silent,
    md,
    percent,
)
from gesprekscoach.scoring.report import band
from gesprekscoach.scoring.rules import RuleScore


@pytest.mark.parametrize(("text", "markdown"), [
    ("*vet* en _schuin_", "\\*vet\\* en \\_schuin\\_"),
    ("# kop | cel [link](x) <b>", "\\# kop \\| cel \\[link\\](x) \\<b\\>"),
    ("twee\n  regels", "twee regels"),
    ("kleur\x1b[31m", "kleur\\\\x1b\\[31m"),
])
def test_markdown_text_is_inert_and_on_one_line(text: str, markdown: str) -> None:
    assert md(text) == markdown


def test_each_format_escapes_its_own_way() -> None:
    assert clean("a\x1b[2Jb\u202e") == "a\\x1b[2Jb\\u202e"
    assert esc('<a href="x">&') == "&lt;a href=&quot;x&quot;&gt;&amp;"
    assert [csv_cell(v) for v in ("=SOM(A1)", "-3", "-3,5", "@x")] == ["'=SOM(A1)", "-3", "-3,5", "'@x"]


@pytest.mark.parametrize(("value", "text"), [(0.999, "1"), (0.5, "0,5"), (2.0, "2"), (-0.001, "0")])
def test_one_decimal_comma(value: float, text: str) -> None:
    assert dec(value) == text


def test_percent_and_silence() -> None:
    assert percent(0.6) == "60 %"
    assert [percent(v, 1) for v in (0.5, 0.9123, 1.0)] == ["50,0 %", "91,2 %", "100,0 %"]
    assert [is_silent(t) for t in ("", "…", " ... ", "\t.\n", "Hm.", ". ja .")] == [
        True, True, True, True, False, False]


def test_every_view_and_the_student_share_one_silence_rule() -> None:
    from gesprekscoach import codebook
    from gesprekscoach.output import format as output_format
    assert output_format.is_silent is codebook.is_silent


@pytest.mark.parametrize(("score", "verdict"), [(100, "goed"), (70, "goed"), (69, "voldoende"),
                                                (50, "voldoende"), (49, "onvoldoende"), (0, "onvoldoende")])
def test_the_report_decides_the_score_band(score: int, verdict: str) -> None:
    assert band(score) == verdict


def test_advice_drops_the_measure_the_view_already_shows() -> None:
    rule = RuleScore("open_vragen", 2, "Open vragen", 0.4, "2 van 5 vragen open (40 %)",
                     "onvoldoende", 0.3, 1.0, "2 van 5 vragen open (40 %). Vraag eens: wat?")
    assert rule.needs_work and rule.advice == "Vraag eens: wat?"
    assert RuleScore(**{**rule.__dict__, "verdict": "goed"}).needs_work is False
