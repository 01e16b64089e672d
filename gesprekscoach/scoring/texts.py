"""The report's Dutch texts (``data/feedforward.yaml``), which trainers rewrite.

Every text the report needs is checked before the first report, with the
``{naam}``s the report fills in: a missing valkuil or a ``{waarde`` without
its brace is told at its line when the program starts, not as a traceback
when a docent asks for the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, Final

from gesprekscoach.codebook import COMPETENTIES
from gesprekscoach.scoring.norms import PITFALLS, RULES
from gesprekscoach.trainerfile import Block, ListOf, Number, Table, Text, load, packaged

#: Per rule, what its texts may fill in besides {waarde}; and the rules that
#: have a text for a conversation without questions or words ("geen").
_EXTRA: Final[dict[str, frozenset[str]]] = {
    "samenvatten": frozenset({"ontbreekt"}),
    "loopbaancompetenties": frozenset({"ontbreekt", "voorbeeld"}),
}
_WITH_NONE: Final[frozenset[str]] = frozenset({"open_vragen", "doorvragen", "student_aan_het_woord"})


def _rule(rule: str) -> Block:
    template = Text(frozenset({"waarde"}) | _EXTRA.get(rule, frozenset()))
    keys = {"naam": Text(), "goed": template, "voldoende": template, "onvoldoende": template}
    return Block({**keys, "geen": template}) if rule in _WITH_NONE else Block(keys)


def _pitfall(proposals: tuple[str, ...]) -> Block:
    return Block({"naam": Text(), "wat": Text(), "waarom": Text(),
                  "citaat": Text(frozenset({"beurt", "citaat", "voorstel"})),
                  "voorstellen": Table(Text(), required=proposals)})


#: Every text of ``data/feedforward.yaml``.
TEXTS: Final = Block({
    "leeg": Text(),
    "citaten_per_valkuil": Number(low=0, whole=True),
    "doorvraag_op_woorden": Text(frozenset({"woorden"})),
    "lege_antwoorden": ListOf(Text(), at_least=1, label="antwoord"),
    "regels": Block({rule: _rule(rule) for rule in RULES}),
    "competenties": Block({c: Block({"omschrijving": Text(), "vraag": Text()}) for c in COMPETENTIES}),
    "valkuilen": Block({
        name: _pitfall(("geen_ervaring", "niet_verkend", "standaard")
                       if name == "vooruitspringer" else ("standaard",))
        for name in PITFALLS}),
})


@cache
def load_texts() -> Mapping[str, Any]:
    """The report's Dutch texts, checked; a UserError at the line of a mistake."""
    return load(packaged("feedforward.yaml"), TEXTS).data
