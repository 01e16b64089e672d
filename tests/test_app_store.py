"""The app keeps its sessions: alias, every turn stored, resume, history.

Pilot tests at 80×24 on the fixture scenarios; $GESPREKSCOACH_DB points at a
fresh file per test (conftest), which the tests open with Store to check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app import SIZE, end, fixture_app, picker, say, start, until
from textual.widgets import DataTable, Input, Sparkline

from gesprekscoach.cli import main as cli
from gesprekscoach.storage.store import Store
from gesprekscoach.tui.screens.alias_prompt import AliasPrompt
from gesprekscoach.tui.screens.chat import ChatScreen
from gesprekscoach.tui.screens.history import HistoryScreen
from gesprekscoach.tui.screens.report import ReportScreen
from gesprekscoach.tui.screens.resume_prompt import ResumePrompt
from gesprekscoach.tui.screens.scenario_picker import ScenarioPicker
from gesprekscoach.tui.widgets.chat_log import ChatLog
from gesprekscoach.tui.widgets.chat_message import ChatMessage

TURNS = ("Hoi Lotte, waar wil je het vandaag over hebben?",
         "Wat gebeurde er toen je alleen was met de klant?",
         "Hoe voelde dat, zo alleen?")


def stored(db: Path, docent: str = "docent"):  # type: ignore[no-untyped-def]
    with Store.open(db) as store:
        return [store.load(info.id) for info in store.list_sessions(docent)]


async def test_alias_is_asked_once_prefilled_and_shown(_own_session_db: Path) -> None:
    with Store.open(_own_session_db) as store:  # an earlier session gives the default
        store.start_session("marieke", None, kind="transcript", mode=None, seed=None)
    app = fixture_app(docent=None)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, AliasPrompt), "the alias prompt")
        field = app.screen.query_one("#alias", Input)
        assert field.value == "marieke"
        field.value = "   "
        await pilot.press("enter")
        assert isinstance(app.screen, AliasPrompt)  # an empty alias is refused, in Dutch
        assert "alias" in str(app.screen.query_one("#problem").render())
        field.value = "  Jan  de Vries "
        await pilot.press("enter")
        screen = await picker(pilot)
        assert app.docent == "Jan de Vries"
        assert screen.sub_title.endswith("· Jan de Vries")


async def test_turns_are_stored_one_by_one_and_undo_removes_them(_own_session_db: Path) -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        await say(pilot, TURNS[0])
        [one] = stored(_own_session_db)
        assert [ex.docent for ex in one.exchanges] == [TURNS[0]]
        assert one.info.status == "bezig" and one.info.student_name == "Lotte"
        await say(pilot, TURNS[1])
        [one] = stored(_own_session_db)
        assert [ex.docent for ex in one.exchanges] == list(TURNS[:2])
        assert one.exchanges[1].student == chat.session.exchanges[1].student
        await pilot.press("ctrl+z")
        [one] = stored(_own_session_db)
        assert [ex.docent for ex in one.exchanges] == [TURNS[0]]
        await end(pilot)
        [one] = stored(_own_session_db)
        assert one.info.status == "klaar" and one.report_data is not None


async def test_leaving_without_a_report_closes_the_session(_own_session_db: Path) -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await say(pilot, TURNS[0])
        await pilot.press("escape", "escape")
        await picker(pilot)
        await pilot.pause()
    [one] = stored(_own_session_db)
    assert one.info.status == "afgebroken"


async def test_an_unfinished_session_is_offered_and_continues(_own_session_db: Path) -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:  # quit mid-way, as with ctrl+q
        first = await start(pilot)
        for text in TURNS[:2]:
            await say(pilot, text)
        replies = [ex.student for ex in first.session.exchanges]
        await pilot.press("ctrl+q")

    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumePrompt)
                    and bool(app.screen.query("#question")), "the resume question")
        question = str(app.screen.query_one("#question").render())
        assert "Doorgaan met je gesprek met Lotte van eerder vandaag (2 beurten)?" in question
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen), "the chat screen")
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        assert [ex.student for ex in chat.session.exchanges] == replies
        shown = [m for m in chat.query_one(ChatLog).query(ChatMessage) if m.role == "docent"]
        assert len(shown) == 2
        await say(pilot, TURNS[2])
        [one] = stored(_own_session_db)
        assert [ex.docent for ex in one.exchanges] == list(TURNS)
        await end(pilot)
    [one] = stored(_own_session_db)
    assert one.info.status == "klaar"


async def test_declining_to_resume_closes_the_old_session(_own_session_db: Path) -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await say(pilot, TURNS[0])
        await pilot.press("ctrl+q")
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumePrompt), "the resume question")
        await pilot.press("n")
        await picker(pilot)
    [one] = stored(_own_session_db)
    assert one.info.status == "afgebroken"
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:  # not offered again
        await picker(pilot)


async def test_history_lists_sessions_and_opens_a_report(_own_session_db: Path) -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        for texts in (TURNS[:1], TURNS):
            await start(pilot)
            for text in texts:
                await say(pilot, text)
            await end(pilot)
            await pilot.press("a")
        screen = await picker(pilot)
        screen.query_one("#scenarios").focus()
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.loaded,
                    "the history")
        history = app.screen
        table = history.query_one(DataTable)
        assert table.row_count == 2
        assert list(history.query_one(Sparkline).data or []) == [
            s.info.score for s in stored(_own_session_db)]
        trend = str(history.query_one("#trend").render())
        assert "2 gesprekken afgerond" in trend and "Lotte (oefening): 2×" in trend
        await pilot.press("enter")  # the newest: three turns
        await until(pilot, lambda: isinstance(app.screen, ReportScreen)
                    and app.screen.report is not None, "the old report")
        report = app.screen
        assert report.stored is not None and len(report.stored.exchanges) == 3
        await pilot.press("o")  # no new conversation from an old report
        assert app.screen is report
        await pilot.press("escape")
        assert app.screen is history
        await pilot.press("escape")
        assert isinstance(app.screen, ScenarioPicker)
        await pilot.press("ctrl+g")  # the footer key works with the filter focused too
        assert isinstance(app.screen, HistoryScreen)


async def test_a_busy_database_keeps_the_turn_and_stores_it_with_the_next(
        _own_session_db: Path) -> None:
    import sqlite3

    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        await say(pilot, TURNS[0])
        app.store.patience = 0.3  # type: ignore[union-attr]  # a short wait, for the test
        locker = sqlite3.connect(_own_session_db, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")  # another tab writes, far too long
        try:
            await say(pilot, TURNS[1])
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        assert len(chat.session.exchanges) == 2 and chat.recorder is not None
        assert chat.recorder.pending == 1
        assert any(n.title == "Nog niet bewaard" for n in app._notifications)
        assert len(stored(_own_session_db)[0].exchanges) == 1
        await say(pilot, TURNS[2])  # the lock is free: both waiting turns are stored
        assert chat.recorder.pending == 0
        [one] = stored(_own_session_db)
        assert [ex.docent for ex in one.exchanges] == list(TURNS)


def test_a_broken_database_stops_before_the_app(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import gesprekscoach.cli.app as command

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(command, "sys", type("sys", (), {"stdin": Terminal(), "stdout": Terminal()}))
    broken = tmp_path / "kapot.db"
    broken.write_bytes(b"dit is geen database" * 100)
    assert cli.main(["app", "--db", str(broken), "--docent", "x"]) == 2
    err = capsys.readouterr().err
    assert "geen leesbare sessiedatabase" in err and "Traceback" not in err
    assert broken.read_bytes() == b"dit is geen database" * 100
