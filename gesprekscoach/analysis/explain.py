"""The trained layer's strongest features, in words a docent reads."""

from __future__ import annotations

from collections.abc import Iterable

_GRAMMAR = {
    "soort=vraag": "een vraag", "soort=gebiedend": "een gebiedende zin", "soort=uitroep": "een uitroep",
    "soort=mededeling": "een mededeling", "modaal": "een modaal werkwoord (kunnen, moeten, zullen…)",
    "vergrotend": "een vergrotende trap (beter, handiger…)", "bijzin": "een bijzin na het werkwoord",
    "ontkend": "een ontkenning", "ja_nee": "een ja/nee-vraag", "ja_nee_bijzin": "een ja/nee-vraag met een bijzin",
    "ja_nee_ontkend": "een ontkende ja/nee-vraag", "persoon=2": "de student als onderwerp",
    "persoon=1": "de docent als onderwerp", "persoon=3": "iets of iemand anders als onderwerp",
    "modaal_2": "je + een modaal werkwoord", "modaal_2_vergrotend": "je + modaal werkwoord + vergrotende trap",
    "modaal_3": "een modaal werkwoord met 'het' of een ander onderwerp",
}
_CONTEXT = {"geen_student": "geen eerdere studentbeurt", "student_vraagt": "de student stelde een vraag"}


def words_of(feature: str) -> str | None:
    """The docent's own words a feature stands for ("w:kunt_beter" → "kunt beter")."""
    kind, _, value = feature.partition(":")
    return value.replace("_", " ") if kind in ("w", "f1", "f2", "f3", "l1") else None


def describe(feature: str) -> str | None:
    """A feature that is no word of the turn, in Dutch; None when it says nothing to a reader."""
    kind, _, value = feature.partition(":")
    if kind == "g":
        return _GRAMMAR.get(value)
    if kind == "eind":
        return {"vraagteken": "een vraagteken", "uitroepteken": "een uitroepteken"}.get(value)
    if kind == "ctx":
        if value.startswith(("overgenomen=", "eerder=")) and not value.endswith("=0"):
            return "woorden van de student"
        return _CONTEXT.get(value)
    return None


def evidence(features: Iterable[str], text: str) -> str:
    """The words among the strongest ``features``, in the order ``text`` has them:
    what the docent reads as proof."""
    shown: list[str] = []
    for found in (words_of(f) for f in features):
        if found and not any(found in other for other in shown):
            shown = [other for other in shown if other not in found] + [found]
    lower = text.lower()
    return " … ".join(sorted(shown, key=lambda w: (lower.find(w) % (len(lower) + 1), w)))


def explain(features: Iterable[str]) -> str:
    """The grammar and context among the strongest ``features``, joined."""
    shown = [d for d in (describe(f) for f in features) if d]
    return ", ".join(dict.fromkeys(shown))
