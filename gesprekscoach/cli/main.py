"""The ``gesprekscoach`` command: parses arguments and runs a subcommand.

Every subcommand is a module in :mod:`gesprekscoach.cli`; this file only
wires them up and turns bad input into Dutch messages with exit code 2, so a
user never sees a traceback for a mistake they can fix.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from gesprekscoach import __version__
from gesprekscoach.errors import UserError

#: Subcommand modules in ``gesprekscoach/cli/``, in the order ``--help``
#: lists them. Each has ``add_parser(subparsers)`` and ``run(args) -> int``.
#: Add a command by adding its module name here.
COMMANDS: tuple[str, ...] = (
    "app",
    "oefen",
    "analyseer",
    "evalueer",
    "controleer",
    "normen",
    "scenario",
    "simuleer",
    "sessies",
    "rapport",
    "voortgang",
    "groep",
    "corrigeer",
    "importeer",
    "exporteer",
    "importeer_sessies",
    "serveer",
)

#: Exit codes by shell convention (128 + signal number).
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

DESCRIPTION = """\
Oefen reflectieve loopbaangesprekken en bekijk hoe je vraagt.
gesprekscoach codeert docentbeurten volgens het codeboek: open vraag,
doorvraag, samenvatting, advies, oordeel en meer, met de fase van de
gespreksboog en de loopbaancompetentie."""

EPILOG = """\
voorbeelden:
  gesprekscoach                                open de app: kies een student en oefen
  gesprekscoach app --proef --scenario mijn-student.yaml
                                               proefgesprek, met een eigen scenario erbij
  gesprekscoach oefen mijn-scenarios/daan-ict-twijfel.yaml
                                               oefenen regel voor regel, zonder app
  gesprekscoach analyseer gesprek.txt          beurten uit een gesprek (D:/S:)
  gesprekscoach analyseer vragen.txt --json    één JSON-object per beurt
  echo "Wat maakte het zo lastig?" | gesprekscoach analyseer -
  gesprekscoach evalueer corpus/dev.jsonl      hoe goed klopt de analyse?
  gesprekscoach evalueer corpus/dev.jsonl --fouten
  gesprekscoach simuleer kevin-bouw-stil beurten.txt
                                               speel docentbeurten af tegen een student
  gesprekscoach sessies --docent marieke       je bewaarde gesprekken
  gesprekscoach voortgang --docent marieke -o voortgang.html
  gesprekscoach importeer gesprek.txt --docent marieke
                                               beoordeel een echt gesprek en bewaar het
  gesprekscoach serveer                        de app in de browser, voor een trainingsdag

Meer uitleg bij een opdracht: gesprekscoach OPDRACHT --help"""

#: argparse's own (English) error messages, in Dutch.
_ARGPARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"dit argument ontbreekt: \1"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
     r"argument \1: onbekende keuze \2 (kies uit \3)"),
    (r"argument (.*?): expected one argument", r"argument \1: hier hoort één waarde achter"),
    (r"argument (.*?): invalid (.*?) value: (.*)", r"argument \1: ongeldige waarde \3"),
    (r"argument (.*?): ignored explicit argument (.*)", r"argument \1: waarde \2 niet toegestaan"),
    (r"argument (.*?): not allowed with argument (.*)", r"argument \1: gaat niet samen met \2"),
    (r"ambiguous option: (.*?) could match (.*)", r"optie \1 is niet eenduidig: \2"),
)


class DutchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps examples as written and says "gebruik:" instead of "usage:"."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        # argparse measures subcommand names without their extra indent, so
        # "analyseer" would get its help on the next line; make room for it.
        choices = getattr(action, "choices", None)
        if isinstance(action, argparse._SubParsersAction) and choices:
            longest = max(len(name) for name in choices) + self._current_indent + 2 * 2 + 2
            self._action_max_length = max(self._action_max_length, longest)


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors a Dutch user reads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}: fout: {_dutch(message)}\n")


def _dutch(message: str) -> str:
    for pattern, replacement in _ARGPARSE_MESSAGES:
        if re.fullmatch(pattern, message, flags=re.DOTALL):
            return re.sub(pattern, replacement, message, count=1, flags=re.DOTALL)
    return message


def build_parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    """The parser with every command of :data:`COMMANDS` (or only ``commands``)."""
    parser = DutchArgumentParser(prog="gesprekscoach", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="toon het versienummer en stop")
    subparsers = parser.add_subparsers(title="opdrachten", dest="command", metavar="OPDRACHT")
    for name in commands:
        module = importlib.import_module(f"gesprekscoach.cli.{name}")
        before = set(subparsers.choices)
        module.add_parser(subparsers)
        for added in set(subparsers.choices) - before:
            subparsers.choices[added].set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    _tolerant_stdout()
    try:
        parser = build_parser(_needed(sys.argv[1:] if argv is None else list(argv)))
        args = parser.parse_args(argv)
        if hasattr(args, "normen"):  # a command that scores: its norms, checked first
            from gesprekscoach.cli._norms import apply_norms

            apply_norms(args)
        if getattr(args, "run", None) is None:
            if sys.stdin.isatty() and sys.stdout.isatty():
                # No command in a terminal: open the app.
                args = parser.parse_args(["app"])
                from gesprekscoach.cli._norms import apply_norms

                apply_norms(args)
                code = args.run(args)
            else:
                parser.print_help()
                code = 0
        else:
            code = args.run(args)
        sys.stdout.flush()  # surface a broken pipe here, not at interpreter exit
        return code
    except SystemExit as exc:  # --help, --version and argparse errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except UserError as exc:
        for problem in exc.problems:
            print(f"gesprekscoach: {problem}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE


def _needed(argv: list[str]) -> Sequence[str]:
    """Only the app's parser when the app is what runs.

    Every command module imports what it needs (the analyser, the session
    store …); the app must open fast, so it does not wait for them all.
    """
    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    if argv[:1] == ["app"] or (not argv and terminal):
        return ("app",)
    return COMMANDS


def _tolerant_stdout() -> None:
    """Never crash on a terminal that cannot show a character (é, ‘, emoji)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _silence_stdout() -> None:
    """After ``| head`` closed the pipe, send what Python still flushes at
    exit to /dev/null instead of printing another error (Python docs,
    "Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
