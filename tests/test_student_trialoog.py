"""The trialoog: a third party in the scenario, the chat, transcripts, the store and the report."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from cli_helpers import run_cli as run
from cli_helpers import write
from textual.widgets import Input

from gesprekscoach.conversation.scenario import scenarios_dir
from gesprekscoach.conversation.scenario_check import check_scenario, load_scenario
from gesprekscoach.conversation.session import Session, read_transcript
from gesprekscoach.conversation.third_party import about_student, addresses
from gesprekscoach.scoring.report import report_on
from gesprekscoach.storage.recording import Recorder
from gesprekscoach.storage.records import exchange_from_dict, exchange_to_dict
from gesprekscoach.storage.store import Store
from gesprekscoach.tui.app import make_app
from gesprekscoach.tui.screens.chat import ChatScreen
from gesprekscoach.tui.widgets.chat_message import ChatMessage

BRAM = scenarios_dir() / "bram-bbl-garage-trialoog.yaml"
LOTTE = scenarios_dir() / "lotte-ouder-trialoog.yaml"


def test_spoken_to_the_third_party_answers_and_the_student_keeps_quiet() -> None:
    session = Session(load_scenario(BRAM), seed=0)
    session.say("Hoi Bram, hoi Henk. Bram, wat is je de afgelopen weken bijgebleven op je werk?")
    to_henk = session.say("Henk, wat heeft u gezien bij die APK?")
    assert to_henk.student == "" and to_henk.third_party
    assert to_henk.third_party in load_scenario(BRAM).third_party.lines["aangesproken"]
    back = session.say("Wat vind jij daar zelf van, Bram?")
    assert back.student, "brought back to the student, the student answers"


@pytest.mark.parametrize(("turn", "to_third"), [
    # From the end, the first sentence that speaks to someone decides.
    ("Dat snap ik, met z'n drieën is het spannend. Henk, wat zag jij die dag gebeuren?", True),
    ("Henk, heb jij Bram weleens met een storing bezig gezien? Wat deed hij toen?", True),
    ("Dus jij gaat in maart kijken. Henk, hoe zou u daarbij willen zijn?", True),
    ("Dank je, Henk. Wat vind jij daar zelf van?", False),
    ("Henk, jij ziet een harde werker. Bram, wat past het best bij jou?", False),
])
def test_who_is_spoken_to_is_decided_from_the_end_of_the_turn(turn: str, to_third: bool) -> None:
    assert addresses(turn, load_scenario(BRAM).third_party, "Bram") is to_third


@pytest.mark.parametrize(("scenario", "turn", "kind"), [
    (BRAM, "Henk, wat heb je nodig om dat mogelijk te maken?", "meedenken"),
    (BRAM, "Henk, Bram wil meekijken met de diagnose. Hoe zou dat in de werkplaats kunnen?",
     "meedenken"),
    (LOTTE, "Ingrid, wat hoort u Lotte nu zeggen?", "reageert"),
    (LOTTE, "Mevrouw, herkent u dat van thuis?", "reageert"),
    (BRAM, "Henk, wat heeft u gezien bij die APK?", "aangesproken"),
])
def test_the_third_party_answers_the_kind_of_question_asked(scenario: Path, turn: str,
                                                            kind: str) -> None:
    """Asked to help with a step, or what they make of the student's words, the other adult
    answers that, not with what they see at work."""
    session = Session(load_scenario(scenario), seed=0)
    session.say("Welkom allebei. Waar wil je het vandaag over hebben?")
    answered = session.say(turn)
    assert answered.student == ""
    assert answered.third_party in load_scenario(scenario).third_party.lines[kind]


def test_the_third_party_sometimes_speaks_unasked_and_never_twice_the_same() -> None:
    session = Session(load_scenario(LOTTE), seed=0)
    for turn in ["Hoi Lotte. Wat heb je op je stage meegemaakt?", "Wat gebeurde er toen?",
                 "Je moet gewoon Verzorgende IG kiezen.", "Wat ga je doen?", "Was het leuk?",
                 "Je moet beter je best doen.", "Hoe voelde dat?", "Is dat zo?"]:
        session.say(turn)
    lines = [ex.third_party for ex in session.exchanges if ex.third_party]
    assert lines, "Ingrid zegt ongevraagd iets"
    assert len(set(lines)) == len(lines)


def test_talking_about_the_student_is_told_apart_from_asking_what_was_seen() -> None:
    third = load_scenario(BRAM).third_party
    assert about_student("Hoe vindt u dat hij het doet?", "Bram", third)
    assert about_student("Henk, doet Bram goed mee?", "Bram", third)
    assert not about_student("Henk, wat heeft u gezien bij die APK?", "Bram", third)
    assert not about_student("Wat vind jij daar zelf van, Bram?", "Bram", third)
    assert not addresses("Hoe reageert je moeder daarop?", load_scenario(LOTTE).third_party)


def test_the_report_names_talking_about_the_student(tmp_path: Path) -> None:
    session = Session(load_scenario(BRAM), seed=0)
    for turn in ["Hoi Henk. Hoe vindt u dat hij het doet?", "Wat vindt u van zijn houding?",
                 "Vraagt hij genoeg, denkt u?", "Wat zou u hem aanraden?"]:
        session.say(turn)
    report = report_on(session)
    (found,) = [p for p in report.pitfalls if p.key == "over_de_student"]
    assert found.severe and found.turns == (1, 2, 3, 4)
    assert "Wat heeft u hem of haar zien doen?" in " ".join(found.feedforward)
    plain = Session(load_scenario(scenarios_dir() / "sanne-zorg-incident.yaml"), seed=0)
    plain.say("Hoe vindt u dat ze het doet?")  # nobody else in the room: no such valkuil
    assert "over_de_student" not in {p.key for p in report_on(plain).pitfalls}


TRANSCRIPT = """\
D: Hoi Bram, hoi Henk. Bram, hoe gaat het in de garage?
S: Goed wel. Vorige week ging er iets mis bij een APK.
P: Hij was de remleiding vergeten, maar dat hebben we opgelost.
D: Henk, hoe vindt u dat hij het doet?
Praktijkopleider: Prima, hoor. Harde werker.
D: Bram, wat vind jij daar zelf van?
S: Ik had eerder moeten vragen.
O: (niet aanwezig)
"""


def test_a_transcript_keeps_the_third_speaker_apart(tmp_path: Path) -> None:
    path = write(tmp_path, "trialoog.txt", TRANSCRIPT)
    session, _ = read_transcript(str(path))
    docent = [ex.docent for ex in session.exchanges]
    assert docent == ["Hoi Bram, hoi Henk. Bram, hoe gaat het in de garage?",
                      "Henk, hoe vindt u dat hij het doet?", "Bram, wat vind jij daar zelf van?"]
    assert [ex.third_party for ex in session.exchanges] == [
        "Hij was de remleiding vergeten, maar dat hebben we opgelost.",
        "Prima, hoor. Harde werker.", "(niet aanwezig)"]
    assert [ex.student for ex in session.exchanges] == [
        "Goed wel. Vorige week ging er iets mis bij een APK.", "", "Ik had eerder moeten vragen."]
    assert "over_de_student" in {p.key for p in report_on(session).pitfalls}


def test_the_store_keeps_the_third_party_and_old_exchanges_still_load(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        recorded = Recorder.start(store, load_scenario(BRAM), docent="M")
        recorded.session.say("Hoi Bram. Wat is je bijgebleven op je werk?")
        recorded.session.say("Henk, wat heeft u gezien?")
        recorded.finish()
        stored = store.load(recorded.id)
        assert stored.exchanges[1].third_party == recorded.session.exchanges[1].third_party != ""
    data = exchange_to_dict(recorded.session.exchanges[1])
    assert exchange_from_dict(data) == recorded.session.exchanges[1]
    old = dict(exchange_to_dict(recorded.session.exchanges[0]))
    old.pop("derde", None)  # written before issue 13
    assert exchange_from_dict(old).third_party == ""


def test_controleer_points_at_mistakes_in_derde_and_feiten(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    text = BRAM.read_text("utf-8")
    text = text.replace("  rol: praktijkopleider", "  rol: monteur")
    text = text.replace("    aangesproken:", "    aangesprooken:")
    text = text.replace("  - id: dagen\n", "  - id: reizen\n")
    path = write(tmp_path, "fout.yaml", text)
    code, out, err = run(capsys, "controleer", path)
    assert code == 2
    lines = text.split("\n")
    for needle, message in [("rol: monteur", "onbekende rol 'monteur'"),
                            ("aangesprooken:", "bedoelde je 'aangesproken'"),
                            ("  - id: reizen", "feit-id 'reizen' komt twee keer voor")]:
        number = max(i for i, line in enumerate(lines, 1) if needle in line)
        assert f"fout.yaml:{number}:" in out + err and message in out + err, (needle, out + err)
    assert "Traceback" not in out + err
    assert check_scenario(BRAM).ok and check_scenario(LOTTE).ok


async def _open_chat(app, pilot) -> None:
    """Enter in the picker once it is filled, until the chat with the scenario is open."""
    for _ in range(300):
        if isinstance(app.screen, ChatScreen):
            break
        if hasattr(app.screen, "loaded") and app.screen.loaded:
            await pilot.press("enter")
        await pilot.pause(0.01)
    assert isinstance(app.screen, ChatScreen)


def test_the_chat_shows_three_voices() -> None:
    async def scenario() -> None:
        app = make_app([str(BRAM)], shipped=False, warm_up=False, docent="d", record=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_chat(app, pilot)
            for text in ("Hoi Bram, wat is je bijgebleven op je werk?", "Henk, wat heeft u gezien?"):
                app.screen.query_one("#input", Input).value = text
                await pilot.press("enter")
            roles = [m.role for m in app.screen.query(ChatMessage) if m.turn is not None]
            assert roles == ["docent", "student", "docent", "derde"]
            third = [m for m in app.screen.query(ChatMessage) if m.role == "derde"][0]
            assert third.speaker == "Henk · praktijkopleider"
    asyncio.run(scenario())


def test_talking_about_the_student_is_flagged_live() -> None:
    """A question to the other adult about the student is a valkuil of the trialoog: the
    exchange says so and the feedback panel warns, while a question to the student does not."""
    from gesprekscoach.conversation.scenario_check import load_scenario
    from gesprekscoach.conversation.session import Session
    from gesprekscoach.tui.widgets.feedback_view import FeedbackView

    session = Session(load_scenario(BRAM), seed=0)
    to_bram = session.say("Bram, wat wil jij vandaag bespreken?")
    about_bram = session.say("Henk, hoe vindt u dat Bram het doet in de werkplaats?")
    assert not to_bram.about_student and about_bram.about_student

    async def scenario() -> None:
        app = make_app([str(BRAM)], shipped=False, warm_up=False, docent="d", record=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await _open_chat(app, pilot)
            app.screen.query_one("#input", Input).value = "Henk, hoe vindt u dat hij het doet?"
            await pilot.press("enter")
            await pilot.pause(0.05)
            shown = str(app.screen.query_one(FeedbackView).render())
            assert "je praat óver Bram" in shown
            assert "✔" not in shown and "Goed doorgevraagd" not in shown   # no praise for it
    asyncio.run(scenario())


def test_the_report_names_talking_about_the_student_even_when_the_adult_says_nothing() -> None:
    from gesprekscoach.conversation.scenario_check import load_scenario
    from gesprekscoach.conversation.session import Session
    from gesprekscoach.scoring.report import report_on

    session = Session(load_scenario(BRAM), seed=0)
    for turn in ("henk, hoe doet bram het bij jullie in de garage", "Bram, wat vind jij daar zelf van?"):
        session.say(turn)
    assert "over_de_student" in [p.key for p in report_on(session).pitfalls]
