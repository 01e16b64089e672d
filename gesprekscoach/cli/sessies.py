"""``gesprekscoach sessies``: the kept sessions, of everyone or of one docent."""

from __future__ import annotations

import argparse
import difflib
import json
from collections.abc import Sequence

from gesprekscoach.cli._db import add_db_argument, existing_store, no_database_message, warn_damaged
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.output.json_data import session_info_json
from gesprekscoach.output.text import sessions_table
from gesprekscoach.storage.paths import printable
from gesprekscoach.storage.workbench import hidden_ids

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
        hidden = hidden_ids(store)
        if args.docent and not sessions and store.docents():
            raise UserError(unknown_docent(args.docent, store.docents()))
    warn_damaged(store)
    if args.json:
        print(json.dumps([{**session_info_json(s), "verborgen": s.id in hidden}
                          for s in sessions], ensure_ascii=False, indent=2))
        return 0
    if not sessions:
        print(f"Nog geen sessies bewaard in {store.path}.")
        return 0
    print(sessions_table(sessions, hidden), end="")
    count = "1 sessie" if len(sessions) == 1 else f"{len(sessions)} sessies"
    shown = sum(1 for s in sessions if s.id in hidden)
    note = f" ({shown} verborgen; terug met 'corrigeer SESSIE --toon')" if shown else ""
    print(f"\n{count} in {store.path}{note}. Rapport: gesprekscoach rapport SESSIE")
    return 0


def unknown_docent(name: str, known: Sequence[str]) -> Problem:
    """No sessions of ``name``: a spelling suggestion and who is in the database."""
    lowered = {k.lower(): k for k in known}
    close = difflib.get_close_matches(name.strip().lower(), list(lowered), n=1, cutoff=0.6)
    hint = f"; bedoel je '{lowered[close[0]]}'?" if close else ""
    return Problem(f"geen sessies van '{printable(name.strip())}' gevonden{hint} (docenten in "
                   f"de database: {', '.join(known) or 'geen'})")
