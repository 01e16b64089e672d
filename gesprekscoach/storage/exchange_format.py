"""The export file a docent hands a trainer: its shape, and the check of one that comes back.

An export file says what it is (``formaat``, ``versie``), so a wrong JSON file
is recognised at once. Because it comes from outside, :func:`parse_export`
checks the whole file and names every problem (up to twenty) before the store
writes anything: a malformed or cut-off file adds nothing at all.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final

from gesprekscoach.codebook import CODES, COMPETENTIES, FASEN
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.model import Exchange
from gesprekscoach.storage.paths import check_alias, stamp
from gesprekscoach.storage.records import (
    Malformed,
    exchange_from_dict,
    exchange_to_dict,
    get,
    objects,
    report_from_dict,
)
from gesprekscoach.storage.schema import KINDS, MODES, STATUSES
from gesprekscoach.storage.sessions import StoredSession

#: Export files say what they are, so a wrong JSON file is recognised at once.
EXPORT_FORMAT: Final[str] = "gesprekscoach-sessies"
EXPORT_VERSION: Final[int] = 1

_SESSION_FIELDS: Final[tuple[tuple[str, str, tuple[type, ...], bool], ...]] = (
    # (column, JSON key, types, nullable)
    ("docent", "docent", (str,), False),
    ("scenario_id", "scenario", (str,), True),
    ("scenario_sha256", "scenario_sha256", (str,), True),
    ("scenario_title", "titel", (str,), True),
    ("student_name", "student", (str,), True),
    ("scenario_doel", "doel", (str,), True),
    ("seed", "seed", (int,), True),
    ("source", "bron", (str,), True),
    ("source_sha256", "bron_sha256", (str,), True),
)

#: One checked session of an export: its ``sessions`` row, its turns with
#: their times, its report (None while it was still going) and what a trainer
#: added (``correcties``, ``notities``; empty in an older export).
ExportRecord = tuple[dict[str, Any], list[tuple[Exchange, datetime]], "dict[str, Any] | None",
                     dict[str, Any]]


def export_document(sessions: Iterable[StoredSession],
                    review: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """A whole export file, JSON-ready, holding ``sessions`` and, per session id in
    ``review``, the trainer's ``verborgen``, ``correcties`` and ``notities``."""
    review = review or {}
    return {
        "formaat": EXPORT_FORMAT,
        "versie": EXPORT_VERSION,
        "geexporteerd": stamp(None),
        "sessies": [{**session_to_dict(s), **review.get(s.info.id, {})} for s in sessions],
    }


def session_to_dict(stored: StoredSession) -> dict[str, Any]:
    """One session as an export file holds it; :func:`parse_export` reads it back.
    The trainer's keys (``verborgen``, ``correcties``, ``notities``) are optional."""
    info = stored.info
    out: dict[str, Any] = {"id": info.id, "soort": info.kind, "modus": info.mode}
    for column, key, _, _ in _SESSION_FIELDS:
        out[key] = getattr(info, column)
    out.update({
        "begonnen": stamp(info.started_at),
        "beeindigd": None if info.ended_at is None else stamp(info.ended_at),
        "status": info.status,
        "beurten": [{**exchange_to_dict(ex), "tijd": stamp(at)}
                    for ex, at in zip(stored.exchanges, stored.said_at)],
        "rapport": None if stored.report_data is None else dict(stored.report_data),
    })
    return out


def parse_export(data: Any, name: str = "") -> list[ExportRecord]:
    """Check a whole export (already parsed JSON); every problem at once, or the rows."""
    if not isinstance(data, dict) or data.get("formaat") != EXPORT_FORMAT:
        raise UserError(Problem(
            "dit is geen exportbestand van gesprekscoach (het veld \"formaat\": "
            f"\"{EXPORT_FORMAT}\" ontbreekt); maak het met 'gesprekscoach exporteer'", name))
    version = data.get("versie")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UserError(Problem("het veld \"versie\" ontbreekt of is geen geheel getal", name))
    if version > EXPORT_VERSION:
        raise UserError(Problem(
            f"dit exportbestand komt van een nieuwere gesprekscoach (versie {version}); "
            "werk gesprekscoach bij", name))
    sessions = data.get("sessies")
    if not isinstance(sessions, list):
        raise UserError(Problem("het veld \"sessies\" ontbreekt of is geen lijst", name))
    records: list[ExportRecord] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, item in enumerate(sessions, start=1):
        where = f"sessies[{index - 1}]"
        try:
            record = _session_from_dict(item, where)
        except Malformed as bad:
            problems.append(Problem(f"sessie {index}: {bad.where}: {bad.message}", name))
            continue
        except UserError as bad:  # a bad alias
            problems.extend(Problem(f"sessie {index}: {p.message}", name) for p in bad.problems)
            continue
        if record[0]["id"] in seen:
            problems.append(Problem(f"sessie {index}: id {record[0]['id']} staat er twee keer in",
                                    name))
            continue
        seen.add(record[0]["id"])
        records.append(record)
        if len(problems) > 20:
            break
    if problems:
        raise UserError(*problems[:20], Problem(
            "er is niets geïmporteerd; herstel het bestand of exporteer opnieuw", name))
    return records


