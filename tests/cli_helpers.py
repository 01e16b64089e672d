"""Helpers for tests that drive the command line the way a user does."""

from __future__ import annotations

from pathlib import Path

import pytest

from gesprekscoach.cli import main as cli


def run_cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """Run ``gesprekscoach ARGV…``; the exit code and what it printed to stdout and stderr."""
    code = cli.main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """A file in ``tmp_path``: text as UTF-8, bytes as they are (for bad encodings)."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
