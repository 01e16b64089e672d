"""Which conversations are open right now, in which window: a lock per live session.

Why a lock file and not a column: a window that is closed, crashes or is
killed must let go of its conversation at once, or the docent could never go
on with it. The operating system drops a process's file locks when it ends,
however it ends; a column would stay "open" after kill -9. The locks sit in
a hidden folder beside the database (``.sessies.db.open/``), one empty file
per conversation.

With this, the same alias in two windows gives two conversations: the second
window is not offered the first one's live conversation, and cannot close it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

if sys.platform == "win32":  # pragma: no cover - the project runs on Linux and macOS
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False


def lock_folder(db: Path) -> Path:
    """The folder beside ``db`` where the locks of its open conversations are."""
    return db.with_name(f".{db.name}.open")


class SessionLock:
    """Held by the one window that has a conversation open; released when it closes."""

    def __init__(self, db: Path, session_id: str) -> None:
        self.path = lock_folder(db) / f"{session_id}.lock"
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another window holds it.

        True as well when no lock can be made here (a read-only folder): the
        database cannot be written there either, so there is nothing to guard.
        """
        if self._handle is not None:
            return True
        try:
            self.path.parent.mkdir(exist_ok=True)
            handle = open(self.path, "ab")
        except OSError:
            return True
        if not _try_lock(handle):
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self, *, forget: bool = False) -> None:
        """Let go; ``forget`` also removes the file (the conversation is over)."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        if forget:
            try:
                os.unlink(self.path)
            except OSError:
                pass
        handle.close()


def open_elsewhere(db: Path, session_id: str) -> bool:
    """Another window (this process or another) has this conversation open."""
    probe = SessionLock(db, session_id)
    if not probe.path.exists():
        return False
    if probe.acquire():
        probe.release()
        return False
    return True