def _session_from_dict(item: Any, where: str) -> ExportRecord:
    if not isinstance(item, dict):
        raise Malformed(where, "moet een object zijn")
    session_id = get(item, "id", str, where=where)
    try:
        session_id = str(uuid.UUID(session_id))
    except ValueError:
        raise Malformed(f"{where}.id", "is geen geldig sessie-id (UUID)") from None
    kind = get(item, "soort", str, where=where)
    if kind not in KINDS:
        raise Malformed(f"{where}.soort", f"moet {' of '.join(KINDS)} zijn")
    mode = get(item, "modus", str, where=where, nullable=True)
    if (kind == "oefening") != (mode in MODES):
        raise Malformed(f"{where}.modus", "moet oefenen of proef zijn bij een oefening, "
                                          "en null bij een transcript")
    status = get(item, "status", str, where=where)
    if status not in STATUSES:
        raise Malformed(f"{where}.status", f"moet {', '.join(STATUSES)} zijn")
    row: dict[str, Any] = {"id": session_id, "kind": kind, "mode": mode, "status": status}
    for column, key, kinds, nullable in _SESSION_FIELDS:
        row[column] = get(item, key, *kinds, where=where, nullable=nullable)
    row["docent"] = check_alias(row["docent"])
    row["started_at"] = stamp(_time(get(item, "begonnen", str, where=where), f"{where}.begonnen"))
    ended_text = get(item, "beeindigd", str, where=where, nullable=True)
    ended = None if ended_text is None else _time(ended_text, f"{where}.beeindigd")
    row["ended_at"] = None if ended is None else stamp(ended)
    if (ended is None) != (status == "bezig"):
        raise Malformed(f"{where}.beeindigd", "hoort alleen bij een sessie die nog bezig is "
                                              "null te zijn")
    turns: list[tuple[Exchange, datetime]] = []
    for number, (place, turn) in enumerate(objects(item, "beurten", where), start=1):
        exchange = exchange_from_dict(turn, place)
        if exchange.turn != number:
            raise Malformed(f"{place}.nr", f"moet {number} zijn (de beurten op volgorde)")
        turns.append((exchange, _time(get(turn, "tijd", str, where=place), f"{place}.tijd")))
    report = get(item, "rapport", dict, where=where, nullable=True)
    if report is not None:
        report_from_dict(report, f"{where}.rapport")  # checks every field
        row["report_json"] = json.dumps(report, ensure_ascii=False)
    if (report is None) != (status == "bezig"):
        raise Malformed(f"{where}.rapport", "een afgeronde sessie heeft een rapport, "
                                            "een sessie die bezig is niet")
    if "verborgen" in item:
        row["verborgen"] = int(get(item, "verborgen", bool, where=where))
    return row, turns, report, _review(item, where, len(turns))


def _review(item: dict[str, Any], where: str, count: int) -> dict[str, Any]:
    """The trainer's corrections and notes of one exported session, checked."""
    out: dict[str, Any] = {}
    if item.get("correcties") is not None:
        fixes = []
        for place, fix in objects(item, "correcties", where):
            nr = get(fix, "beurt", int, where=place)
            if not 1 <= nr <= count:
                raise Malformed(f"{place}.beurt", f"moet een beurt van 1 tot en met {count} zijn")
            checked = {
                "beurt": nr, "code": _one_of(fix, "code", CODES, place),
                "fase": _one_of(fix, "fase", FASEN, place, nullable=True),
                "competentie": _one_of(fix, "competentie", COMPETENTIES, place, nullable=True),
                "door": check_alias(get(fix, "door", str, where=place)),
                "op": stamp(_time(get(fix, "op", str, where=place), f"{place}.op"))}
            if fix.get("ook") is not None:  # the turn's other moves (newer exports)
                also = get(fix, "ook", list, where=place)
                if any(not isinstance(c, str) or c not in CODES for c in also):
                    raise Malformed(f"{place}.ook", "moet een lijst codes zijn uit: "
                                                    + ", ".join(CODES))
                checked["ook"] = list(also)
            fixes.append(checked)
        out["correcties"] = fixes
    if item.get("notities") is not None:
        notes = []
        for place, note in objects(item, "notities", where):
            nr = get(note, "beurt", int, where=place, nullable=True)
            if nr is not None and not 1 <= nr <= count:
                raise Malformed(f"{place}.beurt", f"moet een beurt van 1 tot en met {count} "
                                                  "zijn, of null voor de hele sessie")
            text = get(note, "tekst", str, where=place).strip()
            if not text:
                raise Malformed(f"{place}.tekst", "is leeg")
            notes.append({"beurt": nr, "tekst": text,
                          "door": check_alias(get(note, "door", str, where=place)),
                          "op": stamp(_time(get(note, "op", str, where=place), f"{place}.op"))})
        out["notities"] = notes
    return out


def _one_of(obj: Mapping[str, Any], key: str, allowed: tuple[str, ...], where: str, *,
            nullable: bool = False) -> str | None:
    value = get(obj, key, str, where=where, nullable=nullable)
    if value is not None and value not in allowed:
        raise Malformed(f"{where}.{key}", "moet een van " + ", ".join(allowed)
                        + (" of null" if nullable else "") + " zijn")
    return value


def _time(text: str, place: str) -> datetime:
    """An ISO 8601 moment with its time zone, or :class:`Malformed` naming ``place``."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Malformed(place, "is geen datum en tijd (ISO 8601)") from None
    if moment.tzinfo is None:
        raise Malformed(place, "mist de tijdzone (bijvoorbeeld +00:00)")
    return moment
