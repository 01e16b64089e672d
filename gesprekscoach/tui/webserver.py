"""textual-serve's Server, adjusted for a training room.

Kept apart from :mod:`gesprekscoach.cli.serveer` because aiohttp takes
a third of a second to import, which no other command should pay. The
changes to textual-serve: a Dutch page that loads nothing from the internet
and finds the server from its own address (so ``--host 0.0.0.0`` works from
other laptops), Dutch start and log messages, and what a training day needs:

- every request must name this server's own address (so another website a
  trainer visits cannot open a conversation and read a docent's history;
  :class:`~gesprekscoach.tui.webchecks.AddressGuard`);
- a tab's messages are checked before they reach its app (so junk or an
  absurd window size cannot crash it; one Dutch log line, no traceback);
- every tab's app is forked from a starter that loaded the app once
  (:mod:`~gesprekscoach.tui.tabfork`): 40 tabs opened at once show their first
  screen after 2 s instead of 10 s on 2 cores, and share half their memory;
- at most ``max_tabs`` tabs, with a Dutch page beyond (scripts/bench_serveer.py
  measures what a laptop holds; starting the apps a few at a time, or at a lower
  priority once up, made the first screens later, not sooner, so they all start
  at once);
- Ctrl+C ends every app first (bounded: :class:`~gesprekscoach.tui.webtab.TabApp`),
  then the tabs, then the server, without a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from importlib.resources import files
from typing import Final

from aiohttp import WSMsgType, hdrs, web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

from gesprekscoach.tui.tabfork import TabStarter

# Also importable from here: tests and textual-serve users know them under this module.
from gesprekscoach.tui.webchecks import (  # noqa: F401
    MAX_HEIGHT,
    MAX_WIDTH,
    MIN_HEIGHT,
    MIN_WIDTH,
    AddressGuard,
    terminal_size,
)
from gesprekscoach.tui.webtab import QUIT_TIMEOUT, TERM_TIMEOUT, TabApp, TabLog

#: Seconds a stop waits for open tabs and requests before it ends them.
SHUTDOWN_TIMEOUT: Final[float] = 3.0
#: Seconds to wait for a browser to confirm that its tab is closed.
CLOSE_TIMEOUT: Final[float] = 1.0
#: Font size of the terminal in the page; ``?fontsize=N`` in the address overrides it.
DEFAULT_FONT_SIZE: Final[int] = 16
#: Open tabs at most, unless ``serveer --max-tabbladen`` says otherwise: a group of 40
#: docenten (see docs in the README for what a 2-core laptop holds).
DEFAULT_MAX_TABS: Final[int] = 40
#: Distinct refusals reported in the log; beyond this, refusals are silent (no flood).
MAX_REPORTED_REFUSALS: Final[int] = 20

#: textual-serve's log lines a trainer may see, in Dutch.
_LOG_MESSAGES: Final[dict[str, str]] = {
    "Application failed to start": "een gesprek kon niet starten; de melding staat hieronder",
}


def page(name: str = "serveer.html") -> str:
    """A Dutch page from ``data/``: the one each tab loads, or the one when all places are taken."""
    return files("gesprekscoach.data").joinpath(name).read_text(encoding="utf-8")


class _DutchLog(logging.Filter):
    """textual-serve's few messages for a trainer, in Dutch."""

    def filter(self, record: logging.LogRecord) -> bool:
        dutch = _LOG_MESSAGES.get(str(record.msg))
        if dutch is not None:
            record.msg, record.args = dutch, None
        return True


