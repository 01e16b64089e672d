"""``gesprekscoach controleer``: check scenario files and name every mistake's place."""

from __future__ import annotations

import argparse

from gesprekscoach.cli._output import clean
from gesprekscoach.conversation.scenario_check import check_scenario, scenario_files

HELP = "controleer scenario's en wijs elke fout aan met regel en kolom"

DESCRIPTION = """\
Leest scenariobestanden (YAML) en meldt alle fouten tegelijk, elk als
bestand:regel:kolom: melding. Een map wordt helemaal doorzocht op *.yaml en
*.yml. Zonder fouten volgt één regel met hoeveel scenario's er goed zijn.

Uitleg over het formaat: docs/scenario.md."""

EPILOG = """\
voorbeelden:
  gesprekscoach controleer mijn-scenarios/
  gesprekscoach controleer mijn-student.yaml andere-student.yaml
  gesprekscoach scenario nieuw mijn-student     een voorbeeld om mee te beginnen"""

EXIT_PROBLEMS = 2
SCENARIOS = "scenario's"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("controleer", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("paden", nargs="+", metavar="PAD",
                        help="scenariobestand of map met scenario's")
    return parser


def run(args: argparse.Namespace) -> int:
    files, problems = scenario_files(args.paden)
    wrong = 0
    for path in files:
        checked = check_scenario(path)
        problems += checked.problems
        wrong += not checked.ok
    for problem in problems:
        print(clean(str(problem)))
    print(summary(len(files), wrong, len(problems)))
    return EXIT_PROBLEMS if problems else 0


def summary(checked: int, wrong: int, problems: int) -> str:
    """One closing line, so a clean run is visibly clean."""
    scenarios = f"{checked} {'scenario' if checked == 1 else SCENARIOS} gecontroleerd"
    if not problems:
        return f"{scenarios}, geen fouten."
    mistakes = f"{problems} {'fout' if problems == 1 else 'fouten'}"
    if not wrong:
        return f"{scenarios}; {mistakes} in de opgegeven paden."
    return f"{scenarios}, {mistakes} in {wrong} {'bestand' if wrong == 1 else 'bestanden'}."
