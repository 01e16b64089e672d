"""A stored session that cannot be read back: which one, and what is wrong with it.

Why a session is skipped rather than the database refused: a disk error, a
hand edit or an old bug can spoil one row; the docent's other hundred
conversations are fine and must stay usable. Every reader of the store turns
a parse error into :class:`DamagedSession`, and lists leave the session out
and name it (:attr:`Store.damaged <gesprekscoach.storage.store.Store.damaged>`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.storage.paths import printable
from gesprekscoach.storage.records import Malformed

T = TypeVar("T")

#: What goes wrong when a stored value does not have the shape we wrote.
PARSE_ERRORS = (ValueError, TypeError, KeyError, AttributeError)


class DamagedSession(UserError):
    """One session's stored data is damaged; ``session_id`` says which."""

    def __init__(self, session_id: str, what: str, path: str = "") -> None:
        self.session_id = session_id
        self.what = what
        super().__init__(Problem(
            f"sessie {session_id[:8]} is beschadigd ({what}) en wordt overgeslagen; de andere "
            "sessies zijn in orde", path))


def explain(exc: BaseException, part: str) -> str:
    """A parse error in ``part`` (``beurt 3``, ``rapport``, ``begintijd``) in Dutch."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{part}: geen geldige JSON"
    if isinstance(exc, Malformed):
        return f"{part}: {printable(f'{exc.where} {exc.message}'.strip())}"
    if isinstance(exc, KeyError):
        return f"{part}: '{printable(str(exc.args[0]) if exc.args else '?')}' ontbreekt"
    text = str(exc)
    if "isoformat" in text:
        return f"{part}: geen geldige tijd"
    return f"{part}: onverwachte waarde ({printable(text)[:80]})"


def parse(session_id: str, part: str, action: Callable[[], T], path: str = "") -> T:
    """``action()``, or DamagedSession naming the session and ``part``."""
    try:
        return action()
    except PARSE_ERRORS as exc:
        raise DamagedSession(session_id, explain(exc, part), path) from None
