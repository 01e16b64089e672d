"""Hostile and broken files (issue 15, items 5 and 7): never a traceback, never a lost app.

A 2 KB scenario nested 1000 levels deep and a symbolic link that loops are
given to every command that reads scenarios, as real processes with a time
limit; the same files in the docent's own folder are listed in the picker
with their error while the good student still starts. Control characters a
docent typed (a terminal reset, a title change, a right-to-left override)
come out of every report format escaped, and JSON keeps them exactly.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gesprekscoach import yamlnodes
from gesprekscoach.errors import UserError
from gesprekscoach.output.format import csv_cell, esc, printable
from gesprekscoach.trainerfile import parse
from gesprekscoach.tui.app import make_app
from gesprekscoach.tui.screens.scenario_picker import ScenarioPicker

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "app"
LOTTE = FIXTURES / "lotte-kapper.yaml"
#: Raw control characters no output may hold (tab, newline and carriage return are layout).
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
DEEP = "a: " + "[" * 1000 + "]" * 1000 + "\n"  # 2 KB, 1000 levels


def run(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gesprekscoach", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL,
                          env=dict(os.environ, GESPREKSCOACH_DB=str(cwd / "sessies.db"),
                                   XDG_CONFIG_HOME=str(cwd / "config")))


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    (tmp_path / "diep.yaml").write_text(DEEP, encoding="utf-8")
    (tmp_path / "blokken.yaml").write_text("".join("  " * i + "k:\n" for i in range(60)), "utf-8")
    os.symlink("lus-b.yaml", tmp_path / "lus-a.yaml")
    os.symlink("lus-a.yaml", tmp_path / "lus-b.yaml")
    (tmp_path / "beurten.txt").write_text("Hoe gaat het?\n", encoding="utf-8")
    return tmp_path


DEEP_MESSAGE = "lagen diep in elkaar"
LOOP_MESSAGE = "symbolische link die nergens uitkomt"


@pytest.mark.parametrize("name, where, message", [
    ("diep.yaml", "diep.yaml:1:", DEEP_MESSAGE),
    ("blokken.yaml", "blokken.yaml:41:", DEEP_MESSAGE),
    ("lus-a.yaml", "lus-a.yaml", LOOP_MESSAGE),
])
@pytest.mark.parametrize("command", ["controleer", "simuleer", "app", "serveer"])
def test_every_command_refuses_the_file_in_dutch(hostile: Path, command: str, name: str,
                                                 where: str, message: str) -> None:
    args = {"controleer": ["controleer", name], "simuleer": ["simuleer", name, "beurten.txt"],
            "app": ["app", "--scenario", name],
            "serveer": ["serveer", "--poort", "0", "--scenario", name]}[command]
    result = run(*args, cwd=hostile)
    assert result.returncode == 2, result.stderr
    out = result.stdout + result.stderr
    assert where in out and message in out
    assert "Traceback" not in out and "Error" not in out
    assert len(out.splitlines()) <= 3


def test_a_link_loop_to_a_folder_is_named(tmp_path: Path) -> None:
    os.symlink(tmp_path / "map", tmp_path / "map")
    result = run("controleer", "map", cwd=tmp_path)
    assert result.returncode == 2 and LOOP_MESSAGE in result.stdout + result.stderr


def test_deep_nesting_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pure-Python parser recurses per level: it must end in the same message."""
    monkeypatch.setattr(yamlnodes, "_FAST_LOADER", yaml.SafeLoader)
    document = yamlnodes.compose(DEEP, "diep.yaml")
    assert document.root is None
    [problem] = document.problems
    assert DEEP_MESSAGE in problem.message and problem.line == 1 and problem.column == 43


@pytest.mark.parametrize("depth, ok", [(yamlnodes.MAX_DEPTH - 1, True), (yamlnodes.MAX_DEPTH, True),
                                       (yamlnodes.MAX_DEPTH + 1, False), (300, False)])
def test_the_depth_limit(depth: int, ok: bool) -> None:
    text = "a: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"  # the block counts as one level
    document = yamlnodes.compose(text, "x.yaml")
    assert (not document.problems) is ok
    if not ok:
        assert DEEP_MESSAGE in document.problems[0].message


