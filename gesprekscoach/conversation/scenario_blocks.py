"""Turning a scenario's node tree into a :class:`Scenario`, block by block:
unknown and missing keys, layers, their ``na:`` references and themes, the goal.
Every problem is collected on the way; none is raised."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gesprekscoach.codebook import COMPETENTIES
from gesprekscoach.conversation.scenario import LAYER_PHASES, OPENNESS_SCALE, Goal, Layer, Profile, Scenario
from gesprekscoach.conversation.scenario_keys import (
    GOAL_KEYS,
    LAYER_KEYS,
    REACTION_BLOCK,
    STUDENT_KEYS,
    TOP_KEYS,
    _dangling,
    _Keys,
    _unknown_key,
    _where,
    suggestion,
)
from gesprekscoach.conversation.scenario_parts import _Parts, all_given
from gesprekscoach.conversation.scenario_values import _NULL, _normal_name, _ValueReader
from gesprekscoach.yamlnodes import describe, position

_TRACKS: Final[tuple[str, ...]] = ("BOL", "BBL")
#: Keys that flatten_mapping rewrites ('<<' and '='); a block without them is left as it is.
_MERGE_TAGS: Final[frozenset[str]] = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})


class _Checker(_Parts, _ValueReader):
    """Turns a node tree into a Scenario, collecting every problem on the way."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        #: Every layer id written, also of layers with other mistakes, so a
        #: reference to them is not reported as dangling too.
        self.layer_ids: dict[str, Node] = {}
        #: (layer id or None, the id after ``na:``, its node) for every ``na:`` written.
        self.references_to: list[tuple[str | None, str, Node]] = []

    def scenario(self, root: Node, scenario_id: str) -> Scenario | None:
        if not isinstance(root, MappingNode):
            self.problem(root, "een scenario is een blok met sleutels ('titel:', 'student:', "
                               f"'lagen:', 'doel:'), niet {describe(root)}")
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
        character = self.character(fields["karakter"]) if "karakter" in fields else "meegaand"
        facts = self.facts(fields["feiten"]) if "feiten" in fields else ()
        third = self.third_party(fields["derde"]) if "derde" in fields else None
        if (title is None or student is None or tags is None or openness is None
                or concrete is None or layers is None or reactions is None or goal is None
                or character is None or facts is None or ("derde" in fields and third is None)):
            return None
        return Scenario(
            id=scenario_id, title=title, student=student, layers=tuple(layers.values()),
            goal=goal, tags=tags, openness=openness, concrete=concrete,
            reactions=MappingProxyType(reactions), path=self.path,
            facts=facts, character=character, third_party=third,
        )

    def fields(self, node: Node | None, where: str, keys: _Keys) -> dict[str, Node] | None:
        """The values of a block by key; unknown and missing keys are problems."""
        if node is None:
            return None
        if not isinstance(node, MappingNode):
            self.problem(node, f"{_where(where)} moet een blok met sleutels zijn, niet {describe(node)}")
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
        name = self.text(fields.get("naam"), "naam")
        age = self.integer(fields.get("leeftijd"), "leeftijd", 12, 80)
        course = self.text(fields.get("opleiding"), "opleiding")
        level = self.integer(fields.get("niveau"), "niveau", 1, 4, " (1 = entree)")
        track = self.choice(fields.get("leerweg"), "leerweg", _TRACKS, str.upper)
        situation = self.text(fields.get("situatie"), "situatie")
        year = self.integer(fields["leerjaar"], "leerjaar", 1, 6) if "leerjaar" in fields else 0
        if (name is None or age is None or course is None or level is None or track is None
                or situation is None or year is None):
            return None
        return Profile(name, age, course, level, track, situation, year or None)

    def layers(self, node: Node | None) -> dict[str, Layer] | None:
        """All layers by id, with references and themes resolved."""
        if node is None:
            return None
        if not isinstance(node, SequenceNode):
            self.problem(node, "'lagen' moet een lijst zijn: elke laag begint met '- id: …', "
                               f"niet {describe(node)}")
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
        if (layer_id is None or fase is None or depth is None or texts is None or words is None
                or theme is None or competentie is None or after is None or need is None):
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
        return all_given({key: self.texts(value, key) for key, value in fields.items()})

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


def _with_theme(layer: Layer, layers: Mapping[str, Layer]) -> Layer:
    """A layer without ``thema`` shares the theme of the layer it comes after (or is its own)."""
    current = layer
    while not current.theme and current.after is not None:
        current = layers[current.after]
    theme = current.theme or current.id
    return layer if layer.theme == theme else replace(layer, theme=theme)


def _layer_name(node: Node) -> str:
    """``laag 'schrik'`` when the layer has a readable id, else ``een laag``."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                if value.value.strip():
                    return f"laag '{value.value.strip()}'"
    return "een laag"
