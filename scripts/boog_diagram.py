#!/usr/bin/env python3
"""Write docs/boog.md: the arc's Dutch explanation and its Mermaid diagram.

The diagram is drawn from the state machine itself (gesprekscoach.conversation.arc), so
the documentation cannot drift from the code; tests/test_arc.py checks that
the file is current. Run: .venv/bin/python scripts/boog_diagram.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gesprekscoach.conversation.arc import mermaid  # noqa: E402

TARGET = ROOT / "docs" / "boog.md"

INTRO = """\
# De gespreksboog

<!-- Gemaakt door scripts/boog_diagram.py: pas dat script aan, niet dit bestand. -->

Een reflectief loopbaangesprek volgt een boog. Na de **opening**, waarin de
student de agenda bepaalt, vertelt de student eerst een concrete ervaring
(**terugkijken**, het kleine verhaal). Daarna geeft de student er betekenis
aan (**verbreden en verdiepen**), kijkt vooruit naar wat hij of zij wil
(**vooruitkijken**) en zet een eerste eigen stap (**in beweging zetten**).
De **afsluiting** rondt het gesprek af.

gesprekscoach volgt de boog per docentbeurt: elke beurt brengt de boog naar
de fase die de beurt dient (zie het codeboek, §3). Een beurt zonder fase
(advies, een oordeel, "hm-hm") laat de boog staan waar hij is.

Wat mag:

- **Teruggaan** mag altijd, bijvoorbeeld van vooruitkijken terug naar
  terugkijken voor een nieuw klein verhaal.
- **Openen, een nieuw verhaal beginnen (terugkijken) en afsluiten** mag
  altijd.
- **Vooruit** mag ook altijd, maar te vroeg vooruit is een **sprong** en wordt
  met het beurtnummer vastgelegd:
  - naar *verbreden en verdiepen* is op volgorde als er een ervaring is om
    te verkennen (de student vertelde er een, of het gesprek kwam al in
    terugkijken);
  - naar *vooruitkijken* is op volgorde als de student een ervaring vertelde
    én die verkend is (in verbreden en verdiepen);
  - naar *in beweging zetten* is op volgorde als daarnaast vooruitkijken al
    bereikt is. Een fase overslaan is dus ook een sprong.

Het sessierapport telt voor de regel *de boog* de middenfasen die op volgorde
(zonder sprong) bereikt zijn, en noemt de valkuil *de vooruitspringer* als er
naar de toekomst gesprongen is.

In het diagram staat bij elke pijl wanneer die overgang op volgorde is, of
"sprong" als hij te vroeg komt. Een pijl met alleen de naam van een fase mag
altijd.
"""


def render() -> str:
    """The whole of docs/boog.md."""
    return f"{INTRO}\n```mermaid\n{mermaid()}\n```\n"


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(render(), encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)} geschreven")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
