"""The phase and the competence of a turn by the rule pack's weighted cues: the
docent's own words first, the student's turn when those say little."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gesprekscoach.analysis.rulepack import CueTable, RulePack
from gesprekscoach.codebook import COMPETENTIES, PHASELESS, VIOLATIONS
from gesprekscoach.model import Segment

#: Cues of at least this weight name the focus of a turn and add up; lighter cues
#: are context (a workplace, a sector) and only the strongest of them counts.
FOCUS_WEIGHT = 3.0


def _score(table: CueTable, text: str, weight: float,
           into: dict[str, float], *, focus_only_adds: bool = False, context_counts: bool = True) -> None:
    """Add the weights of the cues found in ``text`` to ``into``.

    With ``focus_only_adds``, light cues (context) count only once, by the strongest;
    without ``context_counts`` they do not count at all.
    """
    if weight <= 0 or not text:
        return
    focus: dict[str, float] = {}
    context: dict[str, float] = {}
    for index in table.patterns.matching(text):
        name, points = table.cues[index]
        if points >= FOCUS_WEIGHT or not focus_only_adds:
            focus[name] = focus.get(name, 0.0) + points
        elif context_counts:
            context[name] = max(context.get(name, 0.0), points)
    for name in focus.keys() | context.keys():
        into[name] = into.get(name, 0.0) + (focus.get(name, 0.0) + context.get(name, 0.0)) * weight


def _best(scores: Mapping[str, float], order: Sequence[str]) -> str | None:
    if not scores:
        return None
    top = max(scores.values())
    if top <= 0:
        return None
    return next(name for name in order if scores.get(name, 0.0) == top)


#: A question whose own cues reach this score serves its phase clearly; the
#: student's previous turn then no longer counts.
CLEAR_PHASE = 4.0


def _phase(code: str, segments: Sequence[Segment], student: str, pack: RulePack) -> str | None:
    if code in PHASELESS:
        return None
    own = " ".join(pack.plain(s.text) for s in segments if s.move not in VIOLATIONS)
    scores: dict[str, float] = {}
    if code == "overig":
        _score(pack.phases, own, 1.0, scores)
        return _best({k: v for k, v in scores.items() if k in ("opening", "afsluiting") and v >= 2},
                     pack.phase_order)
    asked = " ".join(pack.plain(s.text) for s in segments if s.move == code)
    _score(pack.phases, asked or own, 1.0, scores)
    weight = pack.student_weight.get(code, 0.0)
    told = pack.plain(student)
    if weight and max(scores.values(), default=0.0) < CLEAR_PHASE:
        _score(pack.student_phases, told, weight, scores)
        _score(pack.phases, told, weight * 0.5, scores)
    best = _best(scores, pack.phase_order)
    if best:
        return best
    return {"samenvatting": "verbreden_verdiepen", "doorvraag": "verbreden_verdiepen"}.get(code, "terugkijken")


#: Codes whose competence also follows the student's topic: a follow-up or a
#: restatement says little of its own.
STUDENT_TOPIC_CODES = frozenset({"doorvraag", "samenvatting", "gesloten_vraag", "meervoudige_vraag"})
#: How much the student's turn counts for the competence, and how much when the
#: docent's own words name no competence at all.
STUDENT_WEIGHT = 0.5
BARE_PROBE_WEIGHT = 1.0


def _competence(code: str, fase: str | None, segments: Sequence[Segment], student: str,
                pack: RulePack) -> str | None:
    if code in ("aanmoediging", "overig"):
        return None
    main = next((s for s in segments if s.move == code), None)
    if main and pack.no_competence.first_match(pack.plain(main.text)):
        return None
    # A question about the events of an experience: the workplace is only the scene.
    scene = not (main and pack.event_questions.first_match(pack.plain(main.text)))
    own = " ".join(pack.plain(s.text) for s in segments if s.move not in ("overig", "aanmoediging"))
    scores: dict[str, float] = {}
    _score(pack.competences, own, 1.0, scores, focus_only_adds=True, context_counts=scene)
    if code in STUDENT_TOPIC_CODES or not scores:
        # A bare probe ("Kun je daar meer over vertellen?") takes the student's topic whole.
        weight = BARE_PROBE_WEIGHT if code in STUDENT_TOPIC_CODES and not scores else STUDENT_WEIGHT
        _score(pack.competences, pack.plain(student), weight, scores, focus_only_adds=True, context_counts=scene)
    for name, points in pack.phase_competence.get(fase or "", {}).items():
        for target in (COMPETENTIES if name == "alle" else (name,)):
            scores[target] = scores.get(target, 0.0) + points
    return _best(
        {k: v for k, v in scores.items() if v >= pack.competence_threshold}, COMPETENTIES
    )

