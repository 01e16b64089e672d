"""The valkuilen found: what happened, why it matters, and what to try, quoting the docent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from gesprekscoach.scoring.report import Pitfall, Report


class PitfallList(Vertical):
    """Each valkuil with its turns; the feedforward quotes the docent's own words."""

    DEFAULT_CSS = """
    PitfallList {
        height: auto;
        margin: 0 0 1 0;
        & > .-title {
            text-style: bold underline;
        }
        & > .-body {
            padding-left: 2;
            margin-bottom: 1;
            &:last-child {
                margin-bottom: 0;
            }
        }
    }
    """

    report: reactive[Report | None] = reactive(None, recompose=True)

    def compose(self) -> ComposeResult:
        if self.report is None:
            return
        yield Static("Valkuilen", classes="-title")
        if not self.report.pitfalls:
            yield Static(Content.styled("Geen valkuilen gevonden.", "$text-success"))
        for pitfall in self.report.pitfalls:
            yield Static(self._head(pitfall), markup=False)
            yield Static(self._body(pitfall), classes="-body", markup=False)

    def _head(self, p: Pitfall) -> Content:
        from gesprekscoach.scoring.report import turn_list

        title = Content.styled(p.name[:1].upper() + p.name[1:], "bold $text-warning")
        title += Content.styled(f"  ({turn_list(p.turns)})", "$text-muted")
        if p.severe:
            title += Content.styled("  beheerst het gesprek", "bold $text-error")
        return title

    def _body(self, p: Pitfall) -> Content:
        lines = [Content(f"{p.what} {p.why}")]
        lines += [Content.styled("→ ", "$text-accent") + Content(line) for line in p.feedforward]
        return Content("\n").join(lines)

    def plain(self) -> str:
        """Everything the list says, as text (for tests)."""
        return "\n".join(str(static.render()) for static in self.query(Static))
