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


def describe(feature: str) -> str | None:
    """One feature in Dutch, or None for features that say nothing to a reader."""
    kind, _, value = feature.partition(":")
    if kind == "w":
        return f"'{value.replace('_', ' ')}'"
    if kind in ("f1", "f2", "f3"):
        return f"begint met '{value.replace('_', ' ')}'"
    if kind == "l1":
        return f"eindigt op '{value}'"
    if kind == "g":
        return _GRAMMAR.get(value)
    if kind == "eind":
        return {"vraagteken": "een vraagteken", "uitroepteken": "een uitroepteken"}.get(value)
    if kind == "ctx":
        if value.startswith(("overgenomen=", "eerder=")) and not value.endswith("=0"):
            return "woorden van de student"
        return _CONTEXT.get(value)
    return None


def explain(features: Iterable[str]) -> str:
    """The readable ones among ``features``, joined."""
    shown = [d for d in (describe(f) for f in features) if d]
    return ", ".join(dict.fromkeys(shown))
