"""Stored sessions and progress as text, Markdown, HTML, CSV and JSON.

Who reads what: a docent reads ``tekst`` in the terminal; a trainer mails the
HTML (one self-contained file: inline CSS and SVG, no network, no
JavaScript) or puts it in a portfolio; a spreadsheet takes the CSV (one row
per session; semicolons and a decimal comma, as a Dutch Excel expects).
Every piece of conversation text is escaped for its format (``html.escape``
in HTML), because docents and transcripts can type anything.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import datetime
from typing import Any, Callable, Final, Iterable, Sequence

from gesprekscoach import __version__
from gesprekscoach.codebook import COMPETENTIES, FASEN, LABELS
from gesprekscoach.output.plaintext import clean, wrap
from gesprekscoach.scoring.progress import Progress, Trend
from gesprekscoach.scoring.report import Report, to_dict, to_markdown, turn_list
from gesprekscoach.scoring.norms import RULES
from gesprekscoach.storage.exchange_format import session_to_dict
from gesprekscoach.storage.sessions import SessionInfo, StoredSession

SESSION_FORMATS: Final[tuple[str, ...]] = ("tekst", "md", "html", "csv", "json")
PROGRESS_FORMATS: Final[tuple[str, ...]] = SESSION_FORMATS

MONTHS: Final[tuple[str, ...]] = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december")
DAYS: Final[tuple[str, ...]] = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
VERDICT_COLOURS: Final[dict[str, str]] = {
    "goed": "#2e7d32", "voldoende": "#b26a00", "onvoldoende": "#c62828"}
_SPARKS: Final[str] = "▁▂▃▄▅▆▇█"
TEXT_WIDTH: Final[int] = 88


# --------------------------------------------------------------------------- Dutch words


def local(moment: datetime) -> datetime:
    return moment.astimezone()


def date_time(moment: datetime) -> str:
    """``23 november 2026, 14:05`` in local time."""
    m = local(moment)
    return f"{m.day} {MONTHS[m.month - 1]} {m.year}, {m:%H:%M}"


def short_date(moment: datetime) -> str:
    """``23-11-2026 14:05`` in local time, for tables."""
    return f"{local(moment):%d-%m-%Y %H:%M}"


def relative_day(moment: datetime, now: datetime | None = None) -> str:
    """When a session was, as in "je gesprek met Sanne van gisteren"."""
    m = local(moment)
    today = local(now or datetime.now().astimezone()).date()
    days = (today - m.date()).days
    if days <= 0:
        return "eerder vandaag"
    if days == 1:
        return "gisteren"
    if days == 2:
        return "eergisteren"
    if days < 7:
        return DAYS[m.weekday()]
    year = f" {m.year}" if m.year != today.year else ""
    return f"{m.day} {MONTHS[m.month - 1]}{year}"


def kind_label(info: SessionInfo) -> str:
    """``oefening (proef)`` or ``transcript``."""
    return f"oefening ({info.mode})" if info.kind == "oefening" and info.mode else info.kind


def dec(value: float, digits: int = 2) -> str:
    """Dutch decimal comma, trailing zeros dropped: 0,7 and 1."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("0" if text in ("", "-0") else text).replace(".", ",")


def signed(value: float, digits: int = 0) -> str:
    text = dec(abs(value), digits)
    return ("+" if value > 0 else "−" if value < 0 and text != "0" else "±") + text


def _facts(info: SessionInfo) -> list[tuple[str, str]]:
    """The facts every format shows above a report, as (label, value)."""
    facts = [("Docent", info.docent), ("Soort", kind_label(info))]
    if info.kind == "oefening":
        facts.append(("Student", f"{info.student_name or '?'} — {info.scenario_title or ''}"
                      .rstrip(" —")))
        facts.append(("Scenario", f"{info.scenario_id} (seed {info.seed})"))
    else:
        facts.append(("Bestand", info.source or "?"))
    facts.append(("Begonnen", date_time(info.started_at)))
    status = {"klaar": "afgerond", "afgebroken": "afgebroken (niet afgemaakt)",
              "bezig": "nog niet afgerond"}[info.status]
    if info.ended_at is not None:
        status += f" op {date_time(info.ended_at)}"
    facts.append(("Status", status))
    facts.append(("Sessie", info.id))
    return facts


