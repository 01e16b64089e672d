"""``gesprekscoach scenario``: start a new scenario from a template, or list the shipped ones."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from gesprekscoach.cli._output import clean
from gesprekscoach.conversation.scenario import DEFAULT_SCENARIO, SCENARIO_SUFFIXES, shipped_scenarios
from gesprekscoach.conversation.scenario_check import check_scenario
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.textfile import read_text
from gesprekscoach.trainerfile import packaged

HELP = "maak een nieuw scenario of bekijk de meegeleverde"

DESCRIPTION = """\
nieuw  schrijft NAAM.yaml: een volledig ingevuld voorbeeldscenario met uitleg
       in commentaar, dat je aanpast voor je eigen student.
lijst  toont de scenario's die met gesprekscoach meekomen.

Uitleg over het formaat: docs/scenario.md."""

EPILOG = """\
voorbeelden:
  gesprekscoach scenario nieuw jayden-techniek
  gesprekscoach scenario nieuw jayden-techniek --map mijn-scenarios
  gesprekscoach controleer mijn-scenarios/jayden-techniek.yaml"""

#: The template, kept as a file so trainers can read it like any scenario.
TEMPLATE = "scenario-sjabloon.yaml"
_NAME = re.compile(r"^[\w-]+$")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("scenario", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    actions = parser.add_subparsers(title="acties", dest="actie", metavar="ACTIE", required=True)
    new = actions.add_parser("nieuw", help="schrijf een nieuw scenario vanuit het voorbeeld",
                             description="Schrijft NAAM.yaml met een voorbeeldscenario en uitleg.",
                             formatter_class=parser.formatter_class)
    new.add_argument("naam", metavar="NAAM",
                     help="bestandsnaam zonder .yaml: letters, cijfers, - en _ (wordt de id)")
    new.add_argument("--map", default=".", metavar="MAP",
                     help="map waarin het bestand komt (standaard: de huidige map)")
    actions.add_parser("lijst", help="toon de meegeleverde scenario's",
                       description="Toont de scenario's die met gesprekscoach meekomen.",
                       formatter_class=parser.formatter_class)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.actie == "lijst":
        return list_shipped()
    target = write_template(args.naam, Path(args.map))
    print(f"Nieuw scenario geschreven: {target}")
    print(f"Pas het aan en controleer het met: gesprekscoach controleer {target}")
    return 0


def template_text() -> str:
    """The commented example scenario; a trainer may edit it, so it is checked like
    any scenario and a mistake is told at its line before a copy is written."""
    source = packaged(TEMPLATE)
    checked = check_scenario(source)
    if checked.scenario is None:
        raise UserError(*checked.problems)
    return read_text(str(source), empty=None)


def write_template(name: str, folder: Path) -> Path:
    """Write ``folder/name.yaml`` from the template; never overwrite a file."""
    stem = name[: -len(suffix)] if (suffix := Path(name).suffix) in SCENARIO_SUFFIXES else name
    if not _NAME.match(stem):
        raise UserError(Problem(
            f"'{clean(name)}' kan geen scenarionaam zijn; gebruik alleen letters, cijfers, '-' en "
            "'_', zonder spaties of mappen (de map kies je met --map)"))
    if folder.exists() and not folder.is_dir():
        raise UserError(Problem("dit is een bestand, geen map; kies met --map een map", str(folder)))
    target = folder / f"{stem}.yaml"
    text = template_text()  # before the file exists: a broken template leaves nothing behind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise UserError(Problem(
            "bestaat al; dit bestand wordt niet overschreven. Kies een andere naam of "
            "verwijder het bestand eerst", str(target))) from None
    except OSError as error:
        raise UserError(Problem(f"kan niet schrijven ({error.strerror or error})", str(target))) from None
    return target


def list_shipped() -> int:
    """One line per shipped scenario: id, who, and the title."""
    paths = shipped_scenarios()
    if not paths:
        print("Er zijn geen meegeleverde scenario's gevonden "
              "(de map gesprekscoach/data/scenarios/ ontbreekt in de installatie).")
        return 0
    for path in paths:
        checked = check_scenario(path)
        mark = " (standaard)" if path.stem == DEFAULT_SCENARIO else ""
        if checked.scenario is None:
            print(f"{path.stem}{mark}: bevat fouten; zie gesprekscoach controleer {path}")
            continue
        student = checked.scenario.student
        print(clean(f"{path.stem}{mark}: {checked.scenario.title} — {student.name}, "
                    f"{student.course} niveau {student.level} {student.track}"))
    return 0
