"""A docent's progress over sessions: the score and each rule, with a trend.

A trainer wants to see whether a docent improves, and on what. One good
or bad session says little, so the trend is the least-squares line through
the finished sessions of one kind and one scenario (oldest first; see
:func:`build_progress`), expressed as the change it predicts from the first
session to the last; a small change counts as "gelijk".
Pure: the store hands in the rows, the renderers draw the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

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
    scenario: str = ""              # scenario id; "transcript" for a real conversation
    #: A transcript too thin to judge (no student lines, or fewer than 3 docent turns).
    weak: bool = False

    @property
    def short_id(self) -> str:
        return self.session_id[:8]


@dataclass(frozen=True)
class Series:
    """Sessions of one kind with one scenario: the only sessions a trend may compare."""

    kind: str                       # oefening / proef / transcript
    scenario: str
    sessions: tuple[SessionScore, ...]
    score: Trend

    @property
    def label(self) -> str:
        """``oefening met sanne-zorg-incident`` or ``transcript`` (real conversations)."""
        return self.kind if self.scenario in ("", "transcript") else f"{self.kind} met {self.scenario}"


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
    sessions: tuple[SessionScore, ...]   # the series the trends are over (see ``series``)
    score: Trend
    rules: tuple[RuleProgress, ...]
    #: Every kind × scenario with its own score trend; ``sessions`` is one of them.
    series: tuple[Series, ...] = ()
    #: Thin transcripts not counted (``weak``), unless asked for.
    left_out: int = 0
    #: The norms file every session was counted against again (``voortgang --normen``).
    norms: str = ""

    @property
    def current(self) -> Series | None:
        """The series ``sessions`` holds."""
        return next((s for s in self.series if s.sessions == self.sessions), None)

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


def build_progress(docent: str, sessions: Sequence[SessionScore], *, kind: str | None = None,
                   scenario: str | None = None, weak: bool = False) -> Progress:
    """Progress from the sessions in time order, never across kinds or scenarios.

    A real conversation and a practice conversation, or two different
    students, are different measurements: a trend through both says more
    about the mix than about the docent. So the sessions are split into
    series (kind × scenario); the trends are over one series: the one
    ``kind`` and ``scenario`` choose, else the one with most sessions (the
    most recent on a tie). Thin transcripts (``weak``) count only when asked.
    """
    counted = [s for s in sessions if weak or not s.weak]
    groups: dict[tuple[str, str], list[SessionScore]] = {}
    for s in counted:
        groups.setdefault((s.kind, s.scenario), []).append(s)
    series = tuple(Series(k, sc, tuple(items), trend([s.score for s in items], SCORE_STEP))
                   for (k, sc), items in groups.items())
    wanted = [s for s in series
              if (kind is None or s.kind == kind)
              and (scenario is None or s.scenario.lower() == scenario.lower())]
    chosen = max(wanted, key=lambda s: (len(s.sessions), s.sessions[-1].started_at),
                 default=None)
    progress = _progress(docent, chosen.sessions if chosen else ())
    return Progress(progress.docent, progress.sessions, progress.score, progress.rules, series,
                    len(sessions) - len(counted))


def _progress(docent: str, sessions: Sequence[SessionScore]) -> Progress:
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
