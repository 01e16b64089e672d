"""The labelled corpora in the repository, for the training scripts.

Training reads the project's own parts (``corpus/train/``) and sets
(``tests/data/``), never the blind sets (``tests/data/blind*.jsonl``) or the
sealed set (``tests/data/verzegeld.jsonl``), and ``../shared/corpus/echt.tsv``
where it is present (CI has it; a user's clone may not)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
#: Never trained on: measured once, blind; the sealed set is never tuned on.
HELD_OUT = ("blind", "verzegeld")


def own_files() -> list[Path]:
    """The project's labelled JSONL files that training may read, in a fixed order."""
    found = sorted((ROOT / "corpus" / "train").glob("*.jsonl")) + sorted((ROOT / "tests" / "data").glob("*.jsonl"))
    return [p for p in found if not p.name.startswith(HELD_OUT)]


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            row.setdefault("gesprek", None)
            row["bron"] = path.stem
            rows.append(row)
    return rows


def echt_rows(statuses: tuple[str, ...] = ("ok",)) -> list[dict]:
    """The real published utterances (``echt.tsv``) with the given status, or none."""
    path = SHARED / "echt.tsv"
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["status"] not in statuses:
                continue
            rows.append({"id": row["id"], "student": "", "docent": row["docent"],
                         "codes": row["codes"].split(","), "code": row["code"],
                         "fase": row["fase"] or None, "competentie": row["competentie"] or None,
                         "gesprek": None, "bron": row["bron"], "echt": True})
    return rows


def echt_dialogue_rows() -> list[dict]:
    """The turns of the published dialogues (``echt-gesprekken.jsonl``), in order."""
    path = SHARED / "echt-gesprekken.jsonl"
    if not path.exists():
        return []
    rows = []
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row.get("status", "ok") == "ok":
            row["echt"] = True
            rows.append(row)
    return rows
