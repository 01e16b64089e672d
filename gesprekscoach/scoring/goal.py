"""Whether a conversation reached the scenario's goal: its layers, and the deepest one.

A scenario names the layers a good conversation reaches (``doel.lagen``) and
the deepest one (``doel.diepste``), which the student tells only after a
chain of follow-ups. The report says which were told, so a trainer sees at a
glance whether a conversation got to what mattered, not only whether the
moves were right. Pure: computed from the exchanges' revealed layers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from gesprekscoach.model import Exchange

if TYPE_CHECKING:
    from gesprekscoach.conversation.scenario import Layer

#: A layer's title is the start of what the student tells: about this many characters.
TITLE_LENGTH: Final[int] = 48


@dataclass(frozen=True)
class GoalResult:
    """The scenario's goal layers, which were told, and whether the deepest was."""

    layers: tuple[str, ...]
    reached: tuple[str, ...]           # goal layers told, in the goal's order
    deepest: str | None = None
    deepest_reached: bool = False
    #: A readable title per layer id (what the student tells, shortened): the ids are the
    #: scenario writer's names, a docent reads the titles. Only JSON and CSV carry ids.
    titles: tuple[tuple[str, str], ...] = ()

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(layer for layer in self.layers if layer not in self.reached)

    def title(self, layer: str) -> str:
        """What a docent reads for a layer: its title, else the id in words."""
        return dict(self.titles).get(layer) or layer.replace("_", " ")

    def sentence(self) -> str:
        """``5 van 8 doellagen bereikt; de diepste laag (‘Ik durf het niet…’) nog niet.``"""
        text = f"{len(self.reached)} van {len(self.layers)} doellagen bereikt"
        if self.deepest:
            deepest = f"‘{self.title(self.deepest)}’"
            text += (f"; de diepste laag ({deepest}) ook" if self.deepest_reached
                     else f"; de diepste laag ({deepest}) nog niet")
        return text + "."

    def missed_sentence(self) -> str:
        """``Niet bereikt: ‘…’, ‘…’.``, or "" when every goal layer was told."""
        if not self.missed:
            return ""
        return "Niet bereikt: " + ", ".join(f"‘{self.title(m)}’" for m in self.missed) + "."


def layer_titles(layers: Iterable[Layer]) -> tuple[tuple[str, str], ...]:
    """Each layer's title: the first sentence the student tells there, shortened."""
    return tuple((layer.id, layer_title(layer.texts[0] if layer.texts else layer.id))
                 for layer in layers)


def layer_title(text: str) -> str:
    """The first sentence of ``text``, cut at a word to about :data:`TITLE_LENGTH`."""
    text = " ".join(text.split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(".!")
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def goal_of(exchanges: Sequence[Exchange], layers: Sequence[str], deepest: str | None,
            titles: Iterable[tuple[str, str]] = ()) -> GoalResult | None:
    """The goal result of a conversation; None when the scenario names no goal layers."""
    if not layers and not deepest:
        return None
    told = {ex.layer for ex in exchanges if ex.layer}
    wanted = {*layers, deepest}
    return GoalResult(tuple(layers), tuple(layer for layer in layers if layer in told),
                      deepest, deepest in told if deepest else False,
                      tuple((k, v) for k, v in titles if k in wanted))


def goal_to_dict(goal: GoalResult | None) -> dict[str, Any] | None:
    if goal is None:
        return None
    data: dict[str, Any] = {"lagen": list(goal.layers), "bereikt": list(goal.reached),
                            "diepste": goal.deepest, "diepste_bereikt": goal.deepest_reached}
    if goal.titles:
        data["titels"] = dict(goal.titles)
    return data


def goal_from_dict(data: Mapping[str, Any] | None) -> GoalResult | None:
    """The result :func:`goal_to_dict` wrote; the caller has checked the shape."""
    if data is None:
        return None
    titles = data.get("titels") or {}
    return GoalResult(tuple(data["lagen"]), tuple(data["bereikt"]), data["diepste"],
                      bool(data["diepste_bereikt"]),
                      tuple((str(k), str(v)) for k, v in titles.items()))
