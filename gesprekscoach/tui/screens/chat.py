"""The conversation: chat on the left, the arc and live feedback on the right.

The screen owns the session and copies what the session decided into its
reactives (``phase``, ``openness``, ``last`` …); the side panel widgets are
bound to them and only draw. Nothing here scores: the analyser codes the
turn, the arc and the student move, the report counts competences.

Dismisses with the session when the docent ends the conversation (for the
report), or None when they leave without one. The screen drives the
:class:`~gesprekscoach.conversation.session.Session` with ``say``/``undo``; a
:class:`~gesprekscoach.storage.recording.Recorder` attached to it (when there is
a store) keeps every turn, and is let go if the store fails. A resumed session
comes in with turns, which are shown first.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from gesprekscoach.tui.widgets.arc_view import ArcView
from gesprekscoach.tui.widgets.chat_log import ChatLog
from gesprekscoach.tui.widgets.chat_message import ChatMessage
from gesprekscoach.tui.widgets.competences_view import CompetencesView
from gesprekscoach.tui.widgets.feedback_view import FeedbackView
from gesprekscoach.tui.widgets.history_input import HistoryInput
from gesprekscoach.tui.widgets.openness_bar import OpennessBar
from gesprekscoach.tui.widgets.student_card import StudentCard, profile_line

if TYPE_CHECKING:
    from gesprekscoach.conversation.arc import Sprong
    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.conversation.session import Session  # noqa: F401  (Session: what the screen returns)
    from gesprekscoach.errors import UserError
    from gesprekscoach.model import Exchange
    from gesprekscoach.storage.recording import Recorder

#: Seconds within which a second Escape leaves a conversation without a report.
LEAVE_WINDOW = 4.0


class ChatScreen(Screen["Session | None"]):
    """One conversation with one simulated student, in oefenen or proef mode."""

    CSS_PATH = "chat.tcss"
    AUTO_FOCUS = "#input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "silence", "stilte", id="silence",
                tooltip="Zeg bewust niets: een stilte als beurt"),
        Binding("ctrl+t,f3", "hint", "hint", id="hint",
                tooltip="Wat voor soort zet zou nu helpen? (F3 in de browser, waar ctrl+t een tabblad opent)"),
        Binding("ctrl+z", "undo", "terug", id="undo",
                tooltip="Neem je laatste beurt en het antwoord terug"),
        Binding("ctrl+r", "end", "rapport", id="end",
                tooltip="Rond het gesprek af en bekijk het rapport"),
        Binding("escape", "leave", "andere student", id="leave", show=False,
                tooltip="Terug naar de lijst (zonder rapport)"),
        # Priority: the input line would otherwise take these keys for itself.
        Binding("pageup", "scroll_log(-1)", "eerder in het gesprek", id="page-up", show=False,
                priority=True, tooltip="Blader terug; nieuwe beurten volgen weer als je onderaan bent"),
        Binding("pagedown", "scroll_log(1)", "later in het gesprek", id="page-down", show=False,
                priority=True),
    ]

    # State that flows down to the side panel (data_bind in compose).
    phase: reactive[str] = reactive("opening")
    reached: reactive[tuple[str, ...]] = reactive(())
    sprongen: reactive[tuple[Sprong, ...]] = reactive(())
    openness: reactive[float] = reactive(0.5)
    openness_before: reactive[float] = reactive(0.5)
    competences: reactive[tuple[str, ...]] = reactive(())
    last: reactive[Exchange | None] = reactive(None)
    hint: reactive[str] = reactive("")

    def __init__(self, scenario: Scenario, mode: str = "oefenen", seed: int = 0,
                 session: Session | None = None, recorder: Recorder | None = None) -> None:
        from gesprekscoach.conversation.session import Session

        super().__init__()
        self.scenario = scenario
        self.mode = mode
        self.session = session if session is not None else Session(scenario, seed=seed)
        #: Keeps every turn in the store; None when nothing is stored (or the store failed).
        self.recorder = recorder
        self.feedback = mode == "oefenen"
        self._leave_asked = 0.0
        self.turns = 0
        self.set_reactive(ChatScreen.openness, self.session.openness)
        self.set_reactive(ChatScreen.openness_before, self.session.openness)

    @property
    def student_name(self) -> str:
        return self.scenario.student.name

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="conversation"):
                yield ChatLog(id="log")
                yield HistoryInput(placeholder="Typ je beurt en druk op Enter…", id="input",
                                   select_on_focus=False)
            with VerticalScroll(id="panel", classes="-oefenen" if self.feedback else "-proef"):
                if self.feedback:
                    yield FeedbackView(self.student_name, id="feedback").data_bind(
                        exchange=ChatScreen.last, hint=ChatScreen.hint)
                    yield ArcView(id="arc").data_bind(
                        ChatScreen.phase, ChatScreen.reached, ChatScreen.sprongen)
                    yield OpennessBar(id="openness").data_bind(
                        ChatScreen.openness, ChatScreen.openness_before)
                    yield CompetencesView(id="competences").data_bind(ChatScreen.competences)
                else:
                    yield Static(Content.from_markup(
                        "[b]Proef[/b]\nJe krijgt geen feedback en geen hints tijdens het "
                        "gesprek. Alles staat straks in het rapport ($key).",
                        key="ctrl+r"), id="proef-notice")
                    yield Static(id="turn-count")
                    card = StudentCard(id="card")
                    yield card
        yield Footer()

    def on_mount(self) -> None:
        from gesprekscoach.conversation.catalog import Entry

        self.title = f"Gesprek met {self.student_name}"
        docent = getattr(self.app, "docent", None)
        self.sub_title = ("oefenen" if self.feedback else "proef: feedback pas in het rapport") + (
            f" · {docent}" if docent else "")
        if not self.feedback:
            self.query_one("#card", StudentCard).entry = Entry(self.scenario.path, "", self.scenario)
            self._count_turns()
        intro = (f"{profile_line(self.scenario)}\n{self.scenario.student.situation}\n\n"
                 "Begin het gesprek: typ je eerste beurt en druk op Enter. "
                 "F1 legt de methode en de toetsen uit.")
        self.query_one(ChatLog).add(ChatMessage(self.scenario.title, intro, role="intro"))
        if self.session.exchanges:  # a resumed conversation: show where it was
            for exchange in self.session.exchanges:
                self._show(exchange)
            self._sync()
            n = len(self.session.exchanges)
            self.notify(f"Verder waar je was, na {n} {'beurt' if n == 1 else 'beurten'}.",
                        timeout=4)

    # ------------------------------------------------------------ turns

    @on(Input.Submitted, "#input")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value  # the input has already emptied itself
        if not text.strip():
            self.notify("Typ je beurt, of druk op ctrl+s voor een bewuste stilte.", timeout=3)
            return
        self.play(text)

    def play(self, text: str) -> Exchange:
        """Say one turn to the student and show the reply and (in oefenen) the feedback."""
        from gesprekscoach.errors import UserError

        try:
            exchange = self.session.say(text)
        except UserError as error:  # another window took the session; it took the turn back
            exchange = self._stop_recording(error).say(text)
        self._warn_if_unsaved()
        with self.app.batch_update():  # one repaint for the messages and the panel
            self._show(exchange)
            self._sync()
        return exchange

    def _show(self, ex: Exchange) -> None:
        from gesprekscoach.codebook import RATINGS, is_silent, move_label
        from gesprekscoach.output.format import SILENCE

        silence = is_silent(ex.docent)
        note, rating = "", "neutraal"
        if self.feedback:
            note = move_label(ex.docent, ex.analysis.code) + ("  ⚠ sprong" if ex.sprong else "")
            rating = RATINGS.get(ex.analysis.code, "neutraal")
        docent = ChatMessage(f"Jij · {ex.turn}", SILENCE if silence else ex.docent,
                             role="docent", turn=ex.turn, note=note, rating=rating, italic=silence)
        messages = [docent]
        if ex.student or not ex.third_party:  # spoken to, the student keeps quiet
            messages.append(ChatMessage(self.student_name, ex.student or "…", role="student",
                                        turn=ex.turn))
        third = self.scenario.third_party
        if ex.third_party and third is not None:
            messages.append(ChatMessage(f"{third.name} · {third.role}", ex.third_party,
                                        role="derde", turn=ex.turn))
        self.query_one(ChatLog).add(*messages)

    def _warn_if_unsaved(self) -> None:
        """The store could not take the turn now (busy, disk full): it is kept and stored
        with the next turn, so say so, and say when all is stored again."""
        recorder = self.recorder
        if recorder is None:
            return
        if recorder.problem is not None:
            n = recorder.pending
            waiting = "1 beurt wacht en wordt" if n == 1 else f"{n} beurten wachten en worden"
            self.notify(f"{recorder.problem.message}. {waiting} bij je volgende beurt opnieuw "
                        "bewaard; er gaat niets verloren zolang dit venster open is.",
                        title="Nog niet bewaard", severity="error", markup=False, timeout=8)
            self._unsaved = True
        elif getattr(self, "_unsaved", False):
            self._unsaved = False
            self.notify("Alle beurten zijn weer bewaard.", timeout=3)

    def _stop_recording(self, error: UserError) -> Session:
        """Go on with the same conversation, unrecorded, after the store failed."""
        if self.recorder is not None:
            self.recorder.detach()
            self.recorder = None
        session = self.session
        self.notify(f"{error.problems[0].message}. Het gesprek gaat door, maar wordt niet "
                    "meer bewaard.", title="Niet bewaard", severity="error", markup=False,
                    timeout=10)
        return session

    def _sync(self) -> None:
        """Copy the session's state into the reactives the side panel is bound to."""
        session = self.session
        exchanges = session.exchanges
        if bool(self.turns) != bool(exchanges):
            # Undo and rapport dim and light up only here: refreshing the
            # footer on every turn would rebuild it for nothing.
            self.call_after_refresh(self.refresh_bindings)
        self.turns = len(exchanges)
        self.hint = ""
        if not self.feedback:
            self._count_turns()
            return
        from gesprekscoach.scoring.report import touched_competences

        arc = session.arc
        self.phase = arc.phase
        self.reached = arc.reached
        self.sprongen = arc.sprongen
        self.openness = session.openness
        before = exchanges[-2].openness if len(exchanges) > 1 else None
        self.openness_before = before if before is not None else self.scenario.openness
        self.competences = touched_competences(exchanges)
        self.last = exchanges[-1] if exchanges else None

    def _count_turns(self) -> None:
        n = len(self.session.exchanges)
        self.query_one("#turn-count", Static).update(
            Content.styled(f"{n} {'beurt' if n == 1 else 'beurten'}", "$text-muted"))

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll_log":
            return isinstance(self.focused, HistoryInput)  # elsewhere the keys scroll that widget
        if action == "hint" and not self.feedback:
            return False  # a proef has no hints: hidden from footer and palette
        if action in ("undo", "end") and not self.turns:
            return None  # shown, but dimmed until there is a turn
        return True

    def action_scroll_log(self, direction: int) -> None:
        """Page through the chat while typing; scrolling up stops the log following."""
        log = self.query_one(ChatLog)
        if direction < 0:
            log.scroll_page_up()  # releases the anchor, like scrolling with the mouse
        else:
            log.scroll_page_down()

    def action_silence(self) -> None:
        self.play("")

    def action_hint(self) -> None:
        from gesprekscoach.conversation.hints import hint_for

        session = self.session
        self.hint = hint_for(session.exchanges, session.arc, session.openness, self.student_name).text
        self.query_one("#panel", VerticalScroll).scroll_home(animate=False)

    def action_undo(self) -> None:
        from gesprekscoach.errors import UserError

        exchanges = self.session.exchanges
        if not exchanges:
            return
        try:
            undone = self.session.undo()
        except UserError as error:
            undone = self._stop_recording(error).undo()
        if not undone:
            return
        last = exchanges[-1]
        self.query_one(ChatLog).remove_turn(last.turn)
        self._sync()
        field = self.query_one("#input", HistoryInput)
        from gesprekscoach.codebook import is_silent

        if not field.value.strip() and not is_silent(last.docent):
            # Rephrase rather than retype; selected, so typing replaces it (no doubled turn).
            field.value = last.docent
            field.select_all()
            field.focus()
            self.notify("Je beurt staat weer in het invoerveld; pas hem aan of wis hem.",
                        title=f"Beurt {last.turn} teruggenomen", timeout=6)
            return
        self.notify(f"Beurt {last.turn} teruggenomen.", timeout=3)

    def action_end(self) -> None:
        if self.session.exchanges:
            self.dismiss(self.session)

    def action_leave(self) -> None:
        now = time.monotonic()
        if not self.session.exchanges or now - self._leave_asked < LEAVE_WINDOW:
            self.dismiss(None)
            return
        self._leave_asked = now
        self.notify(f"Druk binnen {LEAVE_WINDOW:.0f} seconden nog een keer op Esc: terug naar de "
                    "lijst zonder rapport. Met ctrl+r rond je af en krijg je het rapport.",
                    timeout=LEAVE_WINDOW)
