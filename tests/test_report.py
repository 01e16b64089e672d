"""The session report: calibration on hand-coded conversations, norms files, output."""

from __future__ import annotations

import json
import string
from collections.abc import Iterable
from pathlib import Path

import pytest

from gesprekscoach.analysis.analyser import Segment, TurnAnalysis
from gesprekscoach.codebook import primary
from gesprekscoach.conversation.arc import Arc
from gesprekscoach.errors import UserError
from gesprekscoach.model import Exchange
from gesprekscoach.output.markdown import report_markdown
from gesprekscoach.scoring.norms import PITFALLS, RULES, load_norms
from gesprekscoach.scoring.report import Report, build, load_texts, to_dict


def coded(text: str, *moves: tuple[str, str], fase: str | None = None,
          comp: str | None = None) -> TurnAnalysis:
    """A turn coded by hand: ``moves`` are (segment text, move) pairs in order."""
    segments, at = [], 0
    for part, move in moves:
        start = text.index(part, at)
        segments.append(Segment(part, start, start + len(part), move, part, "handmatig"))
        at = start + len(part)
    codes = frozenset(move for _, move in moves)
    return TurnAnalysis(text, tuple(segments), codes, primary(codes), fase, comp)


def one(text: str, move: str, fase: str | None = None, comp: str | None = None) -> TurnAnalysis:
    return coded(text, (text, move), fase=fase, comp=comp)


def converse(script: Iterable[tuple[TurnAnalysis, str, str | None]]) -> list[Exchange]:
    """Run coded turns through the arc the way a session does."""
    arc, exchanges = Arc(), []
    for analysis, reply, layer in script:
        step = arc.step(analysis.fase)
        arc.note_reply(layer)
        exchanges.append(Exchange(step.turn, analysis.text, analysis, reply, step.phase,
                                  step.sprong, None, layer))
    return exchanges


STORY = ("Vorige week moest ik ineens alleen bij meneer De Vries, want mijn begeleider "
         "was ziek. Hij wilde niet eten en werd boos op mij. Ik wist eerst niet wat ik "
         "moest doen, maar toen ben ik gewoon naast hem gaan zitten en heb ik rustig "
         "met hem gepraat over zijn kleinzoon.")

