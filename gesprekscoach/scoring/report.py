"""The session report: the nine dialogue rules, the arc, competences, valkuilen.

A report is computed from the exchanges alone, so a live session, a replay
and a real transcript are scored the same way. The numbers come from the
norms (``norms.py``, ``data/normen.yaml``), the words from
``data/feedforward.yaml``: trainers tune both without touching code.

Scoring: every rule gets a verdict (goed / voldoende / onvoldoende) and
points (0..1) (``rules.py``); the score is the weighted mean of the points
times 100. A valkuil (``pitfalls.py``) that dominates the conversation
(``ernstig``) caps the score, because a conversation made of advice is no
career dialogue however few questions it stacked.

The report holds values and Dutch sentences; how it looks in a file or on a
screen is for ``gesprekscoach.output`` and the tui.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from gesprekscoach.conversation.session import Session
from gesprekscoach.model import Exchange
from gesprekscoach.scoring.context import (
    INVITING,
    ArcReport,
    Context,
    Turn,
    arc_of,
    competences_of,
)
from gesprekscoach.scoring.goal import GoalResult, goal_of, goal_to_dict, layer_titles
from gesprekscoach.scoring.norms import Norms
from gesprekscoach.scoring.own_norms import active_norms
from gesprekscoach.scoring.phrasing import turn_list
from gesprekscoach.scoring.pitfalls import Pitfall, find_pitfalls
from gesprekscoach.scoring.rules import (
    GOED,
    ONVOLDOENDE,
    VOLDOENDE,
    RuleScore,
    empty_rules,
    score_rules,
)
from gesprekscoach.scoring.texts import load_texts

if TYPE_CHECKING:
    from gesprekscoach.conversation.scenario import Goal

__all__ = [
    "GOED", "INVITING", "ONVOLDOENDE", "SCORE_BANDS", "VOLDOENDE", "ArcReport", "Pitfall",
    "Report", "RuleScore", "band", "build", "load_texts", "to_dict", "touched_competences",
    "turn_list",
]

#: The score (0..100) from which a whole conversation reads as goed or voldoende.
SCORE_BANDS: Final[tuple[tuple[int, str], ...]] = ((70, GOED), (50, VOLDOENDE))


def band(score: int) -> str:
    """Goed, voldoende or onvoldoende for a score out of 100, as every view colours it."""
    return next((verdict for floor, verdict in SCORE_BANDS if score >= floor), ONVOLDOENDE)


@dataclass(frozen=True)
class Report:
    """Everything the report screen, the saved file and the export show."""

    score: int                    # 0..100, after caps
    uncapped: int                 # the weighted mean before caps
    capped_by: tuple[str, ...]    # names of the severe valkuilen that capped the score
    turns: int
    rules: tuple[RuleScore, ...]
    arc: ArcReport
    competences: tuple[str, ...]  # in codebook order
    pitfalls: tuple[Pitfall, ...]
    openness: tuple[float, ...] = ()  # the simulated student's openness per reply
    scenario_doel: str | None = None
    norms_source: str = ""
    #: Which of the scenario's goal layers were told (None without goal layers).
    goal: GoalResult | None = None
    #: The deductions from the weighted mean, in words ("−6 voor de adviseur").
    adjustments: tuple[str, ...] = ()

    @property
    def band(self) -> str:
        """The score as goed, voldoende or onvoldoende (:data:`SCORE_BANDS`)."""
        return band(self.score)


def build(
    exchanges: Sequence[Exchange],
    norms: Norms | None = None,
    scenario_doel: str | None = None,
    goal: Goal | None = None,
    *,
    titles: Sequence[tuple[str, str]] = (),
) -> Report:
    """Score a conversation against the norms (when ``norms`` is None: those in force,
    see :mod:`~gesprekscoach.scoring.own_norms`); ``titles`` name the goal's layers."""
    norms = norms or active_norms()
    texts = load_texts()
    turns = [Turn.of(ex) for ex in exchanges]
    arc = arc_of(exchanges)
    if not turns:
        return Report(0, 0, (), 0, empty_rules(norms, texts), arc, (), (), (), scenario_doel,
                      norms.source, _goal(exchanges, goal, titles))
    competences = competences_of(turns)
    ctx = Context(turns, arc, competences, norms, texts)
    rules = score_rules(ctx)
    total_weight = sum(r.weight for r in rules)
    uncapped = round(100 * sum(r.weight * r.points for r in rules) / total_weight)
    pitfalls = find_pitfalls(ctx)
    adjusted, adjustments = _adjusted(uncapped, pitfalls, len(turns), norms)
    severe = [p for p in pitfalls if p.severe]
    caps = {p.name: norms.pitfalls[p.key].cap_at(p.share) for p in severe}
    score = max(0, min([adjusted, *caps.values()]))
    capped_by = tuple(name for name, cap in caps.items() if cap < adjusted)
    openness = tuple(ex.openness for ex in exchanges if ex.openness is not None)
    return Report(score, uncapped, capped_by, len(turns), rules, arc, competences,
                  pitfalls, openness, scenario_doel, norms.source, _goal(exchanges, goal, titles),
                  adjustments)


