"""``gesprekscoach rapport``: the report of one kept session, in any format."""

from __future__ import annotations

import argparse

from gesprekscoach.cli._db import add_db_argument, add_output_arguments, emit, output_format, required_store
from gesprekscoach.cli._norms import add_norms_argument
from gesprekscoach.cli.sessies import unknown_docent
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.output.render import SESSION_FORMATS, render_session
from gesprekscoach.scoring.own_norms import active_norms
from gesprekscoach.storage.corrections import reviewed
from gesprekscoach.storage.paths import printable
from gesprekscoach.storage.sessions import SessionInfo
from gesprekscoach.storage.store import Store

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

  pdf    de HTML-pagina afgedrukt door Chromium (alleen naar een bestand)

Zonder --formaat volgt het formaat uit de naam achter -o (.html, .csv, .json,
.md, .txt, .pdf)."""

EPILOG = """\
voorbeelden:
  gesprekscoach rapport 3f2a9c1e
  gesprekscoach rapport laatste --docent marieke
  gesprekscoach rapport 3f2a9c1e -o rapport.html
  gesprekscoach rapport 3f2a9c1e --formaat csv -o sessie.csv"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("rapport", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("sessie", metavar="SESSIE", help="sessie-id (of het begin ervan) of 'laatste'")
    add_output_arguments(parser, (*SESSION_FORMATS, "pdf"))
    parser.add_argument("--docent", metavar="ALIAS", help="zoek alleen in de sessies van deze docent")
    add_norms_argument(parser)
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args)
    store = required_store(args)
    with store:
        info = _find(store, args.sessie, args.docent)
        # with a trainer's corrections; against other norms when --normen is given
        norms = active_norms() if args.normen else None
        stored = reviewed(store, store.load(info.id), norms).stored
    emit(lambda kind: render_session(stored, kind), fmt, args.uitvoer)
    return 0


def _find(store: Store, reference: str, docent: str | None) -> SessionInfo:
    """The session meant; when it exists for another docent than ``--docent``, say so
    rather than "geen sessie gevonden"."""
    try:
        return store.find(reference, docent)
    except UserError:
        if docent is None or reference.strip().lower() == "laatste":
            if docent is not None and docent.strip().lower() not in {
                    d.lower() for d in store.docents()}:
                raise UserError(unknown_docent(docent, store.docents())) from None
            raise
        other = store.find(reference)   # raises its own message when it does not exist at all
        raise UserError(Problem(
            f"sessie {other.short_id} is van {other.docent}, niet van "
            f"{printable(docent.strip())}; laat --docent weg of geef --docent {other.docent}"
        )) from None

