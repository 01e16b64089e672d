"""Reading one value of a scenario's node tree (a text, a number, a choice, an
id…), with a Dutch problem at its line and column for every value that is wrong."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gesprekscoach.conversation.scenario import OPENNESS_SCALE
from gesprekscoach.conversation.scenario_keys import suggestion
from gesprekscoach.errors import Problem
from gesprekscoach.yamlnodes import SAFE_TAGS, at, describe

_ID = re.compile(r"^[\w-]+$")
_YES: Final[frozenset[str]] = frozenset({"ja", "yes", "true", "waar", "aan"})
_NO: Final[frozenset[str]] = frozenset({"nee", "no", "false", "onwaar", "uit"})
_INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null"))


class _ValueReader:
    """Reads the values of a scenario's nodes, collecting a problem for each wrong one."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: Node | None, message: str) -> None:
        if node is not None and node.tag in SAFE_TAGS:  # a forbidden tag is reported once, by yamlnodes
            self.problems.append(at(node, self.path, message))

    def text(self, node: Node | None, key: str) -> str | None:
        """A non-empty text; any scalar counts as written (``titel: 1984`` is text)."""
        if node is None:
            return None
        if not isinstance(node, ScalarNode):
            self.problem(node, f"'{key}' moet een tekst zijn, niet {describe(node)}")
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
            self.problem(node, f"'{key}' moet een tekst of een lijst teksten zijn, niet {describe(node)}")
            return None
        if not node.value and not allow_empty:
            self.problem(node, f"'{key}' is een lege lijst; geef minstens één tekst")
            return None
        found = [self.text(item, key) for item in node.value]
        texts = [t for t in found if t is not None]
        return tuple(texts) if len(texts) == len(found) else None

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
        named = [(i, item) for i, item in found if i is not None]
        return named if len(named) == len(found) else None

    def integer(self, node: Node | None, key: str, low: int, high: int, hint: str = "") -> int | None:
        if node is None:
            return None
        value = _scalar(node) if isinstance(node, ScalarNode) else None
        if node.tag != _INT or not isinstance(value, int) or isinstance(value, bool):
            self.problem(node, f"'{key}' moet een geheel getal van {low} tot en met {high} zijn"
                               f"{hint}, niet {describe(node)}")
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
            if isinstance(value, int | float) and 0 <= value <= 1:
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
                           f"niet {describe(node)}")
        return None

    def boolean(self, node: Node, key: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return bool(_scalar(node))
        if isinstance(node, ScalarNode) and node.value.strip().lower() in _YES | _NO:
            return node.value.strip().lower() in _YES
        self.problem(node, f"'{key}' moet 'ja' of 'nee' zijn, niet {describe(node)}")
        return None

    def choice(self, node: Node | None, key: str, options: tuple[str, ...],
               normal: Callable[[str], str]) -> str | None:
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


def _normal_name(text: str) -> str:
    """``Verbreden verdiepen`` and ``in-beweging-zetten`` as the codebook spells them."""
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def _scalar(node: ScalarNode) -> object:
    """The Python value of a scalar by safe_load's rules."""
    return yaml.constructor.SafeConstructor().construct_object(node)