GOOD = [
    (coded("Hoi Sanne, fijn dat je er bent. Waar wil je het vandaag over hebben?",
           ("Hoi Sanne, fijn dat je er bent.", "overig"),
           ("Waar wil je het vandaag over hebben?", "open_vraag"), fase="opening"),
     "Over mijn stage, denk ik. Het was een drukke week en er gebeurde best veel op de "
     "afdeling.", None),
    (one("Vertel eens over een moment van deze week dat je is bijgebleven.", "open_vraag",
         "terugkijken"), STORY, "terugkijken"),
    (one("Alleen bij meneer De Vries? Hoe was dat voor je?", "doorvraag",
         "verbreden_verdiepen", "motieven"),
     "Eerst vond ik het echt eng, ik dacht dat ik het fout zou doen. Maar na afloop was ik "
     "eigenlijk heel trots, want hij at toch zijn bord leeg en hij bedankte me.",
     "verbreden_verdiepen"),
    (coded("Dus eerst eng en daarna trots. Wat maakte dat je trots was?",
           ("Dus eerst eng en daarna trots.", "samenvatting"),
           ("Wat maakte dat je trots was?", "doorvraag"),
           fase="verbreden_verdiepen", comp="capaciteiten"),
     "Dat ik het zelf had opgelost. Niemand vertelde me wat ik moest doen, ik heb gewoon "
     "gekeken wat hij nodig had en dat werkte. Dat had ik niet van mezelf verwacht.", None),
    (one("Wanneer heb je dat vaker gehad, dat je het zelf oploste?", "doorvraag",
         "verbreden_verdiepen", "capaciteiten"),
     "Bij mijn bijbaan in de supermarkt ook wel. Als er een klant boos was, bleef ik rustig "
     "en dan ging het meestal goed. Mijn teamleider zei dat ik dat goed kon.", None),
    (one("Het klinkt alsof zelf iets oplossen je energie geeft.", "samenvatting",
         "verbreden_verdiepen", "motieven"),
     "Ja, precies. Als ik alleen maar moet doen wat iemand zegt, vind ik het saai. Ik wil "
     "zelf kunnen kijken wat er nodig is.", None),
    (one("Wat zou je daarmee willen in je volgende stage?", "open_vraag", "vooruitkijken",
         "werkexploratie"),
     "Ik zou graag een stage willen waar ik meer verantwoordelijkheid krijg, misschien in de "
     "thuiszorg, daar ben je vaak alleen bij een cliënt.", "vooruitkijken"),
    (one("Je zoekt dus een plek waar je zelf verantwoordelijkheid krijgt.", "samenvatting",
         "vooruitkijken", "werkexploratie"),
     "Ja. En waar ze me wel helpen als ik vastloop, want alleen is ook spannend.", None),
    (one("Wat wordt je eerste stap?", "open_vraag", "in_beweging_zetten", "loopbaansturing"),
     "Ik wil met mijn praktijkopleider praten over een stage in de thuiszorg, en vragen of "
     "ik een dag mee mag lopen met een wijkverpleegkundige.", "in_beweging_zetten"),
    (one("Wie kan je daarbij nog meer helpen?", "doorvraag", "in_beweging_zetten",
         "netwerken"),
     "Mijn tante werkt in de thuiszorg, die kan ik ook bellen. Ze vraagt al tijden wanneer "
     "ik een keer mee kom.", None),
    (one("Dus je belt je tante en je spreekt maandag je praktijkopleider.", "samenvatting",
         "in_beweging_zetten", "loopbaansturing"),
     "Ja, dat ga ik doen. Maandag heb ik toch een gesprek met haar.", None),
    (one("Wat neem je mee uit dit gesprek?", "open_vraag", "afsluiting"),
     "Dat ik beter ben in zelf dingen oplossen dan ik dacht, en dat ik dat ook wil laten zien "
     "in mijn volgende stage.", None),
]

HI = one("Hoi Sanne, hoe gaat het met je stage?", "open_vraag", "opening")

ADVISER = [
    (HI, "Gaat wel. Het was druk.", None),
    (one("Je moet gewoon je begeleider bellen.", "advies", None, "netwerken"),
     "Ja, misschien.", None),
    (one("Maak een planning voor volgende week.", "advies", None, "loopbaansturing"),
     "Oké.", None),
    (one("Ik zou het gewoon aan je praktijkopleider vragen.", "advies", None, "netwerken"),
     "Dat zegt mijn moeder ook al.", None),
    (one("Heb je er al aan gedacht om een andere stage te zoeken?", "suggestieve_vraag", None,
         "loopbaansturing"), "Nee.", None),
    (one("Probeer eens wat vaker om hulp te vragen.", "advies", None, "netwerken"),
     "Ja.", None),
    (one("Het is slim om een lijstje te maken van wat je leuk vindt.", "advies", None,
         "motieven"), "Misschien.", None),
]

INFORMER = [
    (HI, "Gaat wel.", None),
    (one("De stage duurt twintig weken.", "informeren"), "Oké.", None),
    (one("In jaar drie kies je een uitstroomrichting.", "informeren", None, "loopbaansturing"),
     "Oké.", None),
    (one("Er zijn veel vacatures in de zorg.", "informeren", None, "werkexploratie"),
     "Oké.", None),
    (one("Toen ik jouw leeftijd had, wist ik dat ook niet.", "informeren"), "Oké.", None),
    (one("Je portfolio moet voor de kerst af zijn.", "informeren"), "Oké.", None),
    (one("De praktijkopleider beoordeelt je aan het eind.", "informeren"), "Oké.", None),
]

