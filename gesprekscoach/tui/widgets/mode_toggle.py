"""Oefenen or proef, chosen before the conversation starts."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

#: The two modes and what they mean for the docent.
MODES: dict[str, str] = {
    "oefenen": "feedback en hints na elke beurt",
    "proef": "feedback pas in het rapport",
}


class ModeToggle(Widget):
    """One line: the mode the next conversation starts in and what it means; a click
    (or ctrl+o in the picker) switches."""

    DEFAULT_CSS = """
    ModeToggle {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    """

    @dataclass
    class Changed(Message):
        mode: str
        toggle: ModeToggle

        @property
        def control(self) -> ModeToggle:
            return self.toggle

    mode: reactive[str] = reactive("oefenen")

    def __init__(self, mode: str = "oefenen", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(ModeToggle.mode, mode)

    def toggle(self) -> None:
        self.mode = "proef" if self.mode == "oefenen" else "oefenen"

    def watch_mode(self, mode: str) -> None:
        self.post_message(self.Changed(mode, self))

    def on_click(self, event: events.Click) -> None:
        self.toggle()

    def render(self) -> Content:
        parts = [Content.styled("Volgend gesprek:", "bold"), Content(" ")]
        for mode in MODES:
            if mode == self.mode:
                parts.append(Content.styled(f"● {mode}", "bold reverse $accent"))
            else:
                parts.append(Content.styled(f"○ {mode}", "$text-muted"))
            parts.append(Content("  "))
        parts.append(Content.styled(f"— {MODES[self.mode]}", "$text-muted"))
        return Content("").join(parts)
