"""Hints while practising: which kind of move would help now, never a ready sentence.

The hint follows from the arc and the last analysed turn alone, so the same
conversation always gets the same hint. The rules are data
(``data/hints.yaml``): an ordered list of conditions and a text, where the
first rule whose conditions all hold wins, like an ordered fallback in the
arc's transitions. Conditions are method names of :class:`_Situation`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Final

from gesprekscoach.codebook import VIOLATIONS
from gesprekscoach.conversation.scenario import OPENNESS_SCALE
from gesprekscoach.errors import UserError
from gesprekscoach.trainerfile import Block, Choice, ListOf, Text, TrainerFile, load, packaged, parse

if TYPE_CHECKING:
    from gesprekscoach.conversation.arc import Arc
    from gesprekscoach.model import Exchange

#: Below this openness the student counts as closed (the scale's "terughoudend").
CLOSED_BELOW: Final[float] = OPENNESS_SCALE["terughoudend"]
#: After this many docent turns without a summary, a summary is due.
SUMMARY_EVERY: Final[int] = 5


@dataclass(frozen=True)
class Rule:
    """One line of the hint table: all conditions must hold."""

    conditions: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Hint:
    """The hint to show, and the rule it came from (for tests and the log)."""

    text: str
    conditions: tuple[str, ...]


class _Situation:
    """The facts of the conversation the conditions read; one method per condition."""

    def __init__(self, exchanges: Sequence[Exchange], arc: Arc, openness: float) -> None:
        self.exchanges = exchanges
        self.arc = arc
        self.openness = openness
        self.last = exchanges[-1] if exchanges else None

    def begin(self) -> bool:
        return self.last is None

    def net_advies(self) -> bool:
        return self.last is not None and self.last.analysis.code in VIOLATIONS

    def net_oordeel(self) -> bool:
        return self.last is not None and self.last.analysis.code == "oordeel"

    def net_gestapeld(self) -> bool:
        return self.last is not None and self.last.analysis.code == "meervoudige_vraag"

    def net_gesloten(self) -> bool:
        return self.last is not None and self.last.analysis.code == "gesloten_vraag"

    def net_sprong(self) -> bool:
        return self.last is not None and self.last.sprong

    def student_dicht(self) -> bool:
        return self.openness < CLOSED_BELOW

    def geen_verhaal(self) -> bool:
        return not self.arc.told

    def verteld(self) -> bool:
        return self.arc.told

    def niet_verkend(self) -> bool:
        return self.arc.told and not self.arc.reflected

    def lang_niet_samengevat(self) -> bool:
        recent = self.exchanges[-SUMMARY_EVERY:]
        return len(recent) == SUMMARY_EVERY and not any(
            "samenvatting" in ex.analysis.codes for ex in recent)

    def verkend(self) -> bool:
        return self.arc.reflected and "vooruitkijken" not in self.arc.reached

    def vooruitgekeken(self) -> bool:
        return "vooruitkijken" in self.arc.reached and "in_beweging_zetten" not in self.arc.reached

    def in_beweging(self) -> bool:
        return "in_beweging_zetten" in self.arc.reached and self.arc.phase != "afsluiting"

    def afgesloten(self) -> bool:
        return self.arc.phase == "afsluiting"

    def altijd(self) -> bool:
        return True


_CONDITION_ORDER: Final[tuple[str, ...]] = tuple(
    name for name in vars(_Situation) if not name.startswith("_"))
#: Every condition a hint rule may name.
CONDITIONS: Final[frozenset[str]] = frozenset(_CONDITION_ORDER)

#: What ``data/hints.yaml`` holds: rules with one or more conditions and a text.
HINTS: Final = Block({"hints": ListOf(Block({
    "als": ListOf(Choice(_CONDITION_ORDER, "voorwaarde"), at_least=1, single=True),
    "hint": Text(),
}), at_least=1, label="hint")})


def parse_rules(text: str, path: str = "hints.yaml") -> tuple[Rule, ...]:
    """The hint table from YAML; a UserError at the line of a mistake."""
    return _rules(parse(text, path, HINTS))


def _rules(file: TrainerFile) -> tuple[Rule, ...]:
    items = file.data["hints"]
    rules = tuple(
        Rule(tuple(item["als"]) if isinstance(item["als"], list) else (item["als"],),
             " ".join(item["hint"].split()))
        for item in items)
    if rules[-1].conditions != ("altijd",):
        raise UserError(file.problem(
            ["hints", len(items) - 1, "als"],
            "de laatste hint moet 'als: [altijd]' hebben, zodat er altijd een hint is"))
    return rules


@cache
def load_rules() -> tuple[Rule, ...]:
    """The packaged hint table (``data/hints.yaml``)."""
    return _rules(load(packaged("hints.yaml"), HINTS))


def hint_for(exchanges: Sequence[Exchange], arc: Arc, openness: float, name: str,
             rules: Sequence[Rule] | None = None) -> Hint:
    """The hint for the conversation so far; ``name`` is the student's first name."""
    situation = _Situation(exchanges, arc, openness)
    for rule in rules if rules is not None else load_rules():
        if all(getattr(situation, condition)() for condition in rule.conditions):
            return Hint(rule.text.replace("{naam}", name), rule.conditions)
    raise AssertionError("the hint table ends with 'altijd'")  # parse_rules guarantees it
