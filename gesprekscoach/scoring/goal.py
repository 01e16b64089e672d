"""Whether a conversation reached the scenario's goal: its layers, and the deepest one.

A scenario names the layers a good conversation reaches (``doel.lagen``) and
the deepest one (``doel.diepste``), which the student tells only after a
chain of follow-ups. The report says which were told, so a trainer sees at a
glance whether a conversation got to what mattered, not only whether the
moves were right. Pure: computed from the exchanges' revealed layers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gesprekscoach.model import Exchange


@dataclass(frozen=True)
class GoalResult:
    """The scenario's goal layers, which were told, and whether the deepest was."""

    layers: tuple[str, ...]
    reached: tuple[str, ...]           # goal layers told, in the goal's order
    deepest: str | None = None
    deepest_reached: bool = False

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(layer for layer in self.layers if layer not in self.reached)

    def sentence(self) -> str:
        """``5 van 8 doellagen bereikt; de diepste laag (twijfel_zorg) nog niet.``"""
        text = f"{len(self.reached)} van {len(self.layers)} doellagen bereikt"
        if self.deepest:
            text += (f"; de diepste laag ({self.deepest}) ook" if self.deepest_reached
                     else f"; de diepste laag ({self.deepest}) nog niet")
        return text + "."


def goal_of(exchanges: Sequence[Exchange], layers: Sequence[str], deepest: str | None
            ) -> GoalResult | None:
    """The goal result of a conversation; None when the scenario names no goal layers."""
    if not layers and not deepest:
        return None
    told = {ex.layer for ex in exchanges if ex.layer}
    return GoalResult(tuple(layers), tuple(layer for layer in layers if layer in told),
                      deepest, deepest in told if deepest else False)


def goal_to_dict(goal: GoalResult | None) -> dict[str, Any] | None:
    if goal is None:
        return None
    return {"lagen": list(goal.layers), "bereikt": list(goal.reached),
            "diepste": goal.deepest, "diepste_bereikt": goal.deepest_reached}


def goal_from_dict(data: Mapping[str, Any] | None) -> GoalResult | None:
    """The result :func:`goal_to_dict` wrote; the caller has checked the shape."""
    if data is None:
        return None
    return GoalResult(tuple(data["lagen"]), tuple(data["bereikt"]), data["diepste"],
                      bool(data["diepste_bereikt"]))
