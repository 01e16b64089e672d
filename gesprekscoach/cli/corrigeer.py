"""``gesprekscoach corrigeer``: a trainer corrects a turn's code, adds a note, hides or deletes."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Mapping
from typing import Any

from gesprekscoach.cli._db import add_db_argument, open_store, required_store
from gesprekscoach.cli._norms import add_norms_argument
from gesprekscoach.codebook import CODES, COMPETENTIES, FASEN, LABELS, in_priority, primary
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.model import TurnAnalysis
from gesprekscoach.scoring.own_norms import active_norms
from gesprekscoach.storage.corrections import (
    add_note,
    corrected_fase,
    remove_correction,
    rescore,
    reviewed,
    save_correction,
)
from gesprekscoach.storage.paths import check_alias, printable
from gesprekscoach.storage.store import Store
from gesprekscoach.storage.workbench import delete_session, set_hidden

HELP = "corrigeer de code van een beurt, zet er een notitie bij, verberg of verwijder een sessie"

DESCRIPTION = f"""\
Voor de trainer die een sessie beoordeelt. Met BEURT en CODE vervang je de
code die de analyser aan die docentbeurt gaf (en met --fase en
--competentie ook die). Doet de beurt meer dan één ding, geef dan alle codes
("oordeel doorvraag"): de eerste volgens de voorrangsregel van het codeboek
telt als de code, de andere tellen mee waar het rapport ze telt. Het rapport wordt opnieuw berekend met jouw code;
het rapport laat zien wat je corrigeerde en wat de analyser zei, dat blijft
bewaard. Voortgang en 'groep' tellen het gecorrigeerde cijfer. Met
'exporteer --correcties' gaan je correcties als gelabelde data (het
corpusformaat van het codeboek) naar de analyser.

Codes: {", ".join(CODES)}.
Fasen: {", ".join(FASEN)} (of 'geen').
Competenties: {", ".join(COMPETENTIES)} (of 'geen').

Zonder --fase blijft de fase van de analyser, behalve bij een code die geen
fase dient (advies, informeren, suggestieve vraag, oordeel, aanmoediging).

--notitie zet een notitie bij de beurt, of zonder BEURT bij de hele sessie.
--verberg haalt een sessie uit de lijsten, de voortgang en 'groep' (in een
export blijft hij); --toon zet hem terug. --verwijder wist een sessie voor
altijd, na een bevestiging (of met --ja)."""

EPILOG = """\
voorbeelden:
  gesprekscoach corrigeer 3f2a9c1e 4 doorvraag --door els
  gesprekscoach corrigeer 3f2a9c1e 5 oordeel doorvraag      een oordeel en een doorvraag
  gesprekscoach corrigeer 3f2a9c1e 7 advies --competentie netwerken --notitie "tip verpakt als vraag"
  gesprekscoach corrigeer 3f2a9c1e --notitie "mooi doorgevraagd in het midden" --door els
  gesprekscoach corrigeer 3f2a9c1e 4 --terug
  gesprekscoach corrigeer 3f2a9c1e --verberg
  gesprekscoach corrigeer 3f2a9c1e --verwijder"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("corrigeer", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("sessie", metavar="SESSIE", help="sessie-id (of het begin ervan) of 'laatste'")
    parser.add_argument("beurt", metavar="BEURT", nargs="?", help="het nummer van de docentbeurt")
    parser.add_argument("code", metavar="CODE", nargs="*",
                        help="de juiste code (zie boven); meer codes als de beurt meer doet "
                             "(oordeel doorvraag): de eerste volgens de voorrangsregel telt")
    parser.add_argument("--fase", metavar="FASE", help="de juiste fase, of 'geen'")
    parser.add_argument("--competentie", metavar="COMPETENTIE",
                        help="de juiste competentie, of 'geen'")
    parser.add_argument("--notitie", metavar="TEKST", help="een notitie bij de beurt of de sessie")
    parser.add_argument("--door", metavar="NAAM", default="trainer",
                        help="wie corrigeert (standaard: trainer)")
    parser.add_argument("--terug", action="store_true", help="neem de correctie van BEURT terug")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--verberg", action="store_true", help="verberg de sessie")
    what.add_argument("--toon", action="store_true", help="toon een verborgen sessie weer")
    what.add_argument("--verwijder", action="store_true", help="verwijder de sessie voor altijd")
    parser.add_argument("--ja", action="store_true", help="verwijder zonder te vragen")
    add_norms_argument(parser)
    add_db_argument(parser)
    return parser


def choice(value: str, allowed: tuple[str, ...], what: str, *, nullable: bool = False) -> str | None:
    """``value`` as one of ``allowed`` (case and spaces forgiven), or a Dutch message."""
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    if nullable and key in ("geen", "null", "-"):
        return None
    by_label = {LABELS.get(a, a).lower().replace(" ", "_"): a for a in allowed}
    if key in allowed:
        return key
    if key in by_label:
        return by_label[key]
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f"bedoel je '{close[0]}'? " if close else ""
    raise UserError(Problem(f"'{printable(value)}' is geen {what}; {hint}kies uit "
                            + ", ".join(allowed) + (" of geen" if nullable else "")))


def _turn(text: str, count: int) -> int:
    if not text.isdigit() or not 1 <= int(text) <= count:
        raise UserError(Problem(f"'{printable(text)}' is geen beurt van deze sessie; geef een "
                                f"nummer van 1 tot en met {count} (zie 'gesprekscoach rapport')"))
    return int(text)


