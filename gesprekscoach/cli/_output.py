"""Plain-text output helpers shared by the commands: layout width and labels,
on top of :mod:`gesprekscoach.output.format` and ``output.text`` (re-exported here for the commands)."""

from __future__ import annotations

import shutil

from gesprekscoach.codebook import LABELS
from gesprekscoach.output.format import clean
from gesprekscoach.output.text import wrap

__all__ = ["MIN_WIDTH", "NONE_MARK", "clean", "label", "terminal_width", "wrap"]

#: Narrowest layout we draw; a smaller terminal wraps lines itself.
MIN_WIDTH = 60
#: Shown for a null fase or competentie.
NONE_MARK = "–"


def terminal_width(maximum: int = 160) -> int:
    """Columns to lay out for: the terminal's, within sensible bounds."""
    return max(MIN_WIDTH, min(maximum, shutil.get_terminal_size((100, 24)).columns))


def label(value: str | None) -> str:
    """What a docent reads for a code, fase or competentie (– for null)."""
    return NONE_MARK if value is None else LABELS.get(value, value)
