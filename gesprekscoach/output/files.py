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
    """Where a report goes unless the docent says otherwise: :func:`reports_folder`."""
    folder = reports_folder() if folder is None else folder
    name = re.sub(r"[^\w-]+", "-", scenario.id).strip("-") or "gesprek"
    return folder / f"rapport-{name}-{when:%Y%m%d-%H%M}.md"


def reports_folder() -> Path:
    """The user's documents folder (platformdirs: ``~/Documents`` or what XDG says), where a
    docent looks for a file, not the folder the app happened to be started from; without
    one (a server account, a fresh container) the app's own data folder, made if needed."""
    from platformdirs import user_documents_path

    from gesprekscoach.storage.paths import default_db_path

    documents = user_documents_path()
    if documents.is_dir() and os.access(documents, os.W_OK):
        return documents
    data = default_db_path().parent
    try:
        data.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return data


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
