"""How fast is analyse()? Median and p90 time per turn, with growing history;
the cold start of a new process, its peak memory, and `analyseer` on 10,000 turns.

Run: .venv/bin/python scripts/bench_analyser.py

A docent types a turn and expects the side panel to update at once, so a
turn should take well under 50 ms even late in a long conversation. This
script only measures and prints; it asserts nothing.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gesprekscoach.analysis.analyser import analyse  # noqa: E402

#: Own docent turns across sectors and moves, plus the student turn before them.
PAIRS: tuple[tuple[str, str], ...] = (
    ("Hoi Yara, fijn dat je er bent. Waar wil je het vandaag over hebben?", ""),
    ("Wat heb je de afgelopen weken in de kinderopvang meegemaakt?", "Het was best een drukke periode."),
    ("Je zei dat het hectisch was. Wat maakte het zo hectisch?", "Op de groep was het echt hectisch."),
    ("Hoe merkte je dat de peuter je vertrouwde?", "Uiteindelijk kwam ze bij mij op schoot."),
    ("En toen?", "Toen ging de vader ineens schreeuwen."),
    ("Dus je voelde je overvallen, klopt dat?", "Ik wist niet wat ik moest zeggen."),
    ("Vond je het leuk om de etalage in te richten?", "Ik heb de etalage gedaan."),
    ("Hoeveel uur werk je per week in de bakkerij?", "Ik werk vooral vroeg."),
    ("Je moet gewoon een keer met je leermeester gaan praten.", "Ik durf het niet te vragen."),
    ("Als ik jou was, zou ik eerst het VCA-diploma halen.", "Ik wil de bouw in."),
    ("De BBL-route duurt drie jaar en je verdient meteen.", "Ik twijfel tussen BOL en BBL."),
    ("Zou het niet handiger zijn om eerst je rijbewijs te halen?", "Ik wil chauffeur worden."),
    ("Goed zo, dat heb je knap opgelost met die klant!", "Ik heb de klacht zelf afgehandeld."),
    ("Ach, dat valt vast mee.", "Ik ben bang dat ik zak voor mijn examen."),
    ("Hoe ging het en wat vond je ervan en wat zou je anders doen?", "Ik heb mijn eerste knipbeurt gedaan."),
    ("Hm-hm.", "Het was gewoon veel."),
    ("Wat betekende dat voor jou?", "Ik mocht de presentatie voor het team geven."),
    ("Hoe zie je jezelf over een jaar in de logistiek?", "Ik vind het magazijn wel leuk."),
    ("Wat is je eerste stap, en wanneer zet je die?", "Ik wil meer verantwoordelijkheid."),
    ("Wie kan je daarbij helpen?", "Ik wil een stage bij een dierenkliniek."),
    ("Wat neem je mee uit dit gesprek?", "Dat ik het gewoon moet vragen."),
    ("Tot volgende week, succes met je toets.", "Oké, doei."),
    ("wat vondt je daarvan", "ik heb een hele dag op de heftruck gezeten"),
    ("hoe ging je stage", ""),
    ("Kun je iets vertellen over je werk als beveiliger?", "Ik sta vaak bij de ingang."),
)

STUDENT_TURNS: tuple[str, ...] = (
    "Ik heb deze week bij de tandarts aan de balie gestaan.",
    "Het was druk en ik moest heel veel telefoontjes aannemen.",
    "Mijn begeleider was er niet, dus ik deed het alleen.",
    "Ik vond het eigenlijk best spannend, maar ook leuk.",
    "Thuis gaat het niet zo goed, mijn moeder is ziek.",
    "Ik weet nog niet of ik deze opleiding wel wil afmaken.",
    "Misschien wil ik later iets met sport doen.",
    "Mijn collega's zijn wel aardig maar ze praten veel over mij.",
)

PREFIXES = ("", "Oké. ", "Ja, ", "Hm, ", "Dus ", "Even terug: ")
SUFFIXES = ("", " Vertel eens.", " Klopt dat?", " Denk je?", "?", "...", " Wat nog meer?")


def variants(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` turns: the own pairs, then variations (prefix, suffix, case, typos)."""
    rng = random.Random(seed)
    turns = list(PAIRS)
    while len(turns) < count:
        docent, student = rng.choice(PAIRS)
        docent = rng.choice(PREFIXES) + docent + rng.choice(SUFFIXES)
        if rng.random() < 0.3:
            docent = docent.lower().rstrip("?.!")
        if rng.random() < 0.2 and len(docent) > 10:
            i = rng.randrange(len(docent) - 1)
            docent = docent[:i] + docent[i + 1] + docent[i] + docent[i + 2:]  # swapped letters
        if rng.random() < 0.2:
            docent = docent + " " + rng.choice(PAIRS)[0]  # two moves in one turn
        # The student turn differs each time too, as in a conversation.
        turns.append((docent, f"{rng.choice(PREFIXES)}{student} ({len(turns)})" if student else ""))
    return turns


