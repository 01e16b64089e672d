"""Spoken docent language (Analyser 2, round four): the pieces of one question, room
given, praise without a verb, reassurance, an own story, a quoted student, and what a
real student's reply tells the arc. Each is a construction, tried on new sentences."""

from __future__ import annotations

import pytest

from gesprekscoach.analysis.analyser import analyse, analyse_with
from gesprekscoach.analysis.told import told_phase

ONE_QUESTION = [
    # A false start the docent abandons.
    ("Ja.", "Hoe heb je, eh... wat deed je toen de klant boos werd?"),
    ("Ja.", "En wat maakte, ehm, waardoor koos je juist die opleiding?"),
    # A request for the story before the question.
    ("Ik heb een vakantiebaan.", "Vertel eens. Wat doe je daar op een dag?"),
    # A short specification or extension after the question.
    ("Ik twijfel.", "Waar twijfel je het meest over? Op school?"),
    ("Ik mis mijn team.", "Heb je dat al tegen je mentor gezegd? Of tegen je teamleider?"),
    # A clause that goes on with the question before it.
    ("Ik kwam vaak te laat.", "Had dat met de reistijd te maken, denk je? Dat de bus zo vroeg gaat?"),
    # A spoken repair withdraws what came before.
    ("Het ging wel.", "Was het druk? Of nee, laat ik het anders vragen: wat ging er goed?"),
    # A check with a tag before the real question.
    ("", "Jij zit nu in het tweede jaar, toch? Hoe bevalt het?"),
]


@pytest.mark.parametrize(("student", "docent"), ONE_QUESTION)
def test_pieces_of_one_question_are_no_meervoudige_vraag(student: str, docent: str) -> None:
    assert "meervoudige_vraag" not in analyse_with(None, docent, student).codes
    assert analyse(docent, student).code != "meervoudige_vraag"


@pytest.mark.parametrize("docent", [
    "Wat deed je daar? En hoe reageerde je collega?",
    "Hoe ging het gesprek en wat zei je leidinggevende?",
])
def test_different_questions_still_are(docent: str) -> None:
    assert analyse_with(None, docent, "Ja.").code == "meervoudige_vraag"


CONSTRUCTIONS = [
    # Giving room is no order.
    ("Geen idee.", "Neem gerust je tijd, hoor.", "aanmoediging"),
    ("Weet ik niet.", "Yusuf, neem rustig de tijd.", "aanmoediging"),
    # Praise without a verb, also when it echoes the student's word.
    ("Ik wil een planning maken.", "Goed plan. Wanneer begin je eraan?", "oordeel"),
    ("Ik heb de offerte afgemaakt.", "Mooi werk, meid.", "oordeel"),
    # A bare verb as an order.
    ("Misschien kan ik het vragen.", "Gewoon doen!", "advies"),
    # Reassurance about what is to come.
    ("Ik ben gezakt voor mijn theorie.", "Ach, dat haal je de volgende keer vast wel.", "oordeel"),
    # Reproach in a counterfactual: "had je … moeten".
    ("Ik heb niks gezegd.", "Dan had je dat wel even moeten melden.", "oordeel"),
    # Praise of what the student does.
    ("Het gaat best.", "Maar je doet het echt heel goed, hoor.", "oordeel"),
    # The docent's own family story is information.
    ("Ik wil een tussenjaar.", "Ja, dat heeft mijn zoon ook gedaan.", "informeren"),
    # Naming the load is a summary; "laat maar" withdraws the docent's own question.
    ("Mijn moeder is ziek en ik werk twintig uur.", "Dat klinkt als heel veel tegelijk.", "samenvatting"),
    # A welcome to two, and the room itself.
    ("", "Fijn dat jullie er allebei zijn. Waar zullen we beginnen?", "open_vraag"),
    ("", "Je jas mag daar hoor.", "overig"),
    # Asking for an example is asking for the story.
    ("Ik ben best precies.", "Noem eens een voorbeeld daarvan.", "doorvraag"),
    # A word of blame in a restatement the student did not say is the docent's judgement.
    ("Ik ben vaak te laat.", "Je hebt ook wel domme dingen gedaan.", "oordeel"),
    # One word back with a question mark gives room; asking leave to ask structures.
    ("Nee.", "Nee?", "aanmoediging"),
    ("", "Mag ik je iets vragen?", "overig"),
    # Confidence as reassurance, and doubt in a yes/no question with "nou wel".
    ("Ik zie op tegen mijn examen.", "Je kunt het echt.", "oordeel"),
    ("Ik wil stoppen met de opleiding.", "Moet je dat nou wel doen?", "suggestieve_vraag"),
    # Thanks with a vocative and a clause stay a courtesy; showing you heard gives room.
    ("Ik vond het eng om te zeggen.", "Dank je wel Noor, dat je dat zo vertelde.", "overig"),
    ("Het was een zware week.", "Dat begrijp ik.", "aanmoediging"),
    ("Ik weet het even niet.", "Neem er rustig de tijd voor.", "aanmoediging"),
    # A condition-like sentence made of the student's own words is a restatement.
    ("Op zaterdag nooit, dan is het te druk.", "Op zaterdag heb je dat nooit.", "samenvatting"),
    # Handing the word to the student in a trialoog structures; it is no advice.
    ("Ze wil eigenlijk iets anders.", "Ik zou graag eerst Mila zelf horen.", "overig"),
    # The student's own judging words said back are a summary; "Gelukkig…" is the docent's.
    ("Ik werk heel netjes en ik wil snappen hoe motoren werken.",
     "Netjes werken en snappen hoe motoren werken.", "samenvatting"),
    ("Ik deed het goed.", "Goed zo!", "oordeel"),
    ("Ik stond alleen.", "Gelukkig is er niemand gewond geraakt.", "oordeel"),
    ("Eh, moeilijk.", "Neem rustig de tijd, het hoeft niet in één keer.", "aanmoediging"),
    # A condition before a question typed without "?" still asks.
    ("Ik wil iets met techniek.", "als je straks klaar bent, wat voor werk zoek je dan", "open_vraag"),
    # "Jij moet" orders like "je moet"; "het wordt vanzelf beter" reassures.
    ("Ik vind het zwaar.", "Jij moet gewoon volhouden.", "advies"),
    ("Ik vind het zwaar.", "Ach, het wordt vanzelf makkelijker.", "oordeel"),
    # Praise with a noun: "dat is echt een talent".
    ("Ik kan goed met kinderen.", "Dat is echt een talent van je.", "oordeel"),
    # A solution inside "heb je al aan … gedacht" or "nagedacht om".
    ("Ik zoek een bijbaan.", "Heb je al aan de supermarkt om de hoek gedacht?", "suggestieve_vraag"),
    ("Ik weet niet wat ik wil.", "Heb je er wel eens over nagedacht om de zorg in te gaan?", "suggestieve_vraag"),
]


