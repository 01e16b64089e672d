"""Ask a trainer which turn to correct, the right code, and an optional note."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from gesprekscoach.codebook import CODES, LABELS
from gesprekscoach.tui.screens.dialog import Dialog

#: What the prompt hands back: the turn, the code, a note ("" for none).
Correction = tuple[int, str, str]


def parse_correction(text: str, turns: int) -> Correction | str:
    """``4 doorvraag — mooi`` as (4, "doorvraag", "mooi"), or a Dutch message what is wrong."""
    head, _, note = text.replace("—", " - ").partition(" - ")
    parts = head.split(maxsplit=1)
    if len(parts) < 2 or not parts[0].isdigit():
        return "Typ het nummer van de beurt en de juiste code, bijvoorbeeld: 4 doorvraag"
    turn = int(parts[0])
    if not 1 <= turn <= turns:
        return f"Beurt {turn} is er niet; kies een beurt van 1 tot en met {turns}."
    key = parts[1].strip().lower().replace(" ", "_").replace("-", "_")
    by_label = {LABELS.get(c, c).lower().replace(" ", "_"): c for c in CODES}
    code = key if key in CODES else by_label.get(key)
    if code is None:
        return f"'{parts[1].strip()}' is geen code. Kies uit: " + ", ".join(CODES)
    return turn, code, " ".join(note.split())


class CorrectPrompt(Dialog["Correction | None"]):
    """Enter saves the correction; Escape cancels. A mistake is said in the dialog."""

    DEFAULT_CSS = """
    CorrectPrompt {
        #dialog {
            width: 72;
        }
        #problem {
            color: $text-error;
            height: auto;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "annuleren",
                                                     id="cancel-correction")]

    def __init__(self, turns: int) -> None:
        super().__init__()
        self.turns = turns

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content.styled("Een beurt corrigeren", "bold"))
            yield Input(placeholder="4 doorvraag - notitie (mag weg)", id="correction")
            yield Static("", id="problem", markup=False)
            yield Static(Content("Het nummer van de beurt, de juiste code en eventueel na "
                                 "een streepje een notitie. Het rapport wordt opnieuw "
                                 "berekend; de code van de analyser blijft bewaard. "
                                 "Enter bewaart, Esc annuleert."), id="explain")

    @on(Input.Submitted, "#correction")
    def _submit(self, event: Input.Submitted) -> None:
        result = parse_correction(event.value, self.turns)
        if isinstance(result, str):
            self.query_one("#problem", Static).update(result)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
