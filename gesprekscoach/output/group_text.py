"""The group table in a terminal and as Markdown: docent × rule, with the group's means.

Both formats share :func:`rows`: the same columns, the same numbers (points
per rule as a percentage of the maximum, the score 0..100), so what a trainer
reads in the terminal is what she pastes into a report. Aliases and scenario
ids are user text and go through :func:`clean` or :func:`md`.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from gesprekscoach.output.format import clean, dec, md, percent, short_date
from gesprekscoach.scoring.group import KIND_ORDER
from gesprekscoach.scoring.norms import RULES

if TYPE_CHECKING:
    from gesprekscoach.scoring.group import Group, Summary

#: The column headers for the rules: their number in the codebook (§5).
RULE_HEADS: tuple[str, ...] = tuple(str(i) for i in range(1, len(RULES) + 1))


def _pct(value: float | None) -> str:
    """A table cell: the percent without its sign (the header says it), – for none."""
    return "–" if value is None else percent(value, sign=False)


def row(summary: Summary) -> list[str]:
    """One row: label, sessions, what kind, last activity, mean score, mean per rule (%)."""
    return ([summary.label, str(summary.sessions), summary.kind_counts() or "–",
             short_date(summary.last)[:10] if summary.last else "–",
             "–" if summary.score is None else dec(summary.score, 0)]
            + [_pct(summary.points.get(rule)) if summary.sessions else "–" for rule in RULES])


def rows(summaries: tuple[Summary, ...] | list[Summary], first: str) -> list[list[str]]:
    head = [first, "sessies", "soort", "laatst", "cijfer", *RULE_HEADS]
    return [head, *(row(s) for s in summaries)]


def without_kind(table: list[list[str]]) -> list[list[str]]:
    """A table per kind without its "soort" column: the first column already says it."""
    return [line[:2] + line[3:] for line in table]


def legend(group: Group) -> list[str]:
    """What the numbered columns mean."""
    return [f"{i}. {group.rule_names[rule]}" for i, rule in enumerate(RULES, start=1)]


def _short(text: str, width: int) -> str:
    text = clean(text)
    return text if len(text) <= width else text[:width - 1] + "…"


def _table(table: list[list[str]]) -> list[str]:
    """Label, sessions, score and the nine rules: 80 columns for labels up to 15 characters."""
    table = [[_short(line[0], 15), line[1], line[4], *line[5:]] for line in table]
    return _aligned(table)


def _activity(summaries: list[Summary]) -> list[str]:
    table = [["docent", *KIND_ORDER, "laatst"]]
    table += [[s.label, *(str(s.kinds.get(k, 0)) for k in KIND_ORDER),
               short_date(s.last) if s.last else "–"] for s in summaries]
    return _aligned([[_short(line[0], 15), *line[1:]] for line in table])


def _aligned(table: list[list[str]]) -> list[str]:
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    return ["  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i])
                      for i, c in enumerate(line)).rstrip() for line in table]


def _intro(group: Group) -> list[str]:
    total = group.total
    lines = [f"Groep: {len(group.docents)} docenten, {total.sessions} afgeronde sessies"
             + (f", laatst op {short_date(total.last)}" if total.last else "")]
    lines += [f"({clean(f)})" for f in group.filters]
    return lines


def _weakest(group: Group) -> list[str]:
    rule = group.weakest_rule()
    if rule is None:
        return []
    return [f"Om samen aan te werken: {group.rule_names[rule]} (de groep haalt gemiddeld "
            f"{percent(group.total.points.get(rule) or 0)} van de punten)."]


def group_text(group: Group) -> str:
    """The terminal view: per docent, the group, per scenario and per kind."""
    out = _intro(group)
    if group.empty and not group.docents:
        return "\n".join(out + ["", "Nog geen afgeronde sessies in deze groep."]) + "\n"
    out += ["", "Per docent (punten per regel in %, cijfer van 0 tot 100)", ""]
    out += _table(rows([*group.docents, group.total], "docent"))
    out += ["", "Sessies per soort en laatste activiteit", ""]
    out += _activity([*group.docents, group.total])
    out += ["", "Per scenario", ""] + _table(rows(list(group.by_scenario), "scenario"))
    out += ["", "Per soort", ""] + _table(rows(list(group.by_kind), "soort"))
    if group.cross and len(group.scenarios) > 1:
        out += ["", "Cijfer per docent en scenario", ""]
        table = [["docent", *group.scenarios]]
        for d in group.docents:
            table.append([d.label, *(_cross(group, d.label, s) for s in group.scenarios)])
        out += _aligned([[_short(c, 15) for c in line] for line in table])
    out += ["", "Regels:", *("  " + line for line in legend(group)), ""]
    out += textwrap.wrap(" ".join(_weakest(group)), 80)
    return "\n".join(out).rstrip() + "\n"


def _cross(group: Group, docent: str, scenario: str) -> str:
    value = group.cross.get((docent, scenario))
    return "–" if value is None else dec(value, 0)


def group_markdown(group: Group) -> str:
    """The same tables as Markdown, for a training report."""
    out = ["# Groepsoverzicht", "", *(md(line) + "  " for line in _intro(group)), ""]

    def table(summaries: list[Summary], first: str) -> list[str]:
        lines = rows(summaries, first)
        if first == "soort":
            lines = without_kind(lines)
        return ["| " + " | ".join(md(c) for c in lines[0]) + " |",
                "|" + "---|" * len(lines[0]),
                *("| " + " | ".join(md(c) for c in line) + " |" for line in lines[1:]), ""]

    out += ["## Per docent", "", *table([*group.docents, group.total], "docent")]
    out += ["## Per scenario", "", *table(list(group.by_scenario), "scenario")]
    out += ["## Per soort", "", *table(list(group.by_kind), "soort")]
    out += ["Punten per regel in % van het maximum; cijfer van 0 tot 100.", ""]
    out += [f"{md(line)}  " for line in legend(group)] + [""]
    out += [md(line) for line in _weakest(group)]
    return "\n".join(out).rstrip() + "\n"
