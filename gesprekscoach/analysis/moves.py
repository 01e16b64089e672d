"""The move each segment of a turn makes by the rules alone: question or
statement by its shape, then the codebook move by the rule pack's patterns.

``rule_segments`` codes a whole turn this way; :mod:`analyser` merges the
result and lets the trained layer recode it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gesprekscoach.analysis import words
from gesprekscoach.analysis.rulepack import RulePack, _normal, rules
from gesprekscoach.analysis.segments import _clauses, _spans
from gesprekscoach.model import Segment

_INTERJECTION = re.compile(
    r"^\s*(?:oké|oke|ok|okay|nou|ja|goed|hm+|tja|weet je( wat)?|weet u( wat)?|zie je|kijk|luister|joh)"
    r"\s*,\s*(?=\S)", re.IGNORECASE)


#: An echo is a few of the student's words before a question ("Alleen?", "Een lange
#: dienst."); with a subject and verb it is a summary of its own ("Je vond het eng.").
ECHO_WORDS = 4
ECHO_WORDS_WITHOUT_SUBJECT = 7
#: Who can be the subject of a sentence; without one, a few words are an echo.
_PERSONS = frozenset({"je", "jij", "u", "ik", "hij", "zij", "ze", "we", "wij", "jullie", "men"})
#: Moves found only by the shape of a sentence, not by a rule pattern: an echo of the
#: student's words ("Verbaasd.", "Een eigen salon…") can look like these.
IMPERATIVE_REASON = "gebiedende wijs: een opdracht"
CLAIM_REASON = "een bewering over school of werk, niet over de student"


# ---------------------------------------------------------------------------
# Classifying one segment


@dataclass(frozen=True, slots=True)
class _Move:
    move: str
    evidence: str
    reason: str


def _strip_introducers(toks: list[str], pack: RulePack) -> list[str]:
    index = 0
    while index < len(toks) - 1 and index < 3 and toks[index] in pack.introducers:
        index += 1
    return toks[index:]


def _is_imperative(word: str, pack: RulePack) -> bool:
    """A verb stem at the start of a sentence: 'Maak', 'Vraag', 'Zet'."""
    if word in pack.imperatives:
        return True
    if word in pack.not_verbs or not word.isalpha() or word.endswith(("en", "de", "te")):
        return False
    lemma = words.lemma(word)
    return lemma != word and lemma.endswith("en") and lemma[:2] == word[:2]


def _verb_first(toks: list[str], pack: RulePack) -> bool:
    """Verb + subject at the start: the word order of a yes/no question."""
    if len(toks) < 2 or toks[0] in pack.question_words or toks[0] in pack.not_verbs:
        return False
    if toks[1] not in pack.subjects:
        return False
    return _finite_verb(toks[0], pack)


def _finite_verb(word: str, pack: RulePack) -> bool:
    """A finite verb has an infinitive as lemma (stond → staan, vond → vinden);
    words like "even" or "in" are their own lemma."""
    if word in pack.imperatives:
        return True
    lemma = words.lemma(word)
    participle = word.startswith("ge") and not lemma.startswith("ge")  # gefeliciteerd, gedaan
    return word.isalpha() and lemma != word and lemma.endswith("n") and not participle


def _appreciative(text_tokens: list[str], pack: RulePack) -> bool:
    return any(t in pack.appreciative for t in text_tokens)


def _classify(
    segment: str,
    asked: bool,
    student: str,
    pack: RulePack,
) -> _Move:
    """The move of one segment. ``asked``: the segment ends with a question mark."""
    text = _normal(segment)
    if not text:
        return _Move("aanmoediging", segment.strip(), "stilte of alleen leestekens: ruimte voor de student")
    toks = list(words.lowered(text))
    if not toks:
        return _Move("aanmoediging", segment.strip(), "geen woorden: ruimte voor de student")
    core = _strip_introducers(toks, pack)
    p = pack.patterns

    for code, reason in (
        ("aanmoediging", "korte aanmoediging zonder inhoud"),
        ("overig", "begroeting, regelen of structureren"),
    ):
        found = p[code].first_match(text)
        if found:
            return _Move(code, found.group(), reason)
    info = p["informatievraag"].first_match(text)
    if info:
        return _Move("informeren", info.group(), "informatie in de vorm van een vraag")
    if not asked:
        found = p["uitroep"].first_match(text)
        if found:
            return _Move("oordeel", found.group(), "een uitroep met een oordeel")

    # "Direct alleen op de groep — hoe was dat?": the echo leads into the question.
    # "een zitting, wat maakte dat zo leuk": a short echo before a comma, too.
    echo = ""
    for dash in (" — ", " – ", " - ", ": ", ", "):
        head, _, tail = text.partition(dash) if dash == ", " else text.rpartition(dash)
        tail_core = _strip_introducers(list(words.lowered(tail)), pack)
        short = dash != ", " or (len(head.split()) <= ECHO_WORDS and not segment.rstrip().endswith("!"))
        asks = tail_core and (tail_core[0] in pack.question_words
                              or (dash == ", " and pack.patterns["verzoek"].first_match(" ".join(tail_core))))
        if head and short and asks:
            echo, text, core = head, tail, tail_core
            break

    if len(core) > 1 and core[0] in pack.prepositions and core[1] in pack.question_words:
        core = core[1:]  # "Bij wat voor bedrijf…", "Met wie…"
    starts_with_question_word = bool(core) and core[0] in pack.question_words
    request = p["verzoek"].first_match(" ".join(core))
    supposes = _supposes(core, pack)
    if supposes or (not asked and core[:1] and core[0] in ("als", "wanneer")):
        # "Stel dat je over twee jaar kon kiezen, wat zou je dan doen?": a supposition (or,
        # typed without "?", a condition) sets up the question after it.
        for comma in reversed([i for i, ch in enumerate(text) if ch == ","] if asked or not supposes else []):
            after = _strip_introducers(list(words.lowered(text[comma + 1:])), pack)
            if after and (after[0] in pack.question_words or asked and _verb_first(after, pack)):
                return _classify_question(text[comma + 1:].strip(), after, student, asked,
                                          _verb_first(after, pack), after[0] in pack.question_words,
                                          p["verzoek"].first_match(" ".join(after)), pack)
        if supposes:
            return _Move("overig", " ".join(core[:2]), SUPPOSITION_REASON)
    verb_first = _verb_first(core, pack)
    if verb_first and not asked and not _asks_without_mark(core, pack):
        verb_first = False  # "Vraag je praktijkopleider", "Maak een planning": an imperative
    if not asked and p["tag"].first_match(text) and len(core) > 2:
        asked = True  # "dat was op zaterdag toch": a tag question typed without "?"
    question = asked or starts_with_question_word or verb_first or bool(request)

    if question:
        move = _classify_question(text, core, student, asked, verb_first, starts_with_question_word, request, pack)
        if echo and move.move == "open_vraag" and _repeats(echo, student):
            # "veel gedaan, vertel eens": the echo is what makes it a follow-up.
            return _Move("doorvraag", echo, f"herhaalt de woorden van de student ({echo}) en vraagt door")
        return move
    return _classify_statement(text, core, student, pack)


#: Words that open a supposition: "Stel dat…", "Stel je voor dat…", "Veronderstel…".
_SUPPOSE = frozenset({"stel", "veronderstel", "gesteld"})
SUPPOSITION_REASON = "een veronderstelling die een vraag inleidt"


def _supposes(core: list[str], pack: RulePack) -> bool:
    """A supposition, not an order: "stel" with a clause ("stel dat…", "stel het is…",
    "stel je voor dat…"), not with an object ("stel een vraag")."""
    if len(core) < 3 or core[0] not in _SUPPOSE:
        return False
    if core[1] == "dat" or core[1:3] == ["je", "voor"]:
        return True
    return core[1] in pack.subjects and core[1] not in ("de", "een", "jouw", "mijn") and _finite_verb(core[2], pack)


def _restates(text: str, student: str) -> bool:
    """Whether most content words of ``text`` come from the student's turn."""
    content = words.content_words(text)
    return bool(content) and len(words.shared(text, student)) >= RESTATEMENT_SHARE * len(content)


