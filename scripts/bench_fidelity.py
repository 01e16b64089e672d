"""How close is the report's score to a trainer's? Mean distance and good-vs-mediocre gaps.

Run: .venv/bin/python scripts/bench_fidelity.py [--normen NORMEN.yaml] [--per-gesprek] [--panelen]

With --panelen it also reads the conversations independent testers held in the app
(scripts/fidelity/paneel*.yaml), as transcripts, and sets today's score beside the
mean of two independent trainers' scores and the app's score at the time.

Plays every conversation of scripts/fidelity/oordelen.yaml against its
scenario (seed 0), as 'gesprekscoach simuleer' does, and sets the app's score
beside the trainer's. Prints the mean absolute difference (target: ≤ 5), the
mean difference per kind (goed / matig / kort / zwak: is the app too lenient
or too strict there?) and, per scenario, how far the good conversation beats
the mediocre one (target: ≥ 40). The trainer's scores were written down
before the app scored them, by one rater with the rubric of
gespreksmodel.md: a proxy for the independent trainers of issue 14, not a
replacement. This script only measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from gesprekscoach.conversation.scenario import scenarios_dir  # noqa: E402
from gesprekscoach.conversation.scenario_check import load_scenario  # noqa: E402
from gesprekscoach.conversation.session import Session  # noqa: E402
from gesprekscoach.scoring.norms import load_norms  # noqa: E402
from gesprekscoach.scoring.report import report_on  # noqa: E402


def turns(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--normen", type=Path, default=None)
    parser.add_argument("--per-gesprek", action="store_true")
    parser.add_argument("--panelen", action="store_true",
                        help="ook de gesprekken van onafhankelijke testers, gescoord door twee trainers")
    args = parser.parse_args()
    norms = load_norms(args.normen) if args.normen else None
    if args.panelen:
        for panel in ("paneel.yaml", "paneel2.yaml"):
            _panel(ROOT / "scripts" / "fidelity" / panel, norms, args.per_gesprek)
    items = yaml.safe_load((ROOT / "scripts/fidelity/oordelen.yaml").read_text("utf-8"))
    folder = scenarios_dir()
    assert folder is not None
    rows = []
    for item in items["gesprekken"]:
        session = Session(load_scenario(folder / f"{item['scenario']}.yaml"), seed=0)
        for turn in turns(ROOT / item["script"]):
            session.say(turn)
        report = report_on(session, norms)
        rows.append((item, report.score, report.uncapped))
    diffs = [app - item["trainer"] for item, app, _ in rows]
    if args.per_gesprek:
        for (item, app, uncapped), diff in zip(rows, diffs):
            print(f"{item['soort']:<6} {item['scenario']:<24} {Path(item['script']).name:<38} "
                  f"trainer {item['trainer']:>3}  app {app:>3} (zonder plafond {uncapped:>3})  "
                  f"{diff:+d}")
        print()
    print(f"{len(rows)} gesprekken; gemiddeld verschil app − trainer (absoluut): "
          f"{statistics.mean(abs(d) for d in diffs):.1f} punten (doel ≤ 5); "
          f"mediaan {statistics.median(abs(d) for d in diffs):.1f}")
    for kind in ("goed", "matig", "kort", "zwak"):
        mine = [d for (item, _, _), d in zip(rows, diffs) if item["soort"] == kind]
        if mine:
            print(f"  {kind:<6} {len(mine):>2} gesprekken, gemiddeld {statistics.mean(mine):+.1f}")
    gaps = {}
    for item, app, _ in rows:
        gaps.setdefault(item["scenario"], {})[item["soort"]] = app
    print("goed − matig per scenario (doel ≥ 40):")
    for scenario, by_kind in sorted(gaps.items()):
        if "goed" in by_kind and "matig" in by_kind:
            print(f"  {scenario:<24} {by_kind['goed'] - by_kind['matig']:>4}")
    return 0


def _panel(path: Path, norms: object, per_conversation: bool) -> None:
    """Conversations held in the app by independent testers, read back as transcripts and
    scored now, beside the two trainers' scores and the app's score at the time."""
    from gesprekscoach.conversation.session import read_transcript
    from gesprekscoach.scoring.report import build

    items = yaml.safe_load(path.read_text("utf-8"))["gesprekken"]
    now_diffs, then_diffs, raters = [], [], []
    for item in items:
        session, _ = read_transcript(str(ROOT / item["gesprek"]))
        score = build(session.exchanges, norms).score  # type: ignore[arg-type]
        panel = statistics.mean(item["trainers"])
        now_diffs.append(score - panel)
        then_diffs.append(item["app_toen"] - panel)
        raters.append(max(item["trainers"]) - min(item["trainers"]))
        if per_conversation:
            print(f"  {Path(item['gesprek']).name:<14} {item['scenario']:<26} trainers "
                  f"{'/'.join(map(str, item['trainers'])):<7} toen {item['app_toen']:>3}  nu {score:>3}")
    print(f"{path.name}: {len(items)} gesprekken; verschil met het gemiddelde van de trainers "
          f"(absoluut): nu {statistics.mean(abs(d) for d in now_diffs):.1f}, toen "
          f"{statistics.mean(abs(d) for d in then_diffs):.1f} (doel ≤ 5); gemiddeld nu "
          f"{statistics.mean(now_diffs):+.1f}; de trainers onderling {statistics.mean(raters):.1f}")


if __name__ == "__main__":
    sys.exit(main())
