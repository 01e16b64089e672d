"""The Dutch rule pack (``data/regels.yaml``), compiled once, and the normal form
of a text that every pattern in it is written against.

A trainer may edit the pack, so a mistake in it is a Dutch message at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import chain

from gesprekscoach.analysis.patterns import PatternSet, Scanner
from gesprekscoach.analysis.rulepack_schema import RULE_PACK, order_problems
from gesprekscoach.errors import Problem, UserError
from gesprekscoach.trainerfile import TrainerFile, load, packaged, parse


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
    #: Extra cues for what a real student's reply tells (a transcript has no layers).
    told: CueTable
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
    #: Words of praise and blame, lemmas of verbs that report a thought, feeling or
    #: saying, and modal particles: what the grammar features read (``grammar.read``).
    evaluative: frozenset[str] = frozenset()
    reporting: frozenset[str] = frozenset()
    #: Verbs that tell how a moment was felt, not what happened ("Ik vond het spannend.").
    feeling_verbs: frozenset[str] = frozenset()
    #: Bare requests for the story ("Vertel."), one question with the question after them.
    story_requests: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    #: Every pattern of the pack with the section it stands in, in file order.
    sources: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_yaml(cls, text: str, path: str = "regels.yaml") -> RulePack:
        """The compiled pack; a trainer's mistake in it is a UserError naming the line."""
        return cls.from_file(parse(text, path, RULE_PACK))

    @classmethod
    def from_file(cls, file: TrainerFile) -> RulePack:
        """The compiled pack of a file that passed :data:`RULE_PACK`."""
        problems = order_problems(file)
        if problems:
            raise UserError(*problems)
        path = file.path
        try:
            return cls._compile(file.data)
        except re.error as error:
            raise UserError(file.problem_at_text(str(error.pattern or ""), (
                f"dit patroon is geen geldige reguliere expressie ({error.msg}); "
                "herstel het of zet er # voor"))) from None
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
            told=CueTable.from_yaml(data["verteld"], scanner),
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
            evaluative=frozenset(data.get("oordeelwoorden", ())),
            reporting=frozenset(data.get("weergavewerkwoorden", ())),
            feeling_verbs=frozenset(data["belevingswerkwoorden"]),
            story_requests=frozenset(data["vertelverzoeken"]),
            particles=frozenset(data.get("partikels", ())),
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
    return RulePack.from_file(load(packaged("regels.yaml"), RULE_PACK))


# ---------------------------------------------------------------------------
# The normal form

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