# --------------------------------------------------------------------------- one session


def render_session(stored: StoredSession, fmt: str) -> str:
    """One session's report in ``fmt`` (one of :data:`SESSION_FORMATS`)."""
    report = stored.report()
    renderers: dict[str, Callable[[StoredSession, Report], str]] = {
        "tekst": session_text, "md": session_markdown, "html": session_html,
        "csv": lambda s, r: sessions_csv([s]),
        "json": lambda s, r: json.dumps(session_json(s, r), ensure_ascii=False, indent=2) + "\n",
    }
    return renderers[fmt](stored, report)


def session_json(stored: StoredSession, report: Report) -> dict[str, Any]:
    """The session as in an export file, with the report (so far) filled in."""
    data = session_to_dict(stored)
    if data["rapport"] is None:
        data["rapport_tot_nu"] = to_dict(report)
    return data


def _turn_line(ex: Any) -> str:
    analysis = ex.analysis
    parts = [LABELS.get(analysis.code, analysis.code),
             f"fase: {LABELS.get(analysis.fase or '', '–')}",
             f"boog: {LABELS.get(ex.phase, ex.phase)}"]
    if analysis.competentie:
        parts.append(f"competentie: {LABELS.get(analysis.competentie, analysis.competentie)}")
    if ex.openness is not None:
        parts.append(f"openheid {dec(ex.openness)}")
    if ex.sprong:
        parts.append("sprong vooruit!")
    return " · ".join(parts)


def session_text(stored: StoredSession, report: Report) -> str:
    """Plain text for a terminal: facts, score, rules, arc, valkuilen, the conversation."""
    info = stored.info
    width = TEXT_WIDTH
    out = [clean(f"Gespreksrapport — {info.docent} met {info.who}"), ""]
    label_width = max(len(label) for label, _ in _facts(info)) + 2
    for label, value in _facts(info):
        lines = wrap(clean(value), width - label_width)
        out.append(f"{label + ':':<{label_width}}{lines[0]}")
        out += [" " * label_width + line for line in lines[1:]]
    out += ["", f"Cijfer: {report.score} / 100" + (
        f" (zonder plafond {report.uncapped}; begrensd door {', '.join(report.capped_by)})"
        if report.capped_by else "")]
    if info.status == "bezig":
        out.append("Let op: het gesprek is nog niet afgerond; dit is het rapport tot nu toe.")
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
    out += ["", "Het gesprek"]
    who = clean(info.student_name or "Student")
    speaker = max(len("Docent"), len(who)) + 2
    for ex in stored.exchanges:
        out.append("")
        rows = [("Docent:", clean(ex.docent) or "(stilte)"),
                (f"{who}:", clean(ex.student) or "(stilte)"), ("", "↳ " + _turn_line(ex))]
        for row, (name, text) in enumerate(rows):
            for index, line in enumerate(wrap(text, width - speaker - 5)):
                number = str(ex.turn) if row == 0 and index == 0 else ""
                out.append(f"{number:>3}  {name if index == 0 else '':<{speaker}}{line}".rstrip())
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md(text: str) -> str:
    """Text from a docent or transcript made inert in Markdown (one line)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def session_markdown(stored: StoredSession, report: Report) -> str:
    """The report's own Markdown, with the facts above and the conversation below."""
    info = stored.info
    out = [f"# Gespreksrapport: {md(info.docent)} met {md(info.who)}", ""]
    out += [f"- **{label}:** {md(value)}" for label, value in _facts(info)]
    if info.status == "bezig":
        out += ["", "*Het gesprek is nog niet afgerond; dit is het rapport tot nu toe.*"]
    body = to_markdown(report).split("\n", 1)[1]   # without its own "# Gespreksrapport"
    body = re.sub(r"^(#+) ", r"#\1 ", body, flags=re.MULTILINE)
    out += ["", "## Rapport", body.rstrip(), "", "## Het gesprek", ""]
    student = md(info.student_name or "Student")
    for ex in stored.exchanges:
        out.append(f"{ex.turn}. **Docent:** {md(ex.docent) or '*(stilte)*'}  ")
        out.append(f"   **{student}:** {md(ex.student) or '*(stilte)*'}  ")
        out.append(f"   *{md(_turn_line(ex))}*")
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- CSV


