"""No tracked file repeats the dev corpus: dev is a sanity check, not a source.

A file that shares eight or more consecutive words with a turn of
``../shared/corpus/dev.jsonl`` (phrases the codebook itself uses excepted) has
copied from it, and every figure measured with it would flatter the analyser."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
RUN = 8


def runs(text: str) -> set[tuple[str, ...]]:
    found = [w.lower() for w in WORD.findall(text)]
    return {tuple(found[i:i + RUN]) for i in range(len(found) - RUN + 1)}


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    return [ROOT / name for name in listed if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def dev_runs() -> set[tuple[str, ...]]:
    dev = SHARED / "corpus" / "dev.jsonl"
    if not dev.exists():
        pytest.skip("../shared/corpus/dev.jsonl ontbreekt")
    found: set[tuple[str, ...]] = set()
    for line in dev.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            found |= runs(row["docent"]) | runs(row.get("student") or "")
    return found - runs((SHARED / "codeboek.md").read_text("utf-8"))


def test_the_check_sees_a_copied_turn(dev_runs: set[tuple[str, ...]]) -> None:
    lines = (SHARED / "corpus" / "dev.jsonl").read_text("utf-8").splitlines()
    long_turns = [t for t in (json.loads(line)["docent"] for line in lines if line.strip())
                  if len(WORD.findall(t)) >= RUN + 2]
    assert long_turns, "dev.jsonl heeft geen beurt van tien woorden of meer"
    copied = f"Zoals een collega zei: {long_turns[0]} Dat vond ik mooi."
    assert runs(copied) & dev_runs


def test_no_tracked_file_shares_eight_words_with_dev(dev_runs: set[tuple[str, ...]]) -> None:
    copied = {}
    for path in tracked_files():
        try:
            text = path.read_text("utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files (the gzip model files) hold no sentences
        shared = runs(text) & dev_runs
        if shared:
            copied[str(path.relative_to(ROOT))] = " ".join(sorted(shared)[0])
    assert not copied, f"deze bestanden nemen zinnen over uit dev.jsonl: {copied}"
