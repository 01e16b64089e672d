"""Dutch words for counts, shares, lists and turns, shared by the report and every renderer.

The report writes its measured sentences itself ("3 van 5 vragen open (60 %)")
and scoring cannot import ``output``, so the number, the percent and the list of
turns live here and :mod:`gesprekscoach.output.format` passes them on: one of each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gesprekscoach.codebook import LABELS


def dec(value: float, digits: int = 2) -> str:
    """Dutch decimal comma, trailing zeros dropped: 0,7 and 1. The one number
    format of every view, so the app, a saved report and the CLI agree."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("0" if text in ("", "-0") else text).replace(".", ",")


def percent(share: float, digits: int = 0, *, sign: bool = True) -> str:
    """A share as a percent the Dutch way: ``0.6`` → ``60 %``; with ``digits`` a
    fixed number of decimals, so a table of figures lines up (``91,2 %``);
    ``sign=False`` for a table column whose header says it is a percent (``60``)."""
    text = f"{100 * share:.{digits}f}".replace(".", ",")
    return text + " %" if sign else text


def counted(count: int, one: str, many: str) -> str:
    """``1 vraag``, ``3 vragen``."""
    return f"{count} {one if count == 1 else many}"


def times(count: int) -> str:
    return "1 keer" if count == 1 else f"{count} keer"


def dutch_list(items: Iterable[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def phase_labels(phases: Iterable[str]) -> str:
    """Phases of the arc by their Dutch names, as a list."""
    return dutch_list([LABELS[p] for p in phases])


def turn_list(numbers: Sequence[int]) -> str:
    """"beurt 4", "beurten 2, 5 en 9": how every view names the turns of a finding."""
    word = "beurt" if len(numbers) == 1 else "beurten"
    return f"{word} {dutch_list([str(n) for n in numbers])}"
