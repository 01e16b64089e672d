"""A docent's progress over sessions: the score and each rule, with a trend.

A trainer wants to see whether a docent improves, and on what. One good
or bad session says little, so the trend is the least-squares line through
all finished sessions (oldest first), expressed as the change it predicts
from the first session to the last; a small change counts as "gelijk".
Pure: the store hands in the rows, the renderers draw the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, Mapping, Sequence

from gesprekscoach.scoring.norms import RULES

#: A fitted change in the score (0..100) smaller than this is "gelijk".
SCORE_STEP: Final[float] = 5.0
#: The same for a rule's points (0..1).
POINTS_STEP: Final[float] = 0.1

STIJGT, DAALT, GELIJK, ONBEKEND = "stijgt", "daalt", "gelijk", "–"


@dataclass(frozen=True)
class SessionScore:
    """One finished session as the progress report counts it."""

    session_id: str
    started_at: datetime
    kind: str                       # oefening / transcript
    who: str                        # student name or transcript file
    score: int
    points: Mapping[str, float]     # rule -> 0..1
    verdicts: Mapping[str, str]     # rule -> goed / voldoende / onvoldoende

    @property
    def short_id(self) -> str:
        return self.session_id[:8]


@dataclass(frozen=True)
class Trend:
    """Where a series started, where it is, and which way it goes."""

    first: float
    last: float
    mean: float
    change: float       # fitted change from the first session to the last
    direction: str      # stijgt / daalt / gelijk / – (fewer than two sessions)

    @property
    def arrow(self) -> str:
        return {STIJGT: "↑", DAALT: "↓", GELIJK: "→"}.get(self.direction, "–")


@dataclass(frozen=True)
class RuleProgress:
    """One dialogue rule over the sessions."""

    rule: str
    name: str
    points: tuple[float, ...]
    verdicts: tuple[str, ...]
    trend: Trend

    @property
    def goed(self) -> int:
        """In how many sessions the rule was goed."""
        return self.verdicts.count("goed")


@dataclass(frozen=True)
class Progress:
    """A docent's sessions, the score trend and the trend per rule."""

    docent: str
    sessions: tuple[SessionScore, ...]
    score: Trend
    rules: tuple[RuleProgress, ...]

    @property
    def strongest(self) -> RuleProgress | None:
        """The rule with the best mean: what to keep doing."""
        return max(self.rules, key=lambda r: r.trend.mean, default=None) if self.sessions else None

    @property
    def weakest(self) -> RuleProgress | None:
        """The rule with the lowest mean: what to practise next."""
        return min(self.rules, key=lambda r: r.trend.mean, default=None) if self.sessions else None


def trend(values: Sequence[float], step: float) -> Trend:
    """The least-squares trend of ``values``; ``step`` is the smallest change that counts."""
    n = len(values)
    if n == 0:
        return Trend(0.0, 0.0, 0.0, 0.0, ONBEKEND)
    mean = sum(values) / n
    if n == 1:
        return Trend(values[0], values[0], mean, 0.0, ONBEKEND)
    x_mean = (n - 1) / 2
    sxx = sum((i - x_mean) ** 2 for i in range(n))
    slope = sum((i - x_mean) * (v - mean) for i, v in enumerate(values)) / sxx
    change = slope * (n - 1)
    direction = STIJGT if change >= step else DAALT if change <= -step else GELIJK
    return Trend(values[0], values[-1], mean, change, direction)


def build_progress(docent: str, sessions: Sequence[SessionScore]) -> Progress:
    """Progress from the sessions in time order."""
    from gesprekscoach.scoring.report import load_texts

    names = load_texts()["regels"]
    rules = []
    for rule in RULES:
        points = tuple(s.points.get(rule, 0.0) for s in sessions)
        verdicts = tuple(s.verdicts.get(rule, "") for s in sessions)
        rules.append(RuleProgress(rule, names[rule]["naam"], points, verdicts,
                                  trend(points, POINTS_STEP)))
    return Progress(docent, tuple(sessions), trend([s.score for s in sessions], SCORE_STEP),
                    tuple(rules))
