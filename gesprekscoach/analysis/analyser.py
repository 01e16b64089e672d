"""Codes a docent's turn against the codebook: moves, phase, competence, tips.

Pure: no UI and no I/O beyond reading the rule pack once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib.resources import files
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

import yaml

from gesprekscoach.analysis import words
from gesprekscoach.analysis.classifier import AnalysisModel, LinearModel, model
from gesprekscoach.analysis.explain import evidence, explain
from gesprekscoach.analysis.grammar import clause_breaks
from gesprekscoach.analysis.features import construction, segment_features, turn_features
from gesprekscoach.codebook import COMPETENTIES, FASEN, PHASELESS, VIOLATIONS, primary
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.analysis.patterns import PatternSet, Scanner
from gesprekscoach.yamlnodes import syntax_message


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence or clause of a turn and the move it makes."""

    text: str
    start: int
    end: int
    move: str
    evidence: str
    reason: str


@dataclass(frozen=True)
class TurnAnalysis:
    """What a docent's turn does, by the codebook."""

    text: str
    segments: tuple[Segment, ...]
    codes: frozenset[str]
    code: str
    fase: str | None
    competentie: str | None
    tips: tuple[str, ...] = ()
    #: Words of the student's previous turn that the docent took up.
    taken_up: tuple[str, ...] = field(default=())

    @property
    def is_violation(self) -> bool:
        return self.code in VIOLATIONS

    @property
    def evidence(self) -> str:
        """The words that show the primary move."""
        return next((s.evidence for s in self.segments if s.move == self.code), "")

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready view in the codebook's field names."""
        return {
            "docent": self.text,
            "codes": sorted(self.codes),
            "code": self.code,
            "fase": self.fase,
            "competentie": self.competentie,
            "segmenten": [
                {"tekst": s.text, "begin": s.start, "eind": s.end, "code": s.move,
                 "bewijs": s.evidence, "reden": s.reason}
                for s in self.segments
            ],
            "overgenomen": list(self.taken_up),
            "tips": list(self.tips),
        }


# ---------------------------------------------------------------------------
# The rule pack


@dataclass(frozen=True)
class CueTable:
    """Weighted cues for each phase or competence: the patterns in one set, and
    for each pattern whose row it is and what it weighs."""

    patterns: PatternSet
    cues: tuple[tuple[str, float], ...]

    @classmethod
    def from_yaml(cls, table: Mapping[str, Mapping[str, float]], scanner: Scanner) -> CueTable:
        rows = [(name, pattern, float(weight))
                for name, cues in table.items() for pattern, weight in (cues or {}).items()]
        return cls(PatternSet((p for _, p, _ in rows), scanner),
                   tuple((name, weight) for name, _, weight in rows))


_HAS_U = re.compile(r"\b(?:u|uw|zich)\b")


