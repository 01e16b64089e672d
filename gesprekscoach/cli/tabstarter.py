"""The starter behind ``serveer``'s tabs: load the app once, then fork it per tab.

Run by the server as ``python -m gesprekscoach.cli.tabstarter SOCKET``; see
:mod:`gesprekscoach.tui.tabfork` for why and how. Here is only what the
apps share: the modules of the app command and the analyser's loaded data.
"""

from __future__ import annotations

import contextlib
import sys


def run_starter(path: str) -> None:
    from gesprekscoach.cli.main import build_parser, main

    build_parser(("app",))  # imports the app command and what it uses
    import textual.drivers.web_driver  # noqa: F401 - every tab's driver

    from gesprekscoach.tui.app import load_analyser
    from gesprekscoach.tui.tabfork import serve

    # A broken rule pack is no reason to stop: each app then finds it itself and says so.
    with contextlib.suppress(Exception):
        load_analyser()
    serve(path, main)


if __name__ == "__main__":
    run_starter(sys.argv[1])
