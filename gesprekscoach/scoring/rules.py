"""The nine dialogue rules: each gets a verdict, points and feedforward.

Every rule gets a verdict (goed / voldoende / onvoldoende) and points (0..1)
against its norm in ``data/normen.yaml``; its words come from
``data/feedforward.yaml``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gesprekscoach.codebook import COMPETENTIES, LABELS, VIOLATIONS
from gesprekscoach.conversation.arc import MIDDLE
from gesprekscoach.scoring.context import OPEN, Context
from gesprekscoach.scoring.norms import RULES, Norms
from gesprekscoach.scoring.phrasing import (
    counted,
    dutch_list,
    percent,
    phase_labels,
    times,
    turn_list,
)

GOED, VOLDOENDE, ONVOLDOENDE = "goed", "voldoende", "onvoldoende"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class RuleScore:
    """How one dialogue rule went, and what to try next time."""

    rule: str           # key in normen.yaml, e.g. "open_vragen"
    number: int         # 1..9, as in codebook §5
    name: str           # Dutch, e.g. "Open vragen"
    value: float | None  # raw measure (count or share); None when there was nothing to measure
    measured: str       # the measure as a Dutch sentence
    verdict: str        # goed / voldoende / onvoldoende
    points: float       # 0..1
    weight: float
    feedforward: str

    @property
    def needs_work(self) -> bool:
        """Whether the rule's feedforward is worth showing: it did not go well."""
        return self.verdict != GOED

    @property
    def advice(self) -> str:
        """The feedforward without the measure it opens with, for a view that shows both."""
        if self.feedforward.startswith(self.measured):
            return self.feedforward[len(self.measured):].lstrip(". ")
        return self.feedforward


def score_rules(ctx: Context) -> tuple[RuleScore, ...]:
    """Every rule, in codebook order."""
    scorers: dict[str, Callable[[Context], RuleScore]] = {
        "niet_informeren_of_adviseren": _rule_inform,
        "open_vragen": _rule_open,
        "doorvragen": _rule_follow_up,
        "samenvatten": _rule_summaries,
        "een_vraag_tegelijk": _rule_stacked,
        "niet_oordelen": _rule_judge,
        "student_aan_het_woord": _rule_words,
        "boog": _rule_arc,
        "loopbaancompetenties": _rule_competences,
    }
    return tuple(scorers[rule](ctx) for rule in RULES)


def empty_rules(norms: Norms, texts: Mapping[str, Any]) -> tuple[RuleScore, ...]:
    """Every rule for a conversation without turns: nothing to measure yet."""
    return tuple(
        RuleScore(rule, RULES.index(rule) + 1, texts["regels"][rule]["naam"], None,
                  "Nog geen gesprek", ONVOLDOENDE, 0.0, norms.rules[rule].weight, texts["leeg"])
        for rule in RULES)


def _verdict_min(value: float | None, vold: float, goed: float | None, norms: Norms,
                 *, goed_ok: bool = True) -> tuple[str, float]:
    """Verdict and points for a rule where more is better."""
    if value is not None and goed is not None and value >= goed and goed_ok:
        return GOED, norms.points_goed
    if value is not None and value >= vold:
        return VOLDOENDE, norms.points_voldoende
    if value is None or not norms.pro_rata or vold <= 0:
        return ONVOLDOENDE, 0.0
    return ONVOLDOENDE, max(0.0, min(1.0, norms.points_voldoende * value / vold))


def _verdict_max(count: int, allowed: float, goed: float, norms: Norms) -> tuple[str, float]:
    """Verdict and points for a rule where fewer is better."""
    if count <= goed:
        return GOED, norms.points_goed
    if count <= allowed:
        return VOLDOENDE, norms.points_voldoende
    return ONVOLDOENDE, 0.0


