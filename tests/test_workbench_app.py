"""The trainer's additions in the app: every turn coded, corrections and the goal in the report."""

from __future__ import annotations

from pathlib import Path

from test_app import CONVERSATION, SIZE, end, fixture_app, picker, rendered, say, start, until
from textual.pilot import Pilot
from textual.widgets import DataTable

from gesprekscoach.cli import main as cli
from gesprekscoach.storage.store import Store
from gesprekscoach.tui.screens.history import HistoryScreen
from gesprekscoach.tui.screens.report import ReportScreen
from gesprekscoach.tui.widgets.score_summary import ScoreSummary
from gesprekscoach.tui.widgets.turn_codes import TurnCodes


async def hold_conversation(pilot: Pilot) -> ReportScreen:
    """The whole fixture conversation with Lotte, ended with its report."""
    await start(pilot)
    for text in CONVERSATION:
        await say(pilot, text)
    return await end(pilot)


async def open_history(pilot: Pilot) -> HistoryScreen:
    """From the picker to the history of the sessions kept (h), once it has loaded."""
    app = pilot.app
    screen = await picker(pilot)
    screen.query_one("#scenarios").focus()
    await pilot.press("h")
    await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.loaded,
                "the history")
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


async def test_the_report_lists_the_code_of_every_turn_and_the_goal() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        for text in CONVERSATION[:4]:
            await say(pilot, text)
        await say(pilot, CONVERSATION[-1])  # advice
        report = await end(pilot)
        turns = report.query_one(TurnCodes)
        await until(pilot, lambda: bool(turns.exchanges), "the coded turns")
        text = turns.plain()
        assert text.count("↳") == 5
        assert "Je moet gewoon een cursus kleuren doen." in text and "↳ advies" in text
        summary = rendered(report.query_one(ScoreSummary))
        assert "Doel bereikt:" in summary and "doellagen bereikt" in summary


async def test_a_corrected_session_opens_with_the_correction(_own_session_db: Path,
                                                              capsys) -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await hold_conversation(pilot)
    with Store.open(_own_session_db) as store:
        (info,) = store.list_sessions()
    assert cli.main(["corrigeer", info.short_id, "8", "suggestieve_vraag", "--door", "els",
                     "--notitie", "eigenlijk een tip"]) == 0
    capsys.readouterr()
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReportScreen)
                    and app.screen.report is not None, "the corrected report")
        turns = app.screen.query_one(TurnCodes)
        await until(pilot, lambda: bool(turns.exchanges), "the coded turns")
        text = turns.plain()
        assert "gecorrigeerd door els: was advies" in text and "eigenlijk een tip" in text
        assert "(gecorrigeerd)" in text


async def test_the_group_screen_shows_every_docent_and_opens_their_history(
        _own_session_db: Path) -> None:
    from workbench_helpers import small_group

    from gesprekscoach.tui.screens.group import GroupScreen

    small_group(_own_session_db)
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, GroupScreen) and app.screen.loaded,
                    "the group")
        group = app.screen
        table = group.query_one(DataTable)
        assert table.row_count == 4   # anouk, joost, marieke and the group
        assert [str(table.get_row_at(i)[0]) for i in range(3)] == ["anouk", "joost", "marieke"]
        assert "3 docenten, 4 afgeronde gesprekken" in rendered(group.query_one("#summary"))
        await pilot.press("down", "down")   # marieke
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.loaded,
                    "marieke's history")
        assert app.screen.docent == "marieke" and app.screen.query_one(DataTable).row_count == 2
        await pilot.press("escape")
        assert app.screen is group


async def test_a_trainer_corrects_a_turn_in_the_report_view(_own_session_db: Path) -> None:
    from textual.widgets import Input

    from gesprekscoach.tui.screens.correct_prompt import CorrectPrompt

    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await hold_conversation(pilot)
        await pilot.press("a")
        await open_history(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReportScreen)
                    and app.screen.report is not None, "the report")
        report = app.screen
        before = report.report.score
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CorrectPrompt), "the prompt")
        field = app.screen.query_one("#correction", Input)
        field.value = "99 advies"
        await pilot.press("enter")
        assert isinstance(app.screen, CorrectPrompt)   # a wrong turn is said, in Dutch
        assert "Beurt 99 is er niet" in rendered(app.screen.query_one("#problem"))
        field.value = "8 doorvraag - eigenlijk een doorvraag"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is report and report.report is not None
                    and "gecorrigeerd" in report.query_one(TurnCodes).plain(), "the new report")
        assert "notitie van docent: eigenlijk een doorvraag" in report.query_one(TurnCodes).plain()
        assert report.report.score > before   # advice in turn 8 no longer counts
    with Store.open(_own_session_db) as store:
        (info,) = store.list_sessions()
        assert store.load(info.id).exchanges[7].analysis.code == "advies"  # original kept
