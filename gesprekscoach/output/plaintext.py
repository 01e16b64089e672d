"""User text made safe for plain-text output: a terminal, a Markdown or CSV file.

User text goes out as it is, never as markup; only control characters are made
visible, so a file cannot move the cursor, clear the screen or reverse the text
direction of what follows.
"""

from __future__ import annotations

import re
import textwrap

_WHITESPACE = re.compile(r"[\t\n\x0b\x0c\r ]+")
# C0/C1 control characters and the bidirectional overrides/isolates.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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
