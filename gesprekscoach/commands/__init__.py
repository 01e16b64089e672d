"""Subcommands of the ``gesprekscoach`` command line.

Each module here has ``add_parser(subparsers) -> argparse.ArgumentParser``,
which adds its parser to ``subparsers``, and ``run(args) -> int``, which runs
it and returns the exit code. Bad input is raised as
:class:`gesprekscoach.errors.UserError`; ``cli.py`` prints it. List a new
module in ``cli.COMMANDS``.
"""
