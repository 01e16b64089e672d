"""The frame every small question screen shares: a centred panel over the screen."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """Base of the alias, resume and save prompts; they compose a ``#dialog`` container
    and style only what differs (Textual matches ``Dialog`` rules on every subclass)."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        #dialog {
            width: 64;
            max-width: 100%;
            height: auto;
            padding: 1 2;
            background: $panel;
            border: round $primary;
        }
        #explain {
            color: $text-muted;
            margin: 1 0 0 0;
        }
    }
    """