def _repeats(echo: str, student: str) -> bool:
    """Whether ``echo`` repeats the student: every word of it was said, or a content word."""
    said = set(words.lowered(_normal(student)))
    mine = list(words.lowered(_normal(echo)))
    return bool(mine) and (set(mine) <= said or bool(words.shared(echo, student)))


def _classify_question(
    text: str,
    core: list[str],
    student: str,
    asked: bool,
    verb_first: bool,
    starts_with_question_word: bool,
    request: re.Match[str] | None,
    pack: RulePack,
) -> _Move:
    p = pack.patterns
    joined = " ".join(core)
    found = p["advies_aankondiging"].first_match(joined)
    if found:  # "Weet je wat je moet doen?": the question announces an advice
        return _Move("advies", found.group(), "kondigt een advies aan")
    found = p["suggestieve_vraag"].first_match(text)
    if found:
        return _Move("suggestieve_vraag", found.group(), "de vraag draagt een antwoord of oplossing in zich")
    found = p["advies_als_vraag"].first_match(text)
    if found and not starts_with_question_word:
        return _Move("suggestieve_vraag", found.group(), "advies in de vorm van een vraag")

    tag = p["tag"].first_match(text)
    if tag and not starts_with_question_word and not verb_first:
        if p["samenvatting_inleiding"].first_match(text):  # "Als ik je goed hoor …, klopt dat?"
            return _Move("samenvatting", text, "weergave met een controlevraag")
        # "Daarvoor heb je een C-rijbewijs nodig, dat weet je toch?": information with a tag.
        body = text[:tag.start()]
        for key in ("voorwaarde", "informeren"):
            found = p[key].first_match(body)
            if found:
                return _Move("informeren", found.group(), "informatie met een vraagstaartje")
        if p["controle"].first_match(tag.group().strip(" ,")) and _declarative(core, pack):
            return _Move("samenvatting", text, "weergave met een controlevraag")
        if _appreciative(core, pack):
            return _Move("suggestieve_vraag", tag.group(), "een oordeel met een vraagstaartje")
        return _Move("gesloten_vraag", tag.group(), "een bewering met een vraagstaartje: ja of nee")
    if p["controle"].first_match(joined):
        return _Move("samenvatting", joined, "controle of de samenvatting klopt")

    if asked and not starts_with_question_word and not verb_first and not request and "," in text:
        # "Als je nu moest kiezen, ga je dan…?": the question follows the fronted clause.
        tail = _strip_introducers(list(words.lowered(text.split(",", 1)[1])), pack)
        if len(tail) > 1 and tail[0] in pack.prepositions and tail[1] in pack.question_words:
            tail = tail[1:]  # "Spannend, op welke manier?"
        if tail and (tail[0] in pack.question_words or _verb_first(tail, pack)):
            move = _classify_question(text.split(",", 1)[1].strip(), tail, student, asked,
                                      _verb_first(tail, pack), tail[0] in pack.question_words,
                                      None, pack)
            if move.move == "open_vraag" and words.shared(text, student):
                # The fronted words echo the student: the question follows up on them.
                return _open_or_follow_up(text, student, move.reason, pack)
            return move
    if not starts_with_question_word and not verb_first and not request:
        if p["doorvraag"].first_match(text):
            return _open_or_follow_up(text, student, "vervolgvraag", pack)
        # Declarative word order with a question mark: a restatement with rising intonation.
        if p["samenvatting"].first_match(text) or _declarative(core, pack):
            return _Move("samenvatting", text, "weergave met vragende intonatie")
        if core and core[0] in {"en", "maar"} and len(core) > 1:
            return _open_or_follow_up(text, student, "open vervolgvraag", pack)
        if words.shared(text, student):
            return _Move("samenvatting", text, "herhaling van de woorden van de student")
        return _Move("gesloten_vraag", text, "vraag zonder vraagwoord")

    closed = pack.closed_question_words.first_match(joined) or pack.closed_question_words.first_match(text)
    if closed:
        return _Move("gesloten_vraag", closed.group(), "vraagt om een getal, tijd of één woord")
    if request:
        return _open_or_follow_up(text, student, "verzoek om te vertellen", pack, request.group())
    if starts_with_question_word:
        return _open_or_follow_up(text, student, "open vraag met een vraagwoord", pack, core[0])
    return _Move("gesloten_vraag", " ".join(core[:2]), "werkwoord vooraan: een ja/nee-vraag")


