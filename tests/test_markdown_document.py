"""One Markdown document per session: the app's "opslaan" writes the bytes that
``gesprekscoach rapport --formaat md`` writes for the same stored session,
with the coding of every turn under it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_cli
from test_app import CONVERSATION, INJECTION, SIZE, end, fixture_app, say, start, until

from gesprekscoach.storage.store import Store
from gesprekscoach.tui.screens.report import ReportScreen
from gesprekscoach.tui.screens.save_prompt import SavePrompt


async def _save(pilot, report: ReportScreen) -> Path:  # type: ignore[no-untyped-def]
    await pilot.press("s")
    await until(pilot, lambda: isinstance(pilot.app.screen, SavePrompt), "the save prompt")
    await pilot.press("enter")
    await until(pilot, lambda: report.saved is not None, "the file to be written")
    assert report.saved is not None
    return report.saved


async def test_the_app_saves_the_very_document_rapport_writes(
        _own_session_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await say(pilot, CONVERSATION[0])
        await say(pilot, INJECTION)          # text to escape
        await pilot.press("ctrl+s")          # a deliberate silence
        await pilot.pause()
        await say(pilot, CONVERSATION[1])
        report = await end(pilot)
        saved = await _save(pilot, report)
    with Store.open(_own_session_db) as store:
        (info,) = store.list_sessions("docent")
    target = tmp_path / "uit-de-cli.md"
    code, _, _ = run_cli(capsys, "rapport", info.id, "--formaat", "md", "-o", target,
                         "--db", _own_session_db)
    assert code == 0
    assert saved.read_bytes() == target.read_bytes()
    text = saved.read_text("utf-8")
    assert text.startswith("# Gespreksrapport: docent met Lotte\n")
    assert f"- **Sessie:** {info.id}" in text
    assert "3. **Docent:** *(stilte)*" in text
    assert "\\[/b\\] \\[red \\[/\\]" in text  # the docent's brackets stay text
    turns = text.split("## Het gesprek", 1)[1]
    assert turns.count("boog: ") == 4          # the coding of every turn, under it
    assert "   *open vraag · fase: opening · boog: " in turns


async def test_unkept_conversation_is_saved_in_the_same_shape(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = fixture_app(record=False)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        for text in CONVERSATION[:2]:
            await say(pilot, text)
        report = await end(pilot)
        saved = await _save(pilot, report)
    text = saved.read_text("utf-8")
    assert text.startswith("# Gespreksrapport: gesprek met Lotte\n")
    assert "- **Soort:** oefening (oefenen)" in text and "- **Datum:** " in text
    assert "## Rapport\n\n**Cijfer: " in text and "### Gespreksregels" in text
    assert text.split("## Het gesprek", 1)[1].count("boog: ") == 2
