"""The nine dialogue rules: verdict, a bar for the points, what was measured, the norm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from gesprekscoach.scoring.report import Report, RuleScore

VERDICT_STYLE = {"goed": "$text-success", "voldoende": "$text-warning", "onvoldoende": "$text-error"}
VERDICT_MARK = {"goed": "✔", "voldoende": "~", "onvoldoende": "✘"}
BAR = 10
NAME_WIDTH = 34


class RuleScores(Vertical):
    """One heading line and an indented body per rule; feedforward only where it helps.

    ``norms`` maps a rule key to its norm phrase (from :func:`gesprekscoach.output.text.norm_text`).
    Recomposes when the report arrives.
    """

    DEFAULT_CSS = """
    RuleScores {
        height: auto;
        margin: 0 0 1 0;
        & > .-body {
            padding-left: 4;
        }
        & > .-title {
            text-style: bold underline;
        }
    }
    """

    report: reactive[Report | None] = reactive(None, recompose=True)

    def __init__(self, norms: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.norms = norms

    def compose(self) -> ComposeResult:
        if self.report is None:
            return
        yield Static("Gespreksregels", classes="-title")
        for rule in self.report.rules:
            yield Static(self._head(rule), classes="-head", markup=False)
            yield Static(self._body(rule), classes="-body", markup=False)

    def _head(self, r: RuleScore) -> Content:
        style = VERDICT_STYLE.get(r.verdict, "")
        filled = round(r.points * BAR)
        name = f"{VERDICT_MARK.get(r.verdict, ' ')} {r.number} {r.name}"
        return (Content.styled(name.ljust(NAME_WIDTH)[:NAME_WIDTH], f"bold {style}")
                + Content.styled("■" * filled, style) + Content.styled("□" * (BAR - filled), "$text-muted")
                + Content.styled(f" {r.verdict}", style))

    def _body(self, r: RuleScore) -> Content:
        lines = [Content(r.measured)]
        if self.norms.get(r.rule):
            lines.append(Content.styled(f"norm: {self.norms[r.rule]}", "$text-muted"))
        if r.needs_work:
            lines.append(Content.styled("→ ", "$text-accent") + Content.styled(r.advice, "italic"))
        return Content("\n").join(lines)

    def plain(self) -> str:
        """Everything the rules say, as text (for tests and screen readers)."""
        return "\n".join(str(static.render()) for static in self.query(Static))
