"""The Textual app: a thin shell that runs picker → conversation → report.

Screens do the work; the app holds the global keys (help, theme, quit,
palette), wires the screens in order, and warms the analyser up in a thread
while the docent reads the list, so the first turn is quick and startup
imports nothing heavy. Build it with :func:`make_app`, as the CLI and the
tests do.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette

from .palette import BindingsProvider
from .screens.help import HelpScreen
from .screens.scenario_picker import Choice, ScenarioPicker

if TYPE_CHECKING:
    from textual.screen import Screen

DARK, LIGHT = "textual-dark", "textual-light"

#: Turns of every kind, analysed once in the background before the first real turn.
WARM_UP_TURNS: tuple[str, ...] = (
    "Hoi, waar wil je het vandaag over hebben?",
    "Wat maakte het zo lastig voor je?",
    "Dus je stond er alleen voor.",
    "Vond je dat leuk?",
    "Je moet dat melden bij je begeleider.",
    "Goed zo, knap hoor.",
    "Hoe ging het en wat vond je ervan?",
    "Wat ga je volgende week doen?",
    "",
)


class CoachApp(App[None]):
    """gesprekscoach: oefen reflectieve loopbaangesprekken."""

    CSS_PATH = "app.tcss"
    TITLE = "gesprekscoach"
    SCREENS: ClassVar[dict[str, Callable[[], Screen]]] = {"help": HelpScreen}
    COMMANDS = App.COMMANDS | {BindingsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "help", id="help", tooltip="Uitleg over de methode en de toetsen"),
        Binding("f2", "toggle_theme", "licht/donker", id="theme", show=False,
                tooltip="Wissel tussen een licht en een donker thema"),
        Binding("ctrl+q", "quit", "stoppen", id="quit", priority=True, show=False,
                tooltip="Sluit gesprekscoach af"),
        Binding("ctrl+p", "command_palette", "opdrachten", id="palette", priority=True,
                show=False, tooltip="Zoek een opdracht"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, sources: Sequence[tuple[Path, str]], *, user_folder: Path | None = None,
                 mode: str | None = None, seed: int = 0, exit_when_ready: bool = False,
                 warm_up: bool = True) -> None:
        super().__init__()
        self.sources = tuple(sources)
        self.user_folder = user_folder
        self.mode = mode or "oefenen"
        self.seed = seed
        self.exit_when_ready = exit_when_ready
        self._warm = not warm_up  # tests skip it: the analyser stays loaded between apps
        self.theme = DARK

    def on_mount(self) -> None:
        self.flow()

    @work(exclusive=True, group="flow")
    async def flow(self) -> None:
        """Picker → conversation → report, again and again until the docent stops."""
        from .screens.chat import ChatScreen
        from .screens.report import ReportScreen

        choice: Choice | None = None
        while True:
            if choice is None:
                choice = await self.push_screen_wait(
                    ScenarioPicker(self.sources, self.mode, self.user_folder))
                if choice is None:
                    self.exit()
                    return
                self.mode = choice.mode
            session = await self.push_screen_wait(ChatScreen(choice.scenario, choice.mode, self.seed))
            if session is None:
                choice = None
                continue
            following = await self.push_screen_wait(ReportScreen(session, choice.mode))
            if following == "ander":
                choice = None
            elif following != "opnieuw":
                self.exit()
                return

    @on(ScenarioPicker.Loaded)
    def _picker_ready(self) -> None:
        if self.exit_when_ready:
            self.exit(message=f"{time.time():.6f}")
            return
        if not self._warm:
            self._warm = True
            self.warm_up()

    @work(thread=True, exit_on_error=False, group="warm-up")
    def warm_up(self) -> None:
        """Load the analyser, its word lists and the student model before the first turn."""
        from .analyser import analyse
        from .hints import load_rules
        from .norms import load_norms
        from .report import load_texts
        from .student import default_model

        # A few typical turns, so every pattern list is compiled before the first real one.
        student = "Ik vond het lastig op stage, ik stond er alleen voor."
        for turn in WARM_UP_TURNS:
            analyse(turn, student, [student])
        default_model()
        load_norms()
        load_texts()
        load_rules()

    # ------------------------------------------------------------ global actions

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen("help")

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="Zoek een opdracht…", id="--command-palette"))

    def action_help_quit(self) -> None:
        self.notify("Stoppen doe je met ctrl+q.", title="Wil je stoppen?")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Thema kiezen", "Kies een kleurenthema", self.action_change_theme)


def make_app(
    scenario_paths: Sequence[str | Path] = (),
    user_folder: str | Path | None = None,
    mode: str | None = None,
    seed: int = 0,
    *,
    shipped: bool = True,
    exit_when_ready: bool = False,
    warm_up: bool = True,
) -> CoachApp:
    """The app as the CLI starts it; the tests pass fixture folders and ``shipped=False``.

    ``scenario_paths`` are files or folders named with ``--scenario``;
    ``user_folder`` defaults to the docent's own scenario folder;
    ``mode`` preselects oefenen or proef in the picker; ``warm_up=False``
    skips loading the analyser in the background (tests, where it is loaded).
    """
    from .catalog import scenario_sources, user_scenarios_dir

    folder = Path(user_folder) if user_folder is not None else user_scenarios_dir()
    sources = scenario_sources(scenario_paths, folder, shipped=shipped)
    return CoachApp(sources, user_folder=folder, mode=mode, seed=seed,
                    exit_when_ready=exit_when_ready, warm_up=warm_up)
