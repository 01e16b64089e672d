"""Every docent turn with its code, phase and competence, in the in-app report.

A trainer checks the coding turn by turn before she signs a report, and a
docent sees which turn was the advice; the same line as every saved format
(:func:`~gesprekscoach.output.facts.turn_line`), with a trainer's correction
and notes. Docent text is shown as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from gesprekscoach.model import Exchange


class TurnCodes(Vertical):
    """One line per docent turn: what was said and how it was coded."""

    DEFAULT_CSS = """
    TurnCodes {
        height: auto;
        margin: 0 0 1 0;
        & > .-title {
            text-style: bold underline;
        }
        & > .-turn {
            padding-left: 2;
        }
    }
    """

    exchanges: reactive[tuple[Exchange, ...]] = reactive((), recompose=True)

    def compose(self) -> ComposeResult:
        if not self.exchanges:
            return
        yield Static("Elke beurt gecodeerd", classes="-title")
        for ex in self.exchanges:
            yield Static(self.line(ex), classes="-turn", markup=False)

    @staticmethod
    def line(ex: Exchange) -> Content:
        from gesprekscoach.output.facts import turn_line
        from gesprekscoach.output.format import SILENCE, clean, is_silent

        said = SILENCE if is_silent(ex.docent) else clean(ex.docent)
        style = "$text-warning" if ex.analysis.is_violation else "$text-muted"
        head = Content.styled(f"{ex.turn:>2} ", "bold") + Content(said)
        coded = Content.styled("   ↳ " + turn_line(ex), style)
        if ex.correction:
            coded = coded + Content.styled("  (gecorrigeerd)", "bold $text-accent")
        return Content("\n").join([head, coded])

    def plain(self) -> str:
        """Everything the list says, as text (for tests)."""
        return "\n".join(str(static.render()) for static in self.query(Static))

    def show(self, exchanges: Sequence[Exchange]) -> None:
        self.exchanges = tuple(exchanges)
