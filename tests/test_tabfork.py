"""The starter behind serveer's tabs (gesprekscoach.tui.tabfork): a real starter process,
real pipes, real forks; a stand-in main function so each test takes milliseconds."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from gesprekscoach.cli.serveer import session_command, starter_command
from gesprekscoach.tui import tabfork

pytestmark = pytest.mark.skipif(not tabfork.supported(), reason="forks tabs on Linux only")

#: A starter whose "app" echoes its argv, one environment variable and its first stdin line,
#: says something on stderr, and exits with the number it was given.
ECHO_STARTER = [sys.executable, "-c", """
import os, sys
from gesprekscoach.tui.tabfork import serve

def main(argv):
    line = sys.stdin.readline().strip()
    print("argv", *argv, "env", os.environ.get("KLEUR"), "stdin", line, "pid", os.getpid(),
          "sid", os.getsid(0), flush=True)
    print("op stderr", file=sys.stderr, flush=True)
    if argv[:1] == ["wacht"]:
        sys.stdin.readline()
    return int(argv[-1])

serve(sys.argv[1], main)
"""]
PREFIX = ("python", "-m", "app")


async def _echo(starter: tabfork.TabStarter, code: int) -> tuple[str, str, int, int]:
    process = await starter.spawn([*PREFIX, "hallo", str(code)], {"KLEUR": "groen", "PATH": ""})
    process.stdin.write(b"invoer\n")
    await process.stdin.drain()
    out = (await process.stdout.read()).decode()
    err = (await process.stderr.read()).decode()
    return out, err, await process.wait(), process.pid


def test_a_forked_app_gets_its_argv_env_pipes_and_exit_code() -> None:
    async def run() -> list[tuple[str, str, int, int]]:
        starter = await tabfork.TabStarter.start(ECHO_STARTER, dict(os.environ), PREFIX)
        assert starter is not None
        try:
            assert starter.can_run([*PREFIX, "x"]) and not starter.can_run(["ander", "-m", "app"])
            return list(await asyncio.gather(*(_echo(starter, code) for code in (0, 3, 7))))
        finally:
            await starter.close()

    results = asyncio.run(asyncio.wait_for(run(), 30))
    assert [code for _, _, code, _ in results] == [0, 3, 7]
    for (out, err, code, pid) in results:
        assert out.startswith(f"argv hallo {code} env groen stdin invoer pid {pid} sid {pid}")
        assert err == "op stderr\n"
    assert len({pid for *_, pid in results}) == 3  # one process each


def test_an_app_ended_by_a_signal_reports_it_and_the_starter_goes_on() -> None:
    async def run() -> tuple[int, str]:
        starter = await tabfork.TabStarter.start(ECHO_STARTER, dict(os.environ), PREFIX)
        assert starter is not None
        try:
            process = await starter.spawn([*PREFIX, "wacht", "0"], {})
            process.stdin.write(b"eerst\n")
            await process.stdin.drain()
            await process.stdout.readline()
            assert process.returncode is None
            os.killpg(process.pid, signal.SIGTERM)  # as TabApp's stop does, to the app's session
            ended = await process.wait()
            out, _, _, _ = await _echo(starter, 5)  # the next tab still starts
            return ended, out
        finally:
            await starter.close()

    ended, out = asyncio.run(asyncio.wait_for(run(), 30))
    assert ended == -signal.SIGTERM and out.startswith("argv hallo 5")


def test_a_starter_that_does_not_get_ready_means_none() -> None:
    """Then every tab starts its app from scratch (the server says so once)."""
    async def run() -> object:
        return await tabfork.TabStarter.start([sys.executable, "-c", "print('nee')"],
                                              dict(os.environ), PREFIX)

    assert asyncio.run(asyncio.wait_for(run(), 30)) is None


def test_a_gone_starter_raises_oserror_so_the_tab_starts_afresh() -> None:
    async def run() -> None:
        starter = await tabfork.TabStarter.start(ECHO_STARTER, dict(os.environ), PREFIX)
        assert starter is not None
        await starter.close()
        assert not starter.can_run([*PREFIX, "x"])
        with pytest.raises(OSError):
            await starter.spawn([*PREFIX, "0"], {})

    asyncio.run(asyncio.wait_for(run(), 30))


def test_the_real_starter_runs_the_tabs_command(tmp_path: Path) -> None:
    """serveer's own starter runs what a tab would run from scratch: here ``--help``."""
    command = session_command([])
    assert command[:3] == [sys.executable, "-m", "gesprekscoach"]

    async def run() -> tuple[str, int]:
        starter = await tabfork.TabStarter.start(starter_command(), dict(os.environ), command[:3])
        assert starter is not None
        try:
            process = await starter.spawn([*command, "--help"], dict(os.environ))
            return (await process.stdout.read()).decode(), await process.wait()
        finally:
            await starter.close()

    out, code = asyncio.run(asyncio.wait_for(run(), 60))
    assert code == 0 and "--scenario" in out and "Kies een student" in out
