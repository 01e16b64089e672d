"""The command line: input formats, output shapes, and every kind of bad input.

Bad input must end in Dutch ``pad:regel: melding`` lines on stderr, exit
code 2 and no traceback.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from cli_helpers import run_cli as run
from cli_helpers import write

from gesprekscoach import __version__
from gesprekscoach.analysis.analyser import TurnAnalysis
from gesprekscoach.analysis.corpus import parse_corpus
from gesprekscoach.cli import analyseer, evalueer
from gesprekscoach.cli import main as cli
from gesprekscoach.codebook import CODES, COMPETENTIES, FASEN
from gesprekscoach.conversation.transcript import detect_format, parse_turns
from gesprekscoach.errors import UserError
from gesprekscoach.textfile import MAX_BYTES

# Own example turns (bouw, kapper, logistiek, dierverzorging), written for these tests.
TRANSCRIPT = """\
D: Hoi Noor, ga zitten. Waar wil je het vandaag over hebben?
S: Over mijn stage bij de kapsalon.
Ik mocht zaterdag voor het eerst zelf knippen.

Docent: Zelf knippen, voor het eerst. Hoe was dat voor je?
student: Spannend, mijn handen trilden.
d: Wat deed je toen je handen trilden?
D: En wie stond er naast je?
STUDENT: Mijn leermeester.
"""

PLAIN = """\
Wat heb je deze week op de bouwplaats gedaan?

Je moet echt je veiligheidsschoenen meenemen.
hoe ging je eerste dag in het magazijn
"""

JSONL = """\
{"student": "Ik heb een hond moeten vasthouden bij de dierenarts.", "docent": "Vasthouden? Hoe ging dat?"}
{"docent": "Wat wil je na je opleiding gaan doen?"}