def _score(ctx: Context, rule: str, value: float | None, measured: str, verdict: str,
           points: float, template: str | None = None, **extra: str) -> RuleScore:
    text = ctx.texts["regels"][rule]
    feedforward = text[template or verdict].format(waarde=measured, **extra)
    return RuleScore(rule, RULES.index(rule) + 1, text["naam"], value, measured, verdict,
                     points, ctx.norms.rules[rule].weight, feedforward)


def _rule_inform(ctx: Context) -> RuleScore:
    rule = "niet_informeren_of_adviseren"
    norm = ctx.norms.rules[rule]
    hits = [t.number for t in ctx.turns if t.codes & VIOLATIONS]
    n = len(ctx.turns)
    allowed = math.ceil(n * norm.voldoende / 10)
    verdict, points = _verdict_max(len(hits), allowed, norm.goed or 0, ctx.norms)
    if hits:
        measured = (f"{times(len(hits))} advies of informatie in {counted(n, 'beurt', 'beurten')} "
                    f"({turn_list(hits)})")
    else:
        measured = f"Geen advies of informatie in {counted(n, 'beurt', 'beurten')}"
    return _score(ctx, rule, len(hits), measured, verdict, points)


def _rule_open(ctx: Context) -> RuleScore:
    rule = "open_vragen"
    norm = ctx.norms.rules[rule]
    questions = ctx.questions
    if not questions:
        return _score(ctx, rule, None, "Geen vragen gesteld", ONVOLDOENDE, 0.0, "geen")
    count = sum(1 for t in questions if t.question in OPEN)
    share = count / len(questions)
    measured = f"{count} van {counted(len(questions), 'vraag', 'vragen')} open ({percent(share)})"
    verdict, points = _verdict_min(share, norm.voldoende, norm.goed, ctx.norms)
    return _score(ctx, rule, share, measured, verdict, points)


def _rule_follow_up(ctx: Context) -> RuleScore:
    rule = "doorvragen"
    norm = ctx.norms.rules[rule]
    questions = ctx.questions
    if not questions:
        return _score(ctx, rule, None, "Geen vragen gesteld", ONVOLDOENDE, 0.0, "geen")
    count = sum(1 for t in questions if t.question == "doorvraag")
    share = count / len(questions)
    chain = longest = 0
    for t in ctx.turns:
        chain = chain + 1 if t.question == "doorvraag" else 0
        longest = max(longest, chain)
    measured = (f"{count} van {counted(len(questions), 'vraag', 'vragen')} waren doorvragen "
                f"({percent(share)})")
    if longest > 1:
        measured += f"; langste reeks doorvragen: {longest}"
    verdict, points = _verdict_min(share, norm.voldoende, norm.goed, ctx.norms)
    return _score(ctx, rule, share, measured, verdict, points)


def _rule_summaries(ctx: Context) -> RuleScore:
    """Goed needs a summary in every middle phase reached, as well as the count.

    A summary counts for a phase when it serves that phase or was made while
    the arc was in it.
    """
    rule = "samenvatten"
    norm = ctx.norms.rules[rule]
    summaries = [t for t in ctx.turns if "samenvatting" in t.codes]
    covered = {p for t in summaries for p in (t.ex.analysis.fase, t.ex.phase) if p in MIDDLE}
    reached = [p for p in ctx.arc.reached if p in MIDDLE]
    missing = [p for p in reached if p not in covered]
    everywhere = bool(reached) and not missing
    verdict, points = _verdict_min(len(summaries), norm.voldoende, norm.voldoende, ctx.norms,
                                   goed_ok=everywhere)
    if not summaries:
        measured = "Geen samenvattingen"
    else:
        measured = counted(len(summaries), "samenvatting", "samenvattingen")
        if covered:
            measured += f", in {phase_labels(p for p in MIDDLE if p in covered)}"
        if missing:
            measured += f"; niet in {phase_labels(missing)}"
    if not missing:
        ontbreekt = "elke fase van de boog"
    else:
        ontbreekt = f"{'de fase' if len(missing) == 1 else 'de fasen'} {phase_labels(missing)}"
    return _score(ctx, rule, len(summaries), measured, verdict, points, ontbreekt=ontbreekt)


