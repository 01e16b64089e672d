"""What the tagger's tags say about a sentence: its type, the place of the finite
verb, the subject's person, modality, comparison and a subordinate clause.

These are grammar, not word lists: "je kunt beter", "je zou … kunnen", "het kan
helpen om" share a modal finite verb; "Kan het zijn dat …?" is a yes/no
question with a clause that offers an answer; "Wat heb je dat goed gedaan!" is
an exclamation, not a question.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from gesprekscoach.analysis import words as lexicon
from gesprekscoach.analysis.rulepack import rules
from gesprekscoach.analysis.tagger import tagger, tokenize

#: Finite forms of the modal verbs (kunnen, moeten, zullen, mogen, willen, hoeven).
MODALS = frozenset("""kan kun kunt kunnen kon konden moet moeten moest moesten zou zouden zal zult
zullen mag mogen mocht mochten wil wilt willen wilde wilden hoef hoeft hoeven""".split())
_WH = frozenset(("wat hoe welke welk waar waarom wanneer wie waardoor waarover waarmee waarin waarvan waarop "
                 "hoezo vanwaar").split())
_SECOND = frozenset({"je", "jij", "u", "jullie"})
_FIRST = frozenset({"ik", "we", "wij"})


@dataclass(frozen=True, slots=True)
class Grammar:
    """The grammatical shape of one sentence."""

    words: tuple[str, ...]
    tags: tuple[str, ...]
    #: "vraag", "gebiedend", "uitroep" or "mededeling".
    kind: str
    #: Index of the first finite verb, or -1.
    verb_at: int
    #: Person of the subject: "1", "2", "3" or "" when none was found.
    person: str
    modal: bool
    comparative: bool
    #: A subordinate clause ("dat", "of", "omdat") follows the finite verb.
    clause: bool
    negated: bool
    #: An evaluative word ("goed", "knap", "stom", "jammer"): praise or blame.
    evaluative: bool = False
    #: A verb that reports what someone thinks, feels or says ("vond", "voelde",
    #: "zegt", "klinkt"): the evaluation is the student's, given back.
    reporting: bool = False
    #: A modal particle in the sentence ("wel", "nou", "toch", "eigenlijk").
    particle: bool = False
    #: A yes/no question with a question word inside ("Kun je zeggen hoe…?").
    embedded: bool = False

    def features(self) -> list[str]:
        """Names of what the shape shows, for the trained layer."""
        out = [f"g:soort={self.kind}", f"g:persoon={self.person or '-'}",
               f"g:ww@{min(self.verb_at, 3) if self.verb_at >= 0 else '-'}"]
        out += [f"g:{name}" for name, on in (("modaal", self.modal), ("vergrotend", self.comparative),
                                              ("bijzin", self.clause), ("ontkend", self.negated)) if on]
        if self.kind == "vraag" and self.verb_at == 0:
            out.append("g:ja_nee" + ("_bijzin" if self.clause else "") + ("_ontkend" if self.negated else ""))
            # "Kan het zijn dat…?" offers an answer; "Denk je dat…?" asks for one.
            out.append(f"g:ja_nee_{self.person or '-'}" + ("_bijzin" if self.clause else "")
                       + ("_modaal" if self.modal else ""))
        if self.modal and self.person:
            out.append(f"g:modaal_{self.person}" + ("_vergrotend" if self.comparative else ""))
            if self.negated:
                out.append(f"g:modaal_{self.person}_ontkend")  # "Je kunt hier niet zomaar…"
        if self.evaluative:
            # "Je hebt dat goed gedaan" judges; "Je vond het goed gaan" gives a judgement back.
            given_back = "_weergave" if self.reporting else ""
            out.append("g:oordeelwoord" + given_back)
            out.append(f"g:oordeelwoord_{self.person or '-'}_{self.kind}" + given_back)
        if self.embedded and self.kind == "vraag":
            out.append("g:ja_nee_ingebed")
        if self.particle and self.kind == "vraag" and self.verb_at == 0:
            out.append("g:ja_nee_partikel" + ("_modaal" if self.modal else ""))
        return out


@lru_cache(maxsize=2048)
def read(sentence: str) -> Grammar:
    """The shape of ``sentence`` (one segment of a turn)."""
    words = tuple(tokenize(sentence))
    tags = tuple(tagger().tag(words)) if words else ()
    lower = [w.lower() for w in words]
    content = [i for i, t in enumerate(tags) if t != "LET"]
    verb_at = next((k for k, i in enumerate(content) if tags[i].startswith("WW.pv")), -1)
    person = ""
    if verb_at >= 0:
        around = content[max(verb_at - 1, 0):verb_at + 3]
        for i in around:
            if tags[i].startswith(("VNW.pers", "VNW.pr")):
                person = "2" if lower[i] in _SECOND else "1" if lower[i] in _FIRST else "3"
                break
    end = sentence.rstrip()[-1:] if sentence.strip() else ""
    first = lower[content[0]] if content else ""
    pack = rules()
    evaluative = any(is_evaluative(w, pack.evaluative) for w in lower)
    reporting = any(t.startswith("WW") and lexicon.lemma(w) in pack.reporting for w, t in zip(lower, tags))
    if end == "!" and first == "wat":
        kind = "uitroep"
    elif first == "wat" and end != "?" and evaluative and not reporting and verb_at == 1:
        kind = "uitroep"  # "wat doe je dat goed…": praise typed without "!", no question
    elif end == "?" or first in _WH:
        kind = "vraag"
    elif verb_at == 0 and (len(content) < 2 or not tags[content[1]].startswith(("VNW.pers", "VNW.pr"))
                           or lower[content[1]] not in _SECOND | _FIRST | {"het", "er", "hij", "zij", "ze"}):
        kind = "gebiedend"
    elif verb_at == 0 and end != "?" and lower[content[1]] in ("je", "u") and _commands(
            lower[content[0]], lower[content[2]] if len(content) > 2 else ""):
        kind = "gebiedend"  # "Doe je best", "Bel je mentor": "je" is a possessive, no subject
    elif verb_at == 0:
        kind = "vraag"
    elif end == "!":
        kind = "uitroep"
    else:
        kind = "mededeling"
    after = [tags[i] for i in content[verb_at + 1:]] if verb_at >= 0 else []
    return Grammar(
        words=words, tags=tags, kind=kind, verb_at=verb_at, person=person,
        modal=any(w in MODALS and t.startswith("WW.pv") for w, t in zip(lower, tags)),
        comparative=any(t == "ADJ.comp" for t in tags),
        clause=any(t == "VG.onder" for t in after),
        # "…, of niet?" offers the other answer: an alternative, no negation.
        negated=any(w in ("niet", "geen", "nooit") and lower[i - 1:i] != ["of"] for i, w in enumerate(lower)),
        evaluative=evaluative, reporting=reporting,
        particle=any(w in pack.particles for w in lower),
        # "Kun je zeggen wat je lastig vond?": a yes/no question around an open one.
        embedded=verb_at == 0 and any(lower[i] in _WH for i in content[2:]),
    )


def is_evaluative(word: str, evaluative: frozenset[str]) -> bool:
    """A word of praise or blame, also inflected: "stomme", "goede", "slimme"."""
    return word in evaluative or word.endswith("e") and (word[:-1] in evaluative or (
        len(word) > 3 and word[-2] == word[-3] and word[:-2] in evaluative))


def _commands(verb: str, third: str) -> bool:
    """Whether a verb first with "je" and no question mark reads as an order: the
    verb is no verb that asks ("heb je", "kun je", "vind je") and what follows "je"
    does not show a question ("doe je dat vaak"); the rule pack's lists decide."""
    pack = rules()
    if lexicon.lemma(verb) in pack.question_verbs or verb in pack.question_verbs:
        return False
    return bool(third) and third not in pack.question_after_je


