"""The arc in the side panel: the phases, where the conversation is, what it reached."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from gesprekscoach.codebook import FASEN, LABELS

if TYPE_CHECKING:
    from gesprekscoach.conversation.arc import Sprong


class ArcView(Widget):
    """Six phases, one a line: ▶ current, ✓ reached in order, ⚠ reached by a jump.

    Bound to the chat screen's ``phase``, ``reached`` and ``sprongen``; it
    only draws what the arc decided.
    """

    DEFAULT_CSS = """
    ArcView {
        height: auto;
        padding: 0 0 1 0;
    }
    """

    phase: reactive[str] = reactive("opening", layout=True)
    reached: reactive[tuple[str, ...]] = reactive((), layout=True)
    sprongen: reactive[tuple[Sprong, ...]] = reactive((), layout=True)

    def render(self) -> Content:
        jumped = {s.dest for s in self.sprongen}
        lines = [Content.styled("De boog", "bold")]
        for phase in FASEN:
            label = LABELS[phase]
            if phase == self.phase:
                mark = "⚠" if phase in jumped else "▶"
                style = "bold on $warning-muted" if phase in jumped else "bold on $accent-muted"
                lines.append(Content.styled(f"{mark} {label} ", style))
            elif phase in jumped:
                lines.append(Content.styled(f"⚠ {label}", "$text-warning"))
            elif phase in self.reached:
                lines.append(Content.styled(f"✓ {label}", "$text-success"))
            else:
                lines.append(Content.styled(f"· {label}", "$text-muted"))
        for sprong in self.sprongen[-2:]:
            lines.append(Content.styled(
                f"⚠ sprong in beurt {sprong.turn}: te vroeg naar {LABELS[sprong.dest]}",
                "$text-warning"))
        return Content("\n").join(lines)
