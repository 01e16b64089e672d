"""textual-serve's Server, adjusted for a training room.

Kept apart from :mod:`gesprekscoach.cli.serveer` because aiohttp takes
a third of a second to import, which no other command should pay. The
changes to textual-serve: a Dutch page that loads nothing from the internet
and finds the server from its own address (so ``--host 0.0.0.0`` works from
other laptops), Dutch start and log messages, and a stop that closes open
tabs at once instead of waiting a minute for their browsers.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from importlib.resources import files
from typing import Final

from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

#: Seconds a stop waits for open tabs and requests before it ends them.
SHUTDOWN_TIMEOUT: Final[float] = 3.0
#: Seconds to wait for a browser to confirm that its tab is closed.
CLOSE_TIMEOUT: Final[float] = 1.0
#: Font size of the terminal in the page; ``?fontsize=N`` in the address overrides it.
DEFAULT_FONT_SIZE: Final[int] = 16

#: textual-serve's log lines a trainer may see, in Dutch.
_LOG_MESSAGES: Final[dict[str, str]] = {
    "Application failed to start": "een gesprek kon niet starten; de melding staat hieronder",
}


def page() -> str:
    """The Dutch page each tab loads (``data/serveer.html``)."""
    return files("gesprekscoach.data").joinpath("serveer.html").read_text(encoding="utf-8")


class _DutchLog(logging.Filter):
    """textual-serve's few messages for a trainer, in Dutch."""

    def filter(self, record: logging.LogRecord) -> bool:
        dutch = _LOG_MESSAGES.get(str(record.msg))
        if dutch is not None:
            record.msg, record.args = dutch, None
        return True


class CoachServer(Server):
    """Runs ``command`` once per browser tab; prints ``banner`` once it listens."""

    def __init__(self, command: str, host: str, port: int, *, banner: str = "") -> None:
        super().__init__(command, host=host or "0.0.0.0", port=port, title="gesprekscoach")
        self.banner = banner
        self.page = page()
        #: The handler task of every open tab, so a stop can close them.
        self.tabs: set[asyncio.Task[object]] = set()

    def initialize_logging(self) -> None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("gesprekscoach serveer: %(message)s"))
        handler.addFilter(_DutchLog())
        logger = logging.getLogger("textual-serve")
        logger.handlers[:] = [handler]
        logger.setLevel(logging.WARNING)  # no English chatter per connection
        logger.propagate = False

    async def on_startup(self, app: web.Application) -> None:
        if self.banner:
            print(self.banner, flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        # An open tab's handler waits for its browser; cancelled, textual-serve
        # tells that tab's app to quit and waits for it.
        for task in list(self.tabs):
            task.cancel()
        if self.tabs:
            await asyncio.wait(list(self.tabs), timeout=SHUTDOWN_TIMEOUT)

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        try:
            size = max(8, min(40, int(request.query.get("fontsize", DEFAULT_FONT_SIZE))))
        except ValueError:
            size = DEFAULT_FONT_SIZE
        return web.Response(text=self.page.replace("$FONT_SIZE", str(size)),
                            content_type="text/html", charset="utf-8")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, plus: when a tab's app ends by itself (it crashed, or
        refused to start), the tab is closed too, so it shows the closed notice instead of
        "wordt gestart…" for ever."""
        # A browser that does not answer the close (a laptop gone to sleep) may hold up
        # a stop for CLOSE_TIMEOUT only, not aiohttp's default ten seconds.
        websocket = web.WebSocketResponse(heartbeat=15, timeout=CLOSE_TIMEOUT)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        task = asyncio.current_task()
        if task is not None:
            self.tabs.add(task)
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            service = AppService(self.command, write_bytes=websocket.send_bytes,
                                 write_str=websocket.send_str, close=websocket.close,
                                 download_manager=self.download_manager, debug=self.debug)
            await service.start(width, height)
            app_task = getattr(service, "_task", None)  # textual-serve keeps no public handle
            if app_task is not None:
                app_task.add_done_callback(lambda _: asyncio.ensure_future(websocket.close()))
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the server
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
            if task is not None:
                self.tabs.discard(task)
        return websocket

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

        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop)
        web.run_app(self._make_app(), host=self.host, port=self.port, loop=loop,
                    handle_signals=False, shutdown_timeout=SHUTDOWN_TIMEOUT,
                    print=None, access_log=None)