#: Verbs after which a comma opens a quote ("je zei net, ik heb maar twee handen").
_SAYING = frozenset(("zei zegt zeg zeiden noemde noemt noem vertelde vertelt vertel dacht denkt denk vroeg vraagt "
                     "bedoelde bedoelt schreef schrijft riep").split())
_SUBJECTS = frozenset("je jij u ik we wij het dat dit hij zij ze er jullie".split())
#: A clause this short after the comma is an afterthought ("…, denk ik"), no move of its own.
MIN_CLAUSE_WORDS = 3
#: Longer sentences (a pasted text, a list) are not split: every comma would tag the
#: text again, and a spoken sentence is far shorter.
MAX_SPLIT_CHARS = 300
MAX_SPLIT_COMMAS = 6


def clause_breaks(sentence: str) -> list[int]:
    """Offsets in ``sentence`` where a comma joins two main clauses that can make
    two moves: "Roken is slecht, je kunt er beter mee stoppen." A comma after a
    subordinate clause ("Als je moest kiezen, …"), after a verb of saying (a quote)
    or before a short tag ("…, toch?") is no break."""
    breaks: list[int] = []
    if len(sentence) > MAX_SPLIT_CHARS or sentence.count(",") > MAX_SPLIT_COMMAS:
        return breaks
    start = 0
    for comma in [i for i, ch in enumerate(sentence) if ch == ","]:
        left, right = sentence[start:comma], sentence[comma + 1:]
        head = _praise_head(left) if start == 0 else False
        if ((_main_clause(left) or head) and _opens_main_clause(right)
                and not _SAYING & {w.lower() for w in tokenize(left)}):
            breaks.append(comma + 1)
            start = comma + 1
    return breaks


def _praise_head(text: str) -> bool:
    """A verbless evaluation of two or three words before a comma ("Mooi werk jongen,",
    "Knap gedaan,"): a move of its own before the clause after it. One word ("Goed, …")
    is a discourse marker, no praise."""
    shape = read(text)
    content = [w for w, t in zip(shape.words, shape.tags) if t != "LET"]
    return 2 <= len(content) <= 3 and shape.verb_at < 0 and shape.evaluative


def _main_clause(text: str) -> bool:
    shape = read(text)
    content = [(w.lower(), t) for w, t in zip(shape.words, shape.tags) if t != "LET"]
    if len(content) < 2 or shape.verb_at < 0:
        return False
    first, tag = content[0]
    # "Stel dat je moest kiezen, …": a supposition, no main clause to split at.
    return not (tag.startswith("VG.onder") or first in _WH
                or first in ("als", "toen", "omdat", "zodra", "stel", "veronderstel", "gesteld"))


def _opens_main_clause(text: str) -> bool:
    shape = read(text)
    content = [(w.lower(), t) for w, t in zip(shape.words, shape.tags) if t != "LET"]
    if len(content) < MIN_CLAUSE_WORDS:
        return False
    (w0, t0), (w1, t1) = content[0], content[1]
    if w0 in _SUBJECTS and t1.startswith("WW.pv"):
        return True  # "je kunt…", "dat is…"
    if t0.startswith("WW.pv") and w1 in _SUBJECTS:
        return True  # "kun je…", "heb je…"
    return w0 in _WH and t1.startswith("WW.pv")  # "wat deed je…"

