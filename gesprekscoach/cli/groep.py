"""``gesprekscoach groep``: a training group at a glance, docent × gespreksregel."""

from __future__ import annotations

import argparse
import dataclasses
import json

from gesprekscoach.cli._db import (
    add_db_argument,
    add_output_arguments,
    emit,
    output_format,
    required_store,
)
from gesprekscoach.cli._norms import add_norms_argument
from gesprekscoach.cli.sessies import unknown_docent
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.scoring.group import KIND_ORDER, Group, GroupSession, build_group
from gesprekscoach.storage.exchange_format import parse_export
from gesprekscoach.storage.paths import check_alias
from gesprekscoach.storage.store import Store
from gesprekscoach.storage.workbench import group_sessions
from gesprekscoach.textfile import JSON_MESSAGES, display_name, read_text

GROUP_FORMATS = ("tekst", "md", "html", "csv", "json", "pdf")

HELP = "de hele groep in één tabel: per docent de punten per gespreksregel"

DESCRIPTION = """\
Een overzicht van een trainingsgroep: per docent het aantal afgeronde
sessies (oefening, proef, transcript), de laatste activiteit, het gemiddelde
cijfer en de gemiddelde punten per gespreksregel (in % van het maximum), met
het gemiddelde van de groep; daaronder hetzelfde per scenario en per soort,
en het cijfer per docent en scenario. Verborgen sessies tellen niet mee
(tenzij --verborgen), transcripten zonder regels van de student of met minder
dan 3 docentbeurten ook niet (tenzij --alles).

Welke docenten: alle docenten in de database, de aliassen die je noemt, of
de sessies uit een exportbestand (--export), bijvoorbeeld nadat je de
exports van een groep met 'importeer-sessies' hebt ingelezen.

Met --normen telt elke sessie opnieuw tegen die normen (met de correcties
van trainers), zoals 'rapport --normen' het rapport van één sessie.

Formaten: tekst (standaard), md, html (één losse pagina met een grafiek per
regel), csv (één regel per docent, scenario en soort), json en pdf (de
HTML-pagina afgedrukt door Chromium, alleen naar een bestand). Zonder
--formaat volgt het formaat uit de naam achter -o."""

EPILOG = """\
voorbeelden:
  gesprekscoach groep
  gesprekscoach groep marieke joost anouk -o groep.html
  gesprekscoach groep -o groep.pdf --normen strenger.yaml
  gesprekscoach groep --export groep-a.json --formaat csv -o groep-a.csv
  gesprekscoach groep --soort transcript"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("groep", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("docenten", metavar="ALIAS", nargs="*",
                        help="de docenten van de groep (standaard: iedereen in de database)")
    parser.add_argument("--export", metavar="BESTAND.json",
                        help="alleen de sessies die in dit exportbestand staan")
    parser.add_argument("--soort", choices=KIND_ORDER, action="append",
                        help="alleen deze soort sessies (mag vaker)")
    parser.add_argument("--scenario", metavar="ID", action="append",
                        help="alleen dit scenario (mag vaker; 'transcript' voor echte gesprekken)")
    parser.add_argument("--verborgen", action="store_true", help="tel verborgen sessies mee")
    parser.add_argument("--alles", action="store_true",
                        help="tel ook dunne transcripten mee (zonder studentregels, < 3 beurten)")
    add_output_arguments(parser, GROUP_FORMATS)
    add_norms_argument(parser)
    add_db_argument(parser)
    return parser


def export_ids(path: str) -> list[str]:
    """The session ids in an export file, checked as ``importeer-sessies`` checks it."""
    name = display_name(path)
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(Problem(f"ongeldige JSON: {JSON_MESSAGES.get(exc.msg, exc.msg)}; "
                                "geef een bestand van 'gesprekscoach exporteer'",
                                name, exc.lineno, exc.colno)) from None
    return [record[0]["id"] for record in parse_export(data, name)]


def render_group(group: Group, fmt: str) -> str:
    from gesprekscoach.output.group_data import group_csv, group_json
    from gesprekscoach.output.group_html import group_html
    from gesprekscoach.output.group_text import group_markdown, group_text

    return {"tekst": group_text, "md": group_markdown, "html": group_html,
            "csv": group_csv, "json": group_json}[fmt](group)


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args)
    aliases = [check_alias(a) for a in args.docenten]
    ids = export_ids(args.export) if args.export else None
    store = required_store(args)
    with store:
        known = {d.lower(): d for d in store.docents()}
        unknown = [a for a in aliases if a.lower() not in known]
        if unknown:   # each with a spelling suggestion, as sessies and voortgang give
            raise UserError(*(unknown_docent(a, list(known.values())) for a in unknown))
        sessions = group_sessions(store, docents=aliases, session_ids=ids,
                                  hidden=args.verborgen, weak=args.alles)
        if args.normen:
            sessions = rescored(store, sessions)
    if ids is not None and not sessions:
        raise UserError(Problem("geen afgeronde sessies uit dit exportbestand in de database; "
                                "lees het eerst in met 'gesprekscoach importeer-sessies'",
                                display_name(args.export)))
    filters = []
    if args.soort:
        sessions = tuple(s for s in sessions if s.kind in args.soort)
        filters.append("alleen " + " en ".join(args.soort))
    if args.scenario:
        wanted = {s.lower() for s in args.scenario}
        sessions = tuple(s for s in sessions if s.scenario.lower() in wanted)
        filters.append("scenario " + ", ".join(args.scenario))
    if args.export:
        filters.append(f"sessies uit {display_name(args.export)}")
    if not args.verborgen:
        filters.append("zonder verborgen sessies")
    if args.normen:
        filters.append(f"opnieuw geteld met de normen uit {display_name(args.normen)}")
    if not args.alles:
        filters.append("zonder transcripten zonder studentregels of met minder dan 3 beurten")
    group = build_group(sessions, docents=aliases, filters=filters)
    emit(lambda kind: render_group(group, kind), fmt, args.uitvoer)
    return 0


def rescored(store: Store, sessions: tuple[GroupSession, ...]) -> tuple[GroupSession, ...]:
    """Each session's score and points against the norms in force (``--normen``), with the
    trainer's corrections, as ``rapport --normen`` gives them."""
    from gesprekscoach.scoring.own_norms import active_norms
    from gesprekscoach.storage.corrections import report_under

    norms, out = active_norms(), []
    for session in sessions:
        report = report_under(store, session.session_id, norms)
        out.append(dataclasses.replace(session, score=report.score,
                                       points={r.rule: r.points for r in report.rules}))
    return tuple(out)
