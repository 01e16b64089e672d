"""A trainer's corrections of a turn's coding, and notes on a turn or a session.

Why corrections are kept beside the analysis, never over it: the report is
recomputed with the trainer's code, but the analyser's own coding stays in
``turns``, so every view can say "gecorrigeerd door X, was Y", a correction
can be taken back, and the pairs (turn, trainer's code) are labelled data in
the codebook's corpus format (§6) to train the analyser on
(:func:`corpus_lines`). The corrected report's points replace the session's
``rule_scores``, so progress and the group table count the correction.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from gesprekscoach.codebook import CODES, VIOLATIONS, in_priority
from gesprekscoach.model import Exchange
from gesprekscoach.storage.paths import stamp
from gesprekscoach.storage.records import report_to_dict
from gesprekscoach.storage.schema import write_scores
from gesprekscoach.storage.sessions import StoredSession

if TYPE_CHECKING:
    from gesprekscoach.scoring.norms import Norms
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.storage.store import Store

#: Moves that serve no phase of the arc (codebook §3): a correction to one clears ``fase``.
NO_PHASE = VIOLATIONS | {"oordeel", "aanmoediging"}


@dataclass(frozen=True)
class Correction:
    """The trainer's coding of one turn, and the analyser's that it replaces."""

    turn: int
    code: str
    fase: str | None
    competentie: str | None
    by: str
    at: datetime
    was_code: str = ""
    was_fase: str | None = None
    was_competentie: str | None = None
    #: The turn's other moves by the trainer ("oordeel" with a "doorvraag" in it), in
    #: the codebook's order; the code is the first move by the priority rule.
    also: tuple[str, ...] = ()
    was_codes: frozenset[str] = frozenset()

    @property
    def codes(self) -> frozenset[str]:
        return frozenset({self.code, *self.also})

    def describe(self) -> str:
        """``gecorrigeerd door Els: was advies``, for every view of the turn."""
        from gesprekscoach.codebook import LABELS

        was = ([" + ".join(LABELS.get(c, c) for c in in_priority(self.was_codes or {self.was_code}))]
               if self.was_code != self.code or (self.was_codes and self.was_codes != self.codes)
               else [])
        if self.was_fase != self.fase:
            was.append(f"fase {LABELS.get(self.was_fase or '', self.was_fase or 'geen')}")
        if self.was_competentie != self.competentie:
            was.append(f"competentie {LABELS.get(self.was_competentie or '', self.was_competentie or 'geen')}")
        return f"gecorrigeerd door {self.by}: was {', '.join(was) or LABELS.get(self.code, self.code)}"


@dataclass(frozen=True)
class Note:
    """A trainer's note on a turn (``turn``) or on the whole session (``turn`` None)."""

    turn: int | None
    text: str
    by: str
    at: datetime


@dataclass(frozen=True)
class Reviewed:
    """A stored session as the trainer corrected it: what every view shows."""

    stored: StoredSession                 # exchanges with the corrected coding
    original: StoredSession               # as the analyser coded it
    corrections: Mapping[int, Correction]
    notes: tuple[Note, ...]

    def turn_notes(self, turn: int | None) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.turn == turn)


