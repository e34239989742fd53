"""Which of the same-named places a mention means, before it is geocoded.

"Herat province" is the province; "the city of Herat" and "the capital of
Helmand" are cities; of two Qarabaghs, the one nearer the article's other
places wins. It runs for every mention, so each pattern is read backwards
from the name or forwards from its end rather than searched for along the
sentence.
"""

from __future__ import annotations

import math

import regex

from ..records import GazetteerEntry, Mention
from .gates import required_factors
from .gazetteer import Gazetteer

# Names in a list: "Ghazni, Wardak and Logar" (each name capitalised, hyphens and spaces within one).
NAME_LIST = r"(?:(?-i:[A-Z][\w'’-]*)(?:[\s-]+(?-i:[A-Z][\w'’-]*))*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*))"
# "Herat province"; "clashes in central Ghazni and Wardak provinces": each name of the list is a province.
PROVINCE_AFTER = regex.compile(r"\s+province\b", regex.I | regex.A)
PROVINCES_AFTER = regex.compile(
    r"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?-i:[A-Z][\w'’-]*)(?:[\s-]+(?-i:[A-Z][\w'’-]*))*)*\s+provinces\b",
    regex.I | regex.A,
)
# The BEFORE patterns end in `$` and are read backwards from the name (see rules.BACKWARDS).
CITY_BEFORE = regex.compile(r"\b(?:city|town) of\s+$", regex.I | regex.A | regex.REVERSE)
# "the capital of Helmand", "provincial capital of the southern Helmand province": the city is meant; so is
# each of a list ("the provincial centres of Kunduz, Takhar and Samangan").
CAPITAL_BEFORE = regex.compile(
    r"\b(?:capital(?: city)?|capitals|cent(?:er|re)s?|seats?) (?:of|in) (?:the )?(?:\w+['’´]s )?"
    rf"(?-i:(?:[a-z][\w-]* ){{0,4}})(?:province of )?{NAME_LIST}*$",
    regex.I | regex.A | regex.REVERSE,
)
CAPITAL_WORDS = required_factors(CAPITAL_BEFORE)  # one is in every match: a cheap test before the pattern


def choose(mention: Mention, sentence: str, gazetteer: Gazetteer, anchors: list[GazetteerEntry]) -> GazetteerEntry:
    """The one place a mention means, among same-named candidates."""
    candidates = [gazetteer.entries[i] for i in mention.candidates]
    listed = "provinces" in sentence[mention.end :].lower() and PROVINCES_AFTER.match(sentence, mention.end)
    if listed:  # "A and B provinces" names provinces, whatever stands before them
        provinces = [c for c in candidates if c.kind == "province"]
        if provinces:
            return provinces[0]
    seats = [gazetteer.capital_of[i] for i in mention.candidates if i in gazetteer.capital_of]
    if seats and names_a_capital(sentence, mention.start):
        return gazetteer.entries[seats[0]]
    if len(mention.candidates) == 1:
        return candidates[0]
    if PROVINCE_AFTER.match(sentence, mention.end):
        provinces = [c for c in candidates if c.kind == "province"]
        if provinces:
            return provinces[0]
    non_provinces = [c for c in candidates if c.kind != "province"]
    if CITY_BEFORE.match(sentence, 0, mention.start):
        return non_provinces[0] if non_provinces else candidates[0]
    same_rank = [c for c in non_provinces if c.kind == non_provinces[0].kind] if non_provinces else candidates
    located = [c for c in same_rank if c.located]
    if len(located) > 1 and anchors:
        return min(located, key=lambda c: distance_to(c, anchors))
    return (non_provinces or candidates)[0]


def names_a_capital(sentence: str, start: int) -> bool:
    """The words before a province's name make it mean its capital: "the provincial capital of Helmand"."""
    lowered = sentence[:start].lower()
    return any(word in lowered for word in CAPITAL_WORDS) and bool(CAPITAL_BEFORE.match(sentence, 0, start))


def distance_to(entry: GazetteerEntry, anchors: list[GazetteerEntry]) -> float:
    return min(
        math.dist((entry.latitude, entry.longitude), (a.latitude, a.longitude))  # type: ignore[arg-type]
        for a in anchors
    )  # only located entries are compared


def anchors_of(mentions: list[Mention], gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """Places the article names unambiguously: what same-named places are judged against.

    Each once: an article naming Kabul 100,000 times has one anchor there, not 100,000 to measure against.
    """
    found = {
        m.candidates[0]: gazetteer.entries[m.candidates[0]]
        for m in mentions
        if len(m.candidates) == 1 and gazetteer.entries[m.candidates[0]].located
    }
    return list(found.values())
