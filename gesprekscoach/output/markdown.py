"""Markdown: the report, a session's document, and progress.

One document for a session, whoever asks: the app's "opslaan" and
``gesprekscoach rapport --formaat md`` both call :func:`stored_markdown`, so
the same stored session gives the same bytes. It holds who, when and how
(:mod:`facts`), the report, and the conversation with the coding of every
turn, so a saved file stands on its own in a portfolio. Every text from a
docent, a student or a scenario goes through :func:`~gesprekscoach.output.format.md`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from gesprekscoach.codebook import LABELS
from gesprekscoach.output.facts import (
    SessionHeading,
    advice,
    heading,
    period,
    series_lines,
    trend_words,
    turn_line,
    unsaved_heading,
)
from gesprekscoach.output.format import (
    SILENCE,
    dec,
    dutch_list,
    is_silent,
    md,
    short_date,
    spark,
    third_party_said,
    turn_list,
)

if TYPE_CHECKING:
    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.model import Exchange
    from gesprekscoach.scoring.progress import Progress
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.storage.sessions import StoredSession

_SILENCE = f"*{SILENCE}*"


def report_markdown(report: Report) -> str:
    """The report alone as a Dutch Markdown document (``oefen`` and ``simuleer`` print it)."""
    return "\n".join(["# Gespreksrapport", "", *_report(report, level=2)]).rstrip() + "\n"


def stored_markdown(stored: StoredSession) -> str:
    """The document of a stored session: the one the app saves and ``rapport`` writes."""
    return session_markdown(heading(stored.info, stored.review), stored.exchanges, stored.report())


def unsaved_markdown(report: Report, scenario: Scenario, mode: str, seed: int,
                     exchanges: Sequence[Exchange], when: datetime) -> str:
    """The same document for a practice conversation that no session database kept."""
    return session_markdown(unsaved_heading(scenario, mode, seed, when), exchanges, report)


def session_markdown(head: SessionHeading, exchanges: Sequence[Exchange], report: Report) -> str:
    """Facts, the report one level down under "Rapport", then every turn with its coding."""
    out = [f"# Gespreksrapport: {md(head.title)}", ""]
    out += [f"- **{label}:** {md(value)}" for label, value in head.facts]
    if head.unfinished:
        out += ["", "*Het gesprek is nog niet afgerond; dit is het rapport tot nu toe.*"]
    out += ["", "## Rapport", "", "\n".join(_report(report, level=3)).rstrip(),
            "", "## Het gesprek", ""]
    student = md(head.student)
    for ex in exchanges:
        out.append(f"{ex.turn}. **Docent:** {_SILENCE if is_silent(ex.docent) else md(ex.docent)}  ")
        if ex.student.strip() or not ex.third_party:  # only the third party answered: no silence
            out.append(f"   **{student}:** {md(ex.student) or _SILENCE}  ")
        if ex.third_party:  # the praktijkopleider or parent in a trialoog
            third, said = third_party_said(ex.third_party)
            out.append(f"   **{md(third)}:** {md(said)}  ")
        out.append(f"   *{md(turn_line(ex))}*")
    return "\n".join(out).rstrip() + "\n"


def _report(report: Report, level: int) -> list[str]:
    """The report's body, its sections as headings of ``level``, below a title."""
    h2, h3 = "#" * level, "#" * (level + 1)
    out = [f"**Cijfer: {report.score} / 100**"]
    if report.capped_by:
        out.append("")
        out.append(
            f"Zonder plafond was het {report.uncapped}. Een valkuil die het gesprek "
            f"beheerst ({md(dutch_list(report.capped_by))}) begrenst het cijfer."
        )
    out.append("")
    facts = []
    if report.scenario_doel:
        facts.append(f"Doel van het scenario: {md(report.scenario_doel)}")
    if report.adjustments:
        facts.append(f"Gewogen gemiddelde {report.uncapped}, dan: "
                     f"{md('; '.join(report.adjustments))}.")
    if report.norms_source and report.norms_source != "normen.yaml":
        facts.append(f"Normen: {md(report.norms_source)} (eigen normen)")
    if report.goal is not None:
        facts.append(f"Doel bereikt: {md(report.goal.sentence())}"
                     + (f" {md(report.goal.missed_sentence())}" if report.goal.missed else ""))
    facts.append(f"Docentbeurten: {report.turns}")
    if report.openness:
        first, last = report.openness[0], report.openness[-1]
        facts.append(f"Openheid van de student: van {dec(first)} naar {dec(last)}")
    out.append("  \n".join(facts))
    out += ["", f"{h2} Gespreksregels", "",
            "| # | Regel | Gemeten | Oordeel | Punten |", "|---|---|---|---|---|"]
    for r in report.rules:
        out.append(f"| {r.number} | {md(r.name)} | {md(r.measured)} | {r.verdict} | "
                   f"{dec(r.points)} × {dec(r.weight)} |")
    out += ["", f"{h3} Feedforward per regel", ""]
    out += [f"{r.number}. **{md(r.name)}** ({r.verdict}): {md(r.feedforward)}"
            for r in report.rules]
    out += ["", f"{h2} De boog", ""]
    if report.arc.reached:
        out.append(f"Bereikt: {' → '.join(LABELS[p] for p in report.arc.reached)}  ")
        in_order = dutch_list(LABELS[p] for p in report.arc.in_order) or "geen"
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
    out += ["", f"{h2} Loopbaancompetenties", ""]
    out.append(dutch_list(report.competences) or "Geen.")
    out += ["", f"{h2} Valkuilen", ""]
    if not report.pitfalls:
        out.append("Geen valkuilen gevonden.")
    for p in report.pitfalls:
        title = p.name[:1].upper() + p.name[1:]
        severity = " — beheerst het gesprek" if p.severe else ""
        out += [f"{h3} {md(title)} ({turn_list(p.turns)}){severity}", "",
                f"{md(p.what)} {md(p.why)}", ""]
        out += [f"- {md(line)}" for line in p.feedforward]
        out.append("")
    return out


def progress_markdown(progress: Progress) -> str:
    """Progress as Markdown: the score, a table per rule with its trend, the sessions."""
    if not progress.sessions:
        return f"# Voortgang van {md(progress.docent)}\n\nNog geen afgeronde sessies.\n"
    score = progress.score
    n = len(progress.sessions)
    out = [f"# Voortgang van {md(progress.docent)}", "", md(period(progress)), "",
           f"**Cijfer:** eerste {round(score.first)}, laatste {round(score.last)}, gemiddeld "
           f"{dec(score.mean, 0)}, {md(trend_words(score, points=False))}", "",
           *(md(line.strip()) + "  " for line in series_lines(progress)), "",
           "| Regel | Per sessie | Eerste | Laatste | Goed | Trend |", "|---|---|---|---|---|---|"]
    for r in progress.rules:
        out.append(f"| {md(r.name)} | {spark(r.points)} | {dec(r.trend.first)} | "
                   f"{dec(r.trend.last)} | {r.goed}/{n} | {md(trend_words(r.trend, points=True))} |")
    out += ["", *(md(line) + "  " for line in advice(progress)), "", "## Sessies", "",
            "| Sessie | Datum | Soort | Met | Cijfer |", "|---|---|---|---|---|"]
    out += [f"| {s.short_id} | {short_date(s.started_at)} | {s.kind} | {md(s.who)} | {s.score} |"
            for s in progress.sessions]
    return "\n".join(out) + "\n"
