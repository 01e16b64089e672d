"""The codebook's vocabulary: move codes, their priority, phases and competences.

Every other module names these values from here, so a typo is an import error
rather than a silently wrong label.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

#: Move codes in the codebook's priority order (§2): the first present wins.
CODES: Final[tuple[str, ...]] = (
    "advies",
    "informeren",
    "suggestieve_vraag",
    "oordeel",
    "meervoudige_vraag",
    "gesloten_vraag",
    "doorvraag",
    "open_vraag",
    "samenvatting",
    "aanmoediging",
    "overig",
)

#: Codes that break the first dialogue rule (niet informeren of adviseren).
VIOLATIONS: Final[frozenset[str]] = frozenset({"advies", "informeren", "suggestieve_vraag"})

#: Codes whose turn serves no phase of the arc (§3).
PHASELESS: Final[frozenset[str]] = frozenset(
    {"advies", "informeren", "suggestieve_vraag", "oordeel", "aanmoediging"}
)

#: Codes that are questions, for the open-question ratios of the report.
QUESTIONS: Final[frozenset[str]] = frozenset(
    {"open_vraag", "doorvraag", "gesloten_vraag", "suggestieve_vraag", "meervoudige_vraag"}
)

#: Phases of the arc in their order.
FASEN: Final[tuple[str, ...]] = (
    "opening",
    "terugkijken",
    "verbreden_verdiepen",
    "vooruitkijken",
    "in_beweging_zetten",
    "afsluiting",
)

#: The five career competences (Kuijpers & Meijers).
COMPETENTIES: Final[tuple[str, ...]] = (
    "capaciteiten",
    "motieven",
    "werkexploratie",
    "loopbaansturing",
    "netwerken",
)

#: What a docent reads for each code, phase and competence.
LABELS: Final[dict[str, str]] = {
    "advies": "advies",
    "informeren": "informeren",
    "suggestieve_vraag": "suggestieve vraag",
    "oordeel": "oordeel",
    "meervoudige_vraag": "meervoudige vraag",
    "gesloten_vraag": "gesloten vraag",
    "doorvraag": "doorvraag",
    "open_vraag": "open vraag",
    "samenvatting": "samenvatting",
    "aanmoediging": "aanmoediging",
    "overig": "overig",
    "opening": "opening",
    "terugkijken": "terugkijken",
    "verbreden_verdiepen": "verbreden en verdiepen",
    "vooruitkijken": "vooruitkijken",
    "in_beweging_zetten": "in beweging zetten",
    "afsluiting": "afsluiting",
    "capaciteiten": "capaciteiten",
    "motieven": "motieven",
    "werkexploratie": "werkexploratie",
    "loopbaansturing": "loopbaansturing",
    "netwerken": "netwerken",
}


def in_priority(codes: Iterable[str]) -> tuple[str, ...]:
    """Codes in the priority order (the primary first), unknown ones (none expected) last."""
    given = set(codes)
    return tuple(c for c in CODES if c in given) + tuple(sorted(given - set(CODES)))


def primary(codes: set[str] | frozenset[str]) -> str:
    """The primary code of a turn by the priority rule; ``overig`` for none."""
    return next((code for code in CODES if code in codes), "overig")


#: How the codebook (§1, the "rule" column) rates each move, so live feedback
#: can show at a glance whether a move helped: goed, zwak, overtreding, neutraal.
RATINGS: Final[dict[str, str]] = {
    "open_vraag": "goed",
    "doorvraag": "goed",
    "samenvatting": "goed",
    "aanmoediging": "goed",
    "gesloten_vraag": "zwak",
    "meervoudige_vraag": "zwak",
    "advies": "overtreding",
    "informeren": "overtreding",
    "suggestieve_vraag": "overtreding",
    "oordeel": "overtreding",
    "overig": "neutraal",
}


def is_silent(docent: str) -> bool:
    """A docent turn of nothing but dots and spaces ("", "..." or "…") is a deliberate
    silence: the student reacts to it, and every view shows it as "(stilte)". One rule
    here, below every layer, so the student, the app and the CLI never disagree."""
    return not docent.strip(" .…\t\n\r\x0b\x0c")


def move_label(docent: str, code: str) -> str:
    """What a docent reads for a turn's move: "stilte" for a silence (the analyser codes it
    as a minimal encourager, for the score), else the code's label. Every view asks here."""
    return "stilte" if is_silent(docent) else LABELS.get(code, code)
