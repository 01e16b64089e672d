"""``gesprekscoach evalueer``: how well the analyser agrees with a corpus."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from gesprekscoach.analysis.analyser import analyse, analyse_with, rules
from gesprekscoach.analysis.corpus import GoldRow, read_corpus
from gesprekscoach.analysis.evaluation import Evaluation, Labels, Miss, evaluate
from gesprekscoach.analysis.patterns import tallying
from gesprekscoach.cli._output import clean, label, terminal_width, wrap
from gesprekscoach.codebook import CODES
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.output.format import percent
from gesprekscoach.textfile import display_name

HELP = "vergelijk de analyse met een gelabeld corpus"

DESCRIPTION = """\
Analyseert elke beurt van een gelabeld corpus (JSONL in het formaat van het
codeboek, §6) en vergelijkt code, codes, fase en competentie met de labels.

Elke regel: {"id": "…", "student": "…", "docent": "…", "codes": ["…"],
             "code": "…", "fase": "…" of null, "competentie": "…" of null}
Regels met hetzelfde "gesprek" horen bij één gesprek (in volgorde). Een
.tsv-bestand met de kolommen van echt.tsv mag ook; alleen rijen met status ok
tellen.

--groepen bron meet met kruisvalidatie: het model wordt per deel opnieuw
getraind zonder de rijen van dezelfde bron (pagina), zodat elk cijfer zegt hoe
de analyser het doet op een bron die hij nooit zag. Dat kan alleen in een
checkout van de repository met scikit-learn (pip install -e '.[train]').
--zonder-model meet de regels alleen, zonder de getrainde laag."""

EPILOG = """\
voorbeelden:
  gesprekscoach evalueer corpus/dev.jsonl
  gesprekscoach evalueer corpus/dev.jsonl --fouten | less
  gesprekscoach evalueer corpus/dev.jsonl --json
  gesprekscoach evalueer ../shared/corpus/echt.tsv --groepen bron
  gesprekscoach evalueer tests/data/holdout9.jsonl --regels

--json geeft één JSON-object met n, code_accuracy, code_macro_f1,
codes_micro_f1, fase_accuracy, competentie_accuracy, violation_recall,
violation_precision en per_code; met --fouten komt daar "fouten" bij."""

#: Short code names for the confusion matrix, so it fits 100 columns.
ABBREVIATIONS: dict[str, str] = {
    "advies": "adv",
    "informeren": "inf",
    "suggestieve_vraag": "sug",
    "oordeel": "oor",
    "meervoudige_vraag": "mvr",
    "gesloten_vraag": "ges",
    "doorvraag": "door",
    "open_vraag": "open",
    "samenvatting": "sam",
    "aanmoediging": "aanm",
    "overig": "ovr",
}

#: The headline figures, in the order and words a docent reads them.
FIGURES: tuple[tuple[str, str], ...] = (
    ("code_accuracy", "code juist"),
    ("code_macro_f1", "code macro-F1"),
    ("codes_micro_f1", "codes micro-F1 (alle codes per beurt)"),
    ("fase_accuracy", "fase juist"),
    ("competentie_accuracy", "competentie juist"),
    ("violation_recall", "overtredingen gevonden (recall)"),
    ("violation_precision", "overtredingen terecht (precisie)"),
    ("family_accuracy", "soort zet juist (open = doorvraag)"),
    ("judgement_recall", "met oordeel: gevonden (recall)"),
    ("judgement_precision", "met oordeel: terecht (precisie)"),
)

_CELL = 5
_ROW_LABEL = 18
_LEGEND_WIDTH = 90


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("evalueer", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("corpus", metavar="CORPUS.jsonl",
                        help="gelabeld corpus; '-' leest van standaardinvoer")
    parser.add_argument("--json", action="store_true",
                        help="één JSON-object met alle cijfers")
    parser.add_argument("--fouten", action="store_true",
                        help="toon elke beurt waarin code, fase of competentie afwijkt")
    parser.add_argument("--regels", action="store_true",
                        help="toon per patroon van het regelpakket hoe vaak het besliste, en welke nooit")
    parser.add_argument("--groepen", choices=["bron"], metavar="bron",
                        help="kruisvalidatie gegroepeerd per bron (model opnieuw getraind per deel)")
    parser.add_argument("--delen", type=int, default=10, metavar="N",
                        help="aantal delen voor --groepen (standaard 10)")
    parser.add_argument("--zonder-model", action="store_true",
                        help="alleen de regels, zonder de getrainde laag")
    return parser


def _repository() -> Path:
    """The checkout this package runs from, for training during cross-validation."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "corpus" / "train").is_dir():
        raise UserError(Problem(
            "--groepen traint het model opnieuw en heeft de corpora van de repository nodig; "
            "draai het vanuit een checkout (scripts/start evalueer …)", str(root)))
    return root


