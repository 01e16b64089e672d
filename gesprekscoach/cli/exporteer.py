"""``gesprekscoach exporteer``: sessions in one JSON file, to hand to a trainer."""

from __future__ import annotations

import argparse
import json
import sys

from gesprekscoach.cli._db import add_db_argument, required_store, write_output
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.storage.store import Store

HELP = "zet sessies in één JSON-bestand, om aan een trainer te geven"

DESCRIPTION = """\
Schrijft alle bewaarde sessies (of die van één docent) naar één JSON-bestand:
elke beurt met de analyse, het antwoord van de student en het rapport. Een
trainer leest het in met 'gesprekscoach importeer-sessies'. Het bestand
bevat de gesprekken zelf: deel het alleen met wie ze mag lezen.

Met --correcties schrijf je in plaats daarvan elke beurt die een trainer met
'gesprekscoach corrigeer' verbeterde als één regel JSON in het corpusformaat
van het codeboek (§6): gelabelde data om de analyser mee te meten of te
trainen ('gesprekscoach evalueer CORRECTIES.jsonl')."""

EPILOG = """\
voorbeelden:
  gesprekscoach exporteer --docent marieke -o marieke.json
  gesprekscoach exporteer -o alle-sessies.json
  gesprekscoach importeer-sessies marieke.json        (bij de trainer)
  gesprekscoach exporteer --correcties -o correcties.jsonl"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("exporteer", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--docent", metavar="ALIAS", help="alleen de sessies van deze docent")
    parser.add_argument("-o", "--uitvoer", metavar="BESTAND.json", required=True,
                        help="het exportbestand ('-' schrijft naar het scherm)")
    parser.add_argument("--correcties", action="store_true",
                        help="de correcties van trainers als corpus (JSONL, codeboek §6)")
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    store = required_store(args)
    if args.correcties:
        return _corrections(store, args)
    with store:
        data = store.export(args.docent)
    left_out = sorted(store.damaged.values(), key=lambda d: d.session_id)
    if left_out:
        print(f"gesprekscoach: {len(left_out)} beschadigde "
              f"{'sessie' if len(left_out) == 1 else 'sessies'} niet geëxporteerd:",
              file=sys.stderr)
        for damage in left_out:
            print(f"  {damage.session_id[:8]}: {damage.what}", file=sys.stderr)
    if not data["sessies"]:
        who = f" van {args.docent}" if args.docent else ""
        raise UserError(Problem(f"geen sessies{who} om te exporteren"))
    write_output(json.dumps(data, ensure_ascii=False, indent=1) + "\n", args.uitvoer, fmt="json")
    count = len(data["sessies"])
    print(f"{count} {'sessie' if count == 1 else 'sessies'} geëxporteerd.", file=sys.stderr)
    return 0


def _corrections(store: Store, args: argparse.Namespace) -> int:
    """Every corrected turn as a corpus line: the trainer's code with the student's turn before."""
    from gesprekscoach.storage.corrections import corpus_lines, corrected_sessions, corrections_of

    with store:
        items = []
        for session_id in corrected_sessions(store):
            stored = store.load(session_id)
            if args.docent and stored.info.docent.lower() != args.docent.strip().lower():
                continue
            items.append((stored, corrections_of(store, session_id)))
    lines = corpus_lines(items)
    if not lines:
        who = f" van {args.docent}" if args.docent else ""
        raise UserError(Problem(f"geen gecorrigeerde beurten{who} om te exporteren; corrigeer "
                                "eerst met 'gesprekscoach corrigeer SESSIE BEURT CODE'"))
    write_output("\n".join(lines) + "\n", args.uitvoer, fmt="json")
    print(f"{len(lines)} gecorrigeerde {'beurt' if len(lines) == 1 else 'beurten'} "
          "geëxporteerd.", file=sys.stderr)
    return 0
