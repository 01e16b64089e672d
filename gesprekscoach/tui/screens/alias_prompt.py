"""Ask once, at the start, under which alias the docent's conversations are kept."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from gesprekscoach.errors import UserError
from gesprekscoach.tui.screens.dialog import Dialog


class AliasPrompt(Dialog["str | None"]):
    """Enter confirms the alias (prefilled with the last one used); Escape stops the app."""

    DEFAULT_CSS = """
    AliasPrompt {
        #problem {
            color: $text-error;
            height: auto;
        }
    }
    """

    AUTO_FOCUS = "#alias"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "stoppen", id="cancel"),
    ]

    def __init__(self, last: str | None = None) -> None:
        super().__init__()
        self.last = last or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content.styled("Onder welke naam bewaren we je gesprekken?", "bold"))
            yield Input(self.last, placeholder="je alias, bijvoorbeeld je voornaam", id="alias",
                        select_on_focus=False)
            yield Static("", id="problem", markup=False)
            yield Static(Content("Enter om te beginnen, Esc om te stoppen. Onder deze alias "
                                 "zie je later je geschiedenis en je voortgang."), id="explain")

    @on(Input.Submitted, "#alias")
    def _submit(self, event: Input.Submitted) -> None:
        from gesprekscoach.storage.paths import check_alias

        try:
            alias = check_alias(event.value)
        except UserError as error:
            self.query_one("#problem", Static).update(Content(error.problems[0].message))
            return
        self.dismiss(alias)

    def action_cancel(self) -> None:
        self.dismiss(None)
