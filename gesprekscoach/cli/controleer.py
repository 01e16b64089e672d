"""``gesprekscoach controleer``: check scenario files and name every mistake's place."""

from __future__ import annotations

import argparse
import re

from gesprekscoach.cli._output import clean
from gesprekscoach.conversation.scenario_check import check_scenario, scenario_files
from gesprekscoach.errors import UserError

HELP = "controleer scenario's en wijs elke fout aan met regel en kolom"

DESCRIPTION = """\
Leest scenariobestanden (YAML) en meldt alle fouten tegelijk, elk als
bestand:regel:kolom: melding. Een map wordt helemaal doorzocht op *.yaml en
*.yml; een normenbestand daarin (met 'regels:' of 'valkuilen:' bovenaan, zie
'gesprekscoach normen') wordt als normen gecontroleerd. Zonder fouten volgt
één regel met hoeveel bestanden er goed zijn.

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


#: Top-level keys of a norms file (``gesprekscoach normen``), none of which a scenario has.
NORMS_KEYS = frozenset({"punten", "regels", "kort_gesprek", "valkuilen"})
#: Top-level keys every scenario has.
SCENARIO_KEYS = frozenset({"titel", "student", "lagen", "doel"})
_TOP_KEY = re.compile(r"^([A-Za-z_]+)\s*:", re.MULTILINE)


def run(args: argparse.Namespace) -> int:
    from gesprekscoach.scoring.norms import load_norms

    files, problems = scenario_files(args.paden)
    wrong = norms = 0
    for path in files:
        if is_norms_file(path):  # a trainer keeps normen.yaml beside the scenarios
            norms += 1
            try:
                load_norms(path)
            except UserError as error:
                problems += error.problems
                wrong += 1
            continue
        checked = check_scenario(path)
        problems += checked.problems
        wrong += not checked.ok
    for problem in problems:
        print(clean(str(problem)))
    print(summary(len(files) - norms, wrong, len(problems), norms))
    return EXIT_PROBLEMS if problems else 0


def is_norms_file(path: str) -> bool:
    """A norms file by its top-level keys: some of a norms file's, none of a scenario's."""
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            head = file.read(64 * 1024)
    except OSError:
        return False  # check_scenario says what is wrong with it
    keys = set(_TOP_KEY.findall(head))
    return bool(keys & NORMS_KEYS) and not keys & SCENARIO_KEYS


def summary(checked: int, wrong: int, problems: int, norms: int = 0) -> str:
    """One closing line, so a clean run is visibly clean."""
    scenarios = f"{checked} {'scenario' if checked == 1 else SCENARIOS}"
    if norms:
        scenarios += f" en {norms} {'normenbestand' if norms == 1 else 'normenbestanden'}"
    scenarios += " gecontroleerd"
    if not problems:
        return f"{scenarios}, geen fouten."
    mistakes = f"{problems} {'fout' if problems == 1 else 'fouten'}"
    if not wrong:
        return f"{scenarios}; {mistakes} in de opgegeven paden."
    return f"{scenarios}, {mistakes} in {wrong} {'bestand' if wrong == 1 else 'bestanden'}."
