"""``gesprekscoach oefen``: a conversation with a simulated student, line by line.

The plain-terminal way to practise until the Textual app exists: type a turn,
read the student's answer and (in oefenen mode) the feedback on your move;
the report follows at the end. Every turn is kept in the session database
the moment it is typed, so a closed terminal loses nothing: the next start
offers to go on where the conversation stopped.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from gesprekscoach.cli._db import add_db_argument, ask_alias, open_store
from gesprekscoach.cli._norms import add_norms_argument
from gesprekscoach.cli._output import clean
from gesprekscoach.cli.simuleer import scenario_path  # one resolver: a path or a shipped name
from gesprekscoach.codebook import LABELS, move_label
from gesprekscoach.conversation.scenario import Scenario, default_scenario_path
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.model import Exchange
from gesprekscoach.output.format import relative_day
from gesprekscoach.output.text import report_text
from gesprekscoach.storage.recording import Recorder, resume_or_close
from gesprekscoach.storage.store import Store

HELP = "oefen een gesprek met een gesimuleerde student (in de terminal)"

DESCRIPTION = """\
Voer een reflectief loopbaangesprek met een gesimuleerde student. Typ je beurt
en druk op Enter. Een lege regel of ... is een bewuste stilte.

Tijdens het gesprek:
  /terug    neem je laatste beurt terug
  /stop     rond af en toon het rapport
  /help     deze uitleg

