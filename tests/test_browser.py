"""The app in a real browser: scripts/browser_check.py against ``gesprekscoach serveer``.

Two docents in two browser contexts at once each pick a student, say two
turns, see the student's replies and their report; then the server is
stopped with Ctrl+C. The check runs once, in its own process group with a
hard time limit, and these tests read its result. Without Chromium (or
Playwright) every test here is skipped with the install command; see
scripts/browser_check.py for how the page is read.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "browser_check.py"

_spec = importlib.util.spec_from_file_location("browser_check", SCRIPT)
assert _spec is not None and _spec.loader is not None
browser_check = importlib.util.module_from_spec(_spec)
sys.modules["browser_check"] = browser_check  # dataclasses look their module up there
_spec.loader.exec_module(browser_check)

#: The script stops itself after TOTAL_TIMEOUT; this is the backstop if even that fails.
BACKSTOP = browser_check.TOTAL_TIMEOUT + 10


@pytest.fixture(scope="module")
def check(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    reason = browser_check.missing()
    if reason:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("browser")
    result_file = out / "resultaat.json"
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--uit", str(out), "--json", str(result_file)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=BACKSTOP)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        pytest.fail(f"browser_check liep langer dan {BACKSTOP:.0f} s:\n{output}")
    if not result_file.exists():
        pytest.fail(f"browser_check gaf geen resultaat (code {process.returncode}):\n{output}")
    result: dict[str, Any] = json.loads(result_file.read_text(encoding="utf-8"))
    result["output"] = output
    return result


def no_error(result: dict[str, Any]) -> None:
    assert not result["error"], result["output"]


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_replies_and_report_in_the_browser(check: dict[str, Any]) -> None:
    no_error(check)
    for tab in check["tabs"]:
        for turn in tab["turns"]:
            # The first words of the reply the student model gives stand on the screen.
            assert turn["shown_as"], (tab["name"], turn)
            assert browser_check.first_words(turn["expected_reply"]) in turn["shown_as"]
            assert turn["seconds"] < 10
        assert f"Cijfer {tab['expected_score']} / 100" in tab["score_row"]
        assert not tab["reloaded"], "ctrl+r herlaadde de pagina in plaats van het rapport te tonen"


def test_two_tabs_hold_independent_conversations(check: dict[str, Any]) -> None:
    no_error(check)
    a, b = check["tabs"]
    assert a["student"] != b["student"]
    assert not a["other_tab_text_seen"] and not b["other_tab_text_seen"]
    assert check["app_processes"] >= 2, "elk tabblad hoort een eigen app-proces te hebben"


def test_ctrl_c_stops_server_and_tabs_cleanly(check: dict[str, Any]) -> None:
    no_error(check)
    assert check["stop_exit_code"] == 0, check["stop_output"]
    assert check["stop_seconds"] < browser_check.SERVER_STOP_TIMEOUT
    assert not check["stop_traceback"]
    assert "gesprekscoach serveer is gestopt." in check["stop_output"]
    assert all(tab["closed_notice"] for tab in check["tabs"])


def test_screenshots_at_1280_by_800(check: dict[str, Any]) -> None:
    no_error(check)
    shots = [shot for tab in check["tabs"] for shot in tab["screenshots"]]
    names = {Path(shot).name for shot in shots}
    assert {"tab-a-kiezen.png", "tab-a-gesprek.png", "tab-b-gesprek.png",
            "tab-a-rapport.png", "tab-b-rapport.png"} <= names
    for shot in shots:
        assert png_size(shot) == (1280, 800)


def test_both_tabs_are_stored(check: dict[str, Any]) -> None:
    no_error(check)
    stored = {(s["docent"], s["scenario"]): s for s in check["stored"]}
    for plan in browser_check.PLANS:
        session = stored.get((plan.alias, plan.scenario))
        assert session is not None, (plan.alias, plan.scenario, check["stored"])
        assert session["turns"] == len(plan.turns)
        assert session["status"] == "klaar"


def test_saving_the_report_in_the_browser_is_a_download(check: dict[str, Any]) -> None:
    no_error(check)
    tab = check["tabs"][0]
    assert tab["download_name"].startswith("rapport-") and tab["download_name"].endswith(".md")
    assert tab["download_head"].startswith("# Gespreksrapport")
