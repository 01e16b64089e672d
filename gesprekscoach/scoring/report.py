"""The session report: the nine dialogue rules, the arc, competences, valkuilen.

A report is computed from the exchanges alone, so a live session, a replay
and a real transcript are scored the same way. The numbers come from the
norms (``norms.py``, ``data/normen.yaml``), the words from
``data/feedforward.yaml``: trainers tune both without touching code.

Scoring: every rule gets a verdict (goed / voldoende / onvoldoende) and
points (0..1); the score is the weighted mean of the points times 100. A
valkuil that dominates the conversation (``ernstig``) caps the score, because
a conversation made of advice is no career dialogue however few questions it
stacked.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Final, Mapping, Sequence

from gesprekscoach.conversation.arc import FUTURE, MIDDLE, ArcStep, Sprong
from gesprekscoach.codebook import COMPETENTIES, LABELS, QUESTIONS, VIOLATIONS, primary
from gesprekscoach.scoring.norms import PITFALLS, RULES, Norms, load_norms
from gesprekscoach.scoring.texts import load_texts
from gesprekscoach.conversation.session import Exchange

GOED, VOLDOENDE, ONVOLDOENDE = "goed", "voldoende", "onvoldoende"

#: Moves with which a docent invites the student to talk about something.
INVITING: Final[frozenset[str]] = frozenset(
    {"open_vraag", "doorvraag", "gesloten_vraag", "meervoudige_vraag", "samenvatting"}
)
_OPEN: Final[frozenset[str]] = frozenset({"open_vraag", "doorvraag"})
_WORD = re.compile(r"\w+")
_SECOND_QUESTION = re.compile(
    r"(?:,|\s+en)\s+(?=(?:wat|hoe|welke?|waar\w*|wanneer|wie|waarom|vertel|kun|kan|zou|"
    r"wil|ben|heb|vond|vind|denk|is|was|ga|ging)\b)",
    re.IGNORECASE,
)
_MAX_QUOTE = 160


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


@dataclass(frozen=True)
class ArcReport:
    """The arc as the conversation went."""

    reached: tuple[str, ...]    # phases in the order first reached
    in_order: tuple[str, ...]   # middle phases reached without a sprong
    sprongen: tuple[Sprong, ...]
    timeline: tuple[ArcStep, ...]


@dataclass(frozen=True)
class Pitfall:
    """A valkuil as trainers name it, where it happened, and what to try instead."""

    key: str                 # key in normen.yaml, e.g. "adviseur"
    name: str                # e.g. "de adviseur"
    turns: tuple[int, ...]
    severe: bool             # it dominated the conversation and capped the score
    what: str
    why: str
    feedforward: tuple[str, ...]  # one per quoted turn


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


# ---------------------------------------------------------------------------
# building


def build(
    exchanges: Sequence[Exchange],
    norms: Norms | None = None,
    scenario_doel: str | None = None,
) -> Report:
    """Score a conversation against the norms (the defaults when ``norms`` is None)."""
    norms = norms or load_norms()
    texts = load_texts()
    turns = [_Turn.of(ex) for ex in exchanges]
    arc = _arc(exchanges)
    if not turns:
        rules = tuple(_empty_rule(rule, norms, texts) for rule in RULES)
        return Report(0, 0, (), 0, rules, arc, (), (), (), scenario_doel, norms.source)
    competences = _competences(turns)
    scorers: dict[str, Callable[..., RuleScore]] = {
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
    ctx = _Context(turns, arc, competences, norms, texts)
    rules = tuple(scorers[rule](ctx) for rule in RULES)
    total_weight = sum(r.weight for r in rules)
    uncapped = round(100 * sum(r.weight * r.points for r in rules) / total_weight)
    pitfalls = _pitfalls(ctx)
    severe = [p for p in pitfalls if p.severe]
    caps = [norms.pitfalls[p.key].cap for p in severe]
    score = min([uncapped, *caps])
    capped_by = tuple(p.name for p in severe if norms.pitfalls[p.key].cap < uncapped)
    openness = tuple(ex.openness for ex in exchanges if ex.openness is not None)
    return Report(score, uncapped, capped_by, len(turns), rules, arc, competences,
                  pitfalls, openness, scenario_doel, norms.source)


@dataclass(frozen=True)
class _Turn:
    """The facts of one exchange that the rules count."""

    ex: Exchange
    codes: frozenset[str]
    question: str | None  # the turn's question move by priority, if it asked one

    @classmethod
    def of(cls, ex: Exchange) -> _Turn:
        codes = frozenset(ex.analysis.codes) | {ex.analysis.code}
        asked = codes & QUESTIONS
        return cls(ex, codes, primary(asked) if asked else None)

    @property
    def number(self) -> int:
        return self.ex.turn


@dataclass(frozen=True)
class _Context:
    turns: list[_Turn]
    arc: ArcReport
    competences: tuple[str, ...]
    norms: Norms
    texts: Mapping[str, Any]

    @property
    def questions(self) -> list[_Turn]:
        return [t for t in self.turns if t.question]


def _arc(exchanges: Sequence[Exchange]) -> ArcReport:
    """Reached phases, in-order phases and sprongen, from the exchanges' arc states."""
    previous = "opening"
    in_order: dict[str, None] = {}
    sprongen: list[Sprong] = []
    for ex in exchanges:
        if ex.sprong:
            sprongen.append(Sprong(ex.turn, previous, ex.phase))
        elif ex.phase != previous and ex.phase in MIDDLE:
            in_order.setdefault(ex.phase)
        previous = ex.phase
    return ArcReport(
        reached=tuple(dict.fromkeys(ex.phase for ex in exchanges)),
        in_order=tuple(p for p in MIDDLE if p in in_order),
        sprongen=tuple(sprongen),
        timeline=tuple(ArcStep(ex.turn, ex.phase, ex.sprong) for ex in exchanges),
    )


