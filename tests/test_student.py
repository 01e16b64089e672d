"""The simulated student: reacts like a person, deterministically, and never fails."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gesprekscoach.analysis.analyser import TurnAnalysis, analyse
from gesprekscoach.analysis.words import tokens
from gesprekscoach.codebook import CODES, FASEN
from gesprekscoach.conversation.scenario import LAYER_PHASES, Scenario, default_scenario_path, shipped_scenarios
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.student import FUTURE, REACTIONS, Reply, Student, default_model

FIXTURE = Path(__file__).parent / "fixtures" / "student_test.yaml"
MODEL = default_model()


def turn(text: str, code: str, fase: str | None = None, competentie: str | None = None,
         taken_up: tuple[str, ...] = ()) -> TurnAnalysis:
    """A hand-made analysis, so these tests do not depend on the analyser."""
    return TurnAnalysis(text=text, segments=(), codes=frozenset({code}), code=code, fase=fase,
                        competentie=competentie, taken_up=taken_up)


OPENING = turn("Waar wil je het vandaag over hebben?", "open_vraag", "opening")
FOLLOW_UP = turn("Wat gebeurde er toen?", "doorvraag", "terugkijken")
SILENCE = turn("", "aanmoediging")


@pytest.fixture
def scenario() -> Scenario:
    return load_scenario(FIXTURE)


def with_openness(scenario: Scenario, openness: float) -> Scenario:
    return dataclasses.replace(scenario, openness=openness)


def say(student: Student, analysis: TurnAnalysis, phase: str = "terugkijken",
        reflected: bool = False) -> Reply:
    return student.reply(analysis, phase=phase, reflected=reflected)


def test_the_first_open_question_brings_out_the_small_story(scenario):
    reply = say(Student(scenario), OPENING, phase="opening")
    assert (reply.reaction, reply.layer, reply.fase, reply.depth) == ("laag", "verhaal", "terugkijken", 1)
    assert reply.competentie == "werkexploratie"
    assert reply.text in scenario.layer("verhaal").texts
    assert reply.openness > scenario.openness


def test_a_closed_question_gets_a_short_answer(scenario):
    student = Student(scenario)
    reply = say(student, turn("Was het druk op je stage?", "gesloten_vraag", "terugkijken"))
    assert reply.reaction == "gesloten" and reply.layer is None
    assert len(tokens(reply.text)) <= MODEL.short_max_words + 3
    assert student.revealed == ()
    plain = say(student, turn("Heb je vandaag ontbeten?", "gesloten_vraag"))
    assert plain.text in MODEL.reactions["gesloten_vraag"]


def test_advice_gets_polite_compliance_or_resistance_and_closes_the_student(scenario):
    student = Student(scenario)
    say(student, OPENING, phase="opening")
    before = student.openness
    reply = say(student, turn("Je moet dat echt melden bij je begeleider.", "advies",
                              competentie="netwerken"))
    assert reply.reaction == "advies"
    assert reply.text in ("Ja, misschien.", "Dat zegt mijn moeder ook al.")
    assert reply.openness < before and student.openness == reply.openness


def test_information_gets_an_ok(scenario):
    reply = say(Student(scenario), turn("De stage duurt twintig weken.", "informeren"))
    assert reply.reaction == "informeren"
    assert "Oké" in reply.text or "oké" in reply.text


@pytest.mark.parametrize("fase", sorted(FUTURE))
def test_a_question_about_the_future_before_reflection_gets_weet_ik_niet(scenario, fase):
    student = Student(scenario)
    say(student, OPENING, phase="opening")
    reply = say(student, turn("Wat ga je hieraan doen in de toekomst?", "open_vraag", fase), phase=fase)
    assert reply.reaction == "te_vroeg" and reply.layer is None
    assert reply.text in MODEL.reactions["te_vroeg"]
    assert "wens" not in student.revealed


def test_after_reflection_the_future_can_be_talked_about(scenario):
    student = Student(scenario)
    say(student, OPENING, phase="opening")
    reply = say(student, turn("Hoe zie je je toekomst?", "open_vraag", "vooruitkijken"),
                phase="vooruitkijken", reflected=True)
    assert reply.layer == "wens"


def test_silence_lets_an_open_student_go_on_with_the_theme(scenario):
    student = Student(with_openness(scenario, 0.8))
    say(student, OPENING, phase="opening")
    reply = say(student, SILENCE)
    assert (reply.reaction, reply.layer) == ("laag", "schrik")
    # The deepest layer only on the third follow-up on its theme.
    assert say(student, turn("…", "overig")).layer is None
    assert say(student, SILENCE).layer == "schaamte"


def test_silence_with_a_closed_student_gets_little(scenario):
    student = Student(with_openness(scenario, 0.1))
    say(student, OPENING, phase="opening")
    reply = say(student, SILENCE)
    assert reply.reaction == "stilte" and reply.layer is None
    assert len(tokens(reply.text)) <= 4


def test_a_closed_student_tells_only_the_first_sentence(scenario):
    reply = say(Student(with_openness(scenario, 0.1)), OPENING, phase="opening")
    assert reply.layer == "verhaal"
    assert any(full.startswith(reply.text) and len(full) > len(reply.text)
               for full in scenario.layer("verhaal").texts)


def test_deeper_layers_come_out_only_after_follow_ups_on_the_theme(scenario):
    student = Student(with_openness(scenario, 0.7))
    say(student, OPENING, phase="opening")
    assert say(student, turn("Waar ben je goed in?", "open_vraag", "verbreden_verdiepen")).layer == "kwaliteit"
    # Now on another theme, an open question with the deep layer's words only gets a hint.
    off_theme = say(student, turn("Waar was je bang voor?", "open_vraag", "verbreden_verdiepen"))
    assert off_theme.layer is None and off_theme.reaction == "hint"
    assert say(student, FOLLOW_UP).layer == "schrik"
    student = Student(with_openness(scenario, 0.7))
    say(student, OPENING, phase="opening")
    first = say(student, FOLLOW_UP)
    assert first.layer == "schrik" and first.depth == 2
    # Depth 3 needs two follow-ups in a row: an open question in between breaks the chain.
    say(student, turn("Hoe is het verder op school?", "open_vraag", "terugkijken"))
    assert say(student, turn("Wat maakte dat je ging trillen?", "doorvraag", "verbreden_verdiepen",
                             taken_up=("trillen",))).layer != "schaamte"
    assert say(student, turn("Je durfde niks meer.", "samenvatting", "verbreden_verdiepen")).layer == "schaamte"


def test_a_deep_layer_needs_enough_openness(scenario):
    student = Student(with_openness(scenario, 0.05))
    say(student, OPENING, phase="opening")
    for _ in range(2):  # a reserved student: two follow-ups would do, but not this closed
        reply = say(student, FOLLOW_UP)
        assert reply.layer is None and reply.reaction in ("terughoudend", "herhaling")
    assert "schrik" not in student.revealed


def test_na_is_respected(scenario):
    # Make schaamte as shallow as schrik, so only its 'na: schrik' holds it back.
    layers = tuple(dataclasses.replace(l, depth=2) if l.id == "schaamte" else l for l in scenario.layers)
    student = Student(dataclasses.replace(scenario, layers=layers, openness=1.0))
    say(student, OPENING, phase="opening")
    ashamed = turn("Waar schaamde je je voor?", "doorvraag", "terugkijken", taken_up=("schamen",))
    assert say(student, ashamed).layer == "schrik"
    assert say(student, ashamed).layer == "schaamte"


@pytest.mark.parametrize("analysis", [
    turn("Wat vind je van voetbal?", "open_vraag"),
    turn("asdf qwerty", "overig"),
    turn("???", "xyz_onbekende_code"),
    turn("Wat vind je van voetbal?", "samenvatting", "afsluiting"),
    turn("Ja. Nee. Misschien.", "meervoudige_vraag", "in_beweging_zetten", "netwerken"),
])
def test_the_unforeseen_gets_a_natural_reply_never_an_error(scenario, analysis):
    student = Student(scenario)
    say(student, OPENING, phase="opening")
    reply = say(student, analysis, phase="verbreden_verdiepen", reflected=True)
    assert reply.text and reply.reaction in REACTIONS


def test_an_unforeseen_question_gets_hoe_bedoelt_u(scenario):
    student = Student(scenario)
    say(student, OPENING, phase="opening")
    reply = say(student, turn("Wat vind je van voetbal?", "open_vraag"), phase="verbreden_verdiepen")
    assert reply.reaction == "onvoorzien"
    assert reply.text in MODEL.reactions["onvoorzien"]


def test_a_concrete_student_asks_what_a_vague_question_means(scenario):
    student = Student(dataclasses.replace(scenario, concrete=True))
    say(student, OPENING, phase="opening")
    vague = say(student, turn("Wat betekende dat voor je?", "open_vraag", "verbreden_verdiepen"))
    assert vague.reaction == "vaag" and vague.text in MODEL.reactions["vaag"]
    concrete = say(student, turn("Wat deed die klant toen hij ging schreeuwen?", "doorvraag",
                                 "terugkijken", taken_up=("schreeuwen",)))
    assert concrete.layer == "schrik"


def conversation(scenario: Scenario, seed: int) -> list[Reply]:
    student = Student(scenario, seed=seed)
    turns = [OPENING, FOLLOW_UP, SILENCE, SILENCE,
             turn("Je moet het melden.", "advies"),
             turn("Wanneer ging het juist goed?", "open_vraag", "verbreden_verdiepen", "capaciteiten"),
             turn("Was het druk?", "gesloten_vraag"), SILENCE, SILENCE,
             turn("Hoe zie je de toekomst?", "open_vraag", "vooruitkijken"),
             turn("Wat is je eerste stap?", "open_vraag", "in_beweging_zetten")]
    phases = ["opening", "terugkijken", "terugkijken", "terugkijken", "terugkijken", "verbreden_verdiepen",
              "verbreden_verdiepen", "verbreden_verdiepen", "verbreden_verdiepen", "vooruitkijken",
              "in_beweging_zetten"]
    return [student.reply(t, phase=p, reflected=i >= 5) for i, (t, p) in enumerate(zip(turns, phases))]


def test_the_same_seed_gives_the_same_conversation(scenario):
    assert conversation(scenario, 7) == conversation(scenario, 7)
    replies = conversation(scenario, 7)
    assert [r.layer for r in replies if r.layer] == ["verhaal", "schrik", "schaamte", "kwaliteit", "wens", "stap"]


def test_different_seeds_vary_the_words_not_the_story(scenario):
    texts = {tuple(r.text for r in conversation(scenario, seed)) for seed in range(6)}
    layers = {tuple(r.layer for r in conversation(scenario, seed)) for seed in range(6)}
    assert len(texts) > 1 and len(layers) == 1


@pytest.mark.parametrize("analysis", [
    turn("Je moet het melden.", "advies"),
    turn("Was het druk?", "gesloten_vraag"),
    SILENCE,
    turn("Wat vind je van voetbal?", "open_vraag"),
    FOLLOW_UP,
    turn("Wat ga je doen?", "open_vraag", "in_beweging_zetten"),
])
def test_no_reply_is_repeated_twice_in_a_row(scenario, analysis):
    for openness in (0.05, 0.9):
        student = Student(with_openness(scenario, openness), seed=3)
        previous = say(student, OPENING, phase="opening").text
        for _ in range(30):
            text = say(student, analysis).text
            assert text != previous
            previous = text


def test_a_mixed_conversation_of_thirty_turns_never_repeats_itself():
    student = Student(load_scenario(default_scenario_path()), seed=11)
    pool = [turn("Hoe gaat het?", "open_vraag", "opening"), FOLLOW_UP, SILENCE,
            turn("Je moet het melden.", "advies"), turn("Was het eng?", "gesloten_vraag"),
            turn("Oké.", "aanmoediging"), turn("Goed zo.", "oordeel")]
    previous = ""
    for number in range(30):
        reply = say(student, pool[number % len(pool)])
        assert reply.text != previous
        previous = reply.text


def test_undo_restores_the_state_before_the_last_reply(scenario):
    student = Student(scenario, seed=5)
    say(student, OPENING, phase="opening")
    before = (student.openness, student.revealed)
    first = say(student, FOLLOW_UP)
    assert student.revealed != before[1]
    student.undo()
    assert (student.openness, student.revealed) == before
    assert say(student, FOLLOW_UP) == first  # also the random choices are put back
    student.undo()
    student.undo()
    student.undo()  # more undos than replies: nothing happens
    assert student.revealed == () and student.openness == scenario.openness


# ---------------------------------------------------- shipped scenarios


def reach_everything(scenario: Scenario) -> Student:
    """A docent who follows up on every layer's own words, phase by phase."""
    student = Student(dataclasses.replace(scenario, openness=1.0))
    say(student, OPENING, phase="opening")
    for fase in LAYER_PHASES:
        for _ in range(len(scenario.layers) * 3):
            todo = [l for l in scenario.layers if l.fase == fase and l.id not in student.revealed
                    and (l.after is None or l.after in student.revealed)]
            if not todo:
                break
            layer = todo[0]
            say(student, turn(f"Wat bedoel je met {layer.words[0]}?", "doorvraag", fase,
                              taken_up=(layer.words[0],)), phase=fase, reflected=True)
    return student


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_layer_of_every_shipped_scenario_can_come_out(path: Path):
    scenario = load_scenario(path)
    student = reach_everything(scenario)
    assert set(student.revealed) == {l.id for l in scenario.layers}


