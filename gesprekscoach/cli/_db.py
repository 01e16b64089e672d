"""What every command that reads or writes sessions shares: ``--db``, opening, output files."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.storage.paths import DB_ENV, check_alias, default_db_path, resolve_db_path
from gesprekscoach.storage.store import Store

#: Output format by the suffix of ``-o BESTAND``, when no ``--formaat`` is given.
SUFFIX_FORMATS: Final[dict[str, str]] = {
    ".html": "html", ".htm": "html", ".csv": "csv", ".json": "json", ".md": "md",
    ".txt": "tekst", ".pdf": "pdf",
}
#: Formats that are plain text and may go into a ``.txt`` file as well.
_TEXT_FORMATS: Final[frozenset[str]] = frozenset({"tekst", "md", "csv"})


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PAD",
        help=f"de sessiedatabase (standaard: ${DB_ENV}, anders {home(default_db_path())})")


def add_output_arguments(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    """``--formaat`` and ``-o BESTAND``, alike for every command that writes a report;
    without ``--formaat`` the suffix of ``-o`` decides (:func:`output_format`)."""
    parser.add_argument("--formaat", choices=formats, default=None,
                        help=", ".join(formats[:-1]) + f" of {formats[-1]} (standaard: tekst)")
    parser.add_argument("-o", "--uitvoer", metavar="BESTAND",
                        help="schrijf naar dit bestand in plaats van naar het scherm")
    parser.set_defaults(output_formats=formats)


def home(path: Path) -> str:
    """``path`` as a user reads it in help: ``~/…`` under the home folder."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def open_store(args: argparse.Namespace) -> Store:
    """The database of ``--db`` (or the default), created when it is not there yet."""
    return Store.open(getattr(args, "db", None))


def existing_store(args: argparse.Namespace) -> Store | None:
    """The database opened read-only, for a command that only reads; None means
    nothing was ever stored there (no file, or an empty one: it stays empty)."""
    return Store.open_read_only(getattr(args, "db", None))


def warn_damaged(store: Store) -> None:
    """Name every session a read command left out because its stored data is damaged."""
    for damage in store.damaged.values():
        print(f"gesprekscoach: let op: {damage.problems[0]}", file=sys.stderr)


def required_store(args: argparse.Namespace) -> Store:
    """The database for a command that reads stored sessions; a Dutch message when
    nothing was ever stored."""
    store = existing_store(args)
    if store is None:
        raise UserError(Problem(no_database_message(args)))
    return store


def no_database_message(args: argparse.Namespace) -> str:
    path = resolve_db_path(getattr(args, "db", None))
    return (f"Er zijn nog geen sessies bewaard (geen database in {path}). "
            "Oefen eerst een gesprek met 'gesprekscoach oefen'.")


def ask_alias(store: Store, given: str | None, *, prompt: str,
              missing: str = "geef met --docent NAAM een alias op",
              fallback: str | None = None) -> str:
    """``--docent`` if given; in a terminal ask, offering the last alias used.

    Without a terminal (a pipe, a script) nothing can be asked: ``fallback``
    is used with a note, or without one ``missing`` says to pass --docent.
    """
    if given is not None:
        return check_alias(given)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        if fallback is None:
            raise UserError(Problem(missing))
        print(f"gesprekscoach: bewaard onder '{fallback}'; geef een eigen alias met "
              "--docent NAAM", file=sys.stderr)
        return fallback
    last = store.last_docent()
    hint = f" [{last}]" if last else ""
    while True:
        try:
            answer = input(f"{prompt}{hint}: ").strip()
        except EOFError:
            print()
            raise UserError(Problem("geen alias opgegeven; gebruik --docent NAAM")) from None
        if not answer and last:
            return last
        try:
            return check_alias(answer)
        except UserError as error:
            print(error.problems[0].message)


