"""The student answers the kind of question asked (issue 13, user-test round three).

The conversations in ``tests/vraagsoorten/`` mark every docent turn with the
kind of answer it asks for; they are played against every shipped student
and each reply is judged by what a listener hears in it: a moment for
*wanneer*, a person for *wie*, one of the options for a choice, an episode
for *vertel over een keer*, a wish for the future, a reason for *wat maakte
het …*, a short yes or no for a closed question. Not knowing ("Weet ik nog
niet") fits every open kind; a line for any question fits none. The judge
below knows nothing of how the student chooses: it reads the reply only.

Also measured here: how many reply lines two or more students share (stock
lines belong to one student), and that the student claims to have said only
what they said.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

from gesprekscoach.conversation.scenario import shipped_scenarios
from gesprekscoach.conversation.scenario_check import load_scenario
from gesprekscoach.conversation.session import Session
from gesprekscoach.conversation.student import default_model

KINDS_DIR = Path(__file__).parent / "vraagsoorten"
SCENARIOS = {path.stem: load_scenario(path) for path in shipped_scenarios()}
SEEDS = (0, 1, 2)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")

#: Not knowing, shrugging or holding back: a reply to the question, not to any question.
NOT_KNOWING = re.compile(
    r"\bweet\b.*\bniet\b|\bweet niet\b|geen idee|\bnog niet\b|uitzoeken|liever niet|"
    r"\bweet ik veel\b|moeilijk (om )?te zeggen|lastig (om |uit )?te (zeggen|leggen)|nadenken|"
    r"waarom wilt u dat weten|gaat u niks aan|^(boh|mja|mwah|hm|gewoon|beetje)\W*$", re.IGNORECASE)
TIME = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "week",
        "weekend", "morgen", "vandaag", "vanavond", "straks", "meteen", "direct", "maand",
        "binnenkort", "volgende", "vakantie", "periode", "ochtend", "middag", "avond", "gauw",
        "snel", "pauze", "uur", "dag", "daarna", "eerst", "zometeen", "voor", "na", "januari",
        "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
        "november", "december", "meivakantie", "zomervakantie"}
PEOPLE = {"moeder", "vader", "mama", "papa", "ouders", "broer", "zus", "oma", "opa", "vriend",
          "vriendin", "vrienden", "collega", "collega's", "begeleider", "werkbegeleider",
          "praktijkopleider", "mentor", "docent", "leraar", "juf", "baas", "chef", "teamleider",
          "monteur", "klant", "cliënt", "bewoner", "iemand", "niemand", "u", "jij", "decaan",
          "loopbaanbegeleider", "coach", "stagebegeleider", "vrouw", "man", "team", "klasgenoot",
          "zij", "hij", "ze", "die", "alleen", "zelf", "huisarts", "leidinggevende"}
FEELING = {"fijn", "leuk", "rot", "vervelend", "eng", "spannend", "boos", "blij", "raar",
           "zenuwachtig", "balen", "baalde", "baal", "trots", "moe", "stom", "lastig", "moeilijk",
           "gek", "naar", "prettig", "goed", "slecht", "rustig", "onzeker", "bang", "schaamde",
           "stress", "gestrest", "opgelucht", "verdrietig", "chill", "lekker", "irritant",
           "frustrerend", "voelde", "voel", "gevoel", "schrok", "kut", "zwaar", "alleen", "dom",
           "druk", "saai", "klote", "kapot", "op", "zeker", "zekerder", "onrustig", "misselijk",
           "trilde", "huilen", "huilde", "paniek", "mooiste", "zin", "durfde", "leukst"}
REASON = {"omdat", "want", "doordat", "daardoor", "door", "dus", "komt", "kwam", "reden", "dan",
          "als", "anders", "zonder", "toen", "steeds", "altijd", "nooit", "niemand", "te", "denk"}
PAST = {"was", "waren", "had", "hadden", "ging", "kwam", "zei", "moest", "deed", "stond", "zag",
        "toen", "gisteren", "vorige", "laatst", "keer", "liet", "mocht", "kreeg", "vond", "wist",
        "zat", "heb", "hebben", "werd", "belde", "viel", "liep", "begon", "afgelopen", "vorig"}
FUTURE = {"wil", "willen", "later", "graag", "zou", "hoop", "worden", "word", "droom", "ooit",
          "misschien", "jaar", "jaren", "toekomst", "plan", "ga", "gaan", "liefst", "lijkt",
          "zie", "eigen", "kan", "kunnen", "wel"}
STEP = {"ga", "gaan", "wil", "kan", "kun", "vraag", "vragen", "eerst", "eerste", "stap", "probeer",
        "bellen", "bel", "mailen", "afspreken", "zal", "morgen", "maak", "zoek", "aanmelden", "meld"}
CLOSED_START = {"ja", "nee", "nou", "mwah", "soms", "wel", "niet", "hm", "eh", "klopt",
                "misschien", "best", "een", "jawel", "mja", "tuurlijk", "zeker", "oké", "denk",
                "weet", "gaat", "kan", "valt", "hmm", "mm", "boh", "tja", "nah", "echt"}
CHOICE_ANY = ("allebei", "beide", "geen van", "het eerste", "het tweede", "het laatste", "dat eerste",
              "dat laatste", "de eerste", "de tweede", "allemaal", "maakt niet uit")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def not_knowing(reply: str) -> bool:
    return bool(NOT_KNOWING.search(reply.strip()))


def fits(kind: str, question: str, reply: str) -> bool:
    """Whether ``reply`` answers a question of ``kind`` (see the module docstring)."""
    said = words(reply)
    if not said:
        return False
    found = set(said)
    if kind == "gesloten":
        return said[0] in CLOSED_START and len(said) <= 22
    if not_knowing(reply):
        return True
    if kind == "wanneer":
        return bool(found & TIME)
    if kind == "wie":
        names = {w for w in _WORD.findall(reply)[1:] if w[:1].isupper()}
        return bool(found & PEOPLE or names)
    if kind == "gevoel":
        return bool(found & FEELING)
    if kind == "reden":
        asked = {w for w in words(question) if len(w) > 4}
        return bool(found & REASON or found & FEELING or found & asked)
    if kind in ("gebeurtenis", "voorbeeld"):
        return bool(found & PAST) or reply.startswith(("Zoals ik", "Dat zei ik", "Ik zei het"))
    if kind == "toekomst":
        return bool(found & FUTURE)
    if kind == "stap":
        return bool(found & STEP)
    if kind == "keuze":
        options = question.split(":", 1)[-1] if ":" in question else question.split(",", 1)[-1]
        asked = {w for w in words(options) if len(w) > 3 and w not in ("vind", "fijner", "liever")}
        low = " ".join(said)
        return bool(found & asked) or any(p in low for p in CHOICE_ANY)
    raise ValueError(kind)


def conversations() -> dict[str, list[tuple[str, str]]]:
    out = {}
    for path in sorted(KINDS_DIR.glob("*.txt")):
        turns = []
        for line in path.read_text("utf-8").splitlines():
            if "|" in line and not line.startswith("#"):
                kind, turn = (part.strip() for part in line.split("|", 1))
                turns.append((kind, turn))
        out[path.stem] = turns
    return out


@cache
def played(scenario_id: str, name: str, seed: int) -> Session:
    session = Session(SCENARIOS[scenario_id], seed=seed)
    for _, turn in conversations()[name]:
        session.say(turn)
    return session


def judged() -> list[tuple[str, str, str, str, bool]]:
    """Per judged reply: scenario, kind, question, reply, whether it fits."""
    out = []
    for sid in sorted(SCENARIOS):
        for name, turns in conversations().items():
            for seed in SEEDS:
                for (kind, question), ex in zip(turns, played(sid, name, seed).exchanges):
                    if kind != "open":
                        out.append((sid, kind, question, ex.student, fits(kind, question, ex.student)))
    return out


def shared_lines() -> dict[str, set[str]]:
    """Every student sentence of three words or more said by two or more students."""
    by_line: dict[str, set[str]] = defaultdict(set)
    for sid in SCENARIOS:
        for name in conversations():
            for seed in SEEDS:
                for ex in played(sid, name, seed).exchanges:
                    for part in _SENTENCE.split(ex.student):
                        if len(part.split()) >= 3:
                            by_line[part.strip()].add(sid)
    return {line: who for line, who in by_line.items() if len(who) > 1}


def in_kind_from_the_scenario(line: str) -> bool:
    """A line that fills a ``vraagsoorten`` template with the student's own day, person or
    option ("Dinsdag, denk ik."): two students may answer a question alike that way."""
    for templates in default_model().kind_replies.values():
        for template in templates:
            if "{" in template:
                pattern = re.escape(template)
                pattern = re.sub(r"\\\{\w+\\\}", ".+", pattern)
                if re.fullmatch(pattern, line, re.IGNORECASE):
                    return True
    return False


#: The share of fitting replies on these conversations: 70.8 % before this round,
#: 91.2 % after (scripts/bench_student_fit.py); a drop below this fails.
FIT_AT_LEAST = 0.88
#: Not knowing and holding back fit any question, so they may not take over:
#: 10 % before, 22 % after (a reserved student says it more often).
NOT_KNOWING_AT_MOST = 0.25


def test_the_judge_tells_a_fitting_reply_from_a_stock_line() -> None:
    assert fits("wanneer", "Op welke dag ga je dat doen?", "Vrijdag, denk ik.")
    assert not fits("wanneer", "Op welke dag ga je dat doen?", "En ik moet het tegen mijn vader zeggen.")
    assert fits("wie", "Wie kan je helpen?", "Mijn mentor misschien.")
    assert not fits("wie", "Wie kan je helpen?", "Onderwijsassistent lijkt me wat.")
    assert fits("keuze", "Welke past beter: de zorg of de bouw?", "De bouw, eigenlijk.")
    assert not fits("keuze", "Welke past beter: de zorg of de bouw?", "Wat wel lukt: ik werk precies.")
    assert fits("gesloten", "Was het leuk?", "Nee, niet echt.")
    assert not fits("gesloten", "Was het leuk?", "Klopt het dat we het over school hebben, of over thuis?"
                    " Ik weet niet goed wat u wilt horen van mij, eerlijk gezegd, meneer.")
    assert fits("gebeurtenis", "Wat gebeurde er?", "Toen zei mijn baas dat ik weg moest.")
    assert not fits("gebeurtenis", "Wat gebeurde er?", "Klopt.")


def test_most_replies_fit_the_kind_of_question() -> None:
    results = judged()
    share = sum(r[-1] for r in results) / len(results)
    misses = [r[:4] for r in results if not r[-1]][:15]
    assert share >= FIT_AT_LEAST, (round(share, 3), misses)
    evasive = sum(not_knowing(r[3]) for r in results) / len(results)
    assert evasive <= NOT_KNOWING_AT_MOST, round(evasive, 3)
    content = sum(r[-1] and not not_knowing(r[3]) for r in results) / len(results)
    assert content >= 0.66, round(content, 3)  # 60.9 % before: answers with content rose too


def test_no_two_students_share_a_stock_line() -> None:
    """Only answers filled from the student's own scenario may be alike."""
    stock = {line: who for line, who in shared_lines().items() if not in_kind_from_the_scenario(line)}
    assert not stock, stock


def test_the_student_claims_to_have_said_only_what_they_said() -> None:
    claims = re.compile(r"^(Zoals ik (al )?zei|Dat zei ik net al|Ik zei het al|Nou, zoals ik zei)[:,]? (.+)$")
    for sid in SCENARIOS:
        for name in conversations():
            for seed in SEEDS:
                session = played(sid, name, seed)
                for index, ex in enumerate(session.exchanges):
                    found = claims.match(ex.student)
                    if found:
                        earlier = " ".join(e.student for e in session.exchanges[:index]).lower()
                        assert found.group(3).rstrip(".").lower() in earlier, (sid, name, ex.student)
