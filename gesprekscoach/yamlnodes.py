"""Reading a YAML file that trainers write, keeping the place of every value.

``yaml.safe_load`` forgets where a value stood and silently keeps the last of
two equal keys, but a trainer needs "regel 12, kolom 5" for every mistake. So
we only *compose* the node tree with PyYAML's SafeLoader (nothing is
constructed, so no tag can run code), then check duplicate keys and tags on
the nodes. All problems come back at once, in Dutch; nothing is printed.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.textfile import read_text

#: Largest file we read: a scenario is a few kilobytes; more is a mistake.
MAX_BYTES: Final[int] = 1024 * 1024
#: How many lists and blocks deep a value may stand: a scenario needs about six, and
#: PyYAML (and our checks) recurse per level, so a hostile file could exhaust the stack.
MAX_DEPTH: Final[int] = 40

_STANDARD: Final[str] = "tag:yaml.org,2002:"
#: Tags a plain safe_load would also accept and that hold only data.
SAFE_TAGS: Final[frozenset[str]] = frozenset(
    _STANDARD + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_MERGE: Final[str] = _STANDARD + "merge"

#: PyYAML's messages (the part after "found"/"expected"), in Dutch with a hint.
_MESSAGES: Final[tuple[tuple[str, str], ...]] = (
    ("mapping values are not allowed here",
     "hier mag geen ':' staan; staat er een dubbele punt in een tekst, zet die tekst dan "
     "tussen aanhalingstekens, of klopt de inspringing niet"),
    ("found character '\\t' that cannot start any token",
     "een tab is hier niet toegestaan; spring in met spaties"),
    ("found a tab character", "een tab is hier niet toegestaan; spring in met spaties"),
    ("found unexpected end of stream",
     "het bestand houdt op midden in een tekst; ontbreekt er een afsluitend aanhalingsteken?"),
    ("found unknown escape character",
     "onbekende \\-code in een tekst tussen dubbele aanhalingstekens; gebruik enkele "
     "aanhalingstekens of schrijf \\\\"),
    ("found undefined alias", "verwijzing met * naar een anker (&) dat niet bestaat"),
    ("but found another document",
     "dit bestand mag maar één YAML-document bevatten; haal de tweede '---' weg"),
    ("expected ',' or ']'", "deze lijst tussen [ ] wordt niet afgesloten met ']'"),
    ("expected ',' or '}'", "dit blok tussen { } wordt niet afgesloten met '}'"),
    ("expected <block end>",
     "de inspringing klopt niet: deze regel springt anders in dan de regels erboven"),
    ("could not find expected ':'",
     "hier verwachtte ik 'sleutel: waarde'; ontbreekt er een dubbele punt of een "
     "afsluitend aanhalingsteken?"),
    ("did not find expected key", "de inspringing klopt niet: hier verwachtte ik een nieuwe sleutel"),
    ("did not find expected '-' indicator",
     "de inspringing klopt niet: hier verwachtte ik een nieuw lijstitem met '-'"),
    ("did not find expected node content", "hier ontbreekt een waarde"),
    ("expected the node content",
     "hier ontbreekt een waarde; houdt het bestand op midden in een lijst [ ] of blok { }?"),
    ("that cannot start any token",
     "het teken '$teken' kan geen waarde beginnen; zet de tekst tussen aanhalingstekens"),
    ("special characters are not allowed", "onzichtbaar stuurteken in het bestand; haal het weg"),
)
_CHARACTER = re.compile(r"found character '(.+?)'")


@dataclass(frozen=True)
class Document:
    """A composed YAML file: its root node (None when empty) and what was wrong."""

    path: str
    root: Node | None
    problems: tuple[Problem, ...]


def read(path: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """Compose ``path`` with safe semantics and report syntax, tag and duplicate problems.

    An empty file (or one with only comments) gives a Document without root
    and without problems.
    """
    try:
        # An empty file is no problem here: the caller knows what it should have held.
        text = read_text(path, max_bytes=max_bytes, empty=None)
    except UserError as error:
        return Document(path, None, tuple(_file_problem(p) for p in error.problems))
    if not text.strip():
        return Document(path, None, ())
    return compose(text, path)


#: libyaml's parser when PyYAML has it: the same nodes, tags and marks, ten
#: times faster on a big scenario (500 layers: 450 ms → 45 ms).
_FAST_LOADER: Final = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str, path: str) -> Document:
    """The node tree of ``text``; a syntax error leaves no tree but one clear problem.

    A file that does not parse is read again by the pure-Python parser, whose
    English messages :data:`_MESSAGES` knows how to say in Dutch.
    """
    try:
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except RecursionError:  # the pure-Python composer, when libyaml is missing
        return _too_deep(text, path)
    except yaml.YAMLError as error:
        if "maximum nesting depth" in str(getattr(error, "problem", "")):  # libyaml's own limit
            return _too_deep(text, path)
        return _compose_slowly(text, path)
    return _checked(root, path)


def _checked(root: Node | None, path: str) -> Document:
    """A composed tree, unless it nests deeper than MAX_DEPTH (then no tree, one problem)."""
    if root is None:
        return Document(path, None, ())
    deep = first_deeper_than(root, MAX_DEPTH)
    if deep is not None:
        return Document(path, None, (at(deep, path, _too_deep_message()),))
    return Document(path, root, tuple(_node_problems(root, path)))


def _too_deep_message() -> str:
    return (f"de waarden staan hier meer dan {MAX_DEPTH} lagen diep in elkaar (lijsten in "
            "lijsten, blokken in blokken); zo diep gaat geen scenario of trainerbestand. "
            "Controleer de haakjes [ ] en { } en de inspringing")


def _too_deep(text: str, path: str, *, then_slowly: bool = True) -> Document:
    """Where ``text`` first nests deeper than MAX_DEPTH, found from the parser's events,
    which (unlike composing) take no recursion, however deep the file goes."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    return Document(path, None, (Problem(_too_deep_message(), path, line, column),))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass  # a syntax error before the limit: the slow parser names it
    except RecursionError:  # pragma: no cover - the event parser does not recurse
        pass
    if then_slowly:
        return _compose_slowly(text, path)
    return Document(path, None, (Problem(_too_deep_message(), path, 1, 1),))