def save_correction(store: Store, session_id: str, turn: int, code: str, *,
                    fase: str | None, competentie: str | None, by: str,
                    at: datetime | None = None, also: Sequence[str] = ()) -> None:
    """Keep (or replace) the trainer's coding of one turn; ``also``: its other moves."""
    with store._transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO corrections (session_id, nr, code, fase, competentie, door, "
            "op, ook) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (session_id, turn, code, fase, competentie, by, stamp(at), _joined(also, code)))


def remove_correction(store: Store, session_id: str, turn: int) -> bool:
    """Take a correction back; False when the turn had none."""
    with store._transaction() as conn:
        cursor = conn.execute("DELETE FROM corrections WHERE session_id = ? AND nr = ?",
                              (session_id, turn))
        return cursor.rowcount > 0


def add_note(store: Store, session_id: str, turn: int | None, text: str, *, by: str,
             at: datetime | None = None) -> None:
    with store._transaction() as conn:
        conn.execute("INSERT INTO notes (session_id, nr, tekst, door, op) VALUES (?, ?, ?, ?, ?)",
                     (session_id, turn, text, by, stamp(at)))


def corrections_of(store: Store, session_id: str) -> dict[int, Correction]:
    with store._read() as conn:
        rows = conn.execute("SELECT nr, code, fase, competentie, door, op, ook FROM corrections "
                            "WHERE session_id = ? ORDER BY nr", (session_id,)).fetchall()
    return {r[0]: Correction(r[0], r[1], r[2], r[3], r[4], datetime.fromisoformat(r[5]),
                             also=_split(r[6], r[1])) for r in rows}


def _others(codes: Iterable[str], code: str) -> tuple[str, ...]:
    """A corrected turn's moves besides ``code``, known ones only, in priority order."""
    return tuple(c for c in in_priority(codes) if c != code and c in CODES)


def _joined(also: Iterable[str], code: str) -> str:
    """The ``ook`` column: the other moves, space-separated."""
    return " ".join(_others(also, code))


def _split(text: str | None, code: str) -> tuple[str, ...]:
    return _others((text or "").split(), code)


def notes_of(store: Store, session_id: str) -> tuple[Note, ...]:
    with store._read() as conn:
        rows = conn.execute("SELECT nr, tekst, door, op FROM notes WHERE session_id = ? "
                            "ORDER BY id", (session_id,)).fetchall()
    return tuple(Note(r[0], r[1], r[2], datetime.fromisoformat(r[3])) for r in rows)


def corrected_fase(code: str, fase: str | None, given: bool, original: str | None) -> str | None:
    """The phase of a corrected turn: as given, else none for a move that serves no phase,
    else the analyser's."""
    if given:
        return fase
    return None if code in NO_PHASE else original


def apply(exchanges: Sequence[Exchange], corrections: Mapping[int, Correction],
          layer_phases: Mapping[str, str] | None = None
          ) -> tuple[tuple[Exchange, ...], dict[int, Correction]]:
    """The exchanges with the trainer's coding; the corrections with what they replaced.
    ``layer_phases`` (layer id → fase of the scenario played) lets a corrected phase
    replay the arc as it was played; see :func:`rearc`."""
    out, filled = [], {}
    for ex in exchanges:
        fix = corrections.get(ex.turn)
        if fix is None:
            out.append(ex)
            continue
        a = ex.analysis
        filled[ex.turn] = dataclasses.replace(fix, was_code=a.code, was_fase=a.fase,
                                              was_competentie=a.competentie, was_codes=a.codes)
        analysis = dataclasses.replace(a, code=fix.code, codes=fix.codes,
                                       fase=fix.fase, competentie=fix.competentie)
        out.append(dataclasses.replace(ex, analysis=analysis))
    if any(fix.fase != fix.was_fase for fix in filled.values()):
        out = list(rearc(out, layer_phases))
    return tuple(out), filled


def rearc(exchanges: Sequence[Exchange], layer_phases: Mapping[str, str] | None = None
          ) -> tuple[Exchange, ...]:
    """The exchanges with the arc played again on their (corrected) phases.

    Why: a corrected phase changes where the arc went, so the sprongen and the
    phases reached must follow it, not the analyser's arc. What a simulated
    student told is the phase of the scenario layer it revealed (each turn keeps
    the layer's id), as in play; a real transcript, or a practice session whose
    scenario is gone, is read from the reply itself.
    """
    from gesprekscoach.analysis.told import told_phase
    from gesprekscoach.conversation.arc import Arc

    simulated = any(ex.openness is not None for ex in exchanges)
    arc = Arc(layers=simulated)
    out = []
    for ex in exchanges:
        step = arc.step(ex.analysis.fase)
        told: str | None
        if simulated and not ex.layer:
            told = None   # the simulated student revealed nothing this turn
        elif simulated and layer_phases and ex.layer and ex.layer in layer_phases:
            told = layer_phases[ex.layer]
        else:
            told = told_phase(ex.student) if ex.student.strip() else None
        arc.note_reply(told)
        out.append(dataclasses.replace(ex, phase=arc.phase, sprong=step.sprong))
    return tuple(out)


def _layer_phases(stored: StoredSession) -> dict[str, str]:
    """Layer id → fase in the scenario the session was played with; empty when that
    scenario is gone or changed (then :func:`rearc` reads the replies instead)."""
    from gesprekscoach.errors import UserError
    from gesprekscoach.storage.recording import find_scenario

    if not any(ex.layer for ex in stored.exchanges):
        return {}
    try:
        scenario = find_scenario(stored.info)
    except UserError:
        return {}
    return {layer.id: layer.fase for layer in scenario.layers}


def report_under(store: Store, session_id: str, norms: Norms) -> Report:
    """A stored session's report with the trainer's corrections, counted against ``norms``
    (``groep --normen``, ``voortgang --normen``); DamagedSession when it cannot be read."""
    return reviewed(store, store.load(session_id), norms).stored.report()


def reviewed(store: Store, stored: StoredSession, norms: Norms | None = None) -> Reviewed:
    """The session with its corrections applied, its report recomputed (if corrected, or
    against other ``norms``) and the trainer's notes on every view of it."""
    fixes = corrections_of(store, stored.info.id)
    notes = notes_of(store, stored.info.id)
    exchanges, filled = apply(stored.exchanges, fixes, _layer_phases(stored) if fixes else None)
    by_turn: dict[int, list[str]] = {}
    for note in notes:
        if note.turn is not None:
            by_turn.setdefault(note.turn, []).append(f"{note.by}: {note.text}")
    exchanges = tuple(
        dataclasses.replace(ex, correction=filled[ex.turn].describe() if ex.turn in filled
                            else None, notes=tuple(by_turn.get(ex.turn, ())))
        for ex in exchanges)
    review: list[tuple[str, str]] = []
    data = stored.report_data
    if filled or (norms is not None and stored.exchanges):
        data = recompute(stored, exchanges, norms)
    if filled:
        who = sorted({c.by for c in filled.values()})
        was = stored.report_data["cijfer"] if stored.report_data else None
        review.append(("Gecorrigeerd", f"{_turns(sorted(filled))} door {', '.join(who)}"
                       + (f"; cijfer van de analyser: {was}" if was is not None else "")))
    review += [(f"Notitie ({note.by})", note.text) for note in notes if note.turn is None]
    if not filled and not notes and data is stored.report_data:
        return Reviewed(stored, stored, {}, ())
    corrected = dataclasses.replace(stored, exchanges=exchanges, report_data=data,
                                    review=tuple(review))
    return Reviewed(corrected, stored, filled, notes)


def _turns(numbers: Sequence[int]) -> str:
    return ("beurt " if len(numbers) == 1 else "beurten ") + ", ".join(map(str, numbers))


def recompute(stored: StoredSession, exchanges: Sequence[Exchange],
              norms: Norms | None = None) -> dict[str, Any]:
    from gesprekscoach.conversation.scenario import Goal
    from gesprekscoach.scoring.report import build

    kept = (stored.report_data or {}).get("doel_bereikt")
    goal = None if not kept else Goal(tuple(kept["lagen"]), kept["diepste"])
    return report_to_dict(build(exchanges, norms, stored.info.scenario_doel, goal))


def rescore(store: Store, stored: StoredSession, norms: Norms | None = None) -> Reviewed:
    """After a correction: store the corrected points, so progress and the group count them.

    The report as first given stays in ``report_json``; only ``score`` and
    ``rule_scores`` follow the correction.
    """
    view = reviewed(store, stored, norms)
    if stored.info.status == "klaar" and view.stored.report_data is not None:
        with store._transaction() as conn:
            write_scores(conn, stored.info.id, view.stored.report_data)
    return view


def corpus_lines(items: Iterable[tuple[StoredSession, Mapping[int, Correction]]]) -> list[str]:
    """Every corrected turn as one corpus line (codebook §6), ids ``correctie-<sessie>-<nr>``."""
    lines = []
    for stored, fixes in items:
        previous = ""
        for ex in stored.exchanges:
            fix = fixes.get(ex.turn)
            if fix is not None:
                lines.append(json.dumps({
                    "id": f"correctie-{stored.info.short_id}-{ex.turn}", "student": previous,
                    "docent": ex.docent, "codes": list(in_priority(fix.codes)), "code": fix.code,
                    "fase": fix.fase, "competentie": fix.competentie,
                }, ensure_ascii=False))
            previous = ex.student
    return lines


def corrected_sessions(store: Store) -> list[str]:
    """The ids of sessions with at least one correction."""
    with store._read() as conn:
        return [r[0] for r in conn.execute(
            "SELECT DISTINCT c.session_id FROM corrections c JOIN sessions s ON s.id = "
            "c.session_id ORDER BY s.started_at")]


# --------------------------------------------------------------------------- in an export

def review_parts(store: Store, session_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per session, what a trainer added (hidden, corrections, notes) as an export carries it.

    Why in the export: a trainer who moves a group to another laptop must not
    lose the corrections (the report would count the analyser's code again)
    or the hidden flag (a hidden session would count again in ``groep``).
    """
    wanted = set(session_ids)
    out: dict[str, dict[str, Any]] = {}
    with store._read() as conn:
        hidden = {r[0] for r in conn.execute("SELECT id FROM sessions WHERE verborgen")}
        fixes = conn.execute("SELECT session_id, nr, code, fase, competentie, door, op, ook "
                             "FROM corrections ORDER BY session_id, nr").fetchall()
        notes = conn.execute("SELECT session_id, nr, tekst, door, op FROM notes "
                             "ORDER BY id").fetchall()
    for session_id in wanted & hidden:
        out.setdefault(session_id, {})["verborgen"] = True
    for sid, nr, code, fase, competentie, by, at, also in fixes:
        if sid in wanted:
            fix = {"beurt": nr, "code": code, "fase": fase, "competentie": competentie,
                   "door": by, "op": at}
            others = _split(also, code)
            if others:
                fix["ook"] = list(others)
            out.setdefault(sid, {}).setdefault("correcties", []).append(fix)
    for sid, nr, text, by, at in notes:
        if sid in wanted:
            out.setdefault(sid, {}).setdefault("notities", []).append(
                {"beurt": nr, "tekst": text, "door": by, "op": at})
    return out


def write_review(conn: Any, row: Mapping[str, Any], exchanges: Sequence[Exchange],
                 review: Mapping[str, Any]) -> None:
    """Restore an imported session's corrections and notes (checked by the export parser),
    and its corrected points, so the group counts what the trainer decided."""
    from gesprekscoach.conversation.scenario import Goal
    from gesprekscoach.scoring.report import build

    session_id = row["id"]
    fixes = review.get("correcties", [])
    conn.executemany(
        "INSERT OR REPLACE INTO corrections (session_id, nr, code, fase, competentie, door, op, "
        "ook) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(session_id, f["beurt"], f["code"], f["fase"], f["competentie"], f["door"], f["op"],
          _joined(f.get("ook", ()), f["code"])) for f in fixes])
    conn.executemany(
        "INSERT INTO notes (session_id, nr, tekst, door, op) VALUES (?, ?, ?, ?, ?)",
        [(session_id, n["beurt"], n["tekst"], n["door"], n["op"])
         for n in review.get("notities", [])])
    report = json.loads(row["report_json"]) if row.get("report_json") else None
    if not fixes or report is None or row.get("status") != "klaar":
        return
    corrected, _ = apply(exchanges, {
        f["beurt"]: Correction(f["beurt"], f["code"], f["fase"], f["competentie"], f["door"],
                               datetime.fromisoformat(f["op"]),
                               also=_others(f.get("ook", ()), f["code"]))
        for f in fixes})
    kept = report.get("doel_bereikt")
    goal = None if not kept else Goal(tuple(kept["lagen"]), kept["diepste"])
    write_scores(conn, session_id,
                 report_to_dict(build(corrected, None, row.get("scenario_doel"), goal)))