def _adjusted(score: int, pitfalls: Sequence[Pitfall], turns: int, norms: Norms
              ) -> tuple[int, tuple[str, ...]]:
    """The weighted mean after the norms' deductions: a named valkuil costs points, a
    short conversation counts pro rata. Each deduction is said in words."""
    said = []
    for p in pitfalls:
        penalty = norms.pitfalls[p.key].penalty
        if penalty and not p.severe:
            score -= penalty
            said.append(f"−{penalty} voor {p.name}")
    if norms.min_turns and turns < norms.min_turns:
        score = round(score * turns / norms.min_turns)
        said.append(f"× {turns}/{norms.min_turns}: een kort gesprek ({turns} "
                    f"{'docentbeurt' if turns == 1 else 'docentbeurten'}; "
                    f"voor de hele boog zijn er minstens {norms.min_turns} nodig)")
    return max(0, score), tuple(said)


def _goal(exchanges: Sequence[Exchange], goal: Goal | None,
          titles: Sequence[tuple[str, str]] = ()) -> GoalResult | None:
    return None if goal is None else goal_of(exchanges, goal.layers, goal.deepest, titles)


def report_on(session: Session, norms: Norms | None = None) -> Report:
    """The report on a session so far, against its scenario's goal."""
    scenario = session.scenario
    goal = scenario.goal if scenario is not None else None
    titles = layer_titles(scenario.layers) if scenario is not None else ()
    return build(session.exchanges, norms, (goal.description if goal else None) or None, goal,
                 titles=titles)


def touched_competences(exchanges: Sequence[Exchange]) -> tuple[str, ...]:
    """The competences the report counts so far, cheaply, for the live side panel."""
    return competences_of([Turn.of(ex) for ex in exchanges])


def to_dict(report: Report) -> dict[str, Any]:
    """The report's plain data with Dutch keys: what the store keeps and an export carries."""
    return {
        "cijfer": report.score,
        "cijfer_zonder_plafond": report.uncapped,
        "begrensd_door": list(report.capped_by),
        "beurten": report.turns,
        "doel": report.scenario_doel,
        "doel_bereikt": goal_to_dict(report.goal),
        "aanpassingen": list(report.adjustments),
        "normen": report.norms_source,
        "regels": [
            {"nummer": r.number, "regel": r.rule, "naam": r.name, "waarde": r.value,
             "gemeten": r.measured, "oordeel": r.verdict, "punten": round(r.points, 3),
             "gewicht": r.weight, "feedforward": r.feedforward}
            for r in report.rules
        ],
        "boog": {
            "bereikt": list(report.arc.reached),
            "op_volgorde": list(report.arc.in_order),
            "sprongen": [{"beurt": s.turn, "van": s.source, "naar": s.dest}
                         for s in report.arc.sprongen],
            "tijdlijn": [{"beurt": s.turn, "fase": s.phase, "sprong": s.sprong}
                         for s in report.arc.timeline],
        },
        "competenties": list(report.competences),
        "valkuilen": [
            {"valkuil": p.key, "naam": p.name, "beurten": list(p.turns), "ernstig": p.severe,
             "wat": p.what, "waarom": p.why, "feedforward": list(p.feedforward)}
            for p in report.pitfalls
        ],
        "openheid": [round(o, 3) for o in report.openness],
    }