def output_format(args: argparse.Namespace, default: str = "tekst") -> str:
    """``--formaat``, else what the suffix of ``-o`` says, else ``default``; checked first.

    A format the command cannot make, a file name that says another format
    than ``--formaat`` (text under ``.pdf``), an unknown suffix or a PDF to
    the screen: a Dutch message (exit 2) before any work, never a file whose
    name lies about what is in it.
    """
    formats: tuple[str, ...] = getattr(args, "output_formats", None) or (default,)
    given = getattr(args, "uitvoer", None)
    target = "" if given in (None, "-") else str(given)
    to_file = bool(target)
    suffix = Path(target).suffix.lower() if to_file else ""
    by_name = SUFFIX_FORMATS.get(suffix)
    fmt = args.formaat or by_name or default
    choices = ", ".join(formats[:-1]) + f" of {formats[-1]}" if len(formats) > 1 else formats[0]
    if fmt not in formats:
        raise UserError(Problem(f"'{args.command}' kan geen {fmt} maken (wel: {choices}); "
                                "kies een ander formaat of een andere bestandsnaam", target))
    if to_file and suffix and by_name is None and args.formaat is None:
        raise UserError(Problem(f"aan de naam ({suffix}) is niet te zien welk formaat je wilt; "
                                f"geef --formaat ({choices}) of een naam op "
                                + ", ".join(s for s, f in SUFFIX_FORMATS.items() if f in formats),
                                target))
    if to_file:
        check_target(target, fmt, chosen=args.formaat is not None)
    if fmt == "pdf" and not to_file:
        raise UserError(Problem("een PDF gaat naar een bestand: geef -o BESTAND.pdf"))
    return fmt


def check_target(target: str | None, fmt: str, *, chosen: bool = False) -> None:
    """Refuse a file name whose suffix promises another format than what is written;
    ``chosen``: the format came from ``--formaat``, which the message then names."""
    if target in (None, "-"):
        return
    by_name = SUFFIX_FORMATS.get(Path(str(target)).suffix.lower())
    if by_name is None or by_name == fmt or (by_name == "tekst" and fmt in _TEXT_FORMATS):
        return
    names = " of ".join(s for s, f in SUFFIX_FORMATS.items() if f == fmt) or "zonder extensie"
    raise UserError(Problem(f"de naam zegt {by_name}, maar hier komt {fmt} in; kies een naam op "
                            f"{names}" + (" of laat --formaat weg" if chosen else ""),
                            str(target)))


def emit(render: Callable[[str], str], fmt: str, target: str | None) -> None:
    """Write what ``render(fmt)`` gives to ``target`` (or the screen); a PDF is the HTML
    rendering printed by headless Chromium (:mod:`gesprekscoach.output.pdf`)."""
    if fmt == "pdf":
        from gesprekscoach.output.pdf import html_to_pdf

        write_bytes(Path(str(target)), html_to_pdf(render("html")))
        return
    write_output(render(fmt), target, bom=fmt == "csv", fmt=fmt)


def write_output(text: str, target: str | None, *, bom: bool = False,
                 fmt: str | None = None) -> None:
    """Print ``text``, or write it to ``target`` whole (never a half file); with ``fmt``,
    a name that says another format is refused (:func:`check_target`)."""
    if fmt is not None:
        check_target(target, fmt)
    if target in (None, "-"):
        sys.stdout.write(text)
        return
    write_file(Path(target), ("\ufeff" if bom else "") + text)
    print(f"Geschreven: {target}", file=sys.stderr)


def write_file(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a crash leaves the old file or the new one."""
    if path.is_dir():
        raise UserError(Problem("dit is een map; geef een bestandsnaam op", str(path)))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except FileNotFoundError:
        raise UserError(Problem("de map bestaat niet; maak hem eerst aan", str(path))) from None
    except PermissionError:
        raise UserError(Problem("geen toestemming om hier te schrijven", str(path))) from None
    except OSError as error:
        raise UserError(Problem(f"kan niet schrijven ({error.strerror or error})",
                                str(path))) from None


def write_bytes(path: Path, data: bytes) -> None:
    """Write a binary file whole: via a temporary file beside it, then renamed."""
    if path.is_dir():
        raise UserError(Problem("dit is een map; geef een bestandsnaam op", str(path)))
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)   # as any other file the user writes
        os.replace(temporary, path)
    except FileNotFoundError:
        raise UserError(Problem("de map bestaat niet; maak hem eerst aan", str(path))) from None
    except OSError as error:
        raise UserError(Problem(f"kan niet schrijven ({error.strerror or error})",
                                str(path))) from None
    print(f"Geschreven: {path}", file=sys.stderr)
