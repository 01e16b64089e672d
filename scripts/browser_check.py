"""Drive ``gesprekscoach serveer`` in a real headless Chromium, as two docents would.

Run:  .venv/bin/python scripts/browser_check.py [--uit MAP] [--json PAD]

Starts ``gesprekscoach serveer`` on a free loopback port (its own process
group, its own session database), opens two browser contexts at once (two
people, two tabs), and in each: picks a student by typing in the picker's
filter, says two docent turns, waits for each reply, ends with ctrl+r and
waits for the report. Screenshots at 1280×800 go to MAP. Then it stops the
server the way a trainer does, with Ctrl+C (SIGINT to the whole process
group) while both tabs are still open, and checks that it stops quickly,
with exit code 0 and no traceback.

How the page is read. textual-serve's xterm.js draws the terminal on a
<canvas>: there is no text in the DOM. So the check serves the page its own
textual.js with one call added that keeps each terminal object on
``window``, and reads the screen through xterm.js's public buffer API
(``buffer.active.getLine(y).translateToString()``): the characters xterm.js
has drawn, row by row. A reply counts as shown when the first words of the
reply that the student model gives for that turn (computed here, with the
same scenario and seed as the app) stand on a row of that tab's screen.

Bounded: every browser wait has a timeout, and a watchdog kills the server's
process group and the browser after :data:`TOTAL_TIMEOUT` seconds whatever
happens. Nothing is downloaded: Playwright drives Debian's /usr/bin/chromium
(``executable_path``), every request off this computer is aborted, and
Playwright gives the browser a fresh, empty profile directory.

Importable: ``missing()`` says why the check cannot run here, ``run_check()``
runs it and returns a :class:`CheckResult`; tests/test_browser.py uses both.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlparse

ROOT: Final[Path] = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

INSTALL: Final[str] = ("apt-get install chromium  (Debian/Ubuntu; Playwright komt mee met "
                       "pip install -e '.[test]')")
#: Flags for a closed network (see the machine notes): no update, sync or other traffic.
CHROMIUM_FLAGS: Final[tuple[str, ...]] = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
VIEWPORT: Final[dict[str, int]] = {"width": 1280, "height": 800}
#: Hard limit for the whole check; the watchdog kills everything after it.
TOTAL_TIMEOUT: Final[float] = 50.0
#: Limit for one wait in the browser (page load, picker, reply, report).
STEP_TIMEOUT_MS: Final[int] = 15_000
#: Limit for the server to say it listens, and to stop after Ctrl+C.
SERVER_START_TIMEOUT: Final[float] = 15.0
SERVER_STOP_TIMEOUT: Final[float] = 8.0
SEED: Final[int] = 0
#: The command line of the process the tabs' apps are forked from (gesprekscoach.tui.tabfork).
STARTER: Final[bytes] = b"gesprekscoach.cli.tabstarter"

#: The one change to the page under test: keep each terminal session object reachable.
_SESSION_PATTERN: Final[re.Pattern[str]] = re.compile(r"new (\w+)\((\w+),\{ping:(\w+)\}\)")
_KEEP_SCRIPT: Final[str] = """
window.__gcKeep = (session) => { (window.__gcSessions = window.__gcSessions || []).push(session);
                                 return session; };
