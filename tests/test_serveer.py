"""``gesprekscoach serveer`` without a browser: options, address checks, the page, Ctrl+C.

The conversation itself in a real browser is tests/test_browser.py; these
run everywhere, Chromium or not.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
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


# ------------------------------------------------- guards on a real server

class RunningServer:
    """A ``gesprekscoach serveer`` process on 127.0.0.1 and its log, for the guard tests."""

    def __init__(self, tmp_path: Path) -> None:
        self.port = free_port()
        self.log = tmp_path / "serveer.log"
        self._out = open(self.log, "wb")  # noqa: SIM115 - open as long as the server runs
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gesprekscoach", "serveer", "--poort", str(self.port)],
            cwd=ROOT, stdout=self._out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=dict(os.environ, PYTHONUNBUFFERED="1"), start_new_session=True)
        deadline = time.monotonic() + 15
        while f"127.0.0.1:{self.port}" not in self.text():
            assert self.process.poll() is None and time.monotonic() < deadline, self.text()
            time.sleep(0.05)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str = "/", headers: dict[str, str] | None = None,
            skip_host: bool = False) -> tuple[int, str]:
        """A plain HTTP request with exactly these headers (http.client adds no Host if given)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            conn.putrequest("GET", path, skip_host=skip_host or "Host" in (headers or {}))
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            conn.endheaders()
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def stop(self) -> None:
        try:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGINT)
                self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            self._out.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    running = RunningServer(tmp_path_factory.mktemp("serveer"))
    try:
        yield running
    finally:
        running.stop()


def websocket_status(port: int, headers: dict[str, str]) -> int:
    """The status a websocket upgrade to /ws gets with these headers (101: a tab opened)."""
    import aiohttp

    async def attempt() -> int:
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            try:
                async with session.ws_connect(f"http://127.0.0.1:{port}/ws", headers=headers,
                                              origin=headers.get("Origin")) as ws:
                    await ws.close()
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    return asyncio.run(asyncio.wait_for(attempt(), timeout=15))


@pytest.mark.parametrize("headers", [
    {},                                           # curl: no Origin, Host as typed
    {"Host": "localhost:{port}"},
    {"Host": "[::1]:{port}"},
    {"Origin": "http://127.0.0.1:{port}"},        # the page itself
    {"Host": "localhost:{port}", "Origin": "http://localhost:{port}"},
])
def test_own_address_is_served(server: RunningServer, headers: dict[str, str]) -> None:
    status, html = server.get("/", {k: v.format(port=server.port) for k, v in headers.items()})
    assert status == 200 and "<title>gesprekscoach</title>" in html


@pytest.mark.parametrize("path", ["/", "/static/js/textual.js", "/ws", "/download/x"])
@pytest.mark.parametrize("headers", [
    {"Host": "evil.example:{port}"},                                   # DNS rebinding
    {"Host": "127.0.0.1:{other}"},                                     # another port
    {"Origin": "http://evil.example"},                                 # another website
    {"Origin": "http://evil.example:{port}"},
    {"Origin": "http://127.0.0.1:{other}"},
    {"Origin": "null"},                                                # a sandboxed page
    {"Host": "127.0.0.1:x"},
])
def test_other_addresses_are_refused(server: RunningServer, path: str,
                                     headers: dict[str, str]) -> None:
    filled = {k: v.format(port=server.port, other=server.port + 1) for k, v in headers.items()}
    status, text = server.get(path, filled)
    assert status == 403 and text.startswith("Geweigerd:")


def test_request_without_host_is_refused(server: RunningServer) -> None:
    status, _ = server.get("/", skip_host=True)
    assert status in (400, 403)  # aiohttp itself refuses HTTP/1.1 without Host
    deadline = time.monotonic() + 5
    while "een onleesbaar verzoek is geweigerd" not in server.text():
        assert time.monotonic() < deadline, server.text()
        time.sleep(0.05)
    assert "Traceback" not in server.text()


def test_websocket_from_another_website_is_refused(server: RunningServer) -> None:
    assert websocket_status(server.port, {"Origin": "http://evil.example"}) == 403
    assert websocket_status(server.port, {"Host": f"evil.example:{server.port}"}) == 403
    assert websocket_status(server.port, {"Origin": f"http://127.0.0.1:{server.port}"}) == 101
    text = server.text()
    assert "geweigerd: verzoek van een andere website (http://evil.example)" in text
    assert "Traceback" not in text


