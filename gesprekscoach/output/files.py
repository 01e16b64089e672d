"""Where a saved report goes, and writing it without overwriting anything."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gesprekscoach.conversation.scenario import Scenario


def default_report_path(scenario: Scenario, when: datetime, folder: Path | None = None) -> Path:
    """Where a report goes unless the docent says otherwise: here, or home if here is read-only."""
    if folder is None:
        here = Path.cwd()
        folder = here if os.access(here, os.W_OK) else Path.home()
    name = re.sub(r"[^\w-]+", "-", scenario.id).strip("-") or "gesprek"
    return folder / f"rapport-{name}-{when:%Y%m%d-%H%M}.md"


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
