"""HTML: one self-contained page per session or per docent's progress.

A trainer mails the page or puts it in a portfolio: inline CSS and SVG
(:mod:`html_charts`), no network, no JavaScript. Every piece of conversation
text goes through :func:`~gesprekscoach.output.format.esc`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Final

from gesprekscoach import __version__
from gesprekscoach.codebook import COMPETENTIES, LABELS
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
    date_time,
    dec,
    esc,
    is_silent,
    local,
    short_date,
    third_party_said,
    turn_list,
)
from gesprekscoach.output.html_charts import (
    arc_chart,
    bar,
    gauge,
    line_chart,
    sparkline,
)

if TYPE_CHECKING:
    from gesprekscoach.scoring.progress import Progress
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.storage.sessions import StoredSession

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
@page { size: A4; margin: 16mm 14mm; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
"""


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


def session_html(stored: StoredSession, report: Report) -> str:
    """One self-contained HTML page a trainer can mail or put in a portfolio."""
    info = stored.info
    head = heading(info, stored.review)
    title = f"Gespreksrapport: {head.title}"
    body = [f"<h1>{esc(title)}</h1>",
            f'<p class="sub">{esc(kind_label(info))} · {esc(date_time(info.started_at))}</p>',
            '<div class="top">', gauge(report.score), '<dl class="facts">']
    body += [f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in head.facts]
    body.append(f"<dt>Docentbeurten</dt><dd>{report.turns}</dd>")
    if report.scenario_doel:
        body.append(f"<dt>Doel</dt><dd>{esc(report.scenario_doel)}</dd>")
    if report.adjustments:
        body.append(f"<dt>Aftrek</dt><dd>gewogen gemiddelde {report.uncapped}, dan: "
                    f"{esc('; '.join(report.adjustments))}</dd>")
    if report.goal is not None:
        missed = f" {esc(report.goal.missed_sentence())}" if report.goal.missed else ""
        body.append(f"<dt>Doel bereikt</dt><dd>{esc(report.goal.sentence())}{missed}</dd>")
    body += ["</dl>", "</div>"]
    if head.unfinished:
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
            f"<td>{bar(r.points, r.verdict)}</td><td class=\"num\">{esc(dec(r.weight))}</td></tr>")
    body += ["</table>", "<h2>Feedforward</h2>", '<ol class="ff">']
    body += [f"<li><strong>{esc(r.name)}</strong> ({esc(r.verdict)}): {esc(r.feedforward)}</li>"
             for r in report.rules]
    body += ["</ol>", "<h2>De gespreksboog</h2>", arc_chart(report.arc.timeline)]
    if report.arc.reached:
        body.append(f"<p>Bereikt: {esc(' → '.join(LABELS[p] for p in report.arc.reached))}. "
                    f"Op volgorde: {esc(', '.join(LABELS[p] for p in report.arc.in_order) or 'geen')}.</p>")
    if report.arc.sprongen:
        body.append("<ul>" + "".join(
            f'<li class="sprong">Sprong in beurt {s.turn}: van {esc(LABELS[s.source])} naar '
            f"{esc(LABELS[s.dest])}</li>" for s in report.arc.sprongen) + "</ul>")
    if report.openness:
        body += ["<h2>Openheid van de student</h2>",
                 line_chart(report.openness, low=0.0, high=1.0,
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
    silence = f"<em>{SILENCE}</em>"
    body.append("<h2>Het gesprek</h2>")
    for ex in stored.exchanges:
        sprong = ' <span class="sprong">sprong vooruit!</span>' if ex.sprong else ""
        body.append(
            f'<div class="turn"><span class="nr">{ex.turn}</span><div>'
            f'<p><span class="who">Docent:</span> {silence if is_silent(ex.docent) else esc(ex.docent)}</p>'
            f'<p class="coded">{esc(turn_line(ex).replace(" · sprong vooruit!", ""))}{sprong}</p>'
            + (f'<p><span class="who">{esc(head.student)}:</span> '
               f'{esc(ex.student) or silence}</p>'
               if ex.student.strip() or not ex.third_party else "")
            + ('<p><span class="who">{}:</span> {}</p>'.format(
                *map(esc, third_party_said(ex.third_party))) if ex.third_party else "")
            + '</div></div>')
    if report.norms_source:
        body.append(f'<p class="sub">Normen: {esc(report.norms_source)}</p>')
    return _page(title, body)


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
    body.append(f'<p class="sub">{esc(period(progress))}</p>')
    css = {"stijgt": "up", "daalt": "down"}.get(score.direction, "flat")
    body += ["<h2>Cijfer per sessie</h2>",
             line_chart([s.score for s in progress.sessions], low=0, high=100,
                         labels=_session_labels(progress),
                         label="Cijfer per sessie, met trendlijn", trend_line=score,
                         colours=["#1f5f8b" if s.kind == "oefening" else "#b26a00"
                                  for s in progress.sessions]),
             f"<p>Eerste {round(score.first)}, laatste {round(score.last)}, gemiddeld "
             f"{esc(dec(score.mean, 0))}: <strong class=\"{css}\">"
             f"{esc(trend_words(score, points=False))}</strong>. Blauwe punten zijn oefeningen, "
             "oranje punten echte gesprekken (transcripten); de stippellijn is de trend.</p>",
             *(f'<p class="sub">{esc(line.strip())}</p>' for line in series_lines(progress)),
             "<h2>Per gespreksregel</h2>", "<table>",
             '<tr><th>Regel</th><th>Punten per sessie</th><th class="num">Eerste</th>'
             '<th class="num">Laatste</th><th class="num">Goed</th><th>Trend</th></tr>']
    for r in progress.rules:
        css = {"stijgt": "up", "daalt": "down"}.get(r.trend.direction, "flat")
        body.append(
            f"<tr><td>{esc(r.name)}</td><td>{sparkline(r.points)}</td>"
            f'<td class="num">{esc(dec(r.trend.first))}</td>'
            f'<td class="num">{esc(dec(r.trend.last))}</td>'
            f'<td class="num">{r.goed} van {n}</td>'
            f'<td class="{css}">{esc(trend_words(r.trend, points=True))}</td></tr>')
    body += ["</table>"] + [f"<p>{esc(line)}</p>" for line in advice(progress)]
    body += ["<h2>Sessies</h2>", "<table>",
             '<tr><th>Sessie</th><th>Datum</th><th>Soort</th><th>Met</th>'
             '<th class="num">Cijfer</th></tr>']
    body += [f"<tr><td><code>{esc(s.short_id)}</code></td><td>{esc(short_date(s.started_at))}"
             f"</td><td>{esc(s.kind)}</td><td>{esc(s.who)}</td>"
             f'<td class="num">{s.score}</td></tr>' for s in progress.sessions]
    body.append("</table>")
    return _page(title, body)
