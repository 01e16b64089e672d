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
    """Enter confirms the alias; Escape stops the app.

    In the terminal the field holds the last alias used, all selected, so Enter
    keeps it and typing replaces it (never "MariekeYoussef"). Under ``serveer``
    the app is given no last alias: every browser tab is another docent.
    """

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
                        select_on_focus=True)
            yield Static("", id="problem", markup=False)
            yield Static(Content("Enter om te beginnen, Esc om te stoppen. Onder deze alias "
                                 "zie je later je geschiedenis en je voortgang."), id="explain")

    def on_mount(self) -> None:
        self.query_one("#alias", Input).select_all()  # also when focus came before the text

    @on(Input.Submitted, "#alias")
    def _submit(self, event: Input.Submitted) -> None:
        from gesprekscoach.storage.paths import check_alias

        if not event.value.strip():  # the store's own message names the CLI flag
            self.query_one("#problem", Static).update(Content(
                "Typ eerst een alias, bijvoorbeeld je voornaam, en druk dan op Enter."))
            return
        try:
            alias = check_alias(event.value)
        except UserError as error:
            self.query_one("#problem", Static).update(Content(error.problems[0].message))
            return
        self.dismiss(alias)

    def action_cancel(self) -> None:
        self.dismiss(None)
