"""``gesprekscoach importeer-sessies``: read a docent's export file into this database."""

from __future__ import annotations

import argparse
import json

from gesprekscoach.cli._db import add_db_argument, open_store
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.textfile import JSON_MESSAGES, display_name, read_text

HELP = "lees sessies uit een exportbestand in (dubbele worden overgeslagen)"

DESCRIPTION = """\
Leest de sessies uit een bestand van 'gesprekscoach exporteer' in deze
database. Sessies die er al zijn (zelfde sessie-id) worden overgeslagen, dus
twee keer inlezen geeft geen dubbele. Het hele bestand wordt eerst
gecontroleerd: is het beschadigd of half, dan wordt er niets ingelezen."""

EPILOG = """\
voorbeelden:
  gesprekscoach importeer-sessies marieke.json
  gesprekscoach importeer-sessies marieke.json --db groep-a.db
  gesprekscoach voortgang --docent marieke --db groep-a.db -o marieke.html"""


#: A file that is no export of ours at all (empty, plain text, another format).
NOT_AN_EXPORT = ("dit is geen exportbestand van gesprekscoach (dat is JSON en begint met '{'); "
                 "er is niets ingelezen. Maak een exportbestand met 'gesprekscoach exporteer "
                 "-o BESTAND.json'; een transcript lees je in met 'gesprekscoach importeer'")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("importeer-sessies", help=HELP, description=DESCRIPTION,
                                   epilog=EPILOG)
    parser.add_argument("bestand", metavar="BESTAND.json",
                        help="een exportbestand; '-' leest van standaardinvoer")
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    name = display_name(args.bestand)
    text = read_text(args.bestand, empty=NOT_AN_EXPORT)
    if not text.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        # Not cut off: this was never JSON (a transcript, a report, a note).
        raise UserError(Problem(NOT_AN_EXPORT, name, 1))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = JSON_MESSAGES.get(exc.msg, exc.msg)
        # An export ends with "}"; a file that does not was cut off (a half download).
        cut = not text.rstrip().endswith("}") or exc.pos >= len(text.rstrip()) - 1
        what = "het bestand houdt halverwege op" if cut else f"ongeldige JSON: {message}"
        raise UserError(Problem(
            f"{what}; er is niets ingelezen. Exporteer het opnieuw of vraag om een heel bestand",
            name, exc.lineno, exc.colno)) from None
    with open_store(args) as store:
        result = store.import_sessions(data, name)
    added, skipped = len(result.added), len(result.skipped)
    print(f"{added} {'sessie' if added == 1 else 'sessies'} ingelezen"
          + (f", {skipped} al aanwezig en overgeslagen" if skipped else "")
          + f" (in {store.path}).")
    return 0
