"""``gesprekscoach exporteer``: sessions in one JSON file, to hand to a trainer."""

from __future__ import annotations

import argparse
import json
import sys

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.cli._db import add_db_argument, required_store, write_output

HELP = "zet sessies in één JSON-bestand, om aan een trainer te geven"

DESCRIPTION = """\
Schrijft alle bewaarde sessies (of die van één docent) naar één JSON-bestand:
elke beurt met de analyse, het antwoord van de student en het rapport. Een
trainer leest het in met 'gesprekscoach importeer-sessies'. Het bestand
bevat de gesprekken zelf: deel het alleen met wie ze mag lezen."""

EPILOG = """\
voorbeelden:
  gesprekscoach exporteer --docent marieke -o marieke.json
  gesprekscoach exporteer -o alle-sessies.json
  gesprekscoach importeer-sessies marieke.json        (bij de trainer)"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("exporteer", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--docent", metavar="ALIAS", help="alleen de sessies van deze docent")
    parser.add_argument("-o", "--uitvoer", metavar="BESTAND.json", required=True,
                        help="het exportbestand ('-' schrijft naar het scherm)")
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    store = required_store(args)
    with store:
        data = store.export(args.docent)
    if not data["sessies"]:
        who = f" van {args.docent}" if args.docent else ""
        raise UserError(Problem(f"geen sessies{who} om te exporteren"))
    write_output(json.dumps(data, ensure_ascii=False, indent=1) + "\n", args.uitvoer)
    count = len(data["sessies"])
    print(f"{count} {'sessie' if count == 1 else 'sessies'} geëxporteerd.", file=sys.stderr)
    return 0