# ------------------------------------------ with the real analyser


GOOD = [
    "Hoi Sanne, fijn dat je er bent. Waar wil je het vandaag over hebben?",
    "Wat gebeurde er toen?",
    "Hoe voelde dat voor je?",
    "Wat maakte dat je er wakker van lag?",
    "",
    "Wanneer ging het op je stage juist wel goed?",
    "Wat zie je dan bij mevrouw Jansen?",
    "Wat zou je graag willen leren?",
    "Wat is je eerste stap?",
    "Wanneer ga je dat doen?",
]
BAD = [
    "Hoi Sanne. Wat ga je doen om dit in de toekomst te voorkomen?",
    "Was het druk op je stage?",
    "Je moet dat soort dingen altijd meteen melden bij je begeleider.",
    "Heb je het aan Marloes verteld?",
    "Ach, dat valt vast mee. Maak je geen zorgen.",
    "Zou het niet slim zijn om een tillift te gebruiken?",
]


def play(lines: list[str], seed: int = 0) -> tuple[Student, list[Reply]]:
    """Play a scripted conversation; the phase follows the analysis, as simply as possible."""
    student = Student(load_scenario(default_scenario_path()), seed=seed)
    phase, previous, history, replies = "opening", "", [], []
    for line in lines:
        analysis = analyse(line, previous, history)
        phase = analysis.fase or phase
        told = [student.scenario.layer(i).fase for i in student.revealed]
        reflected = "terugkijken" in told and "verbreden_verdiepen" in told
        reply = student.reply(analysis, phase=phase, reflected=reflected)
        replies.append(reply)
        history.append(previous)
        previous = reply.text
    return student, replies