def first_deeper_than(root: Node, limit: int) -> Node | None:
    """The first node more than ``limit`` lists or blocks deep; None when the tree stays within.

    Checked before anything walks the tree recursively (the schema checks, PyYAML's
    constructor), so a hostile file cannot exhaust Python's stack there.
    """
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, (MappingNode, SequenceNode)):
            if depth >= limit:
                return node
            children = ([n for pair in node.value for n in pair] if isinstance(node, MappingNode)
                        else node.value)
            stack += [(child, depth + 1) for child in reversed(children)]
    return None


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while thousands of nodes and values are made.

    Reference counting frees a node tree; the collector would only scan the
    growing tree again and again (a sixth of the time of a big scenario).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compose_slowly(text: str, path: str) -> Document:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        return _too_deep(text, path, then_slowly=False)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if re.search(r"end of stream|stream end", str(error.problem)) and error.context_mark:
            mark = error.context_mark  # where the unclosed quote or bracket began
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        message = syntax_message(error)
        opened = _quote_left_open(text, mark.line) if mark else None
        if opened is not None:
            message += (f"; de tekst met een aanhalingsteken op regel {opened} loopt door tot "
                        f"hier: staat daar een aanhalingsteken te weinig?")
        return Document(path, None, (Problem(message + HIDDEN, path, line, column),))
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return Document(path, None, (Problem(syntax_message(error), path, line, column),))
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML error has a mark
        return Document(path, None, (Problem(syntax_message(error), path, 1, 1),))
    return _checked(root, path)


