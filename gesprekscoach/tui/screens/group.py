"""The trainer's view of the whole group: docent × gespreksregel, as ``gesprekscoach groep``.

Read in a thread; Enter opens the highlighted docent's history, from which
every session's report (with corrections) opens. The numbers are the same
as the command's, from the same :func:`~gesprekscoach.scoring.group.build_group`.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

if TYPE_CHECKING:
    from gesprekscoach.scoring.group import Group, Summary
    from gesprekscoach.storage.store import Store

#: The colour of a mean, as the report colours a score.
_STYLE = {"goed": "$text-success", "voldoende": "$text-warning", "onvoldoende": "$text-error"}


class GroupScreen(Screen[None]):
    """Every docent of the database with the mean points per rule, and the group's mean."""

    CSS_PATH = "group.tcss"
    AUTO_FOCUS = "#docents"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "geschiedenis", id="open-docent", key_display="⏎",
                priority=True, tooltip="De gesprekken van deze docent"),
        Binding("escape", "close", "terug", id="close-group", tooltip="Terug"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.group: Group | None = None
        self.loaded = False

    def compose(self) -> ComposeResult:
        from gesprekscoach.output.group_text import RULE_HEADS

        yield Header()
        yield Static(id="summary", markup=False)
        table: DataTable[str | Content] = DataTable(id="docents", cursor_type="row",
                                                    zebra_stripes=True)
        # Fixed widths: a column is otherwise as wide as its header ("1") at the first fill.
        table.add_column("Docent", width=12)
        table.add_column("Sessies", width=7)
        table.add_column("Cijfer", width=6)
        for head in RULE_HEADS:
            table.add_column(head, width=3)
        yield table
        yield Static(id="legend", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Groep"
        self.sub_title = "alle docenten"
        self.query_one(DataTable).loading = True
        self.load()

    @work(exclusive=True, group="load")
    async def load(self) -> None:
        from gesprekscoach.errors import UserError

        try:
            self.group = await asyncio.to_thread(self._read)
        except UserError as error:
            self.notify(f"De groep kan niet worden gelezen: {error.problems[0].message}",
                        severity="error", markup=False, timeout=8)
        self._fill()
        self.loaded = True

    def _read(self) -> Group:
        from gesprekscoach.scoring.group import build_group
        from gesprekscoach.storage.workbench import group_sessions

        return build_group(group_sessions(self.store))

    def _fill(self) -> None:
        from gesprekscoach.output.group_text import legend, row

        table = self.query_one(DataTable)
        table.loading = False
        table.clear()
        group = self.group
        if group is None or group.empty:
            self.query_one("#summary", Static).update(
                "Nog geen afgeronde gesprekken in deze database.")
            return
        for summary in (*group.docents, group.total):
            table.add_row(*self._cells(summary, row(summary)),
                          key=None if summary is group.total else summary.label)
        total = group.total
        text = f"{len(group.docents)} docenten, {total.sessions} afgeronde gesprekken"
        if total.kinds:
            text += f" ({total.kind_counts()})"
        weakest = group.weakest_rule()
        if weakest is not None:
            text += f". Om samen aan te werken: {group.rule_names[weakest]}."
        self.query_one("#summary", Static).update(text)
        self.query_one("#legend", Static).update(
            "Punten per regel in %. " + " · ".join(legend(group)))

    @staticmethod
    def _cells(summary: Summary, cells: list[str]) -> list[str | Content]:
        from gesprekscoach.scoring.norms import RULES
        from gesprekscoach.scoring.report import band

        out: list[str | Content] = [Content(cells[0]), cells[1].rjust(7), cells[4].rjust(6)]
        for rule, cell in zip(RULES, cells[5:]):
            value = summary.points.get(rule) if summary.sessions else None
            style = "$text-muted" if value is None else _STYLE[band(round(100 * value))]
            out.append(Content.styled(cell.rjust(3), style))
        return out

    def action_open(self) -> None:
        from gesprekscoach.tui.screens.history import HistoryScreen

        table = self.query_one(DataTable)
        if self.group is None or not table.row_count:
            return
        if table.cursor_row >= len(self.group.docents):
            self.notify("Kies een docent om diens gesprekken te zien.", timeout=3)
            return
        self.app.push_screen(HistoryScreen(self.store, self.group.docents[table.cursor_row].label))

    def action_close(self) -> None:
        self.dismiss(None)
