"""Browser tabs' apps forked from one process that has loaded the app already.

Under ``serveer`` every tab runs its own app process. Started from scratch,
each one imports Textual and the app and loads the analyser again: half a
CPU-second a tab, so 40 docenten opening their tab at once on a 2-core
laptop waited 10 s for a first screen. Here one *starter* process pays that
once when the server starts; each tab's app is then a fork of it (a few ms),
and the loaded pages are shared between the apps, so each takes less memory
too. The server passes a tab's pipes over a Unix socket; the starter forks,
reports the pid and, when the app has ended, its exit code. A tab's app
is a session of its own, as :class:`~gesprekscoach.tui.webtab.TabApp`
expects, and it ends when the starter does (Linux; elsewhere, or when the
starter cannot start, each tab starts its app from scratch as before).

The starter loads only what ships in the package (the analyser's model and
rule packs, the student model); what a trainer edits (scenarios, norms) each
app reads itself when it starts, as it did before.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import io
import json
import os
import random
import selectors
import signal
import socket
import struct
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

#: Seconds the server waits for the starter to say it has loaded the app.
READY_TIMEOUT: Final[float] = 30.0
#: What the starter prints once it listens.
READY: Final[bytes] = b"klaar\n"
_HEADER: Final = struct.Struct("!I")


def supported() -> bool:
    """Forking needs fd passing and pidfds: Linux (3.9+ Python); elsewhere tabs start as before."""
    return (sys.platform.startswith("linux") and hasattr(os, "pidfd_open")
            and hasattr(socket, "send_fds"))


# ------------------------------------------------------------------ server side

class ForkedProcess:
    """What textual-serve reads of an ``asyncio.subprocess.Process``, for a forked app."""

    def __init__(self, pid: int, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 stderr: asyncio.StreamReader, ended: asyncio.Future[int],
                 watch: asyncio.Future[None]) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self._ended = ended
        self._watch = watch  # reads the exit code from the starter; kept so it is not collected

    @property
    def returncode(self) -> int | None:
        return self._ended.result() if self._ended.done() else None

    async def wait(self) -> int:
        return await asyncio.shield(self._ended)


class TabStarter:
    """The server's handle on the starter process."""

    def __init__(self, process: asyncio.subprocess.Process, folder: tempfile.TemporaryDirectory[str],
                 prefix: Sequence[str]) -> None:
        self._process = process
        self._folder = folder
        self._path = str(Path(folder.name) / "starter")
        self.prefix = tuple(prefix)

    @classmethod
    async def start(cls, command: Sequence[str], env: dict[str, str],
                    prefix: Sequence[str]) -> TabStarter | None:
        """Start ``command`` + socket path; None when it did not get ready (then tabs start
        their apps from scratch). ``prefix`` is the start of a tab's command this starter
        can run (the rest is handed to its main function)."""
        if not supported():
            return None
        folder = tempfile.TemporaryDirectory(prefix="gesprekscoach-starter-")  # mode 0700
        path = str(Path(folder.name) / "starter")
        process = await asyncio.create_subprocess_exec(
            *command, path, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL, env=env, start_new_session=True)
        starter = cls(process, folder, prefix)
        try:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), READY_TIMEOUT)
        except TimeoutError:
            line = b""
        if line != READY:
            await starter.close()
            return None
        return starter

    def can_run(self, argv: Sequence[str]) -> bool:
        return self._process.returncode is None and tuple(argv[:len(self.prefix)]) == self.prefix

    async def spawn(self, argv: Sequence[str], env: dict[str, str]) -> ForkedProcess:
        """A tab's app, forked; ``argv`` starts with :attr:`prefix`. OSError when the
        starter is gone (the caller then starts the app from scratch)."""
        loop = asyncio.get_running_loop()
        request = json.dumps({"argv": list(argv[len(self.prefix):]), "env": env}).encode()
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        link = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            link.setblocking(False)
            await loop.sock_connect(link, self._path)
            link.setblocking(True)  # one short local send with the pipes, then asyncio takes over
            socket.send_fds(link, [_HEADER.pack(len(request))], [stdin_r, stdout_w, stderr_w])
            link.sendall(request)
            link.setblocking(False)
        except OSError:
            link.close()
            for fd in (stdin_r, stdin_w, stdout_r, stdout_w, stderr_r, stderr_w):
                os.close(fd)
            raise
        finally:
            for fd in (stdin_r, stdout_w, stderr_w):  # the app's ends, now in the starter
                with contextlib.suppress(OSError):
                    os.close(fd)
        reader, writer = await asyncio.open_unix_connection(sock=link)
        pid_line = await reader.readline()
        if not pid_line.strip().isdigit():
            writer.close()
            for fd in (stdin_w, stdout_r, stderr_r):
                os.close(fd)
            raise OSError("de starter gaf geen proces terug")
        ended: asyncio.Future[int] = loop.create_future()

        async def wait_for_end() -> None:
            line = await reader.readline()
            writer.close()
            ended.set_result(int(line) if line.strip().lstrip(b"-").isdigit() else -signal.SIGKILL)

        return ForkedProcess(int(pid_line), await _writer(stdin_w), await _reader(stdout_r),
                             await _reader(stderr_r), ended, asyncio.ensure_future(wait_for_end()))

    async def close(self) -> None:
        """End the starter (its apps have been stopped first) and remove its socket."""
        if self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._process.wait(), 2.0)
            if self._process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    self._process.kill()
                await self._process.wait()
        self._folder.cleanup()