def test_a_deep_trainer_file_is_a_dutch_problem() -> None:
    with pytest.raises(UserError) as caught:
        parse(DEEP, "normen.yaml")
    assert DEEP_MESSAGE in str(caught.value.problems[0].message)
    assert caught.value.problems[0].path == "normen.yaml"


async def test_picker_lists_hostile_files_and_the_good_student_starts(hostile: Path) -> None:
    folder = hostile / "eigen"
    folder.mkdir()
    for name in ("diep.yaml", "lus-a.yaml", "lus-b.yaml"):
        os.replace(hostile / name, folder / name)
    (folder / "lotte.yaml").write_text(LOTTE.read_text("utf-8"), "utf-8")
    app = make_app(user_folder=folder, shipped=False, warm_up=False, docent="docent",
                   db=hostile / "sessies.db")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(500):
            if isinstance(app.screen, ScenarioPicker) and app.screen.loaded:
                break
            await pilot.pause(0.01)
        screen = app.screen
        assert isinstance(screen, ScenarioPicker) and screen.loaded
        broken = {Path(e.path).name: " ".join(e.problems) for e in screen.entries if not e.ok}
        assert set(broken) == {"diep.yaml", "lus-a.yaml", "lus-b.yaml"}
        assert DEEP_MESSAGE in broken["diep.yaml"] and LOOP_MESSAGE in broken["lus-a.yaml"]
        screen.query_one("#filter").value = "lotte"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(500):
            if type(app.screen).__name__ == "ChatScreen":
                break
            await pilot.pause(0.01)
        assert type(app.screen).__name__ == "ChatScreen"


# ------------------------------------------------------------------ control characters

HOSTILE_TURN = "Hoe ging je stage?\x1bc\x1b]0;GEHACKT\x07 en \u202eomgekeerd \x9b31m \x08\x00x"


@pytest.mark.parametrize("fmt", ["tekst", "md", "html", "csv", "json"])
def test_reports_escape_control_characters(tmp_path: Path, fmt: str) -> None:
    transcript = tmp_path / "gesprek.txt"
    transcript.write_text(f"D: {HOSTILE_TURN.replace(chr(0), '')}\nS: Goed\x1b[2J wel.\n"
                          "D: Wat maakte het zwaar?\nS: De \x1b[31mdrukte\x1b[0m.\n", "utf-8")
    assert run("importeer", "gesprek.txt", "--docent", "anna", cwd=tmp_path).returncode == 0
    for args in (["rapport", "laatste"], ["voortgang", "--docent", "anna"]):
        result = run(*args, "--formaat", fmt, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert not RAW_CONTROL.findall(result.stdout)
        if fmt == "json":
            json.loads(result.stdout)  # still valid JSON
    report = run("rapport", "laatste", "--formaat", fmt, cwd=tmp_path).stdout
    if fmt == "json":  # escaped, and read back exactly as the docent typed it
        assert "\\u001bc" in report and "\\u202e" in report
        assert any("\x1bc\x1b]0;GEHACKT\x07 en \u202eomgekeerd \x9b31m" in text
                   for text in strings(json.loads(report)))
    elif fmt != "csv":  # the CSV has one row of figures, no turns
        assert "\\x1bc" in report and "GEHACKT" in report and "\\u202e" in report


def strings(value: object) -> list[str]:
    """Every text in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for item in value.values() for t in strings(item)]
    if isinstance(value, list):
        return [t for item in value for t in strings(item)]
    return []


@pytest.mark.parametrize("text, out", [
    ("gewoon\ttekst\nregel", "gewoon\ttekst\nregel"),
    ("\x1bc", "\\x1bc"),
    ("\x9b31m", "\\x9b31m"),
    ("\u202eab", "\\u202eab"),
    ("a\x00b", "a\\x00b"),
])
def test_printable(text: str, out: str) -> None:
    assert printable(text) == out
    assert printable(printable(text)) == out  # once is enough: nothing left to escape


def test_json_escapes_stay_json() -> None:
    assert json.loads(printable(json.dumps("\u202e\x9b", ensure_ascii=False), as_json=True)) == "\u202e\x9b"


def test_html_and_csv_cells() -> None:
    assert esc("<b>\x1b[2J</b>") == "&lt;b&gt;\\x1b[2J&lt;/b&gt;"
    assert csv_cell("=1+1\x07") == "'=1+1\\x07"
