"""The optional blocks of a scenario: ``karakter``, ``feiten`` and the trialoog's
``derde``. Read like the rest (every problem at its line, none raised); kept
apart from :mod:`scenario_blocks` so each stays one idea."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from yaml.nodes import Node, SequenceNode

from gesprekscoach.conversation.scenario import CHARACTERS, THIRD_PARTY_ROLES, Fact, ThirdParty
from gesprekscoach.conversation.scenario_keys import FACT_KEYS, THIRD_KEYS, THIRD_LINES
from gesprekscoach.conversation.scenario_values import _normal_name, _ValueReader
from gesprekscoach.yamlnodes import describe

if TYPE_CHECKING:
    from gesprekscoach.conversation.scenario_keys import _Keys

#: Words that show the docent speaks to the other adult, whoever they are.
POLITE_ADDRESS: tuple[str, ...] = ("u", "uw", "jullie")


class _Parts(_ValueReader):
    """Mixed into the checker: reads values like it, and needs its ``fields``."""

    if TYPE_CHECKING:  # the checker's own; declared so the blocks here type-check
        def fields(self, node: Node | None, where: str, keys: _Keys) -> dict[str, Node] | None: ...

    def character(self, node: Node) -> str | None:
        return self.choice(node, "karakter", CHARACTERS, _normal_name)

    def facts(self, node: Node) -> tuple[Fact, ...] | None:
        if not isinstance(node, SequenceNode):
            self.problem(node, "'feiten' moet een lijst zijn: elk feit begint met '- id: …', "
                               f"niet {describe(node)}")
            return None
        found: list[Fact | None] = []
        seen: set[str] = set()
        for item in node.value:
            fields = self.fields(item, "een feit", FACT_KEYS)
            if fields is None:
                found.append(None)
                continue
            fact_id = self.identifier(fields.get("id"), "id")
            if fact_id is not None and fact_id in seen:
                self.problem(fields["id"], f"feit-id '{fact_id}' komt twee keer voor; "
                                           "geef elk feit een eigen id")
                fact_id = None
            seen.add(fact_id or "")
            words = self.words(fields.get("woorden"))
            texts = self.texts(fields.get("antwoord"), "antwoord")
            if fact_id is None or words is None or texts is None:
                found.append(None)
                continue
            found.append(Fact(fact_id, words, texts))
        facts = tuple(f for f in found if f is not None)
        return None if len(facts) < len(found) else facts

    def third_party(self, node: Node) -> ThirdParty | None:
        fields = self.fields(node, "derde", THIRD_KEYS)
        if fields is None:
            return None
        role = self.choice(fields.get("rol"), "rol", THIRD_PARTY_ROLES, _normal_name)
        name = self.text(fields.get("naam"), "naam")
        description = self.text(fields["omschrijving"], "omschrijving") if "omschrijving" in fields else ""
        extra = self.words(fields["aanspreken"]) if "aanspreken" in fields else ()
        unasked = self.openness(fields["ongevraagd"], "ongevraagd") if "ongevraagd" in fields else 0.5
        lines = self._third_lines(fields.get("teksten"))
        if (role is None or name is None or description is None or extra is None
                or unasked is None or lines is None):
            return None
        address = tuple(dict.fromkeys(
            [w.lower() for w in name.split()] + [role] + list(extra) + list(POLITE_ADDRESS)))
        return ThirdParty(role, name, address, unasked, MappingProxyType(lines), description)

    def _third_lines(self, node: Node | None) -> dict[str, tuple[str, ...]] | None:
        if node is None:
            return None
        fields = self.fields(node, "teksten", THIRD_LINES)
        if fields is None:
            return None
        return all_given({key: self.texts(value, key) for key, value in fields.items()})


def all_given(found: dict[str, tuple[str, ...] | None]) -> dict[str, tuple[str, ...]] | None:
    """The texts by key, or None when any of them had a problem (already reported)."""
    given = {key: value for key, value in found.items() if value is not None}
    return given if len(given) == len(found) else None

