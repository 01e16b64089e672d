"""A training group at a glance: every docent × every dialogue rule, with the group's means.

A trainer who runs a group wants one table, not a shell loop over
``voortgang``: per docent the mean points per rule, how many sessions of
which kind, the last activity; and the same means per scenario and per kind
(oefening / proef / transcript), because a real conversation and a practice
conversation with another student are not the same measurement. Pure: the
store hands in one row per finished session, the renderers draw the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from gesprekscoach.scoring.norms import RULES

#: The kinds a group table tells apart, in the order it shows them.
KIND_ORDER: Final[tuple[str, ...]] = ("oefening", "proef", "transcript")


def kind_of(kind: str, mode: str | None) -> str:
    """``oefening``, ``proef`` or ``transcript``: a proef is practice without live feedback."""
    if kind == "oefening" and mode == "proef":
        return "proef"
    return kind


@dataclass(frozen=True)
class GroupSession:
    """One finished session as the group table counts it."""

    session_id: str
    docent: str
    kind: str                       # oefening / proef / transcript (see :func:`kind_of`)
    scenario: str                   # scenario id, or "transcript" for a real conversation
    started_at: datetime
    score: int
    points: Mapping[str, float]     # rule -> 0..1


@dataclass(frozen=True)
class Summary:
    """The means over some sessions: one row of a group table."""

    label: str
    sessions: int
    score: float | None                  # mean score 0..100, None without sessions
    points: Mapping[str, float]          # rule -> mean points 0..1
    last: datetime | None                # the most recent session
    kinds: Mapping[str, int] = field(default_factory=dict)   # kind -> sessions

    def kind_counts(self) -> str:
        """``3 oefening, 1 transcript``: what the count is made of."""
        return ", ".join(f"{self.kinds[k]} {k}" for k in KIND_ORDER if self.kinds.get(k))


@dataclass(frozen=True)
class Group:
    """The group table and its comparisons."""

    docents: tuple[Summary, ...]             # one per docent, alphabetical
    total: Summary                           # the whole group
    by_scenario: tuple[Summary, ...]         # one per scenario, most sessions first
    by_kind: tuple[Summary, ...]             # in :data:`KIND_ORDER`
    #: (docent, scenario) -> mean score, for the docent × scenario comparison.
    cross: Mapping[tuple[str, str], float]
    rule_names: Mapping[str, str]            # rule key -> Dutch name
    filters: tuple[str, ...] = ()            # what was left out or chosen, in words

    @property
    def scenarios(self) -> tuple[str, ...]:
        return tuple(s.label for s in self.by_scenario)

    @property
    def empty(self) -> bool:
        return self.total.sessions == 0

    def weakest_rule(self) -> str | None:
        """The rule the group scores lowest on: what the next training day is about."""
        if self.empty:
            return None
        return min(RULES, key=lambda rule: self.total.points.get(rule, 0.0))


def summarise(label: str, sessions: Sequence[GroupSession]) -> Summary:
    """The means over ``sessions`` (which may be empty)."""
    n = len(sessions)
    if not n:
        return Summary(label, 0, None, {}, None, {})
    points = {rule: sum(s.points.get(rule, 0.0) for s in sessions) / n for rule in RULES}
    kinds: dict[str, int] = {}
    for s in sessions:
        kinds[s.kind] = kinds.get(s.kind, 0) + 1
    return Summary(label, n, sum(s.score for s in sessions) / n, points,
                   max(s.started_at for s in sessions), kinds)


def _grouped(sessions: Iterable[GroupSession],
             key: Callable[[GroupSession], str]) -> dict[str, list[GroupSession]]:
    out: dict[str, list[GroupSession]] = {}
    for s in sessions:
        out.setdefault(key(s), []).append(s)
    return out


def build_group(sessions: Sequence[GroupSession], *, docents: Sequence[str] = (),
                filters: Sequence[str] = ()) -> Group:
    """The group over ``sessions``; ``docents`` named without sessions still get a row."""
    from gesprekscoach.scoring.texts import load_texts

    names = {rule: load_texts()["regels"][rule]["naam"] for rule in RULES}
    per_docent = _grouped(sessions, lambda s: s.docent)
    for alias in docents:
        if not any(alias.lower() == known.lower() for known in per_docent):
            per_docent[alias] = []
    rows = tuple(summarise(name, per_docent[name]) for name in sorted(per_docent, key=str.lower))
    per_scenario = _grouped(sessions, lambda s: s.scenario)
    by_scenario = tuple(sorted((summarise(k, v) for k, v in per_scenario.items()),
                               key=lambda s: (-s.sessions, s.label)))
    per_kind = _grouped(sessions, lambda s: s.kind)
    by_kind = tuple(summarise(k, per_kind[k]) for k in KIND_ORDER if k in per_kind)
    cross = {}
    for key, items in _grouped(sessions, lambda s: f"{s.docent}\x00{s.scenario}").items():
        docent, scenario = key.split("\x00")
        cross[(docent, scenario)] = sum(s.score for s in items) / len(items)
    return Group(rows, summarise("groep", sessions), by_scenario, by_kind, cross, names,
                 tuple(filters))