def _competences(turns: Sequence[_Turn]) -> tuple[str, ...]:
    """Competences the docent asked about or summarised, without steering.

    A turn counts when it invites the student (a question or a summary) and
    is not advice, information or a leading question: advice about the
    network tells the student nothing they explored themselves.
    """
    touched = {
        t.ex.analysis.competentie
        for t in turns
        if t.ex.analysis.competentie and t.codes & INVITING and t.ex.analysis.code not in VIOLATIONS
    }
    return tuple(c for c in COMPETENTIES if c in touched)


def touched_competences(exchanges: Sequence[Exchange]) -> tuple[str, ...]:
    """The competences the report counts so far, cheaply, for the live side panel."""
    return _competences([_Turn.of(ex) for ex in exchanges])


# ---------------------------------------------------------------------------
# the nine rules


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


def _score(ctx: _Context, rule: str, value: float | None, measured: str, verdict: str,
           points: float, template: str | None = None, **extra: str) -> RuleScore:
    text = ctx.texts["regels"][rule]
    feedforward = text[template or verdict].format(waarde=measured, **extra)
    return RuleScore(rule, RULES.index(rule) + 1, text["naam"], value, measured, verdict,
                     points, ctx.norms.rules[rule].weight, feedforward)


def _rule_inform(ctx: _Context) -> RuleScore:
    rule = "niet_informeren_of_adviseren"
    norm = ctx.norms.rules[rule]
    hits = [t.number for t in ctx.turns if t.codes & VIOLATIONS]
    n = len(ctx.turns)
    allowed = math.ceil(n * norm.voldoende / 10)
    verdict, points = _verdict_max(len(hits), allowed, norm.goed or 0, ctx.norms)
    if hits:
        measured = (f"{_times(len(hits))} advies of informatie in {_n(n, 'beurt', 'beurten')} "
                    f"({turn_list(hits)})")
    else:
        measured = f"Geen advies of informatie in {_n(n, 'beurt', 'beurten')}"
    return _score(ctx, rule, len(hits), measured, verdict, points)


