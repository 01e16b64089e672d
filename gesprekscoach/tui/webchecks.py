"""The two checks ``gesprekscoach serveer`` puts before textual-serve: the address a request
names, and the terminal size a tab asks for.

Apart from :mod:`webserver` so they can be read (and tested) without aiohttp.
"""

from __future__ import annotations

import ipaddress
import math
import socket
from typing import Final
from urllib.parse import urlsplit

#: The terminal size a tab may ask for; larger or smaller requests are capped to it.
MIN_WIDTH: Final[int] = 10
MIN_HEIGHT: Final[int] = 4
MAX_WIDTH: Final[int] = 300
MAX_HEIGHT: Final[int] = 100
#: Names that reach this computer itself, whichever a loopback bind is opened with.
LOOPBACK_NAMES: Final[frozenset[str]] = frozenset({"127.0.0.1", "localhost", "::1"})
#: Hosts that mean "every network interface of this computer".
ALL_INTERFACES: Final[frozenset[str]] = frozenset({"0.0.0.0", "::", ""})
#: The default port of each scheme an Origin may name.
_DEFAULT_PORTS: Final[dict[str, int]] = {"http": 80, "https": 443}


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
