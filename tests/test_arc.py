"""The arc: every transition, going back, sprongen, reflection, undo, diagram."""

from __future__ import annotations

import importlib.util
import sys
from itertools import permutations
from pathlib import Path

import pytest
from transitions import MachineError

from gesprekscoach.conversation.arc import STATES, TRANSITIONS, Arc, ArcStep, Sprong, mermaid

ROOT = Path(__file__).resolve().parent.parent

# How to reach each source state. "kaal": nothing told, by the shortest way
# (vooruitkijken and in beweging zetten are then reached by a sprong).
# "gereflecteerd": a story told (terugkijken layer) and explored first.
_BARE = {
    "opening": [],
    "terugkijken": ["terugkijken"],
    "verbreden_verdiepen": ["terugkijken", "verbreden_verdiepen"],
    "vooruitkijken": ["terugkijken", "verbreden_verdiepen", "vooruitkijken"],
    "in_beweging_zetten": ["terugkijken", "verbreden_verdiepen", "vooruitkijken",
                           "in_beweging_zetten"],
    "afsluiting": ["afsluiting"],
}
_REFLECTED_PATH = {
    "opening": ["opening"],
    "terugkijken": ["terugkijken"],
    "verbreden_verdiepen": [],
    "vooruitkijken": ["vooruitkijken"],
    "in_beweging_zetten": ["vooruitkijken", "in_beweging_zetten"],
    "afsluiting": ["afsluiting"],
}

# The moves that jump, per context; every other move between two different
# states is in order.
_JUMPS = {
    "kaal": {
        ("opening", "verbreden_verdiepen"),
        ("opening", "vooruitkijken"),
        ("terugkijken", "vooruitkijken"),
        ("verbreden_verdiepen", "vooruitkijken"),
        ("opening", "in_beweging_zetten"),
        ("terugkijken", "in_beweging_zetten"),
        ("verbreden_verdiepen", "in_beweging_zetten"),
        ("vooruitkijken", "in_beweging_zetten"),
    },
    # Reflected, but vooruitkijken skipped: in beweging zetten still jumps.
    "gereflecteerd": {
        ("opening", "in_beweging_zetten"),
        ("terugkijken", "in_beweging_zetten"),
        ("verbreden_verdiepen", "in_beweging_zetten"),
    },
}


def arc_in(source: str, context: str) -> Arc:
    arc = Arc()
    if context == "kaal":
        path = _BARE[source]
    else:
        arc.step("terugkijken")
        arc.note_reply("terugkijken")
        arc.step("verbreden_verdiepen")
        assert arc.reflected
        path = _REFLECTED_PATH[source]
    for fase in path:
        arc.step(fase)
    assert arc.phase == source
    return arc


CASES = [
    pytest.param(source, dest, context, (source, dest) in _JUMPS[context],
                 id=f"{context}:{source}->{dest}")
    for context in _JUMPS
    for source, dest in permutations(STATES, 2)
]


@pytest.mark.parametrize(("source", "dest", "context", "jumps"), CASES)
def test_every_transition(source: str, dest: str, context: str, jumps: bool) -> None:
    arc = arc_in(source, context)
    before = len(arc.sprongen)
    assert getattr(arc, f"may_{dest}")()
    assert arc.would_jump(dest) is jumps
    step = arc.step(dest)
    assert arc.phase == dest
    assert step == ArcStep(arc.turn, dest, jumps)
    if jumps:
        assert arc.sprongen[before:] == (Sprong(arc.turn, source, dest),)
    else:
        assert len(arc.sprongen) == before


def test_transition_table_names_resolve() -> None:
    for t in TRANSITIONS:
        assert t["dest"] in STATES and t["trigger"] == t["dest"]
        for name in (t.get("conditions"), t.get("after")):
            if name:
                assert callable(getattr(Arc, name)), name


def test_no_auto_transitions_and_no_self_moves() -> None:
    arc = Arc()
    assert not hasattr(arc, "to_vooruitkijken")
    assert not arc.may_opening()  # already there: a turn in the same phase stays
    with pytest.raises(MachineError):
        arc.opening()


def test_phaseless_turn_and_same_phase_stay() -> None:
    arc = Arc()
    arc.step("terugkijken")
    assert arc.step(None) == ArcStep(2, "terugkijken", False)
    assert arc.step("terugkijken") == ArcStep(3, "terugkijken", False)
    assert arc.history == (ArcStep(1, "terugkijken"), ArcStep(2, "terugkijken"),
                           ArcStep(3, "terugkijken"))
    assert arc.reached == ("terugkijken",)


def test_unknown_phase_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        Arc().step("koffie")
    with pytest.raises(ValueError):
        Arc().note_reply("koffie")


def test_full_arc_in_order() -> None:
    arc = Arc()
    arc.step("opening")
    arc.note_reply(None)
    arc.step("terugkijken")
    arc.note_reply("terugkijken")
    arc.step("verbreden_verdiepen")
    arc.note_reply("verbreden_verdiepen")
    for fase in ("vooruitkijken", "in_beweging_zetten", "afsluiting"):
        arc.step(fase)
    assert arc.sprongen == ()
    assert arc.reached == tuple(STATES)


