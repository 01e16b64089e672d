"""Who the student is, as the docent reads it before and during the conversation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from gesprekscoach.conversation.catalog import Entry
    from gesprekscoach.conversation.scenario import Scenario


def profile_line(scenario: Scenario) -> str:
    """``Sanne, 18 jaar · Verzorgende IG · niveau 3 · BOL``."""
    p = scenario.student
    line = f"{p.name}, {p.age} jaar · {p.course} · niveau {p.level} · {p.track}"
    return line + (f" · leerjaar {p.year}" if p.year else "")


class StudentCard(Widget):
    """A scenario's student and situation, or a broken file's problems.

    All scenario text goes in as ``Content``: a trainer's ``[red`` stays text.
    """

    DEFAULT_CSS = """
    StudentCard {
        height: auto;
    }
    """

    entry: reactive[Entry | None] = reactive(None, layout=True)
    #: Start with the profile line (off in the picker, whose list already shows it).
    show_profile: reactive[bool] = reactive(True, layout=True)
    #: What to say when there is no entry to show.
    empty_text: reactive[str] = reactive("", layout=True)

    def render(self) -> Content:
        entry = self.entry
        if entry is None:
            return Content.styled(self.empty_text or "Geen scenario gekozen.", "$text-muted")
        if entry.scenario is None:
            lines = [Content.styled(f"⚠ {entry.path} kan niet worden geladen:", "bold $text-error")]
            lines += [Content(problem) for problem in entry.problems]
            lines.append(Content.styled(
                "Verbeter het bestand en druk op ctrl+r om opnieuw te laden.", "$text-muted"))
            return Content("\n").join(lines)
        scenario = entry.scenario
        lines = [Content.styled(profile_line(scenario), "bold")] if self.show_profile else []
        lines.append(Content(scenario.student.situation))
        if scenario.goal.description:
            lines.append(Content.styled("Doel: ", "$text-muted") + Content(scenario.goal.description))
        if scenario.tags:
            lines.append(Content.styled("Trefwoorden: ", "$text-muted") + Content(", ".join(scenario.tags)))
        return Content("\n").join(lines)