def _asks(student: str, pack: RulePack) -> bool:
    """Whether the student's last sentence is a question ("moet ik dat zelf doen").

    Then a docent statement that reuses the student's words answers it: information."""
    spans = _spans(student, pack)
    if not spans:
        return False
    last = student[spans[-1][0]:spans[-1][1]]
    toks = _strip_introducers(list(words.lowered(_normal(last))), pack)
    return last.rstrip().endswith("?") or bool(toks) and (
        toks[0] in pack.question_words or (len(toks) > 1 and toks[1] == "ik" and _finite_verb(toks[0], pack)))


def _asks_without_mark(core: list[str], pack: RulePack) -> bool:
    """Verb first without a question mark still asks when a pronoun subject follows
    ("ga je dat nog doen", "is het druk"), not when "je" is a possessive ("bel je oom")."""
    if core[1] not in {"je", "jij", "u"}:
        return core[1] in pack.subjects and not _is_imperative(core[0], pack)
    if pack.patterns["beleefd_verzoek"].first_match(" ".join(core)):
        return False  # "Wilt u zich voortaan even afmelden.": a request, not a question
    if words.lemma(core[0]) in pack.question_verbs:
        return True
    return len(core) == 2 or core[2] in pack.question_after_je and not _is_imperative(core[0], pack)


