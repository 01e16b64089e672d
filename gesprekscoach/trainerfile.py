"""The YAML files a trainer edits, read so that every mistake is a Dutch file:line message.

The README invites trainers to edit the files in ``gesprekscoach/data/`` in
place (rule pack, lexicon, norms, feedforward texts, hints, student model),
and a trainer may pass an own norms file. Every one is read here: the text
through :mod:`~gesprekscoach.textfile`, the node tree through
:mod:`~gesprekscoach.yamlnodes` (no tags, no duplicate keys, no alias bombs),
then checked against the small :data:`Kind` schema its reader declares. So a
typo ends in ``pad:regel:kolom: wat er mis is en hoe je het herstelt`` and
exit code 2, never in a traceback or a silently wrong score.

A base module: it imports no layer; the layers bring their own schema.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Final, TypeAlias

from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.textfile import read_text
from gesprekscoach.yamlnodes import MAX_BYTES, at, compose, describe, first_repeat_beyond, walk

#: The package that holds the trainer files.
DATA_PACKAGE: Final[str] = "gesprekscoach.data"
#: Most values a trainer file may hold with every ``*anker`` written out; the
#: rule pack, the largest, holds about 1,200.
MAX_NODES: Final[int] = 100_000

_STR, _INT, _FLOAT, _BOOL, _NULL = (
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))
_MERGE: Final[str] = "tag:yaml.org,2002:merge"


def data_folder() -> Path:
    """This installation's ``gesprekscoach/data``, where trainers edit their files in place.

    Tests point it at a copy with ``monkeypatch.setattr(trainerfile,
    "data_folder", lambda: copy)`` and clear the readers' caches (see
    ``tests/test_trainer_files.py``); there is deliberately no user option.
    """
    # ``gesprekscoach.data`` is a namespace package: only a path joined onto it is a Path.
    return Path(str(files(DATA_PACKAGE).joinpath(".")))


def packaged(name: str) -> Path:
    """Trainer file ``name`` of this installation; messages name this path."""
    return data_folder() / name


# ---------------------------------------------------------------- the schema


@dataclass(frozen=True)
class Text:
    """A text that is not empty; ``fields`` are the ``{naam}``s it may hold when the
    program fills it in with ``str.format`` (None: it is not filled in)."""

    fields: frozenset[str] | None = None


@dataclass(frozen=True)
class Number:
    """A number (``whole``: a whole number) from ``low`` to ``high``."""

    low: float | None = None
    high: float | None = None
    whole: bool = False


@dataclass(frozen=True)
class Choice:
    """One word of ``options``; ``what`` names it in the message ("voorwaarde")."""

    options: tuple[str, ...]
    what: str = "waarde"


@dataclass(frozen=True)
class ListOf:
    """A list of ``item``s, at least ``at_least``; ``label`` names an item ("hint" → "hint 3");
    ``single``: one item without a list is also fine."""

    item: Kind
    at_least: int = 0
    label: str = ""
    single: bool = False


@dataclass(frozen=True)
class Block:
    """A block with these keys; all are needed except the ``optional`` ones."""

    keys: Mapping[str, Kind]
    optional: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Table:
    """A block whose keys the trainer chooses (or one of ``keys``), each with a ``value``;
    ``required`` keys must be there, ``whole_keys`` are whole numbers (a depth)."""

    value: Kind
    keys: tuple[str, ...] | None = None
    required: tuple[str, ...] = ()
    whole_keys: bool = False


@dataclass(frozen=True)
class Maybe:
    """``kind``, or nothing at all (an empty value)."""

    kind: Kind


#: What a value in a trainer file must be.
Kind: TypeAlias = Text | Number | Choice | ListOf | Block | Table | Maybe


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class TrainerFile:
    """A trainer file that passed its schema: its name in messages, node tree and value."""

    path: str
    root: Node | None
    #: The Python value, as ``yaml.safe_load`` gives it (None for an empty file).
    data: Any

    def problem(self, keys: Sequence[str | int], message: str) -> Problem:
        """A problem at the value under ``keys`` (or the nearest block above it)."""
        node = self.root
        for key in keys:
            found = _child(node, key) if node is not None else None
            if found is None:
                break
            node = found
        return at(node, self.path, message) if node is not None else Problem(message, self.path, 1)

    def problem_at_text(self, text: str, message: str) -> Problem:
        """A problem at the first text equal to ``text`` (a pattern that does not compile)."""
        node = next((n for n in walk(self.root) if isinstance(n, ScalarNode) and n.value == text),
                    None) if self.root is not None else None
        return at(node, self.path, message) if node is not None else Problem(message, self.path)


def load(path: str | Path, schema: Kind | None = None, *, max_bytes: int = MAX_BYTES) -> TrainerFile:
    """Read the trainer file at ``path`` and check it; UserError with every problem."""
    text = read_text(str(path), max_bytes=max_bytes, empty=None)
    return parse(text, str(path), schema)


def parse(text: str, path: str, schema: Kind | None = None) -> TrainerFile:
    """Compose ``text`` (named ``path`` in messages) and check it against ``schema``.

    Raises UserError with every problem, each at its line and column: YAML
    syntax, tags, duplicate keys and alias bombs first, then the schema.
    """
    document = compose(text, path)
    if document.problems:
        raise UserError(*document.problems)
    root = document.root
    if root is None:
        if schema is not None and not isinstance(schema, Maybe):
            raise UserError(Problem("het bestand is leeg; zet de inhoud van het origineel terug",
                                    path, 1))
        return TrainerFile(path, None, None)
    bomb = first_repeat_beyond(root, MAX_NODES)
    if bomb is not None:
        raise UserError(at(bomb, path, f"met alle verwijzingen (*) uitgeschreven telt dit bestand "
                                       f"meer dan {MAX_NODES} waarden; schrijf de waarden uit "
                                       "zonder & en *"))
    if schema is not None:
        checker = _Checker(path)
        checker.check(root, schema, "")
        if checker.problems:
            raise UserError(*sorted(checker.problems, key=lambda p: (p.line or 0, p.column or 0)))
    try:
        data = SafeConstructor().construct_document(root)
    except ConstructorError as error:  # pragma: no cover - yamlnodes let only safe tags through
        mark = error.problem_mark
        raise UserError(Problem(f"YAML-fout: {error.problem}", path,
                                mark.line + 1 if mark else None)) from None
    return TrainerFile(path, root, data)


def _child(node: Node, key: str | int) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(key, str):
        return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
    if isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


# ---------------------------------------------------------------- checking


def _named(name: str) -> str:
    return name or "het bestand"


def _inside(name: str) -> str:
    return f" in {name}" if name else ""


def _key_name(name: str, key: str) -> str:
    """How a value is named in messages: 'regels.boog.goed', or 'als' van hint 3."""
    if not name:
        return f"'{key}'"
    if name.startswith("'") and name.endswith("'") and "' van " not in name:
        return f"{name[:-1]}.{key}'"
    return f"'{key}' van {name}"


class _Checker:
    """Walks a node tree along its schema, collecting every problem."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(at(node, self.path, message))

    def check(self, node: Node, kind: Kind, name: str) -> None:
        if isinstance(kind, Maybe):
            if not (node.tag == _NULL or (isinstance(node, ScalarNode) and not node.value.strip())):
                self.check(node, kind.kind, name)
        elif isinstance(kind, Text):
            self.text(node, kind, name)
        elif isinstance(kind, Number):
            self.number(node, kind, name)
        elif isinstance(kind, Choice):
            self.choice(node, kind, name)
        elif isinstance(kind, ListOf):
            self.sequence(node, kind, name)
        elif isinstance(kind, Block):
            self.block(node, kind, name)
        else:
            self.table(node, kind, name)

    def text(self, node: Node, kind: Text, name: str) -> None:
        if not isinstance(node, ScalarNode) or node.tag != _STR:
            hint = ("; zet de waarde tussen aanhalingstekens" if isinstance(node, ScalarNode)
                    and node.tag != _NULL else "")
            self.problem(node, f"{_named(name)} moet een tekst zijn, niet {describe(node)}{hint}")
        elif not node.value.strip():
            self.problem(node, f"{_named(name)} is leeg; schrijf er een tekst")
        elif kind.fields is not None:
            self.fields(node, kind.fields, name)

    def fields(self, node: ScalarNode, allowed: frozenset[str], name: str) -> None:
        """Every ``{naam}`` in the text is one the program fills in."""
        try:
            found = [field for _, field, _, _ in string.Formatter().parse(node.value)
                     if field is not None]
        except ValueError:
            self.problem(node, f"in {_named(name)} staat een losse {{ of }}; schrijf {{{{ en }}}} "
                               "voor een accolade in de tekst")
            return
        known = ", ".join(f"{{{f}}}" for f in sorted(allowed)) or "geen"
        for field in found:
            if field not in allowed:
                self.problem(node, f"in {_named(name)} kan {{{field}}} niet ingevuld worden; "
                                   f"hier kan: {known}")

    def number(self, node: Node, kind: Number, name: str) -> None:
        wanted = "een geheel getal" if kind.whole else "een getal"
        if kind.low is not None and kind.high is not None:
            wanted += f" van {kind.low:g} tot en met {kind.high:g}"
        elif kind.low is not None:
            wanted += f" van {kind.low:g} of meer"
        tags = {_INT} if kind.whole else {_INT, _FLOAT}
        value = self._constructor.construct_object(node) if isinstance(node, ScalarNode) \
            and node.tag in tags else None
        if value is None or (kind.low is not None and value < kind.low) or (
                kind.high is not None and value > kind.high):
            self.problem(node, f"{_named(name)} moet {wanted} zijn, niet {describe(node)}")

    def choice(self, node: Node, kind: Choice, name: str) -> None:
        if not isinstance(node, ScalarNode) or node.tag != _STR or node.value not in kind.options:
            word = node.value if isinstance(node, ScalarNode) else describe(node)
            guess = difflib.get_close_matches(str(word), kind.options, n=1)
            meant = f"bedoel je '{guess[0]}'? " if guess else ""
            self.problem(node, f"onbekende {kind.what} '{word}'{_inside(name)}; {meant}"
                               f"toegestaan zijn: {', '.join(kind.options)}")

    def sequence(self, node: Node, kind: ListOf, name: str) -> None:
        if kind.single and isinstance(node, ScalarNode) and node.tag != _NULL:
            self.check(node, kind.item, name)
            return
        if not isinstance(node, SequenceNode):
            self.problem(node, f"{_named(name)} moet een lijst zijn (regels die met '- ' "
                               f"beginnen, of [a, b]), niet {describe(node)}")
            return
        if len(node.value) < kind.at_least:
            self.problem(node, f"{_named(name)} moet minstens {kind.at_least} "
                               f"{'waarde' if kind.at_least == 1 else 'waarden'} hebben")
        for number, item in enumerate(node.value, start=1):
            self.check(item, kind.item, f"{kind.label} {number}" if kind.label else name)

    def pairs(self, node: Node, name: str) -> list[tuple[ScalarNode, Node]] | None:
        """The key-value pairs of a block (merge keys written out), or None with a problem."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{_named(name)} moet een blok met sleutels zijn ('sleutel: "
                               f"waarde' op elke regel), niet {describe(node)}")
            return None
        if any(key.tag == _MERGE for key, _ in node.value):
            SafeConstructor().flatten_mapping(node)  # '<<: *anker' as safe_load reads it
        pairs = []
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag == _NULL:
                self.problem(key, "een sleutel moet een woord zijn, zoals 'naam:'")
            else:
                pairs.append((key, value))
        return pairs

    def block(self, node: Node, kind: Block, name: str) -> None:
        pairs = self.pairs(node, name)
        if pairs is None:
            return
        present = {key.value for key, _ in pairs}
        missing = [k for k in kind.keys if k not in present and k not in kind.optional]
        for key, value in pairs:
            if key.value in kind.keys:
                self.check(value, kind.keys[key.value], _key_name(name, key.value))
                continue
            guess = difflib.get_close_matches(key.value, list(kind.keys), n=1)
            if guess and guess[0] in missing:
                missing.remove(guess[0])
                self.problem(key, f"de sleutel '{guess[0]}' ontbreekt{_inside(name)}; is "
                                  f"'{key.value}' daarvoor een typfout?")
            else:
                self.problem(key, _unknown(key.value, name, tuple(kind.keys), guess))
        for key_name in missing:
            self.problem(node, f"de sleutel '{key_name}' ontbreekt{_inside(name)}; voeg "
                               f"'{key_name}:' met een waarde toe")

    def table(self, node: Node, kind: Table, name: str) -> None:
        pairs = self.pairs(node, name)
        if pairs is None:
            return
        for key, value in pairs:
            if kind.whole_keys and key.tag != _INT:
                self.problem(key, f"'{key.value}'{_inside(name)} moet een geheel getal zijn")
            elif kind.keys is not None and key.value not in kind.keys:
                guess = difflib.get_close_matches(key.value, kind.keys, n=1)
                self.problem(key, _unknown(key.value, name, kind.keys, guess))
            else:
                self.check(value, kind.value, _key_name(name, key.value))
        present = {key.value for key, _ in pairs}
        for key_name in kind.required:
            if key_name not in present:
                self.problem(node, f"de sleutel '{key_name}' ontbreekt{_inside(name)}; voeg "
                                   f"'{key_name}:' met een waarde toe")


def _unknown(key: str, name: str, known: Sequence[str], guess: list[str]) -> str:
    hint = f"bedoel je '{guess[0]}'?" if guess else f"bekend zijn: {', '.join(known)}"
    return f"onbekende sleutel '{key}'{_inside(name)}; {hint}"