#: Said after a syntax error: the file cannot be read further, so other mistakes wait.
HIDDEN: Final[str] = " (andere fouten in dit bestand volgen als deze is opgelost)"


def _quote_left_open(text: str, line: int) -> int | None:
    """The 1-based line where a quoted text began that runs on over several lines up to
    the error at 0-based ``line`` (an unclosed quote swallows the lines below it), or None."""
    opened = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.end_mark.line > token.start_mark.line
                    and token.end_mark.line >= line - 1):
                opened = token.start_mark.line + 1
    except yaml.YAMLError:
        pass
    return opened


def syntax_message(error: yaml.YAMLError) -> str:
    """PyYAML's English message as a Dutch one a trainer can act on."""
    problem = str(getattr(error, "problem", None) or getattr(error, "reason", None) or error)
    context = str(getattr(error, "context", None) or "")
    for english, dutch in _MESSAGES:
        if english in problem or english in context:
            found = _CHARACTER.search(problem)
            return "YAML-fout: " + dutch.replace("$teken", found.group(1) if found else "?")
    return f"YAML-fout: {problem}"


def position(node: Node) -> tuple[int, int]:
    """1-based (line, column) where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def describe(node: Node) -> str:
    """What a node is, as a trainer would say it: in "moet een tekst zijn, niet …"."""
    if isinstance(node, MappingNode):
        return "een blok met sleutels"
    if isinstance(node, SequenceNode):
        return "een lijst"
    if node.tag == "tag:yaml.org,2002:null":
        return "leeg"
    return f"'{node.value}'"


def at(node: Node, path: str, message: str) -> Problem:
    """A problem pointing at ``node``."""
    line, column = position(node)
    return Problem(message, path, line, column)


def walk(root: Node) -> Iterator[Node]:
    """Every node once, also when anchors make the tree share or loop."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack += [value, key]
        elif isinstance(node, SequenceNode):
            stack += reversed(node.value)


def first_repeat_beyond(root: Node, limit: int) -> Node | None:
    """The alias (``*anker``) at which ``root``, with every alias written out, holds
    more than ``limit`` nodes; None when it stays within.

    A few lines of anchors can stand for billions of values ("billion laughs"):
    the node tree stays small, but whoever walks the values does not.
    """
    seen: set[int] = set()
    repeat: Node | None = None
    stack, count = [root], 0
    while stack:
        node = stack.pop()
        count += 1
        if id(node) in seen:
            repeat = repeat or node
            if count > limit:
                return repeat
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack += [key, value]
        elif isinstance(node, SequenceNode):
            stack += node.value
    return None


def _node_problems(root: Node, path: str) -> Iterator[Problem]:
    for node in walk(root):
        if node.tag not in SAFE_TAGS and node.tag != _MERGE:
            shown = node.tag.replace(_STANDARD, "!!")
            yield at(node, path,
                     f"de tag '{shown}' is niet toegestaan; dit bestand mag alleen tekst, "
                     "getallen, lijsten en blokken bevatten (code wordt nooit uitgevoerd)")
        if isinstance(node, MappingNode):
            yield from _duplicates(node, path)


def _duplicates(node: MappingNode, path: str) -> Iterator[Problem]:
    first: dict[str, ScalarNode] = {}
    for key, _ in node.value:
        if not isinstance(key, ScalarNode) or key.tag == _MERGE:
            continue
        if key.value in first:
            line, _column = position(first[key.value])
            yield at(key, path,
                     f"sleutel '{key.value}' staat twee keer in hetzelfde blok (eerder op regel "
                     f"{line}); de eerste waarde zou stilletjes verdwijnen. Haal er één weg")
        else:
            first[key.value] = key


def _file_problem(problem: Problem) -> Problem:
    """A too big file is pointed at its start, like every other problem."""
    if problem.message.startswith("bestand is te groot"):
        return Problem(problem.message, problem.path, 1, 1)
    return problem
