"""The docent's sessions, newest first, with their scores over time.

Read in a thread (the store is thread-safe); Enter opens the report of the
highlighted session, read-only, in the ordinary report screen.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Sparkline, Static

if TYPE_CHECKING:
    from gesprekscoach.scoring.progress import Progress
    from gesprekscoach.storage.sessions import SessionInfo
    from gesprekscoach.storage.store import Store

STATUS = {"bezig": "onaf", "klaar": "", "afgebroken": "afgebroken"}
#: Series with a trend listed above the table; the rest is one line (the screen is 24 high).
SHOWN_SERIES = 3


class HistoryScreen(Screen[None]):
    """Every session of one docent and a sparkline of the scores of the finished ones."""

    CSS_PATH = "history.tcss"
    AUTO_FOCUS = "#sessions"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "rapport", id="open", key_display="⏎", priority=True,
                tooltip="Bekijk het rapport van dit gesprek"),
        Binding("escape", "close", "terug", id="close", tooltip="Terug naar de lijst met studenten"),
        Binding("g", "group", "groep", id="group",
                tooltip="De hele groep: elke docent per gespreksregel (voor de trainer)"),
    ]

    def __init__(self, store: Store, docent: str) -> None:
        super().__init__()
        self.store = store
        self.docent = docent
        self.sessions: tuple[SessionInfo, ...] = ()
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="trend", markup=False)
        yield Sparkline([], id="scores")
        table: DataTable[str | Content] = DataTable(id="sessions", cursor_type="row",
                                                    zebra_stripes=True)
        table.add_columns("Datum", "Student", "Modus", "Score", "")
        yield table
        yield Static(id="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Geschiedenis"
        self.sub_title = self.docent
        self.query_one(DataTable).loading = True
        self.load()

    @work(exclusive=True, group="load")
    async def load(self) -> None:
        from gesprekscoach.errors import UserError

        try:
            sessions, progress = await asyncio.to_thread(self._read)
        except UserError as error:
            self.notify(f"De geschiedenis kan niet worden gelezen: {error.problems[0].message}",
                        severity="error", markup=False, timeout=8)
            sessions, progress = (), None
        self.sessions = tuple(reversed(sessions))  # newest first
        self._fill(progress)
        self.loaded = True

    def _read(self) -> tuple[tuple[SessionInfo, ...], Progress]:
        return self.store.list_sessions(self.docent), self.store.progress(self.docent)

    def _fill(self, progress: Progress | None) -> None:
        from gesprekscoach.output.format import local

        table = self.query_one(DataTable)
        table.loading = False
        table.clear()
        for info in self.sessions:
            score = "–" if info.score is None else str(info.score)
            table.add_row(f"{local(info.started_at):%d-%m-%Y %H:%M}", Content(info.who),
                          info.mode or info.kind, Content(score.rjust(5)),
                          Content.styled(STATUS.get(info.status, info.status), "$text-muted"),
                          key=info.id)
        scores = [s.score for s in progress.sessions] if progress else []
        self.query_one(Sparkline).data = scores
        self.query_one("#scores").display = len(scores) > 1
        self.query_one("#trend", Static).update(_trend_line(progress))
        empty = self.query_one("#empty", Static)
        empty.display = not self.sessions
        empty.update("Nog geen gesprekken bewaard onder deze alias. Oefen een gesprek; "
                     "na het rapport staat het hier.")

    # ------------------------------------------------------------ actions

    @on(DataTable.RowSelected, "#sessions")
    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if not self.sessions or table.cursor_row >= len(self.sessions):
            return
        self.open_report(self.sessions[table.cursor_row].id)

    @work(exclusive=True, group="open")
    async def open_report(self, session_id: str) -> None:
        from gesprekscoach.errors import UserError
        from gesprekscoach.tui.screens.report import ReportScreen

        try:
            from gesprekscoach.storage.corrections import reviewed

            # with a trainer's corrections and notes, as 'gesprekscoach rapport' shows it
            stored = await asyncio.to_thread(
                lambda: reviewed(self.store, self.store.load(session_id)).stored)
        except (UserError, KeyError):
            self.notify("Dit gesprek kan niet worden gelezen.", severity="error")
            return
        if not stored.exchanges:
            self.notify("Dit gesprek heeft geen beurten, dus geen rapport.", timeout=3)
            return
        self.app.push_screen(ReportScreen(None, stored.info.mode or stored.info.kind,
                                          stored=stored, store=self.store))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_group(self) -> None:
        from gesprekscoach.tui.screens.group import GroupScreen

        self.app.push_screen(GroupScreen(self.store))


def _trend_line(progress: Progress | None) -> str:
    """How many conversations are finished, and the score trend of every series of two or more.

    A trend only compares one kind of conversation with one student (see
    :func:`~gesprekscoach.scoring.progress.build_progress`), so five talks with
    five students have no trend yet, and the line says what would give one.
    """
    if progress is None or not progress.sessions:
        return "Nog geen afgerond gesprek: de voortgang verschijnt na je eerste rapport."
    finished = sum(len(series.sessions) for series in progress.series) or len(progress.sessions)
    done = f"{finished} {'gesprek' if finished == 1 else 'gesprekken'} afgerond"
    repeated = [series for series in progress.series if len(series.sessions) > 1]
    if not repeated:
        score = f" (score {progress.score.last:.0f})" if finished == 1 else ""
        return (f"{done}{score}; voortgang zie je zodra je een student twee keer "
                "gesproken hebt.")
    lines = [f"{done}; voortgang per student (zelfde student, zelfde soort gesprek):"]
    repeated.sort(key=lambda s: (len(s.sessions), s.sessions[-1].started_at), reverse=True)
    for series in repeated[:SHOWN_SERIES]:  # the sparkline draws the first
        trend = series.score
        lines.append(f"  {series.sessions[-1].who} ({series.kind}): {len(series.sessions)}×, "
                     f"{trend.first:.0f} → {trend.last:.0f} {trend.arrow} "
                     f"(gemiddeld {trend.mean:.0f})")
    if len(repeated) > SHOWN_SERIES:
        more = len(repeated) - SHOWN_SERIES
        lines.append(f"  en nog {more} {'reeks' if more == 1 else 'reeksen'}; de trainer ziet "
                     "alles in de groep (g)")
    return "\n".join(lines)
