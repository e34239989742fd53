"""Small builders the tests share: an article from a few sentences of our own."""

from __future__ import annotations

from datetime import date

from geo.extraction.articles import Metadata, article_from_text
from geo.extraction.reader import reader_for
from geo.pipeline import extract
from geo.profiles import load as load_profile

AFGHANISTAN = load_profile("afghanistan-2021")  # the first war, the tests' sentences are of
READER = reader_for(AFGHANISTAN)
HOLDING = AFGHANISTAN.holding

FRIDAY = date(2021, 8, 13)


def claims(text: str, published: date = FRIDAY, profile: str | None = None) -> dict[str, str]:
    """place -> status of every claim extracted from `text` (the last claim wins), read as `profile`'s war."""
    return {e.place: e.status for e in events(text, published, profile)}


def events(text: str, published: date = FRIDAY, profile: str | None = None):
    article = article_from_text(text, "test.txt", Metadata(published=published, title="Test report"))
    return extract([article], reader_for(load_profile(profile))).events
