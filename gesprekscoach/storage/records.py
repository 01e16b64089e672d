"""Turns, analyses and reports as JSON, and back, checked field by field.

The store keeps every turn's analysis and the final report as JSON, and an
export file carries the same JSON to a trainer. Reading it back must rebuild
the exact ``Exchange`` and ``Report`` objects, so an old session's report
renders as it was given, without the scenario and without re-running the
analyser. Because an export file comes from outside, every field is checked
here; a wrong one raises :class:`Malformed` naming the field, never a
``KeyError`` deep in a renderer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from gesprekscoach.analysis.analyser import Segment, TurnAnalysis
from gesprekscoach.codebook import CODES, COMPETENTIES, FASEN
from gesprekscoach.conversation.arc import ArcStep, Sprong
from gesprekscoach.model import Exchange
from gesprekscoach.scoring.goal import GoalResult
from gesprekscoach.scoring.report import ArcReport, Pitfall, Report, RuleScore, to_dict


class Malformed(ValueError):
    """A JSON record does not have the shape we wrote; ``where`` says which field."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


# --------------------------------------------------------------------------- checked getters

_KIND_NAMES: dict[type, str] = {
    str: "tekst", int: "een geheel getal", float: "een getal", bool: "true of false",
    list: "een lijst", dict: "een object",
}


def _describe(kinds: tuple[type, ...], nullable: bool) -> str:
    names = list(dict.fromkeys(_KIND_NAMES[k] for k in kinds if not (k is int and float in kinds)))
    text = " of ".join(names)
    return f"{text} of null" if nullable else text


def get(obj: Mapping[str, Any], key: str, *kinds: type, where: str = "",
        nullable: bool = False) -> Any:
    """``obj[key]`` if it has one of ``kinds`` (null allowed when ``nullable``)."""
    place = f"{where}.{key}" if where else key
    if not isinstance(obj, Mapping):
        raise Malformed(where, "moet een object zijn")
    if key not in obj:
        raise Malformed(place, "ontbreekt")
    value = obj[key]
    if value is None and nullable:
        return None
    ok = any(
        isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool)
        for kind in kinds
    )
    if float in kinds and isinstance(value, float) and not math.isfinite(value):
        ok = False
    if not ok:
        raise Malformed(place, f"moet {_describe(kinds, nullable)} zijn")
    return value


def _strings(obj: Mapping[str, Any], key: str, where: str, allowed: tuple[str, ...] | None = None
             ) -> tuple[str, ...]:
    items = get(obj, key, list, where=where)
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise Malformed(f"{where}.{key}[{index}]", "moet tekst zijn")
        if allowed is not None and item not in allowed:
            raise Malformed(f"{where}.{key}[{index}]", f"onbekende waarde '{item}'")
    return tuple(items)


def _ints(obj: Mapping[str, Any], key: str, where: str) -> tuple[int, ...]:
    items = get(obj, key, list, where=where)
    for index, item in enumerate(items):
        if not isinstance(item, int) or isinstance(item, bool):
            raise Malformed(f"{where}.{key}[{index}]", "moet een geheel getal zijn")
    return tuple(items)


def _one_of(obj: Mapping[str, Any], key: str, allowed: tuple[str, ...], where: str,
            nullable: bool = False) -> str | None:
    value = get(obj, key, str, where=where, nullable=nullable)
    if value is not None and value not in allowed:
        raise Malformed(f"{where}.{key}", f"onbekende waarde '{value}'")
    return value


def objects(obj: Mapping[str, Any], key: str, where: str) -> list[tuple[str, Mapping[str, Any]]]:
    """``obj[key]`` as a list of objects, each with the place it stands, for messages."""
    items = get(obj, key, list, where=where)
    out: list[tuple[str, Mapping[str, Any]]] = []
    for index, item in enumerate(items):
        place = f"{where}.{key}[{index}]"
        if not isinstance(item, dict):
            raise Malformed(place, "moet een object zijn")
        out.append((place, item))
    return out


# --------------------------------------------------------------------------- analysis


def analysis_to_dict(analysis: TurnAnalysis) -> dict[str, Any]:
    """The analyser's own JSON view; it holds every field, so it round-trips."""
    return analysis.to_dict()


def analysis_from_dict(data: Mapping[str, Any], where: str = "analyse") -> TurnAnalysis:
    """The :class:`TurnAnalysis` that :meth:`TurnAnalysis.to_dict` wrote."""
    segments = []
    for place, seg in objects(data, "segmenten", where):
        segments.append(Segment(
            text=get(seg, "tekst", str, where=place),
            start=get(seg, "begin", int, where=place),
            end=get(seg, "eind", int, where=place),
            move=_one_of(seg, "code", CODES, place) or "",
            evidence=get(seg, "bewijs", str, where=place),
            reason=get(seg, "reden", str, where=place),
        ))
    return TurnAnalysis(
        text=get(data, "docent", str, where=where),
        segments=tuple(segments),
        codes=frozenset(_strings(data, "codes", where, CODES)),
        code=_one_of(data, "code", CODES, where) or "",
        fase=_one_of(data, "fase", FASEN, where, nullable=True),
        competentie=_one_of(data, "competentie", COMPETENTIES, where, nullable=True),
        tips=_strings(data, "tips", where),
        taken_up=_strings(data, "overgenomen", where),
    )


# --------------------------------------------------------------------------- exchange