CLOSED = [
    (one("Vond je je stage leuk?", "gesloten_vraag", "terugkijken", "motieven"), "Ja.", None),
    (one("Was het druk?", "gesloten_vraag", "terugkijken"), "Best wel.", None),
    (one("Vond je dat moeilijk?", "gesloten_vraag", "verbreden_verdiepen", "capaciteiten"),
     "Soms.", None),
    (one("Ben je daar goed in?", "gesloten_vraag", "verbreden_verdiepen", "capaciteiten"),
     "Weet niet.", None),
    (one("Wil je dat later ook doen?", "gesloten_vraag", "vooruitkijken", "werkexploratie"),
     "Misschien.", None),
    (one("Ga je dat aan je praktijkopleider vragen?", "gesloten_vraag", "in_beweging_zetten",
         "netwerken"), "Ja.", None),
    (one("Heb je verder nog vragen?", "gesloten_vraag", "afsluiting"), "Nee.", None),
]

JUMPER = [
    (one("Wat wil je later worden?", "open_vraag", "vooruitkijken", "loopbaansturing"),
     "Weet ik niet.", None),
    (one("Wat zou je na je diploma willen doen?", "open_vraag", "vooruitkijken",
         "loopbaansturing"), "Weet ik niet, werken denk ik.", None),
    (one("Welk werk past bij jou?", "open_vraag", "vooruitkijken", "werkexploratie"),
     "Iets in de zorg misschien.", None),
    (one("Wat ga je doen om daar te komen?", "open_vraag", "in_beweging_zetten",
         "loopbaansturing"), "Weet ik niet.", None),
    (one("Wie kan je daarbij helpen?", "open_vraag", "in_beweging_zetten", "netwerken"),
     "Mijn mentor misschien.", None),
    (one("Wanneer ga je dat doen?", "open_vraag", "in_beweging_zetten", "loopbaansturing"),
     "Volgende week of zo.", None),
]

STACKER = [
    (coded("Hoe ging je stage en wat vond je ervan?",
           ("Hoe ging je stage", "open_vraag"), ("wat vond je ervan?", "meervoudige_vraag"),
           fase="terugkijken"), "Goed, denk ik. Het was druk.", None),
    (one("Wat deed je toen, hoe voelde dat en wat zou je volgende keer doen?",
         "meervoudige_vraag", "verbreden_verdiepen", "motieven"),
     "Ik deed gewoon mijn werk. Het voelde oké.", None),
    (one("Wat vond je leuk en wat vond je moeilijk?", "meervoudige_vraag",
         "verbreden_verdiepen", "motieven"), "Het werken met mensen.", None),
    (one("Wat kun je goed? Wat wil je nog leren?", "meervoudige_vraag",
         "verbreden_verdiepen", "capaciteiten"), "Praten met cliënten.", None),
    (one("Wat wil je later en hoe ga je dat aanpakken?", "meervoudige_vraag",
         "vooruitkijken", "loopbaansturing"), "Weet ik nog niet.", None),
    (one("Wie kan je helpen en wanneer vraag je het?", "meervoudige_vraag",
         "in_beweging_zetten", "netwerken"), "Mijn mentor.", None),
]

JUDGE = [
    (coded("Goed zo! Wat ging er nog meer goed?", ("Goed zo!", "oordeel"),
           ("Wat ging er nog meer goed?", "open_vraag"), comp="capaciteiten"),
     "Ik heb een cliënt geholpen met eten.", None),
    (one("Knap hoor.", "oordeel", None, "capaciteiten"), "Dank je.", None),
    (coded("Dat had je niet moeten doen. Waarom deed je dat?",
           ("Dat had je niet moeten doen.", "oordeel"), ("Waarom deed je dat?", "open_vraag")),
     "Ik wist niet wat anders.", None),
    (one("Ach, dat valt vast mee.", "oordeel"), "Misschien.", None),
    (one("Maak je geen zorgen.", "oordeel"), "Oké.", None),
    (coded("Super gedaan! Hoe vond je dat?", ("Super gedaan!", "oordeel"),
           ("Hoe vond je dat?", "open_vraag")), "Leuk.", None),
]