"""
#: The visible rows of the first terminal on the page, or null before it exists.
_ROWS_JS: Final[str] = """
() => {
  const session = (window.__gcSessions || [])[0];
  if (!session) return null;
  const term = session.terminal, buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows;
}
"""
#: True once every needle stands on some row.
_ALL_SHOWN_JS: Final[str] = f"""
(needles) => {{
  const rows = ({_ROWS_JS})();
  return !!rows && needles.every(n => rows.some(r => r.includes(n)));
}}
"""

#: The picker, or a question for the docent's alias before it.
_PICKER_OR_ALIAS_JS: Final[str] = f"""
() => {{ const rows = ({_ROWS_JS})(); return !!rows && rows.some(r => /kies een student|alias/i.test(r)); }}
"""
#: True once the picker lists one student (a row "  Naam, 17 · …"), and it is ``name``.
_ONE_LISTED_JS: Final[str] = f"""
(name) => {{
  const listed = (({_ROWS_JS})() || []).filter(r => /\\p{{L}}+, \\d+ · /u.test(r));
  return listed.length === 1 && listed[0].includes(name + ", ");
}}
"""


@dataclass(frozen=True)
class TabPlan:
    """What one docent does in one tab."""

    name: str
    alias: str
    search: str  # typed into the picker's filter
    scenario: str  # file stem in scenarios/
    turns: tuple[str, ...]


PLANS: Final[tuple[TabPlan, ...]] = (
    TabPlan("a", "docent-a", "daan", "daan-ict-twijfel", (
        "Hoi Daan, fijn dat je er bent. Hoe gaat het op je opleiding?",
        "Wat is één ding waardoor je twijfelt of ICT bij je past?",
    )),
    TabPlan("b", "docent-b", "sanne", "sanne-zorg-incident", (
        "Hoi Sanne, waar wil je het vandaag over hebben?",
        "Wat gebeurde er precies onder de douche?",
    )),
)


@dataclass
class TurnResult:
    docent: str
    expected_reply: str
    shown_as: str = ""  # the row on which the reply's first words were found
    seconds: float = 0.0  # Enter → reply on screen (polled every 100 ms)


@dataclass
class TabResult:
    name: str
    scenario: str
    student: str
    turns: list[TurnResult] = field(default_factory=list)
    expected_score: int | None = None
    score_row: str = ""
    other_tab_text_seen: bool = False
    reloaded: bool = False
    closed_notice: bool = False
    download_name: str = ""  # "s" on the report: the file the browser receives
    download_head: str = ""
    screenshots: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class CheckResult:
    ok: bool = False
    error: str = ""
    url: str = ""
    tabs: list[TabResult] = field(default_factory=list)
    app_processes: int = 0
    banner: str = ""
    stop_exit_code: int | None = None
    stop_seconds: float | None = None
    stop_output: str = ""
    stop_traceback: bool = False
    db: str = ""
    stored: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- can it run here?

def chromium_path() -> str | None:
    """Debian's Chromium, or another one on PATH."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def missing() -> str | None:
    """Why the check cannot run on this machine (Dutch, with the install command), or None."""
    if chromium_path() is None:
        return f"Chromium niet geïnstalleerd: {INSTALL}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright (Python) niet geïnstalleerd: .venv/bin/pip install -e '.[test]'"
    return None


