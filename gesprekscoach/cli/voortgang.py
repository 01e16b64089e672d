"""``gesprekscoach voortgang``: how a docent's scores per rule develop over sessions."""

from __future__ import annotations

import argparse
import dataclasses

from gesprekscoach.cli._db import (
    add_db_argument,
    add_output_arguments,
    emit,
    output_format,
    required_store,
    warn_damaged,
)
from gesprekscoach.cli._norms import add_norms_argument
from gesprekscoach.cli.sessies import unknown_docent
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.output.render import PROGRESS_FORMATS, render_progress
from gesprekscoach.scoring.group import KIND_ORDER
from gesprekscoach.storage.progress_query import progress_of
from gesprekscoach.textfile import display_name

HELP = "toon de voortgang van een docent over de sessies, met een trend per regel"

DESCRIPTION = """\
De voortgang van één docent, oudste sessie eerst: het cijfer en de punten per
gespreksregel (0 tot 1) per sessie, met de trend. De trend is de rechte lijn
door de sessies van één soort (oefening, proef of transcript) met één
scenario: een echt gesprek en een oefening, of twee verschillende studenten,
zijn geen zelfde meting. Zonder --soort en --scenario is dat de reeks met de
meeste sessies; de andere reeksen staan eronder met hun eigen trend.
'stijgt' of 'daalt' als de lijn minstens 5 punten (cijfer) of 0,1 punt
(regel) verandert, anders 'gelijk'. Afgebroken en verborgen sessies tellen
niet mee, transcripten zonder antwoorden van de student of met minder dan 3
docentbeurten alleen met --alles. Met --normen telt elke sessie opnieuw tegen
die normen (met de correcties van trainers), zoals 'rapport --normen' het
rapport van één sessie.

Formaten: tekst (standaard), md, html (één losse pagina met grafieken), csv
(één regel per sessie), json en pdf (de HTML-pagina afgedrukt door Chromium,
alleen naar een bestand). Zonder --formaat volgt het formaat uit de naam
achter -o."""

EPILOG = """\
voorbeelden:
  gesprekscoach voortgang --docent marieke
  gesprekscoach voortgang --docent marieke -o voortgang.html
  gesprekscoach voortgang --docent marieke -o voortgang.pdf
  gesprekscoach voortgang --docent marieke --formaat csv -o marieke.csv
  gesprekscoach voortgang --docent marieke --normen strenger.yaml"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("voortgang", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--docent", metavar="ALIAS",
                        help="de docent (mag weg als er maar één docent in de database staat)")
    parser.add_argument("--soort", choices=KIND_ORDER, help="de trend over deze soort sessies")
    parser.add_argument("--scenario", metavar="ID",
                        help="de trend over dit scenario ('transcript' voor echte gesprekken)")
    parser.add_argument("--alles", action="store_true",
                        help="tel ook dunne transcripten mee (zonder studentregels, < 3 beurten)")
    add_output_arguments(parser, (*PROGRESS_FORMATS, "pdf"))
    add_norms_argument(parser)
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args)   # a format it cannot make: refused before anything is read
    store = required_store(args)
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
            raise UserError(unknown_docent(docent, store.docents()))
        norms = None
        if args.normen:  # checked by the command line before anything ran
            from gesprekscoach.scoring.own_norms import active_norms

            norms = active_norms()
        progress = progress_of(store, docent, norms, kind=args.soort, scenario=args.scenario,
                               weak=args.alles)
        if args.normen:
            progress = dataclasses.replace(progress, norms=display_name(args.normen))
        if (args.soort or args.scenario) and not progress.sessions:
            known = ", ".join(s.label for s in progress.series) or "geen"
            raise UserError(Problem(f"geen afgeronde sessies van '{docent}' van deze soort of "
                                    f"met dit scenario (wel: {known})"))
        sessions = store.load_readable([info.id for info in infos]) if fmt == "csv" else []
    warn_damaged(store)
    emit(lambda kind: render_progress(progress, sessions, kind), fmt, args.uitvoer)
    return 0
