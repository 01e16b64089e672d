"""``gesprekscoach serveer`` without a browser: options, address checks, the page, Ctrl+C.

The conversation itself in a real browser is tests/test_browser.py; these
run everywhere, Chromium or not.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from gesprekscoach.cli import main as cli
from gesprekscoach.cli import serveer
from gesprekscoach.storage.paths import DB_ENV

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_listed_in_the_main_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert "serveer" in cli.COMMANDS
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "serveer" in out and "browser" in out


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serveer", "--help"]) == 0
    out = capsys.readouterr().out
    for phrase in ("gebruik: gesprekscoach serveer", "--poort POORT", "--host ADRES",
                   "0.0.0.0", "iedereen", "Ctrl+C", "voorbeelden:", "tabblad"):
        assert phrase in out


def test_port_in_use_is_a_dutch_message(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serveer", "--poort", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"poort {port} is al in gebruik" in err and "--poort" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("port", ["0", "70000", "-1"])
def test_impossible_port(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serveer", "--poort", port]) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_address_of_another_computer(capsys: pytest.CaptureFixture[str]) -> None:
    # 192.0.2.1 is a documentation address: binding to it fails here, and sends nothing.
    assert cli.main(["serveer", "--host", "192.0.2.1", "--poort", str(free_port())]) == 2
    assert "hoort niet bij deze computer" in capsys.readouterr().err


def test_bad_scenario_is_reported_before_serving(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "bestaat-niet.yaml"
    assert cli.main(["serveer", "--poort", str(free_port()), "--scenario", str(missing)]) == 2
    assert "bestaat-niet.yaml" in capsys.readouterr().err


@pytest.mark.parametrize("host, loopback, url", [
    ("127.0.0.1", True, "http://127.0.0.1:8000"),
    ("localhost", True, "http://localhost:8000"),
    ("::1", True, "http://[::1]:8000"),
    ("0.0.0.0", False, "http://127.0.0.1:8000"),
    ("::", False, "http://127.0.0.1:8000"),
    ("192.168.1.20", False, "http://192.168.1.20:8000"),
])
def test_banner_warns_beyond_this_computer(host: str, loopback: bool, url: str) -> None:
    assert serveer.is_loopback(host) is loopback
    text = serveer.banner(host, 8000)
    assert f"Open in je browser: {url}" in text
    assert ("Let op" in text) is not loopback
    if not loopback:
        assert "Iedereen op hetzelfde netwerk" in text and "vertrouwd netwerk" in text


def test_each_tab_runs_the_app_with_this_python(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    """The command textual-serve runs per tab, and the database the apps inherit."""
    from gesprekscoach.tui import webserver

    seen: dict[str, object] = {}

    def fake_serve(self: webserver.CoachServer, debug: bool = False) -> None:
        seen.update(command=self.command, host=self.host, port=self.port,
                    banner=self.banner, db=os.environ.get(DB_ENV))

    monkeypatch.setattr(webserver.CoachServer, "serve", fake_serve)
    scenario = ROOT / "gesprekscoach" / "data" / "scenarios" / "daan-ict-twijfel.yaml"
    port = free_port()
    db = tmp_path / "groep.db"
    assert cli.main(["serveer", "--poort", str(port), "--proef", "--seed", "4",
                     "--scenario", str(scenario), "--db", str(db)]) == 0
    assert seen["command"] == serveer.shlex.join(
        [sys.executable, "-m", "gesprekscoach", "app", "--scenario", str(scenario),
         "--proef", "--seed", "4"])
    assert seen["host"] == "127.0.0.1" and seen["port"] == port
    assert seen["db"] == str(db.resolve())
    assert f"http://127.0.0.1:{port}" in str(seen["banner"])


def test_page_is_dutch_and_needs_no_internet() -> None:
    from gesprekscoach.tui.webserver import page

    html = page()
    assert '<html lang="nl">' in html and "<title>gesprekscoach</title>" in html
    assert "Dit oefengesprek is afgesloten." in html and "Opnieuw beginnen" in html
    assert "https://" not in html and "http://" not in html  # no font site, no fixed host
    assert "$FONT_SIZE" in html


def test_serves_the_page_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    """A real server: the page and textual.js load, and Ctrl+C ends it quietly with code 0."""
    port = free_port()
    log = tmp_path / "serveer.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gesprekscoach", "serveer", "--poort", str(port)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=dict(os.environ, PYTHONUNBUFFERED="1"), start_new_session=True)
        try:
            deadline = time.monotonic() + 15
            while f"127.0.0.1:{port}" not in log.read_text() and time.monotonic() < deadline:
                assert process.poll() is None, log.read_text()
                time.sleep(0.05)
            base = f"http://127.0.0.1:{port}"
            with urllib.request.urlopen(f"{base}/?fontsize=20", timeout=5) as response:
                html = response.read().decode()
            assert "<title>gesprekscoach</title>" in html and 'data-font-size="20"' in html
            with urllib.request.urlopen(f"{base}/static/js/textual.js", timeout=5) as response:
                assert response.status == 200
            start = time.monotonic()
            os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C in the terminal does
            assert process.wait(timeout=10) == 0
            assert time.monotonic() - start < 5
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
    text = log.read_text()
    assert "Open in je browser" in text and "gesprekscoach serveer is gestopt." in text
    assert "Traceback" not in text and "Let op" not in text
