# Sourced by scripts/start and scripts/test: make sure .venv exists and is
# up to date with pyproject.toml, so a fresh clone needs no other set-up.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
    echo "gesprekscoach: '$python' niet gevonden. Installeer Python 3.11 of nieuwer, of zet PYTHON=/pad/naar/python3." >&2
    exit 2
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "gesprekscoach: Python 3.11 of nieuwer nodig; '$python' is $("$python" -V 2>&1). Zet PYTHON=/pad/naar/python3.11." >&2
    exit 2
fi
stamp=".venv/.geinstalleerd"
if [ ! -x .venv/bin/python ]; then
    echo "gesprekscoach: eerste start, .venv wordt aangemaakt…" >&2
    "$python" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "gesprekscoach: pakketten installeren (eenmalig, even geduld)…" >&2
    log=".venv/installatie.log"
    if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
           .venv/bin/python -m pip install --disable-pip-version-check -e ".[test]"; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        echo "gesprekscoach: installeren mislukt; het hele verslag staat in $log." >&2
        exit 2
    fi
    touch "$stamp"
fi
