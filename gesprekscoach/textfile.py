"""Reading a text file a user wrote: checked, decoded, and every failure said in Dutch.

A base module (no layer): transcripts, corpora, norms, scenarios and the
trainer files all read through :func:`read_text`, so a missing file, a folder,
a file that is too big or not UTF-8 gets the same message wherever it is read.
Files of one JSON object a line (turns, corpora) share :func:`json_objects`,
and every reader reports at most :data:`MAX_PROBLEMS` problems at once.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Iterator
from typing import BinaryIO, Final

from gesprekscoach.errors import Problem, UserError

#: Largest input file we read; bigger files are almost always a mistake.
MAX_BYTES: Final[int] = 20 * 1024 * 1024
#: How ``-`` is named in messages.
STDIN_NAME: Final[str] = "standaardinvoer"


#: What a symbolic link is told that leads nowhere: to a missing file, or round in a loop.
BROKEN_LINK: Final[str] = (
    "dit is een symbolische link die nergens uitkomt (naar een bestand dat niet bestaat, of "
    "in een kring terug naar zichzelf); geef het bestand zelf op, of herstel de link")

#: What an empty input file is told, unless the caller names what should be in it.
EMPTY_TURNS = ("bestand is leeg; er staan geen beurten in. Controleer of je het goede bestand "
               "hebt gekozen en of het is opgeslagen.")


def read_text(path: str, *, max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None,
              empty: str | None = EMPTY_TURNS) -> str:
    """The text of ``path`` (``-`` is standard input), checked and decoded.

    Raises :class:`UserError` for a missing file, a directory, missing
    permission, a file over ``max_bytes``, text that is not UTF-8 and, unless
    ``empty`` is None, a file with nothing in it (``empty`` is the message).
    """
    name = display_name(path)
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
    else:
        data = _read_file(path, name, max_bytes)
    if len(data) > max_bytes:
        raise UserError(Problem(_too_big(len(data), max_bytes, exact=path != "-"), name))
    text = _decode(data, name)
    if empty is not None and not text.strip():
        raise UserError(Problem(empty, name))
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise UserError(Problem(
            "dit lijkt een binair bestand (bevat een NUL-teken), geen tekstbestand; "
            "controleer of je het goede bestand hebt gekozen", name, line))
    return text


def display_name(path: str) -> str:
    """How ``path`` is named in messages."""
    return STDIN_NAME if path == "-" else path


def _read_file(path: str, name: str, max_bytes: int) -> bytes:
    try:
        if os.path.isdir(path):
            raise UserError(Problem("dit is een map, geen bestand; geef een bestand in die map op", name))
        size = os.stat(path).st_size
        if size > max_bytes:
            raise UserError(Problem(_too_big(size, max_bytes), name))
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UserError(Problem(BROKEN_LINK, name)) from None
        raise UserError(Problem(
            "bestand bestaat niet; controleer de naam en de map (typfout?)", name)) from None
    except PermissionError:
        raise UserError(Problem(
            "geen toestemming om dit bestand te lezen; controleer de rechten "
            "(bijvoorbeeld met 'chmod u+r') of kopieer het naar je eigen map", name)) from None
    except IsADirectoryError:
        raise UserError(Problem("dit is een map, geen bestand; geef een bestand in die map op", name)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UserError(Problem(BROKEN_LINK, name)) from None
        raise UserError(Problem(f"kan bestand niet lezen ({exc.strerror or exc})", name)) from None


def _too_big(size: int, max_bytes: int, *, exact: bool = True) -> str:
    mb = f"{size / 1024 / 1024:.1f}".replace(".", ",")
    amount = f"{mb} MB" if exact else f"meer dan {max_bytes // (1024 * 1024)} MB"
    return (f"bestand is te groot ({amount}, maximaal {max_bytes // (1024 * 1024)} MB); "
            "splits het bestand")


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), or UTF-16 with a BOM as Windows writes it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _normalise_newlines(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise UserError(Problem(
                "bestand begint als UTF-16 maar is beschadigd; sla het op als UTF-8", name)) from None
    try:
        return _normalise_newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        # In characters, as an editor counts: the bytes before are valid UTF-8.
        column = len(data[line_start:exc.start].decode("utf-8-sig", errors="replace")) + 1
        byte = data[exc.start]
        raise UserError(Problem(
            f"bestand is geen UTF-8-tekst (ongeldige byte 0x{byte:02X}, waarschijnlijk "
            "Windows-1252 of Latin-1); sla het op als UTF-8, bijvoorbeeld in Kladblok via "
            "'Opslaan als' en dan 'Codering: UTF-8'", name, line, column)) from None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------- lines and JSON lines


#: More problems than this in one file are summarised in one last line.
MAX_PROBLEMS: Final[int] = 50
#: Python's JSON messages, in Dutch (the English text after the colon is the
#: part json.JSONDecodeError puts in ``msg``).
JSON_MESSAGES: Final[dict[str, str]] = {
    "Expecting value": "waarde verwacht",
    "Expecting ',' delimiter": "komma verwacht",
    "Expecting ':' delimiter": "dubbele punt verwacht",
    "Expecting property name enclosed in double quotes":
        "veldnaam tussen dubbele aanhalingstekens verwacht",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Invalid control character at": "ongeldig stuurteken in tekst",
    "Invalid \\escape": "ongeldige escape met \\",
    "Invalid \\uXXXX escape": "ongeldige \\u-escape",
    "Extra data": "extra tekens na het JSON-object",
}


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line, counting only ``\\n`` as a break."""
    return enumerate(text.split("\n"), start=1)


def json_objects(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[int, dict]]:
    """(line, object) for every non-blank line; bad lines become problems."""
    checked_whole_file = False
    for number, line in numbered_lines(text):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            if not checked_whole_file:
                checked_whole_file = True
                if _is_json(text):  # one pretty-printed document: one message, not one a line
                    raise UserError(Problem(
                        "dit is één JSON-document over meerdere regels, geen JSONL; zet elk "
                        "object op een eigen regel", name)) from None
            message = JSON_MESSAGES.get(exc.msg, exc.msg)
            problems.append(Problem(
                f"ongeldige JSON: {message}; elke regel moet één volledig JSON-object zijn",
                name, number, exc.colno))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(
                f"regel is geen JSON-object maar {type_name(obj)}; zet op elke regel één "
                "object tussen { en }", name, number))
            continue
        yield number, obj


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def type_name(value: object) -> str:
    """How a JSON value is named in a Dutch message: "een getal", "een lijst"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een object"
    return type(value).__name__


def type_problem(field: str, value: object, kinds: type | tuple[type, ...]) -> str | None:
    """A message when ``value`` is not of ``kinds`` (text, or text or null)."""
    if isinstance(value, kinds) and not isinstance(value, bool):
        return None
    wanted = "tekst of null" if isinstance(kinds, tuple) else "tekst"
    return f"veld '{field}' moet {wanted} zijn, niet {type_name(value)}"


def raise_if(problems: list[Problem]) -> None:
    """All problems of a file in one UserError, so one run shows them all (at most
    MAX_PROBLEMS, then one line for the rest)."""
    if not problems:
        return
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [Problem(
            f"… en nog {rest} andere problemen; los eerst deze op", problems[0].path)]
    raise UserError(*problems)
