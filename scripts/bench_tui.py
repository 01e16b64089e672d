"""How quick is the app? Startup to a filled picker, and a turn to the reply on screen.

Run: .venv/bin/python scripts/bench_tui.py [--runs 7] [--turns 40]

1. Startup: the real command (``python -m gesprekscoach app``) in a
   subprocess, headless, with GESPREKSCOACH_EXIT_WHEN_READY=1: the app exits
   as soon as the picker has read and listed every scenario. Measured from
   just before the process is spawned to the moment the app says it is
   ready (its own wall-clock stamp), so interpreter start, imports, the CSS
   and the first layout are all in. Target: median ≤ 1.0 s. Also printed:
   the time until the process has exited (includes shutting down).
2. A turn: the app under ``run_test`` at 80×24 (headless: it renders into
   a buffer, not a terminal). The clock starts just before Enter is
   pressed with the text already in the input, and stops after the first
   screen refresh in which the student's reply and the feedback for this
   turn are both laid out and painted (a hook on the screen's compositor
   refresh, so no polling). Target: median ≤ 50 ms. Measured early in a
   conversation and again after 280 turns.

This script only measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TURNS: tuple[str, ...] = (
    "Hoi Sanne, fijn dat je er bent. Waar wil je het vandaag over hebben?",
    "Wat gebeurde er precies onder de douche?",
    "Hoe was dat voor je, dat je er alleen voor stond?",
    "Dus je schrok er echt van.",
    "Wat maakte dat je het pas later aan Marloes vertelde?",
    "Vond je dat moeilijk?",
    "Wat zegt dat over wat jij belangrijk vindt in de zorg?",
    "Je moet dat gewoon meteen melden.",
    "",
    "Wat zou je willen leren op je stage?",
)


def _median_ms(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"median {statistics.median(values) * 1000:6.1f} ms   p90 {p90 * 1000:6.1f} ms   (n={len(values)})"


def bench_startup(runs: int) -> None:
    print("Start tot keuzelijst klaar (subprocess, headless):")
    ready, total = [], []
    with tempfile.TemporaryDirectory() as config:
        env = {**os.environ, "GESPREKSCOACH_EXIT_WHEN_READY": "1", "XDG_CONFIG_HOME": config}
        for _ in range(runs):
            start = time.time()
            done = subprocess.run([sys.executable, "-m", "gesprekscoach", "app"], env=env,
                                  capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)
            end = time.time()
            output = (done.stdout + done.stderr).split()
            stamp = output[-1] if output else ""
            try:
                ready.append(float(stamp) - start)
            except ValueError:
                print(f"  geen tijdstempel van de app (code {done.returncode}): {done.stderr[-400:]}")
                return
            total.append(end - start)
    print(f"  klaar:            {_median_ms(ready)}   (doel ≤ 1000 ms)")
    print(f"  proces gestopt:   {_median_ms(total)}")
    code = ("import time; t = time.perf_counter(); import gesprekscoach.tui.app; "
            "print(time.perf_counter() - t)")
    imports = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    cwd=ROOT, check=True).stdout) for _ in range(3)]
    print(f"  import gesprekscoach.tui.app: median {statistics.median(imports) * 1000:.0f} ms")


async def bench_turns(turns: int, late_after: int) -> None:
    from textual.widgets import Input

    from gesprekscoach.conversation.scenario import default_scenario_path
    from gesprekscoach.tui.app import make_app
    from gesprekscoach.tui.screens.chat import ChatScreen
    from gesprekscoach.tui.screens.scenario_picker import ScenarioPicker
    from gesprekscoach.tui.widgets.chat_message import ChatMessage
    from gesprekscoach.tui.widgets.feedback_view import FeedbackView

    path = default_scenario_path()
    with tempfile.TemporaryDirectory() as folder:
        app = make_app([str(path)], user_folder=folder, shipped=False)
        async with app.run_test(size=(80, 24)) as pilot:
            while not (isinstance(app.screen, ScenarioPicker) and app.screen.entries):
                await pilot.pause(0.02)
            await pilot.press("enter")
            while not isinstance(app.screen, ChatScreen):
                await pilot.pause(0.02)
            # The analyser warms up in a thread while the picker is shown; wait for it.
            for worker in list(app.workers):
                if worker.group == "warm-up":
                    await worker.wait()
            screen = app.screen
            field = screen.query_one("#input", Input)
            feedback = screen.query_one(FeedbackView)
            done: asyncio.Future[float] | None = None
            expected = 0
            refresh = screen._compositor_refresh

            def hooked() -> None:
                refresh()
                if done is None or done.done():
                    return
                visible = screen._compositor.visible_widgets
                replies = [m for m in screen.query(ChatMessage) if m.role == "student"]
                shown = feedback.exchange is not None and feedback.exchange.turn == expected
                if shown and replies and replies[-1].turn == expected and replies[-1] in visible \
                        and feedback in visible:
                    done.set_result(time.perf_counter())

            screen._compositor_refresh = hooked  # type: ignore[method-assign]

            rng = random.Random(0)

            async def one_turn(text: str) -> float:
                nonlocal done, expected
                field.value = text
                # A docent presses Enter at any moment, not in step with the 60 Hz redraw.
                await asyncio.sleep(rng.uniform(0, 1 / 60))
                expected = len(screen.session.exchanges) + 1
                done = asyncio.get_running_loop().create_future()
                start = time.perf_counter()
                await pilot.press("enter" if text else "ctrl+s")
                end = await asyncio.wait_for(done, 5)
                await pilot.pause()
                return end - start

            early = [await one_turn(TURNS[i % len(TURNS)]) for i in range(turns)]
            print(f"Beurt tot antwoord en feedback in beeld (run_test 80×24, beurt 1–{turns}):")
            print(f"  {_median_ms(early)}   (doel ≤ 50 ms)")
            while len(screen.session.exchanges) < late_after:
                screen.play(TURNS[len(screen.session.exchanges) % len(TURNS)] or "Hm-hm.")
                if len(screen.session.exchanges) % 20 == 0:
                    await pilot.pause()
            await pilot.pause(0.2)
            late = [await one_turn(TURNS[i % len(TURNS)]) for i in range(20)]
            first = len(screen.session.exchanges) - 19
            print(f"Zelfde meting laat in een lang gesprek (beurt {first}–{first + 19}):")
            print(f"  {_median_ms(late)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="starts to measure")
    parser.add_argument("--turns", type=int, default=40, help="turns to measure early on")
    parser.add_argument("--late", type=int, default=280, help="turns before the late measurement")
    args = parser.parse_args()
    bench_startup(args.runs)
    asyncio.run(bench_turns(args.turns, args.late))


if __name__ == "__main__":
    main()
