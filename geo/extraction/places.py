"""Find place names in sentences against the gazetteer.

A name starts with a capital letter and is the longest run of words whose
folded form the gazetteer knows ("Herat International Airport" before
"Herat"). Runs of capitalised words it does not know are tried fuzzily, so
that "Lashkar Gar" is Lashkar Gah. Village names from GeoNames, which often
equal people's names ("Ismail Khan"), count only when they stand alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from ..records import Article, GazetteerEntry, Mention
from ..text import CAPITALISED, IZAFA, WORD, fold, words
from .gates import required_factors
from .gazetteer import Gazetteer

JOINING = r"[\s\-'’´`]"  # what may stand between the words of one name
JOINER = re.compile(rf"{JOINING}*$")
# Up to two more capitalised words joined to a capitalised one, a connecting vowel or "and" allowed between
# them ("Pul-e Khumeri", "Keran-o-Menjan"): a misspelt name is taken to be no longer.
CONNECTING = (*IZAFA, "o", "wa", "va")
JOINED_CAPITALISED = re.compile(rf"(?:{JOINING}+(?:(?:{'|'.join(CONNECTING)}){JOINING}+)?{CAPITALISED.pattern}){{0,2}}")
WORD_BEFORE = regex.compile(WORD.pattern, regex.REVERSE)


def find_mentions(article: Article, gazetteer: Gazetteer) -> list[Mention]:
    found: list[Mention] = []
    for s in article.sentences:
        named = sentence_mentions(article.id, s.index, s.text, gazetteer)
        if gazetteer.region_of:
            named = [widened(m, s.text, gazetteer) for m in named]
        extra = the_capital(article.id, s.index, s.text, named, gazetteer)
        extra += back_references(s.index, s.text, named, found, gazetteer)
        found.extend(sorted(named + extra, key=lambda m: m.start) if extra else named)
    return found


# "the western Aleppo countryside", "rural Hama", "the countryside of Idlib", "Hama's northern countryside",
# "northeast Syria": a region of a province, or of the country, around the name of either.
COMPASS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
REGION_BEFORE = regex.compile(
    rf"(?:\b(?P<a>{COMPASS})\s+(?P<rural>rural\s+)?|\b(?P<rural2>rural)\s+(?:(?P<b>{COMPASS})\s+)?|"
    rf"\b(?:(?P<c>{COMPASS})\s+)?(?P<of>countryside)\s+of\s+(?:the\s+)?)$",
    regex.I,
)
REGION_AFTER = regex.compile(rf"(?:['’]s)?\s+(?:(?P<d>{COMPASS})\s+)?countryside\b", regex.I)


def widened(mention: Mention, text: str, gazetteer: Gazetteer) -> Mention:
    """The mention, or the region its words name: "western Aleppo countryside" rather than Aleppo."""
    entry = gazetteer.entries[mention.candidates[0]]
    whole = entry.kind == "country" and entry.country == gazetteer.country
    province = "" if whole else province_of(mention, gazetteer)
    if province is None:
        return mention
    before = REGION_BEFORE.search(text, 0, mention.start)
    after = None if whole or entry.kind == "region" else REGION_AFTER.match(text, mention.end)
    if whole:  # "northern Syria"; "rural Syria" is no region of it
        before = before if before and before.group("a") and not before.group("rural") else None
    elif not (after or (before and (before.group("rural") or before.group("rural2") or before.group("of")))):
        before = (
            before if before and before.group("a") and entry.kind == "region" else None
        )  # "northern [Hama countryside]"
    if not (before or after):
        return mention
    compass = [before.group(g) for g in "abc"] if before else []
    compass += [after.group("d")] if after else []
    region = gazetteer.region_of.get((adjective(next((w for w in compass if w), "")), province))
    if region is None:
        return mention
    start = before.start() if before else mention.start
    end = after.end() if after else mention.end
    return Mention(mention.article, mention.sentence, start, end, text[start:end], (region,), mention.score)


def adjective(compass: str) -> str:
    """ "north-west", "northwest" and "northwestern" as the one adjective regions are named with."""
    word = compass.lower().replace("-", "")
    return word if not word or word.endswith("ern") else f"{word}ern"


def province_of(mention: Mention, gazetteer: Gazetteer) -> str | None:
    """The province a mention names, itself, by its capital, or by a countryside of its own; else None."""
    for candidate in mention.candidates:
        entry = gazetteer.entries[candidate]
        if entry.kind == "province" or (entry.kind == "region" and candidate.startswith("region::")):
            return entry.province or entry.name
        if gazetteer.capital.get(candidate) and entry.kind == "city":
            return entry.province
    return None


# "The Taliban entered Ghazni on Thursday. The city fell hours later": "the city" is Ghazni. Not "the city
# of X", not "the city Kunduz" (named already), not "the capital" (Kabul: see CAPITAL).
BACK_NOUNS = r"provincial (?:capital|cent(?:er|re))|city|town|(?P<airport>airport|airfield)"
# "the city's airport" is the airport of the city named before, as "the airport" is.
BACK_REFERENCE = regex.compile(
    rf"\bthe (?:(?:city|town)['’]s\s+)?(?P<ref>{BACK_NOUNS})\b(?!\s+(?:of|in)\b)(?!,?\s+(?-i:[A-Z]))", regex.I
)
BACK_WORDS = required_factors(BACK_NOUNS)  # one is in every match: a cheap test before the pattern
BACK_SENTENCES = 2  # how many sentences back a reference may reach


def back_references(
    index: int, text: str, named: list[Mention], before: list[Mention], gazetteer: Gazetteer
) -> list[Mention]:
    """ "the city", "the provincial capital", "the airport" as the last city named before them (in this
    sentence or the two before), its capital, or its airport: reports name a place once, then refer back."""
    lowered = text.lower()
    if "the " not in lowered or not any(word in lowered for word in BACK_WORDS):  # "the " begins every match
        return []
    found = []
    recent = recent_mentions(before, index - BACK_SENTENCES)
    for ref in BACK_REFERENCE.finditer(text):
        if any(n.start <= ref.start() < n.end for n in named):
            continue
        earlier = [m for m in named if m.end <= ref.start()] + recent
        city = last_city(earlier, gazetteer)
        if city is None:
            continue
        target = [city.id]
        if ref.group("airport"):
            target = [e.id for e in gazetteer.lookup(fold(f"{city.name} airport")) if e.kind == "site"][:1]
        if target:
            found.append(
                Mention(
                    (named or before)[-1].article,
                    index,
                    ref.start(),
                    ref.end(),
                    ref.group(0),
                    tuple(target),
                    100.0,
                    referred=True,
                )
            )
    return found


def recent_mentions(before: list[Mention], first: int) -> list[Mention]:
    """The mentions of sentence `first` on, in order: read back from the end of the article's mentions so
    far (they come in sentence order), not through all of them, so 100,000 sentences that each say "the
    city" take linear time."""
    start = len(before)
    while start and before[start - 1].sentence >= first:
        start -= 1
    return before[start:]