Elke beurt wordt meteen bewaard. Sluit je het venster halverwege, dan vraagt
de volgende start of je verder wilt met dat gesprek. Je gesprekken staan
onder je alias; zie 'gesprekscoach sessies' en 'gesprekscoach voortgang'."""

EPILOG = """\
voorbeelden:
  gesprekscoach oefen                            met de standaardstudent
  gesprekscoach oefen mijn-scenarios/daan-ict-twijfel.yaml
  gesprekscoach oefen --proef                    geen feedback tot het einde
  gesprekscoach oefen --docent marieke --hervat  ga verder met je vorige gesprek"""

WIDTH = 78
#: The alias for a conversation piped in without --docent.
ANONYMOUS = "anoniem"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("oefen", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("scenario", nargs="?", metavar="SCENARIO",
                        help="scenariobestand of de naam van een meegeleverd scenario "
                             "(standaard: de meegeleverde standaardstudent)")
    parser.add_argument("--seed", type=int, default=0, help="startgetal: zelfde getal, zelfde student")
    parser.add_argument("--proef", action="store_true",
                        help="proefgesprek: geen feedback tijdens het gesprek, alleen het rapport")
    parser.add_argument("--docent", metavar="ALIAS",
                        help="onder welke naam je gesprekken bewaard worden (anders wordt het gevraagd)")
    resume = parser.add_mutually_exclusive_group()
    resume.add_argument("--hervat", action="store_true",
                        help="ga zonder te vragen verder met je laatste onafgeronde gesprek")
    resume.add_argument("--nieuw", action="store_true",
                        help="begin zonder te vragen een nieuw gesprek")
    add_norms_argument(parser)
    add_db_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    with open_store(args) as store:
        docent = ask_alias(store, args.docent, fallback=ANONYMOUS,
                           prompt="Onder welke naam bewaren we je gesprekken? (alias)")
        recorded = _resume(store, docent, args, interactive)
        if recorded is None:
            path = scenario_path(args.scenario) if args.scenario else default_scenario_path()
            if path is None:
                print("Geen scenario gevonden. Geef een scenariobestand op: gesprekscoach oefen PAD.yaml")
                return 2
            scenario = load_scenario(path)
            recorded = Recorder.start(store, scenario, docent=docent,
                                      mode="proef" if args.proef else "oefenen", seed=args.seed)
            _introduce(recorded)
        try:
            return _converse(recorded)
        except KeyboardInterrupt:
            if recorded.id is not None and not recorded.finished:
                print(f"\nGestopt. Je gesprek met {clean(_scenario(recorded).student.name)} is "
                      "bewaard; start 'gesprekscoach oefen' om verder te gaan.", file=sys.stderr)
            raise


def _resume(store: Store, docent: str, args: argparse.Namespace,
            interactive: bool) -> Recorder | None:
    """The unfinished conversation to go on with, if the docent wants it."""
    scenario_id = None
    if args.scenario:
        scenario_id = load_scenario(scenario_path(args.scenario)).id
    waiting = store.unfinished(docent, scenario_id)
    if not waiting or args.nieuw:
        return None
    stored = waiting[0]
    info = stored.info
    when = relative_day(info.started_at)
    turns = f"{info.turns} {'beurt' if info.turns == 1 else 'beurten'}"
    if args.hervat:
        go_on = True
    elif not interactive:
        print(f"gesprekscoach: je hebt een onafgerond gesprek met {clean(info.who)} van {when}; "
              "ga verder met --hervat", file=sys.stderr)
        return None
    else:
        go_on = _yes_no(f"Doorgaan met je gesprek met {clean(info.who)} van {when} ({turns})? (j/n) ")
    resumed = resume_or_close(store, stored, go_on)
    if resumed.recorder is None:
        if resumed.problem is not None:
            print(f"gesprekscoach: {resumed.problem}", file=sys.stderr)
            print("Het oude gesprek is bewaard als afgebroken; we beginnen een nieuw gesprek.\n")
        else:
            print("Dat gesprek is afgesloten en bewaard als afgebroken "
                  "(zie 'gesprekscoach sessies'). We beginnen een nieuw gesprek.\n")
        return None
    recorded = resumed.recorder
    _introduce(recorded)
    print("Verder waar je was:\n")
    for exchange in recorded.session.exchanges:
        _show(recorded, exchange, with_feedback=False)
    return recorded


def _yes_no(question: str) -> bool:
    while True:
        try:
            answer = input(question).strip().lower()
        except EOFError:
            print()
            raise UserError(Problem("geen antwoord; start opnieuw, of gebruik --hervat of --nieuw")) from None
        if answer in ("j", "ja", "y", "yes"):
            return True
        if answer in ("n", "nee", "no"):
            return False
        print("Typ j (ja) of n (nee).")


def _scenario(recorded: Recorder) -> Scenario:
    assert recorded.session.scenario is not None  # a recorder keeps practice sessions only
    return recorded.session.scenario


def _introduce(recorded: Recorder) -> None:
    scenario = _scenario(recorded)
    profile = scenario.student
    print(clean(f"{scenario.title}"))
    print(_wrap(f"{profile.name}, {profile.age} jaar, {profile.course} (niveau {profile.level}, "
                f"{profile.track}). {profile.situation}"))
    mode = ("proef (feedback na afloop)" if recorded.mode == "proef"
            else "oefenen (feedback na elke beurt)")
    print(_wrap(f"Modus: {mode}. Typ /help voor uitleg, /stop om af te ronden.") + "\n")


def _converse(recorded: Recorder) -> int:
    piped = not sys.stdin.isatty()
    while True:
        try:
            line = input("Jij: ")
        except EOFError:
            print()
            break
        if piped and line.lstrip().startswith("#"):
            continue   # a comment in a piped beurtenbestand, as simuleer reads it
        command = line.strip().lower()
        if command in ("/stop", "/einde", "/klaar"):
            break
        if command == "/help":
            print(DESCRIPTION + "\n")
            continue
        if command == "/terug":
            print("Laatste beurt teruggenomen.\n" if recorded.session.undo()
                  else "Er is nog niets om terug te nemen.\n")
            continue
        if command.startswith("/"):
            print(f"Onbekende opdracht {clean(command)}. Kies uit /terug, /stop, /help.\n")
            continue
        exchange = recorded.session.say(line)   # committed before the reply is shown
        if recorded.problem is not None:   # kept, and stored with the next turn
            print(f"gesprekscoach: nog niet bewaard ({recorded.pending} "
                  f"{'beurt' if recorded.pending == 1 else 'beurten'}): "
                  f"{recorded.problem.message}; bij je volgende beurt wordt het opnieuw "
                  "geprobeerd", file=sys.stderr)
        _show(recorded, exchange, with_feedback=recorded.mode != "proef", echo=False)
    report = recorded.finish()
    if report is None:
        print("Geen beurten, dus geen rapport.")
        return 0
    print(report_text(report, WIDTH), end="")
    short = (recorded.id or "")[:8]
    print(f"\nBewaard als sessie {short}. Later terugzien: gesprekscoach rapport {short} "
          f"(of met -o rapport.html als webpagina).")
    return 0


def _show(recorded: Recorder, exchange: Exchange, *, with_feedback: bool,
          echo: bool = True) -> None:
    name = _scenario(recorded).student.name
    if echo:
        print(_wrap(f"Jij: {exchange.docent or '…'}"))
    if exchange.student or not exchange.third_party:
        print(_wrap(f"{name}: {exchange.student}"))
    third = _scenario(recorded).third_party
    if exchange.third_party and third is not None:
        print(_wrap(f"{third.name} ({third.role}): {exchange.third_party}"))
    if with_feedback:
        analysis = exchange.analysis
        fase = LABELS.get(analysis.fase or "", "geen fase")
        move = move_label(exchange.docent, analysis.code)
        print(_wrap(first="  ", text=f"↳ {move} · {fase} · boog: {LABELS[exchange.phase]}"
                    + (" · sprong vooruit!" if exchange.sprong else "")))
        if analysis.tips:
            print(_wrap(first="  ", text=f"↳ tip: {analysis.tips[0]}", indent="    "))
    print()


def _wrap(text: str, indent: str = "  ", first: str = "") -> str:
    """Wrap one line of (user) text; ``clean`` drops control characters and leading
    spaces, so the first-line indent is added after it."""
    return textwrap.fill(clean(text), WIDTH, initial_indent=first, subsequent_indent=indent)
