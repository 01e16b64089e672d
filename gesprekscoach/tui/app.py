"""The Textual app: a thin shell that runs alias → (resume) → picker → conversation → report.

Screens do the work; the app holds the global keys (help, theme, quit,
palette), wires the screens in order, and warms the analyser up in a thread
while the docent reads the list, so the first turn is quick and startup
imports nothing heavy. With a session database (the default) every turn is
stored under the docent's alias as it is said, a conversation left mid-way
is offered again at the next start, and ``h`` in the list shows the history.
Build it with :func:`make_app`, as the CLI and the tests do.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.worker import Worker, WorkerState

from gesprekscoach.tui.palette import BindingsProvider
from gesprekscoach.tui.screens.help import HelpScreen
from gesprekscoach.tui.screens.scenario_picker import Choice, ScenarioPicker

if TYPE_CHECKING:
    from textual.screen import Screen

    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.storage.recording import Recorder
    from gesprekscoach.storage.store import Store

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


def load_analyser() -> None:
    """Load the analyser and the student model (package data only): before the first turn,
    and once for all tabs in ``serveer``'s starter (:mod:`gesprekscoach.tui.tabfork`)."""
    from gesprekscoach.analysis.analyser import analyse
    from gesprekscoach.conversation.student import default_model

    # A few typical turns, so every pattern list is compiled before the first real one.
    student = "Ik vond het lastig op stage, ik stond er alleen voor."
    for turn in WARM_UP_TURNS:
        analyse(turn, student, [student])
    default_model()


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
                 warm_up: bool = True, store: Store | None = None,
                 docent: str | None = None) -> None:
        super().__init__()
        #: The session database; None: nothing is stored (and there is no history).
        self.store = store
        #: The alias the sessions are stored under; asked at the start when None.
        self.docent = docent
        self.sources = tuple(sources)
        self.user_folder = user_folder
        self.mode = mode or "oefenen"
        #: The mode the app was started in (``--proef`` for a test day): the picker goes back
        #: to it after a proef the docent chose herself, so a proef never carries over unseen.
        self.start_mode = self.mode
        self.seed = seed
        self.exit_when_ready = exit_when_ready
        self._warm = not warm_up  # tests skip it: the analyser stays loaded between apps
        self.theme = DARK
        self._owns_store = False

    def on_mount(self) -> None:
        self.flow()

    @work(exclusive=True, group="flow")
    async def flow(self) -> None:
        """Alias → resume? → picker → conversation → report, until the docent stops."""
        from gesprekscoach.conversation.session import Session
        from gesprekscoach.scoring.report import report_on
        from gesprekscoach.tui.screens.chat import ChatScreen
        from gesprekscoach.tui.screens.report import ReportScreen

        if self.store is not None and self.docent is None:
            from gesprekscoach.tui.screens.alias_prompt import AliasPrompt

            # In the browser every tab may be another docent: never offer the last one's alias.
            last = None if self.is_web else self._last_docent()
            self.docent = await self.push_screen_wait(AliasPrompt(last))
            if self.docent is None:
                self.exit()
                return
        choice: Choice | None = None
        recorder = await self.offer_resume()
        if recorder is not None and recorder.session.scenario is not None:
            choice = Choice(recorder.session.scenario, recorder.mode)
        notice: str | None = None
        while True:
            if choice is None:
                choice = await self.push_screen_wait(
                    ScenarioPicker(self.sources, self.mode, self.user_folder, notice=notice))
                if choice is None:
                    self.exit()
                    return
                self.mode, notice = choice.mode, None
            recorder = recorder or self.new_recorder(choice.scenario, choice.mode)
            session = recorder.session if recorder is not None else Session(choice.scenario, seed=self.seed)
            chat = ChatScreen(choice.scenario, choice.mode, self.seed, session=session, recorder=recorder)
            recorder = None
            ended = await self.push_screen_wait(chat)
            if ended is None:
                await self._close(chat.recorder, "afgebroken")  # left without a report
                notice = self._after(choice.mode)
                choice = None
                continue
            report = await self._close(chat.recorder, "klaar")
            if report is None:  # not recorded: built here, once, all the same
                report = await asyncio.to_thread(report_on, ended)
            following = await self.push_screen_wait(ReportScreen(
                ended, choice.mode, report=report, store=self.store,
                session_id=chat.recorder.id if chat.recorder is not None else None))
            if following == "ander":
                notice = self._after(choice.mode)
                choice = None
            elif following != "opnieuw":
                self.exit()
                return

    def _after(self, mode: str) -> str | None:
        """After a proef the docent chose, the next conversation starts in the app's own
        mode again (oefenen, unless started with --proef); the picker says so."""
        if mode != "proef" or self.start_mode == "proef":
            return None
        self.mode = self.start_mode
        return ("Je vorige gesprek was een proef. Het volgende begint weer in oefenen, met "
                "feedback na elke beurt; ctrl+o wisselt naar proef.")

    # ------------------------------------------------------------ sessions

    def new_recorder(self, scenario: Scenario, mode: str) -> Recorder | None:
        """A recorded session when there is a database and an alias, else None (a plain one)."""
        if self.store is None or self.docent is None:
            return None
        from gesprekscoach.storage.recording import Recorder

        return Recorder.start(self.store, scenario, docent=self.docent, mode=mode, seed=self.seed)

    async def offer_resume(self) -> Recorder | None:
        """The docent's last unfinished conversation, if they want to go on with it."""
        from gesprekscoach.errors import UserError
        from gesprekscoach.output.format import relative_day
        from gesprekscoach.storage.recording import resume_or_close
        from gesprekscoach.tui.screens.resume_prompt import ResumePrompt

        store, docent = self.store, self.docent
        if store is None or docent is None:
            return None
        try:
            waiting = await asyncio.to_thread(store.unfinished, docent)
            elsewhere = await asyncio.to_thread(store.open_in_other_windows, docent)
        except UserError as error:
            self._store_failed(error)
            return None
        if store.damaged:
            n = len(store.damaged)
            self.notify(f"{n} {'gesprek is' if n == 1 else 'gesprekken zijn'} beschadigd en "
                        "overgeslagen; je andere gesprekken zijn er gewoon.",
                        title="Sessiedatabase", severity="warning", timeout=8)
        if elsewhere:
            # Two windows of one docent: each its own conversation, neither disturbs the other.
            self.notify(f"Je gesprek met {elsewhere[0]} is open in een ander venster of "
                        "tabblad; daar kun je verder. Hier begin je een nieuw gesprek.",
                        title="Ook open in een ander venster", markup=False, timeout=10)
        if not waiting:
            return None
        stored = waiting[0]
        info = stored.info
        turns = f"{info.turns} {'beurt' if info.turns == 1 else 'beurten'}"
        question = (f"Doorgaan met je gesprek met {info.who} van "
                    f"{relative_day(info.started_at)} ({turns})?")
        try:
            go_on = await self.push_screen_wait(ResumePrompt(question))
            resumed = await asyncio.to_thread(resume_or_close, store, stored, bool(go_on))
        except UserError as error:
            self._store_failed(error)
            return None
        if resumed.problem is not None:
            self.notify(f"{resumed.problem.message}. We beginnen een nieuw gesprek.",
                        title="Hervatten lukt niet", severity="warning", markup=False, timeout=10)
        elif resumed.recorder is None:
            self.notify("Dat gesprek is afgesloten; het staat als afgebroken in je "
                        "geschiedenis (h).", timeout=5)
        return resumed.recorder

    async def _close(self, recorder: Recorder | None, status: str) -> Report | None:
        """Finish a recorded session and return its report, stored with it; None for a
        plain session, one without turns, or when the store failed."""
        from gesprekscoach.errors import UserError

        if recorder is None or recorder.finished:
            return None
        try:
            return await asyncio.to_thread(recorder.finish, status=status)
        except UserError as error:
            self._store_failed(error)
            return None

    def _last_docent(self) -> str | None:
        from gesprekscoach.errors import UserError

        try:
            return self.store.last_docent() if self.store is not None else None
        except UserError:
            return None

    def _store_failed(self, error: Exception) -> None:
        """Say so, and go on without storing rather than stop the conversation."""
        from gesprekscoach.errors import UserError

        message = error.problems[0].message if isinstance(error, UserError) else str(error)
        self.store = None
        self.notify(f"{message}. Je kunt oefenen, maar gesprekken worden nu niet bewaard.",
                    title="Sessiedatabase", severity="error", markup=False, timeout=10)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "history":
            return self.store is not None and self.docent is not None
        return True

    def action_history(self) -> None:
        from gesprekscoach.tui.screens.history import HistoryScreen

        if self.store is None or self.docent is None:
            self.notify("Er is geen sessiedatabase, dus geen geschiedenis.", timeout=3)
            return
        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen(self.store, self.docent))

    def on_unmount(self) -> None:
        if self.store is not None and self._owns_store:
            self.store.close()

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
        from gesprekscoach.conversation.hints import load_rules
        from gesprekscoach.scoring.norms import load_norms
        from gesprekscoach.scoring.report import load_texts

        load_analyser()
        load_norms()
        load_texts()
        load_rules()

    @on(Worker.StateChanged)
    def _warm_up_failed(self, event: Worker.StateChanged) -> None:
        """A mistake in a rule pack or word list a trainer edited: say where, and stop
        with exit code 2 before the first turn would run into it."""
        from gesprekscoach.errors import UserError

        error = event.worker.error
        if event.worker.group == "warm-up" and event.state == WorkerState.ERROR and isinstance(error, UserError):
            self.exit(return_code=2, message=Text("\n".join(f"gesprekscoach: {p}" for p in error.problems)))

    # ------------------------------------------------------------ global actions

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen("help")

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
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
    docent: str | None = None,
    db: str | Path | None = None,
    record: bool = True,
) -> CoachApp:
    """The app as the CLI starts it; the tests pass fixture folders and ``shipped=False``.

    ``scenario_paths`` are files or folders named with ``--scenario``;
    ``user_folder`` defaults to the docent's own scenario folder;
    ``mode`` preselects oefenen or proef in the picker; ``warm_up=False``
    skips loading the analyser in the background (tests, where it is loaded).
    ``db`` is the session database (default: $GESPREKSCOACH_DB, else the
    user's data folder), opened here so a locked or broken file raises a
    UserError before any screen opens; ``docent`` None asks for the alias in
    the app; ``record=False`` stores nothing.
    """
    from gesprekscoach.conversation.catalog import scenario_sources, user_scenarios_dir

    folder = Path(user_folder) if user_folder is not None else user_scenarios_dir()
    sources = scenario_sources(scenario_paths, folder, shipped=shipped)
    store = None
    if record:
        from gesprekscoach.storage.paths import check_alias
        from gesprekscoach.storage.store import Store

        if docent is not None:
            docent = check_alias(docent)
        store = Store.open(db)
    app = CoachApp(sources, user_folder=folder, mode=mode, seed=seed,
                   exit_when_ready=exit_when_ready, warm_up=warm_up, store=store, docent=docent)
    app._owns_store = store is not None
    return app