def history(length: int) -> list[str]:
    """``length`` earlier student turns, varied so caches do not flatter."""
    return [f"{STUDENT_TURNS[i % len(STUDENT_TURNS)]} ({i})" for i in range(length)]


def timings(turns: Sequence[tuple[str, str]], call: Callable[[str, str], object]) -> list[float]:
    """Seconds per call, one per turn."""
    result = []
    for docent, student in turns:
        start = time.perf_counter()
        call(docent, student)
        result.append(time.perf_counter() - start)
    return result


def p90(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 else values[0]


def row(name: str, values: Sequence[float]) -> str:
    ms = [v * 1000 for v in values]
    return (f"{name:<40} {len(ms):>6} {statistics.median(ms):>10.2f} {p90(ms):>10.2f} "
            f"{max(ms):>10.2f}")


def fresh(count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` varied turns from ``seed``, none of them seen before in this run,
    so the analyser's caches of earlier texts do not flatter a row."""
    return variants(count + len(PAIRS), seed)[len(PAIRS):]


COLD = """
import resource, sys, time
t = time.perf_counter()
from gesprekscoach.analysis.analyser import analyse
analyse("Hoe gaat het met je?", "Goed.")
ready = time.perf_counter() - t
for i in range(300):
    analyse(f"Wat maakte dat je daar {i} keer aan dacht?", f"Ik dacht er {i} keer aan.")
print(ready, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def cold_start(runs: int = 5) -> tuple[float, float]:
    """Median seconds from a new interpreter to the first analysis, and peak MB."""
    ready, peak = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True,
                             cwd=Path(__file__).resolve().parents[1]).stdout.split()
        ready.append(float(out[0]))
        peak.append(float(out[1]))
    return statistics.median(ready), statistics.median(peak)


def analyseer_rate(count: int = 10_000) -> float:
    """Turns per second of `gesprekscoach analyseer` on ``count`` turns, start-up excluded."""
    turns = [d for d, _ in variants(count, seed=21)]

    def run(lines: list[str]) -> float:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gesprekscoach.cli.main", "analyseer", handle.name, "--json"],
                       stdout=subprocess.DEVNULL, check=True, cwd=Path(__file__).resolve().parents[1])
        Path(handle.name).unlink()
        return time.perf_counter() - start

    startup = statistics.median(run(turns[:1]) for _ in range(3))
    return count / max(run(turns) - startup, 1e-9)


def main() -> None:
    ready, peak = cold_start()
    print(f"koude start tot eerste analyse (mediaan van 5 processen): {ready * 1000:.0f} ms; "
          f"piekgeheugen na 300 beurten: {peak:.0f} MB")
    print(f"analyseer op 10.000 beurten: {analyseer_rate():.0f} beurten/s (zonder opstarttijd)")
    start = time.perf_counter()
    analyse("Hoe gaat het?", "Goed.")  # first call reads and compiles the rule pack
    first = time.perf_counter() - start
    for docent, student in variants(100, seed=1):  # warm up the interpreter
        analyse(docent, student)

    print(f"eerste aanroep (regels laden): {first * 1000:.0f} ms")
    print()
    print(f"{'situatie':<40} {'beurten':>6} {'mediaan ms':>10} {'p90 ms':>10} {'max ms':>10}")
    print(f"{'─' * 40} {'─' * 6} {'─' * 10} {'─' * 10} {'─' * 10}")
    print(row("zonder geschiedenis", timings(fresh(400, seed=7), lambda d, s: analyse(d, s))))
    print(row("zonder studentbeurt", timings(fresh(400, seed=8), lambda d, s: analyse(d))))
    for seed, length in enumerate((10, 100, 1000), start=9):
        earlier = history(length)
        print(row(f"geschiedenis {length} beurten",
                  timings(fresh(200, seed), lambda d, s, earlier=earlier: analyse(d, s, earlier))))
    long_turn = " ".join(d for d, _ in PAIRS) * 4
    long_student = " ".join(STUDENT_TURNS) * 4
    print(row(f"lange beurt ({len(long_turn)} tekens)", timings([(long_turn, "")] * 5, analyse)))
    print(row(f"lange beurt + lange student ({len(long_student)})",
              timings([(long_turn, long_student)] * 5, analyse)))


if __name__ == "__main__":
    main()
