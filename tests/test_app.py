"""The Textual app, driven as a docent would: pick, talk, undo, ask a hint, end, read.

Pilot tests at 80×24 on fixture scenarios (``tests/fixtures/app``): one
ordinary student, one whose texts look like Textual markup, and one broken
file. Text goes in through ``Input.value`` and Enter, not key by key. The
pure helpers behind the app (hints, the scenario catalogue, the report view)
get parametrised tables at the end.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from gesprekscoach.cli import main as cli
from gesprekscoach.conversation.arc import ArcStep
from gesprekscoach.conversation.catalog import (
    GIVEN,
    OWN,
    Entry,
    load_catalog,
    matches,
    scenario_sources,
    user_scenarios_dir,
)
from gesprekscoach.conversation.hints import CONDITIONS, Hint, hint_for, load_rules, parse_rules
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.session import Session
from gesprekscoach.output.files import write_new
from gesprekscoach.output.text import norm_text
from gesprekscoach.scoring.reportview import PhaseRun, phase_runs
from gesprekscoach.tui.app import CoachApp, make_app
from gesprekscoach.tui.palette import BindingsProvider
from gesprekscoach.tui.screens.chat import ChatScreen
from gesprekscoach.tui.screens.help import HelpScreen
from gesprekscoach.tui.screens.report import ReportScreen
from gesprekscoach.tui.screens.save_prompt import SavePrompt
from gesprekscoach.tui.screens.scenario_picker import ScenarioPicker
from gesprekscoach.tui.widgets.arc_view import ArcView
from gesprekscoach.tui.widgets.chat_archive import ChatArchive
from gesprekscoach.tui.widgets.chat_log import ChatLog
from gesprekscoach.tui.widgets.chat_message import ChatMessage
from gesprekscoach.tui.widgets.feedback_view import FeedbackView
from gesprekscoach.tui.widgets.history_input import HistoryInput
from gesprekscoach.tui.widgets.pitfall_list import PitfallList
from gesprekscoach.tui.widgets.rule_scores import RuleScores
from gesprekscoach.tui.widgets.student_card import StudentCard

FIXTURES = Path(__file__).parent / "fixtures" / "app"
LOTTE = FIXTURES / "lotte-kapper.yaml"
SIZE = (80, 24)
INJECTION = "[/b] [red [/] [@click=app.quit]x[/] $accent"

CONVERSATION = (
    "Hoi Lotte, waar wil je het vandaag over hebben?",
    "Wat gebeurde er toen je alleen was met de klant?",
    "Hoe voelde dat, zo alleen?",
    "Dus je handen trilden en je was bang voor een fout.",
    "Wat betekende het voor je dat de klant blij was?",
    "Wat zou je later willen leren?",
    "Wat is je eerste stap?",
    "Je moet gewoon een cursus kleuren doen.",
)


def fixture_app(**kwargs: object) -> CoachApp:
    # No background warm-up: it would compete with every key press for the CPU.
    # The alias is given, as with --docent; tests of the alias prompt pass docent=None.
    kwargs.setdefault("docent", "docent")
    return make_app(user_folder=FIXTURES, shipped=False, warm_up=False, **kwargs)  # type: ignore[arg-type]


async def until(pilot: Pilot, condition, what: str, tries: int = 500) -> None:  # type: ignore[no-untyped-def]
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"timed out waiting for {what}")


async def picker(pilot: Pilot) -> ScenarioPicker:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, ScenarioPicker) and app.screen.loaded,
                "the picker to fill")
    return app.screen  # type: ignore[return-value]


async def start(pilot: Pilot, query: str = "lotte", *, proef: bool = False) -> ChatScreen:
    screen = await picker(pilot)
    screen.query_one("#filter", Input).value = query
    await pilot.pause()
    if proef:
        await pilot.press("ctrl+o")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, ChatScreen), "the chat screen")
    return pilot.app.screen  # type: ignore[return-value]


async def say(pilot: Pilot, text: str) -> None:
    pilot.app.screen.query_one("#input", Input).value = text
    await pilot.press("enter")  # waits until the app is idle again


async def end(pilot: Pilot) -> ReportScreen:
    await pilot.press("ctrl+r")
    await until(pilot, lambda: isinstance(pilot.app.screen, ReportScreen)
                and pilot.app.screen.report is not None, "the report")
    await pilot.pause()
    return pilot.app.screen  # type: ignore[return-value]


def messages(screen: ChatScreen, role: str | None = None) -> list[ChatMessage]:
    return [m for m in screen.query(ChatMessage) if role is None or m.role == role]


def rendered(widget) -> str:  # type: ignore[no-untyped-def]
    """The plain text a widget shows (its render, or its Static content)."""
    visual = widget.render()
    return getattr(visual, "plain", str(visual))


# ---------------------------------------------------------------------------
# a whole session


async def test_full_conversation_through_to_the_report_and_again() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        assert chat.mode == "oefenen"
        for text in CONVERSATION:
            await say(pilot, text)
        assert len(chat.session.exchanges) == len(CONVERSATION)
        assert [m.text for m in messages(chat, "docent")] == list(CONVERSATION)
        assert len(messages(chat, "student")) == len(CONVERSATION)
        assert chat.query_one("#input", Input).value == ""
        # The side panel follows the arc and the last move.
        assert chat.query_one(ArcView).phase == chat.session.arc.phase == "in_beweging_zetten"
        assert "advies" in rendered(chat.query_one(FeedbackView))

        report = await end(pilot)
        assert report.report is not None and report.report.turns == len(CONVERSATION)
        rules = report.query_one(RuleScores).plain()
        assert "Open vragen" in rules and "norm:" in rules
        pitfalls = report.query_one(PitfallList).plain()
        assert "De adviseur" in pitfalls
        assert "Je moet gewoon een cursus kleuren doen" in pitfalls  # quoted feedforward

        await pilot.press("o")  # the same student again, from the start
        await until(pilot, lambda: isinstance(app.screen, ChatScreen), "a new conversation")
        again = app.screen
        assert again is not chat and again.session.exchanges == ()
        assert again.scenario.id == "lotte-kapper"
        await pilot.press("ctrl+r")  # nothing to report yet: stays put
        await pilot.pause()
        assert app.screen is again
        await pilot.press("escape")  # no turns: straight back to the list
        await picker(pilot)


async def test_report_offers_another_student_and_saves_markdown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path / "..")   # started elsewhere: saving still suggests Documents
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    documents = tmp_path / "Documents"
    documents.mkdir()
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        for text in CONVERSATION[:3]:
            await say(pilot, text)
        report = await end(pilot)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SavePrompt), "the save prompt")
        field = app.screen.query_one(Input)
        # default: the user's documents folder, shown the short way
        assert field.value.startswith("~/Documents/rapport-lotte")
        await pilot.press("enter")
        await until(pilot, lambda: report.saved is not None, "the file to be written")
        saved = report.saved
        assert saved is not None and saved.parent == documents.resolve()
        text = saved.read_text("utf-8")
        assert text.startswith("# Gespreksrapport")
        assert "- **Student:** Lotte — " in text  # the document `rapport --formaat md` writes
        assert "## Het gesprek" in text and CONVERSATION[1] in text
        assert str(saved) in rendered(report.query_one("#saved"))
        # Saving again never overwrites: the second file gets a number.
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SavePrompt), "the save prompt")
        await pilot.press("enter")
        await until(pilot, lambda: report.saved != saved, "a second file")
        assert report.saved is not None and report.saved.name.endswith("-2.md")
        await pilot.press("a")
        await picker(pilot)


async def test_in_the_browser_saving_hands_the_report_over_as_a_download(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(CoachApp, "is_web", property(lambda self: True))
    delivered: list[tuple[str, dict[str, object]]] = []
    app = fixture_app()
    monkeypatch.setattr(app, "deliver_text",
                        lambda file, **kwargs: delivered.append((file.getvalue(), kwargs)))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        for text in CONVERSATION[:2]:
            await say(pilot, text)
        await end(pilot)
        await pilot.press("s")
        await until(pilot, lambda: bool(delivered), "the download")
        assert not isinstance(app.screen, SavePrompt)  # no path on the serving laptop
    (text, options), = delivered
    assert text.startswith("# Gespreksrapport") and CONVERSATION[1] in text
    assert str(options["save_filename"]).endswith(".md") and options["open_method"] == "download"
    assert list(tmp_path.iterdir()) == []  # nothing written where the server runs


async def test_leaving_a_conversation_needs_a_second_escape() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        await say(pilot, CONVERSATION[0])
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is chat  # a warning first
        await pilot.press("escape")
        await picker(pilot)


# ---------------------------------------------------------------------------
# moves


async def test_silence_is_a_turn() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        await say(pilot, CONVERSATION[0])
        await pilot.press("ctrl+s")
        await pilot.pause()
        last = chat.session.exchanges[-1]
        assert last.docent == "" and last.analysis.code == "aanmoediging"
        docent = messages(chat, "docent")[-1]
        assert docent.text == "(stilte)" and docent.italic
        assert messages(chat, "student")[-1].text == last.student
        assert "stilte" in rendered(chat.query_one(FeedbackView))


async def test_empty_enter_is_not_a_turn() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        await say(pilot, "   ")
        assert chat.session.exchanges == ()


async def test_undo_takes_back_the_last_exchange() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        await pilot.press("ctrl+z")  # nothing to undo yet: nothing happens
        await say(pilot, CONVERSATION[0])
        await say(pilot, CONVERSATION[1])
        phase_after_one = None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(chat.session.exchanges) == 1
        assert [m.turn for m in messages(chat, "docent")] == [1]
        # The taken-back turn is back in the input line, to rephrase.
        assert chat.query_one("#input", Input).value == CONVERSATION[1]
        assert chat.query_one(FeedbackView).exchange is chat.session.exchanges[-1]
        phase_after_one = chat.session.arc.phase
        assert chat.query_one(ArcView).phase == phase_after_one
        chat.query_one("#input", Input).value = ""
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert chat.session.exchanges == () and messages(chat, "docent") == []
        assert chat.query_one(FeedbackView).exchange is None
        assert chat.check_action("undo", ()) is None  # dimmed in the footer


async def test_hint_names_a_kind_of_move_never_a_sentence() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        first = chat.hint
        assert "Lotte" in first and "agenda" in first
        assert "?" not in first
        await say(pilot, CONVERSATION[-1])  # advice
        assert chat.hint == ""  # a new turn clears the old hint
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert chat.hint != first and "regie" in chat.hint
        assert "Hint" in rendered(chat.query_one(FeedbackView))


async def test_proef_shows_no_feedback_until_the_report() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot, proef=True)
        assert chat.mode == "proef"
        assert "proef" in app.sub_title or "proef" in chat.sub_title
        assert not chat.query(FeedbackView) and not chat.query(ArcView)
        notice = rendered(chat.query_one("#proef-notice"))
        assert "geen feedback" in notice
        for text in CONVERSATION[:4]:
            await say(pilot, text)
        assert all(m.note == "" for m in messages(chat, "docent"))
        assert chat.check_action("hint", ()) is False
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert chat.hint == ""
        assert "4 beurten" in rendered(chat.query_one("#turn-count"))
        assert "ctrl+t" not in {b.key for b in (a.binding for a in chat.active_bindings.values())}
        report = await end(pilot)
        assert report.mode == "proef" and report.report is not None
        assert "Gespreksregels" in report.query_one(RuleScores).plain()


async def test_input_history_walks_up_and_down() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        await say(pilot, CONVERSATION[0])
        await say(pilot, CONVERSATION[1])
        field = chat.query_one("#input", HistoryInput)
        field.value = "half getypt"
        await pilot.press("up")
        assert field.value == CONVERSATION[1]
        await pilot.press("up")
        assert field.value == CONVERSATION[0]
        await pilot.press("up")  # the oldest stays
        assert field.value == CONVERSATION[0]
        await pilot.press("down", "down")
        assert field.value == "half getypt"


# ---------------------------------------------------------------------------
# text that looks like markup


async def test_markup_typed_by_the_docent_shows_literally() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        await say(pilot, INJECTION)
        await say(pilot, f"Wat bedoel je met {INJECTION}?")
        assert app.is_running and app.screen is chat
        shown = [rendered(m) for m in messages(chat, "docent")]
        assert INJECTION in shown[0] and f"Wat bedoel je met {INJECTION}?" in shown[1]
        rendered(chat.query_one(FeedbackView))  # evidence quotes the turn: must not raise
        report = await end(pilot)
        assert app.is_running and report.report is not None


async def test_markup_in_a_scenario_file_shows_literally() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await picker(pilot)
        screen.query_one("#filter", Input).value = "logistiek"
        await pilot.pause()
        options = screen.query_one("#scenarios", OptionList)
        assert options.option_count == 1
        prompt = options.get_option_at_index(0).prompt
        assert "[b]Vet[/b] en [red rood" in prompt.plain  # type: ignore[union-attr]
        assert "[red]Ro[/], 19 · Logistiek [/b]" in prompt.plain  # type: ignore[union-attr]
        card = rendered(screen.query_one(StudentCard))
        assert "[@click=app.quit]hier[/]" in card and "[bold], $accent" in card
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen), "the chat")
        chat = app.screen
        assert "[red]Ro[/]" in chat.title
        intro = rendered(messages(chat)[0])
        assert "[link=https://x.nl]daar[/link]" in intro
        await say(pilot, "Wat gebeurde er in het magazijn?")
        assert app.is_running
        reply = messages(chat, "student")[-1]
        assert reply.speaker == "[red]Ro[/]" and "[/b]" in rendered(reply)


# ---------------------------------------------------------------------------
# the picker


async def test_a_broken_scenario_is_listed_with_its_error() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await picker(pilot)
        assert [e.ok for e in screen.entries] == [True, True, False]
        screen.query_one("#filter", Input).value = "kapot"
        await pilot.pause()
        options = screen.query_one("#scenarios", OptionList)
        assert options.option_count == 1
        assert "zonder-doel.yaml" in options.get_option_at_index(0).prompt.plain  # type: ignore[union-attr]
        card = rendered(screen.query_one(StudentCard))
        assert "zonder-doel.yaml:2:1: 'doel' ontbreekt" in card
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen  # refused, with a message, no crash


async def test_filter_narrows_and_escape_clears(tmp_path: Path) -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await picker(pilot)
        field = screen.query_one("#filter", Input)
        options = screen.query_one("#scenarios", OptionList)
        field.value = "KAPPER niveau 2"
        await pilot.pause()
        assert options.option_count == 1
        field.value = "geen-student-heet-zo"
        await pilot.pause()
        assert options.option_count == 0
        assert "Esc" in rendered(screen.query_one(StudentCard))
        await pilot.press("enter")  # nothing to choose: a message, no crash
        await pilot.press("escape")
        await pilot.pause()
        assert field.value == "" and options.option_count == 3
        options.focus()
        await pilot.press("l", "o", "t")  # typing in the list goes to the filter
        assert field.value == "lot" and field.has_focus and options.option_count == 1


async def test_reload_picks_up_changed_files(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    app = make_app(user_folder=folder, shipped=False, warm_up=False, docent="docent")
    async with app.run_test(size=SIZE) as pilot:
        screen = await picker(pilot)
        assert screen.entries == ()
        assert "Geen scenario's gevonden" in rendered(screen.query_one(StudentCard))
        (folder / "lotte.yaml").write_text(LOTTE.read_text("utf-8"), "utf-8")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: len(screen.entries) == 1, "the new file")
        assert screen.entries[0].ok and screen.entries[0].source == OWN
        (folder / "lotte.yaml").write_text("titel: [kapot\n", "utf-8")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: screen.entries and not screen.entries[0].ok, "the broken file")


async def test_mode_can_be_preset_from_the_command_line() -> None:
    app = fixture_app(mode="proef")
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        assert chat.mode == "proef"


# ---------------------------------------------------------------------------
# help, theme, palette, long conversations


async def test_help_explains_the_method_and_lists_the_keys() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        keys = app.screen.keys_text()
        for word in ("stilte", "hint", "terug", "rapport", "licht"):
            assert word.lower() in keys.lower(), word
        assert "boog" in rendered(app.screen.query_one("#method"))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen), "the chat again")


async def test_theme_toggles_between_dark_and_light() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        await picker(pilot)
        assert app.current_theme.dark
        await pilot.press("f2")
        assert not app.current_theme.dark
        await pilot.press("f2")
        assert app.current_theme.dark


async def test_palette_offers_the_keys_of_the_screen() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        provider = BindingsProvider(chat)
        titles = [title for title, _, _ in provider._commands()]
        for title in ("Stilte", "Hint", "Help", "Stoppen"):
            assert title in titles
        assert "Rapport" not in titles  # disabled before the first turn
        await say(pilot, CONVERSATION[0])
        assert "Rapport" in [title for title, _, _ in provider._commands()]


async def test_a_long_conversation_keeps_few_widgets() -> None:
    app = fixture_app()
    async with app.run_test(size=SIZE) as pilot:
        chat = await start(pilot)
        turns = 160  # scripts/bench_tui.py times 300; here the shape is what counts
        for i in range(turns):
            chat.play(CONVERSATION[i % len(CONVERSATION)])
            if i % 40 == 0:
                await pilot.pause()
        await pilot.pause()
        log = chat.query_one(ChatLog)
        assert len(chat.session.exchanges) == turns
        assert len(log.children) < 60  # old turns are folded into archives
        archived = sum(len(a.messages) for a in log.query(ChatArchive))
        assert archived + len(log.live) == 2 * turns
        # Page Up from the input line scrolls the chat back and stops it following.
        before = log.scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert log.scroll_target_y < before and log._anchor_released
        await pilot.press("pagedown", "pagedown", "pagedown", "end")
        # Undo still works, also reaching into an archive is harmless.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(chat.session.exchanges) == turns - 1
        log.remove_turn(1)
        assert all(1 not in a.turns for a in log.archives)


# ---------------------------------------------------------------------------
# the command line


def test_cli_checks_scenarios_before_the_app_starts(capsys: pytest.CaptureFixture[str]) -> None:
    broken = FIXTURES / "zonder-doel.yaml"
    code = cli.main(["app", "--scenario", str(broken), "--scenario", "bestaat-niet.yaml"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{broken}:2:1:" in err and "bestaat-niet.yaml: bestaat niet" in err


def test_cli_app_needs_a_terminal(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main(["app", "--scenario", str(LOTTE)])
    assert code == 2
    assert "terminal" in capsys.readouterr().err


def test_cli_help_documents_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["app", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--scenario PAD" in out and "--proef" in out and "ctrl+s" in out


# ---------------------------------------------------------------------------
# pure helpers: hints, catalogue, report view


def _session(turns: list[str]) -> Session:
    session = Session(load_scenario(LOTTE))
    for turn in turns:
        session.say(turn)
    return session


@pytest.mark.parametrize(("turns", "conditions"), [
    ([], ("begin",)),
    (["Je moet dat aan je leermeester vragen."], ("net_advies",)),
    (["Goed zo, knap hoor."], ("net_oordeel",)),
    (["Hoe ging het en wat vond je ervan?"], ("net_gestapeld",)),
    (["Was je alleen in de salon?"], ("net_gesloten",)),
    (["Wat ga je volgende week doen?"], ("net_sprong", "geen_verhaal")),
    (["Hoi Lotte, waar wil je het vandaag over hebben?"], ("niet_verkend",)),
    (list(CONVERSATION[:5]), ("verkend",)),
    (list(CONVERSATION[:6]), ("vooruitgekeken",)),
    (list(CONVERSATION[:7]), ("in_beweging",)),
])
def test_hint_follows_the_arc_and_the_last_move(turns: list[str], conditions: tuple[str, ...]) -> None:
    session = _session(turns)
    hint = hint_for(session.exchanges, session.arc, session.openness, "Lotte")
    assert isinstance(hint, Hint) and hint.conditions == conditions
    assert "{naam}" not in hint.text


def test_every_hint_is_a_kind_of_move_not_a_question() -> None:
    rules = load_rules()
    assert rules[-1].conditions == ("altijd",)
    for rule in rules:
        assert set(rule.conditions) <= CONDITIONS
        assert "?" not in rule.text and '"' not in rule.text


@pytest.mark.parametrize(("text", "message"), [
    ("hints:\n  - als: [begin]\n    hint: x\n", "hints.yaml:2:10: .*altijd"),
    ("hints:\n  - als: [onbekend]\n    hint: x\n", "hints.yaml:2:11: onbekende voorwaarde 'onbekend'"),
    ("hints:\n  - als: [begin]\n", "hints.yaml:2:5: de sleutel 'hint' ontbreekt"),
])
def test_hint_table_mistakes_are_named(text: str, message: str) -> None:
    from gesprekscoach.errors import UserError

    with pytest.raises(UserError, match=message):
        parse_rules(text)


def test_catalog_lists_given_own_and_shipped_once(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    sources = scenario_sources([LOTTE, FIXTURES], FIXTURES)
    names = [(p.name, source) for p, source in sources]
    assert names[0] == ("lotte-kapper.yaml", GIVEN)
    assert len({p.resolve() for p, _ in sources}) == len(sources)  # each file once
    assert any(source == "meegeleverd" for _, source in scenario_sources([], tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert user_scenarios_dir() == tmp_path / "gesprekscoach" / "scenarios"
    monkeypatch.setenv("XDG_CONFIG_HOME", "")
    assert user_scenarios_dir() == Path.home() / ".config" / "gesprekscoach" / "scenarios"


@pytest.mark.parametrize(("query", "hits"), [
    ("", 3), ("lotte", 1), ("KAPPER niveau 2", 1), ("bbl", 1), ("fout", 1), ("ouderenzorg kapper", 0),
])
def test_catalog_filter(query: str, hits: int) -> None:
    entries = load_catalog(scenario_sources([], FIXTURES, shipped=False))
    assert sum(matches(e, query) for e in entries) == hits


def test_catalog_keeps_unreadable_files(tmp_path: Path) -> None:
    entries = load_catalog([(tmp_path / "weg.yaml", GIVEN)])
    assert entries == (Entry(str(tmp_path / "weg.yaml"), GIVEN, None, entries[0].problems),)
    assert entries[0].problems


def test_report_view_helpers(tmp_path: Path) -> None:
    assert norm_text("open_vragen") == "voldoende ≥ 50 %, goed ≥ 70 %"
    assert norm_text("niet_oordelen") == "voldoende ≤ 2, goed geen"
    timeline = [ArcStep(1, "opening"), ArcStep(2, "terugkijken"), ArcStep(3, "terugkijken"),
                ArcStep(4, "vooruitkijken", True), ArcStep(5, "vooruitkijken")]
    assert phase_runs(timeline) == (
        PhaseRun(1, 1, "opening", False), PhaseRun(2, 3, "terugkijken", False),
        PhaseRun(4, 5, "vooruitkijken", True))
    assert phase_runs(timeline)[1].turns == "beurt 2–3"
    first = write_new(tmp_path / "r.md", "een")
    second = write_new(tmp_path / "r.md", "twee")
    assert first.read_text() == "een" and second.name == "r-2.md"


async def test_a_mistake_in_the_rule_pack_stops_the_app_with_where_it_is(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import gesprekscoach.analysis.analyser as analyser

    def broken() -> analyser.RulePack:
        return analyser.RulePack.from_yaml("fasen: [\n", "regels.yaml")

    monkeypatch.setattr(analyser, "rules", broken)
    app = make_app(user_folder=FIXTURES, shipped=False, warm_up=True, docent="docent")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.return_code is not None, "the app stops")
    assert app.return_code == 2
    assert "gesprekscoach: regels.yaml:2:1: YAML-fout: hier ontbreekt een waarde" in capsys.readouterr().err