def test_going_back_for_a_new_small_story_is_allowed() -> None:
    arc = arc_in("vooruitkijken", "gereflecteerd")
    assert arc.may_terugkijken()
    assert arc.step("terugkijken").sprong is False
    assert arc.step("verbreden_verdiepen").sprong is False
    assert arc.step("vooruitkijken").sprong is False
    assert arc.sprongen == ()


def test_sprong_in_minute_one_records_the_turn() -> None:
    arc = Arc()
    arc.step("opening")
    step = arc.step("vooruitkijken")
    assert step == ArcStep(2, "vooruitkijken", True)
    assert arc.sprongen == (Sprong(2, "opening", "vooruitkijken"),)
    # Staying in the future is not a new sprong; the next phase skipped ahead is.
    arc.step("vooruitkijken")
    arc.step("in_beweging_zetten")
    assert arc.sprongen == (Sprong(2, "opening", "vooruitkijken"),
                            Sprong(4, "vooruitkijken", "in_beweging_zetten"))
    assert arc.reached == ("opening", "vooruitkijken", "in_beweging_zetten")


def test_skipping_terugkijken_is_a_sprong() -> None:
    arc = Arc()
    assert arc.step("verbreden_verdiepen").sprong
    assert arc.sprongen == (Sprong(1, "opening", "verbreden_verdiepen"),)


def test_story_told_in_the_opening_makes_verbreden_in_order() -> None:
    arc = Arc()
    arc.step("opening")
    arc.note_reply("terugkijken")
    assert arc.told and not arc.reflected
    assert arc.step("verbreden_verdiepen").sprong is False
    assert arc.reflected


def test_reflected_needs_a_story_and_its_exploration() -> None:
    arc = Arc()
    arc.step("terugkijken")
    arc.note_reply(None)            # "Weet ik niet."
    assert not arc.told
    arc.step("verbreden_verdiepen")  # in order: terugkijken was reached
    assert not arc.reflected         # but nothing was told to explore
    assert arc.step("vooruitkijken").sprong
    arc.step("terugkijken")
    arc.note_reply("terugkijken")
    assert arc.told and not arc.reflected
    arc.step("verbreden_verdiepen")
    assert arc.reflected
    assert arc.step("vooruitkijken").sprong is False


def test_reply_revealing_meaning_while_exploring_counts_as_explored() -> None:
    arc = Arc()
    arc.step("terugkijken")
    arc.note_reply("terugkijken")
    arc.step("terugkijken")
    arc.note_reply("verbreden_verdiepen")
    assert arc.reflected


def test_transcript_mode_infers_the_story_from_a_reply() -> None:
    arc = Arc(layers=False)
    arc.step("terugkijken")
    arc.note_reply(None)
    assert arc.told
    arc.step("verbreden_verdiepen")
    assert arc.reflected
    assert not Arc(layers=True).told


def test_undo_restores_the_state_before_the_last_turn() -> None:
    arc = Arc()
    assert arc.undo() is False
    arc.step("terugkijken")
    arc.note_reply("terugkijken")
    arc.step("vooruitkijken")
    assert arc.sprongen
    assert arc.undo() is True
    assert arc.phase == "terugkijken"
    assert arc.sprongen == () and arc.turn == 1 and arc.told
    assert arc.undo() is True
    assert arc.phase == "opening" and arc.history == () and not arc.told
    # The machine still works after undo.
    assert arc.step("terugkijken") == ArcStep(1, "terugkijken", False)


def test_would_jump_does_not_move() -> None:
    arc = Arc()
    assert arc.would_jump("vooruitkijken")
    assert not arc.would_jump("terugkijken")
    assert not arc.would_jump("opening")
    assert arc.phase == "opening" and arc.turn == 0


def test_mermaid_holds_every_state_and_needs_no_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "graphviz", None)   # import graphviz -> ImportError
    monkeypatch.setitem(sys.modules, "pygraphviz", None)
    text = mermaid()
    assert text.splitlines()[:4] == ["---", "title: De gespreksboog", "---", "stateDiagram-v2"]
    for state in STATES:
        assert f"as {state}" in text
    assert 'state "verbreden en verdiepen" as verbreden_verdiepen' in text
    assert "opening --> vooruitkijken: na ervaring en verkenning | sprong" in text
    assert "vooruitkijken --> terugkijken: terugkijken" in text
    assert "[*] --> opening" in text


def test_docs_boog_is_current() -> None:
    script = ROOT / "scripts" / "boog_diagram.py"
    spec = importlib.util.spec_from_file_location("boog_diagram", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "boog.md").read_text("utf-8") == module.render(), (
        "docs/boog.md is verouderd: draai scripts/boog_diagram.py"
    )


def test_a_story_told_in_the_opening_takes_the_arc_to_terugkijken() -> None:
    arc = Arc()
    arc.step("opening")
    arc.note_reply("terugkijken")
    assert arc.phase == "terugkijken"
    assert arc.reached == ("terugkijken",)
    step = arc.step("verbreden_verdiepen")
    assert not step.sprong
    assert arc.undo() and arc.undo()
    assert arc.phase == "opening" and arc.reached == ()
