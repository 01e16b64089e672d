"""Transcripts as they are: named speakers, a header line that says who is who, timestamps.

A real conversation is typed or exported as it went: "Mevrouw Jansen: Hoi
Noor", "[00:01:12] Noor: …". Before the transcript parser (which knows
``D:``/``S:`` and the trialoog's ``P:``/``O:``) sees it, this module puts the
right prefix on every line: the docent (``--docent-spreker`` or the header),
the student (``--student-spreker``, the header, or the one other name), and
anyone else as the third party of a trialoog, so no one is glued onto the
docent's turn. A header line looks like::

    Sprekers: docent = Mevrouw Jansen; student = Noor; praktijkopleider = Henk

Pure: text in, text out, a Dutch message with file:line for what cannot be
mapped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from gesprekscoach.errors import Problem, UserError

#: ``[00:01:12]``, ``00:01``, ``(12:03:44,120)``, ``14:05 -`` at the start of a line.
_TIME: Final = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*[-–—|]?\s*")
#: ``Naam:`` at the start of a line: up to five words, no sentence before the colon.
#: A speaker's name before the colon, also with a role in brackets ("Docent (Joke):").
_NAMED: Final = re.compile(r"^\s*([A-ZÀ-Ýa-zà-ÿ][\w.'’\- ]{0,40}?(?:\s*\([\w.'’\- ]{1,30}\))?)\s*:\s?(.*)$")
_HEADER: Final = re.compile(r"^\s*#?\s*sprekers\s*:\s*(.*)$", re.IGNORECASE)
#: The prefixes the transcript parser knows already.
KNOWN: Final[frozenset[str]] = frozenset({
    "d", "docent", "s", "student", "p", "praktijkopleider", "w", "werkbegeleider", "o", "ouder"})
_ROLES: Final[dict[str, str]] = {
    "docent": "D", "student": "S", "praktijkopleider": "P", "werkbegeleider": "W", "ouder": "O"}


def without_time(line: str) -> str:
    return _TIME.sub("", line, count=1) if _TIME.match(line) else line


def normalise(text: str, name: str, *, docent: str | None = None,
              student: str | None = None) -> str:
    """``text`` with every named speaker turned into the parser's prefix; timestamps gone."""
    lines = text.split("\n")
    roles: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            roles.update(_header(header.group(1), name, number))
            lines[number - 1] = ""
    if docent:
        roles[docent.strip().lower()] = "D"
    if student:
        roles[student.strip().lower()] = "S"
    lines = [without_time(line) for line in lines]
    named: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        match = _NAMED.match(line)
        if match and match.group(1).strip().lower() not in KNOWN and len(match.group(1).split()) <= 5:
            named.setdefault(match.group(1).strip().lower(), number)
            spelled.setdefault(match.group(1).strip().lower(), match.group(1).strip())
    for flag, given in (("--docent-spreker", docent), ("--student-spreker", student)):
        if given and named and given.strip().lower() not in named:
            _not_there(given, flag, spelled, name, lines)
    unknown = [n for n in named if n not in roles]
    if not named or not unknown:
        return "\n".join(_prefixed(line, roles, spelled) for line in lines)
    prefixed = _prefixes(lines)
    if prefixed & _DOCENT and prefixed & _STUDENT:
        # A D:/S: transcript with one more speaker: say who and where, never "wie is de docent?"
        other = unknown[0]
        raise UserError(Problem(
            f"onbekende spreker '{spelled[other]}' (naast D: en S:); begin deze regel met D: "
            "(docent), S: (student) of in een trialoog P:, W: of O:, of zet bovenaan "
            f"'Sprekers: praktijkopleider = {spelled[other]}'", name, named[other]))
    if "D" not in roles.values():
        raise UserError(Problem(
            f"wie is de docent? In dit gesprek spreken {_names(spelled.values())}; geef "
            "--docent-spreker \"NAAM\" of zet bovenaan een regel 'Sprekers: docent = NAAM; "
            "student = NAAM'", name, named[unknown[0]]))
    if "S" not in roles.values():
        if len(unknown) > 1:
            raise UserError(Problem(
                f"wie is de student? Naast de docent spreken "
                f"{_names(spelled[n] for n in unknown)}; geef "
                "--student-spreker \"NAAM\" of zet bovenaan 'Sprekers: docent = …; "
                "student = …; praktijkopleider = …'", name, named[unknown[1]]))
        roles[unknown[0]] = "S"
        unknown = unknown[1:]
    for other in unknown:   # anyone else: the other adult of a trialoog, never the docent
        roles[other] = "P"
    return "\n".join(_prefixed(line, roles, spelled) for line in lines)


_DOCENT: Final[frozenset[str]] = frozenset({"d", "docent"})
_STUDENT: Final[frozenset[str]] = frozenset({"s", "student"})


def _prefixes(lines: Iterable[str]) -> set[str]:
    """The parser's own prefixes (``D:``, ``Student:`` …) that the lines use."""
    found = set()
    for line in lines:
        match = _NAMED.match(line)
        if match and match.group(1).strip().lower() in KNOWN:
            found.add(match.group(1).strip().lower())
    return found


def _not_there(given: str, flag: str, spelled: dict[str, str], name: str,
               lines: list[str]) -> None:
    """A speaker given on the command line who never speaks: say so, and who is close."""
    import difflib

    close = difflib.get_close_matches(given.strip().lower(), list(spelled), n=1, cutoff=0.6)
    hint = f"; bedoel je '{spelled[close[0]]}'?" if close else ""
    raise UserError(Problem(
        f"'{given.strip()}' ({flag}) spreekt niet in dit gesprek{hint}. In dit gesprek spreken "
        f"{_names(spelled.values())}; geef de naam zoals hij voor de dubbele punt staat",
        name))


def _names(names: Iterable[str]) -> str:
    items = [f"'{n}'" for n in names]
    return ", ".join(items[:-1]) + f" en {items[-1]}" if len(items) > 1 else items[0]


def _prefixed(line: str, roles: dict[str, str], spelled: dict[str, str]) -> str:
    """The line with the parser's prefix; a named third party keeps the name
    (``P (Henk): …``) so the report shows Henk, not "Derde"."""
    match = _NAMED.match(line)
    if match:
        key = match.group(1).strip().lower()
        role = roles.get(key)
        if role in ("P", "W", "O") and key in spelled:
            return f"{role} ({spelled[key]}): {match.group(2)}"
        if role is not None:
            return f"{role}: {match.group(2)}"
    return line


def _header(text: str, name: str, number: int) -> dict[str, str]:
    """``docent = Mevrouw Jansen; student = Noor`` as names -> prefix."""
    roles = {}
    for part in re.split(r"[;,]", text):
        if not part.strip():
            continue
        role, sep, who = part.partition("=")
        role = role.strip().lower()
        if not sep or role not in _ROLES or not who.strip():
            raise UserError(Problem(
                f"'{part.strip()}' in de sprekersregel begrijp ik niet; schrijf bijvoorbeeld "
                "'Sprekers: docent = Mevrouw Jansen; student = Noor' (rollen: "
                + ", ".join(_ROLES) + ")", name, number))
        roles[who.strip().lower()] = _ROLES[role]
    return roles
