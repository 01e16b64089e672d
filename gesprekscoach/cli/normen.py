"""``gesprekscoach normen``: a norms file to start from, and a check of one a trainer wrote."""

from __future__ import annotations

import argparse
import sys

from gesprekscoach.cli._output import clean
from gesprekscoach.errors import Problem, UserError

HELP = "een voorbeeld van eigen normen, of controleer een normenbestand"

DESCRIPTION = """\
Normen zeggen wanneer een gespreksregel voldoende of goed is, hoe zwaar hij
meetelt in het cijfer en wanneer een valkuil het cijfer begrenst. Een eigen
normenbestand (YAML) bevat alleen wat je anders wilt dan de meegeleverde
normen; geef het mee met --normen op elke opdracht die beoordeelt, of zet het
als ~/.config/gesprekscoach/normen.yaml.

  --voorbeeld   een kort bestand met uitleg om mee te beginnen
  --standaard   de meegeleverde normen: elke sleutel, met uitleg
  BESTAND…      controleer normenbestanden; elke fout als bestand:regel:kolom

Uitleg van het formaat met een volledig voorbeeld: docs/normen.md."""

EPILOG = """\
voorbeelden:
  gesprekscoach normen --voorbeeld > strenger.yaml
  gesprekscoach normen strenger.yaml
  gesprekscoach rapport laatste --normen strenger.yaml
  gesprekscoach groep --normen strenger.yaml -o groep.html"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("normen", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("bestanden", nargs="*", metavar="BESTAND",
                        help="normenbestanden om te controleren")
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--voorbeeld", action="store_true",
                       help="druk een voorbeeld met uitleg af om mee te beginnen")
    shown.add_argument("--standaard", action="store_true",
                       help="druk de meegeleverde normen af (alle sleutels, met uitleg)")
    return parser


def run(args: argparse.Namespace) -> int:
    from gesprekscoach.scoring.norms import load_norms
    from gesprekscoach.textfile import read_text
    from gesprekscoach.trainerfile import packaged

    if args.voorbeeld or args.standaard:
        if args.bestanden:
            raise UserError(Problem("geef --voorbeeld of --standaard zonder bestanden, of alleen "
                                    "bestanden om te controleren"))
        name = "normen-voorbeeld.yaml" if args.voorbeeld else "normen.yaml"
        sys.stdout.write(read_text(str(packaged(name)), empty=None))
        return 0
    if not args.bestanden:
        raise UserError(Problem("geef een normenbestand om te controleren, of --voorbeeld voor "
                                "een bestand om mee te beginnen"))
    problems: list[Problem] = []
    for path in args.bestanden:
        try:
            load_norms(path)
        except UserError as error:
            problems += error.problems
    for problem in problems:
        print(clean(str(problem)))
    count = len(args.bestanden)
    files = f"{count} {'normenbestand' if count == 1 else 'normenbestanden'} gecontroleerd"
    if not problems:
        print(f"{files}, geen fouten.")
        return 0
    print(f"{files}, {len(problems)} {'fout' if len(problems) == 1 else 'fouten'}.")
    return 2
