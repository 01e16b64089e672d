"""What every format says about a session or about progress, before the layout.

A session's heading (who, what, when) comes from its stored row, or, for a
conversation that was not stored, from the scenario; the coding of a turn and
the words for a trend are the same in text, Markdown and HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from gesprekscoach.codebook import CODES, LABELS, VIOLATIONS, is_silent, move_label
from gesprekscoach.output.format import date_time, dec, local, percent, signed

if TYPE_CHECKING:
    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.model import Exchange
    from gesprekscoach.scoring.progress import Progress, Trend
    from gesprekscoach.storage.sessions import SessionInfo

_STATUS = {"klaar": "afgerond", "afgebroken": "afgebroken (niet afgemaakt)",
           "bezig": "nog niet afgerond"}


@dataclass(frozen=True)
class SessionHeading:
    """The top of a session's report: its title, its facts, whose replies it quotes."""

    title: str                        # "Marieke met Sanne"; after "Gespreksrapport: "
    facts: tuple[tuple[str, str], ...]  # (label, value), in the order shown
    student: str                      # the name before each reply
    unfinished: bool = False          # the report so far of a conversation still going


def kind_label(info: SessionInfo) -> str:
    """``oefening (proef)`` or ``transcript``."""
    return f"oefening ({info.mode})" if info.kind == "oefening" and info.mode else info.kind


def heading(info: SessionInfo, review: tuple[tuple[str, str], ...] = ()) -> SessionHeading:
    """The heading of a stored session; ``review`` adds a trainer's corrections and notes."""
    facts = [("Docent", info.docent), ("Soort", kind_label(info))]
    if info.kind == "oefening":
        facts.append(("Student", f"{info.student_name or '?'} — {info.scenario_title or ''}"
                      .rstrip(" —")))
        facts.append(("Scenario", f"{info.scenario_id} (seed {info.seed})"))
    else:
        if info.student_name:
            facts.append(("Student", info.student_name))
        if info.scenario_title:
            facts.append(("Titel", info.scenario_title))
        facts.append(("Bestand", info.source or "?"))
    facts.append(("Begonnen", date_time(info.started_at)))
    status = _STATUS[info.status]
    if info.ended_at is not None:
        status += f" op {date_time(info.ended_at)}"
    facts.append(("Status", status))
    facts.append(("Sessie", info.id))
    facts += review
    return SessionHeading(f"{info.docent} met {info.who}", tuple(facts),
                          info.student_name or "Student", info.status == "bezig")


def unsaved_heading(scenario: Scenario, mode: str, seed: int, when: datetime) -> SessionHeading:
    """The heading of a practice conversation that no session database kept."""
    name = scenario.student.name
    facts = (("Soort", f"oefening ({mode})"),
             ("Student", f"{name} — {scenario.title}".rstrip(" —")),
             ("Scenario", f"{scenario.id} (seed {seed})"),
             ("Datum", date_time(when)))
    return SessionHeading(f"gesprek met {name}", facts, name)


#: Codes beside the primary one that a report counts: a summary and every violation.
COUNTED_BESIDES = VIOLATIONS | {"samenvatting", "meervoudige_vraag", "oordeel"}


def turn_line(ex: Exchange) -> str:
    """How a turn was coded: move, phase, the arc after it, competence, openness, sprong."""
    return " · ".join(turn_parts(ex))