VALKUIL_SCRIPTS = {
    "adviseur": (ADVISER, "de adviseur"),
    "informeerder": (INFORMER, "de informeerder"),
    "gesloten_vragensteller": (CLOSED, "de gesloten-vragensteller"),
    "vooruitspringer": (JUMPER, "de vooruitspringer"),
    "stapelaar": (STACKER, "de stapelaar"),
    "oordelaar": (JUDGE, "de oordelaar"),
}


def rule(report: Report, key: str):
    return next(r for r in report.rules if r.rule == key)


# -- calibration --------------------------------------------------------------


def test_good_conversation_scores_at_least_80() -> None:
    report = build(converse(GOOD), scenario_doel="Sanne ontdekt wat ze zoekt in een stage.")
    assert report.score >= 80, [(r.rule, r.verdict) for r in report.rules]
    assert report.capped_by == ()
    assert report.arc.sprongen == ()
    assert report.arc.in_order == ("terugkijken", "verbreden_verdiepen", "vooruitkijken",
                                   "in_beweging_zetten")
    assert report.competences == ("capaciteiten", "motieven", "werkexploratie",
                                  "loopbaansturing", "netwerken")
    assert report.pitfalls == ()
    # Four summaries, but none while looking back: voldoende, every other rule goed.
    summaries = rule(report, "samenvatten")
    assert (summaries.value, summaries.verdict) == (4, "voldoende")
    assert "niet in terugkijken" in summaries.measured
    assert {r.verdict for r in report.rules if r is not summaries} == {"goed"}


@pytest.mark.parametrize("key", list(VALKUIL_SCRIPTS))
def test_one_trick_valkuil_scores_at_most_40_and_is_named(key: str) -> None:
    script, name = VALKUIL_SCRIPTS[key]
    report = build(converse(script))
    assert report.score <= 40, (report.uncapped, [(r.rule, r.verdict) for r in report.rules])
    found = {p.key: p for p in report.pitfalls}
    assert key in found
    pitfall = found[key]
    assert pitfall.name == name and pitfall.severe
    # a dominating valkuil lowers the score (a cap, or the deductions under it)
    assert name in report.capped_by or report.score < report.uncapped
    # The feedforward quotes the docent's own words from a turn it names.
    first = script[pitfall.turns[0] - 1][0]
    quoted = pitfall.feedforward[0]
    assert f"beurt {pitfall.turns[0]}" in quoted
    assert "Probeer in plaats daarvan" in quoted
    assert any(f'"{seg.text}' in quoted for seg in first.segments) or f'"{first.text}"' in quoted
    assert name in report_markdown(report).lower()


def test_adviser_feedforward_turns_advice_into_a_question() -> None:
    report = build(converse(ADVISER))
    adviser = next(p for p in report.pitfalls if p.key == "adviseur")
    assert adviser.turns == (2, 3, 4, 5, 6, 7)
    # The alternative quotes the docent and follows up on what the student had just said.
    assert adviser.feedforward[0] == (
        'Je zei in beurt 2: "Je moet gewoon je begeleider bellen." '
        'Probeer in plaats daarvan: "Je zei: ‘het was druk’. Kun je daar meer over vertellen?"'
    )
    assert rule(report, "niet_informeren_of_adviseren").verdict == "onvoldoende"
    # Advice about networking does not count as touching a competence.
    assert report.competences == ()


def test_stacker_is_offered_one_question_from_the_stack() -> None:
    report = build(converse(STACKER))
    stacker = next(p for p in report.pitfalls if p.key == "stapelaar")
    assert '"Hoe ging je stage?"' in stacker.feedforward[0]
    assert '"Wat deed je toen?"' in stacker.feedforward[1]