def exchange_to_dict(exchange: Exchange) -> dict[str, Any]:
    """One turn for an export file (Dutch keys, like the rest of our JSON)."""
    return {
        "nr": exchange.turn,
        "docent": exchange.docent,
        "analyse": analysis_to_dict(exchange.analysis),
        "student": exchange.student,
        "boog": exchange.phase,
        "sprong": exchange.sprong,
        "openheid": exchange.openness,
        "laag": exchange.layer,
        **({"derde": exchange.third_party} if exchange.third_party else {}),
    }


def exchange_from_dict(data: Mapping[str, Any], where: str = "beurt") -> Exchange:
    """The :class:`Exchange` that :func:`exchange_to_dict` wrote."""
    turn = get(data, "nr", int, where=where)
    if turn < 1:
        raise Malformed(f"{where}.nr", "moet 1 of meer zijn")
    analysis = get(data, "analyse", dict, where=where)
    openness = get(data, "openheid", int, float, where=where, nullable=True)
    return Exchange(
        turn=turn,
        docent=get(data, "docent", str, where=where),
        analysis=analysis_from_dict(analysis, f"{where}.analyse"),
        student=get(data, "student", str, where=where),
        phase=_one_of(data, "boog", FASEN, where) or "",
        sprong=get(data, "sprong", bool, where=where),
        openness=None if openness is None else float(openness),
        layer=get(data, "laag", str, where=where, nullable=True),
        third_party=(get(data, "derde", str, where=where, nullable=True) or "")
        if "derde" in data else "",
    )


# --------------------------------------------------------------------------- report


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report's own JSON view (:func:`gesprekscoach.scoring.report.to_dict`)."""
    return to_dict(report)


def report_from_dict(data: Mapping[str, Any], where: str = "rapport") -> Report:
    """The :class:`Report` that :func:`report_to_dict` wrote (points rounded to 3 decimals)."""
    rules = []
    for place, r in objects(data, "regels", where):
        value = get(r, "waarde", int, float, where=place, nullable=True)
        rules.append(RuleScore(
            rule=get(r, "regel", str, where=place),
            number=get(r, "nummer", int, where=place),
            name=get(r, "naam", str, where=place),
            value=None if value is None else value,
            measured=get(r, "gemeten", str, where=place),
            verdict=_one_of(r, "oordeel", ("goed", "voldoende", "onvoldoende"), place) or "",
            points=float(get(r, "punten", int, float, where=place)),
            weight=float(get(r, "gewicht", int, float, where=place)),
            feedforward=get(r, "feedforward", str, where=place),
        ))
    arc = get(data, "boog", dict, where=where)
    arc_where = f"{where}.boog"
    sprongen = tuple(
        Sprong(get(s, "beurt", int, where=p), _one_of(s, "van", FASEN, p) or "",
               _one_of(s, "naar", FASEN, p) or "")
        for p, s in objects(arc, "sprongen", arc_where)
    )
    timeline = tuple(
        ArcStep(get(s, "beurt", int, where=p), _one_of(s, "fase", FASEN, p) or "",
                get(s, "sprong", bool, where=p))
        for p, s in objects(arc, "tijdlijn", arc_where)
    )
    pitfalls = tuple(
        Pitfall(
            key=get(p, "valkuil", str, where=place),
            name=get(p, "naam", str, where=place),
            turns=_ints(p, "beurten", place),
            severe=get(p, "ernstig", bool, where=place),
            what=get(p, "wat", str, where=place),
            why=get(p, "waarom", str, where=place),
            feedforward=_strings(p, "feedforward", place),
        )
        for place, p in objects(data, "valkuilen", where)
    )
    openness = get(data, "openheid", list, where=where)
    for index, value in enumerate(openness):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise Malformed(f"{where}.openheid[{index}]", "moet een getal zijn")
    score = get(data, "cijfer", int, where=where)
    if not 0 <= score <= 100:
        raise Malformed(f"{where}.cijfer", "moet tussen 0 en 100 liggen")
    return Report(
        score=score,
        uncapped=get(data, "cijfer_zonder_plafond", int, where=where),
        capped_by=_strings(data, "begrensd_door", where),
        turns=get(data, "beurten", int, where=where),
        rules=tuple(rules),
        arc=ArcReport(
            reached=_strings(arc, "bereikt", arc_where, FASEN),
            in_order=_strings(arc, "op_volgorde", arc_where, FASEN),
            sprongen=sprongen,
            timeline=timeline,
        ),
        competences=_strings(data, "competenties", where, COMPETENTIES),
        pitfalls=pitfalls,
        openness=tuple(float(v) for v in openness),
        scenario_doel=get(data, "doel", str, where=where, nullable=True),
        norms_source=get(data, "normen", str, where=where),
        goal=_goal(data, where),
        adjustments=_strings(data, "aanpassingen", where) if "aanpassingen" in data else (),
    )


def _goal(data: Mapping[str, Any], where: str) -> GoalResult | None:
    """``doel_bereikt``, which reports before issue 14 do not have."""
    goal = data.get("doel_bereikt") if isinstance(data, Mapping) else None
    if goal is None:
        return None
    place = f"{where}.doel_bereikt"
    if not isinstance(goal, dict):
        raise Malformed(place, "moet een object of null zijn")
    titles = goal.get("titels") or {}   # reports before the titles have none
    if not isinstance(titles, dict) or not all(isinstance(v, str) for v in titles.values()):
        raise Malformed(f"{place}.titels", "moet een object met teksten zijn")
    return GoalResult(_strings(goal, "lagen", place), _strings(goal, "bereikt", place),
                      get(goal, "diepste", str, where=place, nullable=True),
                      get(goal, "diepste_bereikt", bool, where=place),
                      tuple((str(k), v) for k, v in titles.items()))
