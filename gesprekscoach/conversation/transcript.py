"""Reading docent turns and labelled corpora from files, robustly.

Pure: no printing. Everything a user can get wrong in a file becomes a
:class:`~gesprekscoach.errors.UserError` that names the file, the line and
what to do about it, so the CLI never shows a traceback for bad input.

Three input formats are recognised automatically:

- a *gesprek* (transcript): lines starting with ``D:``/``Docent:`` and
  ``S:``/``Student:``; lines without a prefix continue the previous speaker;
- *regels*: one docent turn per line;
- *jsonl*: one JSON object per line with ``docent`` and optional ``student``.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import BinaryIO, Final, Iterator, Literal

from gesprekscoach.codebook import CODES, COMPETENTIES, FASEN, primary
from gesprekscoach.errors import Problem, UserError

#: Largest input file we read; bigger files are almost always a mistake.
MAX_BYTES: Final[int] = 20 * 1024 * 1024
#: Earlier student turns handed on as history; the analyser reads only a few.
HISTORY_LIMIT: Final[int] = 20
#: More problems than this in one file are summarised in one last line.
MAX_PROBLEMS: Final[int] = 50
#: How ``-`` is named in messages.
STDIN_NAME: Final[str] = "standaardinvoer"

Format = Literal["auto", "gesprek", "regels", "jsonl"]
FORMATS: Final[tuple[str, ...]] = ("auto", "gesprek", "regels", "jsonl")

_SPEAKER = re.compile(r"^\s*(docent|student|d|s)\s*:\s?(.*)$", re.IGNORECASE)
_DOCENT_PREFIXES: Final[frozenset[str]] = frozenset({"d", "docent"})
_CORPUS_FIELDS: Final[tuple[str, ...]] = (
    "id", "student", "docent", "codes", "code", "fase", "competentie"
)
#: Python's JSON messages, in Dutch (the English text after the colon is the
#: part json.JSONDecodeError puts in ``msg``).
_JSON_MESSAGES: Final[dict[str, str]] = {
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


@dataclass(frozen=True, slots=True)
class Turn:
    """A docent turn to analyse, with the student turn(s) before it."""

    docent: str
    student: str
    #: Line in the source file where the turn starts (1-based).
    line: int
    #: Earlier student turns before ``student``, oldest first (bounded).
    history: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldRow:
    """One labelled turn of a corpus (codebook §6)."""

    id: str
    student: str
    docent: str
    codes: frozenset[str]
    code: str
    fase: str | None
    competentie: str | None
    line: int
    #: The student's earlier turns in the same conversation (``gesprek``), oldest first.
    history: tuple[str, ...] = ()
    #: Where the row comes from (``bron``): cross-validation keeps a group together.
    group: str = ""


# --------------------------------------------------------------------- reading


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
        raise UserError(Problem(
            "bestand bestaat niet; controleer de naam en de map (typfout?)", name)) from None
    except PermissionError:
        raise UserError(Problem(
            "geen toestemming om dit bestand te lezen; controleer de rechten "
            "(bijvoorbeeld met 'chmod u+r') of kopieer het naar je eigen map", name)) from None
    except IsADirectoryError:
        raise UserError(Problem("dit is een map, geen bestand; geef een bestand in die map op", name)) from None
    except OSError as exc:
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


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line, counting only ``\\n`` as a break."""
    return enumerate(text.split("\n"), start=1)


# --------------------------------------------------------------------- turns