def _csv_columns() -> list[str]:
    columns = ["sessie", "docent", "soort", "modus", "scenario", "student", "bestand",
               "begonnen", "afgerond", "status", "beurten", "cijfer", "cijfer_zonder_plafond"]
    for rule in RULES:
        columns += [rule, f"{rule}_oordeel"]
    return columns + ["valkuilen", "competenties", "sprongen", "openheid_begin", "openheid_eind"]


def sessions_csv(sessions: Iterable[StoredSession]) -> str:
    """One row per session with its score and points per rule (0..1)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_csv_columns())
    for stored in sessions:
        writer.writerow(_csv_row(stored))
    return buffer.getvalue()


def _csv_row(stored: StoredSession) -> list[str]:
    info = stored.info
    report = stored.report() if stored.exchanges or stored.report_data else None
    row = [info.id, info.docent, info.kind, info.mode or "", info.scenario_id or "",
           info.student_name or "", info.source or "", short_date(info.started_at),
           short_date(info.ended_at) if info.ended_at else "", info.status, str(info.turns)]
    if report is None:
        return row + [""] * (len(_csv_columns()) - len(row))
    row += [str(report.score), str(report.uncapped)]
    by_rule = {r.rule: r for r in report.rules}
    for rule in RULES:
        r = by_rule.get(rule)
        row += [dec(r.points, 3), r.verdict] if r else ["", ""]
    openness = report.openness
    row += [", ".join(p.name for p in report.pitfalls), str(len(report.competences)),
            str(len(report.arc.sprongen)),
            dec(openness[0]) if openness else "", dec(openness[-1]) if openness else ""]
    return [_csv_safe(value) for value in row]


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (=, +, -, @)."""
    value = " ".join(value.split())
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not re.fullmatch(
        r"[-+]?\d+(,\d+)?", value) else value


# --------------------------------------------------------------------------- HTML

_CSS: Final[str] = """
:root { --ink:#1d2430; --muted:#5b6472; --line:#d9dee6; --soft:#f4f6f9; --accent:#1f5f8b;
  --goed:#2e7d32; --voldoende:#b26a00; --onvoldoende:#c62828; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .6rem;
  border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.sub { color: var(--muted); margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.top { display: flex; gap: 2rem; align-items: center; flex-wrap: wrap; }
.top dl { flex: 1 1 24rem; }
.note { background: #fff7e0; border-left: 4px solid var(--voldoende); padding: .5rem .8rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; color: #fff;
  font-size: .8rem; white-space: nowrap; }
.goed { background: var(--goed); } .voldoende { background: var(--voldoende); }
.onvoldoende { background: var(--onvoldoende); }
ol.ff li { margin-bottom: .35rem; }
.chips span { display: inline-block; margin: .15rem .3rem .15rem 0; padding: .1rem .6rem;
  border-radius: 1rem; border: 1px solid var(--line); color: var(--muted); }
.chips span.on { background: var(--accent); border-color: var(--accent); color: #fff; }
.pitfall { border-left: 4px solid var(--onvoldoende); padding: .1rem .9rem; margin: .8rem 0;
  background: var(--soft); }
.turn { display: grid; grid-template-columns: 2.2rem 1fr; gap: .1rem .6rem; padding: .5rem 0;
  border-bottom: 1px solid var(--line); break-inside: avoid; }
.turn .nr { color: var(--muted); text-align: right; }
.turn p { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
.who { font-weight: 600; }
.coded { color: var(--muted); font-size: .85rem; }
.sprong { color: var(--onvoldoende); font-weight: 600; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.up { color: var(--goed); } .down { color: var(--onvoldoende); } .flat { color: var(--muted); }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
"""


def esc(text: object) -> str:
    """Every piece of text that goes into HTML goes through here."""
    return html.escape(str(text), quote=True)


def _page(title: str, body: list[str]) -> str:
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        *body,
        f"<footer>Gemaakt met gesprekscoach {esc(__version__)} op "
        f"{esc(date_time(datetime.now().astimezone()))}.</footer>",
        "</body>",
        "</html>",
    ]) + "\n"


