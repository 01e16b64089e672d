"""``gesprekscoach app``: the full-screen app (also what ``gesprekscoach`` alone starts).

Scenario files named with ``--scenario`` are checked before the screen
opens, so a mistake ends in ``pad:regel:kolom: melding`` and exit code 2
rather than in a broken app.
"""

from __future__ import annotations

import argparse
import os
import sys

from gesprekscoach.cli._db import add_db_argument
from gesprekscoach.cli._norms import add_norms_argument
from gesprekscoach.errors import Problem, UserError

HELP = "open de app: kies een student, voer het gesprek, lees het rapport (standaard)"

DESCRIPTION = """\
Open gesprekscoach in de terminal. Kies een student uit de lijst (de
meegeleverde scenario's, die in je eigen map en die je met --scenario
opgeeft), voer het gesprek en lees aan het eind het rapport.

Eigen scenario's zet je in $XDG_CONFIG_HOME/gesprekscoach/scenarios (meestal
~/.config/gesprekscoach/scenarios); de app leest ze bij elke start, en ctrl+r
leest ze opnieuw.

Elke beurt wordt meteen bewaard onder je alias (--docent, anders vraagt de app
erom). Een gesprek dat je halverwege afbrak, biedt de app bij de volgende start
aan om verder te voeren; h of ctrl+g in de lijst toont je eerdere gesprekken,
hun rapporten en je voortgang.

Toetsen in het gesprek: Enter verstuurt, ctrl+s is een stilte, ctrl+t geeft
een hint, ctrl+z neemt je laatste beurt terug, ctrl+r rondt af met het
rapport, F1 legt alles uit, F2 wisselt licht en donker, ctrl+q stopt."""

EPILOG = """\
voorbeelden:
  gesprekscoach                                   hetzelfde als: gesprekscoach app
  gesprekscoach app --proef                       proefgesprek: feedback pas in het rapport
  gesprekscoach app --scenario mijn-student.yaml  een eigen scenario erbij
  gesprekscoach app --scenario mijn-scenarios/ --seed 3
  gesprekscoach app --docent marieke --db ~/sessies.db"""

#: textual-serve (``gesprekscoach serveer``) sets $TEXTUAL_DRIVER to this for each
#: browser tab: the app talks to the page through pipes, so no terminal is needed.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"

#: Set to 1 to run headless and exit as soon as the picker is filled (scripts/bench_tui.py).
READY_ENV = "GESPREKSCOACH_EXIT_WHEN_READY"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("app", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    add_options(parser)
    # Not in add_options: serveer shares those, and has its own --db.
    parser.add_argument("--docent", metavar="ALIAS",
                        help="onder welke naam je gesprekken bewaard worden (anders vraagt de "
                             "app het bij de start)")
    add_norms_argument(parser)
    add_db_argument(parser)
    return parser


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", action="append", default=[], metavar="PAD",
                        help="scenariobestand of map met scenario's; mag vaker")
    parser.add_argument("--proef", action="store_true",
                        help="kies vooraf proef: geen feedback tot het rapport")
    parser.add_argument("--seed", type=int, default=0,
                        help="startgetal: zelfde getal, zelfde student (standaard 0)")


def check_paths(paths: list[str]) -> None:
    """Every ``--scenario`` exists and is a valid scenario; UserError with all problems."""
    if not paths:
        return
    from gesprekscoach.conversation.scenario_check import check_scenario, scenario_files

    files, problems = scenario_files(paths)
    for path in files:
        problems += check_scenario(path).problems
    if problems:
        raise UserError(*problems)


def run(args: argparse.Namespace) -> int:
    paths: list[str] = list(getattr(args, "scenario", []) or [])
    check_paths(paths)
    # Only the app reads the hint table, and it is read in milliseconds: a trainer's
    # mistake in it ends here, before the screen opens. The larger trainer files are
    # read by the app's warm-up, which stops the app with the same message.
    from gesprekscoach.conversation.hints import load_rules

    load_rules()
    ready_exit = os.environ.get(READY_ENV) == "1"
    in_browser = os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER
    if not ready_exit and not in_browser and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(Problem(
            "de app heeft een terminal nodig; gebruik in een script 'gesprekscoach simuleer' "
            "of 'gesprekscoach oefen'"))
    from gesprekscoach.tui.app import make_app

    # The database is opened here, so a locked or broken file ends in a Dutch
    # message and exit 2 before the screen opens. The startup bench stores nothing.
    app = make_app(paths, mode="proef" if getattr(args, "proef", False) else None,
                   seed=getattr(args, "seed", 0), exit_when_ready=ready_exit,
                   docent=getattr(args, "docent", None), db=getattr(args, "db", None),
                   record=not ready_exit)
    app.run(headless=ready_exit)
    return app.return_code or 0
