"""Reading docent turns from files, robustly.

Pure: no printing. Everything a user can get wrong in a file becomes a
:class:`~gesprekscoach.errors.UserError` that names the file, the line and
what to do about it, so the CLI never shows a traceback for bad input.

Three input formats are recognised automatically:

- a *gesprek* (transcript): lines starting with ``D:``/``Docent:`` and
  ``S:``/``Student:``, in a trialoog also a third speaker
  (``P:``/``Praktijkopleider:``, ``W:``/``Werkbegeleider:``, ``O:``/``Ouder:``),
  kept apart and never joined to the docent's turn; lines without a prefix
  continue the previous speaker;
- *regels*: one docent turn per line;
- *jsonl*: one JSON object per line with ``docent`` and optional ``student``.

Reading the file itself is :mod:`gesprekscoach.textfile`; a labelled corpus is
:mod:`gesprekscoach.analysis.corpus`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import BinaryIO, Final, Literal

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.textfile import (
    MAX_BYTES,
    display_name,
    json_objects,
    numbered_lines,
    raise_if,
    read_text,
    type_problem,
)

#: Earlier student turns handed on as history; the analyser reads only a few.
HISTORY_LIMIT: Final[int] = 20

Format = Literal["auto", "gesprek", "regels", "jsonl"]
FORMATS: Final[tuple[str, ...]] = ("auto", "gesprek", "regels", "jsonl")

_SPEAKER = re.compile(
    r"^\s*(docent|student|praktijkopleider|werkbegeleider|ouder|d|s|p|w|o)"
    r"(?:\s*\(([^()]{1,40})\))?\s*:\s?(.*)$",
    re.IGNORECASE)

_DOCENT_PREFIXES: Final[frozenset[str]] = frozenset({"d", "docent"})
#: The other adult of a trialoog.
_THIRD_PREFIXES: Final[frozenset[str]] = frozenset(
    {"p", "praktijkopleider", "w", "werkbegeleider", "o", "ouder"})


@dataclass(frozen=True, slots=True)
class Turn:
    """A docent turn to analyse, with the student turn(s) before it."""

    docent: str
    student: str
    #: Line in the source file where the turn starts (1-based).
    line: int
    #: Earlier student turns before ``student``, oldest first (bounded).
    history: tuple[str, ...] = ()
    #: In a trialoog: what the other adult said after the previous docent turn.
    third_party: str = ""


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
    blocks: list[tuple[str, int, list[str]]] = []  # (speaker, first line, parts)
    problems: list[Problem] = []
    for number, line in numbered_lines(text):
        if not line.strip():
            continue
        match = _SPEAKER.match(line)
        if match:
            prefix = match.group(1).lower()
            speaker = ("docent" if prefix in _DOCENT_PREFIXES
                       else "derde" if prefix in _THIRD_PREFIXES else "student")
            part = match.group(3).strip()
            if speaker == "derde":  # a named one ("P (Henk):") is kept as "Henk: …"
                speaker = f"derde:{(match.group(2) or '').strip()}"
            if blocks and blocks[-1][0] == speaker:
                blocks[-1][2].append(part)
            else:
                blocks.append((speaker, number, [part]))
        elif blocks:
            blocks[-1][2].append(line.strip())
        else:
            problems.append(Problem(
                "tekst vóór de eerste spreker; begin elke beurt met 'D:' (docent), "
                "'S:' (student) of in een trialoog 'P:' (praktijkopleider) of 'O:' (ouder), "
                "of verwijder deze regel", name, number))
    turns: list[Turn] = []
    students: list[str] = []
    previous_student = ""
    third: list[str] = []
    third_name = ""
    for speaker, number, parts in blocks:
        said = " ".join(part for part in parts if part)
        if speaker.startswith("derde:"):
            who = speaker.removeprefix("derde:")
            if said:
                third.append(said if not who or third_name == who else f"{who}: {said}")
                third_name = who
            continue
        if speaker == "student":
            if previous_student:
                students.append(previous_student)
            previous_student = said
            continue
        if not said:
            problems.append(Problem(
                "lege docentbeurt; zet de tekst achter 'D:' of verwijder de regel", name, number))
            continue
        turns.append(Turn(said, previous_student, number, tuple(students[-HISTORY_LIMIT:]),
                          " ".join(t for t in third if t)))
        third, third_name = [], ""
        # After a docent turn the student has to speak again before a new
        # "previous student turn" exists.
        if previous_student:
            students.append(previous_student)
        previous_student = ""
    raise_if(problems)
    return turns


def _parse_jsonl_turns(text: str, name: str) -> list[Turn]:
    turns: list[Turn] = []
    problems: list[Problem] = []
    for number, obj in json_objects(text, name, problems):
        docent = obj.get("docent")
        student = obj.get("student", "")
        if "docent" not in obj:
            problems.append(Problem(
                "veld 'docent' ontbreekt; verwacht bijvoorbeeld "
                '{"student": "…", "docent": "…"}', name, number))
            continue
        bad = type_problem("docent", docent, str) or type_problem("student", student, (str, type(None)))
        if bad or not isinstance(docent, str):  # type_problem lets only text through
            problems.append(Problem(bad or "veld 'docent' moet tekst zijn", name, number))
            continue
        if not docent.strip():
            problems.append(Problem("veld 'docent' is leeg; vul de docentbeurt in", name, number))
            continue
        turns.append(Turn(docent.strip(), (student or "").strip(), number))
    raise_if(problems)
    return turns