# ---------------------------------------------------------------- the server

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Serveer:
    """``gesprekscoach serveer`` in its own process group, so all its tabs' apps stop with it."""

    def __init__(self, port: int, db: Path, log: Path) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        with open(log, "wb") as out:  # the child keeps its own copy of the file
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gesprekscoach", "serveer", "--host", "127.0.0.1",
                 "--poort", str(port), "--db", str(db), "--seed", str(SEED)],
                cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self) -> str:
        """Until the banner with this address is printed; the banner, or RuntimeError."""
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            text = self.output()
            if self.url in text:
                return text.strip()
            if self.process.poll() is not None:
                raise RuntimeError(f"serveer stopte meteen (code {self.process.returncode}):\n{text}")
            time.sleep(0.05)
        raise RuntimeError(f"serveer luisterde niet binnen {SERVER_START_TIMEOUT:.0f} s:\n{self.output()}")

    def app_processes(self) -> int:
        """How many tab apps run under the server: ``gesprekscoach app`` processes, or forks
        of the starter (each tab's app has a session of its own, so Ctrl+C reaches the
        server, which stops them in order)."""
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        starters = set()
        for pid in parents:
            with contextlib.suppress(OSError):
                if STARTER in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0"):
                    starters.add(pid)
        count = 0
        for pid in parents:
            ancestor = parents.get(pid)
            while ancestor not in (None, 0, 1, self.process.pid):
                ancestor = parents.get(ancestor)
            if ancestor != self.process.pid:
                continue
            try:
                argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except (OSError, ProcessLookupError):
                continue
            if b"gesprekscoach" in argv and b"app" in argv and argv[0] != b"/bin/sh":
                count += 1
            elif STARTER in argv and parents.get(pid) in starters:  # forked from the starter
                count += 1
        return count

    def interrupt(self) -> tuple[int | None, float]:
        """Ctrl+C as a terminal sends it (SIGINT to the group); exit code and seconds taken."""
        start = time.monotonic()
        try:
            os.killpg(self.process.pid, signal.SIGINT)
            code: int | None = self.process.wait(timeout=SERVER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            code = None
        except ProcessLookupError:
            code = self.process.poll()
        return code, time.monotonic() - start

    def kill(self) -> None:
        """Whatever is left of the group, at once."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass


def kill_marked(marker: str) -> None:
    """Kill the browser started with ``marker`` on its command line (and its process group)."""
    needle = marker.encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle not in (entry / "cmdline").read_bytes():
                continue
            pid = int(entry.name)
            if os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
        except (OSError, ProcessLookupError):
            continue


# ---------------------------------------------------------------- expectations

def expected_session(plan: TabPlan) -> tuple[str, list[str], int]:
    """The student's name, replies and report score the app must show for ``plan``."""
    from gesprekscoach.conversation.scenario_check import load_scenario
    from gesprekscoach.conversation.session import Session
    from gesprekscoach.scoring.report import report_on

    scenario = load_scenario(ROOT / "gesprekscoach" / "data" / "scenarios" / f"{plan.scenario}.yaml")
    session = Session(scenario, seed=SEED)
    replies = [session.say(turn).student for turn in plan.turns]
    return scenario.student.name, replies, report_on(session).score


def first_words(text: str, at_least: int = 24) -> str:
    """The start of ``text`` up to a word end, short enough to stand on one row."""
    words, taken = text.split(), []
    for word in words:
        taken.append(word)
        if len(" ".join(taken)) >= at_least:
            break
    return " ".join(taken) if taken else "…"


# ---------------------------------------------------------------- the browser

def rows(page: Any) -> list[str]:
    return page.evaluate(_ROWS_JS) or []


def wait_until(page: Any, script: str, arg: Any, what: str, timeout: int = STEP_TIMEOUT_MS) -> None:
    """Until ``script(arg)`` is true in the page; says what was on screen if it never is."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(script, arg=arg, timeout=timeout, polling=100)
    except PlaywrightTimeout:
        screen = "\n".join(rows(page))
        raise RuntimeError(f"niet binnen {timeout / 1000:.0f} s: {what}\nscherm:\n{screen}") from None


def wait_shown(page: Any, *needles: str, timeout: int = STEP_TIMEOUT_MS) -> None:
    """Until every needle stands on a row of the terminal."""
    wait_until(page, _ALL_SHOWN_JS, list(needles), f"op het scherm: {needles!r}", timeout)


def row_with(page: Any, needle: str) -> str:
    return next((row.strip() for row in rows(page) if needle in row), "")


def type_line(page: Any, text: str) -> None:
    """Type into the terminal (its hidden textarea has focus) and press Enter."""
    page.focus("textarea.xterm-helper-textarea")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def guard_and_patch(route: Any) -> None:
    """Abort anything not on this computer; hand the page a textual.js that keeps its sessions."""
    url = urlparse(route.request.url)
    if url.hostname not in ("127.0.0.1", "localhost"):
        route.abort()
        return
    if not url.path.endswith("/static/js/textual.js"):
        route.continue_()
        return
    response = route.fetch()
    source, count = _SESSION_PATTERN.subn(r"window.__gcKeep(new \1(\2,{ping:\3}))", response.text())
    if count != 1:
        raise RuntimeError(f"textual.js is veranderd: {count} keer 'new …(…,{{ping:…}})' gevonden, "
                           "verwacht 1; pas _SESSION_PATTERN aan")
    route.fulfill(response=response, body=source)


def open_tab(browser: Any, url: str, plan: TabPlan, out: Path, result: TabResult) -> Any:
    """A new browser context (a separate person) with the app loaded and a student picked."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    context.add_init_script(_KEEP_SCRIPT)
    context.route("**/*", guard_and_patch)
    page = context.new_page()
    start = time.monotonic()
    page.goto(url, wait_until="load")
    page.wait_for_selector("body.-first-byte, body.-closed", state="attached")
    if page.evaluate("() => document.body.classList.contains('-closed')"):
        raise RuntimeError("de app in dit tabblad stopte meteen (zie serveer.log hieronder)")
    result.timings["eerste_beeld"] = round(time.monotonic() - start, 2)
    # An alias prompt before the list (once the app stores sessions) is answered here.
    wait_until(page, _PICKER_OR_ALIAS_JS, None, "de keuzelijst (of een vraag om je alias)")
    if not any("kies een student" in row for row in rows(page)):
        type_line(page, plan.alias)
    wait_shown(page, "kies een student", f"{result.student}, ")
    result.timings["keuzelijst"] = round(time.monotonic() - start, 2)
    page.focus("textarea.xterm-helper-textarea")
    page.keyboard.type(plan.search)
    # Enter only once the filter has left one student in the list, or Enter picks the old one.
    wait_until(page, _ONE_LISTED_JS, result.student, f"alleen {result.student} in de lijst")
    if plan.name == "a":
        shot = out / f"tab-{plan.name}-kiezen.png"
        page.screenshot(path=str(shot))
        result.screenshots.append(str(shot))
    page.keyboard.press("Enter")
    wait_shown(page, f"Gesprek met {result.student}", "Begin het gesprek")
    result.timings["gesprek_open"] = round(time.monotonic() - start, 2)
    return page


def say(page: Any, turn: TurnResult) -> None:
    start = time.monotonic()
    type_line(page, turn.docent)
    needle = first_words(turn.expected_reply)
    wait_shown(page, needle)
    turn.seconds = round(time.monotonic() - start, 2)
    turn.shown_as = row_with(page, needle)


def finish(page: Any, plan: TabPlan, result: TabResult, out: Path) -> None:
    """ctrl+r ends the conversation; the report must show the score the session gives."""
    start = time.monotonic()
    page.focus("textarea.xterm-helper-textarea")
    page.keyboard.press("Control+r")  # xterm.js turns it into ^R; the browser must not reload
    wait_shown(page, f"Rapport: gesprek met {result.student}", f"Cijfer {result.expected_score} / 100")
    result.timings["rapport"] = round(time.monotonic() - start, 2)
    result.score_row = row_with(page, "Cijfer ")
    result.reloaded = not page.evaluate("() => (window.__gcSessions || []).length === 1")
    shot = out / f"tab-{plan.name}-rapport.png"
    page.screenshot(path=str(shot))
    result.screenshots.append(str(shot))
    if plan.name == "a":
        # Saving in the browser is a download to the docent's computer, not a file
        # on the laptop that serves the app.
        with page.expect_download(timeout=STEP_TIMEOUT_MS) as info:
            page.keyboard.press("s")
        download = info.value
        result.download_name = download.suggested_filename
        saved = out / "download.md"
        download.save_as(str(saved))
        result.download_head = saved.read_text("utf-8")[:200]


def read_store(db: Path) -> list[dict[str, Any]]:
    """What the session database holds after the run (empty when nothing was stored)."""
    if not db.exists():
        return []
    from gesprekscoach.storage.store import Store

    with Store.open(db) as store:
        return [{"docent": s.docent, "scenario": s.scenario_id, "turns": s.turns,
                 "status": s.status} for s in store.list_sessions()]


def run_check(out: Path, *, timeout: float = TOTAL_TIMEOUT) -> CheckResult:
    """The whole check; screenshots and the server log land in ``out``."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    result = CheckResult()
    begin = time.monotonic()
    marker = f"--gesprekscoach-check={secrets.token_hex(6)}"
    db = out / "sessies.db"
    if db.exists():
        db.unlink()
    result.db = str(db)
    server: Serveer | None = None

    def hard_stop() -> None:
        print(f"browser_check: na {timeout:.0f} s afgebroken; alles wordt gestopt", file=sys.stderr)
        if server is not None:
            server.kill()
        kill_marked(marker)
        os._exit(3)

    watchdog = threading.Timer(timeout, hard_stop)
    watchdog.daemon = True
    watchdog.start()
    try:
        for _attempt in range(3):  # another program may take the free port first
            server = Serveer(free_port(), db, out / "serveer.log")
            try:
                result.banner = server.wait_ready()
                break
            except RuntimeError:
                if "al in gebruik" not in server.output():
                    raise
                server.kill()
        assert server is not None
        result.url = server.url
        result.timings["server_klaar"] = round(time.monotonic() - begin, 2)

        with sync_playwright() as playwright:
            start = time.monotonic()
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True,
                args=[*CHROMIUM_FLAGS, marker], timeout=STEP_TIMEOUT_MS)
            result.timings["browser_gestart"] = round(time.monotonic() - start, 2)
            try:
                pages = []
                for plan in PLANS:
                    student, replies, score = expected_session(plan)
                    tab = TabResult(plan.name, plan.scenario, student, expected_score=score,
                                    turns=[TurnResult(t, r) for t, r in zip(plan.turns, replies)])
                    result.tabs.append(tab)
                    pages.append(open_tab(browser, server.url, plan, out, tab))
                # Both tabs are open at once; their turns interleave.
                for index in range(max(len(p.turns) for p in PLANS)):
                    for page, tab in zip(pages, result.tabs):
                        if index < len(tab.turns):
                            say(page, tab.turns[index])
                result.app_processes = server.app_processes()
                for page, plan, tab in zip(pages, PLANS, result.tabs):
                    others = [t.docent for o in result.tabs if o is not tab for t in o.turns]
                    screen = "\n".join(rows(page))
                    tab.other_tab_text_seen = any(first_words(t) in screen for t in others)
                    shot = out / f"tab-{plan.name}-gesprek.png"
                    page.screenshot(path=str(shot))
                    tab.screenshots.append(str(shot))
                for page, plan, tab in zip(pages, PLANS, result.tabs):
                    finish(page, plan, tab, out)

                # Ctrl+C with both tabs still open.
                output_before = len(server.output())
                result.stop_exit_code, seconds = server.interrupt()
                result.stop_seconds = round(seconds, 2)
                result.stop_output = server.output()[output_before:].strip()
                result.stop_traceback = "Traceback" in server.output()
                for page, tab in zip(pages, result.tabs):
                    try:
                        page.wait_for_selector("body.-closed", timeout=5_000)
                        tab.closed_notice = page.is_visible("text=Dit oefengesprek is afgesloten.")
                    except Exception:  # noqa: BLE001 - recorded as no notice
                        tab.closed_notice = False
                if pages:
                    shot = out / "tab-a-gesloten.png"
                    pages[0].screenshot(path=str(shot))
                    result.tabs[0].screenshots.append(str(shot))
            finally:
                browser.close()
        result.stored = read_store(db)
        result.ok = (
            all(t.shown_as for tab in result.tabs for t in tab.turns)
            and all(tab.score_row and not tab.reloaded and not tab.other_tab_text_seen
                    and tab.closed_notice for tab in result.tabs)
            and result.app_processes >= len(PLANS)
            and result.stop_exit_code == 0 and not result.stop_traceback
        )
    except Exception as error:  # noqa: BLE001 - reported, with the server's log
        result.error = f"{type(error).__name__}: {error}"
        if server is not None:
            result.error += f"\n--- serveer.log ---\n{server.output()}"
    finally:
        if server is not None:
            server.kill()
        kill_marked(marker)
        watchdog.cancel()
        result.timings["totaal"] = round(time.monotonic() - begin, 2)
    return result


def summary(result: CheckResult) -> str:
    """The result for a person, in Dutch."""
    lines = [f"adres: {result.url}",
             (f"server klaar na {result.timings.get('server_klaar', '?')} s, "
              f"browser gestart in {result.timings.get('browser_gestart', '?')} s")]
    for tab in result.tabs:
        lines.append(f"tabblad {tab.name} ({tab.student}): {tab.timings}")
        for turn in tab.turns:
            lines.append(f"  docent: {turn.docent}")
            lines.append(f"  {tab.student}: {turn.expected_reply}")
            lines.append(f"    op het scherm na {turn.seconds} s: {turn.shown_as!r}"
                         if turn.shown_as else "    NIET op het scherm")
        lines.append(f"  rapport: {tab.score_row!r}; ander tabblad zichtbaar: "
                     f"{tab.other_tab_text_seen}; herladen: {tab.reloaded}; "
                     f"melding na stoppen: {tab.closed_notice}")
        lines += [f"  schermafdruk: {shot}" for shot in tab.screenshots]
    lines.append(f"app-processen tegelijk: {result.app_processes}")
    lines.append(f"Ctrl+C: code {result.stop_exit_code} na {result.stop_seconds} s, "
                 f"traceback: {result.stop_traceback}; uitvoer: {result.stop_output!r}")
    lines.append(f"bewaard in {result.db}: {result.stored or 'niets'}")
    lines.append(f"totaal {result.timings.get('totaal')} s: {'GOED' if result.ok else 'MISLUKT'}")
    if result.error:
        lines.append(result.error)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Test gesprekscoach serveer in een echte browser.")
    parser.add_argument("--uit", metavar="MAP", help="map voor schermafdrukken en het serverlog "
                        "(standaard een nieuwe map in /tmp)")
    parser.add_argument("--json", metavar="PAD", help="schrijf het resultaat ook als JSON")
    args = parser.parse_args(argv)
    reason = missing()
    if reason:
        print(f"browser_check: overgeslagen. {reason}", file=sys.stderr)
        return 2
    out = Path(args.uit) if args.uit else Path(tempfile.mkdtemp(prefix="gesprekscoach-browser-"))
    result = run_check(out)
    if args.json:
        Path(args.json).write_text(result.to_json(), encoding="utf-8")
    print(summary(result))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
