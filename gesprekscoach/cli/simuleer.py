"""``gesprekscoach simuleer``: play a file of docent turns against a scenario student.

A trainer who writes a scenario wants to see how the student answers without
typing the conversation: every turn with the student's reply, how the turn
was coded, where the arc is and how open the student became, then the
report. The same scenario, seed and turns always give the same conversation.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from gesprekscoach.cli._norms import add_norms_argument
from gesprekscoach.cli._output import clean, terminal_width, wrap
from gesprekscoach.codebook import CODES, is_silent
from gesprekscoach.conversation.scenario import SCENARIO_SUFFIXES, Scenario, shipped_scenarios
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.session import Session
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.model import Exchange
from gesprekscoach.output.facts import turn_parts
from gesprekscoach.output.format import SILENCE
from gesprekscoach.output.text import report_text
from gesprekscoach.scoring.goal import layer_titles
from gesprekscoach.scoring.report import Report, report_on, to_dict
from gesprekscoach.textfile import MAX_PROBLEMS, display_name, read_text

HELP = "speel een bestand met docentbeurten af tegen een scenariostudent"

DESCRIPTION = """\
Speelt de docentbeurten uit BEURTEN.txt af tegen de gesimuleerde student van
SCENARIO en toont per beurt wat de student antwoordt, hoe de beurt is
gecodeerd (code, fase), waar de gespreksboog staat, hoe open de student is en
of de docent vooruitsprong. Daarna volgt het gespreksrapport.

Zo speel je een nieuw scenario door zonder het gesprek zelf te typen.
Hetzelfde scenario, dezelfde seed en dezelfde beurten geven altijd hetzelfde
gesprek.

Het beurtenbestand:
  - één docentbeurt per regel ('D:' of 'Docent:' vooraan mag);
  - een regel met alleen ... of … is een bewuste stilte, net als een lege
    regel tussen twee beurten (lege regels aan het begin en eind tellen niet);
  - een regel die met # begint is commentaar.

SCENARIO is een scenariobestand of de naam van een meegeleverd scenario
(zie: gesprekscoach scenario lijst)."""

EPILOG = """\
voorbeelden:
  gesprekscoach simuleer mijn-scenarios/sanne-zorg-incident.yaml beurten.txt
  gesprekscoach simuleer sanne-zorg-incident beurten.txt --seed 3
  gesprekscoach simuleer mijn-student.yaml beurten.txt --json > gesprek.json
  gesprekscoach simuleer mijn-student.yaml beurten.txt --normen onze-normen.yaml
  printf 'Waar wil je het over hebben?\\n...\\n' | gesprekscoach simuleer kevin-bouw-stil -