def _rule_open(ctx: _Context) -> RuleScore:
    rule = "open_vragen"
    norm = ctx.norms.rules[rule]
    questions = ctx.questions
    if not questions:
        return _score(ctx, rule, None, "Geen vragen gesteld", ONVOLDOENDE, 0.0, "geen")
    count = sum(1 for t in questions if t.question in _OPEN)
    share = count / len(questions)
    measured = f"{count} van {_n(len(questions), 'vraag', 'vragen')} open ({_pct(share)})"
    verdict, points = _verdict_min(share, norm.voldoende, norm.goed, ctx.norms)
    return _score(ctx, rule, share, measured, verdict, points)


def _rule_follow_up(ctx: _Context) -> RuleScore:
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
    measured = (f"{count} van {_n(len(questions), 'vraag', 'vragen')} waren doorvragen "
                f"({_pct(share)})")
    if longest > 1:
        measured += f"; langste reeks doorvragen: {longest}"
    verdict, points = _verdict_min(share, norm.voldoende, norm.goed, ctx.norms)
    return _score(ctx, rule, share, measured, verdict, points)


def _rule_summaries(ctx: _Context) -> RuleScore:
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
        measured = _n(len(summaries), "samenvatting", "samenvattingen")
        if covered:
            measured += f", in {_labels(p for p in MIDDLE if p in covered)}"
        if missing:
            measured += f"; niet in {_labels(missing)}"
    if not missing:
        ontbreekt = "elke fase van de boog"
    else:
        ontbreekt = f"{'de fase' if len(missing) == 1 else 'de fasen'} {_labels(missing)}"
    return _score(ctx, rule, len(summaries), measured, verdict, points, ontbreekt=ontbreekt)


def _rule_stacked(ctx: _Context) -> RuleScore:
    rule = "een_vraag_tegelijk"
    norm = ctx.norms.rules[rule]
    hits = [t.number for t in ctx.turns if "meervoudige_vraag" in t.codes]
    verdict, points = _verdict_max(len(hits), norm.voldoende, norm.goed or 0, ctx.norms)
    if hits:
        measured = (f"{_n(len(hits), 'beurt', 'beurten')} met meerdere vragen tegelijk "
                    f"({turn_list(hits)})")
    else:
        measured = "Steeds één vraag tegelijk"
    return _score(ctx, rule, len(hits), measured, verdict, points)


def _rule_judge(ctx: _Context) -> RuleScore:
    rule = "niet_oordelen"
    norm = ctx.norms.rules[rule]
    hits = [t.number for t in ctx.turns if "oordeel" in t.codes]
    verdict, points = _verdict_max(len(hits), norm.voldoende, norm.goed or 0, ctx.norms)
    if hits:
        measured = f"{_n(len(hits), 'oordeel', 'oordelen')} ({turn_list(hits)})"
    else:
        measured = "Geen oordelen"
    return _score(ctx, rule, len(hits), measured, verdict, points)


def _rule_words(ctx: _Context) -> RuleScore:
    rule = "student_aan_het_woord"
    norm = ctx.norms.rules[rule]
    docent = sum(len(_WORD.findall(t.ex.docent)) for t in ctx.turns)
    student = sum(len(_WORD.findall(t.ex.student)) for t in ctx.turns)
    if docent + student == 0:
        return _score(ctx, rule, None, "Geen woorden", ONVOLDOENDE, 0.0, "geen")
    share = student / (docent + student)
    measured = (f"De student sprak {_pct(share)} van de woorden "
                f"({student} van {docent + student})")
    verdict, points = _verdict_min(share, norm.voldoende, norm.goed, ctx.norms)
    return _score(ctx, rule, share, measured, verdict, points)