def test_judge_is_offered_the_question_without_the_judgement() -> None:
    report = build(converse(JUDGE))
    judge = next(p for p in report.pitfalls if p.key == "oordelaar")
    assert judge.feedforward[0] == (
        'Je zei in beurt 1: "Goed zo!" Probeer in plaats daarvan: "Wat ging er nog meer goed?"'
    )
    assert judge.feedforward[1].endswith('"Hoe kreeg je dat voor elkaar?"')


def test_jumper_sprong_is_reported_with_its_turn() -> None:
    report = build(converse(JUMPER))
    assert [(s.turn, s.source, s.dest) for s in report.arc.sprongen] == [
        (1, "opening", "vooruitkijken"), (4, "vooruitkijken", "in_beweging_zetten")]
    assert "beurt 1: van opening naar vooruitkijken" in rule(report, "boog").measured
    jumper = next(p for p in report.pitfalls if p.key == "vooruitspringer")
    assert jumper.turns == (1, 4)
    assert jumper.feedforward[0].endswith(
        '"Vertel eens over een moment op je stage dat je is bijgebleven."')


def test_one_slip_in_a_good_conversation_is_named_but_does_not_cap() -> None:
    slip = (one("Je moet gewoon je praktijkopleider bellen.", "advies", None, "netwerken"),
            "Ja, misschien.", None)
    script = GOOD[:9] + [slip] + GOOD[9:]
    report = build(converse(script))
    adviser = next(p for p in report.pitfalls if p.key == "adviseur")
    assert adviser.turns == (10,) and not adviser.severe
    assert report.capped_by == ()
    assert report.score >= 80
    assert rule(report, "niet_informeren_of_adviseren").verdict == "voldoende"


# -- edge cases ----------------------------------------------------------------


def test_conversation_without_questions() -> None:
    script = [
        (one("Hm-hm.", "aanmoediging"), "Nou, het was een rare week op stage.", None),
        (one("Ga door.", "aanmoediging"), "Ik moest alleen bij een cliënt.", "terugkijken"),
        (one("Dus je stond er alleen voor.", "samenvatting", "terugkijken"), "Ja.", None),
    ]
    report = build(converse(script))
    for key in ("open_vragen", "doorvragen"):
        score = rule(report, key)
        assert score.value is None and score.verdict == "onvoldoende" and score.points == 0
        assert score.measured == "Geen vragen gesteld"
    assert rule(report, "een_vraag_tegelijk").verdict == "goed"
    assert 0 <= report.score <= 100
    json.dumps(to_dict(report))


def test_empty_conversation() -> None:
    report = build([])
    assert report.score == 0 and report.turns == 0
    assert len(report.rules) == 9 and all(r.points == 0 for r in report.rules)
    assert report.arc.reached == () and report.pitfalls == ()
    text = report_markdown(report)
    assert "Cijfer: 0 / 100" in text and "Nog geen fase bereikt." in text
    assert json.loads(json.dumps(to_dict(report)))["cijfer"] == 0


def test_silent_student_does_not_divide_by_zero() -> None:
    report = build(converse([(one("...", "aanmoediging"), "", None)]))
    words = rule(report, "student_aan_het_woord")
    assert words.value is None and words.verdict == "onvoldoende"


def test_rules_are_in_codebook_order_and_all_templates_render() -> None:
    report = build(converse(GOOD))
    assert [r.rule for r in report.rules] == list(RULES)
    assert [r.number for r in report.rules] == list(range(1, 10))
    texts = load_texts()
    fields = {"waarde", "ontbreekt", "voorbeeld", "beurt", "citaat", "voorstel"}
    for section in ("regels", "valkuilen"):
        for entry in texts[section].values():
            for value in entry.values():
                if isinstance(value, str):
                    names = {f for _, f, _, _ in string.Formatter().parse(value) if f}
                    assert names <= fields, value
    assert set(texts["valkuilen"]) == set(PITFALLS)
    assert set(texts["regels"]) == set(RULES)