class _QuietBadRequests(logging.Filter):
    """A malformed request (no Host, garbage bytes) is the sender's fault: one Dutch line,
    not aiohttp's traceback. Other errors keep theirs, as they are ours."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):  # its text is aiohttp's English
            record.msg, record.args = "een onleesbaar verzoek is geweigerd", None
            record.exc_info = record.exc_text = None
        return True


class CoachServer(Server):
    """Runs ``command`` once per browser tab; prints ``banner`` once it listens."""

    def __init__(self, command: str, host: str, port: int, *, banner: str = "",
                 max_tabs: int = DEFAULT_MAX_TABS, starter: Sequence[str] = ()) -> None:
        super().__init__(command, host=host or "0.0.0.0", port=port, title="gesprekscoach")
        self.banner = banner
        self.page = page()
        self.full_page = page("serveer-vol.html").replace("$MAX", str(max_tabs))
        self.max_tabs = max_tabs
        #: The handler task of every open tab, so a stop can close them.
        self.tabs: set[asyncio.Task[object]] = set()
        #: The app of every open tab, so a stop can end them before the server goes.
        self.apps: set[TabApp] = set()
        self.guard = AddressGuard(host, port)
        self.refusals_reported: set[str] = set()
        self.full_reported = False
        #: The command of the process the tabs' apps are forked from (none: each starts afresh).
        self.starter_command = tuple(starter)
        self.starter: TabStarter | None = None

    async def _make_app(self) -> web.Application:
        """textual-serve's app, with every request (page, websocket, files) checked first."""
        app = await super()._make_app()
        app.middlewares.append(self._check_address)
        return app

    @web.middleware
    async def _check_address(self, request: web.Request,
                             handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
                             ) -> web.StreamResponse:
        """Refuse, with 403, a request that does not name this server (see AddressGuard)."""
        reason = self.guard.refusal(request.headers.get(hdrs.HOST), request.headers.get(hdrs.ORIGIN))
        if reason is None:
            return await handler(request)
        if reason not in self.refusals_reported and len(self.refusals_reported) < MAX_REPORTED_REFUSALS:
            self.refusals_reported.add(reason)
            log.warning("geweigerd: %s", reason)
        return web.Response(status=403, content_type="text/plain", charset="utf-8",
                            text="Geweigerd: open gesprekscoach via het adres dat de trainer "
                                 "heeft gegeven.\n")

    def initialize_logging(self) -> None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("gesprekscoach serveer: %(message)s"))
        handler.addFilter(_DutchLog())
        logger = logging.getLogger("textual-serve")
        logger.handlers[:] = [handler]
        logger.setLevel(logging.WARNING)  # no English chatter per connection
        logger.propagate = False
        server_log = logging.getLogger("aiohttp.server")
        quiet = logging.StreamHandler(sys.stderr)
        quiet.setFormatter(handler.formatter)
        quiet.addFilter(_QuietBadRequests())
        server_log.handlers[:] = [quiet]
        server_log.propagate = False

    async def on_startup(self, app: web.Application) -> None:
        if self.starter_command:
            # The environment every tab's app gets (textual-serve's), so the starter's
            # Textual reads the web driver's settings when it is imported.
            env = AppService._build_environment(self, 80, 24)  # type: ignore[arg-type]
            prefix = shlex.split(self.command)[:3]  # "python -m gesprekscoach"
            self.starter = await TabStarter.start(self.starter_command, env, prefix)
            if self.starter is None:
                log.warning("de voorstarter kwam niet op; elk tabblad start zijn gesprek zelf "
                            "(dat werkt, maar het eerste scherm komt later)")
        if self.banner:
            print(self.banner, flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: first every app quits (bounded, see TabApp.stop), then the tabs close."""
        if self.apps:
            stops = [asyncio.ensure_future(tab_app.stop()) for tab_app in list(self.apps)]
            await asyncio.wait(stops, timeout=QUIT_TIMEOUT + 3 * TERM_TIMEOUT)
        for task in list(self.tabs):
            task.cancel()
        if self.tabs:
            await asyncio.wait(list(self.tabs), timeout=SHUTDOWN_TIMEOUT)
        if self.starter is not None:  # after its apps: it reports how they ended
            await self.starter.close()

    def _full(self) -> bool:
        """All places taken; said once in the log until a place frees up."""
        if len(self.tabs) < self.max_tabs:
            self.full_reported = False
            return False
        if not self.full_reported:
            self.full_reported = True
            log.warning("alle %d plaatsen zijn bezet; een nieuw tabblad kreeg de pagina 'vol' "
                        "(meer plaatsen: --max-tabbladen)", self.max_tabs)
        return True

    async def handle_index(self, request: web.Request) -> web.Response:
        try:
            size = max(8, min(40, int(request.query.get("fontsize", DEFAULT_FONT_SIZE))))
        except ValueError:
            size = DEFAULT_FONT_SIZE
        if self._full():
            return web.Response(text=self.full_page, status=503, content_type="text/html",
                                charset="utf-8", headers={"Retry-After": "60"})
        return web.Response(text=self.page.replace("$FONT_SIZE", str(size)),
                            content_type="text/html", charset="utf-8")

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """textual-serve's handler, plus: a cap on open tabs, and when a tab's app ends by
        itself (it crashed, or refused to start), the tab is closed too, so it shows the
        closed notice instead of "wordt gestart…" for ever."""
        if self._full():
            return web.Response(status=503, text="Vol: alle plaatsen zijn bezet.\n",
                                content_type="text/plain", charset="utf-8")
        # A browser that does not answer the close (a laptop gone to sleep) may hold up
        # a stop for CLOSE_TIMEOUT only, not aiohttp's default ten seconds.
        websocket = web.WebSocketResponse(heartbeat=15, timeout=CLOSE_TIMEOUT)
        tab = TabLog()
        width, height, capped = terminal_size({"width": to_int(request.query.get("width", "80"), 80),
                                               "height": to_int(request.query.get("height", "24"), 24)})
        if capped:
            tab.capped(width, height)
        task = asyncio.current_task()
        if task is not None:
            self.tabs.add(task)
        tab_app: TabApp | None = None
        try:
            await websocket.prepare(request)
            tab_app = TabApp(self.command, write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=websocket.close,
                             download_manager=self.download_manager, debug=self.debug,
                             starter=self.starter)
            self.apps.add(tab_app)
            await tab_app.start(width, height)
            app_task = getattr(tab_app, "_task", None)  # textual-serve keeps no public handle
            if app_task is not None:
                app_task.add_done_callback(lambda _: asyncio.ensure_future(websocket.close()))
            await self._process_messages(websocket, tab_app, tab)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the server
            log.exception(error)
        finally:
            if tab_app is not None:
                await tab_app.stop()
                self.apps.discard(tab_app)
            if task is not None:
                self.tabs.discard(task)
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse,  # type: ignore[override]
                                service: TabApp, tab: TabLog | None = None) -> None:
        """textual-serve's loop, but a message it cannot use is skipped, not a crash."""
        tab = tab or TabLog()
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                await self._handle_message(websocket, service, tab, message.data)
            except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
                tab.junk(str(error) if isinstance(error, ValueError) else "onbruikbare inhoud")

    async def _handle_message(self, websocket: web.WebSocketResponse, service: TabApp,
                              tab: TabLog, text: str) -> None:
        """One message from a tab's browser; raises ValueError (Dutch) for junk."""
        try:
            envelope = json.loads(text)
        except ValueError:
            raise ValueError("geen geldige JSON") from None
        if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
            raise ValueError("geen lijst die met een soort begint")
        kind, args = envelope[0], envelope[1:]
        if kind == "stdin":
            if not args or not isinstance(args[0], str):
                raise ValueError("'stdin' zonder tekst")
            await service.send_bytes(args[0].encode("utf-8", "replace"))
        elif kind == "resize":
            width, height, capped = terminal_size(args[0] if args else None)
            if capped:
                tab.capped(width, height)
            await service.set_terminal_size(width, height)
        elif kind == "ping":
            await websocket.send_json(["pong", args[0] if args else None])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()
        else:
            raise ValueError(f"onbekende soort {kind[:40]!r}")

    def serve(self, debug: bool = False) -> None:
        """Server.serve on a fresh loop (get_event_loop is deprecated) with a short stop."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()

        stopping = False

        def stop() -> None:
            nonlocal stopping
            if stopping:  # a second Ctrl+C must not cut the closing of the tabs short
                return
            stopping = True
            raise GracefulExit()

        # SIGHUP: the trainer closed the terminal window; the apps must not stay behind.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(signum, stop)
        web.run_app(self._make_app(), host=self.host, port=self.port, loop=loop,
                    handle_signals=False, shutdown_timeout=SHUTDOWN_TIMEOUT,
                    print=None, access_log=None)
