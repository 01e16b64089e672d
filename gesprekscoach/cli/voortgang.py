"""``gesprekscoach voortgang``: how a docent's scores per rule develop over sessions."""

from __future__ import annotations

import argparse

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.output.render import PROGRESS_FORMATS, render_progress
from gesprekscoach.cli._db import (add_db_argument, required_store, output_format,
                  write_output)

HELP = "toon de voortgang van een docent over de sessies, met een trend per regel"

DESCRIPTION = """\
De voortgang van één docent over alle afgeronde sessies (oefeningen en
geïmporteerde transcripten), oudste eerst: het cijfer en de punten per
gespreksregel (0 tot 1) per sessie, met de trend. De trend is de rechte lijn
door alle sessies: 'stijgt' of 'daalt' als die lijn minstens 5 punten (cijfer)
of 0,1 punt (regel) verandert, anders 'gelijk'. Afgebroken sessies tellen
niet mee.

Formaten: tekst (standaard), md, html (één losse pagina met grafieken), csv
(één regel per sessie) en json. Zonder --formaat volgt het formaat uit de
naam achter -o."""

EPILOG = """\
voorbeelden:
  gesprekscoach voortgang --docent marieke
  gesprekscoach voortgang --docent marieke -o voortgang.html
  gesprekscoach voortgang --docent marieke --formaat csv -o marieke.csv"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("voortgang", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--docent", metavar="ALIAS",
                        help="de docent (mag weg als er maar één docent in de database staat)")
    parser.add_argument("--formaat", choices=PROGRESS_FORMATS, default=None,
                        help="tekst, md, html, csv of json (standaard: tekst)")
    parser.add_argument("-o", "--uitvoer", metavar="BESTAND",
                        help="schrijf naar dit bestand in plaats van naar het scherm")
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    store = required_store(args)
    fmt = output_format(args)
    with store:
        docent = args.docent
        if docent is None:
            docents = store.docents()
            if len(docents) != 1:
                names = ", ".join(docents) or "geen"
                raise UserError(Problem(f"geef met --docent ALIAS aan wiens voortgang je wilt "
                                        f"zien (in de database: {names})"))
            docent = docents[0]
        infos = store.list_sessions(docent)
        if not infos:
            known = ", ".join(store.docents()) or "geen"
            raise UserError(Problem(f"geen sessies van '{docent}' gevonden (docenten in de "
                                    f"database: {known})"))
        progress = store.progress(docent)
        sessions = [store.load(info.id) for info in infos] if fmt == "csv" else []
    write_output(render_progress(progress, sessions, fmt), args.uitvoer, bom=fmt == "csv")
    return 0