def test_summary_counts_for_the_phase_the_arc_is_in() -> None:
    back = (one("Dus je stond er ineens alleen voor.", "samenvatting", "terugkijken"),
            "Ja, helemaal alleen.", None)
    script = GOOD[:2] + [back] + GOOD[2:]
    assert rule(build(converse(script)), "samenvatten").verdict == "goed"
    # A summary coded without a phase counts for the phase the arc is in.
    summary = one("Je zoekt dus een plek waar je zelf verantwoordelijkheid krijgt.",
                  "samenvatting", None, "werkexploratie")
    assert script[8][0].text == summary.text
    script[8] = (summary, script[8][1], None)
    assert rule(build(converse(script)), "samenvatten").verdict == "goed"
    # Without the summary in in beweging zetten it is only voldoende.
    assert script[11][0].code == "samenvatting"
    script[11] = (one("Oké.", "aanmoediging"), script[11][1], None)
    summaries = rule(build(converse(script)), "samenvatten")
    assert summaries.verdict == "voldoende"
    assert "niet in in beweging zetten" in summaries.measured
    assert "Vat ook samen in de fase in beweging zetten" in summaries.feedforward


def test_output_formats() -> None:
    report = build(converse(JUDGE), scenario_doel="Sanne | oefent *keuzes*")
    data = to_dict(report)
    assert json.loads(json.dumps(data)) == data
    assert data["valkuilen"][0]["naam"] == "de oordelaar"
    assert data["begrensd_door"] == ["de oordelaar"]
    # the cap falls from 35 towards 10 the more the oordelaar takes the conversation
    assert 10 <= data["cijfer"] < 35 < data["cijfer_zonder_plafond"]
    assert len(data["regels"]) == 9
    text = report_markdown(report)
    assert text.startswith("# Gespreksrapport")
    assert "Sanne \\| oefent \\*keuzes\\*" in text
    assert "### De oordelaar (beurten 1, 2, 3, 4, 5 en 6) — beheerst het gesprek" in text
    assert "Zonder plafond was het" in text


# -- norms files ---------------------------------------------------------------


def test_default_norms_follow_the_gespreksmodel_table() -> None:
    norms = load_norms()
    assert norms.rules["open_vragen"].voldoende == 0.5
    assert norms.rules["open_vragen"].goed == 0.7
    assert norms.rules["doorvragen"].goed == 0.4
    assert norms.rules["student_aan_het_woord"].goed == 0.65
    assert norms.rules["boog"].goed == 4
    assert norms.rules["loopbaancompetenties"].voldoende == 2
    assert all(p.cap <= 40 for p in norms.pitfalls.values())