def _rule_arc(ctx: _Context) -> RuleScore:
    """In-order middle phases; goed also needs a conversation without any sprong."""
    rule = "boog"
    norm = ctx.norms.rules[rule]
    arc = ctx.arc
    count = len(arc.in_order)
    verdict, points = _verdict_min(count, norm.voldoende, norm.goed, ctx.norms,
                                   goed_ok=not arc.sprongen)
    measured = f"{count} van {len(MIDDLE)} fasen op volgorde bereikt"
    if arc.in_order:
        measured += f" ({_labels(arc.in_order)})"
    if arc.sprongen:
        jumps = "; ".join(
            f"beurt {s.turn}: van {LABELS[s.source]} naar {LABELS[s.dest]}" for s in arc.sprongen)
        measured += f"; {_n(len(arc.sprongen), 'sprong', 'sprongen')} ({jumps})"
    return _score(ctx, rule, count, measured, verdict, points)


def _rule_competences(ctx: _Context) -> RuleScore:
    rule = "loopbaancompetenties"
    norm = ctx.norms.rules[rule]
    touched = ctx.competences
    verdict, points = _verdict_min(len(touched), norm.voldoende, norm.goed, ctx.norms)
    measured = f"{len(touched)} van {len(COMPETENTIES)} competenties"
    if touched:
        measured += f": {_dutch_list(touched)}"
    missing = [c for c in COMPETENTIES if c not in touched]
    info = ctx.texts["competenties"]
    first = missing[0] if missing else COMPETENTIES[0]
    return _score(ctx, rule, len(touched), measured, verdict, points,
                  ontbreekt=info[first]["omschrijving"], voorbeeld=info[first]["vraag"])


def _empty_rule(rule: str, norms: Norms, texts: Mapping[str, Any]) -> RuleScore:
    return RuleScore(rule, RULES.index(rule) + 1, texts["regels"][rule]["naam"], None,
                     "Nog geen gesprek", ONVOLDOENDE, 0.0, norms.rules[rule].weight,
                     texts["leeg"])


# ---------------------------------------------------------------------------
# valkuilen


def _pitfalls(ctx: _Context) -> tuple[Pitfall, ...]:
    """The valkuilen found, each with its turns, severity and quoted feedforward."""
    n = len(ctx.turns)
    questions = ctx.questions
    ahead = _ahead_turns(ctx.turns, ctx.norms.pitfalls["vooruitspringer"].explored_turns)

    def turns_with(*codes: str) -> list[_Turn]:
        return [t for t in ctx.turns if t.codes & set(codes)]

    closed = [t for t in questions if t.question == "gesloten_vraag"]
    # Per valkuil: the turns that show it, and its share (of turns, or of questions).
    hits: dict[str, list[_Turn]] = {
        "adviseur": turns_with("advies", "suggestieve_vraag"),
        "informeerder": turns_with("informeren"),
        "gesloten_vragensteller": closed,
        "vooruitspringer": [t for t in ctx.turns if t.ex.sprong and t.ex.phase in FUTURE],
        "stapelaar": turns_with("meervoudige_vraag"),
        "oordelaar": turns_with("oordeel"),
    }
    shares = {key: len(found) / n for key, found in hits.items()}
    shares["gesloten_vragensteller"] = len(closed) / len(questions) if questions else 0.0
    shares["vooruitspringer"] = len(ahead) / n
    result = []
    for key in PITFALLS:
        turns, share = hits[key], shares[key]
        norm = ctx.norms.pitfalls[key]
        if len(turns) < max(1, norm.found_from) or share < norm.found_share:
            continue
        text = ctx.texts["valkuilen"][key]
        examples = turns[: int(ctx.texts["citaten_per_valkuil"])]
        feedforward = tuple(
            text["citaat"].format(beurt=t.number, citaat=_quote(t, key),
                                  voorstel=_proposal(t, key, ctx))
            for t in examples
        )
        result.append(Pitfall(key, text["naam"], tuple(t.number for t in turns),
                              share >= norm.severe_share, text["wat"], text["waarom"],
                              feedforward))
    return tuple(result)