def read_turns(
    path: str,
    *,
    fmt: Format = "auto",
    max_bytes: int = MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> list[Turn]:
    """The docent turns in ``path``, in any of the three formats."""
    return parse_turns(read_text(path, max_bytes=max_bytes, stdin=stdin), display_name(path), fmt=fmt)


def detect_format(text: str) -> Literal["gesprek", "regels", "jsonl"]:
    """Which format ``text`` is in: JSON if it starts with ``{`` or ``[``, a
    transcript if any line starts with a speaker, else one turn a line."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if first.startswith(("{", "[")):
        return "jsonl"
    if any(_SPEAKER.match(line) for line in text.split("\n")):
        return "gesprek"
    return "regels"


def parse_turns(text: str, name: str, *, fmt: Format = "auto") -> list[Turn]:
    """Parse ``text`` (already read) into turns; ``name`` is for messages."""
    kind = detect_format(text) if fmt == "auto" else fmt
    if kind == "jsonl":
        turns = _parse_jsonl_turns(text, name)
    elif kind == "gesprek":
        turns = _parse_transcript(text, name)
    else:
        turns = [Turn(line.strip(), "", number)
                 for number, line in numbered_lines(text) if line.strip()]
    if not turns:
        raise UserError(Problem(
            "geen docentbeurten gevonden; begin docentbeurten met 'D:' of 'Docent:'", name))
    return turns


def _parse_transcript(text: str, name: str) -> list[Turn]:
    """Group speaker blocks into turns: consecutive docent lines are one turn
    (a turn lasts until the student speaks), continuation lines join the
    speaker before them."""
    blocks: list[tuple[bool, int, list[str]]] = []  # (is_docent, first line, parts)
    problems: list[Problem] = []
    for number, line in numbered_lines(text):
        if not line.strip():
            continue
        match = _SPEAKER.match(line)
        if match:
            is_docent = match.group(1).lower() in _DOCENT_PREFIXES
            part = match.group(2).strip()
            if blocks and blocks[-1][0] == is_docent:
                blocks[-1][2].append(part)
            else:
                blocks.append((is_docent, number, [part]))
        elif blocks:
            blocks[-1][2].append(line.strip())
        else:
            problems.append(Problem(
                "tekst vóór de eerste spreker; begin elke beurt met 'D:' (docent) of "
                "'S:' (student), of verwijder deze regel", name, number))
    turns: list[Turn] = []
    students: list[str] = []
    previous_student = ""
    for is_docent, number, parts in blocks:
        said = " ".join(part for part in parts if part)
        if not is_docent:
            if previous_student:
                students.append(previous_student)
            previous_student = said
            continue
        if not said:
            problems.append(Problem(
                "lege docentbeurt; zet de tekst achter 'D:' of verwijder de regel", name, number))
            continue
        turns.append(Turn(said, previous_student, number, tuple(students[-HISTORY_LIMIT:])))
        # After a docent turn the student has to speak again before a new
        # "previous student turn" exists.
        if previous_student:
            students.append(previous_student)
        previous_student = ""
    _raise_if(problems)
    return turns


def _parse_jsonl_turns(text: str, name: str) -> list[Turn]:
    turns: list[Turn] = []
    problems: list[Problem] = []
    for number, obj in _json_objects(text, name, problems):
        docent = obj.get("docent")
        student = obj.get("student", "")
        if "docent" not in obj:
            problems.append(Problem(
                "veld 'docent' ontbreekt; verwacht bijvoorbeeld "
                '{"student": "…", "docent": "…"}', name, number))
            continue
        bad = _type_problem("docent", docent, str) or _type_problem("student", student, (str, type(None)))
        if bad:
            problems.append(Problem(bad, name, number))
            continue
        if not docent.strip():
            problems.append(Problem("veld 'docent' is leeg; vul de docentbeurt in", name, number))
            continue
        turns.append(Turn(docent.strip(), (student or "").strip(), number))
    _raise_if(problems)
    return turns


def _json_objects(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[int, dict]]:
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
            message = _JSON_MESSAGES.get(exc.msg, exc.msg)
            problems.append(Problem(
                f"ongeldige JSON: {message}; elke regel moet één volledig JSON-object zijn",
                name, number, exc.colno))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(
                f"regel is geen JSON-object maar {_type_name(obj)}; zet op elke regel één "
                "object tussen { en }", name, number))
            continue
        yield number, obj


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _type_name(value: object) -> str:
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


def _type_problem(field: str, value: object, kinds: type | tuple[type, ...]) -> str | None:
    """A message when ``value`` is not of ``kinds`` (text, or text or null)."""
    if isinstance(value, kinds) and not isinstance(value, bool):
        return None
    wanted = "tekst of null" if isinstance(kinds, tuple) else "tekst"
    return f"veld '{field}' moet {wanted} zijn, niet {_type_name(value)}"


def _raise_if(problems: list[Problem]) -> None:
    if not problems:
        return
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [Problem(
            f"… en nog {rest} andere problemen; los eerst deze op", problems[0].path)]
    raise UserError(*problems)


# --------------------------------------------------------------------- corpus


def read_corpus(path: str, *, max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None) -> list[GoldRow]:
    """The labelled rows of a corpus file, every field checked (codebook §6)."""
    return parse_corpus(read_text(path, max_bytes=max_bytes, stdin=stdin), display_name(path))


def parse_corpus(text: str, name: str) -> list[GoldRow]:
    """Validate every line and report all bad lines at once."""
    if name.endswith(".tsv"):
        return parse_corpus_tsv(text, name)
    rows: list[GoldRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    said: dict[str, list[str]] = {}
    for number, obj in _json_objects(text, name, problems):
        found = [Problem(message, name, number) for message in _corpus_row_problems(obj)]
        if not found and obj["id"] in seen:
            found.append(Problem(
                f"id '{obj['id']}' komt al voor op regel {seen[obj['id']]}; geef elke rij een "
                "eigen id", name, number))
        if found:
            problems.extend(found)
            continue
        seen[obj["id"]] = number
        talk = obj.get("gesprek")
        earlier = said.setdefault(str(talk), []) if talk else []
        rows.append(GoldRow(
            id=obj["id"], student=obj["student"], docent=obj["docent"],
            codes=frozenset(obj["codes"]), code=obj["code"],
            fase=obj["fase"], competentie=obj["competentie"], line=number,
            history=tuple(earlier), group=str(obj.get("bron") or "")))
        if talk and obj["student"]:
            earlier.append(obj["student"])
    _raise_if(problems)
    if not rows:
        raise UserError(Problem("geen rijen gevonden in het corpus", name))
    return rows


#: Columns a corpus in TSV form (as ``echt.tsv``) must have.
_TSV_COLUMNS = ("id", "docent", "codes", "code", "fase", "competentie", "status")


def parse_corpus_tsv(text: str, name: str) -> list[GoldRow]:
    """A corpus as tab-separated columns with a header (as ``echt.tsv``): only rows
    with status ``ok`` are measured; ``bron`` groups rows for cross-validation."""
    import csv

    lines = text.split("\n")
    header = lines[0].split("\t") if lines else []
    missing = [c for c in _TSV_COLUMNS if c not in header]
    if missing:
        raise UserError(Problem(
            f"de kopregel mist de kolom(men) {', '.join(missing)}; een TSV-corpus heeft de kolommen "
            f"{', '.join(_TSV_COLUMNS)} (en eventueel bron)", name, 1))
    rows: list[GoldRow] = []
    problems: list[Problem] = []
    for number, record in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        if not record.get("id") or record.get("status") != "ok":
            continue
        obj = {"id": record["id"], "student": "", "docent": record["docent"] or "",
               "codes": [c.strip() for c in (record["codes"] or "").split(",") if c.strip()],
               "code": record["code"], "fase": record["fase"] or None,
               "competentie": record["competentie"] or None}
        found = [Problem(message, name, number) for message in _corpus_row_problems(obj)]
        if found:
            problems.extend(found)
            continue
        rows.append(GoldRow(obj["id"], "", obj["docent"], frozenset(obj["codes"]), obj["code"],
                            obj["fase"], obj["competentie"], number, (), record.get("bron") or ""))
    _raise_if(problems)
    if not rows:
        raise UserError(Problem("geen rijen met status ok gevonden in het corpus", name))
    return rows


def _corpus_row_problems(obj: dict) -> list[str]:
    """Every problem of one corpus row, so one run shows them all."""
    problems: list[str] = []
    missing = [field for field in _CORPUS_FIELDS if field not in obj]
    if missing:
        names = ", ".join(f"'{field}'" for field in missing)
        problems.append(
            f"veld{'en' if len(missing) > 1 else ''} {names} ontbreekt; elke rij heeft id, "
            "student, docent, codes, code, fase en competentie (fase en competentie mogen "
            "null zijn)")
    kinds: dict[str, type | tuple[type, ...]] = {
        "id": str, "student": str, "docent": str, "code": str,
        "fase": (str, type(None)), "competentie": (str, type(None)),
    }
    for field, kind in kinds.items():
        if field in obj and (message := _type_problem(field, obj[field], kind)):
            problems.append(message)
    if isinstance(obj.get("id"), str) and not obj["id"].strip():
        problems.append("veld 'id' is leeg")
    if isinstance(obj.get("docent"), str) and not obj["docent"].strip():
        problems.append("veld 'docent' is leeg; vul de docentbeurt in")
    codes = obj.get("codes")
    codes_ok = False
    if "codes" in obj:
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            problems.append(f"veld 'codes' moet een lijst met codes zijn, niet {_type_name(codes)}; "
                            'bijvoorbeeld ["samenvatting", "doorvraag"]')
        elif not codes:
            problems.append("veld 'codes' is leeg; noem minstens één code")
        else:
            unknown = [_unknown("code", c, CODES, field="codes") for c in codes if c not in CODES]
            problems += unknown
            codes_ok = not unknown
    code = obj.get("code")
    if isinstance(code, str):
        if code not in CODES:
            problems.append(_unknown("code", code, CODES))
        elif codes_ok and code not in codes:
            problems.append(f"code '{code}' staat niet in codes ({', '.join(codes)}); "
                            "de hoofdcode komt uit codes")
        elif codes_ok and primary(set(codes)) != code:
            problems.append(f"code moet '{primary(set(codes))}' zijn volgens de voorrangsregel "
                            f"(codeboek §2), niet '{code}'")
    if isinstance(obj.get("fase"), str) and obj["fase"] not in FASEN:
        problems.append(_unknown("fase", obj["fase"], FASEN))
    if isinstance(obj.get("competentie"), str) and obj["competentie"] not in COMPETENTIES:
        problems.append(_unknown("competentie", obj["competentie"], COMPETENTIES))
    return problems


def _unknown(kind: str, value: str, valid: tuple[str, ...], field: str | None = None) -> str:
    where = f" in '{field}'" if field else ""
    guess = difflib.get_close_matches(value.strip().lower().replace(" ", "_"), valid, n=1)
    hint = f"bedoel je '{guess[0]}'? " if guess else ""
    return f"onbekende {kind} '{value}'{where}; {hint}geldig zijn: {', '.join(valid)}" + (
        " of null" if kind in ("fase", "competentie") else "")
