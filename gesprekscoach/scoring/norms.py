"""Scoring norms for the session report, read from YAML a trainer may edit.

The packaged ``data/normen.yaml`` holds the defaults (gespreksmodel.md's
norms table). A trainer's own file overrides any part of it; every key and
value is checked against ``_SCHEMA`` on the node tree that
:mod:`gesprekscoach.trainerfile` reads, so a mistake is
reported at its line and column in Dutch instead of surfacing as a wrong
score.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

import yaml
from yaml.constructor import SafeConstructor

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.textfile import read_text
from gesprekscoach.trainerfile import packaged, parse
from gesprekscoach.yamlnodes import compose, walk

#: The nine dialogue rules (codebook §5) in their order, by their YAML key.
RULES: Final[tuple[str, ...]] = (
    "niet_informeren_of_adviseren",
    "open_vragen",
    "doorvragen",
    "samenvatten",
    "een_vraag_tegelijk",
    "niet_oordelen",
    "student_aan_het_woord",
    "boog",
    "loopbaancompetenties",
)

#: Rules where fewer is better: the norms are maxima, onvoldoende gives 0 points.
MAXIMUM_RULES: Final[frozenset[str]] = frozenset(
    {"niet_informeren_of_adviseren", "een_vraag_tegelijk", "niet_oordelen"}
)

#: The pitfalls (valkuilen) the report names, by their YAML key.
PITFALLS: Final[tuple[str, ...]] = (
    "adviseur",
    "informeerder",
    "gesloten_vragensteller",
    "vooruitspringer",
    "stapelaar",
    "oordelaar",
    "over_de_student",
    "overnemer",
)


@dataclass(frozen=True)
class _Kind:
    """What a value must be, and how to say so in Dutch."""

    describe: str
    tags: frozenset[str]
    low: float | None = None
    high: float | None = None

    def problem(self, value: Any) -> str | None:
        if isinstance(value, bool) != ("bool" in self.tags):
            return self.describe
        if not isinstance(value, (int, float)):
            return self.describe
        if "float" not in self.tags and not isinstance(value, int):
            return self.describe
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            return self.describe
        return None


_INT, _FLOAT, _BOOL = "int", "float", "bool"
SHARE = _Kind("een getal tussen 0 en 1 (0.5 = 50 %)", frozenset({_INT, _FLOAT}), 0, 1)
COUNT = _Kind("een geheel getal van 0 of meer", frozenset({_INT}), 0)
WEIGHT = _Kind("een getal van 0 of meer", frozenset({_INT, _FLOAT}), 0)
CAP = _Kind("een geheel getal van 0 tot en met 100", frozenset({_INT}), 0, 100)
FLAG = _Kind("true of false", frozenset({_BOOL}))


def _rule(kind: _Kind, *, goed: bool = True) -> dict[str, _Kind]:
    return {"gewicht": WEIGHT, "voldoende": kind, **({"goed": kind} if goed else {})}


_PITFALL: Final[dict[str, _Kind]] = {
    "gevonden_vanaf": COUNT,
    "gevonden_vanaf_aandeel": SHARE,
    "ernstig_vanaf_aandeel": SHARE,
    "plafond": CAP,
    "plafond_bij_alles": CAP,
    "aftrek": CAP,
}

#: Every key a norms file may hold, and the kind of its value.
_SCHEMA: Final[dict[str, Any]] = {
    "punten": {"goed": SHARE, "voldoende": SHARE, "naar_rato": FLAG},
    "regels": {
        "niet_informeren_of_adviseren": _rule(COUNT),
        "open_vragen": _rule(SHARE),
        "doorvragen": _rule(SHARE),
        "samenvatten": _rule(COUNT, goed=False),
        "een_vraag_tegelijk": _rule(COUNT),
        "niet_oordelen": _rule(COUNT),
        "student_aan_het_woord": _rule(SHARE),
        "boog": _rule(_Kind("een geheel getal van 0 tot en met 4", frozenset({_INT}), 0, 4)),
        "loopbaancompetenties": _rule(
            _Kind("een geheel getal van 0 tot en met 5", frozenset({_INT}), 0, 5)
        ),
    },
    "kort_gesprek": {"minimaal_beurten": COUNT},
    "valkuilen": {
        **{name: _PITFALL for name in PITFALLS},
        "vooruitspringer": {**_PITFALL, "verkend_na_beurten": COUNT},
    },
}


@dataclass(frozen=True)
class RuleNorm:
    """Thresholds and weight of one dialogue rule."""

    weight: float
    voldoende: float
    goed: float | None  # None: the rule's goed is not a number (samenvatten)


@dataclass(frozen=True)
class PitfallNorm:
    """When a pitfall is named, when it is severe, and the score cap then."""

    found_from: int
    found_share: float
    severe_share: float
    cap: int
    #: Vooruitspringer only: verbreden turns after which a sprong is no longer blind.
    explored_turns: int = 0
    #: The cap when every turn shows the pitfall; between, the cap falls pro rata.
    floor_cap: int | None = None
    #: Points off the score for a pitfall that is named but not severe.
    penalty: int = 0

    def cap_at(self, share: float) -> int:
        """The cap for a severe pitfall with this share: ``cap`` at the severe threshold,
        falling pro rata to ``floor_cap`` when the whole conversation is this pitfall."""
        if self.floor_cap is None or self.severe_share >= 1:
            return self.cap
        fraction = min(1.0, max(0.0, (share - self.severe_share) / (1 - self.severe_share)))
        return round(self.cap - (self.cap - self.floor_cap) * fraction)


@dataclass(frozen=True)
class Norms:
    """All the numbers the report scores against."""

    points_goed: float
    points_voldoende: float
    pro_rata: bool
    rules: Mapping[str, RuleNorm]
    pitfalls: Mapping[str, PitfallNorm]
    source: str = ""
    #: Fewer docent turns than this make the score pro rata lower (0: off).
    min_turns: int = 0


#: A norms file is a page of settings; anything larger is a mistake.
NORMS_MAX_BYTES = 256 * 1024


def load_norms(path: str | Path | None = None) -> Norms:
    """The default norms, overridden by a trainer's file when ``path`` is given.

    Raises ``UserError`` with every problem found, each at its line.
    """
    data = _defaults()
    if path is None:
        return _to_norms(data, "normen.yaml")
    # An empty file is refused (a half save, the wrong file); one with only comments
    # ("# niets aangepast") is a trainer's choice for the defaults.
    text = read_text(str(path), max_bytes=NORMS_MAX_BYTES, empty=EMPTY_NORMS)
    return _to_norms(_merge(data, parse_norms(text, str(path))), str(path))


#: What an empty norms file is told: a trainer who passes one expects their norms to count.
EMPTY_NORMS = ("dit normenbestand is leeg, dus er zijn geen eigen normen om te gebruiken. Zet "
               "er de normen in die je wilt aanpassen ('gesprekscoach normen --voorbeeld' geeft "
               "een bestand om mee te beginnen), of laat --normen weg")


def parse_norms(text: str, path: str = "") -> dict[str, Any]:
    """Check a trainer's norms text; the values it sets if it is sound.

    Raises ``UserError`` with every problem found, each at its line, in the
    order of the file: a duplicate key, a wrong value and a goed below its
    voldoende are told together, as ``controleer`` tells a scenario's.
    """
    root, values, problems = _parse(text, path)
    if root is not None:
        _check_order(root, _merge(_defaults(), values), path, problems)
    if problems:
        unique: dict[tuple[int | None, int | None], Problem] = {}
        for problem in problems:  # one message per place (a duplicate key is found twice)
            unique.setdefault((problem.line, problem.column), problem)
        raise UserError(*sorted(unique.values(), key=lambda p: (p.line or 0, p.column or 0)))
    return values


def _parse(text: str, path: str) -> tuple[yaml.Node | None, dict[str, Any], list[Problem]]:
    """The YAML tree, the sound values it holds and every problem found.

    Syntax that does not parse stops here (there is no tree to check); a
    duplicate key does not: the rest of the file is still checked.
    """
    document = compose(text, path)
    safe = document.root is not None and all(
        node.tag in SafeConstructor.yaml_constructors for node in walk(document.root))
    if not (document.problems and safe):
        root = parse(text, path).root  # syntax, tags, alias bombs: a UserError at the line
        problems: list[Problem] = []
    else:  # only duplicate keys: told with the rest
        root, problems = document.root, list(document.problems)
    if root is None:
        return None, {}, problems
    values = _check(root, _SCHEMA, (), path, problems)
    return root, values, problems


@cache
def _defaults() -> dict[str, Any]:
    """The packaged norms; a packaging mistake fails loudly here."""
    path = str(packaged("normen.yaml"))
    root, values, problems = _parse(read_text(path, max_bytes=NORMS_MAX_BYTES, empty=None), path)
    if root is not None:
        _check_order(root, values, path, problems)
    if problems:
        raise UserError(*problems)
    return values


def _where(node: yaml.Node, path: str, message: str) -> Problem:
    return Problem(message, path, node.start_mark.line + 1, node.start_mark.column + 1)


#: What :func:`_check` gives for a value it reported as wrong: left out of the values.
_WRONG: Final = object()


def _check(
    node: yaml.Node, schema: Any, keys: tuple[str, ...], path: str, problems: list[Problem]
) -> Any:
    """The value of ``node`` if it fits ``schema``; problems are appended, not raised."""
    name = ".".join(keys)
    if isinstance(schema, _Kind):
        if not isinstance(node, yaml.ScalarNode):
            problems.append(_where(node, path, f"'{name}' moet {schema.describe} zijn"))
            return _WRONG
        value = SafeConstructor().construct_object(node)
        if schema.problem(value) is not None:
            problems.append(_where(
                node, path, f"'{name}' moet {schema.describe} zijn, niet '{node.value}'"))
            return _WRONG
        return value
    if not isinstance(node, yaml.MappingNode):
        what = f"'{name}'" if name else "het bestand"
        problems.append(_where(node, path, f"{what} moet sleutels met waarden bevatten"))
        return {}
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in schema:
            known = sorted(schema)
            guess = difflib.get_close_matches(key, known, n=1)
            hint = f"; bedoel je '{guess[0]}'?" if guess else f"; bekend zijn: {', '.join(known)}"
            inside = f" in '{name}'" if name else ""
            problems.append(_where(key_node, path, f"onbekende sleutel '{key}'{inside}{hint}"))
            continue
        if key in values:
            problems.append(_where(key_node, path, f"sleutel '{key}' staat er twee keer"))
            continue
        value = _check(value_node, schema[key], (*keys, key), path, problems)
        if value is not _WRONG:  # a wrong value is told; the rest is checked with the default
            values[key] = value
    return values


def _check_order(
    root: yaml.Node, merged: dict[str, Any], path: str, problems: list[Problem]
) -> None:
    """Goed must be at least as strict as voldoende, and some rule must count."""
    for rule, norm in merged["regels"].items():
        if "goed" not in norm:
            continue
        wrong = norm["goed"] > norm["voldoende"] if rule in MAXIMUM_RULES else (
            norm["goed"] < norm["voldoende"])
        if wrong:
            node = _find(root, ("regels", rule, "goed")) or _find(root, ("regels", rule)) or root
            word = "hoger" if rule in MAXIMUM_RULES else "lager"
            problems.append(_where(
                node, path, f"'regels.{rule}.goed' is {word} dan voldoende: "
                "goed moet minstens zo streng zijn als voldoende"))
    if not any(norm["gewicht"] > 0 for norm in merged["regels"].values()):
        problems.append(_where(
            _find(root, ("regels",)) or root, path,
            "alle gewichten zijn 0: minstens één regel moet meetellen"))
    if merged["punten"]["goed"] < merged["punten"]["voldoende"]:
        problems.append(_where(
            _find(root, ("punten",)) or root, path,
            "'punten.goed' moet minstens zo hoog zijn als 'punten.voldoende'"))


def _find(node: yaml.Node, keys: tuple[str, ...]) -> yaml.Node | None:
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        found = next((v for k, v in node.value if k.value == key), None)
        if found is None:
            return None
        node = found
    return node


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), Mapping):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged


def _to_norms(data: Mapping[str, Any], source: str) -> Norms:
    points = data["punten"]
    return Norms(
        points_goed=float(points["goed"]),
        points_voldoende=float(points["voldoende"]),
        pro_rata=bool(points["naar_rato"]),
        rules={
            rule: RuleNorm(
                float(data["regels"][rule]["gewicht"]),
                float(data["regels"][rule]["voldoende"]),
                float(data["regels"][rule]["goed"]) if "goed" in data["regels"][rule] else None,
            )
            for rule in RULES
        },
        pitfalls={
            name: PitfallNorm(
                int(data["valkuilen"][name]["gevonden_vanaf"]),
                float(data["valkuilen"][name]["gevonden_vanaf_aandeel"]),
                float(data["valkuilen"][name]["ernstig_vanaf_aandeel"]),
                int(data["valkuilen"][name]["plafond"]),
                int(data["valkuilen"][name].get("verkend_na_beurten", 0)),
                _optional_int(data["valkuilen"][name].get("plafond_bij_alles")),
                int(data["valkuilen"][name].get("aftrek", 0)),
            )
            for name in PITFALLS
        },
        source=source,
        min_turns=int(data.get("kort_gesprek", {}).get("minimaal_beurten", 0)),
    )


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)
