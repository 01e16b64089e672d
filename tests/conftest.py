"""Shared test set-up: no test ever writes to the user's real session database."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _own_session_db(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point $GESPREKSCOACH_DB at a fresh file per test (commands fall back to it)."""
    path = tmp_path_factory.mktemp("db") / "sessies.db"
    monkeypatch.setenv("GESPREKSCOACH_DB", str(path))
    return path
