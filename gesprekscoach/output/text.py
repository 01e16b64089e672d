"""Plain text for a terminal: a session's report, progress, the list of sessions.

User text goes out as it is, never as markup; :func:`~gesprekscoach.output.format.clean`
makes control characters visible and :func:`wrap` fits it to the width.
Also the norm of each rule as a short phrase, for the report screen.
"""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Final

from gesprekscoach.codebook import LABELS
from gesprekscoach.output.facts import (
    advice,
    heading,
    kind_label,
    period,
    series_lines,
    trend_words,
    turn_line,
)
from gesprekscoach.output.format import (
    SILENCE,
    clean,
    dec,
    is_silent,
    percent,
    short_date,
    spark,
    third_party_said,
    turn_list,
)
from gesprekscoach.scoring.norms import Norms, load_norms

if TYPE_CHECKING:
    from gesprekscoach.scoring.progress import Progress
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.storage.sessions import SessionInfo, StoredSession

TEXT_WIDTH: Final[int] = 88


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Wrap ``text`` to ``width`` columns, cut with `` …`` after ``max_lines``."""
    if not text:
        return [""]
    if max_lines is None:
        return textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    return textwrap.wrap(text, width, max_lines=max_lines, placeholder=" …",
                         break_on_hyphens=False) or [""]


def session_text(stored: StoredSession, report: Report) -> str:
    """Plain text for a terminal: facts, score, rules, arc, valkuilen, the conversation."""
    info = stored.info
    width = TEXT_WIDTH
    head = heading(info, stored.review)
    out = [clean(f"Gespreksrapport — {head.title}"), ""]
    label_width = max(len(label) for label, _ in head.facts) + 2
    for label, value in head.facts:
        lines = wrap(clean(value), width - label_width)
        out.append(f"{label + ':':<{label_width}}{lines[0]}")
        out += [" " * label_width + line for line in lines[1:]]
    if head.unfinished:
        out.append("Let op: het gesprek is nog niet afgerond; dit is het rapport tot nu toe.")
    out += report_lines(report, width)
    out += ["", "Het gesprek"]
    who = clean(head.student)
    thirds = [clean(third_party_said(ex.third_party)[0]) for ex in stored.exchanges if ex.third_party]
    speaker = max(len("Docent"), len(who), *map(len, thirds)) + 2   # "Dhr. Yilmaz: …" keeps its space
    for ex in stored.exchanges:
        out.append("")
        rows = [("Docent:", SILENCE if is_silent(ex.docent) else clean(ex.docent))]
        if ex.student.strip() or not ex.third_party:  # only the third party answered: no silence
            rows.append((f"{who}:", clean(ex.student) or SILENCE))
        if ex.third_party:  # the praktijkopleider or parent in a trialoog
            third, said = third_party_said(ex.third_party)
            rows.append((f"{clean(third)}:", clean(said)))
        rows.append(("", "↳ " + turn_line(ex)))
        for row, (name, text) in enumerate(rows):
            for index, line in enumerate(wrap(text, width - speaker - 5)):
                number = str(ex.turn) if row == 0 and index == 0 else ""
                out.append(f"{number:>3}  {name if index == 0 else '':<{speaker}}{line}".rstrip())
    return "\n".join(out) + "\n"


def report_text(report: Report, width: int = TEXT_WIDTH) -> str:
    """The report without the conversation, for a terminal that just showed it
    (``simuleer``, ``oefen``): the same text ``rapport`` prints."""
    return "\n".join(["Gespreksrapport", *report_lines(report, width)]) + "\n"


def report_lines(report: Report, width: int = TEXT_WIDTH) -> list[str]:
    """Score, rules with feedforward, arc, competences and valkuilen as lines of text."""
    out: list[str] = []
    out += ["", f"Cijfer: {report.score} / 100" + (
        f" (zonder plafond {report.uncapped}; begrensd door {', '.join(report.capped_by)})"
        if report.capped_by else "")]
    if report.adjustments:
        out += wrap(clean(f"Gewogen gemiddelde {report.uncapped}, dan: "
                          f"{'; '.join(report.adjustments)}."), width)
    if report.norms_source and report.norms_source != "normen.yaml":
        out += wrap(clean(f"Normen: {report.norms_source} (eigen normen)"), width)
    if report.goal is not None:
        out += wrap(clean(f"Doel bereikt: {report.goal.sentence()}"
                          + (f" {report.goal.missed_sentence()}" if report.goal.missed
                             else "")), width)
    out += ["", "Gespreksregels"]
    name_width = max(len(r.name) for r in report.rules) + 2
    for r in report.rules:
        lines = wrap(clean(r.measured), width - name_width - 16)
        out.append(f"{r.number:>2} {r.name:<{name_width}}{r.verdict:<13}{lines[0]}")
        out += [" " * (name_width + 16) + line for line in lines[1:]]
    out += ["", "Feedforward"]
    for r in report.rules:
        lines = wrap(clean(f"{r.name} ({r.verdict}): {r.feedforward}"), width - 4)
        out.append(f"{r.number:>2}. {lines[0]}")
        out += ["    " + line for line in lines[1:]]
    out += ["", "De boog: " + (" → ".join(LABELS[p] for p in report.arc.reached) or "–")]
    if report.arc.sprongen:
        out += [f"  sprong in beurt {s.turn}: van {LABELS[s.source]} naar {LABELS[s.dest]}"
                for s in report.arc.sprongen]
    out.append("Loopbaancompetenties: " + (
        ", ".join(LABELS.get(c, c) for c in report.competences) or "geen"))
    out += ["", "Valkuilen" + ("" if report.pitfalls else ": geen gevonden")]
    for p in report.pitfalls:
        out.append(clean(f"- {p.name} ({turn_list(p.turns)})"
                         + (", beheerst het gesprek" if p.severe else "")))
        for line in p.feedforward:
            lines = wrap(clean(line), width - 4)
            out += ["    " + lines[0]] + ["    " + x for x in lines[1:]]
    return out


def progress_text(progress: Progress) -> str:
    """The trend per rule in a terminal, with a sparkline of points per session."""
    if not progress.sessions:
        return f"Nog geen afgeronde sessies van {clean(progress.docent)}.\n"
    score = progress.score
    out = [clean(f"Voortgang van {progress.docent}: {period(progress)}"), "",
           f"Cijfer: {spark([s.score for s in progress.sessions], 0, 100)}  "
           f"eerste {round(score.first)}, laatste {round(score.last)}, gemiddeld "
           f"{dec(score.mean, 0)}  {trend_words(score, points=False)}", ""]
    extra = series_lines(progress)
    for line in extra:
        indent = len(line) - len(line.lstrip())
        out += [" " * indent + part for part in wrap(clean(line), TEXT_WIDTH - indent)]
    out += [""] if extra else []
    width = max(len(r.name) for r in progress.rules) + 2
    spark_width = max(len("per sessie"), len(progress.sessions)) + 2
    out.append(f"{'Regel':<{width}}{'per sessie':<{spark_width}}{'eerste':>7}{'laatste':>8}"
               f"{'goed':>8}  trend")
    n = len(progress.sessions)
    for r in progress.rules:
        out.append(f"{r.name:<{width}}{spark(r.points):<{spark_width}}{dec(r.trend.first):>7}"
                   f"{dec(r.trend.last):>8}{f'{r.goed}/{n}':>8}  "
                   f"{trend_words(r.trend, points=True)}")
    out += ["", *advice(progress), "", "Sessies"]
    for s in progress.sessions:
        out.append(f"  {s.short_id}  {short_date(s.started_at)}  {s.kind:<10} "
                   f"{clean(s.who)[:24]:<24} {s.score:>3}")
    return "\n".join(out) + "\n"


def sessions_table(sessions: Sequence[SessionInfo], hidden: Collection[str] = ()) -> str:
    """The list ``gesprekscoach sessies`` prints; a session in ``hidden`` says so."""
    rows = [("Sessie", "Datum", "Docent", "Soort", "Met", "Beurten", "Cijfer", "Status")]
    for s in sessions:
        rows.append((s.short_id, short_date(s.started_at), clean(s.docent)[:20],
                     kind_label(s), clean(s.who)[:24], str(s.turns),
                     "" if s.score is None else str(s.score),
                     s.status + (", verborgen" if s.id in hidden else "")))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {5, 6}
    lines = []
    for row in rows:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
                 for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _at_most(value: float) -> str:
    return "geen" if value == 0 else f"≤ {dec(value)}"


def norm_text(rule: str, norms: Norms | None = None) -> str:
    """The norm of one rule in a few words, e.g. ``voldoende ≥ 50 %, goed ≥ 70 %``."""
    norm = (norms or load_norms()).rules[rule]
    v, g = norm.voldoende, norm.goed
    if rule == "niet_informeren_of_adviseren":
        return f"voldoende ≤ {dec(v)} per 10 beurten, goed {_at_most(g or 0)}"
    if rule in ("open_vragen", "doorvragen", "student_aan_het_woord"):
        return f"voldoende ≥ {percent(v)}, goed ≥ {percent(g or 0)}"
    if rule == "samenvatten":
        return f"voldoende ≥ {dec(v)}, goed: ook in elke bereikte fase"
    if rule in ("een_vraag_tegelijk", "niet_oordelen"):
        return f"voldoende {_at_most(v)}, goed {_at_most(g or 0)}"
    if rule == "boog":
        return f"voldoende ≥ {dec(v)} fasen, goed {dec(g or 0)} zonder sprong"
    if rule == "loopbaancompetenties":
        return f"voldoende ≥ {dec(v)}, goed ≥ {dec(g or 0)} van 5"
    return ""
