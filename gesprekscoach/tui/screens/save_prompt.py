"""Ask where to save the report, with a sensible path already filled in."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from gesprekscoach.tui.screens.dialog import Dialog


class SavePrompt(Dialog["Path | None"]):
    """Enter saves to the path in the field; Escape cancels."""

    DEFAULT_CSS = """
    SavePrompt {
        #dialog {
            width: 72;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "annuleren", id="cancel")]

    def __init__(self, default: Path) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content.styled("Rapport opslaan als Markdown", "bold"))
            yield Input(_shown(self.default), id="path", select_on_focus=False)
            yield Static(Content("Enter slaat op, Esc annuleert. Bestaat het bestand al, "
                                 "dan krijgt het nieuwe een nummer erbij."), id="explain")

    @on(Input.Submitted, "#path")
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        self.dismiss(Path(text).expanduser() if text else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _shown(path: Path) -> str:
    """``~/Documents/…`` rather than the whole home path: shorter to read and to edit."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)