def test_junk_messages_do_not_crash_a_tab(server: RunningServer) -> None:
    """Junk and absurd sizes are skipped with one Dutch line; the tab and its app live on."""
    import aiohttp

    junk = ["niet json", "{}", "[]", "[1, 2]", '["resize", {"width": "x"}]', '["resize"]',
            '["resize", [80, 24]]', '["resize", {"width": NaN, "height": 1}]',
            '["resize", {"width": 1e400, "height": 1}]', '["stdin", 5]', '["stdin", "\\ud800"]',
            '["onzin"]', '["resize", {"width": 20000, "height": 20000}]',
            '["resize", {"width": -5, "height": 0}]']

    async def session() -> list[object]:
        timeout = aiohttp.ClientTimeout(total=20)
        url = f"http://127.0.0.1:{server.port}/ws?width=20000&height=x"
        async with aiohttp.ClientSession(timeout=timeout) as client, \
                client.ws_connect(url, origin=f"http://127.0.0.1:{server.port}") as ws:
            for text in junk:
                await ws.send_str(text)
            await ws.send_bytes(b"\x00\xff")
            await asyncio.sleep(2)  # room for the app to die, were it going to
            await ws.send_str('["ping", "nog daar"]')
            replies: list[object] = []
            async for message in ws:
                if message.type == aiohttp.WSMsgType.TEXT:
                    replies.append(message.json())
                    if replies[-1] == ["pong", "nog daar"]:
                        break
                elif message.type != aiohttp.WSMsgType.BINARY:
                    break  # closed: the tab's app ended
            closed = ws.closed
            await ws.close()
            return [closed, *replies]

    closed, *replies = asyncio.run(asyncio.wait_for(session(), timeout=30))
    assert not closed and ["pong", "nog daar"] in replies
    text = server.text()
    assert "Traceback" not in text and "Error" not in text
    assert text.count("een tabblad") == 1  # one line per tab, however much junk
    assert "begrensd tot 300×24" in text   # the first oddity: the width in the address


@pytest.mark.parametrize("data, size", [
    ({"width": 80, "height": 24}, (80, 24, False)),
    ({"width": 20000, "height": 20000}, (300, 100, True)),
    ({"width": 0, "height": -3}, (10, 4, True)),
    ({"width": 120.7, "height": 40}, (120, 40, False)),
])
def test_terminal_size_is_capped(data: dict[str, object], size: tuple[int, int, bool]) -> None:
    from gesprekscoach.tui.webserver import terminal_size

    assert terminal_size(data) == size


@pytest.mark.parametrize("data", [{"width": "x", "height": 2}, {"width": 3}, [80, 24], None,
                                  {"width": True, "height": 2}, {"width": float("inf"), "height": 2}])
def test_terminal_size_refuses_junk(data: object) -> None:
    from gesprekscoach.tui.webserver import terminal_size

    with pytest.raises(ValueError, match="'resize'"):
        terminal_size(data)


@pytest.mark.parametrize("bind, host, origin, ok", [
    ("0.0.0.0", "192.168.1.20:8000", "http://192.168.1.20:8000", True),   # a laptop in the group
    ("0.0.0.0", "127.0.0.1:8000", None, True),
    ("0.0.0.0", f"{socket.gethostname()}:8000", None, True),
    ("0.0.0.0", "evil.example:8000", None, False),
    ("0.0.0.0", "127.0.0.1:8000", "http://10.0.0.9:8000", False),          # another site's page
    ("::", "[fe80::1]:8000", None, True),
    ("::1", "localhost:8000", "http://localhost:8000", True),
    ("192.168.1.20", "192.168.1.20:8000", None, True),
    ("192.168.1.20", "127.0.0.1:8000", None, False),                       # not listening there
    ("192.168.1.20", "192.168.1.21:8000", None, False),
    ("127.0.0.1", "127.0.0.1", None, False),                               # port 80 is not ours
])
def test_address_guard(bind: str, host: str, origin: str | None, ok: bool) -> None:
    from gesprekscoach.tui.webserver import AddressGuard

    assert (AddressGuard(bind, 8000).refusal(host, origin) is None) is ok


# ------------------------------------- a training day: real tabs, the cap, stopping

def _bench() -> object:
    """scripts/bench_serveer.py: its Tab behaves like the page, its Serveer runs the server."""
    import importlib.util

    if "bench_serveer" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_serveer",
                                                      ROOT / "scripts" / "bench_serveer.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_serveer"] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["bench_serveer"]


def _alive(pids: list[int]) -> list[int]:
    bench = _bench()
    return [pid for pid in pids if Path(f"/proc/{pid}").exists() and bench._is_app(pid)]  # type: ignore[attr-defined]


def test_two_docents_talk_and_every_turn_is_stored(tmp_path: Path) -> None:
    """Two tabs at once give an alias, pick Daan and say two turns; all four are stored."""
    import aiohttp

    bench = _bench()
    server = bench.Serveer(tmp_path)  # type: ignore[attr-defined]
    try:
        async def both() -> list[object]:
            async with aiohttp.ClientSession() as session:
                return list(await asyncio.gather(*(
                    bench.one_docent(server.url, server.db, alias, 2, session, 40.0)  # type: ignore[attr-defined]
                    for alias in ("docent-a", "docent-b"))))

        runs = asyncio.run(asyncio.wait_for(both(), timeout=90))
        assert [r.error for r in runs] == ["", ""] and not any(r.closed_early for r in runs)  # type: ignore[attr-defined]
        assert bench.stored_turns(server.db) == {"docent-a": 2, "docent-b": 2}  # type: ignore[attr-defined]
    finally:
        server.stop()
    assert "Traceback" not in server.text()


