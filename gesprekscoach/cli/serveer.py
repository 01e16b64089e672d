"""``gesprekscoach serveer``: the app in the browser, for a training day.

textual-serve starts one ``gesprekscoach app`` process per browser tab, so
every docent holds their own conversation, exactly as in a terminal. This
module only adds what a trainer needs around it: the address is checked
before anything starts (a taken port is a Dutch message and exit code 2),
the page is Dutch and needs no internet, binding beyond this computer is
said out loud, and Ctrl+C stops the server and every open conversation
without a traceback.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import shlex
import socket
import sys
from typing import Final

from gesprekscoach.cli._db import add_db_argument
from gesprekscoach.cli._norms import add_norms_argument
from gesprekscoach.cli.app import add_options, check_paths
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.storage.paths import DB_ENV

HELP = "open de app in de browser: voor een trainingsdag of zonder terminal"

DESCRIPTION = """\
Start gesprekscoach als website. Open het adres dat verschijnt in een
browser: elk tabblad is een eigen gesprek, met een eigen student, net als in
de terminal. Zo kan een groep op een trainingsdag tegelijk oefenen, en werkt
gesprekscoach ook voor wie geen terminal gebruikt.

Standaard kan alleen deze computer erbij (127.0.0.1). Moet de groep erbij
via het netwerk, start dan met --host 0.0.0.0: dan kan iedereen op hetzelfde
netwerk de app openen, dus doe dat alleen op een vertrouwd netwerk.

Er is geen internet nodig. Stoppen doe je met Ctrl+C; open gesprekken worden
dan gesloten."""

EPILOG = """\
voorbeelden:
  gesprekscoach serveer                         open daarna http://127.0.0.1:8000
  gesprekscoach serveer --poort 8080 --proef    proefgesprekken, op poort 8080
  gesprekscoach serveer --host 0.0.0.0          de groep gebruikt het adres van deze laptop
  gesprekscoach serveer --scenario eigen/       met de scenario's uit een eigen map erbij
  gesprekscoach serveer --max-tabbladen 20      hooguit 20 gesprekken tegelijk"""

DEFAULT_HOST: Final[str] = "127.0.0.1"
DEFAULT_PORT: Final[int] = 8000
#: As webserver.DEFAULT_MAX_TABS (not imported from there: aiohttp would load with --help).
DEFAULT_MAX_TABS: Final[int] = 40
#: Hosts that mean "every network interface of this computer".
ALL_INTERFACES: Final[frozenset[str]] = frozenset({"0.0.0.0", "::", ""})


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("serveer", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--host", default=DEFAULT_HOST, metavar="ADRES",
                        help="op welk adres de app luistert (standaard 127.0.0.1: alleen "
                             "deze computer; 0.0.0.0: iedereen op het netwerk)")
    parser.add_argument("--poort", type=int, default=DEFAULT_PORT, metavar="POORT",
                        help=f"de poort (standaard {DEFAULT_PORT})")
    parser.add_argument("--max-tabbladen", type=int, default=DEFAULT_MAX_TABS, metavar="N",
                        help=f"hoeveel gesprekken tegelijk (standaard {DEFAULT_MAX_TABS}); een "
                             "tabblad daarboven krijgt een pagina 'alle plaatsen bezet'. Reken "
                             "op ongeveer 120 MB geheugen per gesprek")
    add_options(parser)  # --scenario, --proef, --seed: passed on to every tab's app
    add_norms_argument(parser)
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    host: str = args.host.strip()
    port: int = args.poort
    check_paths(args.scenario)  # a bad scenario (or a link loop) is reported here, not in every tab
    # Absolute, as every tab starts elsewhere; abspath follows no links, so a loop cannot hang it.
    paths = [os.path.abspath(p) for p in args.scenario]
    if not 1 <= args.max_tabbladen <= 1000:
        raise UserError(Problem(f"--max-tabbladen {args.max_tabbladen} kan niet; kies 1 tot en "
                                f"met 1000 (standaard {DEFAULT_MAX_TABS})"))
    check_address(host, port)
    if args.db:
        # Every tab's app process inherits this, so all sessions go to one file.
        os.environ[DB_ENV] = os.path.abspath(os.path.expanduser(args.db))
    from gesprekscoach.tui.webserver import CoachServer  # aiohttp takes a third of a second: only here

    command = shlex.join(session_command(paths, proef=args.proef, seed=args.seed))
    server = CoachServer(command, host, port, banner=banner(host, port),
                         max_tabs=args.max_tabbladen, starter=starter_command())
    try:
        server.serve()
    except OSError as error:  # lost the port between the check and the start
        raise UserError(address_problem(error, host, port)) from None
    print("\ngesprekscoach serveer is gestopt.", file=sys.stderr)
    return 0


def starter_command() -> list[str]:
    """The process every tab's app is forked from (:mod:`gesprekscoach.cli.tabstarter`)."""
    return [sys.executable, "-m", "gesprekscoach.cli.tabstarter"]