@dataclass(frozen=True)
class RulePack:
    """The Dutch rule pack (``data/regels.yaml``), compiled once."""

    question_words: frozenset[str]
    prepositions: frozenset[str]
    introducers: frozenset[str]
    question_verbs: frozenset[str]
    closed_question_words: PatternSet
    subjects: frozenset[str]
    question_after_je: frozenset[str]
    imperatives: frozenset[str]
    not_verbs: frozenset[str]
    appreciative: frozenset[str]
    patterns: dict[str, PatternSet]
    phases: CueTable
    student_phases: CueTable
    student_weight: dict[str, float]
    phase_order: tuple[str, ...]
    competences: CueTable
    competence_threshold: float
    phase_competence: dict[str, dict[str, float]]
    no_competence: PatternSet
    event_questions: PatternSet
    informal: dict[str, str]
    greetings: tuple[str, ...]
    tips: dict[str, str]
    #: Every pattern of the pack with the section it stands in, in file order.
    sources: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_yaml(cls, text: str, path: str = "regels.yaml") -> RulePack:
        """The compiled pack; a trainer's mistake in it is a UserError naming the line."""
        try:
            # libyaml's loader when PyYAML has it: the pack is large and read at every start.
            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise UserError(Problem(syntax_message(error), path, mark.line + 1 if mark else None)) from None
        try:
            return cls._compile(data)
        except re.error as error:
            line = text[:max(text.find(error.pattern), 0)].count("\n") + 1 if error.pattern else None
            raise UserError(Problem(
                f"dit patroon is geen geldige reguliere expressie ({error.msg}); "
                "herstel het of zet er # voor", path, line)) from None
        except KeyError as error:
            raise UserError(Problem(
                f"de sleutel {error} ontbreekt; neem hem over uit het meegeleverde regelpakket", path)) from None
        except (AttributeError, TypeError, ValueError) as error:
            raise UserError(Problem(
                f"het regelpakket heeft niet de verwachte vorm ({error}); vergelijk het met het "
                "meegeleverde bestand", path)) from None

    @classmethod
    def _compile(cls, data: dict) -> RulePack:
        lists = [data["gesloten_vraagwoorden"], *data["patronen"].values(), data["geen_competentie"],
                 data.get("gebeurtenisvragen", ())]
        tables = [data["fasen"], data["fasen_student"], data["competenties"]]
        # One scanner for the whole pack: a turn is scanned once, not once per pattern list.
        scanner = Scanner.for_patterns(chain(*lists, *(row or () for t in tables for row in t.values())))

        def compiled(sources: Iterable[str]) -> PatternSet:
            return PatternSet(sources, scanner)

        return cls(
            question_words=frozenset(data["vraagwoorden"]),
            prepositions=frozenset(data["voorzetsels"]),
            introducers=frozenset(data["inleiders"]),
            question_verbs=frozenset(data["vraagwerkwoorden"]),
            closed_question_words=compiled(data["gesloten_vraagwoorden"]),
            subjects=frozenset(data["onderwerpen"]),
            question_after_je=frozenset(data["vraagwoorden_na_je"]),
            imperatives=frozenset(data["gebiedende_wijs"]),
            not_verbs=frozenset(data["geen_werkwoord"]),
            appreciative=frozenset(data["waarderende_woorden"]),
            patterns={code: compiled(ps) for code, ps in data["patronen"].items()},
            phases=CueTable.from_yaml(data["fasen"], scanner),
            student_phases=CueTable.from_yaml(data["fasen_student"], scanner),
            student_weight={k: float(v) for k, v in data["studentbeurt"].items()},
            phase_order=tuple(data["fasevolgorde"]),
            competences=CueTable.from_yaml(data["competenties"], scanner),
            competence_threshold=float(data["competentiedrempel"]),
            phase_competence={k: {c: float(w) for c, w in v.items()} for k, v in data["fase_competentie"].items()},
            no_competence=compiled(data["geen_competentie"]),
            event_questions=compiled(data.get("gebeurtenisvragen", ())),
            informal={str(k): str(v) for k, v in data.get("u_vorm", {}).items()},
            greetings=tuple(str(w) for w in data.get("begroetingen", ())),
            tips={k: " ".join(str(v).split()) for k, v in data["tips"].items()},
            sources=tuple(
                [("gesloten_vraagwoorden", p) for p in data["gesloten_vraagwoorden"]]
                + [(f"patronen.{code}", p) for code, ps in data["patronen"].items() for p in ps]
                + [("geen_competentie", p) for p in data["geen_competentie"]]
                + [("gebeurtenisvragen", p) for p in data.get("gebeurtenisvragen", ())]
                + [(f"{key}.{row}", p) for key in ("fasen", "fasen_student", "competenties")
                   for row, cues in data[key].items() for p in (cues or {})]),
        )

    @cached_property
    def greeting(self) -> re.Pattern[str]:
        """A greeting and a name before a comma: "Hoi Sanne, …"."""
        names = "|".join(map(re.escape, self.greetings)) or "(?!)"
        return re.compile(rf"^\s*((?:{names})(?:\s+[^\W\d_]+)?)\s*,\s*(?=\S)", re.IGNORECASE)

    @cached_property
    def _formal(self) -> re.Pattern[str] | None:
        forms = sorted(self.informal, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b") if forms else None

    def plain(self, text: str) -> str:
        """The normal form with "u" read as "je": one set of cues serves both."""
        text = _normal(text)
        if self._formal is None or not _HAS_U.search(text):
            return text
        return self._formal.sub(lambda m: self.informal[m.group()], text)


@cache
def rules() -> RulePack:
    """The package's rule pack, read and compiled on first use."""
    source = files("gesprekscoach.data").joinpath("regels.yaml")
    return RulePack.from_yaml(source.read_text("utf-8"), str(source))


# ---------------------------------------------------------------------------
# Splitting a turn into segments

_SEGMENT = re.compile(r"[^.?!…;\n]+[.?!…;]*")
_INTERJECTION = re.compile(
    r"^\s*(?:oké|oke|ok|okay|nou|ja|goed|hm+|tja|weet je( wat)?|weet u( wat)?|zie je|kijk|luister|joh)\s*,\s*(?=\S)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FILLER = re.compile(r"(?:^|(?<=[\s,.…]))(?:eh|ehm|uh|uhm|euh)(?:[\s,.…]+|$)")


@lru_cache(maxsize=4096)
def _normal(text: str) -> str:
    """Lower case, straight quotes, single spaces, no hesitations ("eh,"), no
    punctuation at the edges: the form every pattern is written against."""
    text = text.lower().replace("’", "'").replace("`", "'")
    text = _FILLER.sub(" ", _CONTROL.sub(" ", text))
    return _EDGE.sub("", _SPACES.sub(" ", text).strip())


def _spans(text: str, pack: RulePack) -> list[tuple[int, int]]:
    """Sentence-like spans of a turn; a leading greeting becomes a span of its own."""
    spans: list[tuple[int, int]] = []
    for match in _SEGMENT.finditer(text):
        start, end = match.span()
        chunk = text[start:end]
        if not chunk.strip().strip(".?!…;,-—–").strip():
            continue
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        greeting = pack.greeting.match(text, start, end) if not spans else None
        if greeting and greeting.end() < end:
            spans.append((start, start + len(greeting.group(1)) + (greeting.start(1) - start)))
            start = greeting.end()
        spans.append((start, end))
    return spans


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
        if found:
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
# Phase and competence


#: Cues of at least this weight name the focus of a turn and add up; lighter cues
#: are context (a workplace, a sector) and only the strongest of them counts.
FOCUS_WEIGHT = 3.0


def _score(table: CueTable, text: str, weight: float,
           into: dict[str, float], *, focus_only_adds: bool = False, context_counts: bool = True) -> None:
    """Add the weights of the cues found in ``text`` to ``into``.

    With ``focus_only_adds``, light cues (context) count only once, by the strongest;
    without ``context_counts`` they do not count at all.
    """
    if weight <= 0 or not text:
        return
    focus: dict[str, float] = {}
    context: dict[str, float] = {}
    for index in table.patterns.matching(text):
        name, points = table.cues[index]
        if points >= FOCUS_WEIGHT or not focus_only_adds:
            focus[name] = focus.get(name, 0.0) + points
        elif context_counts:
            context[name] = max(context.get(name, 0.0), points)
    for name in focus.keys() | context.keys():
        into[name] = into.get(name, 0.0) + (focus.get(name, 0.0) + context.get(name, 0.0)) * weight


def _best(scores: Mapping[str, float], order: Sequence[str]) -> str | None:
    if not scores:
        return None
    top = max(scores.values())
    if top <= 0:
        return None
    return next(name for name in order if scores.get(name, 0.0) == top)


#: A question whose own cues reach this score serves its phase clearly; the
#: student's previous turn then no longer counts.
CLEAR_PHASE = 4.0


def _phase(code: str, segments: Sequence[Segment], student: str, pack: RulePack) -> str | None:
    if code in PHASELESS:
        return None
    own = " ".join(pack.plain(s.text) for s in segments if s.move not in VIOLATIONS)
    scores: dict[str, float] = {}
    if code == "overig":
        _score(pack.phases, own, 1.0, scores)
        return _best({k: v for k, v in scores.items() if k in ("opening", "afsluiting") and v >= 2},
                     pack.phase_order)
    asked = " ".join(pack.plain(s.text) for s in segments if s.move == code)
    _score(pack.phases, asked or own, 1.0, scores)
    weight = pack.student_weight.get(code, 0.0)
    told = pack.plain(student)
    if weight and max(scores.values(), default=0.0) < CLEAR_PHASE:
        _score(pack.student_phases, told, weight, scores)
        _score(pack.phases, told, weight * 0.5, scores)
    best = _best(scores, pack.phase_order)
    if best:
        return best
    return {"samenvatting": "verbreden_verdiepen", "doorvraag": "verbreden_verdiepen"}.get(code, "terugkijken")


#: A student's turn shows a phase when its own cues reach this score.
TOLD_PHASE_MIN = 2.0


def told_phase(student_turn: str) -> str | None:
    """The phase a student's own words show: a concrete experience (terugkijken),
    its meaning (verbreden_verdiepen), a wish or a step. A real transcript has no
    scenario layers; this is what its arc learns from the student's replies."""
    pack = rules()
    scores: dict[str, float] = {}
    _score(pack.student_phases, pack.plain(student_turn), 1.0, scores)
    return _best({k: v for k, v in scores.items() if v >= TOLD_PHASE_MIN}, pack.phase_order)


#: Codes whose competence also follows the student's topic: a follow-up or a
#: restatement says little of its own.
STUDENT_TOPIC_CODES = frozenset({"doorvraag", "samenvatting", "gesloten_vraag", "meervoudige_vraag"})
#: How much the student's turn counts for the competence, and how much when the
#: docent's own words name no competence at all.
STUDENT_WEIGHT = 0.5
BARE_PROBE_WEIGHT = 1.0


def _competence(code: str, fase: str | None, segments: Sequence[Segment], student: str,
                pack: RulePack) -> str | None:
    if code in ("aanmoediging", "overig"):
        return None
    main = next((s for s in segments if s.move == code), None)
    if main and pack.no_competence.first_match(pack.plain(main.text)):
        return None
    # A question about the events of an experience: the workplace is only the scene.
    scene = not (main and pack.event_questions.first_match(pack.plain(main.text)))
    own = " ".join(pack.plain(s.text) for s in segments if s.move not in ("overig", "aanmoediging"))
    scores: dict[str, float] = {}
    _score(pack.competences, own, 1.0, scores, focus_only_adds=True, context_counts=scene)
    if code in STUDENT_TOPIC_CODES or not scores:
        # A bare probe ("Kun je daar meer over vertellen?") takes the student's topic whole.
        weight = BARE_PROBE_WEIGHT if code in STUDENT_TOPIC_CODES and not scores else STUDENT_WEIGHT
        _score(pack.competences, pack.plain(student), weight, scores, focus_only_adds=True, context_counts=scene)
    for name, points in pack.phase_competence.get(fase or "", {}).items():
        for target in (COMPETENTIES if name == "alle" else (name,)):
            scores[target] = scores.get(target, 0.0) + points
    return _best(
        {k: v for k, v in scores.items() if v >= pack.competence_threshold}, COMPETENTIES
    )


# ---------------------------------------------------------------------------
# The turn

_QUESTION_MOVES = frozenset({"open_vraag", "doorvraag", "gesloten_vraag"})
_SECOND_QUESTION = re.compile(
    r"(?:,\s*|\s)(?:en|of),?\s+(?:(?:sinds|vanaf|tot|met|bij|van|voor|over|in|op|naar)\s+)?"
    r"(?:wat|hoe|welke|welk|waar|waarom|wanneer|wie|waardoor|hoeveel)\b"
)
_SECOND_QUESTION_V1 = re.compile(r",?\s+en\s+(?:heb|ben|is|was|kun|kan|kon|wil|wilde|zou|vind|vond|denk|ga|gaat|ging|doe|deed|weet|wist|had|mag|mocht|moet|moest|kreeg|zag)\s+(?:je|jij|u|het|er)\b")


def _question_count(segment: Segment) -> int:
    text = _normal(segment.text)
    return 1 + len(_SECOND_QUESTION.findall(text)) + len(_SECOND_QUESTION_V1.findall(text))


def _takes_up(segment: Segment, pack: RulePack) -> bool:
    """A restatement of the student's last words (not a look back over the whole talk)."""
    return not pack.patterns["terugblik"].first_match(_normal(segment.text))


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


def _echo(text: str, pack: RulePack) -> bool:
    toks = text.split()
    if text.rstrip().endswith(("?", "...", "…")) and len(toks) <= ECHO_WORDS:
        return True
    core = list(words.lowered(_normal(text)))
    return len(core) <= ECHO_WORDS_WITHOUT_SUBJECT and not any(t in _PERSONS or t in _SPEAKER for t in core)


def _assemble(raw: list[Segment], student: str, pack: RulePack) -> list[Segment]:
    """Merge what belongs together: an echo before a question, a check after a summary,
    several questions into one meervoudige vraag."""
    merged: list[Segment] = []
    restated = any(s.move == "samenvatting" and _takes_up(s, pack) for s in raw)
    for index, seg in enumerate(raw):
        if restated and seg.move == "open_vraag" and not pack.patterns["onderwerpwissel"].first_match(_normal(seg.text)):
            # A question after a restatement builds on the student's words.
            seg = Segment(seg.text, seg.start, seg.end, "doorvraag", seg.evidence,
                          "vraagt door na een samenvatting van wat de student zei")
        following = raw[index + 1] if index + 1 < len(raw) else None
        # "Verbaasd. Waarover precies?": a few of the student's words, whatever they
        # look like on their own, lead into the question.
        shape_only = seg.move in ("samenvatting", "overig") or seg.reason in (IMPERATIVE_REASON, CLAIM_REASON)
        echo = shape_only and _echo(seg.text, pack) and (
            seg.move == "samenvatting" or (_repeats(seg.text, student) and not _asks(student, pack)))
        if echo and following is not None and following.move in _QUESTION_MOVES:
            restated = restated or seg.move != "samenvatting"  # the echo makes the question a follow-up
            continue
        merged.append(seg)
    count = sum(_question_count(s) for s in merged if s.move in _QUESTION_MOVES)
    if count < 2:
        return merged
    # Each question keeps its own span, so the UI can mark exactly those words.
    return [
        Segment(s.text, s.start, s.end, "meervoudige_vraag", s.text,
                f"een van {count} vragen in één beurt: de student kan ze niet allemaal beantwoorden")
        if s.move in _QUESTION_MOVES else s
        for s in merged
    ]


def _tips(code: str, segments: Sequence[Segment], pack: RulePack) -> tuple[str, ...]:
    tips = [pack.tips[code]] if code in pack.tips else []
    if any(_normal(s.text).startswith(("waarom", "en waarom", "maar waarom")) for s in segments):
        tips.append(pack.tips["waarom"])
    return tuple(tips)


#: How many earlier student turns a closing summary may draw on.
HISTORY_WINDOW = 8


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


def _clauses(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans split where a comma joins two main clauses (grammar.clause_breaks)."""
    out = []
    for start, end in spans:
        for cut in clause_breaks(text[start:end]):
            piece = text[start:start + cut]
            out.append((start, start + len(piece.rstrip())))
            start += cut + len(text[start + cut:end]) - len(text[start + cut:end].lstrip())
        out.append((start, end))
    return out


def position(index: int, count: int) -> str:
    """Where a segment stands in its turn, as the trained layer names it."""
    if count == 1:
        return "enig"
    return "eerst" if index == 0 else "laatst" if index == count - 1 else "midden"


def _recode(raw: list[Segment], student: str, context: str, trained: AnalysisModel,
            pack: RulePack) -> list[Segment]:
    """Let the trained layer decide each segment whose construction the rules are not sure of."""
    out = []
    for index, seg in enumerate(raw):
        if (seg.move, construction(seg.reason)) in trained.sure:
            out.append(seg)
            continue
        found = trained.move.predict(segment_features(
            seg.text, pack.plain(seg.text), seg.move, seg.reason, student, context,
            position(index, len(raw))))
        if found.label != seg.move and found.probability >= trained.min_probability:
            grammar = explain(found.evidence)
            seg = Segment(seg.text, seg.start, seg.end, found.label, evidence(found.evidence, pack.plain(seg.text)) or seg.text.strip(),
                          f"getrainde laag, {found.probability:.0%} zeker" + (f": {grammar}" if grammar else ""))
        out.append(seg)
    return out


_NO_LABEL = "-"


def _trained_label(trained: LinearModel, features: list[str], allowed: Sequence[str | None]) -> str | None:
    """The trained model's choice among ``allowed`` (None: no phase or competence)."""
    label = trained.predict(features, [a if a else _NO_LABEL for a in allowed]).label
    return None if label == _NO_LABEL else label


def analyse(
    docent_turn: str,
    previous_student_turn: str = "",
    history: Sequence[str] = (),
) -> TurnAnalysis:
    """Analyse one docent turn.

    ``previous_student_turn`` is what the student said just before (empty when
    the docent speaks first); ``history`` holds the student's earlier turns,
    oldest first, of which only the last few are read, so the cost per turn
    does not grow with the conversation.
    """
    return analyse_with(model(), docent_turn, previous_student_turn, history)


def analyse_with(
    trained: AnalysisModel | None,
    docent_turn: str,
    previous_student_turn: str = "",
    history: Sequence[str] = (),
) -> TurnAnalysis:
    """``analyse`` with the given trained layer, or the rules alone (None)."""
    pack = rules()
    text = docent_turn if isinstance(docent_turn, str) else str(docent_turn)
    student = previous_student_turn or ""
    context = " ".join([*history[-HISTORY_WINDOW:], student]) if history else student
    raw = rule_segments(text, student, context, pack)
    if trained is not None:
        raw = _recode(raw, student, context, trained, pack)
    segments = tuple(_assemble(raw, student, pack))
    codes = frozenset(s.move for s in segments)
    code = primary(codes)
    taken = tuple(dict.fromkeys(t.text for t in words.shared(text, student))) if student else ()
    fase = _phase(code, segments, student, pack)
    competentie = _competence(code, fase, segments, student, pack)
    if trained is not None:
        described = turn_features(pack.plain(text), student, code, fase, competentie, len(history))
        if code in PHASELESS:
            fase = None
        else:
            allowed = (None, "opening", "afsluiting") if code == "overig" else (None, *FASEN)
            fase = _trained_label(trained.fase, described, allowed)
        if code not in ("aanmoediging", "overig"):
            competentie = _trained_label(trained.competentie, described, (None, *COMPETENTIES))
    return TurnAnalysis(
        text=text,
        segments=segments,
        codes=codes,
        code=code,
        fase=fase,
        competentie=competentie,
        tips=_tips(code, segments, pack),
        taken_up=taken,
    )
