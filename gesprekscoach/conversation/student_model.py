"""How any simulated student reacts, as numbers and sentences a trainer can tune.

Read from ``data/student.yaml`` through the one trainer-file loader, so a
mistake there is a Dutch ``file:line`` message; the student itself is
:mod:`student`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Final

from gesprekscoach.codebook import CODES
from gesprekscoach.conversation.scenario import CHARACTERS, REACTION_KEYS
from gesprekscoach.trainerfile import Block, ListOf, Number, Table, Text, load, packaged, parse

#: Moves that keep the student on their theme: they are what makes layers deeper.
FOLLOW_UPS: Final[frozenset[str]] = frozenset({"doorvraag", "samenvatting", "aanmoediging"})
#: Moves that invite the student to tell something.
INVITING: Final[frozenset[str]] = frozenset({"open_vraag", "doorvraag", "samenvatting"})
#: Pitfalls that get the scenario's (or the default) reaction, whatever else the turn holds.
PITFALLS: Final[tuple[str, ...]] = (
    "advies", "informeren", "suggestieve_vraag", "oordeel", "meervoudige_vraag",
)
#: Why the student answered as they did (``Reply.reaction``): a layer came out,
#: a short answer to a closed question, a fact, a repeat in other words, the
#: first sentence of a deeper layer asked for too soon, silence while the
#: docent spoke to the third party, an answer in the kind of the question (a
#: moment, a person, a choice) from the scenario, or one of the scenario's reaction keys.
REACTIONS: Final[tuple[str, ...]] = ("laag", "gesloten", "feit", "herhaling", "hint", "derde",
                                     "soort") + tuple(
    key for key in REACTION_KEYS if key != "gesloten_vraag"
)
#: Reactions that leave room for the third party to answer for the student.
EVASIVE: Final[frozenset[str]] = frozenset(
    {"te_vroeg", "terughoudend", "gesloten", "stilte", "vaag", "onvoorzien", "uitgepraat"})


@dataclass(frozen=True)
class Reply:
    """What the student says back, and why, for the chat and the report."""

    text: str
    #: Openness (0..1) after this turn.
    openness: float
    #: Id of the scenario layer that came out this turn, if any.
    layer: str | None
    fase: str | None
    #: That layer's depth, 0 if none came out.
    depth: int
    competentie: str | None
    #: Short machine name of why, one of :data:`REACTIONS`.
    reaction: str
    #: What the third party of a trialoog said after the student ("" when nothing).
    third_party: str = ""


@dataclass(frozen=True)
class StudentModel:
    """How any student reacts, from ``data/student.yaml`` so trainers can tune it."""

    change: Mapping[str, float]
    premature: float
    about_student: float
    concrete_bonus: float
    vague_penalty: float
    need_by_depth: Mapping[int, float]
    silence_from: float
    follow_ups_needed: Mapping[int, int]
    reserved_below: float
    reserved_extra: int
    short_below: float
    short_start: tuple[str, ...]
    short_max_words: int
    vague_words: tuple[str, ...]
    general_words: frozenset[str]
    refer_back: tuple[str, ...]
    worn_out: tuple[str, ...]
    third_worn_out: tuple[str, ...]
    #: Per kind of question to the third party (meedenken, reageert): the words that ask it.
    third_kinds: Mapping[str, tuple[str, ...]]
    reactions: Mapping[str, tuple[str, ...]]
    characters: Mapping[str, Mapping[str, tuple[str, ...]]]
    #: Per kind of question (gevoel, reden, wanneer): the words that ask it.
    question_kinds: Mapping[str, tuple[str, ...]]
    #: Per kind of question: what the student says when no layer answers it
    #: (``{persoon}``, ``{moment}``, ``{optie}``, ``{gevoel}`` filled from the scenario).
    kind_replies: Mapping[str, tuple[str, ...]]
    #: Per kind of question: words a layer needs to answer it (none: every layer does).
    kind_markers: Mapping[str, frozenset[str]]
    feeling_words: tuple[str, ...]
    #: Words of a sentence that says what the student wants (for a choice).
    wish_words: tuple[str, ...]
    #: Words of a line that claims the student said something already.
    claim_words: tuple[str, ...]
    #: Words of a sentence the student does not say with the third party in the room.
    not_with_third: tuple[str, ...]
    dare_from: float
    #: How a student names a parent sitting in as the third party ("mama").
    parent_words: frozenset[str]
    #: Words that ask for a fact; without one, a name in an open question asks for no fact.
    fact_questions: tuple[str, ...]
    farewell_words: tuple[str, ...]
    farewell: tuple[str, ...]
    greetings: frozenset[str]
    unclear: tuple[str, ...]
    #: The highest openness before the deepest layer of the goal came out.
    ceiling: float

    @classmethod
    def from_yaml(cls, text: str, name: str = "student.yaml") -> StudentModel:
        """The model in ``text``; a UserError at the line of a value that is missing or wrong."""
        return cls.from_data(parse(text, name, STUDENT).data)

    @classmethod
    def from_data(cls, data: dict) -> StudentModel:
        """The model from the value of a file that passed :data:`STUDENT`."""
        openness = data["openheid"]
        reactions = data["reacties"]
        return cls(
            change=MappingProxyType({k: float(v) for k, v in openness["verandering"].items()}),
            premature=float(openness["te_vroeg"]),
            about_student=float(openness["over_de_student"]),
            concrete_bonus=float(openness["concreet"]),
            vague_penalty=float(openness["vaag"]),
            need_by_depth=MappingProxyType(
                {int(k): float(v) for k, v in openness["nodig_per_diepte"].items()}),
            silence_from=float(openness["stilte_vanaf"]),
            follow_ups_needed=MappingProxyType(
                {int(k): int(v) for k, v in data["doorvragen_nodig"].items()}),
            reserved_below=float(data["terughoudend_onder"]),
            reserved_extra=int(data["terughoudend_extra"]),
            short_below=float(data["kort_onder"]),
            short_start=tuple(str(t) for t in data["kort_begin"]),
            short_max_words=int(data["kort_max_woorden"]),
            vague_words=tuple(str(w) for w in data["vage_woorden"]),
            general_words=frozenset(str(w).lower() for w in data["algemene_woorden"]),
            refer_back=tuple(str(t) for t in data["terugverwijzen"]),
            worn_out=tuple(str(t) for t in data["op"]),
            third_worn_out=tuple(str(t) for t in data["derde_op"]),
            third_kinds=MappingProxyType({
                str(name): tuple(str(w) for w in words)
                for name, words in data["derde_vraagsoorten"].items()}),
            reactions=MappingProxyType(
                {key: tuple(str(t) for t in reactions[key]) for key in REACTION_KEYS}),
            characters=MappingProxyType({
                name: MappingProxyType({k: tuple(str(t) for t in v) for k, v in block.items()})
                for name, block in data["karakters"].items()}),
            question_kinds=MappingProxyType({
                name: tuple(str(w) for w in block["woorden"])
                for name, block in data["vraagsoorten"].items()}),
            kind_replies=MappingProxyType({
                name: tuple(str(t) for t in block.get("antwoord", ()))
                for name, block in data["vraagsoorten"].items()}),
            kind_markers=MappingProxyType({
                name: frozenset(str(w).lower() for w in block.get("kenmerken", ()))
                for name, block in data["vraagsoorten"].items() if "kenmerken" in block}),
            feeling_words=tuple(str(w) for w in data["gevoelswoorden"]),
            wish_words=tuple(str(w) for w in data["wenswoorden"]),
            claim_words=tuple(str(w) for w in data["al_gezegd"]),
            not_with_third=tuple(str(w) for w in data["niet_waar_de_derde_bij_is"]),
            dare_from=float(data["durf_vanaf"]),
            parent_words=frozenset(str(w).lower() for w in data["ouder_woorden"]),
            fact_questions=tuple(str(w) for w in data["feitvragen"]),
            farewell_words=tuple(str(w) for w in data["afscheid"]["woorden"]),
            farewell=tuple(str(t) for t in data["afscheid"]["antwoord"]),
            greetings=frozenset(str(w).lower() for w in data["groeten"]),
            unclear=tuple(str(t) for t in data["onduidelijk"]),
            ceiling=float(openness["plafond_voor_diepste"]),
        )


#: A change of openness (0..1) per turn, and an openness itself.
_CHANGE, _OPENNESS = Number(-1, 1), Number(0, 1)
_COUNT = Number(low=0, whole=True)
_CHARACTER_REPLIES = Block({key: ListOf(Text(), at_least=1) for key in REACTION_KEYS},
                           optional=frozenset(REACTION_KEYS))
_WORDS_AND_REPLIES = Block({"woorden": ListOf(Text(), at_least=1),
                            "antwoord": ListOf(Text(), at_least=2)})
#: What ``data/student.yaml`` holds; every key is needed, no list may be empty.
STUDENT: Final = Block({
    "openheid": Block({
        "verandering": Table(_CHANGE, keys=CODES),
        "te_vroeg": _CHANGE,
        "over_de_student": _CHANGE,
        "concreet": _CHANGE,
        "vaag": _CHANGE,
        "nodig_per_diepte": Table(_OPENNESS, whole_keys=True),
        "stilte_vanaf": _OPENNESS,
        "plafond_voor_diepste": _OPENNESS,
    }),
    "doorvragen_nodig": Table(_COUNT, whole_keys=True),
    "terughoudend_onder": _OPENNESS,
    "terughoudend_extra": _COUNT,
    "kort_onder": _OPENNESS,
    "kort_begin": ListOf(Text(), at_least=1),
    "kort_max_woorden": _COUNT,
    "vage_woorden": ListOf(Text()),
    "algemene_woorden": ListOf(Text()),
    "terugverwijzen": ListOf(Text(), at_least=1),
    "op": ListOf(Text(), at_least=2),
    "derde_op": ListOf(Text(), at_least=2),
    "derde_vraagsoorten": Block({key: ListOf(Text(), at_least=1)
                                 for key in ("meedenken", "reageert")}),
    "reacties": Block({key: ListOf(Text(), at_least=1) for key in REACTION_KEYS}),
    "karakters": Block({name: _CHARACTER_REPLIES for name in CHARACTERS}),
    "vraagsoorten": Table(Block({"woorden": ListOf(Text(), at_least=1),
                                 "kenmerken": ListOf(Text()),
                                 "antwoord": ListOf(Text(), at_least=1)},
                                optional=frozenset({"kenmerken", "antwoord"}))),
    "gevoelswoorden": ListOf(Text(), at_least=1),
    "wenswoorden": ListOf(Text(), at_least=1),
    "al_gezegd": ListOf(Text(), at_least=1),
    "niet_waar_de_derde_bij_is": ListOf(Text()),
    "durf_vanaf": _OPENNESS,
    "ouder_woorden": ListOf(Text()),
    "feitvragen": ListOf(Text(), at_least=1),
    "afscheid": _WORDS_AND_REPLIES,
    "groeten": ListOf(Text(), at_least=1),
    "onduidelijk": ListOf(Text(), at_least=2),
})


@cache
def default_model() -> StudentModel:
    """The package's student model, read once."""
    return StudentModel.from_data(load(packaged("student.yaml"), STUDENT).data)