def session_command(scenario_paths: list[str], *, proef: bool = False, seed: int = 0) -> list[str]:
    """What each tab runs: this very Python (the venv's) with ``-m``, so no PATH is needed."""
    command = [sys.executable, "-m", "gesprekscoach", "app"]
    for path in scenario_paths:
        command += ["--scenario", path]
    if proef:
        command.append("--proef")
    if seed:
        command += ["--seed", str(seed)]
    return command


# ---------------------------------------------------------------- the address

def banner(host: str, port: int) -> str:
    """What the trainer reads once the server listens: where to go, and who else can."""
    lines = [f"gesprekscoach draait. Open in je browser: {browser_url(host, port)}"]
    if not is_loopback(host):
        where = "alle netwerken van deze computer" if host in ALL_INTERFACES else host
        lines.append(
            f"Let op: de app luistert op {where}. Iedereen op hetzelfde netwerk kan hem "
            f"openen (via http://{socket.gethostname()}:{port} of het IP-adres van deze "
            "computer) en er gesprekken voeren. Doe dit alleen op een vertrouwd netwerk.")
    lines.append("Elk tabblad is een eigen gesprek. Stoppen: Ctrl+C.")
    return "\n".join(lines)


def is_loopback(host: str) -> bool:
    """Only this computer can reach ``host``; anything else earns the warning."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def browser_url(host: str, port: int) -> str:
    """The address to open on this computer."""
    if host in ALL_INTERFACES:
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def check_address(host: str, port: int) -> None:
    """Bind every address the server will bind, once, so a taken port is a message, not a crash."""
    if not 1 <= port <= 65535:
        raise UserError(Problem(f"poort {port} bestaat niet; kies een poort van 1 tot en met 65535"))
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise UserError(Problem(f"onbekend adres '{host}'; gebruik 127.0.0.1 (alleen deze "
                                "computer) of 0.0.0.0 (het hele netwerk)")) from None
    for family, kind, proto, _, address in infos:
        with socket.socket(family, kind, proto) as probe:
            # As aiohttp does: a port that was just freed (TIME_WAIT) is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(address)
            except OSError as error:
                raise UserError(address_problem(error, host, port)) from None


def address_problem(error: OSError, host: str, port: int) -> Problem:
    """Why the server cannot listen there, and what to do, in Dutch."""
    if error.errno == errno.EADDRINUSE:
        return Problem(f"poort {port} is al in gebruik (draait gesprekscoach serveer al?); "
                       f"kies een andere, bijvoorbeeld --poort {port + 1 if port < 65535 else 8080}")
    if error.errno == errno.EACCES:
        return Problem(f"geen toestemming voor poort {port}; kies een poort boven 1023, "
                       f"bijvoorbeeld --poort {DEFAULT_PORT}")
    if error.errno == errno.EADDRNOTAVAIL:
        return Problem(f"adres '{host}' hoort niet bij deze computer; gebruik 127.0.0.1 of 0.0.0.0")
    return Problem(f"kan niet luisteren op {host}:{port} ({error.strerror or error})")
