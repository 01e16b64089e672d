"""``--normen BESTAND`` for every command that scores a conversation."""

from __future__ import annotations

import argparse

from gesprekscoach.cli._db import home
from gesprekscoach.scoring.own_norms import user_norms_path


def add_norms_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--normen", metavar="NORMEN.yaml",
        help=f"eigen normen voor het rapport (standaard: {home(user_norms_path())} als dat "
             "bestaat, anders de meegeleverde)")


def apply_norms(args: argparse.Namespace) -> None:
    """Check the norms in force before anything runs: ``--normen``, else the config file.

    A mistake in either is a Dutch message at its line (exit 2) before a
    conversation starts, not a surprise in the report at its end.
    """
    from gesprekscoach.scoring.own_norms import use_norms

    use_norms(getattr(args, "normen", None))

