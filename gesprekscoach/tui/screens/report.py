"""The report at the end: score, the nine rules against their norms, the arc, the valkuilen.

Dismisses with what the docent wants next: ``"opnieuw"`` (the same student
again), ``"ander"`` (back to the list) or None (quit). The report is built
in a worker; saving happens in a thread and says where the file went.
Given a stored session instead (from the history), it shows that report
read-only: Escape goes back.
"""

from __future__ import annotations

import asyncio
import io
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from gesprekscoach.tui.screens.save_prompt import SavePrompt
from gesprekscoach.tui.widgets.arc_timeline import ArcTimeline
from gesprekscoach.tui.widgets.pitfall_list import PitfallList
from gesprekscoach.tui.widgets.rule_scores import RuleScores
from gesprekscoach.tui.widgets.score_summary import ScoreSummary
from gesprekscoach.tui.widgets.turn_codes import TurnCodes

if TYPE_CHECKING:
    from gesprekscoach.conversation.session import Session
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.storage.sessions import StoredSession
    from gesprekscoach.storage.store import Store


class ReportScreen(Screen["str | None"]):
    """What went well and what to try next time, for one finished conversation."""

    CSS_PATH = "report.tcss"
    AUTO_FOCUS = "#report"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "again", "opnieuw", id="again", tooltip="Hetzelfde gesprek opnieuw"),
        Binding("a", "other", "andere student", id="other", tooltip="Terug naar de lijst"),
        Binding("s", "save", "opslaan", id="save", tooltip="Bewaar het rapport als Markdown"),
        Binding("escape", "back", "terug", id="back", tooltip="Terug naar de geschiedenis"),
        Binding("c", "correct", "corrigeer", id="correct",
                tooltip="Corrigeer de code van een beurt (trainer)"),
    ]

    def __init__(self, session: Session | None, mode: str, *, report: Report | None = None,
                 stored: StoredSession | None = None, store: Store | None = None,
                 session_id: str | None = None) -> None:
        super().__init__()
        assert (session is not None and report is not None) or stored is not None
        self.session = session
        self.stored = stored
        self.mode = mode
        self.report: Report | None = report
        self.saved: Path | None = None
        #: Where the conversation was kept, if it was: the saved file is then made from there.
        self.store, self.session_id = store, session_id

    def compose(self) -> ComposeResult:
        from gesprekscoach.output.text import norm_text
        from gesprekscoach.scoring.norms import RULES

        yield Header()
        with VerticalScroll(id="report"):
            # The valkuilen come first: they quote the docent and say what to try.
            yield ScoreSummary(id="summary")
            yield PitfallList(id="pitfalls")
            yield RuleScores({rule: norm_text(rule) for rule in RULES}, id="rules")
            yield ArcTimeline(id="timeline")
            yield TurnCodes(id="turns")
            yield Static(id="saved")
        with Horizontal(id="actions"):
            if self.stored is not None:
                yield Button("Terug (Esc)", id="back-button", compact=True, variant="primary")
            else:
                yield Button("Opnieuw (o)", id="again-button", compact=True, variant="primary")
                yield Button("Andere student (a)", id="other-button", compact=True)
                yield Button("Opslaan (s)", id="save-button", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        if self.stored is not None:
            from gesprekscoach.output.format import date_time

            info = self.stored.info
            self.title = f"Rapport: gesprek met {info.who}"
            self.sub_title = f"{date_time(info.started_at)} · {self.mode}"
        else:
            assert self.session is not None and self.session.scenario is not None  # a practice session
            self.title = f"Rapport: gesprek met {self.session.scenario.student.name}"
            self.sub_title = self.mode
        self.build()

    @work(exclusive=True, group="build")
    async def build(self) -> None:
        """Hand the report (built once, when the conversation ended) to the widgets."""
        from gesprekscoach.scoring.reportview import phase_runs

        report = self.report
        if report is None:  # a stored session from the history: its report is rebuilt from its turns
            assert self.stored is not None
            report = self.report = await asyncio.to_thread(self.stored.report)
        self.query_one(ArcTimeline).runs = phase_runs(report.arc.timeline)
        self.query_one(ScoreSummary).report = report
        self.query_one(RuleScores).report = report
        self.query_one(ArcTimeline).report = report
        self.query_one(PitfallList).report = report
        exchanges = self.stored.exchanges if self.stored is not None else (
            self.session.exchanges if self.session is not None else ())
        self.query_one(TurnCodes).show(exchanges)

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        read_only = self.stored is not None
        if action in ("again", "other", "save"):
            return not read_only  # an old report: no new conversation from here
        if action == "back":
            return read_only
        if action == "correct":  # a kept session, opened from the history
            return read_only and self.store is not None
        return True

    def action_correct(self) -> None:
        from gesprekscoach.tui.screens.correct_prompt import CorrectPrompt

        if self.stored is not None and self.stored.exchanges:
            self.app.push_screen(CorrectPrompt(len(self.stored.exchanges)), self._corrected)

    def _corrected(self, result: tuple[int, str, str] | None) -> None:
        if result is not None:
            self.correct(*result)

    @work(exclusive=True, group="correct")
    async def correct(self, turn: int, code: str, note: str) -> None:
        """Keep the trainer's code, recompute the report with it, show it at once."""
        from gesprekscoach.errors import UserError

        try:
            self.stored = await asyncio.to_thread(self._save_correction, turn, code, note)
        except UserError as error:
            self.notify(f"De correctie is niet bewaard: {error.problems[0].message}",
                        severity="error", markup=False, timeout=8)
            return
        self.report = None
        self.build()
        self.notify(f"Beurt {turn} gecorrigeerd; het rapport is opnieuw berekend.",
                    markup=False, timeout=4)

    def _save_correction(self, turn: int, code: str, note: str) -> StoredSession:
        from gesprekscoach.storage.corrections import add_note, corrected_fase, rescore, save_correction

        assert self.stored is not None and self.store is not None
        session_id = self.stored.info.id
        original = self.store.load(session_id)
        analysis = original.exchanges[turn - 1].analysis
        by = getattr(self.app, "docent", None) or "trainer"
        save_correction(self.store, session_id, turn, code,
                        fase=corrected_fase(code, None, False, analysis.fase),
                        competentie=analysis.competentie, by=by)
        if note:
            add_note(self.store, session_id, turn, note, by=by)
        return rescore(self.store, original).stored

    @on(Button.Pressed, "#back-button")
    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#again-button")
    def action_again(self) -> None:
        self.dismiss("opnieuw")

    @on(Button.Pressed, "#other-button")
    def action_other(self) -> None:
        self.dismiss("ander")

    @on(Button.Pressed, "#save-button")
    def action_save(self) -> None:
        from gesprekscoach.output.files import default_report_path

        if self.report is None or self.session is None or self.session.scenario is None:
            return
        default = default_report_path(self.session.scenario, datetime.now())
        if self.app.is_web:
            # In the browser the file belongs on the docent's computer, not on the
            # trainer's laptop that serves the app: hand it over as a download.
            self.download(default.name)
            return
        self.app.push_screen(SavePrompt(default), self._save_to)

    def markdown(self) -> str:
        """The report as it is saved or downloaded, with the conversation under it: for a
        kept session the very document ``gesprekscoach rapport --formaat md`` writes."""
        from gesprekscoach.errors import UserError
        from gesprekscoach.output.markdown import stored_markdown, unsaved_markdown

        if self.store is not None and self.session_id is not None:
            try:
                return stored_markdown(self.store.load(self.session_id))
            except (UserError, KeyError):
                pass  # the database failed meanwhile: the same document, from memory
        assert self.report is not None and self.session is not None
        assert self.session.scenario is not None  # the app plays practice sessions only
        return unsaved_markdown(self.report, self.session.scenario, self.mode, self.session.seed,
                                self.session.exchanges, datetime.now())

    def download(self, name: str) -> None:
        self.app.deliver_text(io.StringIO(self.markdown()), save_filename=name, open_method="download",
                              mime_type="text/markdown", encoding="utf-8")
        self.notify(f"Het rapport komt als {name} in je downloads.", markup=False, timeout=6)

    def _save_to(self, path: Path | None) -> None:
        if path is not None:
            self.save(path)

    @work(exclusive=True, group="save", thread=True)
    def save(self, path: Path) -> None:
        """Write the Markdown file (blocking I/O, so in a thread)."""
        from gesprekscoach.output.files import write_new

        try:
            written = write_new(path, self.markdown())
        except OSError as exc:
            self.app.call_from_thread(
                self.notify, f"Opslaan in {path} lukt niet: {exc.strerror or exc}.",
                severity="error", markup=False, timeout=8)
            return
        self.app.call_from_thread(self._saved, written)

    def _saved(self, path: Path) -> None:
        self.saved = path
        self.query_one("#saved", Static).update(
            Content.styled("Opgeslagen in ", "$text-success") + Content(str(path)))
        self.notify(f"Rapport opgeslagen in {path}", markup=False, timeout=6)
