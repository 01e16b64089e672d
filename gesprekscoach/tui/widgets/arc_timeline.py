"""The arc as it was walked: runs of turns per phase, with the jumps marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from gesprekscoach.codebook import COMPETENTIES, LABELS

#: The guiding question of each competence (codebook §4), as students hear it.
QUESTIONS: dict[str, str] = {
    "capaciteiten": "wat kan ik?",
    "motieven": "wat wil ik?",
    "werkexploratie": "welk werk past bij mij?",
    "loopbaansturing": "hoe kom ik daar?",
    "netwerken": "wie kan mij helpen?",
}

if TYPE_CHECKING:
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.scoring.reportview import PhaseRun


class ArcTimeline(Widget):
    """Reached phases, the runs (``beurt 4–6  terugkijken``) and the competences."""

    DEFAULT_CSS = """
    ArcTimeline {
        height: auto;
        margin: 0 0 1 0;
    }
    """

    report: reactive[Report | None] = reactive(None, layout=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.runs: tuple[PhaseRun, ...] = ()

    def render(self) -> Content:
        r = self.report
        if r is None:
            return Content("")
        lines = [Content.styled("De boog", "bold underline")]
        in_order = ", ".join(LABELS[p] for p in r.arc.in_order) or "geen"
        lines.append(Content.styled("Op volgorde bereikt: ", "$text-muted") + Content(in_order))
        width = max((len(run.turns) for run in self.runs), default=0)
        for run in self.runs:
            line = Content.styled(f"  {run.turns.ljust(width)}  ", "$text-muted") + Content(LABELS[run.phase])
            if run.sprong:
                line += Content.styled("  ⚠ sprong", "bold $text-warning")
            lines.append(line)
        lines.append(Content(""))
        lines.append(Content.styled("Loopbaancompetenties", "bold underline"))
        for c in COMPETENTIES:
            if c in r.competences:
                line = Content.styled(f"  ✓ {LABELS[c]}", "$text-success")
            else:
                line = Content.styled(f"  · {LABELS[c]}", "$text-muted")
            lines.append(line + Content.styled(f" — {QUESTIONS[c]}", "$text-muted"))
        return Content("\n").join(lines)
