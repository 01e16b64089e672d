"""PDF for a portfolio: the self-contained HTML report, printed by headless Chromium.

Why Chromium and not a PDF library: the HTML page (:mod:`html`) is already the
report a trainer mails, with its SVG charts and print styles; printing that
very page gives the same document on paper, so there is one layout to keep
right, not two. WeasyPrint is not installable here (no pango), and a drawing
library such as fpdf2 would need every table and chart laid out again by
hand. Chromium is the system browser the browser test already uses
(``apt-get install chromium``); nothing is downloaded. Set
``$GESPREKSCOACH_CHROMIUM`` to use another Chromium or Chrome.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from gesprekscoach.errors import Problem, UserError

#: Browsers tried in this order when $GESPREKSCOACH_CHROMIUM is not set.
BROWSERS: Final[tuple[str, ...]] = ("chromium", "chromium-browser", "google-chrome",
                                    "google-chrome-stable")
#: A report prints in a second or two; longer means the browser hangs.
TIMEOUT: Final[float] = 60.0


def browser() -> str:
    """The Chromium to print with, or a Dutch message that says how to get one."""
    chosen = os.environ.get("GESPREKSCOACH_CHROMIUM")
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise UserError(Problem(f"$GESPREKSCOACH_CHROMIUM wijst naar '{chosen}', maar dat "
                                    "programma is er niet; zet het goed of haal het weg"))
        return found
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise UserError(Problem(
        "voor een PDF is Chromium nodig (Debian/Ubuntu: sudo apt-get install chromium); "
        "of bewaar het rapport als HTML (--formaat html) en druk het af vanuit de browser"))


def html_to_pdf(page: str) -> bytes:
    """Print one HTML page (A4, with its own print styles) to PDF bytes."""
    program = browser()
    with tempfile.TemporaryDirectory(prefix="gesprekscoach-pdf-") as folder:
        source, target = Path(folder) / "rapport.html", Path(folder) / "rapport.pdf"
        source.write_text(page, encoding="utf-8")
        command = [program, "--headless", "--no-sandbox", "--disable-gpu",
                   "--no-pdf-header-footer", f"--user-data-dir={folder}/profiel",
                   f"--print-to-pdf={target}", source.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False,
                           stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise UserError(Problem(f"Chromium gaf binnen {TIMEOUT:.0f} seconden geen PDF; "
                                    "probeer het nog eens of bewaar als HTML")) from None
        except OSError as error:
            raise UserError(Problem(f"Chromium start niet ({error.strerror or error})",
                                    program)) from None
        if not target.exists() or not target.read_bytes().startswith(b"%PDF"):
            raise UserError(Problem("Chromium maakte geen PDF; bewaar het rapport als HTML "
                                    "(--formaat html) en druk het af vanuit de browser"))
        return target.read_bytes()