def test_beyond_the_cap_a_dutch_page(tmp_path: Path) -> None:
    """With --max-tabbladen 1, a second tab gets 'alle plaatsen bezet' (503); once the first
    closes, the next one is served again."""
    import aiohttp

    bench = _bench()
    server = bench.Serveer(tmp_path, "--max-tabbladen", "1")  # type: ignore[attr-defined]
    try:
        async def day() -> None:
            async with aiohttp.ClientSession() as session:
                first = bench.Tab(server.url)  # type: ignore[attr-defined]
                await first.open(session)
                assert await first.wait_for(bench.FIRST_SCREEN, 30)  # type: ignore[attr-defined]
                async with session.get(server.url + "/") as response:
                    assert response.status == 503
                    page = await response.text()
                assert "Alle plaatsen zijn bezet" in page and "1 oefengesprekken" in page
                assert '<html lang="nl">' in page and "http" not in page.replace("http-equiv", "")
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await bench.Tab(server.url).open(session)  # type: ignore[attr-defined]
                assert refused.value.status == 503
                await first.close()
                for _ in range(100):
                    async with session.get(server.url + "/") as response:
                        if response.status == 200:
                            break
                    await asyncio.sleep(0.1)
                assert response.status == 200

        asyncio.run(asyncio.wait_for(day(), timeout=60))
    finally:
        server.stop()
    text = server.text()
    assert text.count("alle 1 plaatsen zijn bezet") == 1 and "Traceback" not in text


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGHUP])
def test_stop_ends_the_apps_first_then_quietly(tmp_path: Path, signum: int) -> None:
    """Ctrl+C (or closing the terminal) with three tabs open: every app has ended when the
    server exits, within a few seconds, with code 0 and not one traceback."""
    import aiohttp

    bench = _bench()
    server = bench.Serveer(tmp_path)  # type: ignore[attr-defined]
    try:
        async def open_three() -> list[object]:
            session = aiohttp.ClientSession()
            tabs = [bench.Tab(server.url) for _ in range(3)]  # type: ignore[attr-defined]
            for tab in tabs:
                await tab.open(session)
            for tab in tabs:
                assert await tab.wait_for(bench.FIRST_SCREEN, 40)  # type: ignore[attr-defined]
            assert len(server.app_pids()) == 3
            pids = server.processes()  # and the starter they were forked from
            assert len(pids) == 4
            start = time.monotonic()
            os.killpg(server.process.pid, signum)
            while server.process.poll() is None and time.monotonic() - start < 10:
                await asyncio.sleep(0.05)
            alive_at_exit = _alive(pids)
            closed = [tab.closed for tab in tabs]
            await session.close()
            return [server.process.poll(), time.monotonic() - start, alive_at_exit, closed]

        code, seconds, alive_at_exit, closed = asyncio.run(asyncio.wait_for(open_three(), timeout=90))
        assert code == 0 and seconds < 6 and alive_at_exit == []
        assert closed == [True, True, True]
    finally:
        server.stop()
    text = server.text()
    assert "gesprekscoach serveer is gestopt." in text
    assert text.rstrip().endswith("gesprekscoach serveer is gestopt.")  # nothing after it
    for noise in ("Traceback", "Event loop is closed", "RuntimeError", "KeyboardInterrupt"):
        assert noise not in text


def test_a_killed_server_leaves_no_apps_behind(tmp_path: Path) -> None:
    """kill -9 of the server (or a crash): Linux ends its starter and apps, none hang on."""
    import aiohttp

    bench = _bench()
    server = bench.Serveer(tmp_path)  # type: ignore[attr-defined]
    try:
        async def kill() -> list[int]:
            async with aiohttp.ClientSession() as session:
                tab = bench.Tab(server.url)  # type: ignore[attr-defined]
                await tab.open(session)
                assert await tab.wait_for(bench.FIRST_SCREEN, 40)  # type: ignore[attr-defined]
                pids = server.processes()
                assert len(pids) == 2  # the tab's app and the starter
                os.killpg(server.process.pid, signal.SIGKILL)
                server.process.wait(timeout=5)
                for _ in range(50):
                    if not _alive(pids):
                        break
                    await asyncio.sleep(0.1)
                return _alive(pids)

        assert asyncio.run(asyncio.wait_for(kill(), timeout=60)) == []
    finally:
        server.stop()


@pytest.mark.parametrize("value", ["0", "-3", "5000"])
def test_impossible_tab_cap(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serveer", "--poort", str(free_port()), "--max-tabbladen", value]) == 2
    err = capsys.readouterr().err
    assert "--max-tabbladen" in err and "Traceback" not in err
