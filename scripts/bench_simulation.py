"""How fast is the simulation? Scenario loading, student replies, whole sessions.

Run: .venv/bin/python scripts/bench_simulation.py [--herhalingen N]

A trainer loads a scenario and expects the check at once; a docent types a
turn and expects the student's answer at once; ``simuleer`` and the tests
play whole conversations. Targets (median): loading a scenario ≤ 50 ms, also
one with 500 layers; one student reply ≤ 2 ms with 500 layers; a 40-turn
session (analyse + arc + student + report) ≤ 100 ms. This script only
measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gesprekscoach.analysis.analyser import TurnAnalysis, analyse  # noqa: E402
from gesprekscoach.analysis.keywords import KeywordIndex  # noqa: E402
from gesprekscoach.conversation.arc import Arc  # noqa: E402
from gesprekscoach.conversation.scenario import LAYER_PHASES, Scenario, shipped_scenarios  # noqa: E402
from gesprekscoach.conversation.scenario_check import load_scenario  # noqa: E402
from gesprekscoach.conversation.session import Session  # noqa: E402
from gesprekscoach.conversation.student import Student  # noqa: E402
from gesprekscoach.scoring.report import report_on  # noqa: E402

TARGET_LOAD_MS = 50.0
TARGET_REPLY_MS = 2.0
TARGET_SESSION_MS = 100.0
SESSION_TURNS = 40
LAYERS = 500

#: Stems the generated scenario's words are made of (own list, mbo practice);
#: with the endings below they give a few thousand different words, about as
#: varied as a trainer's own word lists (nine in ten words differ per layer).
STEMS: tuple[str, ...] = (
    "stage", "klant", "collega", "begeleider", "rooster", "dienst", "werkplaats", "magazijn",
    "heftruck", "kapsalon", "keuken", "klas", "examen", "diploma", "planning", "pauze",
    "moeder", "vader", "broer", "oom", "vriend", "trainer", "leermeester", "teamleider",
    "bang", "trots", "boos", "moe", "blij", "onzeker", "zenuw", "rustig", "fout", "ongeluk",
    "ruzie", "compliment", "feedback", "beoordeling", "presentatie", "gesprek", "later",
    "toekomst", "opleiding", "niveau", "baan", "contract", "droom", "plan", "afspraak",
    "maandag", "vrijdag", "week", "maand", "snel", "netjes", "precies", "sterk", "handig",
    "geduld", "eerlijk", "zelfstandig", "bewoner", "patiënt", "kind", "groep", "ouder",
    "dier", "hond", "paard", "auto", "scooter", "motor", "band", "olie", "hout", "kozijn",
    "dak", "muur", "verf", "stroom", "kabel", "laptop", "scherm", "code", "server", "kassa",
    "winkel", "schap", "bestelling", "pakket", "route", "chauffeur", "bus", "trein", "fiets",
    "school", "les", "toets", "cijfer", "mentor", "rapport", "portfolio", "verslag", "taak",
    "team", "overleg", "melding", "veiligheid", "hygiëne", "zorg", "douche", "maaltijd",
    "medicijn", "wond", "verband", "tillift", "rolstoel", "bed", "kamer", "gang", "deur",
    "sleutel", "gereedschap", "boor", "zaag", "meetlat", "tekening", "ontwerp", "kleur",
    "stof", "naald", "schaar", "kam", "föhn", "spiegel", "gast", "bar", "glas", "bord",
)
ENDINGS: tuple[str, ...] = ("", "en", "ing", "heid", "er", "je", "lijk", "werk", "plek", "tijd",
                            "dag", "kast", "team", "vak", "les")
COMPETENCES: tuple[str, ...] = ("capaciteiten", "motieven", "werkexploratie", "loopbaansturing",
                                "netwerken")

#: Docent turns for the generated student; {a} and {b} become words of its layers.
TEMPLATES: tuple[str, ...] = (
    "Hoi, ga zitten. Waar wil je het vandaag over hebben?",
    "Wat gebeurde er met die {a}?",
    "Je zegt {a}. Wat bedoel je daarmee?",
    "Dus het ging over {a} en {b}.",
    "...",
    "Hoe was dat voor jou, met die {a}?",
    "Wat betekent {a} voor jou?",
    "Wanneer had je dat nog meer, met {b}?",
    "Het klinkt alsof {a} belangrijk voor je is.",
    "Wat zou je later graag willen met {a}?",
    "Hoe zie je jezelf over een jaar?",
    "Wat is je eerste stap met {b}?",
    "Wie kan je helpen met {a}?",
    "Je moet gewoon met je {a} praten.",
    "Vond je dat leuk?",
    "Wat neem je mee uit dit gesprek?",
)


# --------------------------------------------------------------------- data


def generated_scenario(layers: int = LAYERS, seed: int = 11) -> str:
    """A valid scenario with ``layers`` layers: chains of three per theme, every phase."""
    rng = random.Random(seed)
    vocabulary = sorted({stem + ending for stem in STEMS for ending in ENDINGS}
                        | {rng.choice(STEMS) + rng.choice(STEMS) for _ in range(3000)})
    out = [
        "titel: Gegenereerde student voor de benchmark",
        "student:",
        "  naam: Bench",
        "  leeftijd: 18",
        "  opleiding: Benchmarken",
        "  niveau: 3",
        "  leerweg: BOL",
        "  situatie: Een student met heel veel te vertellen.",
        "openheid: 0.5",
        "lagen:",
    ]
    ids = []
    for i in range(layers):
        depth = i % 3 + 1
        fase = LAYER_PHASES[(i // 3) % len(LAYER_PHASES)]
        words = rng.sample(vocabulary, 6)
        out += [
            f"  - id: laag{i}",
            f"    fase: {fase}",
            f"    diepte: {depth}",
            f"    competentie: {COMPETENCES[i % len(COMPETENCES)]}",
            f"    woorden: [{', '.join(words)}]",
            "    tekst:",
            f'      - "Over {words[0]} en {words[1]}: dat is verhaal {i}. Het ging om {words[2]}."',
            f'      - "Nog eens over {words[0]}, in andere woorden ({i}). En {words[3]} ook."',
        ]
        if depth > 1:
            out.append(f"    na: laag{i - 1}")
        ids.append(f"laag{i}")
    out += ["doel:", f"  lagen: [{', '.join(ids[:10])}]", "  diepste: laag2"]
    return "\n".join(out) + "\n"


def turns_for(scenario: Scenario, count: int, seed: int = 5) -> list[str]:
    """``count`` docent turns that use the scenario's own words."""
    rng = random.Random(seed)
    words = sorted({w for layer in scenario.layers for w in layer.words})
    return [TEMPLATES[i % len(TEMPLATES)].format(a=rng.choice(words), b=rng.choice(words))
            for i in range(count)]


