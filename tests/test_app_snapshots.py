"""Snapshots of the app at 80×24: the picker, a conversation half-way, the report.

Built from the fixture scenarios in ``tests/fixtures/app`` (never the shipped
ones, which trainers change). Update after a deliberate change with
``scripts/test tests/test_app_snapshots.py --snapshot-update`` and look at
the SVGs in ``tests/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from gesprekscoach.tui.app import make_app
from gesprekscoach.tui.screens.chat import ChatScreen
from gesprekscoach.tui.screens.report import ReportScreen
from gesprekscoach.tui.screens.scenario_picker import ScenarioPicker

HERE = Path(__file__).parent
SIZE = (80, 24)
TURNS = (
    "Hoi Lotte, waar wil je het vandaag over hebben?",
    "Wat gebeurde er toen je alleen was met de klant?",
    "Hoe voelde dat, zo alleen?",
    "Je moet gewoon een cursus kleuren doen.",
)


@pytest.fixture(autouse=True)
def _relative_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from tests/, so file names in the picker are the same on every machine."""
    monkeypatch.chdir(HERE)


def _app(theme: str = "textual-dark"):  # type: ignore[no-untyped-def]
    app = make_app(user_folder="fixtures/app", shipped=False, warm_up=False, docent="docent")
    app.theme = theme
    return app


async def _wait(pilot: Pilot, condition) -> None:  # type: ignore[no-untyped-def]
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("timed out")


def _steady(pilot: Pilot) -> None:
    """No blinking cursor: the picture must not depend on the moment it is taken."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


async def _picker(pilot: Pilot) -> None:
    await _wait(pilot, lambda: isinstance(pilot.app.screen, ScenarioPicker) and pilot.app.screen.loaded)
    _steady(pilot)
    await pilot.pause()


async def _chat(pilot: Pilot) -> None:
    await _picker(pilot)
    await pilot.press("enter")
    await _wait(pilot, lambda: isinstance(pilot.app.screen, ChatScreen))
    for text in TURNS:
        pilot.app.screen.query_one("#input", Input).value = text
        await pilot.press("enter")
    _steady(pilot)
    await pilot.pause()


async def _report(pilot: Pilot) -> None:
    await _chat(pilot)
    await pilot.press("ctrl+r")
    await _wait(pilot, lambda: isinstance(pilot.app.screen, ReportScreen)
                and pilot.app.screen.report is not None)
    await pilot.pause()


def test_picker(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=SIZE, run_before=_picker)


def test_picker_light(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app("textual-light"), terminal_size=SIZE, run_before=_picker)


def test_conversation_midway(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=SIZE, run_before=_chat)


def test_conversation_midway_light(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app("textual-light"), terminal_size=SIZE, run_before=_chat)


def test_report(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=SIZE, run_before=_report)
