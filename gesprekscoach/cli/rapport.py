"""``gesprekscoach rapport``: the report of one kept session, in any format."""

from __future__ import annotations

import argparse

from gesprekscoach.output.render import SESSION_FORMATS, render_session
from gesprekscoach.cli._db import (add_db_argument, required_store, output_format,
                  write_output)

HELP = "toon of bewaar het rapport van een sessie (tekst, md, html, csv, json)"

DESCRIPTION = """\
Het rapport van één bewaarde sessie: het cijfer, de negen gespreksregels met
feedforward, de gespreksboog, de loopbaancompetenties, de valkuilen en het
hele gesprek met de codering van elke beurt.

SESSIE is (het begin van) een sessie-id uit 'gesprekscoach sessies', of
'laatste' voor de meest recente sessie (van --docent, als je die opgeeft).

Formaten:
  tekst  voor de terminal (standaard)
  md     Markdown
  html   één losse webpagina met grafieken, om te mailen of in een portfolio
         te zetten; werkt zonder internet
  csv    één regel per sessie voor een spreadsheet (puntkomma's, decimale komma)
  json   alles, ook elke beurt met de analyse

Zonder --formaat volgt het formaat uit de naam achter -o (.html, .csv, .json,
.md, .txt)."""

EPILOG = """\
voorbeelden:
  gesprekscoach rapport 3f2a9c1e
  gesprekscoach rapport laatste --docent marieke
  gesprekscoach rapport 3f2a9c1e -o rapport.html
  gesprekscoach rapport 3f2a9c1e --formaat csv -o sessie.csv"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("rapport", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("sessie", metavar="SESSIE", help="sessie-id (of het begin ervan) of 'laatste'")
    parser.add_argument("--formaat", choices=SESSION_FORMATS, default=None,
                        help="tekst, md, html, csv of json (standaard: tekst)")
    parser.add_argument("-o", "--uitvoer", metavar="BESTAND",
                        help="schrijf naar dit bestand in plaats van naar het scherm")
    parser.add_argument("--docent", metavar="ALIAS", help="zoek alleen in de sessies van deze docent")
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    store = required_store(args)
    fmt = output_format(args)
    with store:
        info = store.find(args.sessie, args.docent)
        stored = store.load(info.id)
    write_output(render_session(stored, fmt), args.uitvoer, bom=fmt == "csv")
    return 0
