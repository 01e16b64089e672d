"""Every YAML file a trainer may edit: a mistake is a Dutch file:line message and exit 2.

The README invites trainers to edit ``gesprekscoach/data/*.yaml`` in place.
These tests break a copy of that folder (``trainerfile.data_folder`` points
at it; there is no user option for it) and run the command that reads the
file, the way a trainer would meet the mistake.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import run_cli, write

from gesprekscoach import trainerfile
from gesprekscoach.analysis import keywords, rulepack, words
from gesprekscoach.conversation import hints, student
from gesprekscoach.errors import UserError
from gesprekscoach.scoring import norms, texts
from gesprekscoach.trainerfile import (
    Block,
    Choice,
    ListOf,
    Maybe,
    Number,
    Table,
    Text,
    parse,
)

FIXTURES = Path(__file__).parent / "fixtures"
SCENARIO = str(FIXTURES / "student_test.yaml")
SHIPPED = trainerfile.data_folder()
#: The modules whose cached readers (and what they cache from them) must forget a file.
READERS = (rulepack, words, keywords, hints, student, norms, texts)


def _forget() -> None:
    for module in READERS:
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the trainer files that the program reads instead of the installed ones."""
    folder = tmp_path / "data"
    folder.mkdir()
    for path in SHIPPED.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    monkeypatch.setattr(trainerfile, "data_folder", lambda: folder)
    _forget()
    yield folder
    _forget()