def turn_parts(ex: Exchange, before: float | None = None,
               titles: Mapping[str, str] | None = None) -> list[str]:
    """The pieces of :func:`turn_line`. With ``before`` (the student's openness before
    the turn) also the change and the student's layer, which a trainer playing a
    scenario through (``simuleer``) wants to see: its title (``titles``) with the id
    she wrote in the scenario."""
    analysis = ex.analysis
    # A silence is coded as a minimal encourager; every view calls it a silence.
    silent = is_silent(ex.docent) and not ex.correction
    move = LABELS.get(analysis.code, analysis.code) if ex.correction else move_label(
        ex.docent, analysis.code)
    # What else the report counts in this turn (a summary before the question, advice
    # in it), so no count in the report stands without a turn that shows it.
    also = [LABELS.get(c, c) for c in CODES if c in analysis.codes and c != analysis.code
            and c in COUNTED_BESIDES]
    if also and not silent:
        move += f" (ook {' en '.join(also)})"
    parts = [move,
             f"fase: {LABELS.get(analysis.fase or '', '–')}",
             f"boog: {LABELS.get(ex.phase, ex.phase)}"]
    if analysis.competentie:
        parts.append(f"competentie: {LABELS.get(analysis.competentie, analysis.competentie)}")
    if ex.openness is not None:
        change = ex.openness - before if before is not None else 0.0
        shown = f" ({signed(change, 2)})" if abs(change) >= 0.005 else ""
        parts.append(f"openheid {dec(ex.openness)}{shown}")
    if before is not None and ex.layer:
        title = (titles or {}).get(ex.layer)
        parts.append(f"laag: ‘{title}’ ({ex.layer})" if title else f"laag: {ex.layer}")
    if ex.sprong:
        parts.append("sprong vooruit!")
    if ex.correction:
        parts.append(ex.correction)
    parts += [f"notitie van {note}" for note in ex.notes]
    return parts


# --------------------------------------------------------------------------- progress


def trend_words(t: Trend, *, points: bool) -> str:
    """``↗ stijgt (+0,12)``; points with two decimals, the score in whole numbers."""
    if t.direction == "–":
        return "– (één sessie)"
    amount = signed(t.change, 2) if points else signed(t.change)
    return f"{t.arrow} {t.direction} ({amount})"


def period(progress: Progress) -> str:
    """``3 afgeronde sessies, 2 maart 2026 – 9 maart 2026``."""
    first, last = progress.sessions[0].started_at, progress.sessions[-1].started_at
    n = len(progress.sessions)
    count = "1 afgeronde sessie" if n == 1 else f"{n} afgeronde sessies"
    total = sum(len(s.sessions) for s in progress.series) + progress.left_out
    if total > n and progress.current is not None:
        # Never "1 afgeronde sessie" when she has more: the trend is over one series.
        count = f"{total} afgeronde sessies (trend over {n}: {progress.current.label})"
    counted = f"; opnieuw geteld met de normen uit {progress.norms}" if progress.norms else ""
    if local(first).date() == local(last).date():
        return f"{count} op {date_time(first).split(',')[0]}{counted}"
    return f"{count}, {date_time(first).split(',')[0]} – {date_time(last).split(',')[0]}{counted}"


def series_lines(progress: Progress) -> list[str]:
    """Which sessions the trend is over, and the score trend of every other kind × scenario."""
    current = progress.current
    lines = []
    if current is not None and len(progress.series) > 1:
        lines.append(f"De trend is over {current.label} ({len(current.sessions)} "
                     f"{'sessie' if len(current.sessions) == 1 else 'sessies'}); andere soorten "
                     "en scenario's tellen apart (kies met --soort en --scenario):")
        for s in progress.series:
            mark = "*" if s is current else "-"
            count = f"{len(s.sessions)} {'sessie' if len(s.sessions) == 1 else 'sessies'}"
            lines.append(f"  {mark} {s.label}: {count}, gemiddeld {dec(s.score.mean, 0)}, "
                         f"{trend_words(s.score, points=False)}")
    if progress.left_out:
        lines.append(f"{progress.left_out} transcript{'' if progress.left_out == 1 else 'en'} "
                     "zonder antwoorden van de student of met minder dan 3 docentbeurten "
                     "telt niet mee (tel ze mee met --alles).")
    return lines


def advice(progress: Progress) -> list[str]:
    """The strongest rule and the one to work on, as sentences."""
    strong, weak = progress.strongest, progress.weakest
    lines = []
    if strong is not None:
        lines.append(f"Sterkst: {strong.name} (gemiddeld {percent(strong.trend.mean)} "
                     "van de punten).")
    if weak is not None and weak.trend.mean < (strong.trend.mean if strong else 1.0):
        lines.append(f"Om aan te werken: {weak.name} (gemiddeld {percent(weak.trend.mean)} "
                     "van de punten).")
    return lines