async def _reader(fd: int) -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**16, loop=loop)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader, loop=loop),
                                 os.fdopen(fd, "rb", 0))
    return reader


async def _writer(fd: int) -> asyncio.StreamWriter:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.connect_write_pipe(
        lambda: asyncio.streams.FlowControlMixin(loop=loop), os.fdopen(fd, "wb", 0))
    return asyncio.StreamWriter(transport, protocol, None, loop)


# ------------------------------------------------------------------ the starter

def serve(path: str, main: Callable[[list[str]], int]) -> None:
    """The starter's loop: fork ``main(argv)`` for every request on ``path``.

    Call it after loading what the apps share. It ends when the server closes
    its stdin (or the server dies: SIGTERM via the parent-death signal).
    """
    end_with_parent()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(128)
    chooser = selectors.DefaultSelector()
    chooser.register(listener, selectors.EVENT_READ, "nieuw")
    chooser.register(sys.stdin.fileno(), selectors.EVENT_READ, "server")
    sys.stdout.buffer.write(READY)
    sys.stdout.flush()
    apps: dict[int, tuple[int, socket.socket]] = {}  # pidfd → (pid, link to the server)
    while True:
        for key, _ in chooser.select():
            if key.data == "server":
                if not os.read(sys.stdin.fileno(), 4096):
                    return  # the server went; its apps end with this process
            elif key.data == "nieuw":
                with contextlib.suppress(OSError, ValueError):
                    link, _ = listener.accept()
                    started = _fork(link, listener, chooser, main, apps)
                    if started is None:
                        link.close()
                    else:
                        pidfd = os.pidfd_open(started)
                        apps[pidfd] = (started, link)
                        chooser.register(pidfd, selectors.EVENT_READ, "klaar")
            else:
                pid, link = apps.pop(key.fd)
                chooser.unregister(key.fd)
                os.close(key.fd)
                _, status = os.waitpid(pid, 0)
                with contextlib.suppress(OSError):
                    link.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
                link.close()


def _fork(link: socket.socket, listener: socket.socket, chooser: selectors.BaseSelector,
          main: Callable[[list[str]], int], apps: dict[int, tuple[int, socket.socket]]) -> int | None:
    """Read one request and fork its app; the pid, or None for a request that makes no sense."""
    link.settimeout(5.0)
    header, fds, _, _ = socket.recv_fds(link, _HEADER.size, 3)
    if len(header) != _HEADER.size or len(fds) != 3:
        for fd in fds:
            os.close(fd)
        return None
    (size,) = _HEADER.unpack(header)
    body = b""
    while len(body) < size:
        piece = link.recv(size - len(body))
        if not piece:
            break
        body += piece
    try:
        request = json.loads(body)
        argv = [str(a) for a in request["argv"]]
        env = {str(k): str(v) for k, v in request["env"].items()}
    except (ValueError, KeyError, AttributeError, TypeError):
        for fd in fds:
            os.close(fd)
        return None
    pid = os.fork()
    if pid == 0:
        # The app keeps none of the starter's own ends: not the other apps' pidfds and
        # links, or a link would stay open after the starter closed it.
        for pidfd, (_, other) in apps.items():
            other.close()
            os.close(pidfd)
        _run_app(fds, argv, env, [listener, link], chooser, main)
    for fd in fds:
        os.close(fd)
    link.sendall(f"{pid}\n".encode())
    return pid


def _run_app(fds: list[int], argv: list[str], env: dict[str, str], sockets: list[socket.socket],
             chooser: selectors.BaseSelector, main: Callable[[list[str]], int]) -> None:
    """In the forked child: become the tab's app, then exit with its code (never returns)."""
    code = 1
    try:
        os.setsid()
        end_with_parent()
        chooser.close()
        for sock in sockets:
            sock.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.environ.clear()
        os.environ.update(env)
        _fresh_streams()
        random.seed()  # not the starter's sequence in every app
        sys.argv = [sys.argv[0], *argv]
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:  # noqa: BLE001 - the app's traceback goes to its tab's stderr, as before
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _fresh_streams() -> None:
    """New sys.stdin/stdout/stderr on the tab's pipes, as a fresh interpreter makes them:
    the starter's own carry its state (what it wrote, where it stood)."""
    unbuffered = bool(os.environ.get("PYTHONUNBUFFERED"))
    sys.stdin = sys.__stdin__ = open(0, encoding="utf-8", closefd=False)  # type: ignore[misc]  # noqa: SIM115
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(  # type: ignore[misc]
        open(1, "wb", closefd=False), encoding="utf-8", write_through=unbuffered)  # noqa: SIM115
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(  # type: ignore[misc]
        open(2, "wb", closefd=False), encoding="utf-8", errors="backslashreplace",  # noqa: SIM115
        write_through=True)


def _find_prctl() -> Callable[[int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


#: Resolved once here, so a child between fork and exec only makes one C call.
_PRCTL: Final = _find_prctl()
_PR_SET_PDEATHSIG: Final[int] = 1


def end_with_parent() -> None:
    """SIGTERM when the parent dies (Linux; elsewhere nothing): a tab's app with the server
    or the starter, the starter with the server. Safe between fork and exec."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGTERM)
