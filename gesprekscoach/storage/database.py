"""The connection under the store: opening a file, and write transactions that wait their turn.

Why writes retry with backoff: on a training day 20–40 app processes (one per
browser tab) write to one file. SQLite lets one writer in at a time; its own
busy handler gives up after its timeout, and under load (two cores, forty
processes starting) a commit can wait longer than that. A turn that is not
stored is a conversation lost, so a write asks again, with growing and
jittered pauses, until :data:`WRITE_PATIENCE` has passed. Transactions are
short (one turn, one row), so waiting is rare and brief;
``scripts/load_store.py`` measures it with real processes.

Why read commands open read-only: ``sessies``, ``rapport``, ``voortgang`` and
``exporteer`` must never create or upgrade a file, and must work on a
database on a read-only disk (a trainer's USB stick, a share).
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, Self, TypeVar
from urllib.parse import quote

from gesprekscoach.errors import Problem, UserError
from gesprekscoach.storage.open_sessions import SessionLock, open_elsewhere
from gesprekscoach.storage.paths import resolve_db_path
from gesprekscoach.storage.schema import SCHEMA_VERSION, prepare
from gesprekscoach.storage.sqlite_errors import check_header, problem

#: How long SQLite itself waits for the write lock, per attempt, in seconds.
BUSY_TIMEOUT: Final[float] = 1.0
#: How long a write keeps asking for the lock in all, in seconds; the environment
#: variable ``GESPREKSCOACH_WACHTTIJD`` sets another (the tests use a short one).
WAIT_ENV: Final[str] = "GESPREKSCOACH_WACHTTIJD"
WRITE_PATIENCE: Final[float] = 30.0


def default_patience() -> float:
    """:data:`WRITE_PATIENCE`, or the seconds in ``$GESPREKSCOACH_WACHTTIJD``."""
    try:
        value = float(os.environ.get(WAIT_ENV, ""))
    except ValueError:
        return WRITE_PATIENCE
    return value if 0 <= value < 3600 else WRITE_PATIENCE
#: The first pause between attempts, and the longest, in seconds.
_FIRST_PAUSE: Final[float] = 0.02
_LONGEST_PAUSE: Final[float] = 0.5

T = TypeVar("T")


def is_busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the lock: worth asking again."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def with_retry(action: Callable[[], T], patience: float) -> T:
    """``action()``, asked again with jittered, doubling pauses while the database is busy."""
    deadline = time.monotonic() + patience
    pause = _FIRST_PAUSE
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause * random.uniform(0.5, 1.5))
        pause = min(pause * 2, _LONGEST_PAUSE)


def is_empty_file(path: Path) -> bool:
    """No database yet: missing, or a file with nothing in it (``touch``, a new download)."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


