"""``gesprekscoach sessies``: the kept sessions, of everyone or of one docent."""

from __future__ import annotations

import argparse
import json

from gesprekscoach.cli._db import add_db_argument, existing_store, no_database_message, warn_damaged
from gesprekscoach.output.json_data import session_info_json
from gesprekscoach.output.text import sessions_table

HELP = "toon de bewaarde sessies"

DESCRIPTION = """\
Toont de bewaarde sessies, oudste eerst: oefengesprekken en geïmporteerde
transcripten, met datum, docent, student, aantal beurten, cijfer en status
(bezig, klaar of afgebroken). Met het sessie-id (de eerste 8 tekens zijn
genoeg) open je het rapport."""

EPILOG = """\
voorbeelden:
  gesprekscoach sessies
  gesprekscoach sessies --docent marieke
  gesprekscoach sessies --json > sessies.json
  gesprekscoach rapport 3f2a9c1e                 het rapport van één sessie"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("sessies", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--docent", metavar="ALIAS", help="alleen de sessies van deze docent")
    parser.add_argument("--json", action="store_true", help="één JSON-lijst met alle sessies")
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    store = existing_store(args)
    if store is None:
        if args.json:
            print("[]")
        else:
            print(no_database_message(args))
        return 0
    with store:
        sessions = store.list_sessions(args.docent)
    warn_damaged(store)
    if args.json:
        print(json.dumps([session_info_json(s) for s in sessions], ensure_ascii=False, indent=2))
        return 0
    if not sessions:
        who = f" van {args.docent}" if args.docent else ""
        print(f"Nog geen sessies{who} bewaard in {store.path}.")
        return 0
    print(sessions_table(sessions), end="")
    count = "1 sessie" if len(sessions) == 1 else f"{len(sessions)} sessies"
    print(f"\n{count} in {store.path}. Rapport: gesprekscoach rapport SESSIE")
    return 0
