"""A training day on one laptop: N docenten at once in ``gesprekscoach serveer``.

Run:  .venv/bin/python scripts/bench_serveer.py [--tabs 1 20 40] [--beurten 2] [--herhaal 1]

For every tab count it starts a real ``gesprekscoach serveer`` on a free
loopback port with a fresh session database, and opens that many tabs at
once as websocket clients that behave like the page (the same Origin, the
same messages textual.js sends). Each tab gives an alias, picks a student by
typing in the picker's filter, says its turns, and waits until each turn is
in the database. Then the server is stopped with SIGINT, as Ctrl+C does.

It prints medians (and the slowest) of: time to first screen (the alias
question on the tab's terminal), time from Enter to the turn being stored,
memory per tab (PSS and RSS of each tab's app process, read from /proc), the
turns stored against the turns said, tabs closed early, refusals, and how
long the stop took and whether any app outlived it. Linux only (/proc).
Nothing is downloaded.

Importable: :class:`Tab` and :class:`Serveer` are what tests/test_serveer.py and
tests/test_hostile_files.py drive a real server with.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import aiohttp

ROOT: Final[Path] = Path(__file__).resolve().parents[1]
#: The alias question: the first screen of a tab.
FIRST_SCREEN: Final[str] = "Onder welke naam"
PICKER: Final[str] = "kies een student"
CHAT: Final[str] = "Typ je beurt"
TURNS: Final[tuple[str, ...]] = (
    "Hoi Daan, fijn dat je er bent. Hoe gaat het op je opleiding?",
    "Wat is één ding waardoor je twijfelt of ICT bij je past?",
    "Wat maakte dat je voor ICT koos?",
)
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Serveer:
    """A ``gesprekscoach serveer`` process in its own process group, with its log and database."""

    def __init__(self, folder: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.db = folder / "sessies.db"
        self.log = folder / "serveer.log"
        self._out = open(self.log, "wb")  # noqa: SIM115 - open as long as the server runs
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gesprekscoach", "serveer", "--poort", str(self.port),
             "--db", str(self.db), *args],
            cwd=ROOT, stdout=self._out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=dict(os.environ, PYTHONUNBUFFERED="1", XDG_CONFIG_HOME=str(folder / "config"),
                     **(env or {})),
            start_new_session=True)
        deadline = time.monotonic() + 20
        while f"127.0.0.1:{self.port}" not in self.text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"serveer startte niet:\n{self.text()}")
            time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def app_pids(self) -> list[int]:
        """The tabs' app processes: every process in the server's own session but the server
        (none, since each app has a session of its own) plus the apps' sessions under it."""
        return [pid for pid in _children(self.process.pid) if _is_tab(pid)]

    def processes(self) -> list[int]:
        """The tabs' apps and the starter they are forked from: none may outlive a stop."""
        return [pid for pid in _children(self.process.pid) if _is_app(pid)]

    def interrupt(self, timeout: float = 15.0) -> tuple[int | None, float]:
        """SIGINT to the server's process group, as Ctrl+C; (exit code, seconds to stop)."""
        start = time.monotonic()
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            code: int | None = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = None
        return code, time.monotonic() - start

    def stop(self) -> None:
        try:
            if self.process.poll() is None:
                self.interrupt()
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            self._out.close()


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid``, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


_STARTER: Final[bytes] = b"gesprekscoach.cli.tabstarter"


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _is_app(pid: int) -> bool:
    """A tab's app: started as ``gesprekscoach app``, or forked from the starter (which keeps
    the starter's command line), or the starter itself, which must not outlive a stop either."""
    command = _cmdline(pid)
    return b"gesprekscoach\x00app" in command or _STARTER in command


def _is_tab(pid: int) -> bool:
    """A tab's app, not the starter: for memory per tab."""
    command = _cmdline(pid)
    if b"gesprekscoach\x00app" in command:
        return True
    try:
        parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return False
    return _STARTER in command and _STARTER in _cmdline(parent)