class Database:
    """One SQLite connection with the lock, the transactions and the opening rules."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: bool = False,
                 patience: float | None = None) -> None:
        self._conn = conn
        self.path = path
        self.read_only = read_only
        #: How long a write keeps asking for the lock (0: one attempt only).
        self.patience = default_patience() if patience is None else patience
        self._lock = threading.RLock()
        #: Where the copy of the file before the migration went, if one was made.
        self.backup: Path | None = None
        self._held: dict[str, SessionLock] = {}

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, timeout: float = BUSY_TIMEOUT,
             patience: float | None = None) -> Self:
        """Open (creating it when new) and upgrade the database at ``path``.

        ``path`` None means the default. Raises UserError for a folder, a file
        that is no SQLite database, a foreign database, a newer schema, a
        lock held too long, or missing permissions.
        """
        db = _checked_path(path)
        if db.exists() and not (os.access(db, os.W_OK) and os.access(db.parent, os.W_OK)):
            raise UserError(problem(sqlite3.OperationalError("readonly database"), db))
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(Problem(
                f"kan de map voor de sessiedatabase niet maken ({exc.strerror or exc}); "
                "kies met --db een ander bestand", str(db))) from None
        try:
            conn = sqlite3.connect(db, timeout=timeout, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise UserError(problem(exc, db)) from None
        store = cls(conn, db, patience=patience)
        try:
            # Forty tabs starting at once all open the file: that waits its turn too.
            store.backup = with_retry(lambda: prepare(conn, db), max(store.patience, timeout))
        except UserError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise UserError(problem(exc, db)) from None
        return store

    @classmethod
    def open_read_only(cls, path: str | Path | None = None, *,
                       timeout: float = BUSY_TIMEOUT) -> Self | None:
        """Open an existing database to read, changing nothing; None when there is none.

        A missing or empty file is None (nothing was ever stored). On a
        read-only disk the file is opened as immutable. An older schema is
        upgraded only when the file may be written; otherwise a Dutch message.
        """
        db = _checked_path(path)
        if is_empty_file(db):
            return None
        conn = _connect_read_only(db, timeout)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.Error as exc:
            conn.close()
            raise UserError(problem(exc, db)) from None
        if version == SCHEMA_VERSION:
            return cls(conn, db, read_only=True)
        conn.close()
        if version == 0 and not tables:
            return None
        if version < SCHEMA_VERSION and os.access(db, os.W_OK) and os.access(db.parent, os.W_OK):
            return cls.open(db, timeout=timeout)  # upgrade once; refuses foreign files
        if version > SCHEMA_VERSION or version == 0:
            return cls.open(db, timeout=timeout)  # the same refusal as for a write
        raise UserError(Problem(
            f"deze sessiedatabase heeft een ouder schema ({version}) en staat op een plek waar "
            "niet geschreven mag worden, dus hij kan niet worden bijgewerkt. Kopieer hem naar "
            "een eigen map en geef die kopie met --db op", str(db)))


    def close(self) -> None:
        """Close the file and let go of every conversation held open through it."""
        for session_id in list(self._held):
            self.let_go(session_id)
        with self._lock:
            self._conn.close()

    def hold(self, session_id: str) -> bool:
        """Mark a conversation as open in this window; False when another window has it."""
        if session_id in self._held:
            return True
        lock = SessionLock(self.path, session_id)
        if not lock.acquire():
            return False
        self._held[session_id] = lock
        return True

    def let_go(self, session_id: str, *, forget: bool = False) -> None:
        """This window no longer has the conversation open (``forget``: it is over)."""
        lock = self._held.pop(session_id, None)
        if lock is not None:
            lock.release(forget=forget)

    def open_elsewhere(self, session_id: str) -> bool:
        """This conversation is open in another window or tab at this moment."""
        return session_id not in self._held and open_elsewhere(self.path, session_id)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    # -- transactions ------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it.

        The lock is asked for (``BEGIN IMMEDIATE``) again and again while
        another process writes, for up to :attr:`patience` seconds.
        """
        with self._lock:
            conn = self._conn
            try:
                with_retry(lambda: conn.execute("BEGIN IMMEDIATE"), self.patience)
            except sqlite3.Error as exc:
                raise UserError(problem(exc, self.path)) from None
            try:
                yield conn
                with_retry(lambda: conn.execute("COMMIT"), self.patience)
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise UserError(problem(exc, self.path)) from None
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise UserError(problem(exc, self.path)) from None


def _checked_path(path: str | Path | None) -> Path:
    db = resolve_db_path(path)
    if db.is_dir():
        raise UserError(Problem("dit is een map; geef met --db een bestand op", str(db)))
    check_header(db)
    return db


def _connect_read_only(db: Path, timeout: float) -> sqlite3.Connection:
    """``mode=ro``; on a read-only disk (no -shm can be made) ``immutable=1``."""
    uri = "file:" + quote(str(db.resolve()))
    last: sqlite3.Error | None = None
    for options in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(uri + options, uri=True, timeout=timeout,
                                   isolation_level=None, check_same_thread=False)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            last = exc
            if options.endswith("immutable=1") or os.access(db.parent, os.W_OK):
                break
    assert last is not None
    raise UserError(problem(last, db)) from None
