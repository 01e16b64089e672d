"""The ``gesprekscoach`` command line: the top layer, beside ``tui``.

``main.py`` builds the parser and runs a command; every other module here is
one subcommand with ``add_parser(subparsers) -> argparse.ArgumentParser``,
which adds its parser, and ``run(args) -> int``, which runs it and returns the
exit code. Bad input is raised as :class:`gesprekscoach.errors.UserError`;
``main.py`` prints it. List a new module in ``main.COMMANDS``.
"""
