"""One browser tab's app process under ``gesprekscoach serveer``: started apart, stopped for certain.

textual-serve's AppService starts the app in the trainer's own process group, so
Ctrl+C in the terminal hits every app at once (each prints its own
KeyboardInterrupt into the trainer's console), and its stop waits for the app
to close its output, however long that takes, without ever reaping the
process (so the asyncio transports complain "Event loop is closed" after the
server has said it stopped). Here each app runs in a session of its own; the
server asks it to quit, waits a bounded time, then ends it with SIGTERM and at
last SIGKILL, and always reaps it. A turn is committed when it is said, so an
app ended this way loses nothing: the conversation can be resumed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
from typing import Final

from textual_serve.app_service import AppService
from textual_serve.server import log

from gesprekscoach.tui.tabfork import ForkedProcess, TabStarter, end_with_parent

#: Seconds an app gets to quit by itself when asked (it closes its database, says goodbye).
QUIT_TIMEOUT: Final[float] = 2.5
#: Seconds after SIGTERM before SIGKILL.
TERM_TIMEOUT: Final[float] = 1.0


class TabApp(AppService):
    """textual-serve's AppService, in its own session, with a stop that always ends."""

    def __init__(self, *args: object, starter: TabStarter | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._stopping: asyncio.Future[None] | None = None
        self._starter = starter

    async def _open_app_process(self, width: int = 80,  # type: ignore[override]
                                height: int = 24) -> asyncio.subprocess.Process | ForkedProcess:
        """Forked from the starter when there is one (quick, see :mod:`tabfork`); else as
        textual-serve does, but without a shell. Either way in a new session: Ctrl+C on the
        server reaches the server alone, which then stops the apps in order. Should the
        server itself be killed, Linux ends its apps too (they would not notice alone)."""
        argv = shlex.split(self.command)
        env = self._build_environment(width=width, height=height)
        process: asyncio.subprocess.Process | ForkedProcess | None = None
        if self._starter is not None and self._starter.can_run(argv):
            with contextlib.suppress(OSError):
                process = await self._starter.spawn(argv, env)
        if process is None:
            process = await asyncio.create_subprocess_exec(
                *argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE, env=env,
                start_new_session=True, preexec_fn=end_with_parent)
        self._process = process  # type: ignore[assignment]
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def stop(self) -> None:
        """Quit the app, bounded in time; safe to call twice and from a cancelled task."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        process: asyncio.subprocess.Process | ForkedProcess | None = self._process
        if process is None:
            return
        with contextlib.suppress(Exception):  # a vanished app has nothing left to cancel
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
            if not await _exited(process, QUIT_TIMEOUT):
                _signal(process, signal.SIGTERM)
                if not await _exited(process, TERM_TIMEOUT):
                    _signal(process, signal.SIGKILL)
                    await _exited(process, TERM_TIMEOUT)
                _tell_forced_stop()
        if self._task is not None:  # reads the app's last output; ends as its pipes close
            with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError):
                await asyncio.wait_for(self._task, timeout=TERM_TIMEOUT)
            self._task = None
        if self._stdin is not None:
            self._stdin.close()


_forced_stop_told = False


def _tell_forced_stop() -> None:
    """Once per server: many tabs closing at once on a busy laptop would each say it."""
    global _forced_stop_told  # noqa: PLW0603 - one flag for the whole server process
    if not _forced_stop_told:
        _forced_stop_told = True
        log.warning("een gesprek stopte niet binnen %.1f s en is beëindigd; zijn beurten waren "
                    "al bewaard (dit wordt niet nog eens gemeld)", QUIT_TIMEOUT)


async def _exited(process: asyncio.subprocess.Process | ForkedProcess, timeout: float) -> bool:
    """Wait (and reap) up to ``timeout`` seconds; True once the process has ended."""
    try:
        await asyncio.wait_for(process.wait(), timeout=timeout)
    except TimeoutError:
        return False
    return True


def _signal(process: asyncio.subprocess.Process | ForkedProcess, signum: int) -> None:
    """Signal the app's whole session (the shell and the app under it)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


class TabLog:
    """One Dutch log line per tab at most, so a tab that keeps sending junk cannot flood."""

    def __init__(self) -> None:
        self.said = False

    def _say(self, text: str) -> None:
        if not self.said:
            self.said = True
            log.warning("%s (verdere meldingen van dit tabblad worden overgeslagen)", text)

    def junk(self, reason: str) -> None:
        self._say(f"een tabblad stuurde een onbruikbaar bericht ({reason}); dat is genegeerd")

    def capped(self, width: int, height: int) -> None:
        self._say(f"een tabblad vroeg een onmogelijke venstergrootte; begrensd tot {width}×{height}")
