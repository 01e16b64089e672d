"""The career competences the conversation touched so far."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from gesprekscoach.codebook import COMPETENTIES, LABELS


class CompetencesView(Widget):
    """Bound to the chat screen's ``competences`` (as the report counts them)."""

    DEFAULT_CSS = """
    CompetencesView {
        height: auto;
    }
    """

    competences: reactive[tuple[str, ...]] = reactive((), layout=True)

    def render(self) -> Content:
        header = Content.styled("Competenties ", "bold") + Content.styled(
            f"{len(self.competences)} van {len(COMPETENTIES)}", "$text-muted")
        if not self.competences:
            body = Content.styled("nog geen", "$text-muted")
        else:
            body = Content.styled(", ".join(LABELS[c] for c in self.competences), "$text-success")
        return Content("\n").join([header, body])
