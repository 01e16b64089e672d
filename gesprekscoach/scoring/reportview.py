"""What the report screen and the saved report show, beyond the report itself.

Pure and Textual-free: the norm of each rule as a Dutch phrase, the arc's
timeline collapsed into runs of turns, and the Markdown file with who and
when, the report, and the conversation itself, so a saved file stands on its
own in a portfolio. The scores all come from :mod:`report`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from gesprekscoach.codebook import LABELS
from gesprekscoach.scoring.norms import Norms, load_norms
from gesprekscoach.scoring.report import Report, to_markdown

if TYPE_CHECKING:
    from gesprekscoach.conversation.arc import ArcStep
    from gesprekscoach.conversation.scenario import Scenario
    from gesprekscoach.conversation.session import Exchange

#: How a silence turn is shown and saved.
SILENCE: Final[str] = "(stilte)"

MODES: Final[dict[str, str]] = {
    "oefenen": "oefenen (feedback na elke beurt)",
    "proef": "proef (feedback pas in het rapport)",
}


def _pct(share: float) -> str:
    return f"{round(share * 100)} %"


def _count(value: float) -> str:
    return "geen" if value == 0 else f"≤ {value:g}"


def norm_text(rule: str, norms: Norms | None = None) -> str:
    """The norm of one rule in a few words, e.g. ``voldoende ≥ 50 %, goed ≥ 70 %``."""
    norm = (norms or load_norms()).rules[rule]
    v, g = norm.voldoende, norm.goed
    if rule == "niet_informeren_of_adviseren":
        return f"voldoende ≤ {v:g} per 10 beurten, goed {_count(g or 0)}"
    if rule in ("open_vragen", "doorvragen", "student_aan_het_woord"):
        return f"voldoende ≥ {_pct(v)}, goed ≥ {_pct(g or 0)}"
    if rule == "samenvatten":
        return f"voldoende ≥ {v:g}, goed: ook in elke bereikte fase"
    if rule in ("een_vraag_tegelijk", "niet_oordelen"):
        return f"voldoende {_count(v)}, goed {_count(g or 0)}"
    if rule == "boog":
        return f"voldoende ≥ {v:g} fasen, goed {g:g} zonder sprong"
    if rule == "loopbaancompetenties":
        return f"voldoende ≥ {v:g}, goed ≥ {g:g} van 5"
    return ""


@dataclass(frozen=True)
class PhaseRun:
    """Consecutive turns in one phase of the arc; ``sprong`` if the run began with a jump."""

    first: int
    last: int
    phase: str
    sprong: bool

    @property
    def turns(self) -> str:
        return f"beurt {self.first}" if self.first == self.last else f"beurt {self.first}–{self.last}"


def phase_runs(timeline: Sequence[ArcStep]) -> tuple[PhaseRun, ...]:
    """The timeline per turn as runs: 1–3 opening, 4–6 terugkijken, …"""
    runs: list[PhaseRun] = []
    for step in timeline:
        if runs and runs[-1].phase == step.phase and not step.sprong:
            last = runs[-1]
            runs[-1] = PhaseRun(last.first, step.turn, last.phase, last.sprong)
        else:
            runs.append(PhaseRun(step.turn, step.turn, step.phase, step.sprong))
    return tuple(runs)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Plain text (a scenario's or the docent's) made inert inside Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def session_markdown(report: Report, scenario: Scenario, mode: str,
                     exchanges: Sequence[Exchange], when: datetime) -> str:
    """The saved report: who, when and how, the report, then the conversation."""
    p = scenario.student
    head = [
        f"Scenario: {_md(scenario.title)}  ",
        f"Student: {_md(p.name)}, {p.age} jaar, {_md(p.course)} (niveau {p.level}, {_md(p.track)})  ",
        f"Modus: {MODES.get(mode, mode)}  ",
        f"Datum: {when:%d-%m-%Y %H:%M}",
    ]
    body = to_markdown(report)
    first, _, rest = body.partition("\n")
    out = [first, "", *head, rest.rstrip(), "", "## Het gesprek", ""]
    for ex in exchanges:
        docent = _md(ex.docent) if ex.docent.strip(" .…") else SILENCE
        out.append(f"{ex.turn}. **Docent:** {docent}  ")
        out.append(f"   **{_md(p.name)}:** {_md(ex.student)}")
    return "\n".join(out).rstrip() + "\n"


def default_report_path(scenario: Scenario, when: datetime, folder: Path | None = None) -> Path:
    """Where a report goes unless the docent says otherwise: here, or home if here is read-only."""
    if folder is None:
        here = Path.cwd()
        folder = here if _writable(here) else Path.home()
    name = re.sub(r"[^\w-]+", "-", scenario.id).strip("-") or "gesprek"
    return folder / f"rapport-{name}-{when:%Y%m%d-%H%M}.md"


def _writable(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK)


def write_new(path: Path, text: str) -> Path:
    """Write ``text`` to ``path``, or to ``path-2``, ``-3``… so nothing is overwritten.

    Returns the path written; OSError when the folder does not exist or is not writable.
    """
    path = path.expanduser()
    candidate, number = path, 1
    while True:
        try:
            with open(candidate, "x", encoding="utf-8") as handle:
                handle.write(text)
            return candidate.resolve()
        except FileExistsError:
            number += 1
            candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")


def phase_label(phase: str) -> str:
    return LABELS.get(phase, phase)