_YOU = frozenset({"je", "jij", "jou", "jouw", "u", "jezelf", "uw"})
_SPEAKER = frozenset({"ik", "we", "wij", "mij", "me", "ons", "mijn"})
#: A statement of this many words about neither the student nor the speaker is a
#: claim about the world: information ("De opdracht moet vrijdag binnen zijn").
MIN_CLAIM_WORDS = 5

#: Share of a statement's content words that must come from the student for it to
#: count as a restatement even when it looks like information.
RESTATEMENT_SHARE = 0.5


def _declarative(core: list[str], pack: RulePack) -> bool:
    """Subject first, as in a statement: 'Je vond het eng', 'Dus je…'."""
    if not core:
        return False
    first = core[0]
    if first in {"dus", "kortom", "oftewel"}:
        return True
    return first in {"je", "jij", "u", "jouw", "jullie"} and len(core) > 1


def _open_or_follow_up(
    text: str, student: str, reason: str, pack: RulePack, evidence: str = ""
) -> _Move:
    """An open question is a doorvraag when it builds on the student's last turn."""
    p = pack.patterns
    generic = p["doorvraag"].first_match(text)
    if student.strip():
        taken = words.shared(text, student)
        if taken:
            said = ", ".join(dict.fromkeys(t.text for t in taken))
            return _Move("doorvraag", said, f"bouwt voort op de woorden van de student ({said})")
        if generic:
            return _Move("doorvraag", generic.group(), "vraagt door op wat de student net vertelde")
        refer = p["verwijzing"].first_match(text)
        if refer:
            return _Move("doorvraag", refer.group().strip(), "verwijst naar wat de student net vertelde")
    elif generic and len(text.split()) <= 8:
        return _Move("doorvraag", generic.group(), "vraagt door op het verhaal")
    return _Move("open_vraag", evidence or text.split(" ")[0], reason)


