"""Reading a labelled corpus (codebook §6): one JSON object a line, or a table of
tab-separated columns as ``echt.tsv``; every field of every row is checked and
all bad rows are reported at once. ``evaluation`` measures the analyser on it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, BinaryIO, Final

from gesprekscoach.codebook import CODES, COMPETENTIES, FASEN, primary
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.textfile import MAX_BYTES, display_name, json_objects, raise_if, read_text, type_name, type_problem

_CORPUS_FIELDS: Final[tuple[str, ...]] = (
    "id", "student", "docent", "codes", "code", "fase", "competentie"
)


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
    for number, obj in json_objects(text, name, problems):
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
    raise_if(problems)
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
        obj: dict[str, Any] = {"id": record["id"], "student": "", "docent": record["docent"] or "",
               "codes": [c.strip() for c in (record["codes"] or "").split(",") if c.strip()],
               "code": record["code"], "fase": record["fase"] or None,
               "competentie": record["competentie"] or None}
        found = [Problem(message, name, number) for message in _corpus_row_problems(obj)]
        if found:
            problems.extend(found)
            continue
        rows.append(GoldRow(obj["id"], "", obj["docent"], frozenset(obj["codes"]), obj["code"],
                            obj["fase"], obj["competentie"], number, (), record.get("bron") or ""))
    raise_if(problems)
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
        if field in obj and (message := type_problem(field, obj[field], kind)):
            problems.append(message)
    if isinstance(obj.get("id"), str) and not obj["id"].strip():
        problems.append("veld 'id' is leeg")
    if isinstance(obj.get("docent"), str) and not obj["docent"].strip():
        problems.append("veld 'docent' is leeg; vul de docentbeurt in")
    codes = obj.get("codes")
    codes_ok = False
    if "codes" in obj:
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            problems.append(f"veld 'codes' moet een lijst met codes zijn, niet {type_name(codes)}; "
                            'bijvoorbeeld ["samenvatting", "doorvraag"]')
        elif not codes:
            problems.append("veld 'codes' is leeg; noem minstens één code")
        else:
            unknown = [_unknown("code", c, CODES, field="codes") for c in codes if c not in CODES]
            problems += unknown
            codes_ok = not unknown
    code = obj.get("code")
    valid: list[str] = codes if codes_ok and isinstance(codes, list) else []
    if isinstance(code, str):
        if code not in CODES:
            problems.append(_unknown("code", code, CODES))
        elif codes_ok and code not in valid:
            problems.append(f"code '{code}' staat niet in codes ({', '.join(valid)}); "
                            "de hoofdcode komt uit codes")
        elif codes_ok and primary(set(valid)) != code:
            problems.append(f"code moet '{primary(set(valid))}' zijn volgens de voorrangsregel "
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
