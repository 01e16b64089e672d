"""What the user testers found (trainer and docenten), each through the CLI or the pilot.

Formats a command cannot make are refused; groep and voortgang print real PDFs;
groep takes --normen; the norms format has an example and every mistake is told;
silence is "stilte" everywhere; the alternatives quote a reply with content;
saving, leaving and the mode in the app.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from cli_helpers import run_cli, write
from test_app import CONVERSATION, SIZE, end, fixture_app, picker, rendered, say, start, until
from workbench_helpers import small_group

from gesprekscoach.tui.screens.chat import LEAVE_WINDOW
from gesprekscoach.tui.widgets.mode_toggle import ModeToggle

HAS_CHROMIUM = any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome"))
DOCS = Path(__file__).parent.parent / "docs" / "normen.md"


@pytest.fixture(scope="module")
def group_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("groep") / "groep.db"
    small_group(path)
    return path


@pytest.fixture
def db(group_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "groep.db"
    copy.write_bytes(group_file.read_bytes())
    return copy


# --------------------------------------------------------------------------- 1. formats


@pytest.mark.parametrize("argv, message", [
    (["groep", "--formaat", "tekst", "-o", "{tmp}/groep.pdf"], "de naam zegt pdf, maar hier komt tekst in"),
    (["voortgang", "--docent", "marieke", "--formaat", "csv", "-o", "{tmp}/vj.html"],
     "de naam zegt html, maar hier komt csv in"),
    (["groep", "-o", "{tmp}/groep.docx"], "aan de naam (.docx) is niet te zien welk formaat"),
    (["groep", "--formaat", "pdf"], "een PDF gaat naar een bestand"),
    (["exporteer", "-o", "{tmp}/alles.pdf"], "de naam zegt pdf, maar hier komt json in"),
    (["importeer", "{tmp}/t.txt", "--docent", "els", "-o", "{tmp}/r.pdf", "--formaat", "md"],
     "de naam zegt pdf, maar hier komt md in"),
])
def test_a_format_a_command_cannot_make_is_refused(capsys, db: Path, tmp_path: Path,
                                                    argv: list[str], message: str) -> None:
    write(tmp_path, "t.txt", "D: Hoe ging het?\nS: Goed.\nD: Wat ging goed?\nS: Alles.\n")
    before = {p.name for p in tmp_path.iterdir()}
    sessions = run_cli(capsys, "sessies", "--db", db)[1]
    code, _, err = run_cli(capsys, *[a.format(tmp=tmp_path) for a in argv], "--db", db)
    assert code == 2 and message in err and "Traceback" not in err
    assert {p.name for p in tmp_path.iterdir()} <= before | {"groep.db-wal", "groep.db-shm"}
    assert run_cli(capsys, "sessies", "--db", db)[1] == sessions   # nothing imported either


@pytest.mark.parametrize("argv", [["groep"], ["voortgang", "--docent", "marieke"]])
def test_groep_and_voortgang_print_a_real_pdf(capsys, db: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              argv: list[str]) -> None:
    target = tmp_path / "uit.pdf"
    monkeypatch.setenv("GESPREKSCOACH_CHROMIUM", "geen-browser-hier")
    code, _, err = run_cli(capsys, *argv, "-o", target, "--db", db)
    assert code == 2 and "GESPREKSCOACH_CHROMIUM" in err and not target.exists()
    monkeypatch.delenv("GESPREKSCOACH_CHROMIUM")
    if not HAS_CHROMIUM:
        pytest.skip("geen Chromium op deze machine")
    code, _, err = run_cli(capsys, *argv, "-o", target, "--db", db)
    data = target.read_bytes()
    assert code == 0 and f"Geschreven: {target}" in err
    assert data.startswith(b"%PDF") and re.search(rb"/MediaBox \[0 0 59[45](\.\d+)? 84[12]", data)


# --------------------------------------------------------------------------- 2. groep --normen


def test_groep_counts_against_own_norms(capsys, db: Path, tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "groep", "--formaat", "json", "--db", db)
    before = json.loads(out)["groep"]["cijfer"]
    mild = write(tmp_path, "mild.yaml", "punten:\n  voldoende: 1.0\nkort_gesprek:\n"
                                        "  minimaal_beurten: 0\n")
    code, out, _ = run_cli(capsys, "groep", "--formaat", "json", "--normen", mild, "--db", db)
    assert code == 0 and json.loads(out)["groep"]["cijfer"] > before
    code, out, _ = run_cli(capsys, "groep", "--normen", mild, "--db", db)
    assert f"opnieuw geteld met de normen uit {mild}" in " ".join(out.split())
    wrong = write(tmp_path, "fout.yaml", "punten:\n  voldoende: 3\n")
    code, _, err = run_cli(capsys, "groep", "--normen", wrong, "--db", db)
    assert code == 2 and "fout.yaml:2:14:" in err


def test_groep_has_the_shared_output_and_norms_options(capsys) -> None:
    _, groep, _ = run_cli(capsys, "groep", "--help")
    _, rapport, _ = run_cli(capsys, "rapport", "--help")
    for option in ("--normen NORMEN.yaml", "--formaat", "-o BESTAND, --uitvoer BESTAND"):
        assert option in groep and option in rapport


# --------------------------------------------------------------------------- 3. norms file


def test_normen_voorbeeld_is_a_file_a_trainer_can_start_from(capsys, tmp_path: Path) -> None:
    code, example, _ = run_cli(capsys, "normen", "--voorbeeld")
    assert code == 0 and example.startswith("# Eigen normen") and "doorvragen:" in example
    own = write(tmp_path, "strenger.yaml", example)
    code, out, _ = run_cli(capsys, "normen", own)
    assert code == 0 and "1 normenbestand gecontroleerd, geen fouten." in out
    code, out, _ = run_cli(capsys, "rapport", "--help")
    # the documentation shows the very example the command prints
    assert f"```yaml\n{example}```" in DOCS.read_text(encoding="utf-8")


def test_every_mistake_in_a_norms_file_is_told(capsys, tmp_path: Path) -> None:
    wrong = write(tmp_path, "strenger.yaml",
                  "punten:\n  voldoende: 0.6\n  goed: 2\nregels:\n  doorvragen:\n"
                  "    gewicht: 2\n  doorvragn:\n    goed: 0.5\n  open_vragen:\n"
                  "    voldoende: 0.6\n    goed: 0.5\n    goed: 0.4\n")
    code, out, _ = run_cli(capsys, "normen", wrong)
    lines = out.splitlines()
    assert code == 2
    assert [line.split(": ", 1)[0].removeprefix(f"{tmp_path}/") for line in lines[:-1]] == [
        "strenger.yaml:3:9", "strenger.yaml:7:3", "strenger.yaml:11:11", "strenger.yaml:12:5"]
    assert "bedoel je 'doorvragen'?" in lines[1] and "goed moet minstens zo streng" in lines[2]
    assert "staat twee keer" in lines[3] and lines[-1].endswith("4 fouten.")
    # the same four from any command that scores, before anything runs
    code, _, err = run_cli(capsys, "rapport", "laatste", "--normen", wrong,
                           "--db", tmp_path / "geen.db")
    assert code == 2 and err.count("strenger.yaml:") == 4


# --------------------------------------------------------------------------- 4, 5. terminal text, silence


def test_oefen_prints_the_report_as_text_and_a_silence_as_stilte(capsys, tmp_path: Path,
                                                                  monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(
        "Hoi Sanne, hoe ging je stage?\n...\nWat gebeurde er toen?\n"))
    code, out, _ = run_cli(capsys, "oefen", "sanne-zorg-incident", "--docent", "els",
                           "--db", tmp_path / "s.db")
    assert code == 0
    assert "↳ stilte" in out and "aanmoediging" not in out
    assert "\nGespreksrapport\n" in out and "\nCijfer: " in out
    assert "# " not in out and "**" not in out and "\\_" not in out


def test_oefen_skips_comment_lines_of_a_piped_script(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(
        "# Sanne, eerste poging\nHoi Sanne, hoe ging je stage?\nWat gebeurde er toen?\n"))
    code, out, _ = run_cli(capsys, "oefen", "sanne-zorg-incident", "--docent", "els",
                           "--db", tmp_path / "s.db")
    assert code == 0 and "eerste poging" not in out
    code, listed, _ = run_cli(capsys, "sessies", "--db", tmp_path / "s.db")
    row = next(line for line in listed.splitlines() if "Sanne" in line)
    assert code == 0 and " 2 " in row.split("Sanne", 1)[1][:12], row   # two turns, not three


def test_analyseer_calls_a_silence_stilte(capsys, tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "D: Hoe ging het?\nS: Goed.\nD: ...\nS: Nou ja.\n")
    code, out, _ = run_cli(capsys, "analyseer", path)
    assert code == 0 and "stilte" in out and "aanmoediging" not in out.split("\n\n")[1]


# --------------------------------------------------------------------------- 7. alternatives


TRANSCRIPT = ("D: Hoi Noor, hoe ging je stage?\n"
              "S: Ik moest een klant alleen helpen en ik vond het eng.\n"
              "D: Hoe was dat voor je?\n"
              "S: Ja, klopt.\n"
              "D: Je moet dat gewoon met je begeleider bespreken.\n"
              "S: Geen idee.\n"
              "D: Je zei: ‘ik vond het eng’. Kun je daar meer over vertellen? "
              "Je moet ook gewoon vaker om hulp vragen.\n"
              "S: Misschien.\n")


def test_the_alternative_quotes_a_reply_with_content_and_not_the_docent_herself(
        capsys, tmp_path: Path) -> None:
    path = write(tmp_path, "noor.txt", TRANSCRIPT)
    code, _, _ = run_cli(capsys, "importeer", path, "--docent", "els", "--db", tmp_path / "s.db")
    assert code == 0
    code, out, _ = run_cli(capsys, "rapport", "laatste", "--formaat", "json",
                           "--db", tmp_path / "s.db")
    adviser = next(p for p in json.loads(out)["rapport"]["valkuilen"] if p["valkuil"] == "adviseur")
    first, second = adviser["feedforward"]
    assert "Je zei in beurt 3" in first
    assert "‘ik moest een klant alleen helpen en ik vond het eng’" in first
    assert "klopt" not in first and "geen idee" not in first.lower()
    proposal = second.split("Probeer in plaats daarvan:")[1]
    assert "Kun je daar meer over vertellen" not in proposal   # what she did in that turn


# --------------------------------------------------------------------------- 8. the app


async def test_leaving_waits_long_enough_for_a_second_escape(monkeypatch) -> None:
    app = fixture_app()
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        monkeypatch.setattr(chat, "notify", lambda text, **kw: notes.append(text))
        await say(pilot, CONVERSATION[0])
        await pilot.press("escape")
        assert app.screen is chat and f"binnen {LEAVE_WINDOW:.0f} seconden" in notes[-1]
        assert LEAVE_WINDOW >= 4
        chat._leave_asked = time.monotonic() - 3.0   # the tester's second Escape, 3 s later
        await pilot.press("escape")
        await picker(pilot)


async def test_after_a_proef_the_next_conversation_starts_in_oefenen() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot, proef=True)
        assert chat.mode == "proef"
        await say(pilot, CONVERSATION[0])
        await end(pilot)
        await pilot.press("a")
        screen = await picker(pilot)
        toggle = screen.query_one(ModeToggle)
        assert toggle.mode == "oefenen"
        assert "Volgend gesprek:" in rendered(toggle)
        assert any("vorige gesprek was een proef" in str(n.message)
                   for n in app._notifications)


async def test_a_proef_day_stays_a_proef() -> None:
    app = fixture_app(mode="proef")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await say(pilot, CONVERSATION[0])
        await end(pilot)
        await pilot.press("a")
        screen = await picker(pilot)
        assert screen.query_one(ModeToggle).mode == "proef"


async def test_saving_without_a_documents_folder_suggests_the_data_folder(
        tmp_path: Path, monkeypatch) -> None:
    from textual.widgets import Input

    from gesprekscoach.tui.screens.save_prompt import SavePrompt

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("GESPREKSCOACH_DB", str(tmp_path / "data" / "sessies.db"))
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await say(pilot, CONVERSATION[0])
        await end(pilot)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SavePrompt), "the save prompt")
        assert app.screen.query_one(Input).value.startswith("~/data/rapport-lotte")