def last_city(mentions: list[Mention], gazetteer: Gazetteer) -> GazetteerEntry | None:
    """The city the nearest mention names: itself, or a province's capital; None if that mention names
    neither (a reference reaches back to the last place named, not past it)."""
    if not mentions:
        return None
    last = max(mentions, key=lambda m: (m.sentence, m.start))
    for candidate in last.candidates:
        entry = gazetteer.entries[candidate]
        if entry.kind == "city":
            return entry
        if candidate in gazetteer.capital_of:
            return gazetteer.entries[gazetteer.capital_of[candidate]]
    return None


@lru_cache(maxsize=8)
def capital_pattern(demonym: str) -> regex.Pattern[str]:
    """ "The Taliban entered the capital": in news of a country the capital is its capital (the profile's);
    not "the provincial capital", not "the capital of Helmand", not "the capital Kabul" (named already)."""
    own = f"{regex.escape(demonym)}|" if demonym else ""
    return regex.compile(
        rf"\bthe (?:(?:{own}country['’]s|nation['’]s)\s+)?capital\b"
        r"(?!\s+(?:of|city of|cities)\b)(?!,?\s+(?-i:[A-Z]))",  # a name follows
        regex.I,
    )


def the_capital(article_id: str, index: int, text: str, named: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    if "capital" not in text.lower():
        return []
    pattern = capital_pattern(gazetteer.demonym)
    found = [m for m in pattern.finditer(text) if not any(n.start <= m.start() < n.end for n in named)]
    capital = gazetteer.lookup(gazetteer.national_capital) if found else []
    ids = tuple(e.id for e in capital if gazetteer.capital.get(e.id))
    # "headed to Kabul after the Taliban took the capital": a writer who has just named the capital means another
    found = [m for m in found if not any(n.end <= m.start() and set(n.candidates) & set(ids) for n in named)]
    return [Mention(article_id, index, m.start(), m.end(), m.group(0), ids, 100.0) for m in found] if ids else []


def sentence_mentions(article_id: str, index: int, text: str, gazetteer: Gazetteer) -> list[Mention]:
    found: list[Mention] = []
    free = 0  # the first offset not yet inside a found name
    for word in CAPITALISED.finditer(text):  # a name starts with a capital: other words are skipped in C
        if word.start() < free:
            continue
        mention = match_at(word, text, gazetteer)
        if mention is None:
            continue
        end, candidates, score = mention
        found.append(Mention(article_id, index, word.start(), end, text[word.start() : end], candidates, score))
        free = end
    return found


def match_at(word: re.Match[str], text: str, gazetteer: Gazetteer):
    """(end offset, candidate ids, score) for the longest name starting at this word, or None."""
    if fold(word.group(0)) in gazetteer.prefixes:
        run, after = spelled_run(word.start(), text, gazetteer)
        for length in range(len(run), 0, -1):
            if ends_badly(run[length - 1], text):
                continue
            name = fold(text[word.start() : run[length - 1].end()])
            following = run[length] if length < len(run) else after
            if name in gazetteer.by_name and accept(name, run[0], run[length - 1], following, text, gazetteer):
                return run[length - 1].end(), gazetteer.by_name[name], 100.0
    found = fuzzy_at(word, text, gazetteer)
    return None if found and in_a_persons_name(word, text) else found


def spelled_run(start: int, text: str, gazetteer: Gazetteer) -> tuple[list[re.Match[str]], re.Match[str] | None]:
    """The words from `start` that still spell the beginning of some name, and the word after them.

    Only words joined by spaces or hyphens (no comma, no period) belong to one name.
    """
    tokens = words(text, start)
    run = [next(tokens)]
    for token in tokens:
        if (
            not JOINER.match(text, run[-1].end(), token.start())
            or fold(text[start : token.end()]) not in gazetteer.prefixes
        ):
            return run, token
        run.append(token)
    return run, None


def fuzzy_at(word: re.Match[str], text: str, gazetteer: Gazetteer):
    """A misspelt name: up to three capitalised words close to a notable place's name.

    Capitalised phrases recur ("The Taliban", "Afghan"): each is looked at once a run, then remembered.
    """
    start = word.start()
    joined = JOINED_CAPITALISED.match(text, word.end())  # never None: it matches the empty string too
    phrase = text[start : joined.end()]  # type: ignore[union-attr]
    if phrase not in gazetteer.fuzzy_spans:
        gazetteer.fuzzy_spans[phrase] = None
        for last in reversed(list(words(phrase))):
            key = fold(phrase[: last.end()])
            if len(key) >= 7 and key not in gazetteer.by_name:
                entries, score = gazetteer.fuzzy(key)
                if entries:
                    gazetteer.fuzzy_spans[phrase] = (
                        last.end(),
                        tuple(e.id for e in entries),
                        score,
                    )
                    break
    known = gazetteer.fuzzy_spans[phrase]
    return (start + known[0], *known[1:]) if known else None


def ends_badly(last: re.Match[str], text: str) -> bool:
    """A name never ends on a connecting vowel ("Mazar-i") or a possessive "'s"."""
    word = last.group(0)
    return word.lower() in IZAFA or (word == "s" and text[last.start() - 1] in "'’´`")


def accept(
    name: str,
    first: re.Match[str],
    last: re.Match[str],
    after: re.Match[str] | None,
    text: str,
    gazetteer: Gazetteer,
) -> bool:
    """Capitals, provinces, sites and foreign places always; a district or village only standing alone.

    District and village names are often people's names too ("Ajmal Kakar", "Ismail Khan"): a name
    touching another capitalised word (other than a sentence's first word or "District") is a person's,
    except in a Title Case headline, where "Anardara District" is a district.
    """
    if name not in gazetteer.plain_names:
        return True
    before = word_before(first, text)
    if before and before.group(0).lower() in TITLES:
        return False  # "Governor Ismail Khan", in any case
    touching_before = before is not None and touches(before, first, text)
    named_kind = after is not None and after.group(0).lower() in PLACE_NOUNS  # "Kang District"
    touching_after = after is not None and not named_kind and touches(last, after, text)
    return not (touching_before or touching_after) or (named_kind and title_cased(text))


def in_a_persons_name(first: re.Match[str], text: str) -> bool:
    """A word after a title or touching a capitalised word ("Sefatullah Samangani") is never taken for a
    misspelt place name, except in a Title Case headline ("Taliban Capture Lashkar Gar")."""
    before = word_before(first, text)
    return before is not None and (
        before.group(0).lower() in TITLES or (touches(before, first, text) and not title_cased(text))
    )


def word_before(first: re.Match[str], text: str) -> re.Match[str] | None:
    """The word before a name, unless it is the sentence's first word (capitalised anyway)."""
    before = WORD_BEFORE.search(text, 0, first.start())
    return before if before and WORD_BEFORE.search(text, 0, before.start()) else None


def touches(left: re.Match[str], right: re.Match[str], text: str) -> bool:
    """Two capitalised words one space apart: parts of one name."""
    return text[left.end() : right.start()].isspace() and left.group(0)[0].isupper() and right.group(0)[0].isupper()


@lru_cache(maxsize=16)  # asked for each name of a sentence: the sentence is read once
def title_cased(text: str) -> bool:
    """A headline in Title Case ("Taliban Capture Anardara District"): its capitals say nothing of names."""
    long_words = [w for w in words(text) if len(w.group(0)) > 3]
    return len(long_words) >= 3 and sum(w.group(0)[0].isupper() for w in long_words) >= 0.8 * len(long_words)


TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "maj",
    "major",
    "capt",
    "captain",
    "sgt",
    "president",
    "minister",
    "governor",
    "commander",
    "spokesman",
    "mullah",
    "haji",
    "sheikh",
}
PLACE_NOUNS = {
    "district",
    "districts",
    "province",
    "city",
    "town",
    "village",
    "valley",
    "area",
    "region",
}