def _ahead_turns(turns: Sequence[_Turn], explored_turns: int) -> list[_Turn]:
    """Turns spent in the future after a blind sprong there, until the docent went back.

    A sprong is blind when the docent had spent fewer than ``explored_turns``
    turns in verbreden en verdiepen: the vooruitspringer never tried to
    explore. A docent who did, but whose student told nothing, still gets the
    sprong in the arc, but the valkuil does not dominate the conversation.
    """
    ahead, exploring, out = False, 0, []
    for t in turns:
        if t.ex.phase in FUTURE:
            ahead = ahead or (t.ex.sprong and exploring < explored_turns)
        else:
            ahead = False
        exploring += t.ex.phase == "verbreden_verdiepen"
        if ahead:
            out.append(t)
    return out


#: The move codes whose words are quoted for each valkuil.
_QUOTED: Final[dict[str, frozenset[str]]] = {
    "adviseur": frozenset({"advies", "suggestieve_vraag"}),
    "informeerder": frozenset({"informeren"}),
    "gesloten_vragensteller": frozenset({"gesloten_vraag"}),
    "vooruitspringer": frozenset(),
    "stapelaar": frozenset(),
    "oordelaar": frozenset({"oordeel"}),
}


def _quote(turn: _Turn, key: str) -> str:
    """The docent's own words that show the valkuil: its segments, else the turn."""
    moves = _QUOTED[key]
    parts = [s.text.strip() for s in turn.ex.analysis.segments if s.move in moves]
    return _shorten(" ".join(parts) if parts else turn.ex.docent)


def _proposal(turn: _Turn, key: str, ctx: _Context) -> str:
    """What the docent could say instead, from the turn itself where possible."""
    options = ctx.texts["valkuilen"][key]["voorstellen"]
    analysis = turn.ex.analysis
    if key in ("adviseur", "informeerder"):
        return options.get(analysis.competentie or "", options["standaard"])
    if key == "gesloten_vragensteller":
        return options.get(analysis.fase or turn.ex.phase, options["standaard"])
    if key == "vooruitspringer":
        earlier = [t.ex for t in ctx.turns if t.number < turn.number]
        told = any(ex.phase == "terugkijken" or ex.layer in ("terugkijken", "verbreden_verdiepen")
                   for ex in earlier)
        return options["niet_verkend" if told else "geen_ervaring"]
    if key == "stapelaar":
        return _first_question(turn) or options["standaard"]
    # oordelaar: the question the turn also asked, without the judgement.
    rest = [s.text.strip() for s in analysis.segments
            if s.move in QUESTIONS and s.move != "meervoudige_vraag"]
    if rest:
        return _shorten(" ".join(rest))
    return options.get(analysis.competentie or "", options["standaard"])


def _first_question(turn: _Turn) -> str:
    """One question out of a stack, an open one if the stack holds one; "" if none is found."""
    segments = [s for s in turn.ex.analysis.segments
                if s.move in QUESTIONS and s.move != "meervoudige_vraag"]
    if segments:
        best = min(segments, key=lambda s: s.move not in _OPEN)  # first open one, else first
        return _shorten(_as_question(best.text))
    text = turn.ex.docent.strip()
    if text.count("?") >= 2:
        return _shorten(_as_question(text.split("?", 1)[0]))
    # "Hoe ging het en wat vond je ervan?": cut before the second question word.
    match = _SECOND_QUESTION.search(text)
    return _shorten(_as_question(text[: match.start()])) if match else ""


def _as_question(text: str) -> str:
    text = text.strip().rstrip(".?!,; ")
    return (text[:1].upper() + text[1:] + "?") if text else ""


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1].rstrip() + "…"


# ---------------------------------------------------------------------------
# Dutch phrasing


def _pct(share: float) -> str:
    return f"{round(100 * share)} %"


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _times(count: int) -> str:
    return "1 keer" if count == 1 else f"{count} keer"


