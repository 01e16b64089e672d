"""Pick a student to talk with, and oefenen or proef.

A ``ModalScreen[Choice | None]`` that the app awaits: it returns the choice,
or None when the docent quits. Files are read in a worker, so the screen is
up at once; a file that fails its check is listed with its problems, never
hidden. ``ctrl+r`` (or ``r`` in the list) reads everything from disk again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input, OptionList
from textual.widgets.option_list import Option

from gesprekscoach.tui.widgets.mode_toggle import ModeToggle
from gesprekscoach.tui.widgets.student_card import StudentCard

if TYPE_CHECKING:
    from gesprekscoach.conversation.catalog import Entry
    from gesprekscoach.conversation.scenario import Scenario


@dataclass(frozen=True)
class Choice:
    """What the docent chose: a student and a mode."""

    scenario: Scenario
    mode: str  # "oefenen" or "proef"


class SearchInput(Input):
    """The picker's search field: Enter starts the conversation with the highlighted student,
    and the footer says so while the field has focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "beginnen", key_display="⏎",
                tooltip="Begin het gesprek met de gekozen student"),
    ]


class ScenarioPicker(ModalScreen["Choice | None"]):
    """The list of scenarios with a filter, the highlighted student's card, and the mode."""

    CSS_PATH = "scenario_picker.tcss"
    AUTO_FOCUS = "#filter"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: Enter typed in one burst after a search ("bram" + Enter)
        # must reach the filter after its letters, or it picks from the unfiltered list.
        Binding("enter", "choose", "beginnen", id="choose", key_display="⏎",
                tooltip="Begin het gesprek met de gekozen student"),
        Binding("up", "move(-1)", "vorige", show=False),
        Binding("down", "move(1)", "volgende", show=False),
        Binding("pageup", "move(-5)", show=False),
        Binding("pagedown", "move(5)", show=False),
        Binding("ctrl+o", "toggle_mode", "oefenen/proef", id="mode",
                tooltip="Wissel tussen oefenen (feedback na elke beurt) en proef"),
        Binding("ctrl+r", "reload", "herladen", id="reload",
                tooltip="Lees alle scenariobestanden opnieuw van schijf"),
        Binding("r", "reload", "opnieuw laden", show=False),
        Binding("ctrl+g", "app.history", "geschiedenis", id="history",
                tooltip="Je eerdere gesprekken, hun rapporten en je voortgang"),
        Binding("h", "app.history", "geschiedenis", show=False),
        Binding("escape", "clear_filter", "zoekterm wissen", show=False),
        # A modal screen hides the app's own keys from the footer: name them here too.
        Binding("f1", "app.help", "help", id="help", tooltip="Uitleg over de methode en de toetsen"),
        Binding("f2", "app.toggle_theme", "licht/donker", id="theme", show=False,
                tooltip="Wissel tussen een licht en een donker thema"),
        Binding("ctrl+q", "app.quit", "stoppen", id="quit", tooltip="Sluit gesprekscoach af"),
    ]

    @dataclass
    class Loaded(Message):
        """The list is filled (also after a reload): the picker is ready."""

        count: int

    def __init__(self, sources: Sequence[tuple[Path, str]], mode: str = "oefenen",
                 user_folder: Path | None = None, *, notice: str | None = None) -> None:
        super().__init__()
        #: Said once when the picker opens (the mode went back to oefenen after a proef).
        self.notice = notice
        self.sources = tuple(sources)
        self.user_folder = user_folder
        self.entries: tuple[Entry, ...] = ()
        self.shown: list[int] = []
        self.initial_mode = mode
        #: True once the files are read (also when there are none).
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchInput(placeholder="Typ om te zoeken: naam, opleiding, niveau, trefwoord…  ↑↓ kiezen",
                          id="filter", select_on_focus=False)
        yield OptionList(id="scenarios", markup=False)
        card = StudentCard(id="details")
        card.show_profile = False
        yield card
        yield ModeToggle(self.initial_mode, id="mode")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "gesprekscoach"
        docent = getattr(self.app, "docent", None)
        self.sub_title = "kies een student om mee te oefenen" + (f" · {docent}" if docent else "")
        self.query_one("#scenarios", OptionList).loading = True
        self.load()
        if self.notice:
            self.notify(self.notice, title="Oefenen", timeout=8, markup=False)

    # ------------------------------------------------------------ loading

    @work(exclusive=True, group="load")
    async def load(self) -> None:
        """Read and check every file off the event loop, then fill the list."""
        from gesprekscoach.conversation.catalog import load_catalog

        entries = await asyncio.to_thread(load_catalog, self.sources)
        self.entries = entries
        self.loaded = True
        options = self.query_one("#scenarios", OptionList)
        options.loading = False
        self.refilter()
        self.post_message(self.Loaded(len(entries)))

    def action_reload(self) -> None:
        """Re-read the folders too, so a new file in the own folder shows up."""
        from gesprekscoach.conversation.catalog import scenario_sources

        given = [p for p, source in self.sources if source == "opgegeven"]
        shipped = any(source == "meegeleverd" for _, source in self.sources)
        self.sources = tuple(scenario_sources(given, self.user_folder, shipped=shipped))
        self.query_one("#scenarios", OptionList).loading = True
        self.load()
        self.notify("Scenario's opnieuw geladen van schijf.", timeout=2)

    # ------------------------------------------------------------ the list

    def refilter(self) -> None:
        """Show the entries that match the filter; keep the highlighted one if it still shows."""
        from gesprekscoach.conversation.catalog import matches

        options = self.query_one("#scenarios", OptionList)
        current = self._current_index()
        query = self.query_one("#filter", Input).value
        self.shown = [i for i, entry in enumerate(self.entries) if matches(entry, query)]
        options.clear_options()
        options.add_options([Option(self._prompt(self.entries[i]), id=str(i)) for i in self.shown])
        if current is None and self.shown:
            current = self._default_index()
        if self.shown:
            options.highlighted = self.shown.index(current) if current in self.shown else 0
        self._show_details()

    def _default_index(self) -> int | None:
        """The standard student (scenario.DEFAULT_SCENARIO) if listed: a good first conversation."""
        from gesprekscoach.conversation.scenario import DEFAULT_SCENARIO

        for i in self.shown:
            scenario = self.entries[i].scenario
            if scenario is not None and scenario.id == DEFAULT_SCENARIO:
                return i
        return None

    def _prompt(self, entry: Entry) -> Content:
        where = "" if entry.source == "meegeleverd" else f" · {entry.source}"
        if entry.scenario is None:
            count = len(entry.problems)
            return Content("\n").join([
                Content.styled(f"⚠ {Path(entry.path).name} — kan niet worden geladen", "bold $text-error"),
                Content.styled(f"  {count} {'fout' if count == 1 else 'fouten'}{where}", "$text-muted"),
            ])
        scenario = entry.scenario
        p = scenario.student
        return Content("\n").join([
            Content.styled(scenario.title, "bold"),
            Content.styled(f"  {p.name}, {p.age} · {p.course} · niveau {p.level} · {p.track}{where}",
                           "$text-muted"),
        ])

    def _current_index(self) -> int | None:
        options = self.query_one("#scenarios", OptionList)
        if options.highlighted is None or options.highlighted >= options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return int(option_id) if option_id is not None else None

    def _show_details(self) -> None:
        card = self.query_one("#details", StudentCard)
        index = self._current_index()
        card.entry = self.entries[index] if index is not None else None
        if card.entry is None:
            card.empty_text = self._empty_text()

    def _empty_text(self) -> str:
        if not self.entries:
            folder = self.user_folder or Path("~/.config/gesprekscoach/scenarios")
            return (f"Geen scenario's gevonden. Zet .yaml-bestanden in {folder} "
                    "of start met --scenario PAD.")
        return "Geen scenario past bij deze zoekterm. Esc wist de zoekterm."

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refilter()

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _highlighted(self) -> None:
        self._show_details()

    def on_key(self, event: events.Key) -> None:
        """Typing while the list has focus still filters (except ``r``, which reloads,
        and ``h``, which shows the history)."""
        if (isinstance(self.focused, OptionList) and event.is_printable and event.character
                and event.character not in ("r", "h")):
            field = self.query_one("#filter", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()

    def action_move(self, step: int) -> None:
        options = self.query_one("#scenarios", OptionList)
        if not options.option_count:
            return
        current = options.highlighted if options.highlighted is not None else 0
        options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""

    def action_toggle_mode(self) -> None:
        self.query_one(ModeToggle).toggle()

    # ------------------------------------------------------------ choosing

    @on(OptionList.OptionSelected, "#scenarios")
    @on(Input.Submitted, "#filter")
    def action_choose(self) -> None:
        index = self._current_index()
        if index is None:
            self.notify("Geen scenario gevonden met deze zoekterm.", severity="warning")
            return
        entry = self.entries[index]
        if entry.scenario is None:
            self.notify("Dit scenario heeft fouten (zie hieronder). Verbeter het bestand en "
                        "druk op ctrl+r.", severity="error", markup=False)
            return
        self.dismiss(Choice(entry.scenario, self.query_one(ModeToggle).mode))
