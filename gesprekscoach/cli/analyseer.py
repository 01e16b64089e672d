"""``gesprekscoach analyseer``: code every docent turn of a file."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator

from gesprekscoach.analysis.analyser import TurnAnalysis, analyse
from gesprekscoach.cli._output import clean, label, terminal_width, wrap
from gesprekscoach.codebook import CODES, VIOLATIONS, move_label
from gesprekscoach.conversation.transcript import FORMATS, Turn, read_turns
from gesprekscoach.errors import Problem, UserError

HELP = "code de docentbeurten in een bestand"

DESCRIPTION = """\
Codeert elke docentbeurt volgens het codeboek: code, fase van de
gespreksboog, loopbaancompetentie, de woorden die dat laten zien (bewijs) en
een tip.

Het formaat wordt herkend:
  gesprek  regels die beginnen met D:/Docent: en S:/Student:; een regel zonder
           spreker hoort bij de beurt erboven
  regels   één docentbeurt per regel
  jsonl    één JSON-object per regel met "docent" en eventueel "student\""""

EPILOG = """\
voorbeelden:
  gesprekscoach analyseer gesprek.txt
  gesprekscoach analyseer beurten.jsonl --json > analyse.jsonl
  pbpaste | gesprekscoach analyseer -

voorbeeld van een gesprek:
  D: Hoi Mo, waar wil je het vandaag over hebben?
  S: Over mijn stage bij de garage.
  D: Wat is je daar bijgebleven?"""

#: Width of the line-number column (longer numbers push the row right).
LINE_WIDTH = 5
#: Width of the left column (code, fase, competentie under each other).
LABEL_WIDTH = 22
#: Longest turn text shown in the table, in lines; --json has it all.
TURN_LINES = 6
EVIDENCE_LINES = 2


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("analyseer", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("bestand", nargs="?", metavar="BESTAND",
                        help="tekstbestand of JSONL-bestand; '-' leest van standaardinvoer")
    parser.add_argument("--json", action="store_true",
                        help="één JSON-object per beurt (JSONL), met regelnummer")
    parser.add_argument("--formaat", choices=FORMATS, default="auto",
                        help="formaat van het bestand (standaard: automatisch herkennen)")
    return parser


def run(args: argparse.Namespace) -> int:
    path = args.bestand
    if path is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise UserError(Problem(
                "geef een BESTAND op, of '-' om beurten te typen of via een pipe te sturen "
                "(zie: gesprekscoach analyseer --help)"))
        path = "-"
    turns = read_turns(path, fmt=args.formaat)
    results = _analyse_all(turns)
    if args.json:
        for number, (turn, analysis) in enumerate(results, start=1):
            print(json.dumps(as_json(number, turn, analysis), ensure_ascii=False))
    else:
        print_table(results, terminal_width())
    return 0


def _analyse_all(turns: list[Turn]) -> Iterator[tuple[Turn, TurnAnalysis]]:
    """Lazily, so output starts at once and ``| head`` stops early."""
    for turn in turns:
        yield turn, analyse(turn.docent, turn.student, turn.history)


def as_json(number: int, turn: Turn, analysis: TurnAnalysis) -> dict[str, object]:
    """One turn for ``--json``: where it is, what came before, what it does."""
    return {"nr": number, "regel": turn.line, "student": turn.student, **analysis.to_dict()}


def print_table(results: Iterator[tuple[Turn, TurnAnalysis]], width: int) -> None:
    """A two-column table: labels left, the turn with evidence and tips right."""
    line_width = LINE_WIDTH
    text_width = width - line_width - LABEL_WIDTH - 4
    print(f"{'regel':>{line_width}}  {'code/fase/competentie':<{LABEL_WIDTH}}  "
          "docentbeurt · bewijs · tip")
    print(f"{'─' * line_width}  {'─' * LABEL_WIDTH}  {'─' * text_width}")
    counts: Counter[str] = Counter()
    for turn, analysis in results:
        counts[analysis.code] += 1
        left = _label_cell(analysis)
        right = _text_cell(analysis, text_width)
        for row in range(max(len(left), len(right))):
            number = str(turn.line) if row == 0 else ""
            cell = left[row] if row < len(left) else ""
            text = right[row] if row < len(right) else ""
            print(f"{number:>{line_width}}  {cell:<{LABEL_WIDTH}}  {text}".rstrip())
        print()
    for line in wrap(summary(counts), width):
        print(line)


def _label_cell(analysis: TurnAnalysis) -> list[str]:
    lines = wrap(move_label(analysis.text, analysis.code), LABEL_WIDTH)
    others = [label(code) for code in CODES if code in analysis.codes and code != analysis.code]
    if others:
        lines += wrap("ook: " + ", ".join(others), LABEL_WIDTH)
    lines += wrap(label(analysis.fase), LABEL_WIDTH)
    lines += wrap(label(analysis.competentie), LABEL_WIDTH)
    return lines


def _text_cell(analysis: TurnAnalysis, width: int) -> list[str]:
    lines = wrap(clean(analysis.text), width, TURN_LINES)
    evidence = clean(analysis.evidence)
    if evidence:
        lines += _labelled("bewijs: ", f"“{evidence}”", width, EVIDENCE_LINES)
    for tip in analysis.tips:
        lines += _labelled("tip: ", clean(tip), width)
    return lines


def _labelled(prefix: str, text: str, width: int, max_lines: int | None = None) -> list[str]:
    """``prefix`` then ``text``, continuation lines indented under the text."""
    indent = " " * len(prefix)
    body = wrap(text, width - len(prefix), max_lines)
    return [prefix + body[0]] + [indent + line for line in body[1:]]


def summary(counts: Counter[str]) -> str:
    """One closing line: how many turns, per code, and the violations."""
    total = sum(counts.values())
    parts = ", ".join(f"{counts[code]} {label(code)}" for code in CODES if counts[code])
    text = f"{total} {'beurt' if total == 1 else 'beurten'}: {parts}."
    violations = sum(counts[code] for code in VIOLATIONS)
    if violations:
        text += (f" Let op: {violations}× informeren, adviseren of een suggestieve vraag "
                 "(de docent neemt het gesprek over).")
    return text
