"""The group table as one self-contained HTML page, with a chart per rule.

Like the session reports (:mod:`~gesprekscoach.output.html`): inline CSS and
SVG, no network, no JavaScript, every alias and scenario id through
:func:`~gesprekscoach.output.format.esc`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gesprekscoach.output.format import dec, esc, percent, short_date
from gesprekscoach.output.group_text import RULE_HEADS, legend, row
from gesprekscoach.output.html import _page
from gesprekscoach.output.html_charts import bar
from gesprekscoach.scoring.norms import RULES
from gesprekscoach.scoring.report import band

if TYPE_CHECKING:
    from gesprekscoach.scoring.group import Group, Summary


def _verdict(points: float) -> str:
    """The colour of a mean: the same bands as a score (70 goed, 50 voldoende)."""
    return band(round(100 * points))


def _table(summaries: list[Summary], first: str) -> list[str]:
    head = [first, "sessies", "soort", "laatst", "cijfer", *RULE_HEADS]
    kept = [i for i in range(len(head)) if not (first == "soort" and i == 2)]
    out = ["<table>", "<tr>" + "".join(
        f'<th{" class=num" if i not in (0, 2, 3) else ""}>{esc(head[i])}</th>'
        for i in kept) + "</tr>"]
    for s in summaries:
        cells = row(s)
        tds = []
        for i, cell in ((i, cells[i]) for i in kept):
            if i >= 5 and s.sessions:
                verdict = _verdict(s.points[RULES[i - 5]])
                tds.append(f'<td class="num"><span class="badge {verdict}">{esc(cell)}</span></td>')
            else:
                # a date never breaks over three lines (the PDF's narrow column)
                attribute = (" class=num" if i not in (0, 2, 3) else
                             ' style="white-space: nowrap"' if i == 3 else "")
                tds.append(f"<td{attribute}>{esc(cell)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    return out + ["</table>"]


def group_html(group: Group) -> str:
    title = "Groepsoverzicht"
    total = group.total
    body = [f"<h1>{esc(title)}</h1>",
            f'<p class="sub">{len(group.docents)} docenten, {total.sessions} afgeronde sessies'
            + (f", laatst op {esc(short_date(total.last))}" if total.last else "") + "</p>"]
    body += [f'<p class="sub">{esc(f)}</p>' for f in group.filters]
    if group.empty and not group.docents:
        return _page(title, body + ["<p>Nog geen afgeronde sessies in deze groep.</p>"])
    body += ["<h2>Per docent</h2>", *_table([*group.docents, total], "docent"),
             '<p class="sub">Punten per regel in % van het maximum; cijfer van 0 tot 100. '
             "Groen vanaf 70, oranje vanaf 50.</p>",
             "<ol>", *(f"<li>{esc(line.split('. ', 1)[1])}</li>" for line in legend(group)),
             "</ol>"]
    rule = group.weakest_rule()
    if rule is not None:
        body.append(f'<p class="note">Om samen aan te werken: {esc(group.rule_names[rule])} '
                    f"(gemiddeld {esc(percent(total.points[rule]))} van de punten).</p>")
    body += ["<h2>Per regel</h2>"]
    for number, rule in enumerate(RULES, start=1):
        body += [f"<h3>{number}. {esc(group.rule_names[rule])} — groep "
                 f"{esc(percent(total.points[rule]))}</h3>", "<table>"]
        for d in group.docents:
            if not d.sessions:
                continue
            value = d.points[rule]
            body.append(f"<tr><td>{esc(d.label)}</td><td>{bar(value, _verdict(value))}</td>"
                        f'<td class="num">{esc(percent(value))}</td></tr>')
        body.append("</table>")
    body += ["<h2>Per scenario</h2>", *_table(list(group.by_scenario), "scenario"),
             "<h2>Per soort</h2>", *_table(list(group.by_kind), "soort")]
    if len(group.scenarios) > 1:
        body += ["<h2>Cijfer per docent en scenario</h2>", "<table>",
                 "<tr><th>docent</th>" + "".join(f'<th class="num">{esc(s)}</th>'
                                                 for s in group.scenarios) + "</tr>"]
        for d in group.docents:
            cells = []
            for s in group.scenarios:
                score = group.cross.get((d.label, s))
                cells.append('<td class="num">–</td>' if score is None else
                             f'<td class="num">{esc(dec(score, 0))}</td>')
            body.append(f"<tr><td>{esc(d.label)}</td>{''.join(cells)}</tr>")
        body.append("</table>")
    return _page(title, body)
