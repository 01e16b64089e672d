"""``gesprekscoach oefen``: a conversation with a simulated student, line by line.

The plain-terminal way to practise until the Textual app exists: type a turn,
read the student's answer and (in oefenen mode) the feedback on your move;
the report follows at the end.
"""

from __future__ import annotations

import argparse
import textwrap

from ..codebook import LABELS
from ..report import to_markdown
from ..scenario import default_scenario_path
from ..scenario_check import load_scenario
from ..session import Session
from ._output import clean

HELP = "oefen een gesprek met een gesimuleerde student (in de terminal)"

DESCRIPTION = """\
Voer een reflectief loopbaangesprek met een gesimuleerde student. Typ je beurt
en druk op Enter. Een lege regel of ... is een bewuste stilte.

Tijdens het gesprek:
  /terug    neem je laatste beurt terug
  /stop     rond af en toon het rapport
  /help     deze uitleg"""

EPILOG = """\
voorbeelden:
  gesprekscoach oefen                            met de standaardstudent
  gesprekscoach oefen scenarios/daan-ict-twijfel.yaml
  gesprekscoach oefen --proef                    geen feedback tot het einde"""

WIDTH = 78


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("oefen", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("scenario", nargs="?", metavar="SCENARIO",
                        help="scenariobestand (standaard: de meegeleverde standaardstudent)")
    parser.add_argument("--seed", type=int, default=0, help="startgetal: zelfde getal, zelfde student")
    parser.add_argument("--proef", action="store_true",
                        help="proefgesprek: geen feedback tijdens het gesprek, alleen het rapport")
    return parser


def run(args: argparse.Namespace) -> int:
    path = args.scenario or default_scenario_path()
    if path is None:
        print("Geen scenario gevonden. Geef een scenariobestand op: gesprekscoach oefen PAD.yaml")
        return 2
    scenario = load_scenario(path)
    session = Session(scenario, seed=args.seed)
    profile = scenario.student
    print(clean(f"{scenario.title}"))
    print(_wrap(f"{profile.name}, {profile.age} jaar, {profile.course} (niveau {profile.level}, "
                f"{profile.track}). {profile.situation}"))
    mode = "proef (feedback na afloop)" if args.proef else "oefenen (feedback na elke beurt)"
    print(_wrap(f"Modus: {mode}. Typ /help voor uitleg, /stop om af te ronden.") + "\n")
    while True:
        try:
            line = input("Jij: ")
        except EOFError:
            print()
            break
        command = line.strip().lower()
        if command in ("/stop", "/einde", "/klaar"):
            break
        if command == "/help":
            print(DESCRIPTION + "\n")
            continue
        if command == "/terug":
            print("Laatste beurt teruggenomen.\n" if session.undo() else "Er is nog niets om terug te nemen.\n")
            continue
        if command.startswith("/"):
            print(f"Onbekende opdracht {clean(command)}. Kies uit /terug, /stop, /help.\n")
            continue
        exchange = session.say(line)
        print(_wrap(f"{profile.name}: {exchange.student}"))
        if not args.proef:
            analysis = exchange.analysis
            fase = LABELS.get(analysis.fase or "", "geen fase")
            print(_wrap(f"  ↳ {LABELS[analysis.code]} · {fase} · boog: {LABELS[exchange.phase]}"
                        + (" · sprong vooruit!" if exchange.sprong else "")))
            if analysis.tips:
                print(_wrap(f"  ↳ tip: {analysis.tips[0]}", indent="    "))
        print()
    if not session.exchanges:
        print("Geen beurten, dus geen rapport.")
        return 0
    print("\n".join(clean(line) for line in to_markdown(session.report()).splitlines()))
    return 0


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(clean(text), WIDTH, subsequent_indent=indent)
