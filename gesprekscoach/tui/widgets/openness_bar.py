"""How open the student is: a bar, a word from the scenario scale, and the trend."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from gesprekscoach.conversation.scenario import OPENNESS_SCALE

BAR_WIDTH = 20


def openness_word(value: float) -> str:
    """The scale word nearest to ``value`` (gesloten … heel open)."""
    name = min(OPENNESS_SCALE, key=lambda key: abs(OPENNESS_SCALE[key] - value))
    return name.replace("_", " ")


class OpennessBar(Widget):
    """Bound to the chat screen's ``openness`` and ``openness_before`` (before the last reply).

    Shows ↑ or ↓ when the last reply changed it.
    """

    DEFAULT_CSS = """
    OpennessBar {
        height: auto;
        padding: 0 0 1 0;
    }
    """

    openness: reactive[float] = reactive(0.5)
    openness_before: reactive[float] = reactive(0.5)

    @property
    def trend(self) -> str:
        change = self.openness - self.openness_before
        return "" if abs(change) < 0.005 else ("↑" if change > 0 else "↓")

    def render(self) -> Content:
        value = max(0.0, min(1.0, self.openness))
        trend = self.trend
        filled = round(value * BAR_WIDTH)
        trend_style = "$text-success" if trend == "↑" else "$text-error"
        header = Content.styled("Openheid ", "bold") + Content(openness_word(value))
        if trend:
            header += Content.styled(f" {trend}", f"bold {trend_style}")
        bar = (Content.styled("█" * filled, "$accent")
               + Content.styled("░" * (BAR_WIDTH - filled), "$text-muted"))
        return Content("\n").join([header, bar])
