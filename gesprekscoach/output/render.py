"""Which renderer a format name means: ``tekst``, ``md``, ``html``, ``csv`` or ``json``.

Who reads what: a docent reads ``tekst`` in the terminal; a trainer mails the
HTML or puts it in a portfolio; a spreadsheet takes the CSV; a script the
JSON. Each format is one module beside this one, sharing :mod:`format`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

from gesprekscoach.output.csv_table import sessions_csv
from gesprekscoach.output.format import printable
from gesprekscoach.output.html import progress_html, session_html
from gesprekscoach.output.json_data import dumps, progress_json, session_json
from gesprekscoach.output.markdown import progress_markdown, stored_markdown
from gesprekscoach.output.text import progress_text, session_text

if TYPE_CHECKING:
    from gesprekscoach.scoring.progress import Progress
    from gesprekscoach.scoring.report import Report
    from gesprekscoach.storage.sessions import StoredSession

SESSION_FORMATS: Final[tuple[str, ...]] = ("tekst", "md", "html", "csv", "json")
PROGRESS_FORMATS: Final[tuple[str, ...]] = SESSION_FORMATS


def render_session(stored: StoredSession, fmt: str) -> str:
    """One session's report in ``fmt`` (one of :data:`SESSION_FORMATS`)."""
    if fmt == "md":
        return printable(stored_markdown(stored))  # the document the app saves, byte for byte
    report = stored.report()
    renderers: dict[str, Callable[[StoredSession, Report], str]] = {
        "tekst": session_text, "html": session_html,
        "csv": lambda s, r: sessions_csv([s]),
        "json": lambda s, r: dumps(session_json(s, r)),
    }
    return printable(renderers[fmt](stored, report))  # a no-op on JSON: dumps did it


def render_progress(progress: Progress, sessions: Sequence[StoredSession], fmt: str) -> str:
    """Progress in ``fmt``; ``sessions`` (all of the docent's) feed the CSV rows."""
    if fmt == "csv":
        return printable(sessions_csv(sessions))
    if fmt == "json":
        return dumps(progress_json(progress))
    return printable({"tekst": progress_text, "md": progress_markdown,
                      "html": progress_html}[fmt](progress))