def _gauge(score: int) -> str:
    """The score as a ring: the share of the circle is the score."""
    colour = VERDICT_COLOURS["goed" if score >= 70 else "voldoende" if score >= 50 else
                             "onvoldoende"]
    radius, length = 42, 2 * 3.14159265 * 42
    filled = length * max(0, min(100, score)) / 100
    return (
        f'<svg width="120" height="120" viewBox="0 0 120 120" role="img" '
        f'aria-label="Cijfer {score} van 100">'
        f'<circle cx="60" cy="60" r="{radius}" fill="none" stroke="#e6e9ef" stroke-width="12"/>'
        f'<circle cx="60" cy="60" r="{radius}" fill="none" stroke="{colour}" stroke-width="12" '
        f'stroke-dasharray="{filled:.1f} {length:.1f}" transform="rotate(-90 60 60)"/>'
        f'<text x="60" y="66" text-anchor="middle" style="font-size:28px;font-weight:700;'
        f'fill:#1d2430">{score}</text>'
        f'<text x="60" y="84" text-anchor="middle">van 100</text></svg>')


def _bar(points: float, verdict: str) -> str:
    width = round(80 * max(0.0, min(1.0, points)))
    return (f'<svg width="84" height="12" viewBox="0 0 84 12" role="img" '
            f'aria-label="{esc(dec(points))} punten"><rect x="0" y="2" width="80" height="8" '
            f'rx="4" fill="#e6e9ef"/><rect x="0" y="2" width="{width}" height="8" rx="4" '
            f'fill="{VERDICT_COLOURS.get(verdict, "#888")}"/></svg>')