def _dutch_list(items: Sequence[str] | Any) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _labels(phases: Any) -> str:
    return _dutch_list([LABELS[p] for p in phases])


def turn_list(numbers: Sequence[int]) -> str:
    """"beurt 4", "beurten 2, 5 en 9": how every view names the turns of a finding."""
    word = "beurt" if len(numbers) == 1 else "beurten"
    return f"{word} {_dutch_list([str(n) for n in numbers])}"


# ---------------------------------------------------------------------------
# output


def to_dict(report: Report) -> dict[str, Any]:
    """A JSON-ready view with Dutch keys, for export to a portfolio or a group."""
    return {
        "cijfer": report.score,
        "cijfer_zonder_plafond": report.uncapped,
        "begrensd_door": list(report.capped_by),
        "beurten": report.turns,
        "doel": report.scenario_doel,
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


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Plain text (which may quote the docent) made safe inside Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(report: Report) -> str:
    """The report as a Dutch Markdown document, for saving or sharing."""
    out = ["# Gespreksrapport", ""]
    out.append(f"**Cijfer: {report.score} / 100**")
    if report.capped_by:
        out.append("")
        out.append(
            f"Zonder plafond was het {report.uncapped}. Een valkuil die het gesprek "
            f"beheerst ({_md(_dutch_list(report.capped_by))}) begrenst het cijfer."
        )
    out.append("")
    facts = []
    if report.scenario_doel:
        facts.append(f"Doel van het scenario: {_md(report.scenario_doel)}")
    facts.append(f"Docentbeurten: {report.turns}")
    if report.openness:
        first, last = report.openness[0], report.openness[-1]
        facts.append(f"Openheid van de student: van {_dec(first)} naar {_dec(last)}")
    out.append("  \n".join(facts))
    out += ["", "## Gespreksregels", "",
            "| # | Regel | Gemeten | Oordeel | Punten |", "|---|---|---|---|---|"]
    for r in report.rules:
        out.append(f"| {r.number} | {_md(r.name)} | {_md(r.measured)} | {r.verdict} | "
                   f"{_dec(r.points)} × {_dec(r.weight)} |")
    out += ["", "### Feedforward per regel", ""]
    out += [f"{r.number}. **{_md(r.name)}** ({r.verdict}): {_md(r.feedforward)}"
            for r in report.rules]
    out += ["", "## De boog", ""]
    if report.arc.reached:
        out.append(f"Bereikt: {' → '.join(LABELS[p] for p in report.arc.reached)}  ")
        in_order = _labels(report.arc.in_order) if report.arc.in_order else "geen"
        out.append(f"Op volgorde: {in_order}")
    else:
        out.append("Nog geen fase bereikt.")
    if report.arc.sprongen:
        out += ["", "Sprongen:", ""]
        out += [f"- beurt {s.turn}: van {LABELS[s.source]} naar {LABELS[s.dest]}"
                for s in report.arc.sprongen]
    if report.arc.timeline:
        out += ["", "| Beurt | Fase | Sprong |", "|---|---|---|"]
        out += [f"| {s.turn} | {LABELS[s.phase]} | {'ja' if s.sprong else ''} |"
                for s in report.arc.timeline]
    out += ["", "## Loopbaancompetenties", ""]
    out.append(_dutch_list(report.competences) if report.competences else "Geen.")
    out += ["", "## Valkuilen", ""]
    if not report.pitfalls:
        out.append("Geen valkuilen gevonden.")
    for p in report.pitfalls:
        title = p.name[:1].upper() + p.name[1:]
        severity = " — beheerst het gesprek" if p.severe else ""
        out += [f"### {_md(title)} ({turn_list(p.turns)}){severity}", "",
                f"{_md(p.what)} {_md(p.why)}", ""]
        out += [f"- {_md(line)}" for line in p.feedforward]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _dec(value: float) -> str:
    """A number the Dutch way: 0,7 rather than 0.7; whole numbers without decimals."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").replace(".", ",")