def _predict(args: argparse.Namespace, rows: list[GoldRow]) -> list:
    if args.groepen:
        try:
            import sklearn  # noqa: F401
        except ImportError:
            raise UserError(Problem(
                "--groepen heeft scikit-learn nodig: .venv/bin/pip install -e '.[train]'")) from None
        if args.delen < 2:
            raise UserError(Problem("--delen moet minstens 2 zijn"))
        from gesprekscoach.analysis.training import cross_validate
        return cross_validate(_repository(), rows, args.delen)
    if args.zonder_model:
        return [analyse_with(None, row.docent, row.student, row.history) for row in rows]
    return [analyse(row.docent, row.student, row.history) for row in rows]


def run(args: argparse.Namespace) -> int:
    rows = read_corpus(args.corpus)
    with tallying() as fired:
        predictions = _predict(args, rows)
    result = evaluate(rows, predictions)
    if args.json:
        data = result.to_dict(with_misses=args.fouten)
        if args.regels:
            data["regels"] = {source: fired[source] for _, source in rules().sources}
        print(json.dumps(data, ensure_ascii=False))
        return 0
    width = terminal_width()
    how = (f", kruisvalidatie over {args.delen} delen per bron" if args.groepen
           else ", alleen regels" if args.zonder_model else "")
    print(f"Evaluatie van {clean(display_name(args.corpus))}: {result.n} beurten{how}")
    print()
    print_figures(result)
    print()
    print_per_code(result)
    print()
    print_confusion(result)
    print()
    print_rules(fired, full=args.regels and not args.groepen)
    if args.fouten:
        print()
        print_misses(result.misses, width)
    return 0


def print_rules(fired: Counter[str], *, full: bool) -> None:
    """How often each pattern of the rule pack decided, and which never did."""
    sources = rules().sources
    used = sum(1 for _, source in sources if fired[source])
    print(f"Regelpakket: {used} van {len(sources)} patronen besliste minstens één keer"
          + ("" if full else " (--regels toont ze per patroon)"))
    if not full:
        return
    for section, source in sorted(sources, key=lambda pair: -fired[pair[1]]):
        print(f"  {fired[source]:>6}  {section:<32} {clean(source)}")


def print_figures(result: Evaluation) -> None:
    size = max(len(name) for _, name in FIGURES)
    for key, name in FIGURES:
        share: float = getattr(result, key)
        print(f"  {name:<{size}}  {percent(share, 1):>7}")


def print_per_code(result: Evaluation) -> None:
    print("Per code")
    print(f"  {'code':<{_ROW_LABEL}} {'precisie':>8} {'recall':>8} {'F1':>8} {'aantal':>7}")
    for code, score in result.per_code.items():
        print(f"  {label(code):<{_ROW_LABEL}} {percent(score.precision, 1):>8} "
              f"{percent(score.recall, 1):>8} {percent(score.f1, 1):>8} {score.support:>7}")


def print_confusion(result: Evaluation) -> None:
    codes = result.labels
    print("Verwarringsmatrix (rijen: verwacht, kolommen: voorspeld)")
    print(f"  {'':<{_ROW_LABEL}}" + "".join(f"{ABBREVIATIONS[c]:>{_CELL}}" for c in codes)
          + f"{'tot':>{_CELL + 1}}")
    for gold in codes:
        cells = [result.confusion.get((gold, predicted), 0) for predicted in codes]
        print(f"  {label(gold):<{_ROW_LABEL}}"
              + "".join(f"{count or '·':>{_CELL}}" for count in cells)
              + f"{sum(cells):>{_CELL + 1}}")
    entries = [f"{ABBREVIATIONS[c]} = {label(c)}" for c in CODES if c in codes]
    line = ""
    for entry in entries:  # wrap between entries, never inside one
        if line and len(line) + len(entry) + 2 > _LEGEND_WIDTH:
            print(f"  {line},")
            line = ""
        line = f"{line}, {entry}" if line else entry
    print(f"  {line}")


def print_misses(misses: tuple[Miss, ...], width: int) -> None:
    if not misses:
        print("Fouten: geen; elke beurt klopt in code, fase en competentie.")
        return
    print(f"Fouten ({len(misses)}): verwacht → voorspeld")
    for miss in misses:
        print()
        print(f"{clean(miss.id)} (regel {miss.line})")
        for name, text in (("student", miss.student), ("docent", miss.docent)):
            body = wrap(clean(text) or "(leeg)", width - 16, 4)
            print(f"  {name + ':':<13} {body[0]}")
            for line in body[1:]:
                print(f"  {'':<13} {line}")
        for name, gold, predicted in _compare(miss.gold, miss.predicted):
            print(f"  {name + ':':<13} {gold}" if gold == predicted
                  else f"  {name + ':':<13} {gold}  →  {predicted}   ✗")


def _compare(gold: Labels, predicted: Labels) -> list[tuple[str, str, str]]:
    def codes(labels: Labels) -> str:
        return ", ".join(label(c) for c in labels.codes)

    return [
        ("code", label(gold.code), label(predicted.code)),
        ("codes", codes(gold), codes(predicted)),
        ("fase", label(gold.fase), label(predicted.fase)),
        ("competentie", label(gold.competentie), label(predicted.competentie)),
    ]