def _break(folder: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    """Replace ``old`` once in the copy of ``name``; the file and the line of the change."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, text[: text.index(old)].count("\n") + 1


def _command(tmp_path: Path, name: str) -> list[str]:
    """A command that reads trainer file ``name``."""
    turns = write(tmp_path, "beurten.txt", "Hoi, wat is er op je stage gebeurd?\n"
                                           "Wat maakte het zo lastig voor je?\n")
    if name == "regels.yaml":
        return ["analyseer", str(turns)]
    if name == "hints.yaml":
        return ["app"]  # only the app gives hints; it checks them before the screen opens
    if name == "scenario-sjabloon.yaml":
        return ["scenario", "nieuw", "nieuw-scenario", "--map", str(tmp_path / "mijn")]
    return ["simuleer", SCENARIO, str(turns)]


#: (file, text in the shipped file, what it becomes, part of the message, line offset)
BROKEN = [
    # Syntax: one of each file.
    ("regels.yaml", "competentiedrempel: 2", "competentiedrempel: 2: 3", "YAML-fout: hier mag geen ':'", 0),
    ("lexicon.yaml", "  - [trots, voldaan, tevreden]", "\t- [trots, voldaan, tevreden]",
     "YAML-fout: een tab", 0),
    ("feedforward.yaml", "citaten_per_valkuil: 2", "citaten_per_valkuil: 2\n\tx: 1",
     "YAML-fout: een tab", 1),
    ("hints.yaml", "  - als: [begin]", "  - als: [begin]\n   hint: x", "YAML-fout", 1),
    ("normen.yaml", "\nregels:", "\nregels: :", "YAML-fout", 1),
    ("student.yaml", "kort_max_woorden: 14", "kort_max_woorden: 14\n  x: 1", "YAML-fout", 1),
    ("scenario-sjabloon.yaml", "\nstudent:", "\nstudent: :", "YAML-fout", 1),
    # Meaning: an unknown key, a wrong type, an unknown condition, a missing placeholder.
    ("regels.yaml", "competentiedrempel: 2", "competentiedrempel: twee",
     "'competentiedrempel' moet een getal zijn, niet 'twee'", 0),
    ("regels.yaml", "fasevolgorde:", "fasevolgorde_:",
     "de sleutel 'fasevolgorde' ontbreekt; is 'fasevolgorde_' daarvoor een typfout?", 0),
    ("lexicon.yaml", "synoniemen:", "synoniem:",
     "onbekende sleutel 'synoniem'; bedoel je 'synoniemen'?", 0),
    ("feedforward.yaml", '"{waarde}. Je open vragen', '"{aantal}. Je open vragen',
     "in 'regels.open_vragen.goed' kan {aantal} niet ingevuld worden; hier kan: {waarde}", 0),
    ("hints.yaml", "  - als: [net_advies]", "  - als: [net_adviezen]",
     ("onbekende voorwaarde 'net_adviezen' in 'als' van hint 2; bedoel je 'net_advies'? "
      "toegestaan zijn: begin, net_advies,"), 0),
    ("normen.yaml", "  gewicht: 1\n", "  gewicht: veel\n", "moet een getal", 0),
    ("student.yaml", "kort_max_woorden: 14", "kort_max_woorden: veertien",
     "'kort_max_woorden' moet een geheel getal van 0 of meer zijn, niet 'veertien'", 0),
    ("scenario-sjabloon.yaml", "\nstudent:", "\nstudenten:", "onbekende sleutel", 1),
]


@pytest.mark.parametrize(("name", "old", "new", "message", "offset"), BROKEN,
                         ids=[f"{b[0]}-{i}" for i, b in enumerate(BROKEN)])
def test_a_broken_trainer_file_is_told_at_its_line(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        name: str, old: str, new: str, message: str, offset: int) -> None:
    path, line = _break(data, name, old, new)
    code, out, err = run_cli(capsys, *_command(tmp_path, name))
    assert code == 2, err
    assert "Traceback" not in err + out
    found = re.search(rf"^gesprekscoach: {re.escape(str(path))}:(\d+):\d+: (.*)$", err, re.MULTILINE)
    assert found, err
    assert int(found.group(1)) == line + offset, err
    assert message in found.group(2)
    assert not (tmp_path / "mijn").exists()  # a broken template writes nothing


def test_the_shipped_trainer_files_pass(data: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The copy itself is fine: every command above runs (the app wants a terminal)."""
    for name in ("regels.yaml", "normen.yaml", "scenario-sjabloon.yaml"):
        code, _, err = run_cli(capsys, *_command(tmp_path, name))
        assert code == 0, err
    code, _, err = run_cli(capsys, "app")
    assert code == 2 and "terminal" in err


def test_an_own_norms_file_is_told_at_its_line(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    own = write(tmp_path, "mijn-normen.yaml", "regels:\n  boog:\n    goed: !!python/name:os.system\n")
    code, _, err = run_cli(capsys, *_command(tmp_path, "normen.yaml"), "--normen", str(own))
    assert code == 2 and "Traceback" not in err
    assert f"gesprekscoach: {own}:3:11: de tag '!!python/name:os.system' is niet toegestaan" in err


async def test_the_app_stops_with_the_message(data: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from test_app import SIZE, until

    from gesprekscoach.tui.app import make_app

    path, _ = _break(data, "lexicon.yaml", "synoniemen:", "synoniemen: [")
    app = make_app(user_folder=FIXTURES / "app", shipped=False, warm_up=True, docent="docent")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.return_code is not None, "the app stops")
    assert app.return_code == 2
    err = capsys.readouterr().err.replace("\n", "")  # Rich wraps the exit message to the screen
    assert f"gesprekscoach: {path}:" in err and "YAML-fout" in err and "Traceback" not in err


# ---------------------------------------------------------------- the schema itself

SCHEMA = Block({
    "naam": Text(),
    "tekst": Text(frozenset({"waarde"})),
    "aantal": Number(low=0, high=3, whole=True),
    "soort": Choice(("open", "dicht"), "soort"),
    "lijst": ListOf(Text(), at_least=1, label="woord"),
    "tabel": Table(Number(), keys=("a", "b"), required=("a",)),
    "diepte": Table(Number(), whole_keys=True),
    "leeg": Maybe(Text()),
}, optional=frozenset({"leeg", "diepte"}))
GOOD = ("naam: x\ntekst: '{waarde} klopt'\naantal: 2\nsoort: open\nlijst: [a]\ntabel: {a: 1}\n"
        "leeg:\ndiepte: {1: 0.5}\n")


@pytest.mark.parametrize(("change", "where", "message"), [
    (("naam: x", "naam: 12"), (1, 7), "'naam' moet een tekst zijn, niet '12'; zet de waarde"),
    (("naam: x", "naam: ''"), (1, 7), "'naam' is leeg"),
    (("'{waarde} klopt'", "'{waarde klopt'"), (2, 8), "losse { of }"),
    (("'{waarde} klopt'", "'{0} klopt'"), (2, 8), "{0} niet ingevuld worden; hier kan: {waarde}"),
    (("aantal: 2", "aantal: 4"), (3, 9), "geheel getal van 0 tot en met 3 zijn, niet '4'"),
    (("aantal: 2", "aantal: 2.5"), (3, 9), "geheel getal"),
    (("aantal: 2", "aantal: true"), (3, 9), "geheel getal"),
    (("soort: open", "soort: half"), (4, 8),
     "onbekende soort 'half' in 'soort'; toegestaan zijn: open, dicht"),
    (("lijst: [a]", "lijst: []"), (5, 8), "minstens 1 waarde"),
    (("lijst: [a]", "lijst: a"), (5, 8), "'lijst' moet een lijst zijn"),
    (("lijst: [a]", "lijst: [a, [b]]"), (5, 12), "woord 2 moet een tekst zijn, niet een lijst"),
    (("tabel: {a: 1}", "tabel: {b: 1}"), (6, 8), "de sleutel 'a' ontbreekt in 'tabel'"),
    (("tabel: {a: 1}", "tabel: {a: 1, c: 2}"), (6, 15), "onbekende sleutel 'c' in 'tabel'; bekend zijn: a, b"),
    (("tabel: {a: 1}", "tabel: 3"), (6, 8), "'tabel' moet een blok met sleutels zijn"),
    (("diepte: {1: 0.5}", "diepte: {een: 0.5}"), (8, 10), "'een' in 'diepte' moet een geheel getal"),
    (("naam: x\n", "naam: x\nkleur: rood\n"), (2, 1), "onbekende sleutel 'kleur'; bekend zijn: naam"),
    (("naam: x\n", ""), (1, 1), "de sleutel 'naam' ontbreekt; voeg 'naam:' met een waarde toe"),
    (("naam: x", "naam: !!binary eA=="), (1, 7), "de tag '!!binary' is niet toegestaan"),
    (("naam: x\n", "naam: x\nnaam: y\n"), (2, 1), "staat twee keer"),
])
def test_schema_messages(change: tuple[str, str], where: tuple[int, int], message: str) -> None:
    assert parse(GOOD, "t.yaml", SCHEMA).data["diepte"] == {1: 0.5}
    with pytest.raises(UserError) as caught:
        parse(GOOD.replace(*change), "t.yaml", SCHEMA)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line, problem.column) == ("t.yaml", *where)
    assert message in problem.message


def test_an_alias_bomb_is_refused_at_the_repeated_anchor() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(6))
    with pytest.raises(UserError) as caught:
        parse(bomb, "bom.yaml", Maybe(Table(Maybe(ListOf(Maybe(ListOf(Text())))))))
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (1, 4) and "meer dan 100000 waarden" in problem.message
