"""A simulated student as a trainer wrote it: who they are and what they can tell.

The file format (Dutch keys) is read and checked by :mod:`scenario_check`;
this module only holds the result, so the student simulation, the arc and the
report can use a scenario without knowing YAML. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Final

#: The phases a layer can belong to: the four middle phases of the arc.
LAYER_PHASES: Final[tuple[str, ...]] = (
    "terugkijken",
    "verbreden_verdiepen",
    "vooruitkijken",
    "in_beweging_zetten",
)

#: Named openness a trainer may write instead of a number between 0 and 1.
OPENNESS_SCALE: Final[Mapping[str, float]] = MappingProxyType({
    "gesloten": 0.15,
    "terughoudend": 0.3,
    "gemiddeld": 0.5,
    "open": 0.7,
    "heel_open": 0.85,
})

#: The situations a scenario may give its own replies for (key ``reacties``).
#: The first six are the codebook's pitfalls; ``te_vroeg`` is a question about
#: the future before anything was reflected on.
REACTION_KEYS: Final[tuple[str, ...]] = (
    "advies",
    "informeren",
    "suggestieve_vraag",
    "oordeel",
    "meervoudige_vraag",
    "gesloten_vraag",
    "te_vroeg",
    "stilte",
    "onvoorzien",
    "vaag",
    "terughoudend",
    "uitgepraat",
    "samenvatting",
    "afsluiting",
    "nog_niet_klaar",
    "overig",
)

#: How a student closes down under advice, judgement and leading questions
#: (key ``karakter``): the student model has replies for each.
CHARACTERS: Final[tuple[str, ...]] = ("meegaand", "dwars", "stil")

#: Who the third party in a trialoog can be (``derde: rol:``).
THIRD_PARTY_ROLES: Final[tuple[str, ...]] = ("praktijkopleider", "werkbegeleider", "ouder")

#: What a third party can say, by situation (``derde: teksten:``); the first two are required.
THIRD_PARTY_KEYS: Final[tuple[str, ...]] = (
    "aangesproken",     # the docent asks them something
    "neemt_over",       # unasked: takes over, steers to the workplace's (or home's) agenda
    "antwoordt_voor",   # unasked: answers for the student after a short or evasive reply
    "vult_aan",         # unasked: adds information after the student told something
    "meedenken",        # asked whether and how they can help with a step
    "reageert",         # asked what they make of what the student said
)

#: The scenario a docent gets when they choose none.
DEFAULT_SCENARIO: Final[str] = "sanne-zorg-incident"

SCENARIO_SUFFIXES: Final[tuple[str, ...]] = (".yaml", ".yml")


@dataclass(frozen=True)
class Profile:
    """Who the student is; the docent reads this before the conversation."""

    name: str
    age: int
    course: str
    level: int
    track: str
    situation: str
    year: int | None = None


@dataclass(frozen=True)
class Layer:
    """Something the student can tell, once the conversation gets there."""

    id: str
    fase: str
    depth: int
    texts: tuple[str, ...]
    words: tuple[str, ...]
    theme: str
    competentie: str | None = None
    after: str | None = None
    #: Openness the student needs to tell this; None means the default for its depth.
    min_openness: float | None = None


@dataclass(frozen=True)
class Fact:
    """Something true about the student that a factual question can ask (how they travel…)."""

    id: str
    words: tuple[str, ...]
    #: The answer, in variants that say the same thing.
    texts: tuple[str, ...]


@dataclass(frozen=True)
class ThirdParty:
    """The other adult in a trialoog: a praktijkopleider, werkbegeleider or parent."""

    role: str
    name: str
    #: Words that show the docent speaks to them (their name, role, "u").
    address: tuple[str, ...]
    #: Chance (0..1) that they speak unasked when the moment invites it.
    unasked: float
    #: Their lines per situation, see :data:`THIRD_PARTY_KEYS`.
    lines: Mapping[str, tuple[str, ...]] = field(hash=False)
    description: str = ""


@dataclass(frozen=True)
class Goal:
    """What a good conversation with this student reaches."""

    layers: tuple[str, ...]
    deepest: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Scenario:
    """One student to practise with."""

    id: str
    title: str
    student: Profile
    layers: tuple[Layer, ...]
    goal: Goal
    tags: tuple[str, ...] = ()
    openness: float = OPENNESS_SCALE["gemiddeld"]
    #: Whether vague, abstract questions confuse this student (see docs/scenario.md).
    concrete: bool = False
    #: The scenario's own replies per situation; the student model's defaults fill the rest.
    reactions: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    path: str = ""
    #: Facts a closed factual question is answered from (``feiten``).
    facts: tuple[Fact, ...] = ()
    #: How the student closes down: one of :data:`CHARACTERS`.
    character: str = "meegaand"
    #: The other adult in a trialoog (``derde``), or None.
    third_party: ThirdParty | None = None

    def layer(self, layer_id: str) -> Layer:
        """The layer with this id (KeyError when there is none)."""
        for layer in self.layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)


def scenarios_dir() -> Path | None:
    """The shipped scenarios (``gesprekscoach/data/scenarios``), found through the
    package's resources so that a wheel install has them too."""
    folder = Path(str(files("gesprekscoach.data").joinpath("scenarios")))
    return folder if folder.is_dir() else None


def shipped_scenarios() -> tuple[Path, ...]:
    """The scenario files that come with gesprekscoach, sorted by name."""
    folder = scenarios_dir()
    if folder is None:
        return ()
    return tuple(sorted(p for p in folder.iterdir() if p.suffix in SCENARIO_SUFFIXES and p.is_file()))


def default_scenario_path() -> Path | None:
    """The file of :data:`DEFAULT_SCENARIO`, or the first shipped one, or None."""
    shipped = shipped_scenarios()
    for path in shipped:
        if path.stem == DEFAULT_SCENARIO:
            return path
    return shipped[0] if shipped else None
