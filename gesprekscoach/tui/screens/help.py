"""F1: the keys of the screen you came from, and the method in a few lines."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

METHOD = """\
Een reflectief loopbaangesprek volgt de boog: de student vertelt een \
concrete ervaring (terugkijken), geeft er betekenis aan (verbreden en \
verdiepen), kijkt vooruit naar wat hij of zij wil (vooruitkijken) en kiest \
een eigen eerste stap (in beweging zetten). De student bepaalt de agenda.

Wat helpt: open vragen (wat, hoe, waardoor), doorvragen op woorden van de \
student, samenvatten en stiltes. Wat niet helpt: advies, informatie, \
oordelen, gesloten of gestapelde vragen, en te vroeg vooruitkijken.

Oefenen: na elke beurt zie je rechts je zet (✔ goed, ~ zwak, ✘ valkuil), de \
boog (▶ nu, ✓ bereikt, ⚠ sprong), hoe open de student is en welke \
loopbaancompetenties aan bod kwamen. Proef: geen feedback tot het rapport."""


class HelpScreen(ModalScreen[None]):
    """Installed as ``help`` in the app's SCREENS; refreshes its keys each time it opens."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        #help {
            width: 78;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            padding: 0 1;
            background: $panel;
            border: round $primary;
            border-title-style: bold;
        }
        .-title {
            text-style: bold;
        }
        #keys {
            height: auto;
            margin: 0 0 1 0;
            Horizontal {
                height: auto;
            }
            .-key {
                width: 9;
                color: $text-accent;
                text-style: bold;
            }
            .-what {
                width: 1fr;
            }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "sluiten", id="close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as box:
            box.border_title = "Hulp"
            box.border_subtitle = "Esc sluit · ↑↓ scrollt"
            yield Static("Toetsen", classes="-title")
            yield Vertical(id="keys")
            yield Static("De methode", classes="-title")
            yield Static(Content(METHOD), id="method")

    async def on_screen_resume(self) -> None:
        keys = self.query_one("#keys", Vertical)
        await keys.remove_children()
        await keys.mount_all(
            Horizontal(Static(Content(key), classes="-key"), Static(what, classes="-what"))
            for key, what in self._keys())

    def _keys(self) -> list[tuple[str, Content]]:
        """The keys of the screen underneath, from its live bindings (never out of date)."""
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else self.app.screen
        rows: list[tuple[str, Content]] = []
        seen: set[str] = set()
        for active in below.active_bindings.values():
            binding = active.binding
            if not binding.id or not binding.description or binding.id in seen:
                continue
            seen.add(binding.id)
            what = Content.styled(binding.description, "bold")
            if binding.tooltip:
                what += Content.styled(f" — {binding.tooltip}", "$text-muted")
            rows.append((self.app.get_key_display(binding), what))
        rows.append(("↑ ↓", Content("kiezen in de lijst, of eerdere beurten terughalen")))
        return rows

    def keys_text(self) -> str:
        """The key list as plain text (for tests)."""
        return "\n".join(f"{key} {what.plain}" for key, what in self._keys())

    def action_close(self) -> None:
        self.dismiss(None)