@pytest.mark.parametrize(("student", "docent", "code"), CONSTRUCTIONS)
def test_spoken_constructions(student: str, docent: str, code: str) -> None:
    assert analyse_with(None, docent, student).code == code


def test_praise_before_a_clause_is_a_move_of_its_own() -> None:
    found = analyse_with(None, "Knap werk meid, dat had ik zelf ook zo gedaan.", "Ik heb de kast zelf gebouwd.")
    assert "oordeel" in found.codes
    assert "oordeel" not in analyse_with(None, "Goed, dan gaan we verder.", "Ja.").codes


def test_laat_maar_withdraws_the_docents_own_question() -> None:
    assert "advies" not in analyse_with(None, "Oké, laat maar. Wat wil je zelf?", "Ja.").codes


def test_a_restatement_in_the_students_own_words_stays_a_summary() -> None:
    found = analyse_with(None, "Je had die bestelling verkeerd ingevoerd. Hoe ging dat?",
                         "Ik had de bestelling verkeerd ingevoerd.")
    assert "oordeel" not in found.codes
    # How it went, in the docent's words, is still the student's story ("verkeerd gezaagd").
    paraphrase = analyse_with(None, "Je hebt het rooster verkeerd gelezen. Wat gebeurde er toen?",
                              "Ik stond op de verkeerde dag ingepland.")
    assert "oordeel" not in paraphrase.codes
    assert "oordeel" not in analyse_with(None, "Heb je er al over nagedacht?", "Ja.").codes


def test_quoting_the_student_makes_the_question_a_follow_up() -> None:
    found = analyse_with(None, "Je zei net: ik wil niet achter een bureau. Wat trekt je aan buiten?",
                         "Ik wil niet achter een bureau.")
    assert "samenvatting" in found.codes and found.code == "doorvraag"


def test_in_a_trialoog_the_other_adults_words_can_be_taken_up() -> None:
    said = "Op de werkvloer hebben we vooral mensen nodig die zelfstandig klussen afmaken."
    turn = "Anouk, je begeleider zegt dat ze vooral zelfstandige mensen nodig hebben. Wat vind jij daarvan?"
    assert analyse(turn, said).code in ("doorvraag", "open_vraag")


TOLD = [
    # An experience: the past tense tells what happened, also with a feeling in it.
    ("Gisteren stond ik alleen op de afdeling. Echt eng.", "terugkijken"),
    ("Ging helemaal mis met die bestelling.", "terugkijken"),
    # How it was felt is meaning.
    ("Ik vond het eigenlijk best spannend.", "verbreden_verdiepen"),
    ("Ik ben gewoon iemand die altijd alles dubbel checkt.", "verbreden_verdiepen"),
    # A wish and a step.
    ("Iets in de beveiliging lijkt me wel wat.", "vooruitkijken"),
    ("Maandag vraag ik het aan mijn werkbegeleider.", "in_beweging_zetten"),
    ("Eerst even mijn mentor mailen.", "in_beweging_zetten"),
    # Nothing told.
    ("Weet ik niet.", None),
    ("Waarom wilt u dat weten?", None),
]


@pytest.mark.parametrize(("reply", "fase"), TOLD)
def test_what_a_real_students_reply_tells(reply: str, fase: str | None) -> None:
    assert told_phase(reply) == fase
