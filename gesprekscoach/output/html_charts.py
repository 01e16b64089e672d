"""The SVG pictures in an HTML report: the score ring, bars, the arc and line charts.

Inline SVG, so a page needs no network and no JavaScript; every label goes
through :func:`~gesprekscoach.output.format.esc`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from gesprekscoach.codebook import FASEN, LABELS
from gesprekscoach.output.format import dec, esc
from gesprekscoach.scoring.report import band

if TYPE_CHECKING:
    from gesprekscoach.conversation.arc import ArcStep
    from gesprekscoach.scoring.progress import Trend

VERDICT_COLOURS: Final[dict[str, str]] = {
    "goed": "#2e7d32", "voldoende": "#b26a00", "onvoldoende": "#c62828"}


def gauge(score: int) -> str:
    """The score as a ring: the share of the circle is the score."""
    colour = VERDICT_COLOURS[band(score)]
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


def bar(points: float, verdict: str) -> str:
    width = round(80 * max(0.0, min(1.0, points)))
    return (f'<svg width="84" height="12" viewBox="0 0 84 12" role="img" '
            f'aria-label="{esc(dec(points))} punten"><rect x="0" y="2" width="80" height="8" '
            f'rx="4" fill="#e6e9ef"/><rect x="0" y="2" width="{width}" height="8" rx="4" '
            f'fill="{VERDICT_COLOURS.get(verdict, "#888")}"/></svg>')


def arc_chart(timeline: Sequence[ArcStep]) -> str:
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


def line_chart(values: Sequence[float], *, low: float, high: float, labels: Sequence[str],
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


def sparkline(values: Sequence[float], width: int = 120, height: int = 26) -> str:
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