def _confirm(question: str) -> bool:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(Problem("verwijderen vraagt om een bevestiging; geef --ja mee als je het "
                                "zeker weet (er is niets verwijderd)"))
    try:
        return input(f"{question} [j/N] ").strip().lower() in ("j", "ja", "y")
    except EOFError:
        return False


def run(args: argparse.Namespace) -> int:
    by = check_alias(args.door)
    required_store(args).close()   # a Dutch message when nothing was ever stored
    store = open_store(args)       # this command writes
    with store:
        info = store.find(args.sessie)
        label = f"sessie {info.short_id} van {info.docent} met {info.who}"
        if args.verwijder:
            if not args.ja and not _confirm(f"{label} voor altijd verwijderen?"):
                print("Niets verwijderd.", file=sys.stderr)
                return 0
            delete_session(store, info.id)
            print(f"Verwijderd: {label}.", file=sys.stderr)
            return 0
        if args.verberg or args.toon:
            set_hidden(store, info.id, args.verberg)
            print(f"{'Verborgen' if args.verberg else 'Weer zichtbaar'}: {label}.", file=sys.stderr)
            if args.beurt is None and args.notitie is None:
                return 0
        if args.beurt is None:
            if not args.code and args.notitie is None and not (args.verberg or args.toon):
                raise UserError(Problem("geef een BEURT en een CODE, of --notitie TEKST voor de "
                                        "hele sessie (zie 'gesprekscoach corrigeer --help')"))
            if args.notitie is not None:
                _note(store, info.id, None, args.notitie, by)
                print(f"Notitie bij {label} bewaard.", file=sys.stderr)
            return 0
        stored = store.load(info.id)
        turn = _turn(args.beurt, len(stored.exchanges))
        if args.terug:
            done = remove_correction(store, info.id, turn)
            rescore(store, stored)
            print(f"Correctie van beurt {turn} teruggenomen." if done else
                  f"Beurt {turn} had geen correctie.", file=sys.stderr)
            return 0
        if not args.code and args.notitie is None:
            raise UserError(Problem(f"wat is de juiste code van beurt {turn}? Kies uit "
                                    + ", ".join(CODES) + " (of geef --notitie TEKST)"))
        if args.code:
            codes = {c for c in (choice(a, CODES, "code") for a in args.code) if c is not None}
            code = primary(codes)
            also = tuple(c for c in in_priority(codes) if c != code)
            analysis = stored.exchanges[turn - 1].analysis
            fase = corrected_fase(
                code, choice(args.fase, FASEN, "fase", nullable=True) if args.fase else None,
                args.fase is not None, analysis.fase)
            competentie = (choice(args.competentie, COMPETENTIES, "competentie", nullable=True)
                           if args.competentie is not None else analysis.competentie)
            # "Was" under the norms in force now, as "nu" is: a norms file added since the
            # session was scored must not show up as the correction's effect.
            before = reviewed(store, stored, active_norms()).stored.report_data or {}
            save_correction(store, info.id, turn, code, fase=fase, competentie=competentie,
                            by=by, also=also)
            view = rescore(store, stored)
            report = view.stored.report_data or {}
            print(f"Beurt {turn}: {_changes(analysis, (code, *also), fase, competentie)} (door {by}). "
                  f"{_arc_change(before, report)}Cijfer nu {report.get('cijfer', '–')} "
                  f"(was {before.get('cijfer', '–')}).")
        if args.notitie is not None:
            _note(store, info.id, turn, args.notitie, by)
            print(f"Notitie bij beurt {turn} bewaard.", file=sys.stderr)
    return 0


def _label(value: str | None) -> str:
    return LABELS.get(value, value) if value else "geen"


def _changes(analysis: TurnAnalysis, codes: tuple[str, ...], fase: str | None,
             competentie: str | None) -> str:
    """What the correction changed, in words: ``doorvraag → oordeel + doorvraag, fase …``
    (the moves in priority order, the one that counts first)."""
    was = in_priority(analysis.codes) if analysis.code in analysis.codes else (analysis.code,)
    new, old = " + ".join(map(_label, codes)), " + ".join(map(_label, was))
    parts = [f"{old} → {new}" if set(codes) != set(was) or codes[0] != analysis.code
             else f"{new} (code blijft)"]
    if fase != analysis.fase:
        parts.append(f"fase {_label(analysis.fase)} → {_label(fase)}")
    if competentie != analysis.competentie:
        parts.append(f"competentie {_label(analysis.competentie)} → {_label(competentie)}")
    return ", ".join(parts)


def _jumps(data: Mapping[str, Any]) -> list[int]:
    return [s["beurt"] for s in (data.get("boog") or {}).get("sprongen", [])]


def _said(turns: list[int]) -> str:
    if not turns:
        return "geen sprong"
    return (f"{len(turns)} sprong{'en' if len(turns) > 1 else ''} (beurt "
            + ", ".join(map(str, turns)) + ")")


def _arc_change(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """The arc's sprongen before and after, when the correction moved them."""
    old, new = _jumps(before), _jumps(after)
    return "" if old == new else f"Boog: {_said(old)} → {_said(new)}. "


def _note(store: Store, session_id: str, turn: int | None, text: str, by: str) -> None:
    text = text.strip()
    if not text:
        raise UserError(Problem("de notitie is leeg; schrijf er iets in"))
    if len(text) > 4000:
        raise UserError(Problem("de notitie is te lang (meer dan 4000 tekens); maak hem korter"))
    add_note(store, session_id, turn, text, by=by)