def _arc_chart(timeline: Sequence[Any]) -> str:
    """The arc as a step line: one row per phase, one column per turn; sprongen in red."""
    if not timeline:
        return "<p>Nog geen beurten.</p>"
    left, top, row, col = 150, 10, 24, max(8, min(36, 640 // max(1, len(timeline))))
    width = left + col * len(timeline) + 20
    height = top + row * len(FASEN) + 24
    y = {phase: top + row * i + row // 2 for i, phase in enumerate(FASEN)}
    parts = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
             'aria-label="De gespreksboog per beurt">']
    for phase in FASEN:
        parts.append(f'<line x1="{left}" y1="{y[phase]}" x2="{width - 10}" y2="{y[phase]}" '
                     'stroke="#eef0f4"/>')
        parts.append(f'<text x="{left - 8}" y="{y[phase] + 4}" text-anchor="end">'
                     f'{esc(LABELS[phase])}</text>')
    points = [(left + col * i + col // 2, y[step.phase]) for i, step in enumerate(timeline)]
    parts.append('<polyline fill="none" stroke="#1f5f8b" stroke-width="2" points="'
                 + " ".join(f"{x},{yy}" for x, yy in points) + '"/>')
    for (x, yy), step in zip(points, timeline):
        colour = "#c62828" if step.sprong else "#1f5f8b"
        radius = 5 if step.sprong else 3
        parts.append(f'<circle cx="{x}" cy="{yy}" r="{radius}" fill="{colour}">'
                     f'<title>beurt {step.turn}: {esc(LABELS[step.phase])}'
                     f'{" (sprong)" if step.sprong else ""}</title></circle>')
    ticks = _ticks(len(timeline), 16)
    for i, step in enumerate(timeline):
        if i in ticks:
            parts.append(f'<text x="{points[i][0]}" y="{height - 6}" text-anchor="middle">'
                         f'{step.turn}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _ticks(n: int, most: int) -> set[int]:
    """Which of ``n`` points get an axis label: evenly spread, the last always, none crowded."""
    every = max(1, -(-n // most))
    ticks = set(range(0, n, every))
    if n - 1 not in ticks:
        if (n - 1) - max(ticks) < every / 2:
            ticks.discard(max(ticks))
        ticks.add(n - 1)
    return ticks


def _line_chart(values: Sequence[float], *, low: float, high: float, labels: Sequence[str],
                label: str, trend_line: Trend | None = None, width: int = 640,
                height: int = 200, colours: Sequence[str] | None = None) -> str:
    """A line chart with dots, a y-axis from ``low`` to ``high`` and an optional trend line."""
    left, right, top, bottom = 40, 48, 12, 28
    inner_w, inner_h = width - left - right, height - top - bottom
    n = len(values)

    def xy(i: float, v: float) -> tuple[float, float]:
        x = left + (inner_w * (i / (n - 1)) if n > 1 else inner_w / 2)
        return x, top + inner_h * (1 - (v - low) / (high - low))

    parts = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{esc(label)}">']
    for k in range(5):
        v = low + (high - low) * k / 4
        _, yy = xy(0, v)
        parts.append(f'<line x1="{left}" y1="{yy:.1f}" x2="{width - right}" y2="{yy:.1f}" '
                     'stroke="#eef0f4"/>')
        parts.append(f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">'
                     f'{esc(dec(v, 1))}</text>')
    if trend_line is not None and n > 1:
        slope = trend_line.change / (n - 1)
        start = trend_line.mean - slope * (n - 1) / 2
        (x1, y1), (x2, y2) = xy(0, start), xy(n - 1, start + slope * (n - 1))
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     'stroke="#8a94a3" stroke-width="1.5" stroke-dasharray="5 4">'
                     '<title>trendlijn</title></line>')
    coords = [xy(i, v) for i, v in enumerate(values)]
    if n > 1:
        parts.append('<polyline fill="none" stroke="#1f5f8b" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{yy:.1f}" for x, yy in coords) + '"/>')
    ticks = _ticks(n, 8)
    for i, ((x, yy), v) in enumerate(zip(coords, values)):
        colour = colours[i] if colours else "#1f5f8b"
        parts.append(f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="4" fill="{colour}">'
                     f'<title>{esc(labels[i])}: {esc(dec(v))}</title></circle>')
        if i in ticks:
            parts.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle">'
                         f'{esc(labels[i])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _sparkline(values: Sequence[float], width: int = 120, height: int = 26) -> str:
    n = len(values)
    if n == 0:
        return ""
    step = (width - 8) / max(1, n - 1)
    coords = [(4 + (step * i if n > 1 else (width - 8) / 2),
               height - 4 - (height - 8) * max(0.0, min(1.0, v))) for i, v in enumerate(values)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    x, y = coords[-1]
    return (f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="punten per sessie: {esc(", ".join(dec(v) for v in values))}">'
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f4f6f9" rx="3"/>'
            + (f'<polyline fill="none" stroke="#1f5f8b" stroke-width="1.5" points="{line}"/>'
               if n > 1 else "")
            + f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#1f5f8b"/></svg>')


def session_html(stored: StoredSession, report: Report) -> str:
    """One self-contained HTML page a trainer can mail or put in a portfolio."""
    info = stored.info
    title = f"Gespreksrapport: {info.docent} met {info.who}"
    body = [f"<h1>{esc(title)}</h1>",
            f'<p class="sub">{esc(kind_label(info))} · {esc(date_time(info.started_at))}</p>',
            '<div class="top">', _gauge(report.score), '<dl class="facts">']
    body += [f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in _facts(info)]
    body.append(f"<dt>Docentbeurten</dt><dd>{report.turns}</dd>")
    if report.scenario_doel:
        body.append(f"<dt>Doel</dt><dd>{esc(report.scenario_doel)}</dd>")
    body += ["</dl>", "</div>"]
    if info.status == "bezig":
        body.append('<p class="note">Het gesprek is nog niet afgerond; dit is het rapport tot '
                    "nu toe.</p>")
    if report.capped_by:
        body.append(f'<p class="note">Zonder plafond was het cijfer {report.uncapped}. Een '
                    f"valkuil die het gesprek beheerst ({esc(', '.join(report.capped_by))}) "
                    "begrenst het cijfer.</p>")
    body += ["<h2>Gespreksregels</h2>", "<table>",
             '<tr><th class="num">#</th><th>Regel</th><th>Gemeten</th><th>Oordeel</th>'
             '<th>Punten</th><th class="num">Gewicht</th></tr>']
    for r in report.rules:
        body.append(
            f'<tr><td class="num">{r.number}</td><td>{esc(r.name)}</td><td>{esc(r.measured)}</td>'
            f'<td><span class="badge {esc(r.verdict)}">{esc(r.verdict)}</span></td>'
            f"<td>{_bar(r.points, r.verdict)}</td><td class=\"num\">{esc(dec(r.weight))}</td></tr>")
    body += ["</table>", "<h2>Feedforward</h2>", '<ol class="ff">']
    body += [f"<li><strong>{esc(r.name)}</strong> ({esc(r.verdict)}): {esc(r.feedforward)}</li>"
             for r in report.rules]
    body += ["</ol>", "<h2>De gespreksboog</h2>", _arc_chart(report.arc.timeline)]
    if report.arc.reached:
        body.append(f"<p>Bereikt: {esc(' → '.join(LABELS[p] for p in report.arc.reached))}. "
                    f"Op volgorde: {esc(', '.join(LABELS[p] for p in report.arc.in_order) or 'geen')}.</p>")
    if report.arc.sprongen:
        body.append("<ul>" + "".join(
            f'<li class="sprong">Sprong in beurt {s.turn}: van {esc(LABELS[s.source])} naar '
            f"{esc(LABELS[s.dest])}</li>" for s in report.arc.sprongen) + "</ul>")
    if report.openness:
        body += ["<h2>Openheid van de student</h2>",
                 _line_chart(report.openness, low=0.0, high=1.0,
                             labels=[str(i) for i in range(1, len(report.openness) + 1)],
                             label="Openheid van de student per beurt"),
                 '<p class="sub">Van 0 (gesloten) tot 1 (heel open), na elke beurt.</p>']
    body += ["<h2>Loopbaancompetenties</h2>", '<p class="chips">'] + [
        f'<span class="{"on" if c in report.competences else ""}">{esc(LABELS.get(c, c))}</span>'
        for c in COMPETENTIES] + ["</p>", "<h2>Valkuilen</h2>"]
    if not report.pitfalls:
        body.append("<p>Geen valkuilen gevonden.</p>")
    for p in report.pitfalls:
        name = p.name[:1].upper() + p.name[1:]
        body += ['<div class="pitfall">',
                 f"<h3>{esc(name)} ({esc(turn_list(p.turns))})"
                 f"{' — beheerst het gesprek' if p.severe else ''}</h3>",
                 f"<p>{esc(p.what)} {esc(p.why)}</p>", "<ul>"]
        body += [f"<li>{esc(line)}</li>" for line in p.feedforward]
        body += ["</ul>", "</div>"]
    student = info.student_name or "Student"
    body.append("<h2>Het gesprek</h2>")
    for ex in stored.exchanges:
        sprong = ' <span class="sprong">sprong vooruit!</span>' if ex.sprong else ""
        body.append(
            f'<div class="turn"><span class="nr">{ex.turn}</span><div>'
            f'<p><span class="who">Docent:</span> {esc(ex.docent) or "<em>(stilte)</em>"}</p>'
            f'<p class="coded">{esc(_turn_line(ex).replace(" · sprong vooruit!", ""))}{sprong}</p>'
            f'<p><span class="who">{esc(student)}:</span> '
            f'{esc(ex.student) or "<em>(stilte)</em>"}</p></div></div>')
    if report.norms_source:
        body.append(f'<p class="sub">Normen: {esc(report.norms_source)}</p>')
    return _page(title, body)


# --------------------------------------------------------------------------- progress


def render_progress(progress: Progress, sessions: Sequence[StoredSession], fmt: str) -> str:
    """Progress in ``fmt``; ``sessions`` (all of the docent's) feed the CSV rows."""
    if fmt == "csv":
        return sessions_csv(sessions)
    if fmt == "json":
        return json.dumps(progress_json(progress), ensure_ascii=False, indent=2) + "\n"
    return {"tekst": progress_text, "md": progress_markdown, "html": progress_html}[fmt](progress)


def _trend_words(t: Trend, *, points: bool) -> str:
    if t.direction == "–":
        return "– (één sessie)"
    amount = signed(t.change, 2) if points else signed(t.change)
    return f"{t.arrow} {t.direction} ({amount})"


def spark(values: Sequence[float], low: float = 0.0, high: float = 1.0) -> str:
    """``▁▃▅█``: a series in one line of text."""
    if not values:
        return ""
    span = (high - low) or 1.0
    return "".join(_SPARKS[min(len(_SPARKS) - 1, max(0, round((v - low) / span * (len(_SPARKS) - 1))))]
                   for v in values)


def _period(progress: Progress) -> str:
    first, last = progress.sessions[0].started_at, progress.sessions[-1].started_at
    n = len(progress.sessions)
    count = "1 afgeronde sessie" if n == 1 else f"{n} afgeronde sessies"
    if local(first).date() == local(last).date():
        return f"{count} op {date_time(first).split(',')[0]}"
    return f"{count}, {date_time(first).split(',')[0]} – {date_time(last).split(',')[0]}"


def progress_text(progress: Progress) -> str:
    """The trend per rule in a terminal, with a sparkline of points per session."""
    if not progress.sessions:
        return f"Nog geen afgeronde sessies van {clean(progress.docent)}.\n"
    score = progress.score
    out = [clean(f"Voortgang van {progress.docent}: {_period(progress)}"), "",
           f"Cijfer: {spark([s.score for s in progress.sessions], 0, 100)}  "
           f"eerste {round(score.first)}, laatste {round(score.last)}, gemiddeld "
           f"{dec(score.mean, 0)}  {_trend_words(score, points=False)}", ""]
    width = max(len(r.name) for r in progress.rules) + 2
    spark_width = max(len("per sessie"), len(progress.sessions)) + 2
    out.append(f"{'Regel':<{width}}{'per sessie':<{spark_width}}{'eerste':>7}{'laatste':>8}"
               f"{'goed':>8}  trend")
    n = len(progress.sessions)
    for r in progress.rules:
        out.append(f"{r.name:<{width}}{spark(r.points):<{spark_width}}{dec(r.trend.first):>7}"
                   f"{dec(r.trend.last):>8}{f'{r.goed}/{n}':>8}  "
                   f"{_trend_words(r.trend, points=True)}")
    out += ["", *_advice(progress), "", "Sessies"]
    for s in progress.sessions:
        out.append(f"  {s.short_id}  {short_date(s.started_at)}  {s.kind:<10} "
                   f"{clean(s.who)[:24]:<24} {s.score:>3}")
    return "\n".join(out) + "\n"


def _advice(progress: Progress) -> list[str]:
    strong, weak = progress.strongest, progress.weakest
    lines = []
    if strong is not None:
        lines.append(f"Sterkst: {strong.name} (gemiddeld {round(100 * strong.trend.mean)} % "
                     "van de punten).")
    if weak is not None and weak.trend.mean < (strong.trend.mean if strong else 1.0):
        lines.append(f"Om aan te werken: {weak.name} (gemiddeld {round(100 * weak.trend.mean)} % "
                     "van de punten).")
    return lines


def progress_markdown(progress: Progress) -> str:
    if not progress.sessions:
        return f"# Voortgang van {md(progress.docent)}\n\nNog geen afgeronde sessies.\n"
    score = progress.score
    n = len(progress.sessions)
    out = [f"# Voortgang van {md(progress.docent)}", "", md(_period(progress)), "",
           f"**Cijfer:** eerste {round(score.first)}, laatste {round(score.last)}, gemiddeld "
           f"{dec(score.mean, 0)}, {md(_trend_words(score, points=False))}", "",
           "| Regel | Per sessie | Eerste | Laatste | Goed | Trend |", "|---|---|---|---|---|---|"]
    for r in progress.rules:
        out.append(f"| {md(r.name)} | {spark(r.points)} | {dec(r.trend.first)} | "
                   f"{dec(r.trend.last)} | {r.goed}/{n} | {md(_trend_words(r.trend, points=True))} |")
    out += ["", *(md(line) + "  " for line in _advice(progress)), "", "## Sessies", "",
            "| Sessie | Datum | Soort | Met | Cijfer |", "|---|---|---|---|---|"]
    out += [f"| {s.short_id} | {short_date(s.started_at)} | {s.kind} | {md(s.who)} | {s.score} |"
            for s in progress.sessions]
    return "\n".join(out) + "\n"


def progress_json(progress: Progress) -> dict[str, Any]:
    def trend_dict(t: Trend) -> dict[str, Any]:
        return {"eerste": t.first, "laatste": t.last, "gemiddeld": round(t.mean, 3),
                "verandering": round(t.change, 3), "richting": t.direction}

    return {
        "docent": progress.docent,
        "sessies": [{"id": s.session_id, "begonnen": s.started_at.isoformat(), "soort": s.kind,
                     "met": s.who, "cijfer": s.score,
                     "punten": {rule: s.points.get(rule) for rule in RULES}}
                    for s in progress.sessions],
        "cijfer": trend_dict(progress.score),
        "regels": [{"regel": r.rule, "naam": r.name, "punten": list(r.points),
                    "oordelen": list(r.verdicts), "trend": trend_dict(r.trend)}
                   for r in progress.rules],
    }


def _session_labels(progress: Progress) -> list[str]:
    """Dates under the chart; with the time when sessions share a day."""
    days = [local(s.started_at).date() for s in progress.sessions]
    same_day = len(set(days)) < len(days)
    return [f"{local(s.started_at):%d-%m %H:%M}" if same_day else f"{local(s.started_at):%d-%m}"
            for s in progress.sessions]


def progress_html(progress: Progress) -> str:
    title = f"Voortgang van {progress.docent}"
    body = [f"<h1>{esc(title)}</h1>"]
    if not progress.sessions:
        return _page(title, body + ["<p>Nog geen afgeronde sessies.</p>"])
    score = progress.score
    n = len(progress.sessions)
    body.append(f'<p class="sub">{esc(_period(progress))}</p>')
    css = {"stijgt": "up", "daalt": "down"}.get(score.direction, "flat")
    body += ["<h2>Cijfer per sessie</h2>",
             _line_chart([s.score for s in progress.sessions], low=0, high=100,
                         labels=_session_labels(progress),
                         label="Cijfer per sessie, met trendlijn", trend_line=score,
                         colours=["#1f5f8b" if s.kind == "oefening" else "#b26a00"
                                  for s in progress.sessions]),
             f"<p>Eerste {round(score.first)}, laatste {round(score.last)}, gemiddeld "
             f"{esc(dec(score.mean, 0))}: <strong class=\"{css}\">"
             f"{esc(_trend_words(score, points=False))}</strong>. Blauwe punten zijn oefeningen, "
             "oranje punten echte gesprekken (transcripten); de stippellijn is de trend.</p>",
             "<h2>Per gespreksregel</h2>", "<table>",
             '<tr><th>Regel</th><th>Punten per sessie</th><th class="num">Eerste</th>'
             '<th class="num">Laatste</th><th class="num">Goed</th><th>Trend</th></tr>']
    for r in progress.rules:
        css = {"stijgt": "up", "daalt": "down"}.get(r.trend.direction, "flat")
        body.append(
            f"<tr><td>{esc(r.name)}</td><td>{_sparkline(r.points)}</td>"
            f'<td class="num">{esc(dec(r.trend.first))}</td>'
            f'<td class="num">{esc(dec(r.trend.last))}</td>'
            f'<td class="num">{r.goed} van {n}</td>'
            f'<td class="{css}">{esc(_trend_words(r.trend, points=True))}</td></tr>')
    body += ["</table>"] + [f"<p>{esc(line)}</p>" for line in _advice(progress)]
    body += ["<h2>Sessies</h2>", "<table>",
             '<tr><th>Sessie</th><th>Datum</th><th>Soort</th><th>Met</th>'
             '<th class="num">Cijfer</th></tr>']
    body += [f"<tr><td><code>{esc(s.short_id)}</code></td><td>{esc(short_date(s.started_at))}"
             f"</td><td>{esc(s.kind)}</td><td>{esc(s.who)}</td>"
             f'<td class="num">{s.score}</td></tr>' for s in progress.sessions]
    body.append("</table>")
    return _page(title, body)


# --------------------------------------------------------------------------- session list


def sessions_table(sessions: Sequence[SessionInfo]) -> str:
    """The list ``gesprekscoach sessies`` prints."""
    rows = [("Sessie", "Datum", "Docent", "Soort", "Met", "Beurten", "Cijfer", "Status")]
    for s in sessions:
        rows.append((s.short_id, short_date(s.started_at), clean(s.docent)[:20],
                     kind_label(s), clean(s.who)[:24], str(s.turns),
                     "" if s.score is None else str(s.score), s.status))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {5, 6}
    lines = []
    for row in rows:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
                 for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def session_info_json(info: SessionInfo) -> dict[str, Any]:
    return {
        "id": info.id, "docent": info.docent, "soort": info.kind, "modus": info.mode,
        "scenario": info.scenario_id, "student": info.student_name, "bron": info.source,
        "begonnen": info.started_at.isoformat(),
        "beeindigd": info.ended_at.isoformat() if info.ended_at else None,
        "status": info.status, "beurten": info.turns, "cijfer": info.score,
    }
