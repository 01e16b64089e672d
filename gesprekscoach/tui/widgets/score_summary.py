"""The top of the report: the score, what capped it, and the facts of the session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from gesprekscoach.output.format import dec
from gesprekscoach.tui.widgets.rule_scores import VERDICT_STYLE

if TYPE_CHECKING:
    from gesprekscoach.scoring.report import Report


class ScoreSummary(Widget):
    """Score out of 100 with a bar; shown once the report is built."""

    DEFAULT_CSS = """
    ScoreSummary {
        height: auto;
        padding: 0 1;
        margin: 0 0 1 0;
        background: $boost;
    }
    """

    report: reactive[Report | None] = reactive(None, layout=True)

    def render(self) -> Content:
        r = self.report
        if r is None:
            return Content.styled("Het rapport wordt gemaakt…", "$text-muted")
        style = VERDICT_STYLE[r.band]  # the report decides the band
        filled = round(r.score / 100 * 20)
        lines = [
            Content.styled("Cijfer ", "bold") + Content.styled(f"{r.score} / 100  ", f"bold {style}")
            + Content.styled("█" * filled, style) + Content.styled("░" * (20 - filled), "$text-muted"),
        ]
        if r.capped_by:
            lines.append(Content.styled(
                f"Zonder plafond {r.uncapped}: {', '.join(r.capped_by)} beheerst het gesprek.",
                "$text-warning"))
        facts = f"{r.turns} docentbeurten"
        if r.openness:
            facts += f" · openheid van {dec(r.openness[0])} naar {dec(r.openness[-1])}"
        lines.append(Content.styled(facts, "$text-muted"))
        if r.scenario_doel:
            lines.append(Content.styled("Doel: ", "$text-muted") + Content(r.scenario_doel))
        if r.adjustments:
            lines.append(Content.styled(f"Gewogen gemiddelde {r.uncapped}, dan: "
                                        f"{'; '.join(r.adjustments)}.", "$text-muted"))
        if r.norms_source and r.norms_source != "normen.yaml":
            lines.append(Content.styled("Normen: ", "$text-muted") + Content(r.norms_source))
        if r.goal is not None:
            style = "$text-success" if r.goal.deepest_reached else "$text-warning"
            lines.append(Content.styled("Doel bereikt: ", "$text-muted")
                         + Content.styled(r.goal.sentence(), style))
            if r.goal.missed:
                lines.append(Content.styled(r.goal.missed_sentence(), "$text-muted"))
        return Content("\n").join(lines)
