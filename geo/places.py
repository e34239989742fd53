"""Step 2: find place names in sentences against the gazetteer.

A name starts with a capital letter and is the longest run of words whose
folded form the gazetteer knows ("Herat International Airport" before
"Herat"). Runs of capitalised words it does not know are tried fuzzily, so
that "Lashkar Gar" is Lashkar Gah. Village names from GeoNames, which often
equal people's names ("Ismail Khan"), count only when they stand alone.
"""
from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .records import Article, Mention
from .text import IZAFA, fold, words

JOINER = re.compile(r"^[\s\-'’´`]*$")  # what may stand between the words of one name
MAX_FUZZY_WORDS = 3
UNSEEN = object()


def find_mentions(article: Article, gazetteer: Gazetteer) -> list[Mention]:
    found = []
    for s in article.sentences:
        named = sentence_mentions(article.id, s.index, s.text, gazetteer)
        found.extend(sorted(named + the_capital(article.id, s.index, s.text, named, gazetteer),
                            key=lambda m: m.start))
    return found


# "The Taliban entered the capital": in news of Afghanistan the capital is Kabul; not "the provincial
# capital", not "the capital of Helmand", not "the capital Kabul" (named already).
CAPITAL = re.compile(r"(?<!provincial )\bthe (?:(?:afghan|country['’]s|nation['’]s)\s+)?capital\b"
                     r"(?!\s+(?:of|city of|cities)\b)(?!,?\s+[A-Z])", re.I)


def the_capital(article_id: str, index: int, text: str, named: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    found = [m for m in CAPITAL.finditer(text) if not any(n.start <= m.start() < n.end for n in named)]
    kabul = tuple(e.id for e in gazetteer.lookup("kabul") if gazetteer.capital.get(e.id)) if found else ()
    return [Mention(article_id, index, m.start(), m.end(), m.group(0), kabul, 100.0) for m in found] if kabul else []


def sentence_mentions(article_id: str, index: int, text: str, gazetteer: Gazetteer) -> list[Mention]:
    tokens = list(words(text))
    found: list[Mention] = []
    free = 0  # the first token not yet inside a found name
    for i, token in enumerate(tokens):
        if i < free or not token.group(0)[0].isupper():
            continue
        mention = match_at(tokens, i, text, gazetteer)
        if mention is None:
            continue
        length, candidates, score = mention
        start, end = tokens[i].start(), tokens[i + length - 1].end()
        found.append(Mention(article_id, index, start, end, text[start:end], candidates, score))
        free = i + length
    return found


def match_at(tokens: list[re.Match[str]], i: int, text: str, gazetteer: Gazetteer):
    """(words used, candidate ids, score) for the longest name starting at token i, or None."""
    word = tokens[i].group(0)
    span_words = gazetteer.first_words.get(fold(word), 0)
    if not span_words and (i + 1 == len(tokens) or not tokens[i + 1].group(0)[0].isupper()):
        known = gazetteer.fuzzy_spans.get(word, UNSEEN)  # a lone capitalised word, seen before
        if known is not UNSEEN:
            return known
    run = joined_run(tokens, i, text, max(span_words * 2, MAX_FUZZY_WORDS))
    for length in range(min(len(run), span_words * 2), 0, -1):
        if ends_badly(run, length, text):
            continue
        entries = gazetteer.lookup(fold(text[run[0].start():run[length - 1].end()]))
        if entries and accept(entries, tokens, i, length, text, gazetteer):
            return length, tuple(e.id for e in entries), 100.0
    return fuzzy_at(run, text, gazetteer)


def fuzzy_at(run: list[re.Match[str]], text: str, gazetteer: Gazetteer):
    """A misspelt name: up to three capitalised words close to a notable place's name."""
    length = 1
    while length < min(len(run), MAX_FUZZY_WORDS) and run[length].group(0)[0].isupper():
        length += 1
    words_text = text[run[0].start():run[length - 1].end()]
    if words_text not in gazetteer.fuzzy_spans:  # capitalised phrases recur: "The Taliban", "Afghan"
        gazetteer.fuzzy_spans[words_text] = None
        for size in range(length, 0, -1):
            key = fold(text[run[0].start():run[size - 1].end()])
            if len(key) >= 7 and key not in gazetteer.by_name:
                entries, score = gazetteer.fuzzy(key)
                if entries:
                    gazetteer.fuzzy_spans[words_text] = (size, tuple(e.id for e in entries), score)
                    break
    return gazetteer.fuzzy_spans[words_text]


def ends_badly(run: list[re.Match[str]], length: int, text: str) -> bool:
    """A name never ends on a connecting vowel ("Mazar-i") or a possessive "'s"."""
    last = run[length - 1].group(0)
    return last.lower() in IZAFA or (last == "s" and text[run[length - 1].start() - 1] in "'’´`")


def joined_run(tokens: list[re.Match[str]], i: int, text: str, limit: int) -> list[re.Match[str]]:
    """Tokens from i on that are joined by spaces or hyphens only (no comma, no period)."""
    run = [tokens[i]]
    for nxt in tokens[i + 1:i + limit]:
        if not JOINER.match(text[run[-1].end():nxt.start()]):
            break
        run.append(nxt)
    return run


def accept(entries, tokens, i: int, length: int, text: str, gazetteer: Gazetteer) -> bool:
    """Capitals, provinces, sites and foreign places always; a district or village only standing alone.

    District and village names are often people's names too ("Ajmal Kakar", "Ismail Khan"): a name
    touching another capitalised word (other than a sentence's first word or "District") is a person's.
    """
    if any(e.kind not in ("district", "city") or e.country != "AF" or gazetteer.capital.get(e.id) for e in entries):
        return True
    before = tokens[i - 1] if i > 1 else None
    after = tokens[i + length] if i + length < len(tokens) else None
    touching_before = before and (before.group(0).lower() in TITLES or (
        text[before.end():tokens[i].start()].isspace() and before.group(0)[0].isupper()))
    touching_after = (after and text[tokens[i + length - 1].end():after.start()].isspace()
                      and after.group(0)[0].isupper() and after.group(0).lower() not in PLACE_NOUNS)
    return not (touching_before or touching_after)


TITLES = {"mr", "mrs", "ms", "dr", "gen", "general", "col", "colonel", "lt", "maj", "major", "capt", "captain",
          "sgt", "president", "minister", "governor", "commander", "spokesman", "mullah", "haji", "sheikh"}
PLACE_NOUNS = {"district", "districts", "province", "city", "town", "village", "valley", "area", "region"}