def _rule_stacked(ctx: Context) -> RuleScore:
    rule = "een_vraag_tegelijk"
    norm = ctx.norms.rules[rule]
    hits = [t.number for t in ctx.turns if "meervoudige_vraag" in t.codes]
    verdict, points = _verdict_max(len(hits), norm.voldoende, norm.goed or 0, ctx.norms)
    if hits:
        measured = (f"{counted(len(hits), 'beurt', 'beurten')} met meerdere vragen tegelijk "
                    f"({turn_list(hits)})")
    else:
        measured = "Steeds één vraag tegelijk"
    return _score(ctx, rule, len(hits), measured, verdict, points)


def _rule_judge(ctx: Context) -> RuleScore:
    rule = "niet_oordelen"
    norm = ctx.norms.rules[rule]
    hits = [t.number for t in ctx.turns if "oordeel" in t.codes]
    verdict, points = _verdict_max(len(hits), norm.voldoende, norm.goed or 0, ctx.norms)
    if hits:
        measured = f"{counted(len(hits), 'oordeel', 'oordelen')} ({turn_list(hits)})"
    else:
        measured = "Geen oordelen"
    return _score(ctx, rule, len(hits), measured, verdict, points)


def _rule_words(ctx: Context) -> RuleScore:
    rule = "student_aan_het_woord"
    norm = ctx.norms.rules[rule]
    docent = sum(len(_WORD.findall(t.ex.docent)) for t in ctx.turns)
    student = sum(len(_WORD.findall(t.ex.student)) for t in ctx.turns)
    if docent + student == 0:
        return _score(ctx, rule, None, "Geen woorden", ONVOLDOENDE, 0.0, "geen")
    share = student / (docent + student)
    measured = (f"De student sprak {percent(share)} van de woorden "
                f"({student} van {docent + student})")
    verdict, points = _verdict_min(share, norm.voldoende, norm.goed, ctx.norms)
    return _score(ctx, rule, share, measured, verdict, points)


def _rule_arc(ctx: Context) -> RuleScore:
    """In-order middle phases; goed also needs a conversation without any sprong."""
    rule = "boog"
    norm = ctx.norms.rules[rule]
    arc = ctx.arc
    count = len(arc.in_order)
    verdict, points = _verdict_min(count, norm.voldoende, norm.goed, ctx.norms,
                                   goed_ok=not arc.sprongen)
    measured = f"{count} van {len(MIDDLE)} fasen op volgorde bereikt"
    if arc.in_order:
        measured += f" ({phase_labels(arc.in_order)})"
    if arc.sprongen:
        jumps = "; ".join(
            f"beurt {s.turn}: van {LABELS[s.source]} naar {LABELS[s.dest]}" for s in arc.sprongen)
        measured += f"; {counted(len(arc.sprongen), 'sprong', 'sprongen')} ({jumps})"
    return _score(ctx, rule, count, measured, verdict, points)


def _rule_competences(ctx: Context) -> RuleScore:
    rule = "loopbaancompetenties"
    norm = ctx.norms.rules[rule]
    touched = ctx.competences
    verdict, points = _verdict_min(len(touched), norm.voldoende, norm.goed, ctx.norms)
    measured = f"{len(touched)} van {len(COMPETENTIES)} competenties"
    if touched:
        measured += f": {dutch_list(touched)}"
    missing = [c for c in COMPETENTIES if c not in touched]
    info = ctx.texts["competenties"]
    first = missing[0] if missing else COMPETENTIES[0]
    return _score(ctx, rule, len(touched), measured, verdict, points,
                  ontbreekt=info[first]["omschrijving"], voorbeeld=info[first]["vraag"])