def _classify_statement(text: str, core: list[str], student: str, pack: RulePack) -> _Move:
    p = pack.patterns
    if core[:1] == ["dus"] and _restates(text, student):
        # "Dus je moet vrijdag je verslag inleveren.": the student's own must, given back.
        return _Move("samenvatting", "dus", "vat samen wat de student zei")
    for code, key, reason in (
        ("samenvatting", "samenvatting_inleiding", "vat samen wat de student zei"),
        ("informeren", "voorwaarde", "geeft informatie over een regel of voorwaarde"),
        ("advies", "advies", "zegt de student wat te doen"),
        ("advies", "beleefd_verzoek", "een verzoek zonder vraagteken: zegt de student wat te doen"),
        ("informeren", "eigen_verhaal", "het eigen verhaal van de docent"),
        ("oordeel", "oordeel", "een oordeel of geruststelling"),
        ("samenvatting", "samenvatting", "vat samen wat de student zei"),
    ):
        found = p[key].first_match(text)
        if found and not (key == "voorwaarde" and _restates(text, student)):   # the student's own words
            return _Move(code, found.group(), reason)
    if core and _is_imperative(core[0], pack) and not (len(core) > 1 and core[1] in {"ik", "we", "wij"}):
        return _Move("advies", " ".join(core[:2]), IMPERATIVE_REASON)
    found = p["suggestieve_mededeling"].first_match(text)
    if found and not p["samenvatting"].first_match(text):
        return _Move("suggestieve_vraag", found.group(), "een bewering die het antwoord oplegt")
    taken = words.shared(text, student)
    speaker = any(t in _SPEAKER for t in core)  # "toen ik…": the docent's own story
    answering = _asks(student, pack)  # words taken up in an answer are no restatement
    if _restates(text, student) and not speaker and not answering:
        said = ", ".join(dict.fromkeys(t.text for t in taken))
        return _Move("samenvatting", said, f"herhaalt de woorden van de student ({said})")
    found = p["informeren"].first_match(text)
    if found:
        return _Move("informeren", found.group(), "geeft informatie of het eigen verhaal")
    addressed = any(t in _YOU for t in core)
    if taken and addressed and not answering:
        said = ", ".join(dict.fromkeys(t.text for t in taken))
        return _Move("samenvatting", said, f"herhaalt de woorden van de student ({said})")
    if not addressed and not any(t in _SPEAKER for t in core) and len(core) >= MIN_CLAIM_WORDS:
        return _Move("informeren", text, CLAIM_REASON)
    return _Move("overig", text, "geen gespreksinterventie")


# ---------------------------------------------------------------------------
# A turn by the rules alone


def rule_segments(text: str, student: str, context: str, pack: RulePack | None = None) -> list[Segment]:
    """The segments of a turn as the rules alone code them, before echoes and
    questions are merged: what the trained layer reads and may recode."""
    pack = pack or rules()
    raw: list[Segment] = []
    spans = _spans(text, pack)
    # A lone hesitation ("Eh...") before a real sentence is no move of its own.
    spans = [sp for sp in spans if _normal(text[sp[0]:sp[1]])] or spans
    for start, end in _clauses(text, spans):
        piece = text[start:end]
        interjection = _INTERJECTION.match(piece)
        body = piece[interjection.end():] if interjection else piece
        move = _classify(body, body.rstrip().endswith("?"), student, pack)
        if move.move == "samenvatting" and not student.strip() and context.strip():
            move = _classify(body, body.rstrip().endswith("?"), context, pack)
        raw.append(Segment(piece, start, end, move.move, move.evidence, move.reason))
    if not raw:
        raw.append(Segment(text, 0, len(text), "aanmoediging", text.strip(), "stilte: ruimte voor de student"))
    return raw
