"""Text primitives shared by the steps: folding names, words with offsets, sentences.

Sentences are split by a small rule set rather than a trained splitter: news
prose is regular, and the extractor has a budget of about a millisecond per
article, which pysbd or a model cannot meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# Letters only: a hyphen or an apostrophe separates words, so that
# "Mazar-i-Sharif", "Mazar-e Sharif" and "Mazar i Sharif" fold alike.
LETTER = r"[^\W\d_]"
WORD = re.compile(rf"{LETTER}+")
# Every capital letter str.isupper() knows in the Basic Multilingual Plane, as one class: a scan for
# capitalised words then skips the rest of a sentence in C instead of looking at every word.
UPPER = "[" + "".join(re.escape(c) for c in map(chr, range(0x10000)) if c.isupper() and c.isalpha()) + "]"
CAPITALISED = re.compile(rf"{UPPER}(?<!{LETTER}.){LETTER}*")
# The connecting vowels of Dari/Pashto compounds, dropped when folding.
IZAFA = {"i", "e", "ye", "yi"}
POSSESSIVE_S = re.compile(r"'s\b")
APOSTROPHES = str.maketrans({"’": "'", "´": "'", "`": "'", "‘": "'"})


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """A matching key: no accents, lower case, izafa dropped, words single-spaced."""
    plain = unicodedata.normalize("NFKD", name.translate(APOSTROPHES))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = POSSESSIVE_S.sub("", plain)
    return " ".join(w for w in WORD.findall(plain) if w not in IZAFA)


def lower_case(text: str) -> str:
    """text.lower(), each character where it stood: a few letters lower to two ("İ"), and offsets must hold."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) > 1 else c.lower() for c in text)


def words(text: str, start: int = 0) -> Iterator[re.Match[str]]:
    return WORD.finditer(text, start)


ABBREVIATIONS = (
    "Mr Mrs Ms Dr Gen Lt Col Maj Capt Sgt Gov Sen Rep Prof St Jan Feb Mar Apr Jun Jul Aug "
    "Sep Sept Oct Nov Dec No Vol vs etc Inc Ltd Co Corp Jr Sr U.S U.K U.N E.U"
).split()
# A sentence ends at . ! or ? (with closing quotes or brackets) followed by space
# and a capital, a digit or an opening quote; not after a known abbreviation
# or a single capital initial.
SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["“‘'(\[]?[A-Z0-9])""")  # starts with its mark: found in C
ABBREVIATION_END = re.compile(r"(?:\b(?:" + "|".join(re.escape(a) for a in ABBREVIATIONS) + r")|\b[A-Z])\.[\"'”’)\]]*$")


ABBREVIATION_REACH = 12  # the longest an ABBREVIATION_END match can be, and then some
# No sentence a reporter writes is this long (the longest in every corpus here is under 500 characters); a
# longer run of text (a list of 50,000 places, a file with no full stop) is cut into pieces of at most this
# size, so that the work done per sentence, which grows faster than its length, stays bounded.
MAX_SENTENCE = 2_000
LIST_BREAK = re.compile(r"[,;]\s")  # a piece ends after a comma or a semicolon where there is one, else at a space
SPACE = re.compile(r"\s")


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, each at most MAX_SENTENCE characters long."""
    return [piece for sentence in read_sentences(paragraph) for piece in cut(sentence)]


def cut(sentence: str) -> list[str]:
    """A sentence as it is, or, past MAX_SENTENCE, pieces of it cut at a comma or a space where there is one."""
    if len(sentence) <= MAX_SENTENCE:
        return [sentence]
    pieces: list[str] = []
    start = 0
    while len(sentence) - start > MAX_SENTENCE:
        limit, reach = start + MAX_SENTENCE, start + MAX_SENTENCE // 2
        end = last_end(LIST_BREAK, sentence, reach, limit) or last_end(SPACE, sentence, reach, limit) or limit
        pieces.append(sentence[start:end].strip())
        start = end
    pieces.append(sentence[start:].strip())
    return [p for p in pieces if p]


def last_end(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    found = 0
    for match in pattern.finditer(text, start, end):
        found = match.end()
    return found


def read_sentences(paragraph: str) -> list[str]:
    """Sentences as the marks that end them say; each candidate end looks back at most a few characters, so
    a paragraph of abbreviations ("A. A. A. ...") is read in one pass."""
    sentences: list[str] = []
    start = 0
    for boundary in SENTENCE_END.finditer(paragraph):
        end = boundary.start() + len(boundary.group(0).rstrip())  # with its closing quotes: '... "we will fight."'
        window = max(start, end - ABBREVIATION_REACH - 1)  # one character more: a word boundary looks back at it
        if ABBREVIATION_END.search(paragraph[window:end], max(0, end - ABBREVIATION_REACH - window)):
            continue
        sentences.append(paragraph[start:end].strip())
        start = boundary.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


UNPRINTABLE = re.compile(r"[^\S ]|[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """Text safe to print on one terminal line: a newline, an ANSI escape or an undecodable byte of a file
    name shows as its escape (\\n, \\x1b, \\udcff) instead of moving the cursor or forging a line."""
    return UNPRINTABLE.sub(lambda m: repr(m.group(0))[1:-1], text)


def paragraphs(text: str) -> list[str]:
    """Each non-blank line is a block (a paragraph, a headline, a dateline), whitespace normalised."""
    return [
        line if single_spaced(line) else " ".join(line.split())
        for line in text.splitlines()
        if not line.isspace() and line
    ]


def single_spaced(line: str) -> bool:
    """Already normal, as most lines are: printable text holds no whitespace but the plain space."""
    return line.isprintable() and "  " not in line and line[0] != " " and line[-1] != " "
