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


def split_sentences(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for boundary in SENTENCE_END.finditer(paragraph):
        head = paragraph[start : boundary.end()].rstrip()  # with its closing quotes: '... "we will fight."'
        if ABBREVIATION_END.search(head, max(0, len(head) - ABBREVIATION_REACH)):
            continue
        sentences.append(head.strip())
        start = boundary.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


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
