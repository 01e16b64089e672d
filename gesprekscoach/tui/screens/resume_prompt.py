"""Offer to go on with a conversation that was left mid-way."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from gesprekscoach.tui.screens.dialog import Dialog


class ResumePrompt(Dialog[bool]):
    """Ja (j, Enter) goes on with the conversation; Nee (n, Esc) closes it."""

    DEFAULT_CSS = """
    ResumePrompt {
        #explain {
            margin: 1 0;
        }
        #buttons {
            height: auto;
            Button { margin: 0 2 0 0; }
        }
    }
    """

    AUTO_FOCUS = "#yes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "answer(True)", "ja", id="yes"),
        Binding("n", "answer(False)", "nee", id="no"),
        Binding("escape", "answer(False)", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content.styled(self.question, "bold"), id="question")
            yield Static(Content("Nee sluit dat gesprek af; het blijft in je geschiedenis "
                                 "staan als afgebroken."), id="explain")
            with Horizontal(id="buttons"):
                yield Button("Ja, doorgaan (j)", id="yes", variant="primary", compact=True)
                yield Button("Nee, nieuw gesprek (n)", id="no", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