def test_a_good_scripted_conversation_reaches_deep_and_far():
    student, replies = play(GOOD)
    assert replies[0].layer == "incident"
    told = set(student.revealed)
    assert {"incident", "schrik", "mevrouw_jansen"} <= told
    assert any(student.scenario.layer(i).depth >= 2 for i in told)
    assert len(told & set(student.scenario.goal.layers)) >= 5
    assert student.openness > student.scenario.openness
    assert play(GOOD)[1] == replies


def test_a_bad_scripted_conversation_closes_the_student():
    student, replies = play(BAD)
    assert replies[0].reaction == "te_vroeg"
    assert student.openness < student.scenario.openness
    assert all(r.depth <= 1 for r in replies)


# ------------------------------------------------------------ properties

TEXTS = ["", "…", "Wat gebeurde er toen?", "Je moet dat melden.", "Was je bang?",
         "Wat ga je doen in de toekomst?", "Wat is je eerste stap?", "xyz", "Hoe voelde dat?"]
TURNS = st.builds(turn, st.sampled_from(TEXTS), st.sampled_from(CODES + ("onbekend",)),
                  st.sampled_from((None,) + FASEN), st.sampled_from((None, "motieven", "netwerken")))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(TURNS, st.sampled_from(FASEN), st.booleans()), min_size=1, max_size=25),
       st.integers(0, 3), st.floats(0, 1))
