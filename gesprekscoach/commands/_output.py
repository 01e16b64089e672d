"""Plain-text output helpers shared by the commands.

User text goes to a terminal as it is, never as markup; only control
characters are made visible, so a file cannot move the cursor, clear the
screen or reverse the text direction of what follows.
"""

from __future__ import annotations

import re
import shutil
import textwrap

from ..codebook import LABELS

#: Narrowest layout we draw; a smaller terminal wraps lines itself.
MIN_WIDTH = 60
#: Shown for a null fase or competentie.
NONE_MARK = "–"

_WHITESPACE = re.compile(r"[\t\n\x0b\x0c\r ]+")
# C0/C1 control characters and the bidirectional overrides/isolates.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_width(maximum: int = 160) -> int:
    """Columns to lay out for: the terminal's, within sensible bounds."""
    return max(MIN_WIDTH, min(maximum, shutil.get_terminal_size((100, 24)).columns))


def clean(text: str) -> str:
    """One line of user text that is safe to print: whitespace collapsed,
    control characters shown as ``\\x1b``-style escapes."""
    text = _WHITESPACE.sub(" ", text).strip()
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Wrap ``text`` to ``width`` columns, cut with `` …`` after ``max_lines``."""
    if not text:
        return [""]
    if max_lines is None:
        return textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    return textwrap.wrap(text, width, max_lines=max_lines, placeholder=" …",
                         break_on_hyphens=False) or [""]


def label(value: str | None) -> str:
    """What a docent reads for a code, fase or competentie (– for null)."""
    return NONE_MARK if value is None else LABELS.get(value, value)


def percent(value: float) -> str:
    """``0.9123`` → ``91,2%`` (Dutch decimal comma)."""
    return f"{value * 100:.1f}%".replace(".", ",")
