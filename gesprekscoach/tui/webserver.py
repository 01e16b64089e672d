"""textual-serve's Server, adjusted for a training room.

Kept apart from :mod:`gesprekscoach.cli.serveer` because aiohttp takes
a third of a second to import, which no other command should pay. The
changes to textual-serve: a Dutch page that loads nothing from the internet
and finds the server from its own address (so ``--host 0.0.0.0`` works from
other laptops), Dutch start and log messages, a stop that closes open
tabs at once instead of waiting a minute for their browsers, and two guards
textual-serve lacks: every request must name this server's own address
(so another website a trainer visits cannot open a conversation and read a
docent's history), and a tab's messages are checked before they reach its
app (so junk or an absurd window size cannot crash it).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import math
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from importlib.resources import files
from typing import Final
from urllib.parse import urlsplit

from aiohttp import WSMsgType, hdrs, web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

#: Seconds a stop waits for open tabs and requests before it ends them.
SHUTDOWN_TIMEOUT: Final[float] = 3.0
#: Seconds to wait for a browser to confirm that its tab is closed.
CLOSE_TIMEOUT: Final[float] = 1.0
#: Font size of the terminal in the page; ``?fontsize=N`` in the address overrides it.
DEFAULT_FONT_SIZE: Final[int] = 16

#: The terminal size a tab may ask for; larger or smaller requests are capped to it.
MIN_WIDTH: Final[int] = 10
MIN_HEIGHT: Final[int] = 4
MAX_WIDTH: Final[int] = 300
MAX_HEIGHT: Final[int] = 100
#: Names that reach this computer itself, whichever a loopback bind is opened with.
LOOPBACK_NAMES: Final[frozenset[str]] = frozenset({"127.0.0.1", "localhost", "::1"})
#: Hosts that mean "every network interface of this computer".
ALL_INTERFACES: Final[frozenset[str]] = frozenset({"0.0.0.0", "::", ""})
#: Distinct refusals reported in the log; beyond this, refusals are silent (no flood).
MAX_REPORTED_REFUSALS: Final[int] = 20
#: The default port of each scheme an Origin may name.
_DEFAULT_PORTS: Final[dict[str, int]] = {"http": 80, "https": 443}

#: textual-serve's log lines a trainer may see, in Dutch.
_LOG_MESSAGES: Final[dict[str, str]] = {
    "Application failed to start": "een gesprek kon niet starten; de melding staat hieronder",
}


def page() -> str:
    """The Dutch page each tab loads (``data/serveer.html``)."""
    return files("gesprekscoach.data").joinpath("serveer.html").read_text(encoding="utf-8")


def _authority(value: str, default_port: int) -> tuple[str, int] | None:
    """``host[:port]`` as (lower-case name without brackets, port), or None if malformed."""
    if not value or any(c in value for c in "/?#@\\ \t"):
        return None
    try:
        parts = urlsplit("//" + value)
        name, port = parts.hostname, parts.port
    except ValueError:  # a port that is no number, or out of range
        return None
    if not name:
        return None
    return name, default_port if port is None else port


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _is_loopback(name: str) -> bool:
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _own_names() -> set[str]:
    """This computer's own names, as the banner offers them to the group."""
    name = socket.gethostname().lower()
    short = name.split(".")[0]
    return {name, short, f"{short}.local"} - {""}


