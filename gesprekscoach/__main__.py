"""``python -m gesprekscoach`` runs the command line."""

import sys

from gesprekscoach.cli.main import main

sys.exit(main())
