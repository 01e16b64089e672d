"""``gesprekscoach importeer``: score a real conversation and keep it as a session."""

from __future__ import annotations

import argparse
import sys

from gesprekscoach.cli._db import (
    add_db_argument,
    add_output_arguments,
    ask_alias,
    emit,
    open_store,
    output_format,
)
from gesprekscoach.cli._norms import add_norms_argument
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.output.render import SESSION_FORMATS, render_session
from gesprekscoach.storage.recording import import_transcript
from gesprekscoach.storage.workbench import import_warnings, set_labels

HELP = "beoordeel een transcript van een echt gesprek en bewaar het als sessie"

DESCRIPTION = """\
Leest een transcript van een echt (of nagespeeld) gesprek, codeert elke
docentbeurt, volgt de gespreksboog en maakt hetzelfde rapport als bij een
oefengesprek. Het gesprek wordt bewaard als sessie van de soort 'transcript'
en telt mee in 'gesprekscoach voortgang'. Er is geen gesimuleerde student,
dus openheid en lagen ontbreken in het rapport.

Het transcript: elke beurt begint met 'D:' of 'Docent:' (docent) of 'S:' of
'Student:' (student); een regel zonder spreker hoort bij de beurt erboven.
Hetzelfde bestand twee keer importeren voor dezelfde docent kan alleen met
--opnieuw."""

EPILOG = """\
voorbeelden:
  gesprekscoach importeer gesprek-noor.txt --docent marieke
  gesprekscoach importeer gesprek-noor.txt --docent marieke --formaat html -o noor.html
  gesprekscoach importeer - --docent marieke < gesprek.txt

voorbeeld van een transcript:
  D: Hoi Noor, waar wil je het vandaag over hebben?
  S: Over mijn stage bij de kapsalon.
  D: Wat is je daar bijgebleven?"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("importeer", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("transcript", metavar="TRANSCRIPT.txt",
                        help="het gesprek (D:/S:); '-' leest van standaardinvoer")
    parser.add_argument("--docent", metavar="ALIAS",
                        help="de docent die het gesprek voerde (in een terminal wordt het gevraagd)")
    parser.add_argument("--opnieuw", action="store_true",
                        help="bewaar het ook als hetzelfde transcript al geïmporteerd is")
    add_output_arguments(parser, (*SESSION_FORMATS, "pdf"))
    parser.add_argument("--docent-spreker", metavar="NAAM",
                        help="de naam waarmee de docent in het transcript spreekt "
                             "(\"Mevrouw Jansen: …\"); ook met een regel 'Sprekers: docent = …'")
    parser.add_argument("--student-spreker", metavar="NAAM",
                        help="de naam van de student in het transcript, als er meer namen zijn")
    parser.add_argument("--student", metavar="NAAM",
                        help="de naam van de student voor het rapport (standaard: de bestandsnaam)")
    parser.add_argument("--titel", metavar="TEKST", help="een titel of context voor het rapport")
    add_norms_argument(parser)
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args)   # a format it cannot make is refused before anything is kept
    with open_store(args) as store:
        docent = ask_alias(store, args.docent, prompt="Van welke docent is dit gesprek? (alias)",
                           missing="geef met --docent NAAM aan wiens gesprek dit is")
        info, _ = import_transcript(store, args.transcript, docent, again=args.opnieuw,
                                    docent_speaker=args.docent_spreker,
                                    student_speaker=args.student_spreker)
        if args.student or args.titel:
            set_labels(store, info.id, student=_label(args.student, "--student"),
                       title=_label(args.titel, "--titel"))
        stored = store.load(info.id)
        info = stored.info
        warnings = import_warnings(store, stored)
    emit(lambda kind: render_session(stored, kind), fmt, args.uitvoer)
    print(f"Bewaard als sessie {info.short_id} van {info.docent} ({info.turns} docentbeurten, "
          f"cijfer {info.score}).", file=sys.stderr)
    for warning in warnings:
        print(f"gesprekscoach: let op: {warning}", file=sys.stderr)
    return 0


def _label(value: str | None, option: str) -> str | None:
    """A name or title as the user typed it, checked: one line, not empty, not too long."""
    if value is None:
        return None
    text = " ".join(value.split())
    if not text or len(text) > 120:
        raise UserError(Problem(f"{option} moet tussen 1 en 120 tekens zijn"))
    return text
