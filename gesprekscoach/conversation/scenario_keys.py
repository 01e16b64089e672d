"""The keys of a scenario file, what each is for, and what a mistyped key or
layer id was most likely meant to be: the words of the checker's messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from rapidfuzz import fuzz, process, utils

from gesprekscoach.conversation.scenario import REACTION_KEYS, THIRD_PARTY_KEYS

#: Keys of each block: required or not, and what it is for (used in "ontbreekt").
_Keys = Mapping[str, tuple[bool, str]]

TOP_KEYS: Final[_Keys] = {
    "titel": (True, "de titel die de docent in de lijst ziet"),
    "student": (True, "wie de student is: naam, leeftijd, opleiding, niveau, leerweg, situatie"),
    "tags": (False, "trefwoorden om scenario's te zoeken"),
    "openheid": (False, "hoe open de student begint"),
    "concreet": (False, "of vage vragen de student in verwarring brengen"),
    "lagen": (True, "wat de student kan vertellen, laag voor laag"),
    "reacties": (False, "eigen antwoorden op valkuilen, stilte en het onvoorziene"),
    "karakter": (False, "hoe de student dichtklapt: meegaand, dwars of stil"),
    "feiten": (False, "vaste feiten (reizen, wonen, uren, namen) voor feitelijke vragen"),
    "derde": (False, "een praktijkopleider, werkbegeleider of ouder in een trialoog"),
    "doel": (True, "welke lagen een goed gesprek bereikt"),
}
STUDENT_KEYS: Final[_Keys] = {
    "naam": (True, "de voornaam van de student"),
    "leeftijd": (True, "leeftijd in jaren"),
    "opleiding": (True, "de opleiding, bijvoorbeeld 'Verzorgende IG'"),
    "niveau": (True, "mbo-niveau 1 tot en met 4 (1 = entree)"),
    "leerjaar": (False, "het leerjaar"),
    "leerweg": (True, "BOL of BBL"),
    "situatie": (True, "wat de docent vooraf weet"),
}
LAYER_KEYS: Final[_Keys] = {
    "id": (True, "een korte naam om naar deze laag te verwijzen"),
    "fase": (True, "terugkijken, verbreden_verdiepen, vooruitkijken of in_beweging_zetten"),
    "diepte": (True, "1 (klein verhaal) tot en met 3 (diep)"),
    "tekst": (True, "wat de student zegt, één tekst of een lijst varianten"),
    "woorden": (True, "de woorden en thema's waarmee deze laag loskomt"),
    "thema": (False, "lagen met hetzelfde thema vormen één verhaal"),
    "competentie": (False, "de loopbaancompetentie waar deze laag over gaat"),
    "na": (False, "de id van de laag die eerst verteld moet zijn"),
    "openheid_nodig": (False, "hoe open de student minstens moet zijn"),
}
GOAL_KEYS: Final[_Keys] = {
    "lagen": (True, "de ids van de lagen die een goed gesprek bereikt"),
    "diepste": (False, "de id van de diepste laag die een goed gesprek bereikt"),
    "omschrijving": (False, "het doel in een zin, voor het verslag"),
}
REACTION_BLOCK: Final[_Keys] = {key: (False, "") for key in REACTION_KEYS}
FACT_KEYS: Final[_Keys] = {
    "id": (True, "een korte naam voor dit feit"),
    "woorden": (True, "de woorden waaraan je een vraag over dit feit herkent"),
    "antwoord": (True, "wat de student antwoordt, één tekst of varianten die hetzelfde zeggen"),
}
THIRD_KEYS: Final[_Keys] = {
    "rol": (True, "praktijkopleider, werkbegeleider of ouder"),
    "naam": (True, "hoe de derde heet, zoals de docent hem of haar aanspreekt"),
    "omschrijving": (False, "wie de derde is en wat die wil, voor de docent"),
    "aanspreken": (False, "extra woorden waaraan je hoort dat de docent de derde aanspreekt"),
    "ongevraagd": (False, "kans (0 tot 1) dat de derde ongevraagd iets zegt"),
    "teksten": (True, "wat de derde zegt: aangesproken, neemt_over, antwoordt_voor, vult_aan, meedenken, reageert"),
}
THIRD_LINES: Final[_Keys] = {
    key: (key in ("aangesproken", "neemt_over"), "een lijst zinnen") for key in THIRD_PARTY_KEYS
}

_BLOCKS: Final[dict[str, _Keys]] = {
    "het scenario": TOP_KEYS, "student": STUDENT_KEYS, "een laag": LAYER_KEYS,
    "doel": GOAL_KEYS, "reacties": REACTION_BLOCK, "een feit": FACT_KEYS, "derde": THIRD_KEYS,
    "teksten": THIRD_LINES,
}


def suggestion(word: str, options: Iterable[str]) -> str | None:
    """The option closest to a mistyped ``word``, if one is close enough."""
    found = process.extractOne(
        word, list(options), scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=60
    )
    return found[0] if found else None


def _unknown_key(name: str, where: str, keys: _Keys, guess: str | None) -> str:
    if guess:
        return f"onbekende sleutel '{name}' in {_where(where)}; bedoelde je '{guess}'?"
    home = next((block for block, other in _BLOCKS.items() if other is not keys and name in other), None)
    if home:
        return f"sleutel '{name}' hoort niet in {_where(where)} maar in {_where(home)}"
    return f"onbekende sleutel '{name}' in {_where(where)}; mogelijk zijn: {', '.join(keys)}"


def _dangling(key: str, target: str, layers: Mapping[str, object]) -> str:
    guess = suggestion(target, layers)
    hint = f"; bedoelde je '{guess}'?" if guess else f"; bestaande lagen: {', '.join(layers)}"
    return f"'{key}' verwijst naar laag '{target}', maar die bestaat niet{hint}"


def _where(block: str) -> str:
    return block if block.startswith(("het ", "een ", "laag ")) else f"'{block}'"
