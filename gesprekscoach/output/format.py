"""The pieces every format shares: escaping per format, Dutch numbers and dates, silence.

One of each, so a saved file, a web page and a spreadsheet say the same thing
the same way. Every piece of conversation text is escaped for its format,
because docents and transcripts can type anything: plain text (:func:`clean`,
a terminal or a file someone ``cat``s), Markdown (:func:`md`), HTML
(:func:`esc`) and CSV (:func:`csv_cell`). The report's own sentences use the
same percent and list of turns (:mod:`gesprekscoach.scoring.phrasing`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Final

from gesprekscoach.codebook import is_silent
from gesprekscoach.scoring.phrasing import dec, dutch_list, percent, turn_list

__all__ = [
    "DAYS", "MONTHS", "SILENCE", "clean", "csv_cell", "date_time", "dec", "dutch_list", "esc",
    "is_silent", "local", "md", "percent", "printable", "relative_day", "short_date", "signed",
    "spark", "third_party_said",
    "turn_list",
]

MONTHS: Final[tuple[str, ...]] = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december")
DAYS: Final[tuple[str, ...]] = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
#: How a deliberate silence of the docent (or an empty reply) is shown.
SILENCE: Final[str] = "(stilte)"
_SPARKS: Final[str] = "▁▂▃▄▅▆▇█"
#: "Henk: …" at the start of a trialoog's third party turn: who said it.
_THIRD_NAMED = re.compile(r"^([A-ZÀ-Ý][\w.'’\-]*(?: [\w.'’\-]+){0,2}): (.+)$", re.DOTALL)


def third_party_said(text: str) -> tuple[str, str]:
    """Who (``Henk``, ``Praktijkopleider``; "Derde" when unnamed) and what, for the
    other adult's words in a trialoog, so every view names him as the transcript did."""
    match = _THIRD_NAMED.match(text)
    return (match.group(1), match.group(2)) if match else ("Derde", text)

_WHITESPACE = re.compile(r"[\t\n\x0b\x0c\r ]+")
# C0/C1 control characters and the bidirectional overrides/isolates.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_NUMBER = re.compile(r"[-+]?\d+(,\d+)?")


# --------------------------------------------------------------------------- escaping


def _visible(text: str) -> str:
    """Control characters shown as ``\\x1b``-style escapes, so a file cannot move the
    cursor, clear the screen or reverse the text direction of what follows."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


#: The same, but keeping the tab and the line breaks a document is laid out with.
_CONTROL_IN_DOCUMENT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, as_json: bool = False) -> str:
    """A whole document (or one value) with every control character escaped, except tab
    and line breaks: the one guard every format passes through, so no report, file or
    page can reset a terminal, retitle it or turn the text direction round when it is
    printed or ``cat``. ``as_json``: as JSON escapes (``\\u001b``), valid inside a JSON string."""
    if as_json:
        return _CONTROL_IN_DOCUMENT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _CONTROL_IN_DOCUMENT.sub(lambda m: _visible(m.group()), text)


def clean(text: str) -> str:
    """One line of user text that is safe to print: whitespace collapsed,
    control characters made visible."""
    return _visible(_WHITESPACE.sub(" ", text).strip())


def md(text: str) -> str:
    """User text made inert in Markdown, on one line: no emphasis, link, heading or cell
    border of its own, no control characters."""
    return _MD_SPECIAL.sub(r"\\\1", _visible(" ".join(text.split())))


def esc(text: object) -> str:
    """Every piece of text that goes into HTML goes through here."""
    return html.escape(printable(str(text)), quote=True)


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (=, +, -, @)."""
    value = printable(" ".join(value.split()))
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not _NUMBER.fullmatch(
        value) else value


# --------------------------------------------------------------------------- numbers


def signed(value: float, digits: int = 0) -> str:
    """A change with its sign: ``+3``, ``−0,05``, ``±0``."""
    text = dec(abs(value), digits)
    return ("+" if value > 0 else "−" if value < 0 and text != "0" else "±") + text


def spark(values: Sequence[float], low: float = 0.0, high: float = 1.0) -> str:
    """``▁▃▅█``: a series in one line of text."""
    if not values:
        return ""
    span = (high - low) or 1.0
    return "".join(_SPARKS[min(len(_SPARKS) - 1, max(0, round((v - low) / span * (len(_SPARKS) - 1))))]
                   for v in values)


# --------------------------------------------------------------------------- dates


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