def test_any_conversation_gets_answers_without_errors_or_repeats(turns, seed, openness):
    scenario = dataclasses.replace(load_scenario(FIXTURE), openness=openness)
    student = Student(scenario, seed=seed)
    previous = ""
    for analysis, phase, reflected in turns:
        reply = student.reply(analysis, phase=phase, reflected=reflected)
        assert reply.text and reply.text != previous
        assert 0.0 <= reply.openness <= 1.0 and reply.reaction in REACTIONS
        assert (reply.layer is None) == (reply.depth == 0)
        previous = reply.text
    assert len(set(student.revealed)) == len(student.revealed)


# ------------------------------------------------------------ method fidelity


def test_a_summary_of_what_was_told_is_confirmed_not_retold(scenario):
    student = Student(with_openness(scenario, 1.0))
    say(student, OPENING, phase="opening")
    say(student, FOLLOW_UP)
    say(student, SILENCE)
    say(student, SILENCE)
    assert set(student.revealed) == {"verhaal", "schrik", "schaamte"}
    reply = say(student, turn("Dus je schrok van die klant op je stage.", "samenvatting",
                              "terugkijken"))
    assert reply.reaction == "samenvatting" and reply.layer is None
    assert reply.text in MODEL.reactions["samenvatting"]


def test_a_wish_is_reached_when_the_docent_goes_back_to_its_meaning(scenario):
    """Once the conversation looked ahead in order, "Wat maakt dat je dat later
    wilt?" (verbreden en verdiepen) still reaches the wish it asks about."""
    why = turn("Wat maakt dat je dat later wilt?", "open_vraag", "verbreden_verdiepen")
    student = Student(with_openness(scenario, 1.0))
    say(student, OPENING, phase="opening")
    say(student, turn("Heb je al plannen?", "gesloten_vraag", "vooruitkijken"),
        phase="vooruitkijken", reflected=True)
    assert say(student, why, phase="verbreden_verdiepen", reflected=True).layer == "wens"

    never_ahead = Student(with_openness(scenario, 1.0))
    say(never_ahead, OPENING, phase="opening")
    assert say(never_ahead, why, phase="verbreden_verdiepen", reflected=True).layer != "wens"