# --------------------------------------------------------------------- measuring


def timed(call: Callable[[], object], repeats: int) -> list[float]:
    """Seconds per call."""
    result = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        result.append(time.perf_counter() - start)
    return result


def analysed(turns: Sequence[str]) -> list[TurnAnalysis]:
    """The turns analysed once, so the student's timing leaves the analyser out."""
    previous = "Ik weet het niet precies, het ging over mijn stage."
    return [analyse(turn, previous) for turn in turns]


def reply_times(scenario: Scenario, runs: int) -> list[float]:
    """Seconds per ``Student.reply`` alone, in conversations driven by the arc.

    Every run has other docent words, so what the student remembers of
    earlier words (the typo look-ups) does not flatter the figure.
    """
    result = []
    for seed in range(runs):
        analyses = analysed(turns_for(scenario, SESSION_TURNS, seed=100 + seed))
        student, arc = Student(scenario, seed=seed), Arc()
        for analysis in analyses:
            arc.step(analysis.fase)
            start = time.perf_counter()
            reply = student.reply(analysis, phase=arc.phase, reflected=arc.reflected)
            result.append(time.perf_counter() - start)
            arc.note_reply(reply.fase)
    return result


def session_times(scenario: Scenario, runs: int) -> list[float]:
    """Seconds per whole session: every turn analysed and answered, then the report."""
    def one(seed: int) -> None:
        session = Session(scenario, seed=seed)
        for turn in turns_for(scenario, SESSION_TURNS, seed=200 + seed):
            session.say(turn)
        report_on(session)

    return [t for seed in range(runs) for t in timed(lambda s=seed: one(s), 1)]


def p90(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 else values[0]


def row(name: str, values: Sequence[float], target_ms: float) -> str:
    ms = [v * 1000 for v in values]
    median = statistics.median(ms)
    verdict = "ja" if median <= target_ms else "NEE"
    return (f"{name:<44} {len(ms):>6} {median:>10.2f} {p90(ms):>10.2f} {max(ms):>10.2f} "
            f"{'≤ ' + format(target_ms, 'g'):>8} {verdict:>6}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Meet hoe snel de simulatie is.")
    parser.add_argument("--herhalingen", type=int, default=20, metavar="N",
                        help="metingen per regel (standaard 20)")
    repeats = max(2, parser.parse_args(argv).herhalingen)

    shipped = shipped_scenarios()
    analyse("Hoe gaat het?", "Goed.")  # the rule pack is read once; not part of any figure
    print(f"{'meting':<44} {'aantal':>6} {'mediaan ms':>10} {'p90 ms':>10} {'max ms':>10} "
          f"{'doel ms':>8} {'gehaald':>6}")
    print(f"{'─' * 44} {'─' * 6} {'─' * 10} {'─' * 10} {'─' * 10} {'─' * 8} {'─' * 6}")

    for path in shipped:
        print(row(f"scenario laden: {path.stem}", timed(lambda p=path: load_scenario(p), repeats),
                  TARGET_LOAD_MS))
    with tempfile.TemporaryDirectory() as folder:
        big_path = Path(folder) / "groot.yaml"
        big_path.write_text(generated_scenario(), encoding="utf-8")
        print(row(f"scenario laden: {LAYERS} lagen ({big_path.stat().st_size // 1024} kB)",
                  timed(lambda: load_scenario(big_path), repeats), TARGET_LOAD_MS))
        big = load_scenario(big_path)

    keywords = tuple(w for layer in big.layers for w in layer.words)
    print(row(f"woordindex bouwen, {LAYERS} lagen (eenmalig)",
              timed(lambda: KeywordIndex(keywords), max(2, repeats // 4)), TARGET_LOAD_MS))
    print(row(f"studentantwoord, {LAYERS} lagen", reply_times(big, repeats), TARGET_REPLY_MS))
    if shipped:
        small = load_scenario(shipped[0])
        print(row(f"studentantwoord, {len(small.layers)} lagen ({shipped[0].stem})",
                  reply_times(small, repeats), TARGET_REPLY_MS))

    every: list[float] = []
    for path in shipped:
        every += session_times(load_scenario(path), max(2, repeats // 4))
    if every:
        print(row(f"sessie van {SESSION_TURNS} beurten, {len(shipped)} scenario's", every,
                  TARGET_SESSION_MS))
    print(row(f"sessie van {SESSION_TURNS} beurten, {LAYERS} lagen",
              session_times(big, max(2, repeats // 2)), TARGET_SESSION_MS))


if __name__ == "__main__":
    main()
