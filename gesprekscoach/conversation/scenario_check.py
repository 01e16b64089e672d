"""Reading and checking a scenario file, with every mistake at its line and column.

A trainer writes scenarios by hand and should not need to read code, so the
checker finds *all* problems of a file at once and says in Dutch where each
one is and what to do (``bestand:regel:kolom: melding``). It works on the YAML
node tree from :mod:`yamlnodes`, which keeps positions and never constructs
Python objects. Nothing is printed here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Final, Iterable, Mapping

import yaml
from rapidfuzz import fuzz, process, utils
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gesprekscoach.codebook import COMPETENTIES
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.conversation.scenario import (
    LAYER_PHASES,
    OPENNESS_SCALE,
    REACTION_KEYS,
    SCENARIO_SUFFIXES,
    Goal,
    Layer,
    Profile,
    Scenario,
)
from gesprekscoach.conversation.transcript import MAX_PROBLEMS
from gesprekscoach.yamlnodes import SAFE_TAGS, at, no_cycle_collection, position, read

#: Keys of each block: required or not, and what it is for (used in "ontbreekt").
_Keys = Mapping[str, tuple[bool, str]]

TOP_KEYS: Final[_Keys] = {
    "titel": (True, "de titel die de docent in de lijst ziet"),
    "student": (True, "wie de student is: naam, leeftijd, opleiding, niveau, leerweg, situatie"),
    "tags": (False, "trefwoorden om scenario's te zoeken"),
    "openheid": (False, "hoe open de student begint"),
    "concreet": (False, "of vage vragen de student in verwarring brengen"),
    "lagen": (True, "wat de student kan vertellen, laag voor laag"),
    "reacties": (False, "eigen antwoorden op valkuilen, stilte en het onvoorziene"),
    "doel": (True, "welke lagen een goed gesprek bereikt"),
}
STUDENT_KEYS: Final[_Keys] = {
    "naam": (True, "de voornaam van de student"),
    "leeftijd": (True, "leeftijd in jaren"),
    "opleiding": (True, "de opleiding, bijvoorbeeld 'Verzorgende IG'"),
    "niveau": (True, "mbo-niveau 1 tot en met 4 (1 = entree)"),
    "leerjaar": (False, "het leerjaar"),
    "leerweg": (True, "BOL of BBL"),
    "situatie": (True, "wat de docent vooraf weet"),
}
LAYER_KEYS: Final[_Keys] = {
    "id": (True, "een korte naam om naar deze laag te verwijzen"),
    "fase": (True, "terugkijken, verbreden_verdiepen, vooruitkijken of in_beweging_zetten"),
    "diepte": (True, "1 (klein verhaal) tot en met 3 (diep)"),
    "tekst": (True, "wat de student zegt, één tekst of een lijst varianten"),
    "woorden": (True, "de woorden en thema's waarmee deze laag loskomt"),
    "thema": (False, "lagen met hetzelfde thema vormen één verhaal"),
    "competentie": (False, "de loopbaancompetentie waar deze laag over gaat"),
    "na": (False, "de id van de laag die eerst verteld moet zijn"),
    "openheid_nodig": (False, "hoe open de student minstens moet zijn"),
}
GOAL_KEYS: Final[_Keys] = {
    "lagen": (True, "de ids van de lagen die een goed gesprek bereikt"),
    "diepste": (False, "de id van de diepste laag die een goed gesprek bereikt"),
    "omschrijving": (False, "het doel in een zin, voor het verslag"),
}
REACTION_BLOCK: Final[_Keys] = {key: (False, "") for key in REACTION_KEYS}

_BLOCKS: Final[dict[str, _Keys]] = {
    "het scenario": TOP_KEYS, "student": STUDENT_KEYS, "een laag": LAYER_KEYS,
    "doel": GOAL_KEYS, "reacties": REACTION_BLOCK,
}
_ID = re.compile(r"^[\w-]+$")
_TRACKS: Final[tuple[str, ...]] = ("BOL", "BBL")
_YES: Final[frozenset[str]] = frozenset({"ja", "yes", "true", "waar", "aan"})
_NO: Final[frozenset[str]] = frozenset({"nee", "no", "false", "onwaar", "uit"})
_INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null"))
#: Keys that flatten_mapping rewrites ('<<' and '='); a block without them is left as it is.
_MERGE_TAGS: Final[frozenset[str]] = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})

EMPTY: Final[str] = (
    "het scenario is leeg; begin met 'titel:', 'student:', 'lagen:' en 'doel:' "
    "(een voorbeeld maak je met 'gesprekscoach scenario nieuw NAAM')"
)


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one file: all problems, and the scenario when there are none."""

    path: str
    problems: tuple[Problem, ...]
    scenario: Scenario | None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_scenario(path: str | Path) -> Checked:
    """Read and check one scenario file; every problem at once, nothing raised."""
    with no_cycle_collection():
        return _check(str(path))


