"""Errors a user can fix: they carry where (file:line:column) and what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one place of a file, phrased in Dutch for the user."""

    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = ":".join(
            str(part) for part in (self.path, self.line, self.column) if part not in ("", None)
        )
        return f"{where}: {self.message}" if where else self.message


class UserError(Exception):
    """Bad input the user can fix; the CLI prints the problems and exits with 2."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems: tuple[Problem, ...] = problems
