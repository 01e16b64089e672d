"""One way to play a turn: a practice conversation and the same conversation
read back as a transcript go through the same ``Session.say``, so they record
the same phases and get the same report (apart from openness, which only a
simulated student has)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gesprekscoach.conversation.scenario import shipped_scenarios
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.session import Session, read_transcript
from gesprekscoach.scoring.report import build, to_dict

TURNS = (
    "Hoi, fijn dat je er bent. Waar wil je het vandaag over hebben?",
    "Wat gebeurde er toen precies?",
    "Hoe was dat voor je?",
    "Wat zegt dat over wat jij belangrijk vindt?",
    "Dus het ging je vooral om de mensen.",
    "Wat zou je de volgende keer anders willen doen?",
    "Welke eerste stap wil je deze week zetten?",
    "Je moet gewoon met je mentor praten.",
    "Fijn dat je zo open was. Tot volgende week!",
)
@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_a_practice_conversation_and_its_transcript_get_the_same_report(path: Path, tmp_path: Path) -> None:
    live = Session(load_scenario(path), seed=0)
    for turn in TURNS:
        live.say(turn)
    text = "".join(f"D: {ex.docent}\nS: {ex.student}\n" for ex in live.exchanges)
    (tmp_path / "gesprek.txt").write_text(text, encoding="utf-8")
    real, _ = read_transcript(str(tmp_path / "gesprek.txt"))

    assert [ex.analysis.code for ex in real.exchanges] == [ex.analysis.code for ex in live.exchanges]
    assert [ex.phase for ex in real.exchanges] == [ex.phase for ex in live.exchanges]
    ours, theirs = to_dict(build(live.exchanges)), to_dict(build(real.exchanges))
    ours.pop("openheid", None)
    theirs.pop("openheid", None)
    assert theirs == ours