class AddressGuard:
    """Decides whether a request names this server, so other websites cannot use it.

    A page on another site may open a websocket to 127.0.0.1 (the browser sends its own
    Origin) or reach it through a name of its own that it points at 127.0.0.1 (DNS
    rebinding: the Host is then that name). So the Host must be an address of this
    server with its port, and an Origin, when the browser sends one, must be that
    same address: the page's own. Requests without Origin (curl) need a matching Host.
    """

    def __init__(self, host: str, port: int) -> None:
        bind = host.strip().lower().strip("[]")
        self.port = port
        self.names: set[str] = {bind} - {""}
        #: With every interface bound, any IP literal of this computer may be typed;
        #: a literal is safe to accept, as no other site can be reached under it.
        self.any_ip = bind in ALL_INTERFACES
        if _is_loopback(bind):
            self.names |= LOOPBACK_NAMES
        else:
            self.names |= _own_names()
            if self.any_ip:
                self.names |= LOOPBACK_NAMES

    def _allowed(self, name: str) -> bool:
        return name in self.names or (self.any_ip and _is_ip(name))

    def refusal(self, host: str | None, origin: str | None) -> str | None:
        """Why a request with these headers is refused (Dutch, for the log), or None."""
        where = _authority(host or "", 80)
        if where is None or not self._allowed(where[0]) or where[1] != self.port:
            return f"onbekend adres {host!r} in het verzoek" if host else "verzoek zonder adres"
        if origin is None:
            return None
        parts = urlsplit(origin)
        default = _DEFAULT_PORTS.get(parts.scheme.lower())
        source = None if default is None or parts.path or parts.query else _authority(parts.netloc, default)
        if source != where:
            return f"verzoek van een andere website ({origin[:80]})"
        return None


def terminal_size(data: object) -> tuple[int, int, bool]:
    """(width, height, capped) from a tab's ``resize`` data.

    Checked because the app process trusts these numbers: text or a huge size from a
    tab would crash its app or make it draw millions of cells.

    Raises:
        ValueError: with a Dutch reason, if the data holds no usable numbers.
    """
    if not isinstance(data, dict):
        raise ValueError("'resize' zonder breedte en hoogte")  # noqa: TRY004 - one junk type
    size: list[int] = []
    for key in ("width", "height"):
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"'resize' met een onbruikbare {'breedte' if key == 'width' else 'hoogte'}")
        size.append(int(value))
    width = max(MIN_WIDTH, min(MAX_WIDTH, size[0]))
    height = max(MIN_HEIGHT, min(MAX_HEIGHT, size[1]))
    return width, height, (width, height) != (size[0], size[1])


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

    def __init__(self, command: str, host: str, port: int, *, banner: str = "") -> None:
        super().__init__(command, host=host or "0.0.0.0", port=port, title="gesprekscoach")
        self.banner = banner
        self.page = page()
        #: The handler task of every open tab, so a stop can close them.
        self.tabs: set[asyncio.Task[object]] = set()
        self.guard = AddressGuard(host, port)
        self.refusals_reported: set[str] = set()

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
        tab = _TabLog()
        width, height, capped = terminal_size({"width": to_int(request.query.get("width", "80"), 80),
                                               "height": to_int(request.query.get("height", "24"), 24)})
        if capped:
            tab.capped(width, height)
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
            await self._process_messages(websocket, service, tab)
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

    async def _process_messages(self, websocket: web.WebSocketResponse,  # type: ignore[override]
                                service: AppService, tab: _TabLog | None = None) -> None:
        """textual-serve's loop, but a message it cannot use is skipped, not a crash."""
        tab = tab or _TabLog()
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                await self._handle_message(websocket, service, tab, message.data)
            except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
                tab.junk(str(error) if isinstance(error, ValueError) else "onbruikbare inhoud")

    async def _handle_message(self, websocket: web.WebSocketResponse, service: AppService,
                              tab: _TabLog, text: str) -> None:
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

        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop)
        web.run_app(self._make_app(), host=self.host, port=self.port, loop=loop,
                    handle_signals=False, shutdown_timeout=SHUTDOWN_TIMEOUT,
                    print=None, access_log=None)


class _TabLog:
    """One Dutch log line per tab at most, so a tab that keeps sending junk cannot flood."""

    def __init__(self) -> None:
        self.said = False

    def _say(self, text: str) -> None:
        if not self.said:
            self.said = True
            log.warning("%s (verdere meldingen van dit tabblad worden overgeslagen)", text)

    def junk(self, reason: str) -> None:
        self._say(f"een tabblad stuurde een onbruikbaar bericht ({reason}); dat is genegeerd")

    def capped(self, width: int, height: int) -> None:
        self._say(f"een tabblad vroeg een onmogelijke venstergrootte; begrensd tot {width}×{height}")