def test_custom_norms_file(tmp_path: Path) -> None:
    path = tmp_path / "strenger.yaml"
    path.write_text(
        "# Strenger voor de tweede trainingsdag\n"
        "regels:\n"
        "  doorvragen:\n"
        "    voldoende: 0.45\n"
        "    goed: 0.6\n"
        "valkuilen:\n"
        "  adviseur:\n"
        "    plafond: 10\n",
        encoding="utf-8",
    )
    norms = load_norms(path)
    assert norms.rules["doorvragen"].goed == 0.6
    assert norms.rules["open_vragen"].goed == 0.7  # untouched keys keep their default
    assert norms.source == str(path)
    good = build(converse(GOOD), norms)
    assert rule(good, "doorvragen").verdict == "onvoldoende"  # 4 of 11 questions
    assert build(converse(ADVISER), norms).score <= 10


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("regels:\n  doorvragen:\n    goed: veel\n", 3, 11,
         "'regels.doorvragen.goed' moet een getal"),
        ("regels:\n  open_vragen:\n    goed: 70\n", 3, 11, "tussen 0 en 1"),
        ("regels:\n  doorvrage:\n    goed: 0.5\n", 2, 3, "bedoel je 'doorvragen'?"),
        ("punten:\n  naar_rato: 1\n", 2, 14, "true of false"),
        ("valkuilen:\n  adviseur:\n    plafond: 35.5\n", 3, 14, "geheel getal"),
        ("regels:\n  open_vragen:\n    goed: 0.4\n", 3, 11, "goed moet minstens zo streng"),
        ("regels: [1, 2]\n", 1, 9, "sleutels met waarden"),
        ("regels:\n  boog:\n    goed: 4\n   voldoende: 3\n", 4, 4, "YAML-fout: de inspringing"),
        ("# alleen commentaar\nregels:\n  boog:\n    gewicht: 1\n    gewicht: 2\n", 5, 5,
         "twee keer"),
    ],
)
def test_bad_norms_file_points_at_the_line(
    tmp_path: Path, text: str, line: int, column: int, fragment: str
) -> None:
    path = tmp_path / "normen.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_norms(path)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line, problem.column) == (str(path), line, column)
    assert fragment in problem.message
    assert str(problem).startswith(f"{path}:{line}:{column}: ")


def test_every_problem_in_a_norms_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "normen.yaml"
    path.write_text("regels:\n  boog:\n    goed: vier\nkleur: blauw\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_norms(path)
    assert [p.line for p in caught.value.problems] == [3, 4]


def test_missing_norms_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        load_norms(tmp_path / "weg.yaml")
    assert "bestaat niet" in caught.value.problems[0].message


@pytest.mark.parametrize("content", [b"\xff\xfeni\x00", b"normen: [\xe9]"])
def test_unreadable_norms_file_is_told_in_dutch(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "normen.yaml"
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        load_norms(path)
    message = str(caught.value)
    assert "codec" not in message and str(path) in message


def test_norms_folder_is_told_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        load_norms(tmp_path)
    assert "map" in caught.value.problems[0].message


def test_empty_norms_file_means_defaults(tmp_path: Path) -> None:
    path = tmp_path / "leeg.yaml"
    path.write_text("# niets aangepast\n", encoding="utf-8")
    assert load_norms(path).rules == load_norms().rules


def test_exploring_docent_with_a_silent_student_is_not_capped() -> None:
    # The docent follows the method, but the student never tells a story:
    # the move to the future is a sprong, yet no blind one.
    script = [(analysis, reply, None) for analysis, reply, _ in GOOD]
    report = build(converse(script))
    jumper = next(p for p in report.pitfalls if p.key == "vooruitspringer")
    assert jumper.turns == (7, 9) and not jumper.severe
    assert report.capped_by == ()
    assert rule(report, "boog").verdict == "onvoldoende"
    assert report.score >= 80


def test_one_exploring_turn_does_not_excuse_a_vooruitspringer() -> None:
    script = list(JUMPER)
    script[2] = (one("Wat vind je belangrijk in werk?", "open_vraag", "verbreden_verdiepen",
                     "motieven"), "Weet ik niet.", None)
    report = build(converse(script))
    jumper = next(p for p in report.pitfalls if p.key == "vooruitspringer")
    assert jumper.severe and report.score <= 40


def test_explored_turns_is_a_vooruitspringer_norm_only(tmp_path: Path) -> None:
    path = tmp_path / "normen.yaml"
    path.write_text("valkuilen:\n  vooruitspringer:\n    verkend_na_beurten: 3\n"
                    "  adviseur:\n    verkend_na_beurten: 3\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_norms(path)
    assert [(p.line, p.column) for p in caught.value.problems] == [(5, 5)]


def test_every_view_names_turns_alike() -> None:
    from gesprekscoach.scoring.report import turn_list

    assert turn_list([4]) == "beurt 4"
    assert turn_list([2, 5, 9]) == "beurten 2, 5 en 9"