{"student": null, "docent": "Goed zo, dat heb je netjes gedaan."}
"""

TURN_KEYS = {"nr", "regel", "student", "docent", "codes", "code", "fase", "competentie",
             "segmenten", "overgenomen", "tips"}
METRIC_KEYS = {"n", "code_accuracy", "code_macro_f1", "codes_micro_f1", "fase_accuracy",
               "competentie_accuracy", "violation_recall", "violation_precision", "family_accuracy",
               "judgement_recall", "judgement_precision", "per_code"}


def json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


# --------------------------------------------------------------------- general


def test_help_is_dutch_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "gebruik: gesprekscoach" in out
    assert "voorbeelden:" in out
    assert "analyseer" in out and "evalueer" in out
    assert "usage" not in out and "show this help" not in out


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_every_command_has_dutch_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command.replace("_", "-"), "--help")  # module importeer_sessies
    assert code == 0
    assert "gebruik:" in out and "voorbeelden:" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert __version__ in out


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 0
    assert "gebruik: gesprekscoach" in out


@pytest.mark.parametrize("argv", [["bestaatniet"], ["analyseer", "--onzin"], ["evalueer"]])
def test_wrong_arguments_exit_2_in_dutch(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "fout:" in err
    assert "Traceback" not in out + err


# --------------------------------------------------------------------- analyseer


def test_analyseer_transcript_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "gesprek.txt", TRANSCRIPT)
    code, out, err = run(capsys, "analyseer", str(path), "--json")
    assert code == 0, err
    turns = json_lines(out)
    assert [t["regel"] for t in turns] == [1, 5, 7]
    assert [t["nr"] for t in turns] == [1, 2, 3]
    assert turns[0]["student"] == ""
    assert turns[1]["student"] == ("Over mijn stage bij de kapsalon. "
                                   "Ik mocht zaterdag voor het eerst zelf knippen.")
    # Two docent lines in a row are one turn: it lasts until the student speaks.
    assert turns[2]["docent"] == "Wat deed je toen je handen trilden? En wie stond er naast je?"
    assert turns[2]["student"] == "Spannend, mijn handen trilden."


@pytest.mark.parametrize(
    ("name", "content", "lines"),
    [("gesprek.txt", TRANSCRIPT, [1, 5, 7]), ("beurten.txt", PLAIN, [1, 3, 4]),
     ("beurten.jsonl", JSONL, [1, 2, 4])],
)
def test_analyseer_json_shape(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                              name: str, content: str, lines: list[int]) -> None:
    code, out, err = run(capsys, "analyseer", str(write(tmp_path, name, content)), "--json")
    assert code == 0, err
    assert err == ""
    turns = json_lines(out)
    assert [t["regel"] for t in turns] == lines
    for turn in turns:
        assert set(turn) == TURN_KEYS
        assert turn["code"] in CODES
        assert turn["code"] in turn["codes"]
        assert turn["fase"] in (*FASEN, None)
        assert turn["competentie"] in (*COMPETENTIES, None)
        for segment in turn["segmenten"]:
            assert turn["docent"][segment["begin"]:segment["eind"]] == segment["tekst"]
    assert "\\u" not in out  # ensure_ascii=False: Dutch text stays readable


def test_analyseer_jsonl_keeps_student(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, out, _ = run(capsys, "analyseer", str(write(tmp_path, "b.jsonl", JSONL)), "--json")
    turns = json_lines(out)
    assert turns[0]["student"] == "Ik heb een hond moeten vasthouden bij de dierenarts."
    assert turns[1]["student"] == turns[2]["student"] == ""


@pytest.mark.parametrize("columns", [80, 100, 140])
@pytest.mark.parametrize("content", [TRANSCRIPT, PLAIN, JSONL])
def test_analyseer_table_fits_the_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          columns: int, content: str) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = run(capsys, "analyseer", str(write(tmp_path, "in.txt", content)))
    assert code == 0, err
    assert out.startswith("regel")
    assert "beurten:" in out
    assert max(len(line) for line in out.splitlines()) <= columns


def test_analyseer_table_shows_labels(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "een.txt", "Wat maakte die eerste dag in de werkplaats zo bijzonder?\n")
    _, out, _ = run(capsys, "analyseer", str(path))
    assert "Wat maakte die eerste dag" in out
    assert "bewijs:" in out


def test_analyseer_long_turn_is_cut_in_table_not_in_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "lang.txt", "Wat vond je van de les over heftrucks? " * 200 + "\n")
    _, out, _ = run(capsys, "analyseer", str(path))
    assert out.count("heftrucks") < 40
    assert "…" in out
    _, out, _ = run(capsys, "analyseer", str(path), "--json")
    assert json_lines(out)[0]["docent"].count("heftrucks") == 200


def test_analyseer_never_prints_control_characters(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    path = write(tmp_path, "esc.txt", "Wat\x1b[2J vond je\x07 ervan [@click=app.quit]x[/]?\n")
    code, out, _ = run(capsys, "analyseer", str(path))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out
    assert "[@click=app.quit]x[/]" in out  # shown literally, never as markup


def test_analyseer_reads_stdin(capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"D: Welke klus in de installatietechniek vond je het leukst?\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, err = run(capsys, "analyseer", "-", "--json")
    assert code == 0, err
    assert json_lines(out)[0]["docent"] == "Welke klus in de installatietechniek vond je het leukst?"


def test_analyseer_without_file_on_a_terminal_explains(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    code, _, err = run(capsys, "analyseer")
    assert code == 2
    assert "geef een BESTAND op" in err


def test_analyseer_format_can_be_forced(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "x.txt", "{dit is geen json} maar een vraag?\nEn dit?\n")
    code, out, _ = run(capsys, "analyseer", str(path), "--formaat", "regels", "--json")
    assert code == 0
    assert len(json_lines(out)) == 2


def test_broken_pipe_is_quiet(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    path = write(tmp_path, "b.txt", PLAIN)
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli.main(["analyseer", str(path)]) == cli.EXIT_BROKEN_PIPE
    assert "Traceback" not in capsys.readouterr().err


def test_ctrl_c_exits_130(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object) -> TurnAnalysis:
        raise KeyboardInterrupt

    monkeypatch.setattr(analyseer, "analyse", interrupted)
    code, out, err = run(capsys, "analyseer", str(write(tmp_path, "b.txt", PLAIN)))
    assert code == 130
    assert "Traceback" not in out + err


# --------------------------------------------------------------------- transcript parsing


def test_transcript_continuation_lines_and_prefixes() -> None:
    turns = parse_turns(TRANSCRIPT, "gesprek.txt")
    assert [t.docent for t in turns] == [
        "Hoi Noor, ga zitten. Waar wil je het vandaag over hebben?",
        "Zelf knippen, voor het eerst. Hoe was dat voor je?",
        "Wat deed je toen je handen trilden? En wie stond er naast je?",
    ]
    assert turns[2].history == ("Over mijn stage bij de kapsalon. "
                                "Ik mocht zaterdag voor het eerst zelf knippen.",)


def test_transcript_docent_continuation_line() -> None:
    turns = parse_turns("S: Ik twijfel.\nD: Waarover twijfel je\nprecies?\n", "t")
    assert turns[0].docent == "Waarover twijfel je precies?"
    assert turns[0].student == "Ik twijfel."
    assert turns[0].line == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [(TRANSCRIPT, "gesprek"), (PLAIN, "regels"), (JSONL, "jsonl"),
     ("\n\n  Docent : hoe ging het?\n", "gesprek"), ("[1, 2]\n", "jsonl")],
)
def test_detect_format(text: str, expected: str) -> None:
    assert detect_format(text) == expected


def test_transcript_text_before_first_speaker_is_an_error() -> None:
    with pytest.raises(UserError) as info:
        parse_turns("Gesprek met Sem\nD: Hoe gaat het?\n", "sem.txt")
    assert str(info.value.problems[0]).startswith("sem.txt:1: ")


def test_transcript_without_docent_turns_is_an_error() -> None:
    with pytest.raises(UserError, match="geen docentbeurten"):
        parse_turns("S: Ik zeg alleen iets.\n", "s.txt")


# --------------------------------------------------------------------- bad input


def bad_inputs(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """name → (path, a piece the message must contain)."""
    # A valid UTF-8 "ë", then a Latin-1 "é" on the same line: the column counts characters.
    latin = write(tmp_path, "latin1.txt", "Hoe ging het?\nVond de cliënt het ".encode()
                  + "café leuk?\n".encode("latin-1"))
    jsonl = write(tmp_path, "kapot.jsonl", '{"docent": "Hoe ging het?"}\n\n{"docent": "Wat nu?",}\n')
    empty = write(tmp_path, "leeg.txt", "")
    blank = write(tmp_path, "wit.txt", "  \n\n\t\n")
    big = tmp_path / "groot.txt"
    with big.open("wb") as handle:  # sparse: no 21 MB written, size checked before reading
        handle.truncate(MAX_BYTES + 1024 * 1024)
    nul = write(tmp_path, "binair.txt", b"Hoe ging\x00het?\n")
    folder = tmp_path / "map"
    folder.mkdir()
    return {
        "missing": (str(tmp_path / "bestaat-niet.txt"), "bestand bestaat niet"),
        "directory": (str(folder), "dit is een map"),
        "non-utf8": (str(latin), f"{latin}:2:{len('Vond de cliënt het caf') + 1}: bestand is geen UTF-8"),
        "invalid-json": (str(jsonl), f"{jsonl}:3:22: ongeldige JSON"),
        "empty": (str(empty), "bestand is leeg"),
        "blank": (str(blank), "bestand is leeg"),
        "oversized": (str(big), "bestand is te groot (21,0 MB, maximaal 20 MB); splits het bestand"),
        "binary": (str(nul), "binair bestand"),
    }


BAD_CASES = ["missing", "directory", "non-utf8", "invalid-json", "empty", "blank", "oversized",
             "binary"]


@pytest.mark.parametrize("case", BAD_CASES)
@pytest.mark.parametrize("command", [["analyseer"], ["analyseer", "--json"], ["evalueer"]])
def test_bad_input_exits_2_with_a_dutch_message(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                case: str, command: list[str]) -> None:
    path, expected = bad_inputs(tmp_path)[case]
    code, out, err = run(capsys, *command, path)
    assert code == 2
    assert out == ""
    assert err.startswith(f"gesprekscoach: {path}")
    assert expected in err
    assert "Traceback" not in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root mag alles lezen")
def test_unreadable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "geheim.txt", "Hoe ging het?\n")
    path.chmod(0)
    try:
        code, _, err = run(capsys, "analyseer", str(path))
    finally:
        path.chmod(0o600)
    assert code == 2
    assert "geen toestemming" in err


def test_oversized_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    code, _, err = run(capsys, "analyseer", "-")
    assert code == 2
    assert "standaardinvoer: bestand is te groot" in err


def test_utf8_bom_and_crlf_are_fine(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "win.txt", "\ufeffD: Hoe ging het?\r\nS: Goed.\r\nD: Wat ging goed?\r\n".encode())
    code, out, _ = run(capsys, "analyseer", str(path), "--json")
    assert code == 0
    assert [(t["regel"], t["docent"]) for t in json_lines(out)] == [(1, "Hoe ging het?"),
                                                                     (3, "Wat ging goed?")]


def test_utf16_from_windows_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "kladblok.txt", "Wat vond je van de cliënt?\n".encode("utf-16"))
    code, out, _ = run(capsys, "analyseer", str(path), "--json")
    assert code == 0
    assert json_lines(out)[0]["docent"] == "Wat vond je van de cliënt?"


def test_every_bad_jsonl_line_is_reported_at_once(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    path = write(tmp_path, "b.jsonl", '{"docent": "Hoe?"}\n[1]\n{"student": "x"}\n{"docent": 3}\n{"docent": "  "}\n')
    code, _, err = run(capsys, "analyseer", str(path))
    assert code == 2
    lines = err.splitlines()
    assert [line.split(": ")[1] for line in lines] == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    assert "geen JSON-object" in lines[0]
    assert "'docent' ontbreekt" in lines[1]
    assert "moet tekst zijn, niet een getal" in lines[2]
    assert "is leeg" in lines[3]


def test_pretty_printed_json_gets_one_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "mooi.json", '[\n  {"docent": "Hoe ging het?"}\n]\n')
    code, _, err = run(capsys, "analyseer", str(path))
    assert code == 2
    assert err.count("\n") == 1
    assert "één JSON-document over meerdere regels" in err


# --------------------------------------------------------------------- evalueer

#: Four rows whose figures are computed by hand in test_evaluation.py.
CORPUS_ROWS = [
    {"id": "t-1", "student": "Het was hectisch in het magazijn.", "docent": "Dus het was druk. Wat maakte het hectisch?",
     "codes": ["doorvraag", "samenvatting"], "code": "doorvraag", "fase": "verbreden_verdiepen",
     "competentie": "motieven"},
    {"id": "t-2", "student": "Ik weet niet wie ik moet bellen.", "docent": "Bel gewoon je werkbegeleider.",
     "codes": ["advies"], "code": "advies", "fase": None, "competentie": "netwerken"},
    {"id": "t-3", "student": "Ik twijfel over de BBL.", "docent": "Is de BBL niet veel handiger voor jou?",
     "codes": ["suggestieve_vraag"], "code": "suggestieve_vraag", "fase": None,
     "competentie": "loopbaansturing"},
    {"id": "t-4", "student": "", "docent": "Hoi Lars. Hoe gaat het met je?",
     "codes": ["overig", "open_vraag"], "code": "open_vraag", "fase": "opening", "competentie": None},
]

#: What a stub analyser "predicts" for each docent turn: code, codes, fase, competentie.
PREDICTED = {
    "Dus het was druk. Wat maakte het hectisch?": ("doorvraag", {"doorvraag"}, "verbreden_verdiepen", "motieven"),
    "Bel gewoon je werkbegeleider.": ("advies", {"advies"}, None, "netwerken"),
    "Is de BBL niet veel handiger voor jou?": ("gesloten_vraag", {"gesloten_vraag"}, "vooruitkijken", "loopbaansturing"),
    "Hoi Lars. Hoe gaat het met je?": ("informeren", {"informeren", "open_vraag"}, None, None),
}


def stub_analyse(docent: str, student: str = "", history: object = ()) -> TurnAnalysis:
    code, codes, fase, competentie = PREDICTED[docent]
    return TurnAnalysis(docent, (), frozenset(codes), code, fase, competentie)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(evalueer, "analyse", stub_analyse)
    return write(tmp_path, "mini.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in CORPUS_ROWS))


def test_evalueer_json_exact_figures(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    code, out, err = run(capsys, "evalueer", str(corpus), "--json")
    assert code == 0, err
    assert len(out.splitlines()) == 1
    result = json.loads(out)
    assert set(result) == METRIC_KEYS
    assert result["n"] == 4
    assert result["code_accuracy"] == pytest.approx(0.5)
    assert result["code_macro_f1"] == pytest.approx(1 / 3)
    assert result["codes_micro_f1"] == pytest.approx(6 / 11)
    assert result["fase_accuracy"] == pytest.approx(0.5)
    assert result["competentie_accuracy"] == pytest.approx(1.0)
    assert result["violation_recall"] == pytest.approx(0.5)
    assert result["violation_precision"] == pytest.approx(0.5)
    assert list(result["per_code"]) == ["advies", "informeren", "suggestieve_vraag",
                                        "gesloten_vraag", "doorvraag", "open_vraag"]
    assert result["per_code"]["advies"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert result["per_code"]["informeren"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    assert result["per_code"]["open_vraag"]["support"] == 1


def test_evalueer_json_with_fouten(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    _, out, _ = run(capsys, "evalueer", str(corpus), "--json", "--fouten")
    result = json.loads(out)
    assert set(result) == METRIC_KEYS | {"fouten"}
    assert [miss["id"] for miss in result["fouten"]] == ["t-3", "t-4"]
    miss = result["fouten"][1]
    assert miss["regel"] == 4
    assert miss["docent"] == "Hoi Lars. Hoe gaat het met je?"
    assert miss["verwacht"] == {"code": "open_vraag", "codes": ["open_vraag", "overig"],
                                "fase": "opening", "competentie": None}
    assert miss["voorspeld"] == {"code": "informeren", "codes": ["informeren", "open_vraag"],
                                 "fase": None, "competentie": None}


def test_evalueer_table(capsys: pytest.CaptureFixture[str], corpus: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, "evalueer", str(corpus), "--fouten")
    assert code == 0
    assert "code juist" in out and "50,0 %" in out
    assert "Verwarringsmatrix" in out
    assert "Fouten (2)" in out
    assert "suggestieve vraag  →  gesloten vraag" in out
    assert "Bel gewoon" not in out  # only misses are listed
    assert max(len(line) for line in out.splitlines()) <= 100


def test_evalueer_without_fouten_lists_no_misses(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    _, out, _ = run(capsys, "evalueer", str(corpus))
    assert "Fouten" not in out


def test_evalueer_reports_every_bad_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = dict(CORPUS_ROWS[0])
    rows = [
        good,
        {**good, "id": "t-2", "code": "open vraag"},
        {**good, "id": "t-3", "fase": "verdiepen", "competentie": "netwerk"},
        {k: v for k, v in good.items() if k != "codes"} | {"id": "t-4"},
        {**good, "id": 5, "docent": ["lijst"]},
        {**good},  # same id as the first row
        {**good, "id": "t-7", "codes": ["samenvatting", "doorvraag"], "code": "samenvatting"},
    ]
    path = write(tmp_path, "fout.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    code, out, err = run(capsys, "evalueer", str(path))
    assert code == 2
    assert out == ""
    assert f"{path}:2: onbekende code 'open vraag'; bedoel je 'open_vraag'?" in err
    assert f"{path}:3: onbekende fase 'verdiepen'" in err
    assert f"{path}:3: onbekende competentie 'netwerk'; bedoel je 'netwerken'?" in err
    assert f"{path}:4: veld 'codes' ontbreekt" in err
    assert f"{path}:5: veld 'id' moet tekst zijn" in err
    assert f"{path}:5: veld 'docent' moet tekst zijn, niet een lijst" in err
    assert f"{path}:6: id 't-1' komt al voor op regel 1" in err
    assert f"{path}:7: code moet 'doorvraag' zijn volgens de voorrangsregel" in err
    assert "Traceback" not in err


def test_parse_corpus_accepts_the_documented_example() -> None:
    line = ('{"id": "dev-0001", "student": "Ik moest meteen alleen bij een cliënt.", '
            '"docent": "Alleen? Hoe was dat voor je?", "codes": ["doorvraag"], "code": "doorvraag", '
            '"fase": "verbreden_verdiepen", "competentie": "motieven"}')
    (row,) = parse_corpus(line + "\n", "x.jsonl")
    assert row.codes == frozenset({"doorvraag"}) and row.line == 1