def memory_mb(pid: int) -> tuple[float, float]:
    """(PSS, RSS) of one process in MB; PSS shares the common pages fairly among the tabs."""
    values = {"Pss": 0.0, "Rss": 0.0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key = line.split(":")[0]
            if key in values:
                values[key] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return values["Pss"], values["Rss"]


@dataclass
class Tab:
    """One browser tab as textual.js is one: a websocket to /ws, terminal bytes in, keys out."""

    url: str
    width: int = 100
    height: int = 30
    screen: str = ""
    mark: int = 0
    closed: bool = False
    opened_at: float = 0.0
    first_screen: float | None = None
    ws: aiohttp.ClientWebSocketResponse | None = None
    _reader: asyncio.Task[None] | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def open(self, session: aiohttp.ClientSession) -> None:
        self.opened_at = time.monotonic()
        self.ws = await session.ws_connect(
            f"{self.url.replace('http', 'ws', 1)}/ws?width={self.width}&height={self.height}",
            origin=self.url, heartbeat=None)
        await self.send("resize", {"width": self.width, "height": self.height})
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += _ANSI.sub("", message.data.decode("utf-8", "replace"))
                if self.first_screen is None and FIRST_SCREEN in self.screen:
                    self.first_screen = time.monotonic() - self.opened_at
                self._changed.set()
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                  aiohttp.WSMsgType.ERROR):
                break
        self.closed = True
        self._changed.set()

    async def send(self, kind: str, *args: object) -> None:
        assert self.ws is not None
        await self.ws.send_json([kind, *args])

    async def keys(self, text: str) -> None:
        await self.send("stdin", text)

    async def line(self, text: str, *, clear: bool = False, tries: int = 3) -> bool:
        """Type ``text``, see it echoed, then Enter, as a person would: the keys come apart
        from the Enter (in one packet the app's key parser takes them differently), and
        what was typed before the field had focus (a busy app just drawn) is typed again
        (ctrl+u first empties the field). False if the text never showed."""
        # Emptied first: the field must hold exactly the text (the alias prompt comes
        # prefilled with the last alias used on this computer).
        echo = "▊  " + text if clear else text[-10:]
        for _ in range(tries):
            if clear:
                await self.keys("\x15")
                await asyncio.sleep(0.2)
            await self.keys(text)
            if await self.wait_for(echo, 5.0):
                await asyncio.sleep(0.1)
                await self.keys("\r")
                return True
            clear = True
        return False

    async def wait_for(self, needle: str, timeout: float) -> bool:
        """Until ``needle`` stands in what the terminal received since the last wait."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.screen.find(needle, self.mark)
            if found >= 0:
                self.mark = found + len(needle)
                return True
            if self.closed or time.monotonic() > deadline:
                return False
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), timeout=max(0.01, deadline - time.monotonic()))
            except TimeoutError:
                pass

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            await asyncio.wait([self._reader], timeout=2)


def stored_turns(db: Path) -> dict[str, int]:
    """Turns in the database per docent (read-only; the apps write)."""
    if not db.exists():
        return {}
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            rows = conn.execute("SELECT s.docent, count(t.nr) FROM sessions s LEFT JOIN turns t "
                                "ON t.session_id = s.id GROUP BY s.docent").fetchall()
    except sqlite3.Error:
        return {}
    return {str(docent).lower(): int(count) for docent, count in rows}


@dataclass
class TabRun:
    alias: str
    first_screen: float | None = None
    turn_seconds: list[float] = field(default_factory=list)
    closed_early: bool = False
    refused: bool = False
    error: str = ""
    #: The end of what the tab's terminal showed when it went wrong (for --toon).
    last_screen: str = ""


async def one_docent(server_url: str, db: Path, alias: str, turns: int, session: aiohttp.ClientSession,
                     step_timeout: float, read_pause: float = 1.0) -> TabRun:
    """Alias, student, ``turns`` turns, each waited for in the database."""
    run = TabRun(alias)
    tab = Tab(server_url)
    try:
        await tab.open(session)
    except aiohttp.WSServerHandshakeError as error:
        run.refused, run.error = True, f"geweigerd ({error.status})"
        return run
    try:
        if not await tab.wait_for(FIRST_SCREEN, step_timeout):
            run.error = "geen eerste scherm"
            return run
        run.first_screen = tab.first_screen
        await asyncio.sleep(read_pause)  # a person reads the question before typing
        if not await tab.line(alias, clear=True):
            run.error = "alias niet getypt"
            return run
        if not await tab.wait_for(PICKER, step_timeout):
            run.error = "geen studentenlijst"
            return run
        await asyncio.sleep(0.3)
        if not await tab.line("daan ict"):  # the filter narrows the list as it echoes
            run.error = "zoekterm niet getypt"
            return run
        if not await tab.wait_for(CHAT, step_timeout):
            run.error = "geen gesprek"
            return run
        await asyncio.sleep(read_pause)  # a person reads who the student is before the first turn
        for number, text in enumerate(TURNS[:turns], start=1):
            await asyncio.sleep(0.3)
            start = time.monotonic()
            if not await tab.line(text):
                run.error = f"beurt {number} niet getypt"
                return run
            while stored_turns(db).get(alias, 0) < number:
                if tab.closed or time.monotonic() - start > step_timeout:
                    run.error = f"beurt {number} niet bewaard"
                    return run
                await asyncio.sleep(0.2)
            run.turn_seconds.append(time.monotonic() - start)
    finally:
        run.closed_early = tab.closed
        if run.error:
            run.last_screen = tab.screen[-2000:]
        await tab.close()
    return run


@dataclass
class DayResult:
    tabs: int
    runs: list[TabRun]
    pss: list[float]
    rss: list[float]
    stored: int
    said: int
    stop_code: int | None
    stop_seconds: float
    apps_after_stop: int
    log: str


def training_day(tabs: int, turns: int, *, max_tabs: int | None = None,
                 step_timeout: float = 90.0, read_pause: float = 1.0) -> DayResult:
    """One server, ``tabs`` docenten at once; see the module docstring."""
    with tempfile.TemporaryDirectory(prefix="bench-serveer-") as folder:
        args = ["--max-tabbladen", str(max_tabs or max(tabs, 1))]
        server = Serveer(Path(folder), *args)
        try:
            async def everyone() -> tuple[list[TabRun], list[float], list[float]]:
                timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)
                async with aiohttp.ClientSession(timeout=timeout) as session:
                    jobs = [asyncio.create_task(one_docent(server.url, server.db, f"docent{i:02d}",
                                                           turns, session, step_timeout, read_pause))
                            for i in range(tabs)]
                    # The most each tab's app used at any moment of the run.
                    peak: dict[int, tuple[float, float]] = {}
                    while not all(job.done() for job in jobs):
                        await asyncio.sleep(0.5)
                        for pid in server.app_pids():
                            pss, rss = memory_mb(pid)
                            old = peak.get(pid, (0.0, 0.0))
                            peak[pid] = (max(old[0], pss), max(old[1], rss))
                    return ([job.result() for job in jobs], [p for p, _ in peak.values()],
                            [r for _, r in peak.values()])

            runs, pss, rss = asyncio.run(everyone())
            stored = sum(stored_turns(server.db).values())
            pids = server.processes()
            code, seconds = server.interrupt()
            time.sleep(0.2)
            alive = sum(1 for pid in pids if Path(f"/proc/{pid}").exists() and _is_app(pid))
        finally:
            server.stop()
        return DayResult(tabs, runs, pss, rss, stored, tabs * turns, code, seconds, alive,
                         server.text())


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}" if values else "-"


def report(day: DayResult) -> str:
    firsts = [r.first_screen for r in day.runs if r.first_screen is not None]
    turns = [t for r in day.runs for t in r.turn_seconds]
    errors = sorted({r.error for r in day.runs if r.error})
    tracebacks = day.log.count("Traceback") + day.log.count("Event loop is closed")
    return (f"{day.tabs:>3} tabbladen: eerste scherm mediaan {_median(firsts)} s (traagste "
            f"{max(firsts, default=0):.2f} s); beurt bewaard mediaan {_median(turns)} s (traagste "
            f"{max(turns, default=0):.2f} s); geheugen per tab PSS {_median(day.pss)} MB, RSS "
            f"{_median(day.rss)} MB; beurten bewaard {day.stored}/{day.said}; vroeg gesloten "
            f"{sum(r.closed_early for r in day.runs)}; geweigerd {sum(r.refused for r in day.runs)}; "
            f"stop {day.stop_seconds:.2f} s (code {day.stop_code}, apps over {day.apps_after_stop}, "
            f"tracebacks {tracebacks}){'; fouten: ' + ', '.join(errors) if errors else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tabs", type=int, nargs="+", default=[1, 20, 40])
    parser.add_argument("--beurten", type=int, default=2, choices=range(1, len(TURNS) + 1))
    parser.add_argument("--herhaal", type=int, default=1, help="runs per tab count (medians over all)")
    parser.add_argument("--toon", action="store_true", help="show the screen of every tab that went wrong")
    parser.add_argument("--leespauze", type=float, default=1.0,
                        help="seconds a docent reads a new screen before typing (default 1.0)")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores, {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') // 2**20} MB geheugen")
    for tabs in args.tabs:
        for _ in range(args.herhaal):
            day = training_day(tabs, args.beurten, read_pause=args.leespauze)
            print(report(day), flush=True)
            for run in day.runs:
                if args.toon and run.error:
                    print(f"--- {run.alias}: {run.error}\n{run.last_screen}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
