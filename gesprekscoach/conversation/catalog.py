"""The scenarios a docent can choose from: shipped, in their own folder, or named.

The picker lists every file it finds, also the ones that fail validation,
so a trainer sees what is wrong instead of wondering where a student went.
Pure: no UI; reading the files happens in :func:`load_catalog`, which the
app calls from a worker.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from platformdirs import PlatformDirs
from platformdirs.api import PlatformDirsABC

from gesprekscoach.conversation.scenario import SCENARIO_SUFFIXES, Scenario, shipped_scenarios

#: Where a scenario came from, as the picker says it.
SHIPPED: Final[str] = "meegeleverd"
OWN: Final[str] = "eigen map"
GIVEN: Final[str] = "opgegeven"


def user_scenarios_dir() -> Path:
    """The docent's own scenario folder; it need not exist.

    ``$XDG_CONFIG_HOME/gesprekscoach/scenarios``, else
    ``~/.config/gesprekscoach/scenarios``, on Linux and macOS alike (as the
    README says); the user's config folder on Windows.
    """
    if sys.platform == "win32":
        dirs: PlatformDirsABC = PlatformDirs("gesprekscoach", appauthor=False)
    else:
        from platformdirs.unix import Unix

        dirs = Unix("gesprekscoach")
    return dirs.user_config_path / "scenarios"


@dataclass(frozen=True)
class Entry:
    """One scenario file in the list: the scenario, or why it could not be read."""

    path: str
    source: str
    scenario: Scenario | None
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    @property
    def search_text(self) -> str:
        """Everything a docent may type to find this entry, casefolded."""
        parts = [Path(self.path).stem, self.source]
        if self.scenario is not None:
            s, p = self.scenario, self.scenario.student
            parts += [s.title, p.name, p.course, p.track, p.situation, f"niveau {p.level}",
                      f"{p.age} jaar", *s.tags]
        else:
            parts += ["fout", "kapot", *self.problems]
        return " ".join(parts).casefold()


def scenario_sources(
    extra: Sequence[str | Path] = (),
    user_folder: str | Path | None = None,
    *,
    shipped: bool = True,
) -> list[tuple[Path, str]]:
    """Every scenario file to list, with where it came from; each file once.

    Order: named on the command line first (the docent asked for them), then
    the own folder, then the shipped ones.
    """
    found: list[tuple[Path, str]] = []
    for item in extra:
        path = Path(item)
        if path.is_dir():
            found += [(p, GIVEN) for p in _yaml_files(path)]
        else:
            found.append((path, GIVEN))
    folder = Path(user_folder) if user_folder is not None else user_scenarios_dir()
    if folder.is_dir():
        found += [(p, OWN) for p in _yaml_files(folder)]
    if shipped:
        found += [(p, SHIPPED) for p in shipped_scenarios()]
    seen: set[str] = set()
    unique = []
    for path, source in found:
        key = os.path.realpath(path)  # unlike Path.resolve, never raises on a link loop
        if key not in seen:
            seen.add(key)
            unique.append((path, source))
    return unique


def _yaml_files(folder: Path) -> list[Path]:
    """The scenario files in ``folder``, also links that lead nowhere: they are listed with
    their error, not left out without a word."""
    return sorted(p for p in folder.rglob("*")
                  if p.suffix in SCENARIO_SUFFIXES and (p.is_file() or p.is_symlink()))


def load_catalog(sources: Iterable[tuple[Path, str]]) -> tuple[Entry, ...]:
    """Read and check every file; a broken one becomes an entry with its problems."""
    from gesprekscoach.conversation.scenario_check import check_scenario  # yaml and rapidfuzz: not at app startup

    entries = []
    for path, source in sources:
        try:
            checked = check_scenario(path)
        except OSError as exc:  # vanished or unreadable between listing and reading
            entries.append(Entry(str(path), source, None, (f"{path}: kan niet gelezen worden ({exc.strerror})",)))
            continue
        except (RecursionError, MemoryError, ValueError):  # one hostile file never stops the app
            entries.append(Entry(str(path), source, None, (
                f"{path}: kan niet gelezen worden; 'gesprekscoach controleer {path}' zegt wat "
                "er mis is",)))
            continue
        entries.append(Entry(str(path), source, checked.scenario, tuple(str(p) for p in checked.problems)))
    return tuple(entries)


def matches(entry: Entry, query: str) -> bool:
    """Whether every word of ``query`` occurs in the entry (case and order do not matter)."""
    text = entry.search_text
    return all(word in text for word in query.casefold().split())
