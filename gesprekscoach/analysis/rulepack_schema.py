"""What ``data/regels.yaml`` must hold, so a trainer's edit is checked before it is compiled.

A missing section, a typo in a key or a word where a weight belongs is told
at its line by :mod:`gesprekscoach.trainerfile`, instead of surfacing as a
``KeyError`` in the middle of a conversation.
"""

from __future__ import annotations

from typing import Final

from gesprekscoach.codebook import CODES, COMPETENTIES, FASEN
from gesprekscoach.errors import Problem
from gesprekscoach.trainerfile import (
    Block,
    Choice,
    ListOf,
    Maybe,
    Number,
    Table,
    Text,
    TrainerFile,
)

#: The sections of ``patronen:``; the analyser reads every one (an empty list ``[]`` may).
PATTERN_SECTIONS: Final[tuple[str, ...]] = (
    "aanmoediging", "overig", "oordeel", "advies", "beleefd_verzoek", "informatievraag",
    "advies_als_vraag", "advies_aankondiging", "eigen_verhaal", "informeren", "suggestieve_vraag",
    "suggestieve_mededeling", "voorwaarde", "terugblik", "uitroep", "samenvatting_inleiding",
    "samenvatting", "verzoek", "doorvraag", "verwijzing", "onderwerpwissel", "tag", "controle",
)

_WORDS = ListOf(Text())
_PATTERNS = ListOf(Text())
#: Per phase or competence: pattern → weight (a row may be empty).
_CUES = Maybe(Table(Number()))

#: Every key of the rule pack and what its value must be.
RULE_PACK: Final = Block({
    "begroetingen": _WORDS,
    "vraagwoorden": _WORDS,
    "voorzetsels": _WORDS,
    "inleiders": _WORDS,
    "vraagwerkwoorden": _WORDS,
    "gesloten_vraagwoorden": _PATTERNS,
    "onderwerpen": _WORDS,
    "vraagwoorden_na_je": _WORDS,
    "gebiedende_wijs": _WORDS,
    "geen_werkwoord": _WORDS,
    "patronen": Table(_PATTERNS, keys=PATTERN_SECTIONS, required=PATTERN_SECTIONS),
    "waarderende_woorden": _WORDS,
    "oordeelwoorden": _WORDS,
    "weergavewerkwoorden": _WORDS,
    "partikels": _WORDS,
    "fasen": Table(_CUES, keys=FASEN),
    "studentbeurt": Table(Number(), keys=CODES),
    "fasen_student": Table(_CUES, keys=FASEN),
    "verteld": Table(_CUES, keys=FASEN),
    "belevingswerkwoorden": _WORDS,
    "vertelverzoeken": _WORDS,
    "fasevolgorde": ListOf(Choice(FASEN, "fase")),
    "competentiedrempel": Number(),
    "u_vorm": Table(Text()),
    "competenties": Table(_CUES, keys=COMPETENTIES),
    "fase_competentie": Table(Table(Number(), keys=(*COMPETENTIES, "alle")), keys=FASEN),
    "geen_competentie": _PATTERNS,
    "gebeurtenisvragen": _PATTERNS,
    "tips": Table(Text(), keys=(*CODES, "waarom", "open_zonder_doorvraag"), required=("waarom",)),
}, optional=frozenset({"begroetingen", "u_vorm", "gebeurtenisvragen", "oordeelwoorden",
                    "weergavewerkwoorden", "partikels"}))


def order_problems(file: TrainerFile) -> list[Problem]:
    """``fasevolgorde`` breaks every tie, so it names each phase once."""
    order = file.data["fasevolgorde"]
    missing = [phase for phase in FASEN if phase not in order]
    twice = sorted({phase for phase in order if order.count(phase) > 1})
    problems = []
    if missing:
        problems.append(file.problem(["fasevolgorde"], "in 'fasevolgorde' ontbreekt "
                                     f"{', '.join(missing)}; elke fase moet er één keer in staan"))
    if twice:
        problems.append(file.problem(["fasevolgorde"], f"in 'fasevolgorde' staat {', '.join(twice)} "
                                     "meer dan één keer; elke fase moet er één keer in staan"))
    return problems
