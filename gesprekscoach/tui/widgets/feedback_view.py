"""Live feedback on the last turn: its move, the words that show it, and a tip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from gesprekscoach.codebook import LABELS, RATINGS, is_silent, move_label
from gesprekscoach.tui.widgets.chat_message import RATING_STYLE

if TYPE_CHECKING:
    from gesprekscoach.model import Exchange

MARKS: dict[str, str] = {"goed": "✔", "zwak": "~", "overtreding": "✘", "neutraal": "·"}


class FeedbackView(Widget):
    """Bound to the chat screen's ``exchange`` (the last one) and ``hint``.

    Shows what the analyser found; a hint, when asked for, comes first.
    """

    DEFAULT_CSS = """
    FeedbackView {
        height: auto;
        padding: 0 0 1 0;
    }
    """

    exchange: reactive[Exchange | None] = reactive(None, layout=True)
    hint: reactive[str] = reactive("", layout=True)

    def __init__(self, student_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.student_name = student_name

    def render(self) -> Content:
        lines: list[Content] = []
        if self.hint:
            lines += [Content.styled("Hint", "bold $text-accent"), Content(self.hint), Content("")]
        ex = self.exchange
        if ex is None:
            lines += [Content.styled("Feedback", "bold"),
                      Content.styled("Na je eerste beurt zie je hier hoe je vroeg.", "$text-muted")]
            return Content("\n").join(lines)
        a = ex.analysis
        rating = RATINGS.get(a.code, "neutraal")
        if ex.about_student and rating == "goed":
            rating = "zwak"   # a good question, but to the other adult about the student
        silence = is_silent(ex.docent)
        move = move_label(ex.docent, a.code)
        lines.append(Content.styled(f"{MARKS[rating]} {move}", f"bold {RATING_STYLE[rating]}")
                     + Content.styled(f" · beurt {ex.turn}", "$text-muted"))
        others = sorted(LABELS.get(c, c) for c in a.codes if c not in (a.code, "overig"))
        if others:
            lines.append(Content.styled(f"ook: {', '.join(others)}", "$text-muted"))
        facts = []
        if a.fase:
            facts.append(f"fase: {LABELS[a.fase]}")
        if a.competentie:
            facts.append(f"competentie: {LABELS[a.competentie]}")
        if facts:
            lines.append(Content.styled(" · ".join(facts), "$text-muted"))
        if a.evidence.strip() and not silence:
            lines.append(Content.styled("bewijs: ", "$text-muted") + Content(f"“{a.evidence.strip()}”"))
        if a.taken_up:
            lines.append(Content.styled("opgepakt: ", "$text-muted") + Content(", ".join(a.taken_up)))
        if ex.about_student:
            lines.append(Content.styled(f"⚠ je praat óver {self.student_name}; vraag het "
                                        f"{self.student_name} zelf", "bold $text-warning"))
        if ex.sprong:
            lines.append(Content.styled(f"⚠ sprong vooruit naar {LABELS[ex.phase]}", "bold $text-warning"))
        if ex.layer:
            lines.append(Content.styled(f"✦ {self.student_name} vertelde iets nieuws", "$text-success"))
        for tip in () if ex.about_student else a.tips[:1]:
            lines.append(Content.styled("tip: ", "bold") + Content(tip))
        return Content("\n").join(lines)
