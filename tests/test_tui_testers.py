"""What independent user testers found in the app's screens, each driven through the pilot.

The alias field (prefilled but selected, empty in the browser, app wording),
undo that says where the turn went, the chat that follows a new turn after
paging back, progress per student in the history, toasts that stay above the
input on a small terminal, and a silence that the report calls a silence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app import CONVERSATION, SIZE, end, fixture_app, picker, say, start, until
from textual.widgets import Input
from textual.widgets._toast import Toast

from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.storage.recording import Recorder
from gesprekscoach.storage.store import Store
from gesprekscoach.tui.app import CoachApp
from gesprekscoach.tui.screens.alias_prompt import AliasPrompt
from gesprekscoach.tui.screens.history import HistoryScreen
from gesprekscoach.tui.widgets.chat_log import ChatLog
from gesprekscoach.tui.widgets.turn_codes import TurnCodes

SHIPPED = Path(__file__).parent.parent / "gesprekscoach" / "data" / "scenarios"


def _earlier_docent(db: Path, alias: str = "Marieke") -> None:
    with Store.open(db) as store:
        store.start_session(alias, None, kind="transcript", mode=None, seed=None)


async def _alias_field(pilot) -> Input:  # type: ignore[no-untyped-def]
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, AliasPrompt), "the alias prompt")
    await pilot.pause()
    return app.screen.query_one("#alias", Input)


async def test_a_prefilled_alias_is_replaced_by_typing(_own_session_db: Path) -> None:
    _earlier_docent(_own_session_db)
    app = fixture_app(docent=None)
    async with app.run_test(size=SIZE) as pilot:
        field = await _alias_field(pilot)
        assert field.value == "Marieke"
        assert field.selected_text == "Marieke"  # all selected: Enter keeps, typing replaces
        await pilot.press(*"Youssef")
        assert field.value == "Youssef"
        await pilot.press("enter")
        await picker(pilot)
        assert app.docent == "Youssef"


async def test_in_the_browser_the_alias_starts_empty(_own_session_db: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _earlier_docent(_own_session_db)
    monkeypatch.setattr(CoachApp, "is_web", property(lambda self: True))
    app = fixture_app(docent=None)
    async with app.run_test(size=SIZE) as pilot:
        field = await _alias_field(pilot)
        assert field.value == ""  # the previous docent's name, and history, stay hidden
        await pilot.press("enter")
        assert isinstance(app.screen, AliasPrompt) and app.docent is None


async def test_an_empty_alias_is_refused_in_app_words(_own_session_db: Path) -> None:
    app = fixture_app(docent=None)
    async with app.run_test(size=SIZE) as pilot:
        field = await _alias_field(pilot)
        field.value = "   "
        await pilot.press("enter")
        problem = str(app.screen.query_one("#problem").render())
        assert isinstance(app.screen, AliasPrompt)
        assert "alias" in problem and "Enter" in problem
        assert "--docent" not in problem and "NAAM" not in problem


async def test_undo_says_the_turn_is_back_and_typing_replaces_it() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        await say(pilot, CONVERSATION[0])
        await say(pilot, CONVERSATION[1])
        await pilot.press("ctrl+z")
        await pilot.pause()
        field = chat.query_one("#input", Input)
        assert field.value == CONVERSATION[1] and field.selected_text == CONVERSATION[1]
        assert any("staat weer in het invoerveld" in n.message for n in app._notifications)
        await pilot.press(*"Wat deed je toen?", "enter")
        assert [ex.docent for ex in chat.session.exchanges] == [CONVERSATION[0], "Wat deed je toen?"]


async def test_a_new_turn_is_shown_after_paging_back() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        for text in CONVERSATION:
            await say(pilot, text)
        log = chat.query_one(ChatLog)
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert log.scroll_y < log.max_scroll_y
        await say(pilot, "Wat neem je hiervan mee?")
        await say(pilot, "En wat nog meer?")
        await pilot.pause(0.05)
        assert log.scroll_y == log.max_scroll_y and not log._anchor_released
        newest = log.live[-1]
        assert newest.turn == len(CONVERSATION) + 2
        assert newest.region.bottom <= log.region.bottom  # on screen, not below it


def _finished(store: Store, scenario: str, turns: tuple[str, ...] = CONVERSATION[:3]) -> None:
    recorder = Recorder.start(store, load_scenario(SHIPPED / f"{scenario}.yaml"), docent="docent")
    for text in turns:
        recorder.session.say(text)
    recorder.finish()


async def _history_trend(pilot) -> str:  # type: ignore[no-untyped-def]
    app = pilot.app
    screen = await picker(pilot)
    screen.query_one("#scenarios").focus()
    await pilot.press("h")
    await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.loaded,
                "the history")
    return str(app.screen.query_one("#trend").render())


STUDENTS = ("sanne-zorg-incident", "daan-ict-twijfel", "kevin-bouw-stil",
            "yasmina-niveau4-hbo", "emma-dierenzorg-autisme")


async def test_history_counts_every_talk_and_says_what_gives_progress(_own_session_db: Path) -> None:
    with Store.open(_own_session_db) as store:
        for scenario in STUDENTS:
            _finished(store, scenario)
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        trend = await _history_trend(pilot)
    assert "5 gesprekken afgerond" in trend
    assert "zodra je een student twee keer gesproken hebt" in trend
    assert "eerste afgeronde gesprek" not in trend


async def test_history_shows_each_student_talked_to_twice(_own_session_db: Path) -> None:
    with Store.open(_own_session_db) as store:
        for scenario in (*STUDENTS, "sanne-zorg-incident", "daan-ict-twijfel"):
            _finished(store, scenario)
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        trend = await _history_trend(pilot)
    assert "7 gesprekken afgerond" in trend
    assert "Sanne" in trend and "Daan" in trend and "2×" in trend
    assert "Kevin" not in trend  # one talk: no series yet


async def test_toasts_stay_above_the_input_on_a_small_terminal() -> None:
    from textual.widgets._toast import ToastRack

    app = fixture_app()
    async with app.run_test(size=(60, 20), notifications=True) as pilot:
        chat = await start(pilot)
        await say(pilot, CONVERSATION[0])
        await say(pilot, CONVERSATION[1])
        await pilot.press("ctrl+z")
        await pilot.pause(0.1)
        field = chat.query_one("#input", Input)
        rack = chat.get_child_by_type(ToastRack)
        toasts = list(rack.query(Toast))
        assert toasts
        # The rack is hidden itself (no region), its toasts are not; it always shows a scrollbar.
        inside = 60 - (rack.scrollbar_size_vertical if rack.show_vertical_scrollbar else 0)
        for toast in toasts:
            assert toast.region.bottom <= field.region.y, "a toast covers the input line"
            assert toast.region.right <= inside, "a toast is cut off by the scrollbar"
            assert toast.region.width >= 30  # room for the words, not a sliver


async def test_the_report_calls_a_silence_a_silence() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await say(pilot, CONVERSATION[0])
        await pilot.press("ctrl+s")
        await say(pilot, CONVERSATION[1])
        report = await end(pilot)
        await until(pilot, lambda: bool(report.query(TurnCodes)) and bool(
            report.query_one(TurnCodes).exchanges), "the turn codes")
        await pilot.pause()
        lines = report.query_one(TurnCodes).plain().splitlines()
    silence = next(i for i, line in enumerate(lines) if "(stilte)" in line)
    assert lines[silence + 1].strip().startswith("↳ stilte")
