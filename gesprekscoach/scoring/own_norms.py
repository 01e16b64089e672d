"""Which norms a report is scored against: ``--normen``, the trainer's own file, or the defaults.

A trainer who adjusts the norms for her group should not have to pass
``--normen`` to every command, and the app has no command line at a
training day: a file ``normen.yaml`` in the user's config folder
(``~/.config/gesprekscoach/normen.yaml``, or ``$XDG_CONFIG_HOME``; the user's
config folder on Windows, via platformdirs) is used by every report.
``--normen BESTAND`` on a command wins over it (:func:`use_norms`). Every
report says which file it followed (``Report.norms_source``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from gesprekscoach.scoring.norms import Norms, load_norms

#: Set by ``--normen``; wins over the file in the config folder.
_chosen: Norms | None = None
#: The config file's norms, by (path, modification time), so a report per turn stays cheap.
_cached: tuple[tuple[str, float], Norms] | None = None


def user_norms_path() -> Path:
    """``normen.yaml`` in the user's config folder (beside ``scenarios/``); it need not exist."""
    from platformdirs import PlatformDirs

    if sys.platform == "win32":
        return PlatformDirs("gesprekscoach", appauthor=False).user_config_path / "normen.yaml"
    from platformdirs.unix import Unix

    return Unix("gesprekscoach").user_config_path / "normen.yaml"


def use_norms(path: str | Path | None) -> Norms:
    """Score every report of this process against ``path`` (checked now: a UserError with
    file:line for a mistake); None goes back to the config file or the defaults."""
    global _chosen
    _chosen = None if path is None else load_norms(path)
    return active_norms()


def active_norms() -> Norms:
    """The norms in force: ``--normen``, else the user's own file, else the defaults."""
    global _cached
    if _chosen is not None:
        return _chosen
    path = user_norms_path()
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError:
        return load_norms()
    if _cached is None or _cached[0] != key:
        _cached = (key, load_norms(path))
    return _cached[1]