voorbeeld van een beurtenbestand:
  # Sanne, eerste poging
  Hoi Sanne, waar wil je het vandaag over hebben?
  Wat gebeurde er toen?
  ...
  Je zegt dat je geschrokken was. Wat maakte het zo eng?"""

#: More turns than this is not a conversation but a mistake (the wrong file).
MAX_TURNS: Final[int] = 500
#: A docent turn is a few sentences; a longer line is a pasted document, and
#: the analyser's time grows with the length of a turn.
MAX_TURN_CHARS: Final[int] = 2000
#: Widest layout for the conversation, also on a very wide terminal.
MAX_WIDTH: Final[int] = 110

_DOCENT = re.compile(r"^(?:d|docent)\s*:\s?", re.IGNORECASE)
_STUDENT = re.compile(r"^(?:s|student)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class ScriptTurn:
    """One docent turn of a script, with its line for messages."""

    text: str      # "" for a deliberate silence
    line: int


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("simuleer", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("scenario", metavar="SCENARIO",
                        help="scenariobestand (.yaml) of de naam van een meegeleverd scenario")
    parser.add_argument("beurten", metavar="BEURTEN.txt",
                        help="docentbeurten, één per regel; '-' leest van standaardinvoer")
    parser.add_argument("--seed", type=int, default=0, metavar="N",
                        help="startgetal van de student: zelfde getal, zelfde gesprek (standaard 0)")
    parser.add_argument("--json", action="store_true",
                        help="één JSON-object met scenario, seed, alle beurten en het rapport")
    add_norms_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(scenario_path(args.scenario))
    script = read_script(args.beurten)
    session = play(scenario, script, seed=args.seed)
    report = report_on(session)   # against --normen, the config file or the defaults
    if args.json:
        print(json.dumps(as_json(scenario, args.seed, script, session.exchanges, report),
                         ensure_ascii=False))
    else:
        print_conversation(scenario, args.seed, script, session, min(terminal_width(), MAX_WIDTH))
        print()
        print(report_text(report, min(terminal_width(), MAX_WIDTH)), end="")
    return 0


# ---------------------------------------------------------------------- input


def scenario_path(argument: str) -> str:
    """The file to load: ``argument`` itself, or the shipped scenario of that name.

    A trainer may type ``sanne-zorg-incident`` instead of the full path; a
    file of that name in the current folder still wins.
    """
    path = Path(argument)
    if path.exists() or path.suffix in SCENARIO_SUFFIXES or len(path.parts) > 1:
        return argument  # load_scenario names every problem with the file
    shipped = {p.stem: p for p in shipped_scenarios()}
    if argument in shipped:
        return str(shipped[argument])
    guess = difflib.get_close_matches(argument, list(shipped), n=1)
    hint = f" (bedoel je '{guess[0]}'?)" if guess else ""
    raise UserError(Problem(
        f"geen bestand en geen meegeleverd scenario met deze naam{hint}; geef een "
        "scenariobestand (.yaml) op, of kies een naam uit 'gesprekscoach scenario lijst'",
        clean(argument)))


def read_script(path: str) -> tuple[ScriptTurn, ...]:
    """The docent turns in ``path`` (``-`` is standard input), robustly read."""
    return parse_script(read_text(path), display_name(path))


def parse_script(text: str, name: str = "") -> tuple[ScriptTurn, ...]:
    """Docent turns from a script: one a line, ``...``/``…``/empty = silence, ``#`` = comment.

    Blank lines before the first and after the last turn are layout, not
    silence. Student lines (``S:``) are refused: the simulated student answers.
    """
    turns: list[ScriptTurn] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        if _STUDENT.match(line):
            problems.append(Problem(
                "een studentbeurt hoort niet in een beurtenbestand: de gesimuleerde student "
                "antwoordt zelf. Verwijder de regel, of analyseer een heel gesprek met "
                "'gesprekscoach analyseer'", name, number))
            continue
        line = _DOCENT.sub("", line, count=1).strip()
        if len(line) > MAX_TURN_CHARS:
            problems.append(Problem(
                f"deze docentbeurt is te lang ({len(line)} tekens, maximaal {MAX_TURN_CHARS}); "
                "zet één beurt per regel, of is dit het goede bestand?", name, number))
            continue
        turns.append(ScriptTurn("" if is_silent(line) else line, number))
    # Blank lines at either end are layout; "..." there is still a silence.
    blank = {n for n, raw in enumerate(text.split("\n"), start=1) if not raw.strip()}
    while turns and turns[-1].line in blank:
        turns.pop()
    while turns and turns[0].line in blank:
        turns.pop(0)
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [
            Problem(f"… en nog {rest} andere problemen; los eerst deze op", name)]
    if problems:
        raise UserError(*problems)
    if not turns:
        raise UserError(Problem(
            "geen docentbeurten gevonden (alleen commentaar of lege regels); zet één "
            "docentbeurt per regel", name))
    if len(turns) > MAX_TURNS:
        raise UserError(Problem(
            f"meer dan {MAX_TURNS} docentbeurten; dat is geen gesprek meer. Is dit het goede "
            "bestand? Splits het anders in kleinere gesprekken", name, turns[MAX_TURNS].line))
    return tuple(turns)


# ---------------------------------------------------------------------- playing


def play(scenario: Scenario, script: tuple[ScriptTurn, ...], *, seed: int = 0) -> Session:
    """A session with every turn of ``script`` said, in order."""
    session = Session(scenario, seed=seed)
    for turn in script:
        session.say(turn.text)
    return session


# ---------------------------------------------------------------------- output


def as_json(scenario: Scenario, seed: int, script: tuple[ScriptTurn, ...],
            exchanges: tuple[Exchange, ...], report: Report) -> dict[str, object]:
    """The whole simulation as one JSON-ready object with Dutch keys."""
    return {
        "scenario": scenario.id,
        "titel": scenario.title,
        "seed": seed,
        "beurten": [turn_json(ex, turn.line) for ex, turn in zip(exchanges, script)],
        "rapport": to_dict(report),
    }


def turn_json(ex: Exchange, line: int) -> dict[str, object]:
    """One exchange: what the docent said, how it was coded, what came back."""
    analysis = ex.analysis
    return {
        "nr": ex.turn,
        "regel": line,
        "docent": ex.docent,
        "student": ex.student,
        "code": analysis.code,
        "codes": [code for code in CODES if code in analysis.codes],
        "fase": analysis.fase,
        "competentie": analysis.competentie,
        "boog": ex.phase,
        "sprong": ex.sprong,
        "openheid": None if ex.openness is None else round(ex.openness, 3),
        "laag": ex.layer,
        **({"derde": ex.third_party} if ex.third_party else {}),  # a trialoog only
    }


def print_conversation(scenario: Scenario, seed: int, script: tuple[ScriptTurn, ...],
                       session: Session, width: int) -> None:
    """The conversation turn by turn, with the coding and the student's state under each."""
    profile = scenario.student
    for line in wrap(clean(scenario.title), width):
        print(line)
    about = (f"{profile.name}, {profile.age} jaar, {profile.course} (niveau {profile.level}, "
             f"{profile.track}) · seed {seed} · {len(script)} "
             f"{'beurt' if len(script) == 1 else 'beurten'}")
    for line in wrap(clean(about), width):
        print(line)
    name = clean(profile.name)
    speaker = max(len("Docent"), len(name),
                  len(clean(scenario.third_party.name)) if scenario.third_party else 0) + 2
    number_width = len(str(len(script))) + 2
    indent = " " * (number_width + speaker)
    body_width = max(20, width - len(indent))
    before = scenario.openness
    titles = dict(layer_titles(scenario.layers))
    for ex in session.exchanges:
        print()
        docent = SILENCE if is_silent(ex.docent) else clean(ex.docent)
        rows = [("Docent:", wrap(docent, body_width))]
        if ex.student or not ex.third_party:  # spoken to, the student keeps quiet
            rows.append((f"{name}:", wrap(clean(ex.student) or SILENCE, body_width)))
        if ex.third_party and scenario.third_party is not None:
            rows.append((f"{clean(scenario.third_party.name)}:",
                         wrap(clean(ex.third_party), body_width)))
        rows.append(("", _join(turn_parts(ex, before, titles), body_width)))
        for row, (who, lines) in enumerate(rows):
            for index, text in enumerate(lines):
                number = str(ex.turn) if row == 0 and index == 0 else ""
                lead = who if index == 0 else ""
                print(f"{number:>{number_width - 2}}  {lead:<{speaker}}{text}".rstrip())
        if ex.openness is not None:
            before = ex.openness


def _join(parts: list[str], width: int) -> list[str]:
    """``↳ a · b · c`` over as many lines as needed, breaking inside a part only when it
    is longer than a line by itself (a layer's title)."""
    lines = ["↳ " + parts[0]]
    for part in parts[1:]:
        if len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines += ["  " + line if i == 0 else "    " + line
                      for i, line in enumerate(wrap(part, max(10, width - 4)))]
    return lines