def _check(name: str) -> Checked:
    document = read(name)
    if document.root is None:
        problems = document.problems or (Problem(EMPTY, name, 1, 1),)
        return Checked(name, problems, None)
    checker = _Checker(name)
    scenario = checker.scenario(document.root, Path(name).stem)
    problems = sorted(
        {*document.problems, *checker.problems},
        key=lambda p: (p.line or 0, p.column or 0, p.message),
    )
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [Problem(
            f"… en nog {rest} andere problemen; los eerst deze op", name)]
    return Checked(name, tuple(problems), None if problems else scenario)


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in ``path``, for play; UserError with all problems when it is not valid."""
    checked = check_scenario(path)
    if checked.scenario is None:
        raise UserError(*checked.problems)
    return checked.scenario


def scenario_files(paths: Iterable[str]) -> tuple[list[str], list[Problem]]:
    """The scenario files named by ``paths``: files as given, folders searched recursively.

    Also the problems with the paths themselves (missing, or a folder without
    scenarios), so a typo in a path is reported like any other mistake.
    """
    files: list[str] = []
    problems: list[Problem] = []
    for path in paths:
        if os.path.isdir(path):
            found = sorted(
                str(p) for p in Path(path).rglob("*")
                if p.suffix in SCENARIO_SUFFIXES and p.is_file()
            )
            if not found:
                problems.append(Problem("geen scenario's (*.yaml, *.yml) gevonden in deze map", path))
            files += found
        elif os.path.exists(path):
            files.append(path)
        else:
            problems.append(Problem("bestaat niet; controleer de naam en de map (typfout?)", path))
    return files, problems


def suggestion(word: str, options: Iterable[str]) -> str | None:
    """The option closest to a mistyped ``word``, if one is close enough."""
    found = process.extractOne(
        word, list(options), scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=60
    )
    return found[0] if found else None


class _Checker:
    """Turns a node tree into a Scenario, collecting every problem on the way."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        #: Every layer id written, also of layers with other mistakes, so a
        #: reference to them is not reported as dangling too.
        self.layer_ids: dict[str, Node] = {}
        #: (layer id or None, the id after ``na:``, its node) for every ``na:`` written.
        self.references_to: list[tuple[str | None, str, Node]] = []

    def problem(self, node: Node, message: str) -> None:
        if node.tag in SAFE_TAGS:  # a forbidden tag is reported once, by yamlnodes
            self.problems.append(at(node, self.path, message))

    # ------------------------------------------------------------- structure

    def scenario(self, root: Node, scenario_id: str) -> Scenario | None:
        if not isinstance(root, MappingNode):
            self.problem(root, "een scenario is een blok met sleutels ('titel:', 'student:', "
                               f"'lagen:', 'doel:'), niet {_kind(root)}")
            return None
        fields = self.fields(root, "het scenario", TOP_KEYS)
        if not fields:
            return None
        title = self.text(fields.get("titel"), "titel")
        student = self.profile(fields.get("student"))
        tags = self.texts(fields["tags"], "tags", allow_empty=True) if "tags" in fields else ()
        openness = (self.openness(fields["openheid"], "openheid")
                    if "openheid" in fields else OPENNESS_SCALE["gemiddeld"])
        concrete = self.boolean(fields["concreet"], "concreet") if "concreet" in fields else False
        layers = self.layers(fields.get("lagen"))
        reactions = self.reactions(fields["reacties"]) if "reacties" in fields else {}
        goal = self.goal(fields.get("doel"))
        parts = (title, student, tags, openness, concrete, layers, reactions, goal)
        if any(part is None for part in parts):
            return None
        return Scenario(
            id=scenario_id, title=title, student=student, layers=tuple(layers.values()),
            goal=goal, tags=tags, openness=openness, concrete=concrete,
            reactions=MappingProxyType(reactions), path=self.path,
        )

    def fields(self, node: Node | None, where: str, keys: _Keys) -> dict[str, Node] | None:
        """The values of a block by key; unknown and missing keys are problems."""
        if node is None:
            return None
        if not isinstance(node, MappingNode):
            self.problem(node, f"{_where(where)} moet een blok met sleutels zijn, niet {_kind(node)}")
            return None
        if any(key.tag in _MERGE_TAGS for key, _ in node.value):
            yaml.constructor.SafeConstructor().flatten_mapping(node)  # '<<: *anker' as safe_load does
        found: dict[str, Node] = {}
        meant: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag == _NULL:
                self.problem(key, "een sleutel moet een woord zijn, zoals 'naam:'")
                continue
            name = key.value
            if name not in keys:
                guess = suggestion(name, keys)
                self.problem(key, _unknown_key(name, where, keys, guess))
                meant.add(guess or "")
                continue
            found[name] = value  # after a merge the block's own value comes last and wins
        for name, (required, meaning) in keys.items():
            if required and name not in found and name not in meant:
                self.problem(node, f"'{name}' ontbreekt in {_where(where)} ({meaning})")
        return found

    def profile(self, node: Node | None) -> Profile | None:
        fields = self.fields(node, "student", STUDENT_KEYS)
        if fields is None:
            return None
        values = (
            self.text(fields.get("naam"), "naam"),
            self.integer(fields.get("leeftijd"), "leeftijd", 12, 80),
            self.text(fields.get("opleiding"), "opleiding"),
            self.integer(fields.get("niveau"), "niveau", 1, 4, " (1 = entree)"),
            self.choice(fields.get("leerweg"), "leerweg", _TRACKS, str.upper),
            self.text(fields.get("situatie"), "situatie"),
        )
        year = self.integer(fields["leerjaar"], "leerjaar", 1, 6) if "leerjaar" in fields else 0
        if any(v is None for v in values) or year is None:
            return None
        name, age, course, level, track, situation = values
        return Profile(name, age, course, level, track, situation, year or None)

    def layers(self, node: Node | None) -> dict[str, Layer] | None:
        """All layers by id, with references and themes resolved."""
        if node is None:
            return None
        if not isinstance(node, SequenceNode):
            self.problem(node, "'lagen' moet een lijst zijn: elke laag begint met '- id: …', "
                               f"niet {_kind(node)}")
            return None
        if not node.value:
            self.problem(node, "'lagen' is leeg; geef minstens het kleine verhaal "
                               "(fase terugkijken, diepte 1)")
            return None
        found = [self.layer(item) for item in node.value]
        layers = {layer.id: layer for layer in found if layer is not None}
        if not self.references() or len(layers) < len(found):
            return None
        if not self.no_loops(layers):
            return None
        if not any(l.fase == "terugkijken" and l.depth == 1 for l in layers.values()):
            self.problem(node, "er is geen klein verhaal: geef minstens één laag met "
                               "'fase: terugkijken' en 'diepte: 1'")
            return None
        return {layer_id: _with_theme(layer, layers) for layer_id, layer in layers.items()}

    def layer(self, node: Node) -> Layer | None:
        fields = self.fields(node, _layer_name(node), LAYER_KEYS)
        if fields is None:
            return None
        layer_id = self.identifier(fields.get("id"), "id")
        if layer_id is not None and layer_id in self.layer_ids:
            line, _ = position(self.layer_ids[layer_id])
            self.problem(fields["id"], f"laag-id '{layer_id}' komt twee keer voor (eerder op regel "
                                       f"{line}); geef elke laag een eigen id")
            layer_id = None
        elif layer_id is not None:
            self.layer_ids[layer_id] = fields["id"]
        fase = self.choice(fields.get("fase"), "fase", LAYER_PHASES, _normal_name)
        depth = self.integer(fields.get("diepte"), "diepte", 1, 3)
        texts = self.texts(fields.get("tekst"), "tekst")
        words = self.words(fields.get("woorden"))
        theme = self.text(fields["thema"], "thema") if "thema" in fields else ""
        competentie = (self.choice(fields["competentie"], "competentie", COMPETENTIES, _normal_name)
                       if "competentie" in fields else "")
        after = self.identifier(fields["na"], "na") if "na" in fields else ""
        if after:
            self.references_to.append((layer_id, after, fields["na"]))
        need = (self.openness(fields["openheid_nodig"], "openheid_nodig")
                if "openheid_nodig" in fields else -1.0)
        values = (layer_id, fase, depth, texts, words, theme, competentie, after, need)
        if any(v is None for v in values):
            return None
        return Layer(
            id=layer_id, fase=fase, depth=depth, texts=texts, words=words, theme=theme,
            competentie=competentie or None, after=after or None,
            min_openness=None if need < 0 else need,
        )

    def references(self) -> bool:
        """Every ``na:`` names another layer that was written."""
        ok = True
        for layer_id, after, node in self.references_to:
            if after == layer_id:
                self.problem(node, f"laag '{layer_id}' kan niet na zichzelf komen; "
                                   "verwijs naar een andere laag of haal 'na:' weg")
                ok = False
            elif after not in self.layer_ids:
                self.problem(node, _dangling("na", after, self.layer_ids))
                ok = False
        return ok

    def no_loops(self, layers: Mapping[str, Layer]) -> bool:
        """Following ``na:`` from any layer ends at a layer without one."""
        for layer in layers.values():
            seen = {layer.id}
            current = layer.after
            while current is not None and current not in seen:
                seen.add(current)
                current = layers[current].after
            if current is not None:
                node = next(n for i, _, n in self.references_to if i == layer.id)
                self.problem(node, f"de 'na:'-verwijzingen vanaf laag '{layer.id}' draaien "
                                   "in een kringetje; één laag moet zonder 'na:' beginnen")
                return False
        return True

    def reactions(self, node: Node) -> dict[str, tuple[str, ...]] | None:
        fields = self.fields(node, "reacties", REACTION_BLOCK)
        if fields is None:
            return None
        found = {key: self.texts(value, key) for key, value in fields.items()}
        return None if any(v is None for v in found.values()) else found

    def goal(self, node: Node | None) -> Goal | None:
        fields = self.fields(node, "doel", GOAL_KEYS)
        if fields is None:
            return None
        ids = self.identifiers(fields.get("lagen"), "lagen")
        deepest = self.identifier(fields["diepste"], "diepste") if "diepste" in fields else ""
        description = self.text(fields["omschrijving"], "omschrijving") if "omschrijving" in fields else ""
        if ids is None or deepest is None or description is None:
            return None
        if not self.layer_ids:
            return None  # without layers every reference would dangle; 'lagen' is reported
        ok = True
        for layer_id, id_node in ids:
            if layer_id not in self.layer_ids:
                self.problem(id_node, _dangling("doel", layer_id, self.layer_ids))
                ok = False
        if deepest and deepest not in self.layer_ids:
            self.problem(fields["diepste"], _dangling("diepste", deepest, self.layer_ids))
            ok = False
        if not ok:
            return None
        return Goal(tuple(i for i, _ in ids), deepest or None, description)

    # ---------------------------------------------------------------- values

    def text(self, node: Node | None, key: str) -> str | None:
        """A non-empty text; any scalar counts as written (``titel: 1984`` is text)."""
        if node is None:
            return None
        if not isinstance(node, ScalarNode):
            self.problem(node, f"'{key}' moet een tekst zijn, niet {_kind(node)}")
            return None
        if node.tag == _NULL or not node.value.strip():
            self.problem(node, f"'{key}' is leeg; vul een tekst in")
            return None
        return node.value.strip()

    def texts(self, node: Node | None, key: str, *, allow_empty: bool = False) -> tuple[str, ...] | None:
        """One text or a list of texts (variants)."""
        if node is None:
            return None
        if isinstance(node, ScalarNode) and not (allow_empty and node.tag == _NULL):
            text = self.text(node, key)
            return None if text is None else (text,)
        if isinstance(node, ScalarNode):
            return ()
        if not isinstance(node, SequenceNode):
            self.problem(node, f"'{key}' moet een tekst of een lijst teksten zijn, niet {_kind(node)}")
            return None
        if not node.value and not allow_empty:
            self.problem(node, f"'{key}' is een lege lijst; geef minstens één tekst")
            return None
        found = [self.text(item, key) for item in node.value]
        return None if any(t is None for t in found) else tuple(found)

    def words(self, node: Node | None) -> tuple[str, ...] | None:
        """A list of words; a single text is split on commas, as people type them."""
        if isinstance(node, ScalarNode) and node.tag != _NULL:
            words = tuple(w.strip() for w in node.value.split(",") if w.strip())
            if words:
                return words
        return self.texts(node, "woorden")

    def identifier(self, node: Node | None, key: str) -> str | None:
        text = self.text(node, key)
        if text is None:
            return None
        if not _ID.match(text):
            self.problem(node, f"'{key}' moet een id zijn van letters, cijfers, '-' en '_' "
                               f"zonder spaties, niet '{text}'")
            return None
        return text

    def identifiers(self, node: Node | None, key: str) -> list[tuple[str, Node]] | None:
        if node is None:
            return None
        items = node.value if isinstance(node, SequenceNode) else [node]
        if isinstance(node, MappingNode) or not items:
            self.problem(node, f"'{key}' moet een lijst laag-ids zijn, zoals [incident, schuld]")
            return None
        found = [(self.identifier(item, key), item) for item in items]
        return None if any(i is None for i, _ in found) else found

    def integer(self, node: Node | None, key: str, low: int, high: int, hint: str = "") -> int | None:
        if node is None:
            return None
        value = _scalar(node)
        if node.tag != _INT or isinstance(value, bool):
            self.problem(node, f"'{key}' moet een geheel getal van {low} tot en met {high} zijn"
                               f"{hint}, niet {_shown(node)}")
            return None
        if not low <= value <= high:
            self.problem(node, f"'{key}' moet tussen {low} en {high} liggen{hint}, niet {value}")
            return None
        return value

    def openness(self, node: Node, key: str) -> float | None:
        """A number from 0 to 1, or a name from the openness scale."""
        names = ", ".join(OPENNESS_SCALE)
        if isinstance(node, ScalarNode) and node.tag in (_INT, _FLOAT):
            value = _scalar(node)
            if 0 <= value <= 1:
                return float(value)
            self.problem(node, f"'{key}' moet tussen 0 en 1 liggen, niet {node.value}")
            return None
        if isinstance(node, ScalarNode) and node.tag != _NULL:
            name = _normal_name(node.value)
            if name in OPENNESS_SCALE:
                return OPENNESS_SCALE[name]
            if re.fullmatch(r"\d+,\d+", node.value.strip()):
                self.problem(node, f"'{key}': schrijf een getal met een punt, "
                                   f"{node.value.strip().replace(',', '.')}, niet met een komma")
                return None
            guess = suggestion(name, OPENNESS_SCALE)
            hint = f"bedoelde je '{guess}'? " if guess else ""
            self.problem(node, f"'{key}' moet een getal van 0 tot 1 zijn of een van: {names}; "
                               f"{hint}niet '{node.value}'")
            return None
        self.problem(node, f"'{key}' moet een getal van 0 tot 1 zijn of een van: {names}; "
                           f"niet {_kind(node)}")
        return None

    def boolean(self, node: Node, key: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return bool(_scalar(node))
        if isinstance(node, ScalarNode) and node.value.strip().lower() in _YES | _NO:
            return node.value.strip().lower() in _YES
        self.problem(node, f"'{key}' moet 'ja' of 'nee' zijn, niet {_shown(node)}")
        return None

    def choice(self, node: Node | None, key: str, options: tuple[str, ...], normal) -> str | None:
        text = self.text(node, key)
        if text is None:
            return None
        value = normal(text)
        if value in options:
            return value
        guess = suggestion(value, options)
        hint = f"bedoelde je '{guess}'? " if guess else ""
        self.problem(node, f"onbekende {key} '{text}'; {hint}kies uit: {', '.join(options)}")
        return None


def _with_theme(layer: Layer, layers: Mapping[str, Layer]) -> Layer:
    """A layer without ``thema`` shares the theme of the layer it comes after (or is its own)."""
    current = layer
    while not current.theme and current.after is not None:
        current = layers[current.after]
    theme = current.theme or current.id
    return layer if layer.theme == theme else replace(layer, theme=theme)


def _unknown_key(name: str, where: str, keys: _Keys, guess: str | None) -> str:
    if guess:
        return f"onbekende sleutel '{name}' in {_where(where)}; bedoelde je '{guess}'?"
    home = next((block for block, other in _BLOCKS.items() if other is not keys and name in other), None)
    if home:
        return f"sleutel '{name}' hoort niet in {_where(where)} maar in {_where(home)}"
    return f"onbekende sleutel '{name}' in {_where(where)}; mogelijk zijn: {', '.join(keys)}"


def _dangling(key: str, target: str, layers: Mapping[str, object]) -> str:
    guess = suggestion(target, layers)
    hint = f"; bedoelde je '{guess}'?" if guess else f"; bestaande lagen: {', '.join(layers)}"
    return f"'{key}' verwijst naar laag '{target}', maar die bestaat niet{hint}"


def _layer_name(node: Node) -> str:
    """``laag 'schrik'`` when the layer has a readable id, else ``een laag``."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                if value.value.strip():
                    return f"laag '{value.value.strip()}'"
    return "een laag"


def _where(block: str) -> str:
    return block if block.startswith(("het ", "een ", "laag ")) else f"'{block}'"


def _normal_name(text: str) -> str:
    """``Verbreden verdiepen`` and ``in-beweging-zetten`` as the codebook spells them."""
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def _scalar(node: ScalarNode) -> object:
    """The Python value of a scalar by safe_load's rules."""
    return yaml.constructor.SafeConstructor().construct_object(node)


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "een blok met sleutels"
    if isinstance(node, SequenceNode):
        return "een lijst"
    if node.tag == _NULL:
        return "leeg"
    return _shown(node)


def _shown(node: Node) -> str:
    if not isinstance(node, ScalarNode):
        return _kind(node)
    if node.tag == _NULL:
        return "leeg"
    return f"'{node.value}'"
