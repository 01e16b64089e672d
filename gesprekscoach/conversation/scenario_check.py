"""Reading and checking a scenario file, with every mistake at its line and column.

A trainer writes scenarios by hand and should not need to read code, so the
checker finds *all* problems of a file at once and says in Dutch where each
one is and what to do (``bestand:regel:kolom: melding``). It works on the YAML
node tree from :mod:`yamlnodes`, which keeps positions and never constructs
Python objects. Nothing is printed here.

The blocks are checked in :mod:`scenario_blocks`, single values in
:mod:`scenario_values`; the keys and the suggestions for typos are in
:mod:`scenario_keys`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from gesprekscoach.conversation.scenario import SCENARIO_SUFFIXES, Scenario
from gesprekscoach.conversation.scenario_blocks import _Checker
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.textfile import BROKEN_LINK, MAX_PROBLEMS
from gesprekscoach.yamlnodes import no_cycle_collection, read

EMPTY: Final[str] = (
    "het scenario is leeg; begin met 'titel:', 'student:', 'lagen:' en 'doel:' "
    "(een voorbeeld maak je met 'gesprekscoach scenario nieuw NAAM')"
)


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one file: all problems, and the scenario when there are none."""

    path: str
    problems: tuple[Problem, ...]
    scenario: Scenario | None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_scenario(path: str | Path) -> Checked:
    """Read and check one scenario file; every problem at once, nothing raised."""
    with no_cycle_collection():
        return _check(str(path))


def _check(name: str) -> Checked:
    document = read(name)
    if document.root is None:
        return Checked(name, document.problems or (Problem(EMPTY, name, 1, 1),), None)
    checker = _Checker(name)
    scenario = checker.scenario(document.root, Path(name).stem)
    problems = sorted(
        {*document.problems, *checker.problems},
        key=lambda p: (p.line or 0, p.column or 0, p.message),
    )
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [Problem(
            f"… en nog {rest} andere problemen; los eerst deze op", name)]
    return Checked(name, tuple(problems), None if problems else scenario)


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in ``path``, for play; UserError with all problems when it is not valid."""
    checked = check_scenario(path)
    if checked.scenario is None:
        raise UserError(*checked.problems)
    return checked.scenario


def scenario_files(paths: Iterable[str]) -> tuple[list[str], list[Problem]]:
    """The scenario files named by ``paths``: files as given, folders searched recursively.

    Also the problems with the paths themselves (missing, or a folder without
    scenarios), so a typo in a path is reported like any other mistake.
    """
    files: list[str] = []
    problems: list[Problem] = []
    for path in paths:
        if os.path.isdir(path):
            found = sorted(
                str(p) for p in Path(path).rglob("*")
                if p.suffix in SCENARIO_SUFFIXES and p.is_file()
            )
            if not found:
                problems.append(Problem("geen scenario's (*.yaml, *.yml) gevonden in deze map", path))
            files += found
        elif os.path.exists(path):
            files.append(path)
        elif os.path.islink(path):  # a loop, or a link to a file that is gone
            problems.append(Problem(BROKEN_LINK, path))
        else:
            problems.append(Problem("bestaat niet; controleer de naam en de map (typfout?)", path))
    return files, problems
